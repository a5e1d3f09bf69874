"""Who is reminded of what, and the claim-and-send that makes each reminder go exactly once.

The rules (settings, all in days):
- due soon: open, due today or within REMINDER_DUE_SOON_DAYS; one reminder per due date;
- overdue: open and past due; one reminder per REMINDER_REPEAT_DAYS window after the due date;
- stale: open, no progress update for STALE_AFTER_DAYS; again every STALE_AFTER_DAYS while
  nothing is recorded, and a progress update starts afresh;
- closed pledges, snoozed pledges and pledges without an owner never remind an owner; open
  pledges without an owner go to the managers' weekly digest instead.

Exactly once: the scan inserts one `Reminder` row per (pledge, reason, period) under a unique
constraint, so a second scan, a retried task or a second beat inserts nothing new. Sending locks
an owner's unsent rows (skipping rows another sender holds), sends one e-mail, and marks them
sent in the same transaction; a failed send leaves them unsent for the retry.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from commitments import emails
from commitments.models import (
    OPEN_STATUSES,
    Commitment,
    ProgressUpdate,
    Reminder,
    ReminderReason,
    Status,
)
from commitments.roles import MANAGERS

# Pledges read per query. The scan issues two queries per batch (read, insert), so its
# query count depends on the number of batches, never on the number of pledges in one.
READ_BATCH = 5000
# Rows per INSERT on PostgreSQL; SQLite's own limit on parameters is lower and wins there.
INSERT_BATCH = 10000
# How many pledges a digest section lists before "and N more" links to the full list.
DIGEST_LIST_LIMIT = 20
OWNER_REASONS = (ReminderReason.DUE_SOON, ReminderReason.OVERDUE, ReminderReason.STALE)


# --- The rules: plain functions of dates, shared by the scan, the e-mails and the page.


def stale_before(today: date) -> datetime:
    """Progress recorded before this instant is stale on `today` (whole local days)."""
    first_fresh_day = today - timedelta(days=settings.STALE_AFTER_DAYS - 1)
    return timezone.make_aware(datetime.combine(first_fresh_day, time.min))


def reasons_for(
    *, due_date: date | None, last_progress_at: datetime, today: date
) -> list[tuple[str, str]]:
    """The (reason, period) pairs an open, unsnoozed pledge is due on `today`."""
    return _reasons(due_date, timezone.localdate(last_progress_at), today, _rule_days())


def _rule_days() -> tuple[int, int, int]:
    return (
        settings.REMINDER_DUE_SOON_DAYS,
        settings.REMINDER_REPEAT_DAYS,
        settings.STALE_AFTER_DAYS,
    )


def _reasons(
    due_date: date | None, progress_day: date, today: date, days: tuple[int, int, int]
) -> list[tuple[str, str]]:
    # Called once per pledge by the scan: settings and time zone are looked up by the caller.
    due_soon_days, repeat_days, stale_days = days
    found = []
    if due_date is not None:
        days_left = (due_date - today).days
        if 0 <= days_left <= due_soon_days:
            found.append((ReminderReason.DUE_SOON.value, due_date.isoformat()))
        elif days_left < 0:
            # Windows are anchored on the due date, so days 1-7 late are window 0,
            # 8-14 window 1...: with a daily scan one reminder a window, REPEAT days apart.
            window = (-days_left - 1) // repeat_days
            found.append((ReminderReason.OVERDUE.value, f"{due_date.isoformat()}#{window}"))
    quiet_days = (today - progress_day).days
    if quiet_days >= stale_days:
        # The period names the last update, so any new update starts a new series.
        window = quiet_days // stale_days
        found.append((ReminderReason.STALE.value, f"{progress_day.isoformat()}#{window}"))
    return found


def needs_attention(today: date):
    """Open, unsnoozed pledges that meet at least one rule on `today` (any owner)."""
    return (
        Commitment.objects.open()
        .filter(Q(snoozed_until__isnull=True) | Q(snoozed_until__lte=today))
        .filter(
            Q(due_date__lte=today + timedelta(days=settings.REMINDER_DUE_SOON_DAYS))
            | Q(last_progress_at__lt=stale_before(today))
        )
    )


# --- The in-app list: the same rules, read live for one person.


@dataclass
class AttentionItem:
    commitment: Commitment
    reason: str
    detail: str
    path: str

    @property
    def url(self) -> str:
        return emails.absolute_url(self.path)


@dataclass
class Attention:
    today: date
    sections: list[tuple[str, str, list[AttentionItem]]]
    unowned: list[Commitment] | None = None  # managers only
    unowned_more: bool = False

    @property
    def total(self) -> int:
        return sum(len(items) for _, _, items in self.sections)

    @property
    def is_empty(self) -> bool:
        return self.total == 0 and not self.unowned


UNOWNED_PAGE_LIMIT = 50


def attention_for(user, *, today: date | None = None, include_unowned: bool = False) -> Attention:
    """What needs `user`'s attention today: the list their reminder e-mail is drawn from."""
    today = today or timezone.localdate()
    items: dict[str, list[AttentionItem]] = defaultdict(list)
    for commitment in needs_attention(today).filter(owner=user).order_by("due_date", "id"):
        for reason, _period in reasons_for(
            due_date=commitment.due_date, last_progress_at=commitment.last_progress_at, today=today
        ):
            items[reason].append(_item(commitment, reason, today))
    attention = Attention(today=today, sections=_sections(items))
    if include_unowned:
        unowned = list(
            Commitment.objects.open()
            .filter(owner__isnull=True)
            .order_by("due_date", "id")[: UNOWNED_PAGE_LIMIT + 1]
        )
        attention.unowned = unowned[:UNOWNED_PAGE_LIMIT]
        attention.unowned_more = len(unowned) > UNOWNED_PAGE_LIMIT
    return attention


def _item(commitment: Commitment, reason: str, today: date) -> AttentionItem:
    return AttentionItem(
        commitment=commitment,
        reason=reason,
        detail=describe(commitment, reason, today),
        path=emails.commitment_path(commitment.pk),
    )


def _sections(items: dict[str, list[AttentionItem]]) -> list[tuple[str, str, list]]:
    return [
        (reason.value, reason.label, items[reason]) for reason in OWNER_REASONS if items[reason]
    ]


def describe(commitment: Commitment, reason: str, today: date) -> str:
    due = commitment.due_date
    if reason == ReminderReason.DUE_SOON and due is not None:
        days = (due - today).days
        when = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
        return f"due {when} ({due:%d %b %Y})"
    if reason == ReminderReason.OVERDUE and due is not None:
        days = (today - due).days
        plural = "s" if days != 1 else ""
        return f"{days} day{plural} overdue (was due {due:%d %b %Y})"
    days = (today - timezone.localdate(commitment.last_progress_at)).days
    return f"no progress recorded for {days} days"


# --- The scan: claim reminders, then send one e-mail per owner.


@dataclass
class ScanResult:
    today: date
    claimed: int
    owner_ids: list[int] = field(default_factory=list)


def reminders_claim(*, today: date | None = None) -> ScanResult:
    """Insert the reminders due today; return the owners who have unsent ones.

    Runs in one transaction: a scan killed half-way claims nothing, and its retry
    starts over. Rows another scan already inserted are left alone (ON CONFLICT DO NOTHING).
    """
    today = today or timezone.localdate()
    now = timezone.now()
    candidates = (
        needs_attention(today)
        .filter(owner__isnull=False, owner__is_active=True)
        .exclude(owner__email="")
        .order_by("pk")
        .values_list("pk", "owner_id", "due_date", "last_progress_at")
    )
    days = _rule_days()
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
                for pk, owner_id, due_date, last_progress_at in rows
                for reason, period in _reasons(
                    due_date, last_progress_at.astimezone(zone).date(), today, days
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


@dataclass
class Delivery:
    """One e-mail: who it went (or would go) to and what it said."""

    recipient: str
    counts: dict[str, int]
    message: EmailMultiAlternatives | None
    sent: bool
    error: str = ""

    def summary(self) -> str:
        labels = dict(ReminderReason.choices)
        parts = [f"{n} {labels[reason].lower()}" for reason, n in self.counts.items()]
        if self.error:
            return f"{self.recipient}: not sent ({self.error}); it will be retried"
        return f"{self.recipient}: {', '.join(parts)}"


def reminders_send_to_owner(
    *, owner_id: int, today: date | None = None, deliver: bool = True
) -> Delivery | None:
    """Send one e-mail with all of an owner's unsent reminders, and mark them sent.

    One sender per owner at a time: the owner's row is locked first, so a second sender
    (a concurrent scan, a retried task) waits, then finds the reminders already sent. Row
    locks alone would let two senders each take part of the rows and send two e-mails.
    If the mail server fails, the rows record the attempt and stay unsent, and the error
    is raised for the retry. Returns None when there is nothing (left) to send.
    """
    today = today or timezone.localdate()
    failure: Exception | None = None
    with transaction.atomic():
        list(get_user_model().objects.select_for_update().filter(pk=owner_id).values("pk"))
        pending = list(
            Reminder.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(owner_id=owner_id, sent_at__isnull=True, commitment__isnull=False)
            .select_related("commitment", "owner")
            .order_by("commitment__due_date", "commitment_id", "reason")
        )
        current, obsolete = _still_due(pending, today)
        if obsolete:
            # Claimed but never sent, and no longer true (closed, snoozed, reassigned,
            # or superseded by a later period): nothing to tell anyone.
            Reminder.objects.filter(pk__in=[r.pk for r in obsolete]).delete()
        if not current:
            return None
        owner = current[0].owner
        items: dict[str, list[AttentionItem]] = defaultdict(list)
        for reminder in current:
            assert reminder.commitment is not None  # _still_due kept only those with a pledge
            items[reminder.reason].append(_item(reminder.commitment, reminder.reason, today))
        sections = _sections(items)
        ids = [r.pk for r in current]
        message = emails.owner_message(owner=owner, sections=sections, today=today, ids=ids)
        delivery = Delivery(
            recipient=owner.email,
            counts={reason: len(section) for reason, _label, section in sections},
            message=message,
            sent=False,
        )
        if not deliver:
            return delivery
        try:
            message.send()
        except Exception as exc:  # whatever the mail backend raises, the rows stay unsent
            Reminder.objects.filter(pk__in=ids).update(
                attempts=F("attempts") + 1, last_error=f"{type(exc).__name__}: {exc}"[:2000]
            )
            failure = exc
        else:
            Reminder.objects.filter(pk__in=ids).update(
                sent_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
            )
            delivery.sent = True
    if failure is not None:
        raise failure
    return delivery


def _still_due(pending: list[Reminder], today: date) -> tuple[list[Reminder], list[Reminder]]:
    current: list[Reminder] = []
    obsolete: list[Reminder] = []
    for reminder in pending:
        commitment = reminder.commitment
        due_now = (
            commitment is not None
            and not commitment.is_closed
            and commitment.owner_id == reminder.owner_id
            and (commitment.snoozed_until is None or commitment.snoozed_until <= today)
            and (reminder.reason, reminder.period)
            in reasons_for(
                due_date=commitment.due_date,
                last_progress_at=commitment.last_progress_at,
                today=today,
            )
        )
        (current if due_now else obsolete).append(reminder)
    return current, obsolete


def reminders_run(*, today: date | None = None, deliver: bool = True) -> list[Delivery]:
    """The whole scan in this process: claim, then send to each owner in turn.

    A failure for one owner does not stop the others; it is reported in the result
    with sent=False and the rows stay unsent for the next scan.
    """
    result = reminders_claim(today=today)
    deliveries = []
    for owner_id in result.owner_ids:
        try:
            delivery = reminders_send_to_owner(
                owner_id=owner_id, today=result.today, deliver=deliver
            )
        except Exception as exc:  # reported per owner; the rows stay unsent
            error = f"{type(exc).__name__}: {exc}"
            deliveries.append(Delivery(f"owner #{owner_id}", {}, None, sent=False, error=error))
            continue
        if delivery is not None:
            deliveries.append(delivery)
    return deliveries


# --- The managers' weekly digest.


def digest_period(today: date) -> str:
    year, week, _ = today.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class Digest:
    today: date
    since: date
    status_counts: list[tuple[str, str, int, str]]  # value, label, count, link
    open_total: int
    newly_overdue: list[Commitment]
    newly_overdue_count: int
    stale: list[Commitment]
    stale_count: int
    unowned: list[Commitment]
    unowned_count: int
    recently_closed: list[ProgressUpdate]
    links: dict[str, str]

    @property
    def is_empty(self) -> bool:
        return not (
            self.newly_overdue_count
            or self.stale_count
            or self.unowned_count
            or self.recently_closed
        )


def digest_build(*, today: date | None = None) -> Digest:
    """The week in numbers, in a constant number of queries (six)."""
    today = today or timezone.localdate()
    since = today - timedelta(days=7)
    stale_q = Q(last_progress_at__lt=stale_before(today))
    newly_overdue_q = Q(due_date__gte=since, due_date__lt=today)
    counts = dict(Commitment.objects.order_by().values_list("status").annotate(n=Count("pk")))
    opened = Commitment.objects.open()
    totals = opened.aggregate(
        newly_overdue=Count("pk", filter=newly_overdue_q),
        stale=Count("pk", filter=stale_q),
        unowned=Count("pk", filter=Q(owner__isnull=True)),
    )
    limit = DIGEST_LIST_LIMIT
    newly_overdue = list(opened.filter(newly_overdue_q).order_by("due_date", "id")[:limit])
    stale = list(opened.filter(stale_q).order_by("last_progress_at", "id")[:limit])
    unowned = list(opened.filter(owner__isnull=True).order_by("due_date", "id")[:limit])
    recently_closed = list(
        ProgressUpdate.objects.filter(
            created_at__gte=timezone.make_aware(datetime.combine(since, time.min)),
            new_status__in=[Status.FULFILLED, Status.BROKEN],
        )
        .exclude(old_status=F("new_status"))
        .select_related("commitment", "author")
        .order_by("-created_at", "-id")[: limit * 2]
    )
    for commitment in [*newly_overdue, *stale, *unowned]:
        commitment.email_url = emails.commitment_url(commitment.pk)
    for update in recently_closed:
        update.commitment.email_url = emails.commitment_url(  # type: ignore[attr-defined]
            update.commitment_id
        )
    status_counts = [
        (value, label, counts.get(value, 0), emails.absolute_url(f"/commitments/?status={value}"))
        for value, label in Status.choices
    ]
    open_total = sum(counts.get(value, 0) for value in OPEN_STATUSES)
    return Digest(
        today=today,
        since=since,
        status_counts=status_counts,
        open_total=open_total,
        newly_overdue=newly_overdue,
        newly_overdue_count=totals["newly_overdue"],
        stale=stale,
        stale_count=totals["stale"],
        unowned=unowned,
        unowned_count=totals["unowned"],
        recently_closed=recently_closed,
        links={
            "board": emails.absolute_url("/board/"),
            "overdue": emails.absolute_url("/commitments/?overdue=1"),
            "stale": emails.absolute_url("/commitments/?stale=1"),
            "unowned": emails.absolute_url("/commitments/?owner=none"),
            "fulfilled": emails.absolute_url(f"/commitments/?status={Status.FULFILLED}"),
            "broken": emails.absolute_url(f"/commitments/?status={Status.BROKEN}"),
        },
    )


def digest_recipients():
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name=MANAGERS) | Q(is_superuser=True))
        .exclude(email="")
        .distinct()
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
                reason=ReminderReason.DIGEST, period=period, sent_at__isnull=True
            )
            .order_by("owner_id")
            .values_list("owner_id", flat=True)
        )


def digest_send_to_manager(
    *, manager_id: int, today: date | None = None, deliver: bool = True
) -> Delivery | None:
    """Send a manager this week's digest once, with the same lock-send-mark as reminders."""
    today = today or timezone.localdate()
    failure: Exception | None = None
    with transaction.atomic():
        row = (
            Reminder.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                owner_id=manager_id,
                reason=ReminderReason.DIGEST,
                period=digest_period(today),
                sent_at__isnull=True,
                commitment__isnull=True,
            )
            .select_related("owner")
            .first()
        )
        if row is None:
            return None
        digest = digest_build(today=today)
        message = emails.digest_message(manager=row.owner, digest=digest, reminder_id=row.pk)
        delivery = Delivery(row.owner.email, {ReminderReason.DIGEST: 1}, message, sent=False)
        if not deliver:
            return delivery
        try:
            message.send()
        except Exception as exc:  # whatever the mail backend raises, the row stays unsent
            row.attempts += 1
            row.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            row.save(update_fields=["attempts", "last_error"])
            failure = exc
        else:
            row.attempts += 1
            row.sent_at = timezone.now()
            row.last_error = ""
            row.save(update_fields=["attempts", "sent_at", "last_error"])
            delivery.sent = True
    if failure is not None:
        raise failure
    return delivery
