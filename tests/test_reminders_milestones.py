"""A milestone due soon reminds its pledge's owner once per due date, as a pledge does; a
pledge's reminders follow its current due date after a move."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from commitments import services
from commitments.models import Milestone, MilestoneStatus, Reminder, ReminderReason
from commitments.reminders import delivery
from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db

TODAY = date(2024, 5, 1)


def fresh_pledge(owner, **fields):
    # Progress recorded yesterday and no due date: the pledge itself needs no reminder.
    moment = timezone.make_aware(datetime.combine(TODAY - timedelta(days=1), time(12)))
    return CommitmentFactory(owner=owner, last_progress_at=moment, created_at=moment, **fields)


def milestone(pledge, due: date, **fields) -> Milestone:
    fields.setdefault("title", "Tender issued")
    return Milestone.objects.create(commitment=pledge, due_date=due, **fields)


def test_a_milestone_due_soon_reminds_the_owner_once(owner):
    pledge = fresh_pledge(owner)
    step = milestone(pledge, TODAY + timedelta(days=3))
    milestone(pledge, TODAY + timedelta(days=30), title="Later step")

    delivery.reminders_run(today=TODAY)
    delivery.reminders_run(today=TODAY + timedelta(days=1))

    (reminder,) = Reminder.objects.all()
    assert (reminder.reason, reminder.period) == (
        ReminderReason.MILESTONE_DUE,
        f"m{step.pk}@{step.due_date.isoformat()}",
    )
    (message,) = mail.outbox
    assert "MILESTONE DUE SOON" in message.body
    assert "milestone “Tender issued” due in 3 days" in message.body


@pytest.mark.parametrize(
    "change",
    [
        {"status": MilestoneStatus.DONE},
        {"status": MilestoneStatus.DROPPED},
    ],
)
def test_a_finished_milestone_reminds_nobody(owner, change):
    pledge = fresh_pledge(owner)
    milestone(pledge, TODAY + timedelta(days=2), **change)
    delivery.reminders_run(today=TODAY)
    assert not Reminder.objects.exists() and not mail.outbox


def test_milestones_of_snoozed_or_closed_pledges_are_quiet(owner):
    milestone(fresh_pledge(owner, snoozed_until=TODAY + timedelta(days=10)), TODAY)
    milestone(fresh_pledge(owner, status="fulfilled", progress=100), TODAY)
    delivery.reminders_run(today=TODAY)
    assert not mail.outbox


def test_reminders_use_the_current_due_date_after_a_move(owner, manager):
    pledge = fresh_pledge(owner, due_date=TODAY - timedelta(days=3))
    services.commitment_set_due_date(
        commitment_id=pledge.pk,
        user=manager,
        due_date=TODAY + timedelta(days=2),
        reason="Extended by the agreement of both sides",
    )
    # The move was recorded as progress-neutral; the pledge is due soon, not overdue.
    delivery.reminders_run(today=TODAY)
    (reminder,) = Reminder.objects.all()
    assert (reminder.reason, reminder.period) == (
        ReminderReason.DUE_SOON,
        (TODAY + timedelta(days=2)).isoformat(),
    )
