"""Money stages and milestones on the public site: shown only as a manager reviewed them."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from commitments import services
from commitments.models import Commitment, MilestoneStatus, MoneyStage, PledgeParty
from commitments.services import publishing
from tests.factories import CommitmentFactory
from tests.test_public import party

pytestmark = pytest.mark.django_db
REASON = "Funds were announced in the 2024 budget."
FIRST_STEP = "Harbour dredging contract signed"
LATER_STEP = "Cranes delivered to the new berth"


@pytest.fixture
def tracked(owner, manager):
    """A published pledge of the UK to Kenya: GBP 70m announced, 25m disbursed, one milestone,
    all approved; then a disbursement and a milestone no manager has approved yet."""
    pledge = CommitmentFactory(
        owner=owner, title="Port terminal", amount=Decimal(70_000_000), currency="GBP"
    )
    PledgeParty.objects.create(commitment=pledge, party=party("United Kingdom"), role="pledger")
    PledgeParty.objects.create(commitment=pledge, party=party("Kenya"), role="counterparty")
    services.money_record_add(
        commitment_id=pledge.pk,
        user=owner,
        expected_version=1,
        stage=MoneyStage.DISBURSED,
        amount="25000000",
        currency="GBP",
        on=timezone.localdate() - timedelta(days=3),
        note="Internal: the second tranche is late",
    )
    services.milestone_add(
        commitment_id=pledge.pk,
        user=owner,
        expected_version=2,
        title=FIRST_STEP,
        due_date=date(2027, 3, 1),
    )
    publishing.publication_publish(commitment_id=pledge.pk, user=manager, public_reason=REASON)
    services.money_record_add(
        commitment_id=pledge.pk,
        user=owner,
        expected_version=3,
        stage=MoneyStage.DISBURSED,
        amount="5000000",
        currency="GBP",
        on=timezone.localdate() - timedelta(days=1),
    )
    services.milestone_add(
        commitment_id=pledge.pk,
        user=owner,
        expected_version=4,
        title=LATER_STEP,
        due_date=date(2027, 9, 1),
    )
    return pledge


def _text(client, name: str, *args) -> str:
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


def test_the_public_pledge_page_shows_the_approved_money_and_milestones_only(client, tracked):
    text = _text(client, "public:pledge", tracked.pk)

    assert "GBP 70,000,000" in text and "GBP 25,000,000" in text
    assert FIRST_STEP in text and "0 of 1 done" in text
    assert "GBP 30,000,000" not in text  # the unapproved disbursement
    assert LATER_STEP not in text
    assert "second tranche" not in text  # a money record's note is internal


def test_unreviewed_money_or_milestones_make_the_pledge_pending_with_their_diff(
    client, tracked, manager
):
    assert list(Commitment.objects.pending_review()) == [tracked]
    client.force_login(manager)

    review = _text(client, "commitments:publishing_review", tracked.pk)
    queue = _text(client, "commitments:publishing")

    for page in (review, queue):
        assert "Money stages" in page and "disbursed 30,000,000.00" in page
        assert "disbursed 25,000,000.00" in page
        assert LATER_STEP in page


def test_approving_shows_the_new_money_and_milestone_everywhere(client, tracked, manager):
    publishing.publication_publish(
        commitment_id=tracked.pk, user=manager, public_reason="Second tranche paid."
    )

    pledge = _text(client, "public:pledge", tracked.pk)
    embed = _text(client, "public:embed_pledge", tracked.pk)
    uk = _text(client, "public:party", "united-kingdom")
    uk_embed = _text(client, "public:embed_party", "united-kingdom")
    api = client.get(f"/api/v1/pledges/{tracked.pk}").json()

    assert "GBP 30,000,000" in pledge and LATER_STEP in pledge and "0 of 2 done" in pledge
    assert "GBP 30,000,000 disbursed of 70,000,000 announced" in embed
    assert "2 milestones" in embed
    assert "GBP 30,000,000" in uk and "GBP 70,000,000" in uk
    assert "GBP 30,000,000 disbursed of 70,000,000 announced" in uk_embed
    assert api["money"] == [
        {
            "currency": "GBP",
            "announced": "70000000.00",
            "committed": "0.00",
            "disbursed": "30000000.00",
        }
    ]
    assert [m["title"] for m in api["milestones"]] == [FIRST_STEP, LATER_STEP]
    assert not Commitment.objects.pending_review().exists()


def test_a_party_page_counts_money_once_in_each_role(client, tracked, manager):
    publishing.publication_publish(commitment_id=tracked.pk, user=manager, public_reason=REASON)

    kenya = client.get(reverse("public:party", args=["kenya"])).context["card"]
    uk = client.get(reverse("public:party", args=["united-kingdom"])).context["card"]

    assert [(r.currency, r.announced, r.disbursed) for r in uk.made.money] == [
        ("GBP", Decimal(70_000_000), Decimal(30_000_000))
    ]
    assert uk.received.money == []
    assert [(r.currency, r.disbursed) for r in kenya.received.money] == [
        ("GBP", Decimal(30_000_000))
    ]
    assert kenya.made.money == []


def test_a_milestone_status_change_waits_for_approval(client, tracked, manager, owner):
    publishing.publication_publish(commitment_id=tracked.pk, user=manager, public_reason=REASON)
    step = tracked.milestones.get(title=FIRST_STEP)
    tracked.refresh_from_db()
    services.milestone_update(
        milestone_id=step.pk,
        user=owner,
        expected_version=tracked.version,
        status=MilestoneStatus.DONE,
    )

    before = _text(client, "public:pledge", tracked.pk)
    assert "0 of 2 done" in before
    assert list(Commitment.objects.pending_review()) == [tracked]

    publishing.publication_publish(commitment_id=tracked.pk, user=manager, public_reason=REASON)
    after = _text(client, "public:pledge", tracked.pk)
    assert "1 of 2 done" in after


def test_unpublishing_hides_the_money_from_party_pages(client, tracked, manager):
    publishing.publication_unpublish(commitment_id=tracked.pk, user=manager)

    assert client.get(reverse("public:pledge", args=[tracked.pk])).status_code == 404
    assert client.get(reverse("public:party", args=["united-kingdom"])).status_code == 404


def test_a_party_named_by_an_unapproved_edit_stays_off_the_public_site(client, tracked, manager):
    services.commitment_edit(
        commitment_id=tracked.pk, user=manager, changes={"actor": "France"}, note="Renamed"
    )
    assert PledgeParty.objects.filter(commitment=tracked, party__name="France").exists()

    assert client.get(reverse("public:party", args=["france"])).status_code == 404
    uk = client.get(reverse("public:party", args=["united-kingdom"])).context["card"]
    assert uk.made.total == 1

    publishing.publication_publish(commitment_id=tracked.pk, user=manager, public_reason=REASON)
    france = client.get(reverse("public:party", args=["france"])).context["card"]
    assert france.made.total == 1
    assert client.get(reverse("public:party", args=["united-kingdom"])).status_code == 404


def test_a_party_link_moved_without_a_text_change_waits_for_approval(client, tracked, manager):
    publishing.publication_publish(commitment_id=tracked.pk, user=manager, public_reason=REASON)
    assert list(Commitment.objects.pending_review()) == []
    tanzania = party("Tanzania")

    services.commitment_set_parties(
        commitment_id=tracked.pk, user=manager, role="counterparty", party_ids=[tanzania.pk]
    )

    assert list(Commitment.objects.pending_review()) == [tracked]
    client.force_login(manager)
    review = _text(client, "commitments:publishing_review", tracked.pk)
    assert "Counterparty: Kenya" in review and "Counterparty: Tanzania" in review
    assert client.get(reverse("public:party", args=["tanzania"])).status_code == 404

    publishing.publication_publish(commitment_id=tracked.pk, user=manager, public_reason=REASON)
    assert list(Commitment.objects.pending_review()) == []
    card = client.get(reverse("public:party", args=["tanzania"])).context["card"]
    assert card.received.total == 1


def test_merging_parties_moves_their_public_pledges_too(client, tracked, manager):
    target = party("Republic of Kenya")
    publishing.publication_publish(commitment_id=tracked.pk, user=manager, public_reason=REASON)

    services.party_merge(target_id=target.pk, merged_ids=[party("Kenya").pk], user=manager)

    # The approved copy moved with the pledge, so the merge leaves nothing to review.
    assert list(Commitment.objects.pending_review()) == []

    card = client.get(reverse("public:party", args=[target.slug])).context["card"]
    assert card.received.total == 1
    assert [(r.currency, r.announced) for r in card.received.money] == [
        ("GBP", Decimal(70_000_000))
    ]


def _tallies() -> list[tuple]:
    from commitments.models import PublicTally

    return sorted(
        PublicTally.objects.values_list("party__slug", "role", "status", "due_date", "pledges")
    )


def test_party_tallies_follow_every_review_and_rebuild_to_the_same_rows(owner, manager):
    from commitments.public.parties import public_scorecard

    uk, today = party("United Kingdom"), timezone.localdate()
    late, coming, kept = (
        CommitmentFactory(owner=owner, status=status, due_date=today + timedelta(days=days))
        for status, days in (
            ("in_progress", -1),
            ("not_started", 1),
            ("fulfilled", -365),
        )
    )
    for pledge in (late, coming, kept):
        PledgeParty.objects.create(commitment=pledge, party=uk, role="pledger")
    publishing.publications_publish(
        commitment_ids=[late.pk, coming.pk, kept.pk], user=manager, public_reason=REASON
    )
    card = public_scorecard(uk).made
    assert (card.total, card.overdue, card.fulfilled) == (3, 1, 1)

    services.progress_record(
        commitment_id=late.pk,
        user=owner,
        expected_version=None,
        status="fulfilled",
        note="Opened today",
    )
    assert public_scorecard(uk).made.fulfilled == 1  # not approved yet
    publishing.publication_publish(commitment_id=late.pk, user=manager, public_reason=REASON)
    publishing.publication_unpublish(commitment_id=coming.pk, user=manager)

    card = public_scorecard(uk).made
    assert (card.total, card.overdue, card.fulfilled, card.open) == (2, 0, 2, 0)
    kept_rows = _tallies()
    publishing.public_tallies_rebuild()
    assert _tallies() == kept_rows


def _calendar_events(client, name: str, *args) -> dict:
    import icalendar

    content = client.get(reverse(name, args=args)).content
    return {str(e["uid"]): e for e in icalendar.Calendar.from_ical(content).walk("VEVENT")}


def test_approved_milestones_are_on_the_public_calendars_with_stable_uids(
    client, tracked, manager, owner
):
    from commitments.public.feeds import milestone_uid

    first = tracked.milestones.get(title=FIRST_STEP)
    later = tracked.milestones.get(title=LATER_STEP)
    uid = milestone_uid(first.pk)
    for name, args in (("public:calendar", ()), ("public:party_calendar", ("kenya",))):
        events = _calendar_events(client, name, *args)
        assert events[uid].decoded("dtstart") == date(2027, 3, 1)
        assert milestone_uid(later.pk) not in events  # not approved yet

    tracked.refresh_from_db()
    services.milestone_update(
        milestone_id=first.pk,
        user=owner,
        expected_version=tracked.version,
        due_date=date(2027, 5, 1),
    )
    publishing.publication_publish(commitment_id=tracked.pk, user=manager, public_reason=REASON)

    events = _calendar_events(client, "public:calendar")
    assert events[uid].decoded("dtstart") == date(2027, 5, 1)  # the same event, moved
    assert str(events[milestone_uid(later.pk)]["summary"]) == f"Milestone: {LATER_STEP}"
