"""A milestone due soon reminds its pledge's owner, as a pledge due soon does.

The claim is a `Reminder` of its pledge with the reason "milestone due" and a period naming
the milestone and its due date, so each milestone's due date is reminded once, and a
milestone whose date moves is reminded again for the new date.
"""

from __future__ import annotations

from datetime import date

from django.db.models import CharField, F, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat

from commitments import states, tracking
from commitments.models import Commitment, Milestone, ReminderReason
from commitments.reminders.sql import DateText


def period(milestone_id: int, due_date: date) -> str:
    return f"m{milestone_id}@{due_date.isoformat()}"


def claim_rows(today: date, remindable: Q) -> QuerySet:
    """Today's milestone claims as (commitment, owner, reason, period) rows, named as
    `period` names them; `remindable` is the rule for an owner who can be reminded."""
    return (
        tracking.milestones_due_soon(today)
        .filter(states.through("commitment", remindable))
        .order_by()
        .annotate(
            claim_commitment=F("commitment_id"),
            claim_owner=F("commitment__owner_id"),
            claim_reason=Value(ReminderReason.MILESTONE_DUE.value),
            claim_period=Concat(
                Value("m"), Cast("pk", CharField()), Value("@"), DateText("due_date")
            ),
        )
        .values("claim_commitment", "claim_owner", "claim_reason", "claim_period")
    )


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
