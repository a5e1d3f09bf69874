"""Money stages, milestones, moved due dates and evidence: each write checks the version,
the person, and leaves a timeline entry."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from commitments import services, tracking
from commitments.models import (
    Commitment,
    DueDateChange,
    EvidenceItem,
    EvidenceKind,
    Milestone,
    MilestoneStatus,
    MoneyRecord,
    MoneyStage,
    ProgressUpdate,
    Status,
)
from tests.factories import CommitmentFactory, SourceFactory

pytestmark = pytest.mark.django_db

YESTERDAY = timezone.localdate() - timedelta(days=1)


def add_money(commitment, user, **kwargs):
    kwargs.setdefault("expected_version", commitment.version)
    kwargs.setdefault("stage", MoneyStage.COMMITTED)
    kwargs.setdefault("amount", "20000000")
    kwargs.setdefault("currency", "gbp")
    kwargs.setdefault("on", YESTERDAY)
    return services.money_record_add(commitment_id=commitment.pk, user=user, **kwargs)


def add_milestone(commitment, user, **kwargs):
    commitment.refresh_from_db()
    kwargs.setdefault("expected_version", commitment.version)
    kwargs.setdefault("title", "Contract signed")
    return services.milestone_add(commitment_id=commitment.pk, user=user, **kwargs)


# --- Money.


def test_money_reaching_a_stage_is_recorded_with_a_timeline_entry(commitment, owner):
    record = add_money(commitment, owner, evidence_url="https://gov.example/agreement")

    commitment.refresh_from_db()
    assert (record.stage, record.amount, record.currency) == ("committed", Decimal(20000000), "GBP")
    assert commitment.version == 2
    entry = commitment.updates.get()
    assert record.update == entry
    assert entry.note.startswith("Money committed: GBP 20,000,000 on ")
    assert entry.evidence_url == "https://gov.example/agreement"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("amount", "-5"),
        ("amount", "lots"),
        ("amount", "1.234"),
        ("currency", "pounds"),
        ("stage", "promised"),
        ("on", timezone.localdate() + timedelta(days=3)),
        ("evidence_url", "ftp://x"),
    ],
)
def test_bad_money_input_is_refused_and_changes_nothing(commitment, owner, field, value):
    with pytest.raises(ValidationError) as error:
        add_money(commitment, owner, **{field: value})
    assert field in error.value.message_dict
    commitment.refresh_from_db()
    assert commitment.version == 1
    assert not MoneyRecord.objects.exists() and not ProgressUpdate.objects.exists()


def test_money_needs_the_owner_or_a_manager_and_the_current_version(
    commitment, other_analyst, manager
):
    with pytest.raises(PermissionDenied):
        add_money(commitment, other_analyst)
    add_money(commitment, manager)
    with pytest.raises(services.CommitmentConflict):
        add_money(commitment, manager, expected_version=1)
    assert MoneyRecord.objects.count() == 1


def test_money_totals_add_per_currency_and_never_across(owner, manager):
    gbp = CommitmentFactory(owner=owner, amount=Decimal(100), currency="GBP")
    usd = CommitmentFactory(owner=owner, amount=Decimal(50), currency="USD")
    CommitmentFactory(owner=owner)  # no money at all
    add_money(gbp, manager, amount="60", currency="GBP")
    gbp.refresh_from_db()
    add_money(gbp, manager, stage=MoneyStage.DISBURSED, amount="25", currency="GBP")
    add_money(usd, manager, stage=MoneyStage.DISBURSED, amount="10", currency="EUR")
    usd.refresh_from_db()
    # A revised announcement replaces the pledge's own amount.
    add_money(usd, manager, stage=MoneyStage.ANNOUNCED, amount="40", currency="USD")

    rows = {row.currency: row for row in tracking.money_totals(Commitment.objects.all())}

    assert set(rows) == {"EUR", "GBP", "USD"}
    assert (rows["GBP"].announced, rows["GBP"].committed, rows["GBP"].disbursed) == (100, 60, 25)
    assert (rows["USD"].announced, rows["USD"].committed, rows["USD"].disbursed) == (40, 0, 0)
    assert (rows["EUR"].announced, rows["EUR"].disbursed) == (0, 10)
    only_gbp = tracking.money_totals(Commitment.objects.filter(pk=gbp.pk))
    assert [r.currency for r in only_gbp] == ["GBP"]


# --- Milestones.


def test_milestones_make_the_progress_a_weighted_mean(commitment, owner):
    signed = add_milestone(commitment, owner, title="Contract signed", weight=1)
    built = add_milestone(commitment, owner, title="Bridge built", weight=3)
    commitment.refresh_from_db()
    assert commitment.progress == 0

    services.milestone_update(
        milestone_id=signed.pk,
        user=owner,
        expected_version=commitment.version,
        status=MilestoneStatus.DONE,
    )
    commitment.refresh_from_db()
    assert commitment.progress == 25
    assert commitment.updates.first().note == "Milestone “Contract signed”: Planned → Done."

    services.milestone_update(
        milestone_id=built.pk,
        user=owner,
        expected_version=commitment.version,
        status=MilestoneStatus.DROPPED,
    )
    commitment.refresh_from_db()
    assert commitment.progress == 100  # a dropped milestone leaves the mean
    assert commitment.updates.count() == 4


def test_a_pledge_with_milestones_refuses_a_typed_progress(commitment, owner):
    add_milestone(commitment, owner)
    commitment.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.progress_record(
            commitment_id=commitment.pk,
            user=owner,
            expected_version=commitment.version,
            progress=70,
        )
    assert "milestones" in error.value.message_dict["progress"][0]
    # The form sends the progress shown: that is accepted, with a new status.
    services.progress_record(
        commitment_id=commitment.pk,
        user=owner,
        expected_version=commitment.version,
        status=Status.IN_PROGRESS,
        progress=0,
    )
    commitment.refresh_from_db()
    assert (commitment.status, commitment.progress) == ("in_progress", 0)


def test_milestone_input_is_checked(commitment, owner, other_analyst):
    with pytest.raises(ValidationError) as error:
        add_milestone(commitment, owner, title="  ", weight=0)
    assert set(error.value.message_dict) == {"title", "weight"}
    with pytest.raises(PermissionDenied):
        add_milestone(commitment, other_analyst)
    milestone = add_milestone(commitment, owner, due_date=date(2031, 1, 1))
    commitment.refresh_from_db()
    with pytest.raises(ValidationError):
        services.milestone_update(
            milestone_id=milestone.pk, user=owner, expected_version=commitment.version
        )
    with pytest.raises(services.CommitmentConflict):
        services.milestone_update(
            milestone_id=milestone.pk, user=owner, expected_version=1, status="done"
        )
    assert Milestone.objects.get().status == MilestoneStatus.PLANNED


# --- Due dates.


def test_moving_a_due_date_needs_a_reason_and_is_kept_as_an_event(owner, manager):
    commitment = CommitmentFactory(owner=owner, due_date=date(2030, 1, 1))
    with pytest.raises(ValidationError) as error:
        services.commitment_set_due_date(
            commitment_id=commitment.pk, user=manager, due_date=date(2031, 6, 30)
        )
    assert "reason" in error.value.message_dict["due_date"][0]
    assert not DueDateChange.objects.exists()

    services.commitment_set_due_date(
        commitment_id=commitment.pk,
        user=manager,
        due_date=date(2031, 6, 30),
        reason="Extended by the agreement of both sides",
    )
    change = DueDateChange.objects.get()
    assert (change.old_due_date, change.new_due_date) == (date(2030, 1, 1), date(2031, 6, 30))
    assert change.reason == "Extended by the agreement of both sides"
    assert change.changed_by == manager
    assert "Extended by the agreement" in change.update.note
    assert Commitment.objects.filter(tracking.deadline_moved_q()).get() == commitment


def test_a_first_due_date_is_not_a_move(commitment, manager):
    services.commitment_set_due_date(
        commitment_id=commitment.pk, user=manager, due_date=date(2030, 1, 1)
    )
    assert not DueDateChange.objects.exists()


def test_fulfilled_after_the_first_due_date_is_late(owner, manager):
    long_ago = timezone.localdate() - timedelta(days=100)
    commitment = CommitmentFactory(owner=owner, due_date=long_ago)
    services.commitment_set_due_date(
        commitment_id=commitment.pk,
        user=manager,
        due_date=timezone.localdate() + timedelta(days=100),
        reason="Extended",
    )
    commitment.refresh_from_db()
    services.progress_record(
        commitment_id=commitment.pk,
        user=owner,
        expected_version=commitment.version,
        status=Status.FULFILLED,
        note="Done",
    )
    commitment.refresh_from_db()
    changes = tracking.due_date_changes(commitment)
    assert tracking.original_due_date(commitment, changes) == long_ago
    assert tracking.is_fulfilled_late(commitment, changes, tracking.fulfilled_on(commitment))

    on_time = CommitmentFactory(owner=owner, due_date=timezone.localdate() + timedelta(days=5))
    services.progress_record(
        commitment_id=on_time.pk,
        user=owner,
        expected_version=1,
        status=Status.FULFILLED,
        note="Done",
    )
    on_time.refresh_from_db()
    assert not tracking.is_fulfilled_late(on_time, [], tracking.fulfilled_on(on_time))


# --- Evidence.


def evidence(**kwargs):
    kwargs.setdefault("kind", EvidenceKind.OFFICIAL_STATEMENT)
    kwargs.setdefault("title", "Ministry statement")
    kwargs.setdefault("published_on", YESTERDAY)
    kwargs.setdefault("url", "https://gov.example/statement")
    return services.EvidenceInput(**kwargs)


def test_one_update_carries_several_evidence_items(commitment, owner):
    article = SourceFactory()
    entry = services.evidence_add(
        commitment_id=commitment.pk,
        user=owner,
        expected_version=1,
        items=[
            evidence(),
            evidence(
                kind=EvidenceKind.DELIVERY_RECORD,
                title="Handover report",
                url="",
                source_id=article.pk,
                published_on=YESTERDAY - timedelta(days=3),
            ),
        ],
    )
    commitment.refresh_from_db()
    assert commitment.version == 2
    assert {e.kind for e in entry.evidence.all()} == {"official_statement", "delivery_record"}
    assert "Evidence (delivery record): “Handover report”" in entry.note
    grouped = tracking.evidence_by_update(commitment)
    assert tracking.last_verified(grouped[entry.pk]) == YESTERDAY
    assert not Commitment.objects.filter(tracking.official_only_q()).exists()
    assert not Commitment.objects.filter(tracking.unverified_q(timezone.localdate())).exists()


def test_official_statements_alone_are_flagged_and_old_evidence_is_unverified(owner):
    commitment = CommitmentFactory(owner=owner)
    old = timezone.localdate() - timedelta(days=400)
    services.evidence_add(
        commitment_id=commitment.pk,
        user=owner,
        expected_version=1,
        items=[evidence(published_on=old)],
    )
    assert Commitment.objects.filter(tracking.official_only_q()).get() == commitment
    assert (
        Commitment.objects.filter(tracking.unverified_q(timezone.localdate())).get() == commitment
    )
    counts = tracking.tracking_counts(today=timezone.localdate())
    assert (counts.official_only, counts.unverified) == (1, 1)


def test_tracking_counts_match_the_lists_they_link_to(owner, manager):
    today = timezone.localdate()
    official, mixed, recent_closed, plain, moved = (
        CommitmentFactory(owner=owner) for _ in range(5)
    )
    CommitmentFactory(owner=owner, status=Status.BROKEN)
    for pledge, items in [
        (official, [evidence(), evidence(published_on=today - timedelta(days=400))]),
        (mixed, [evidence(), evidence(kind=EvidenceKind.DELIVERY_RECORD)]),
        (recent_closed, [evidence(kind=EvidenceKind.DELIVERY_RECORD)]),
    ]:
        services.evidence_add(commitment_id=pledge.pk, user=owner, expected_version=1, items=items)
    services.progress_record(
        commitment_id=recent_closed.pk,
        user=owner,
        expected_version=2,
        status=Status.FULFILLED,
        note="Done",
    )
    add_milestone(plain, owner)
    add_milestone(plain, owner, title="Money paid")
    for days in (30, 60):
        services.commitment_set_due_date(
            commitment_id=moved.pk,
            user=manager,
            due_date=today + timedelta(days=days),
            reason="Extended",
        )

    expected = (
        Commitment.objects.filter(tracking.deadline_moved_q()).count(),
        Commitment.objects.filter(tracking.official_only_q()).count(),
        Commitment.objects.filter(tracking.unverified_q(today)).count(),
        Commitment.objects.filter(tracking.has_milestones_q()).count(),
    )
    assert expected == (1, 1, 2, 1)
    open_pledges = Commitment.objects.exclude(status__in=["broken", "fulfilled", "withdrawn"])
    for counts in (
        tracking.tracking_counts(today=today),
        tracking.tracking_counts(today=today, open_pledges=open_pledges.count()),
    ):
        figures = (
            counts.deadline_moved,
            counts.official_only,
            counts.unverified,
            counts.with_milestones,
        )
        assert figures == expected


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "rumour"}, "kind"),
        ({"title": " "}, "title"),
        ({"url": ""}, "url"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"source_id": 999999}, "source"),
        ({"published_on": None}, "published_on"),
    ],
)
def test_bad_evidence_is_refused_and_changes_nothing(commitment, owner, changes, field):
    with pytest.raises(ValidationError) as error:
        services.evidence_add(
            commitment_id=commitment.pk, user=owner, expected_version=1, items=[evidence(**changes)]
        )
    assert field in error.value.message_dict
    assert not EvidenceItem.objects.exists() and not ProgressUpdate.objects.exists()


def test_evidence_needs_the_owner_or_a_manager(commitment, other_analyst, manager):
    with pytest.raises(PermissionDenied):
        services.evidence_add(
            commitment_id=commitment.pk, user=other_analyst, expected_version=1, items=[evidence()]
        )
    services.evidence_add(
        commitment_id=commitment.pk, user=manager, expected_version=1, items=[evidence()]
    )
    assert EvidenceItem.objects.count() == 1
