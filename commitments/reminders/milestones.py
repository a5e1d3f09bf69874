"""A milestone due soon reminds its pledge's owner, as a pledge due soon does.

The claim is a `Reminder` of its pledge with the reason "milestone due" and a period naming
the milestone and its due date, so each milestone's due date is reminded once, and a
milestone whose date moves is reminded again for the new date.
"""

from __future__ import annotations

from datetime import date, datetime

from commitments import states, tracking
from commitments.models import Commitment, Milestone, Reminder, ReminderReason


def period(milestone_id: int, due_date: date) -> str:
    return f"m{milestone_id}@{due_date.isoformat()}"


def _due_soon(today: date):
    return (
        tracking.milestones_due_soon(today)
        .filter(commitment__owner__isnull=False, commitment__owner__is_active=True)
        .exclude(commitment__owner__email="")
    )


def claim(*, today: date, now: datetime) -> int:
    """Claim today's milestone reminders (ON CONFLICT DO NOTHING): one read, and one insert
    when any milestone is due soon. Returns how many rows this scan inserted."""
    rows = list(
        _due_soon(today).values_list("pk", "due_date", "commitment_id", "commitment__owner_id")
    )
    if not rows:
        return 0
    Reminder.objects.bulk_create(
        [
            Reminder(
                commitment_id=commitment_id,
                owner_id=owner_id,
                reason=ReminderReason.MILESTONE_DUE,
                period=period(pk, due_date),
                scan_date=today,
                created_at=now,
            )
            for pk, due_date, commitment_id, owner_id in rows
        ],
        ignore_conflicts=True,
    )
    return Reminder.objects.filter(
        reason=ReminderReason.MILESTONE_DUE, created_at=now, scan_date=today
    ).count()


def still_true(commitment: Commitment, reminder_period: str, today: date) -> bool:
    """The milestone is still open and due soon on the date claimed, its pledge still open
    and not snoozed."""
    if not states.is_open(commitment) or states.is_snoozed(commitment, today):
        return False
    found = tracking.milestones_due_soon(today).filter(commitment=commitment)
    return any(
        due is not None and period(pk, due) == reminder_period
        for pk, due in found.values_list("pk", "due_date")
    )


def describe(commitment: Commitment, today: date) -> str:
    found: list[Milestone] = list(
        tracking.milestones_due_soon(today).filter(commitment=commitment).order_by("due_date")
    )
    if not found:
        return "a milestone is due soon"
    parts = []
    for milestone in found:
        assert milestone.due_date is not None
        days = (milestone.due_date - today).days
        when = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
        parts.append(f"milestone “{milestone.title}” due {when} ({milestone.due_date:%d %b %Y})")
    return "; ".join(parts)
