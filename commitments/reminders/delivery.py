"""Sending: one e-mail per recipient, marked sent in the transaction that sent it.

Every send locks what it is about to send, builds the message, hands it to the mail backend
and records the outcome on the claimed rows (`_send`). A failed send leaves the rows unsent,
records the attempt and raises for the retry. `run` is the one loop over recipients, for the
command and the tests; the Celery tasks make the same claims and queue the same sends.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from commitments import emails, links
from commitments.models import PledgeSource, Reminder, ReminderReason
from commitments.reminders import attention, claims, evidence, rules
from commitments.reminders.digest import digest_build, digest_period


@dataclass
class Delivery:
    """One e-mail: who it went (or would go) to and what it said."""

    recipient: str
    counts: dict[str, int]
    message: EmailMultiAlternatives | None
    sent: bool
    error: str = ""
    failure: Exception | None = field(default=None, repr=False, compare=False)

    def summary(self) -> str:
        labels = {**dict(ReminderReason.choices), evidence.REASON: evidence.LABEL}
        parts = [f"{n} {labels[reason].lower()}" for reason, n in self.counts.items()]
        if self.error:
            return f"{self.recipient}: not sent ({self.error}); it will be retried"
        return f"{self.recipient}: {', '.join(parts)}"


def _send(delivery: Delivery, rows: QuerySet, *, deliver: bool) -> Delivery:
    """Send the message and record the outcome on its claimed rows."""
    if not deliver or delivery.message is None:
        return delivery
    try:
        delivery.message.send()
    except Exception as exc:  # whatever the mail backend raises, the rows stay unsent
        rows.update(attempts=F("attempts") + 1, last_error=f"{type(exc).__name__}: {exc}"[:2000])
        delivery.failure = exc
        return delivery
    rows.update(sent_at=timezone.now(), attempts=F("attempts") + 1, last_error="")
    delivery.sent = True
    return delivery


def _in_transaction(send: Callable[[], Delivery | None]) -> Delivery | None:
    """Lock, send and record in one transaction; a mail failure is raised once the attempt
    is recorded, for the retry."""
    with transaction.atomic():
        delivery = send()
    if delivery is not None and delivery.failure is not None:
        raise delivery.failure
    return delivery


def reminders_send_to_owner(
    *, owner_id: int, today: date | None = None, deliver: bool = True
) -> Delivery | None:
    """Send one e-mail with all of an owner's unsent reminders, and mark them sent.

    One sender per owner at a time: the owner's row is locked first, so a second sender
    (a concurrent scan, a retried task) waits, then finds the reminders already sent. Row
    locks alone would let two senders each take part of the rows and send two e-mails.
    Returns None when there is nothing (left) to send.
    """
    today = today or timezone.localdate()

    def send() -> Delivery | None:
        list(get_user_model().objects.select_for_update().filter(pk=owner_id).values("pk"))
        pending = list(
            Reminder.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(owner_id=owner_id, sent_at__isnull=True, commitment__isnull=False)
            .select_related("commitment", "owner")
            .order_by("commitment__due_date", "commitment_id", "reason")
        )
        current: list[Reminder] = []
        obsolete: list[Reminder] = []
        for reminder in pending:
            pledge = reminder.commitment
            still = (
                pledge is not None
                and pledge.owner_id == reminder.owner_id
                and rules.still_true(pledge, reminder.reason, reminder.period, today)
            )
            (current if still else obsolete).append(reminder)
        if obsolete:
            # Claimed but never sent, and no longer true (closed, snoozed, reassigned,
            # or superseded by a later period): nothing to tell anyone.
            Reminder.objects.filter(pk__in=[r.pk for r in obsolete]).delete()
        if not current:
            return None
        owner = current[0].owner
        sections = attention.sections(
            ((r.commitment, r.reason) for r in current if r.commitment is not None), today
        )
        reports = list(evidence.to_mail(owner_id))
        if reports:
            items = [
                attention.AttentionItem(r.commitment, evidence.REASON, evidence.describe(r))
                for r in reports
            ]
            sections.append((evidence.REASON, evidence.LABEL, items))
        ids = [r.pk for r in current]
        pledges = sum(len(items) for _reason, _label, items in sections)
        message = emails.build(
            "owner_reminders",
            to=owner.email,
            context={
                "owner": owner,
                "sections": sections,
                "pledges": pledges,
                "today": today,
                "attention_url": links.absolute(links.attention()),
            },
            message_id=emails.message_id("reminders", owner.pk, min(ids), max(ids), len(ids)),
        )
        counts = {reason: len(items) for reason, _label, items in sections}
        delivery = Delivery(owner.email, counts, message, sent=False)
        delivery = _send(delivery, Reminder.objects.filter(pk__in=ids), deliver=deliver)
        if delivery.sent and reports:
            PledgeSource.objects.filter(pk__in=[r.pk for r in reports]).update(
                mailed_at=timezone.now()
            )
        return delivery

    return _in_transaction(send)


def digest_send_to_manager(
    *, manager_id: int, today: date | None = None, deliver: bool = True
) -> Delivery | None:
    """Send a manager this week's digest once, with the same lock-send-mark as reminders."""
    today = today or timezone.localdate()

    def send() -> Delivery | None:
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
        message = emails.build(
            "managers_digest",
            to=row.owner.email,
            context={"manager": row.owner, "digest": digest_build(today=today)},
            message_id=emails.message_id("digest", row.owner_id, row.pk),
        )
        delivery = Delivery(row.owner.email, {ReminderReason.DIGEST: 1}, message, sent=False)
        return _send(delivery, Reminder.objects.filter(pk=row.pk), deliver=deliver)

    return _in_transaction(send)


@dataclass(frozen=True)
class Job:
    """One kind of e-mail: how today's recipients are claimed and how one is sent."""

    recipient: str  # how a recipient is named when the send fails
    claim: Callable[[date], list[int]]
    send: Callable[..., Delivery | None]


def _owners_with_reminders(today: date) -> list[int]:
    return claims.reminders_claim(today=today).owner_ids


OWNER_REMINDERS = Job(
    "owner",
    _owners_with_reminders,
    lambda pk, **kw: reminders_send_to_owner(owner_id=pk, **kw),
)
MANAGERS_DIGEST = Job(
    "manager",
    lambda today: claims.digest_claim(today=today),
    lambda pk, **kw: digest_send_to_manager(manager_id=pk, **kw),
)


def run(job: Job, *, today: date | None = None, deliver: bool = True) -> list[Delivery]:
    """Claim, then send to each recipient in turn, in this process.

    A failure for one recipient does not stop the others; it is reported in the result with
    sent=False and the rows stay unsent for the next scan.
    """
    today = today or timezone.localdate()
    deliveries = []
    for pk in job.claim(today):
        try:
            delivery = job.send(pk, today=today, deliver=deliver)
        except Exception as exc:  # reported per recipient; the rows stay unsent
            error = f"{type(exc).__name__}: {exc}"
            deliveries.append(Delivery(f"{job.recipient} #{pk}", {}, None, sent=False, error=error))
            continue
        if delivery is not None:
            deliveries.append(delivery)
    return deliveries


def reminders_run(*, today: date | None = None, deliver: bool = True) -> list[Delivery]:
    """The owners' reminder scan in this process: claim, then send to each owner."""
    return run(OWNER_REMINDERS, today=today, deliver=deliver)
