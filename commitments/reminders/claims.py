"""The exactly-once claims: one `Reminder` row per pledge, reason and period, inserted once.

A scan runs in one transaction: one killed half-way claims nothing, and its retry starts
over. Rows another scan already inserted are left alone (ON CONFLICT DO NOTHING).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from commitments.models import Reminder, ReminderReason
from commitments.reminders import rules
from commitments.reminders.digest import digest_build, digest_period, digest_recipients

# Pledges read per query. The scan issues two queries per batch (read, insert), so its
# query count depends on the number of batches, never on the number of pledges in one.
READ_BATCH = 5000
# Rows per INSERT on PostgreSQL; SQLite's own limit on parameters is lower and wins there.
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
        .values_list("pk", "owner_id", "due_date", "last_progress_at", "last_overdue")
    )
    days = rules.rule_days()
    zone = timezone.get_current_timezone()
    with transaction.atomic():
        last_pk = 0
        while True:
            rows = list(candidates.filter(pk__gt=last_pk)[:READ_BATCH])
            if not rows:
                break
            last_pk = rows[-1][0]
            claims = [
                (pk, owner_id, reason, period)
                for pk, owner_id, due_date, last_progress_at, last_overdue in rows
                for reason, period in rules.reasons(
                    due_date, last_progress_at.astimezone(zone).date(), today, days, last_overdue
                )
            ]
            _insert_claims(claims, today=today, now=now)
            if len(rows) < READ_BATCH:
                break
        claimed = Reminder.objects.filter(created_at=now, scan_date=today).count()
        # Unsent rows from earlier scans (a mail server that was down) go out too.
        owner_ids = list(
            Reminder.objects.filter(sent_at__isnull=True, commitment__isnull=False)
            .order_by("owner_id")
            .values_list("owner_id", flat=True)
            .distinct()
        )
    return ScanResult(today=today, claimed=claimed, owner_ids=owner_ids)


def _insert_claims(claims: list[tuple[int, int, str, str]], *, today: date, now: datetime):
    """INSERT the claims, skipping any another scan already holds: one statement."""
    if not claims:
        return
    if connection.vendor == "postgresql":
        # Building 100,000 model instances costs more than the scan's SQL; on PostgreSQL
        # the rows go in as four arrays instead.
        commitment_ids, owner_ids, reasons, periods = map(list, zip(*claims, strict=True))
        table = Reminder._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"""INSERT INTO {table}
                    (commitment_id, owner_id, reason, period, scan_date, created_at,
                     attempts, last_error)
                SELECT c, o, r, p, %s, %s, 0, ''
                FROM unnest(%s::bigint[], %s::bigint[], %s::text[], %s::text[]) AS t(c, o, r, p)
                ON CONFLICT DO NOTHING""",
                [today, now, commitment_ids, owner_ids, reasons, periods],
            )
        return
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
            for pk, owner_id, reason, period in claims
        ],
        ignore_conflicts=True,
        batch_size=INSERT_BATCH,
    )


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
