"""The exactly-once claims: one `Reminder` row per pledge, reason and period, inserted once.

A scan runs in one transaction: one killed half-way claims nothing, and its retry starts
over. Rows another scan already inserted are left alone (ON CONFLICT DO NOTHING).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from commitments.models import Reminder, ReminderReason
from commitments.reminders import rules
from commitments.reminders.digest import digest_build, digest_period, digest_recipients


@dataclass
class ScanResult:
    today: date
    claimed: int
    owner_ids: list[int] = field(default_factory=list)


def reminders_claim(*, today: date | None = None) -> ScanResult:
    """Insert the reminders due today; return the owners who have unsent ones."""
    today = today or timezone.localdate()
    with transaction.atomic():
        claimed = _insert(rules.claim_rows(today), today=today, now=timezone.now())
        # Unsent rows from earlier scans (a mail server that was down) go out too.
        owner_ids = list(
            Reminder.objects.filter(sent_at__isnull=True, commitment__isnull=False)
            .order_by("owner_id")
            .values_list("owner_id", flat=True)
            .distinct()
        )
    return ScanResult(today=today, claimed=claimed, owner_ids=owner_ids)


def _insert(rows: QuerySet, *, today: date, now: datetime) -> int:
    """Every claim in one INSERT ... SELECT ... ON CONFLICT DO NOTHING, so no pledge travels
    to Python and back. Returns the number of rows inserted (the claims no earlier scan
    held)."""
    sql, params = rows.query.sql_with_params()
    ops = connection.ops
    with connection.cursor() as cursor:
        # The claims are read into a temporary table first: an INSERT reading them straight
        # from the table it fills may, when the planner believes that table empty, scan it
        # once per pledge for the overdue repeat.
        cursor.execute(f"CREATE TEMPORARY TABLE scan_claims AS {sql}", params)
        # "WHERE true" keeps SQLite from reading ON CONFLICT as part of the SELECT.
        cursor.execute(
            f"""INSERT INTO {Reminder._meta.db_table}
                (commitment_id, owner_id, reason, period, scan_date, created_at,
                 attempts, last_error)
            SELECT claim_commitment, claim_owner, claim_reason, claim_period, %s, %s, 0, ''
            FROM scan_claims WHERE true
            ON CONFLICT DO NOTHING""",
            [ops.adapt_datefield_value(today), ops.adapt_datetimefield_value(now)],
        )
        claimed = cursor.rowcount
        # Dropped at once: a scan inside a longer transaction may run twice before it commits.
        cursor.execute("DROP TABLE scan_claims")
        return claimed


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
