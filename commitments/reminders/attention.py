"""What needs one person's attention: the `/attention/` page and the body of their e-mail.

Each pledge is listed once, under its most pressing reason (overdue, due soon, then stale);
its other reasons are said in the same line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from commitments import links, states
from commitments.models import Commitment, ReminderReason
from commitments.reminders import evidence, rules

# The order a pledge's reasons are weighed in: the first one names its section.
PRIORITY = (
    ReminderReason.OVERDUE,
    ReminderReason.DUE_SOON,
    ReminderReason.MILESTONE_DUE,
    ReminderReason.STALE,
)
UNOWNED_PAGE_LIMIT = 50


@dataclass
class AttentionItem:
    commitment: Commitment
    reason: str
    detail: str

    @property
    def path(self) -> str:
        return links.pledge(self.commitment.pk)

    @property
    def url(self) -> str:
        return links.absolute(self.path)


Section = tuple[str, str, list[AttentionItem]]


@dataclass
class Attention:
    today: date
    sections: list[Section]
    unowned: list[Commitment] | None = None  # managers only
    unowned_more: bool = False

    @property
    def total(self) -> int:
        return sum(len(items) for _, _, items in self.sections)

    @property
    def is_empty(self) -> bool:
        return self.total == 0 and not self.unowned


def sections(pairs: Iterable[tuple[Commitment, str]], today: date) -> list[Section]:
    """Group (pledge, reason) pairs into sections in the e-mail's order, one line per pledge."""
    reasons: dict[int, list[str]] = {}
    pledges: dict[int, Commitment] = {}
    for commitment, reason in pairs:
        pledges[commitment.pk] = commitment
        reasons.setdefault(commitment.pk, [])
        if reason not in reasons[commitment.pk]:
            reasons[commitment.pk].append(reason)
    grouped: dict[str, list[AttentionItem]] = {reason: [] for reason in rules.OWNER_REASONS}
    for pk, found in reasons.items():
        ordered = sorted(found, key=PRIORITY.index)
        detail = "; ".join(rules.describe(pledges[pk], reason, today) for reason in ordered)
        grouped[ordered[0]].append(AttentionItem(pledges[pk], ordered[0], detail))
    return [
        (reason.value, reason.label, grouped[reason])
        for reason in rules.OWNER_REASONS
        if grouped[reason]
    ]


def attention_for(user, *, today: date | None = None, include_unowned: bool = False) -> Attention:
    """What needs `user`'s attention today: the list their reminder e-mail is drawn from."""
    today = today or timezone.localdate()
    pairs = [
        (commitment, reason)
        for commitment in rules.candidates(today).filter(owner=user).order_by("due_date", "id")
        for reason, _period in rules.reasons_for(
            due_date=commitment.due_date, last_progress_at=commitment.last_progress_at, today=today
        )
    ]
    attention = Attention(today=today, sections=sections(pairs, today))
    reports = [
        AttentionItem(r.commitment, evidence.REASON, evidence.describe(r))
        for r in evidence.to_review(user.pk)
    ]
    if reports:
        attention.sections.append((evidence.REASON, evidence.LABEL, reports))
    if include_unowned:
        unowned = list(
            Commitment.objects.filter(states.unowned_q()).order_by("due_date", "id")[
                : UNOWNED_PAGE_LIMIT + 1
            ]
        )
        attention.unowned = unowned[:UNOWNED_PAGE_LIMIT]
        attention.unowned_more = len(unowned) > UNOWNED_PAGE_LIMIT
    return attention
