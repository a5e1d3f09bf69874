"""The exactly-once claims: one `Reminder` row per pledge, reason and period, inserted once.

A scan runs in one transaction: one killed half-way claims nothing, and its retry starts
over. Rows another scan already inserted are left alone (ON CONFLICT DO NOTHING).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection, transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone

from commitments.models import Reminder, ReminderReason
from commitments.reminders import milestones, rules
from commitments.reminders.digest import digest_build, digest_period, digest_recipients

# On PostgreSQL the scan is one INSERT ... SELECT from a temporary table of candidates.
# Elsewhere it reads pledges in batches and issues two queries per batch (read, insert),
# so its query count depends on the number of batches, never on the number of pledges.
READ_BATCH = 5000
# Rows per INSERT there; SQLite's own limit on parameters is lower and wins.
INSERT_BATCH = 10000


@dataclass
class ScanResult:
    today: date
    claimed: int
    owner_ids: list[int] = field(default_factory=list)


def reminders_claim(*, today: date | None = None) -> ScanResult:
    """Insert the reminders due today; return the owners who have unsent ones."""
    today = today or timezone.localdate()
    now = timezone.now()
    last_overdue = (
        Reminder.objects.filter(commitment=OuterRef("pk"), reason=ReminderReason.OVERDUE)
        .order_by("-scan_date")
        .values("scan_date")[:1]
    )
    candidates = (
        rules.candidates(today)
        .filter(owner__isnull=False, owner__is_active=True)
        .exclude(owner__email="")
        .annotate(last_overdue=Subquery(last_overdue))
        .order_by("pk")
    )
    with transaction.atomic():
        # Milestones due soon remind their pledge's owner too.
        if connection.vendor == "postgresql":
            claimed = _claim_in_sql(candidates, today=today, now=now)
            claimed += milestones.claim(today=today, now=now)
        else:
            _claim_in_batches(candidates, today=today, now=now)
            milestones.claim(today=today, now=now)  # counted with the rest just below
            claimed = Reminder.objects.filter(created_at=now, scan_date=today).count()
        # Unsent rows from earlier scans (a mail server that was down) go out too.
        owner_ids = list(
            Reminder.objects.filter(sent_at__isnull=True, commitment__isnull=False)
            .order_by("owner_id")
            .values_list("owner_id", flat=True)
            .distinct()
        )
    return ScanResult(today=today, claimed=claimed, owner_ids=owner_ids)


def _claim_in_sql(candidates: QuerySet, *, today: date, now: datetime) -> int:
    """Every claim of the scan set-wise in SQL: the rules of `rules.reasons` written in SQL,
    so no pledge travels to Python and back. Returns the number of rows inserted (the claims
    no earlier scan held).

    The candidates are read into a temporary table first: an INSERT reading them straight
    from a subquery on the table it fills would look up each pledge's last overdue reminder
    among the rows it is inserting, which on a table the planner believes empty turns into
    a scan per pledge. JIT compiling is off for the scan: the query is cheap per row, and
    compiling it costs more than it saves.
    """
    due_soon_days, repeat_days, stale_days = rules.rule_days()
    pledges = candidates.annotate(progress_day=TruncDate("last_progress_at")).values(
        "pk", "owner_id", "due_date", "progress_day", "last_overdue"
    )
    sql, params = pledges.query.sql_with_params()
    table = Reminder._meta.db_table
    day = today.isoformat()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(f"CREATE TEMPORARY TABLE scan_candidates ON COMMIT DROP AS {sql}", params)
        cursor.execute(
            f"""INSERT INTO {table}
                (commitment_id, owner_id, reason, period, scan_date, created_at,
                 attempts, last_error)
            SELECT c.pk, c.owner_id, claim.reason, claim.period, %s::date, %s, 0, ''
            FROM scan_candidates AS c CROSS JOIN LATERAL (
                SELECT %s AS reason, to_char(c.due_date, 'YYYY-MM-DD') AS period
                WHERE c.due_date BETWEEN %s::date AND %s::date + %s::integer
                UNION ALL
                SELECT %s, to_char(c.due_date, 'YYYY-MM-DD') || '@' || %s
                WHERE c.due_date < %s::date
                  AND (c.last_overdue IS NULL OR %s::date - c.last_overdue >= %s::integer)
                UNION ALL
                SELECT %s, to_char(c.progress_day, 'YYYY-MM-DD') || '#'
                    || ((%s::date - c.progress_day) / %s::integer)::text
                WHERE %s::date - c.progress_day >= %s::integer
            ) AS claim
            ON CONFLICT DO NOTHING""",
            [
                today,
                now,
                ReminderReason.DUE_SOON.value,
                today,
                today,
                due_soon_days,
                ReminderReason.OVERDUE.value,
                day,
                today,
                today,
                repeat_days,
                ReminderReason.STALE.value,
                today,
                stale_days,
                today,
                stale_days,
            ],
        )
        claimed = cursor.rowcount
        # Dropped here, not only at commit: a scan inside a longer transaction (a test,
        # a command) may run twice before it commits.
        cursor.execute("DROP TABLE scan_candidates")
        return claimed


def _claim_in_batches(candidates: QuerySet, *, today: date, now: datetime) -> None:
    """The same claims worked out in Python (`rules.reasons`), a batch of pledges at a time."""
    days = rules.rule_days()
    zone = timezone.get_current_timezone()
    rows_of = candidates.values_list(
        "pk", "owner_id", "due_date", "last_progress_at", "last_overdue"
    )
    last_pk = 0
    while True:
        rows = list(rows_of.filter(pk__gt=last_pk)[:READ_BATCH])
        if not rows:
            break
        last_pk = rows[-1][0]
        Reminder.objects.bulk_create(
            [
                Reminder(
                    commitment_id=pk,
                    owner_id=owner_id,
                    reason=reason,
                    period=period,
                    scan_date=today,
                    created_at=now,
                )
                for pk, owner_id, due_date, last_progress_at, last_overdue in rows
                for reason, period in rules.reasons(
                    due_date, last_progress_at.astimezone(zone).date(), today, days, last_overdue
                )
            ],
            ignore_conflicts=True,
            batch_size=INSERT_BATCH,
        )
        if len(rows) < READ_BATCH:
            break


def digest_claim(*, today: date | None = None) -> list[int]:
    """Claim this week's digest for every manager; return those not yet sent it.

    Quiet weeks (nothing overdue, stale, unowned or closed) claim nothing.
    """
    today = today or timezone.localdate()
    if digest_build(today=today).is_empty:
        return []
    period = digest_period(today)
    with transaction.atomic():
        Reminder.objects.bulk_create(
            [
                Reminder(owner_id=pk, reason=ReminderReason.DIGEST, period=period, scan_date=today)
                for pk in digest_recipients().values_list("pk", flat=True)
            ],
            ignore_conflicts=True,
        )
        return list(
            Reminder.objects.filter(
                reason=ReminderReason.DIGEST, period=digest_period(today), sent_at__isnull=True
            )
            .order_by("owner_id")
            .values_list("owner_id", flat=True)
        )
