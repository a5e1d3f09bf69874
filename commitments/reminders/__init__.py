"""Reminders: who is reminded of what, claimed once and delivered once.

The rules (settings, all in days):
- due soon: open, due today or within REMINDER_DUE_SOON_DAYS; one reminder per due date;
- overdue: open and past due; again REMINDER_REPEAT_DAYS after the last overdue reminder;
- stale: open, no progress update for STALE_AFTER_DAYS; again every STALE_AFTER_DAYS while
  nothing is recorded, and a progress update starts afresh;
- closed pledges, snoozed pledges and pledges without an owner never remind an owner; open
  pledges without an owner go to the managers' weekly digest instead.

The modules, each importing only those above it:
- `sql`: the pieces of SQL the claims are written with (an ISO date, days between dates);
- `milestones`: a milestone due soon reminds its pledge's owner;
- `rules`: which reminders a pledge is due on a day (from `commitments.states`), and all of
  a day's claims as one query built from those same expressions;
- `attention`: the list one person is shown, on `/attention/` and in their e-mail;
- `digest`: the managers' week in numbers;
- `claims`: the exactly-once claims: one `Reminder` row per pledge, reason and period under a
  unique constraint, inserted by one INSERT ... SELECT ... ON CONFLICT DO NOTHING, so a
  second scan, a retried task or a second beat inserts nothing new;
- `delivery`: lock a recipient's unsent rows, send one e-mail, mark them sent in the same
  transaction (a failed send leaves them for the retry); one loop for the command and tests,
  the same claims and sends for the Celery tasks.

E-mails are built by `commitments.emails`, which knows nothing of pledges.
"""
