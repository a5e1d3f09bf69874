"""Which reminders a pledge is due on a day: the pledge states, with a period for each.

A period names one occurrence of a reason, so the claim for it is unique: a due date, a
repeat of an overdue pledge, or a stretch of silence since the last progress update.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import CharField, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat, TruncDate
from django.utils import timezone

from commitments import states
from commitments.models import Commitment, Reminder, ReminderReason
from commitments.reminders import milestones
from commitments.reminders.sql import DateText, DaysUntil, remindable_q

OWNER_REASONS = (
    ReminderReason.DUE_SOON,
    ReminderReason.OVERDUE,
    ReminderReason.STALE,
    ReminderReason.MILESTONE_DUE,
)


def candidates(today: date) -> QuerySet:
    """Open, unsnoozed pledges that meet at least one rule on `today` (any owner)."""
    return Commitment.objects.needs_attention(today=today)


def claim_rows(today: date) -> QuerySet:
    """Every claim due on `today` as one query of (commitment, owner, reason, period) rows:
    each reason is its rule from `commitments.states` used as a filter, with the period named
    as `reasons` and `milestones.period` name it, so the scan never reads a pledge."""
    _, repeat_days, stale_days = rule_days()
    pledges = Commitment.objects.filter(~states.snoozed_q(today), remindable_q()).order_by()
    overdue = pledges.filter(states.overdue_q(today)).exclude(repeat_waits_q(today, repeat_days))
    stale = pledges.annotate(progress_day=TruncDate("last_progress_at")).filter(
        states.stale_q(today)
    )
    window = Cast(DaysUntil("progress_day", today) / Value(stale_days), CharField())
    return _rows(
        pledges.filter(states.due_soon_q(today)), ReminderReason.DUE_SOON, DateText("due_date")
    ).union(
        _rows(overdue, ReminderReason.OVERDUE, Concat(DateText("due_date"), Value(f"@{today}"))),
        _rows(stale, ReminderReason.STALE, Concat(DateText("progress_day"), Value("#"), window)),
        milestones.claim_rows(today, remindable_q()),
        all=True,
    )


def repeat_waits_q(today: date, repeat_days: int) -> Q:
    """An overdue pledge waits `repeat_days` after its last overdue reminder before the next:
    it waits while it has one claimed on a day after `today - repeat_days`."""
    recent = Reminder.objects.filter(
        commitment=OuterRef("pk"),
        reason=ReminderReason.OVERDUE,
        scan_date__gt=today - timedelta(repeat_days),
    )
    return Q(Exists(recent))


def _rows(pledges: QuerySet, reason: ReminderReason, period) -> QuerySet:
    return pledges.annotate(
        claim_commitment=F("pk"),
        claim_owner=F("owner_id"),
        claim_reason=Value(reason.value),
        claim_period=period,
    ).values("claim_commitment", "claim_owner", "claim_reason", "claim_period")


def rule_days() -> tuple[int, int, int]:
    return (states.due_soon_days(), settings.REMINDER_REPEAT_DAYS, states.stale_after_days())


def reasons_for(
    *,
    due_date: date | None,
    last_progress_at: datetime,
    today: date,
    last_overdue: date | None = None,
) -> list[tuple[str, str]]:
    """The (reason, period) pairs an open, unsnoozed pledge is due on `today`.

    `last_overdue` is the day of the pledge's last overdue reminder, if any.
    """
    progress_day = timezone.localdate(last_progress_at)
    return reasons(due_date, progress_day, today, rule_days(), last_overdue)


def reasons(
    due_date: date | None,
    progress_day: date,
    today: date,
    days: tuple[int, int, int],
    last_overdue: date | None,
) -> list[tuple[str, str]]:
    # Called once per pledge by the scan: settings and time zone are looked up by the caller.
    # The day arithmetic is `states.due_soon_q`, `overdue_q` and `stale_q` on one pledge.
    due_soon_days, repeat_days, stale_days = days
    found = []
    if due_date is not None:
        days_left = (due_date - today).days
        if 0 <= days_left <= due_soon_days:
            found.append((ReminderReason.DUE_SOON.value, due_date.isoformat()))
        elif days_left < 0 and (last_overdue is None or (today - last_overdue).days >= repeat_days):
            found.append((ReminderReason.OVERDUE.value, overdue_period(due_date, today)))
    quiet_days = (today - progress_day).days
    if quiet_days >= stale_days:
        # The period names the last update, so any new update starts a new series.
        window = quiet_days // stale_days
        found.append((ReminderReason.STALE.value, f"{progress_day.isoformat()}#{window}"))
    return found


def overdue_period(due_date: date, day: date) -> str:
    return f"{due_date.isoformat()}@{day.isoformat()}"


def still_true(commitment: Commitment, reason: str, period: str, today: date) -> bool:
    """Whether a reminder claimed earlier (and not yet sent) is still worth sending today."""
    if reason == ReminderReason.MILESTONE_DUE:
        return milestones.still_true(commitment, period, today)
    if not states.needs_attention(commitment, today):
        return False
    due = commitment.due_date.isoformat() if commitment.due_date else None
    if reason == ReminderReason.DUE_SOON:
        return states.is_due_soon(commitment, today) and period == due
    if reason == ReminderReason.OVERDUE:
        return states.is_overdue(commitment, today) and period.partition("@")[0] == due
    found = reasons_for(
        due_date=commitment.due_date, last_progress_at=commitment.last_progress_at, today=today
    )
    return (reason, period) in found


def describe(commitment: Commitment, reason: str, today: date) -> str:
    if reason == ReminderReason.MILESTONE_DUE:
        return milestones.describe(commitment, today)
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
