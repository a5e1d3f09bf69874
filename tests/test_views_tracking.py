"""The pledge page's tracking forms, for each person: money, milestones, evidence, due dates."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from commitments import services
from commitments.models import (
    Commitment,
    DueDateChange,
    EvidenceItem,
    EvidenceKind,
    Milestone,
    MilestoneStatus,
    MoneyRecord,
    MoneyStage,
)
from tests.factories import CommitmentFactory, ProgressUpdateFactory, SourceFactory

pytestmark = pytest.mark.django_db

YESTERDAY = timezone.localdate() - timedelta(days=1)


def money_data(commitment, **changes):
    data = {
        "money-version": commitment.version,
        "money-stage": MoneyStage.COMMITTED,
        "money-amount": "20000000",
        "money-currency": "GBP",
        "money-on": YESTERDAY.isoformat(),
        "money-evidence_url": "",
        "money-note": "Signed agreement",
    }
    data.update(changes)
    return data


def milestone_data(commitment, **changes):
    data = {
        "milestone-version": commitment.version,
        "milestone-title": "Contract signed",
        "milestone-due_date": "2031-01-01",
        "milestone-weight": "2",
    }
    data.update(changes)
    return data


def evidence_data(commitment, **changes):
    data = {
        "evidence-version": commitment.version,
        "evidence-kind": EvidenceKind.DELIVERY_RECORD,
        "evidence-title": "Handover certificate",
        "evidence-url": "https://gov.example/handover",
        "evidence-source": "",
        "evidence-publisher": "Ministry of Works",
        "evidence-published_on": YESTERDAY.isoformat(),
        "evidence-note": "",
    }
    data.update(changes)
    return data


FORMS = [
    ("commitments:money_add", money_data, MoneyRecord),
    ("commitments:milestone_add", milestone_data, Milestone),
    ("commitments:evidence_add", evidence_data, EvidenceItem),
]


@pytest.mark.parametrize(("name", "data", "model"), FORMS)
def test_the_owner_records_and_the_page_shows_it(client, owner, commitment, name, data, model):
    client.force_login(owner)
    response = client.post(reverse(name, args=[commitment.pk]), data(commitment))
    assert response.status_code == 302 and response["Location"] == commitment.get_absolute_url()
    assert model.objects.count() == 1
    commitment.refresh_from_db()
    assert commitment.version == 2 and commitment.updates.count() == 1

    page = client.get(commitment.get_absolute_url()).content.decode()
    assert {
        MoneyRecord: "GBP 20,000,000",
        Milestone: "Contract signed",
        EvidenceItem: "Handover certificate",
    }[model] in page


@pytest.mark.parametrize(("name", "data", "model"), FORMS)
def test_htmx_answers_with_the_pledge_region(client, manager, commitment, name, data, model):
    client.force_login(manager)
    response = client.post(
        reverse(name, args=[commitment.pk]), data(commitment), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<article id="pledge"') and "<html" not in body
    assert model.objects.count() == 1


@pytest.mark.parametrize(("name", "data", "model"), FORMS)
def test_another_analyst_is_refused(client, other_analyst, commitment, name, data, model):
    client.force_login(other_analyst)
    response = client.post(reverse(name, args=[commitment.pk]), data(commitment))
    assert response.status_code == 403
    assert not model.objects.exists()


@pytest.mark.parametrize(("name", "data", "model"), FORMS)
def test_wrong_method_unknown_pledge_and_strangers(client, owner, commitment, name, data, model):
    assert client.post(reverse(name, args=[commitment.pk]), data(commitment)).status_code == 302
    client.force_login(owner)
    assert client.get(reverse(name, args=[commitment.pk])).status_code == 405
    assert client.post(reverse(name, args=[999999]), data(commitment)).status_code == 404
    assert not model.objects.exists()


@pytest.mark.parametrize(("name", "data", "model"), FORMS)
def test_a_stale_form_is_a_conflict_offering_to_apply_again(
    client, owner, manager, commitment, name, data, model
):
    seen = data(commitment)
    services.progress_record(
        commitment_id=commitment.pk, user=manager, expected_version=1, note="Checked"
    )
    client.force_login(owner)
    response = client.post(reverse(name, args=[commitment.pk]), seen, HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    assert "Apply mine again" in response.content.decode()
    assert not model.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "changes", "message"),
    [
        ("commitments:money_add", money_data, {"money-currency": "£"}, "three-letter ISO code"),
        ("commitments:money_add", money_data, {"money-amount": "lots"}, "The amount is a number"),
        (
            "commitments:money_add",
            money_data,
            {"money-on": (timezone.localdate() + timedelta(days=9)).isoformat()},
            "cannot be in the future",
        ),
        ("commitments:milestone_add", milestone_data, {"milestone-title": ""}, "required"),
        ("commitments:milestone_add", milestone_data, {"milestone-weight": "0"}, "1 to 1000"),
        (
            "commitments:evidence_add",
            evidence_data,
            {"evidence-url": ""},
            "Give a link or pick a tracked article.",
        ),
        (
            "commitments:evidence_add",
            evidence_data,
            {"evidence-url": "", "evidence-source": "999999"},
            "That article is not in the tracker.",
        ),
    ],
)
def test_bad_input_gets_a_sentence_and_changes_nothing(
    client, owner, commitment, name, data, changes, message
):
    client.force_login(owner)
    response = client.post(
        reverse(name, args=[commitment.pk]), data(commitment, **changes), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    assert message in response.content.decode()
    commitment.refresh_from_db()
    assert commitment.version == 1 and not commitment.updates.exists()


def test_evidence_may_point_at_a_tracked_article(client, owner, commitment):
    article = SourceFactory(title="Bridge opens")
    client.force_login(owner)
    client.post(
        reverse("commitments:evidence_add", args=[commitment.pk]),
        evidence_data(commitment, **{"evidence-url": "", "evidence-source": str(article.pk)}),
    )
    item = EvidenceItem.objects.get()
    assert item.source == article
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert reverse("commitments:source_detail", args=[article.pk]) in page
    assert f'Last verified: <time datetime="{YESTERDAY:%Y-%m-%d}"' in page


# --- Milestone status.


def test_setting_a_milestone_done_moves_the_progress(client, owner, commitment):
    first = services.milestone_add(
        commitment_id=commitment.pk, user=owner, expected_version=1, title="Design", weight=1
    )
    services.milestone_add(
        commitment_id=commitment.pk, user=owner, expected_version=2, title="Build", weight=3
    )
    client.force_login(owner)
    response = client.post(
        reverse("commitments:milestone_update", args=[first.pk]),
        {"version": 3, "status": MilestoneStatus.DONE},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    commitment.refresh_from_db()
    assert commitment.progress == 25
    assert 'value="25"' in response.content.decode()
    # The progress field is shown but cannot be typed any more.
    assert "Set by the milestones" in response.content.decode()


def test_milestone_status_per_person(client, owner, other_analyst, manager, commitment):
    milestone = services.milestone_add(
        commitment_id=commitment.pk, user=owner, expected_version=1, title="Design"
    )
    url = reverse("commitments:milestone_update", args=[milestone.pk])
    data = {"version": 2, "status": MilestoneStatus.IN_PROGRESS}
    assert client.post(url, data).status_code == 302  # to sign in
    client.force_login(other_analyst)
    assert client.post(url, data).status_code == 403
    client.force_login(owner)
    assert client.get(url).status_code == 405
    assert (
        client.post(reverse("commitments:milestone_update", args=[999999]), data).status_code == 404
    )
    assert client.post(url, {"version": 2, "status": "finished"}).status_code == 422
    client.force_login(manager)
    assert client.post(url, data).status_code == 302
    assert Milestone.objects.get().status == MilestoneStatus.IN_PROGRESS
    assert client.post(url, data).status_code == 409  # version 2 is gone


# --- Due dates move with a reason.


def test_the_due_date_form_needs_a_reason_to_move_a_date(client, owner, manager):
    commitment = CommitmentFactory(owner=owner, due_date=date(2030, 1, 1))
    client.force_login(manager)
    url = reverse("commitments:set_due_date", args=[commitment.pk])
    data = {"due-version": 1, "due-due_date": "2031-06-30", "due-due_text": "", "due-reason": ""}
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 422 and "a reason is required" in response.content.decode()
    assert not DueDateChange.objects.exists()

    data["due-reason"] = "Extended by the agreement of both sides"
    assert client.post(url, data).status_code == 302
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert "Due date moves" in page and "Extended by the agreement of both sides" in page


def test_a_pledge_fulfilled_after_its_first_due_date_shows_fulfilled_late(client, owner, manager):
    first = timezone.localdate() - timedelta(days=10)
    commitment = CommitmentFactory(owner=owner, due_date=first)
    services.commitment_set_due_date(
        commitment_id=commitment.pk,
        user=manager,
        due_date=timezone.localdate() + timedelta(days=60),
        reason="Extended",
    )
    services.progress_record(
        commitment_id=commitment.pk,
        user=owner,
        expected_version=2,
        status="fulfilled",
        note="Delivered",
    )
    client.force_login(owner)
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert "fulfilled late" in page and f"{first:%-d %b %Y}" in page


# --- The page stays at a fixed number of queries, whatever the pledge holds.


def _fill(commitment: Commitment, owner, manager, n: int) -> None:
    version = 1
    for i in range(n):
        services.money_record_add(
            commitment_id=commitment.pk,
            user=owner,
            expected_version=version,
            stage=MoneyStage.DISBURSED,
            amount=Decimal(10 + i),
            currency="GBP" if i % 2 else "USD",
            on=YESTERDAY,
        )
        services.milestone_add(
            commitment_id=commitment.pk,
            user=owner,
            expected_version=version + 1,
            title=f"Step {i}",
            due_date=date(2031, 1, 1) + timedelta(days=i),
        )
        services.evidence_add(
            commitment_id=commitment.pk,
            user=owner,
            expected_version=version + 2,
            items=[
                services.EvidenceInput(
                    kind=EvidenceKind.NEWS,
                    title=f"Report {i}",
                    published_on=YESTERDAY,
                    url="https://news.example/r",
                )
            ],
        )
        version += 3
    services.commitment_set_due_date(
        commitment_id=commitment.pk, user=manager, due_date=date(2032, 1, 1)
    )
    for i in range(n):
        services.commitment_set_due_date(
            commitment_id=commitment.pk,
            user=manager,
            due_date=date(2033, 1, 1) + timedelta(days=i),
            reason=f"Moved {i}",
        )


@pytest.mark.parametrize("size", [2, 30])
def test_pledge_page_queries(client, owner, manager, commitment, size, django_assert_num_queries):
    _fill(commitment, owner, manager, size)
    client.force_login(owner)
    # session, user (with their roles), the pledge (source, owner, updated_by joined), its
    # timeline (authors and evidence spans joined), its later sources, its signatories
    # (parties joined), its money records, milestones, due-date changes (who joined) and
    # evidence (sources joined), header attention count
    with django_assert_num_queries(11):
        response = client.get(commitment.get_absolute_url())
    assert len(response.context["milestones"]) == size
    assert len(response.context["due_changes"]) == size


# --- The board and the list.


def _seed_tracked(n: int, owner) -> None:
    """n pledges with money in two currencies, milestones, evidence and a moved deadline."""
    for i in range(n):
        pledge = CommitmentFactory(
            owner=owner, amount=Decimal(100), currency="GBP" if i % 2 else "USD"
        )
        entry = ProgressUpdateFactory(commitment=pledge, author=owner)
        MoneyRecord.objects.create(
            commitment=pledge,
            stage=MoneyStage.COMMITTED,
            amount=40,
            currency=pledge.currency,
            on=YESTERDAY,
            update=entry,
        )
        Milestone.objects.create(commitment=pledge, title="Step", weight=1)
        EvidenceItem.objects.create(
            commitment=pledge,
            update=entry,
            kind=EvidenceKind.OFFICIAL_STATEMENT,
            title="Statement",
            url="https://gov.example/s",
            published_on=YESTERDAY,
        )
        DueDateChange.objects.create(
            commitment=pledge,
            old_due_date=date(2030, 1, 1),
            new_due_date=date(2031, 1, 1),
            reason="Extended",
            update=entry,
        )


@pytest.mark.parametrize("size", [10, 60])
def test_board_queries_with_tracking(client, manager, owner, size, django_assert_num_queries):
    _seed_tracked(size, owner)
    client.force_login(manager)
    # session, user (with their roles), the data version, the board's own eleven and its four
    # by party (see test_views_queries), the tracking counts, money records by currency and
    # stage, pledge amounts by currency; then the header attention count
    with django_assert_num_queries(19):
        response = client.get(reverse("commitments:board"))
    rows = {row.currency: row for row in response.context["money_rows"]}
    half = Decimal(100 * (size // 2))
    assert (rows["GBP"].announced, rows["USD"].announced) == (half, half)
    assert rows["GBP"].committed == Decimal(40 * (size // 2))


def test_board_sums_money_per_currency_and_links_each_flag(client, manager, owner):
    _seed_tracked(4, owner)
    CommitmentFactory(owner=owner)  # untracked
    client.force_login(manager)
    response = client.get(reverse("commitments:board"))
    flags = response.context["tracking_flags"]
    page = response.content.decode()
    assert "Money by stage" in page
    assert '<th scope="row">GBP</th><td>200</td><td>80</td><td>0</td>' in page
    # Every flag's number opens the list that holds exactly those pledges. (The board is
    # cached per data version: its figures are in the context of the request that built it.)
    for label, n, href, _warn in flags:
        listed = client.get(href).context["page"].paginator.count
        assert listed == n, label
    assert flags[0][1] == 4


def test_analysts_do_not_see_the_board(client, owner):
    client.force_login(owner)
    assert client.get(reverse("commitments:board")).status_code == 403


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"money_stage": "committed"}, {"tracked"}),
        ({"money_stage": "announced"}, {"tracked", "amount only"}),
        ({"money_stage": "disbursed"}, set()),
        ({"has_milestones": "yes"}, {"tracked"}),
        ({"has_milestones": "no"}, {"amount only", "bare"}),
        ({"deadline_moved": "yes"}, {"tracked"}),
        ({"official_only": "yes"}, {"tracked"}),
        ({"verified_before": timezone.localdate().isoformat()}, {"tracked", "amount only", "bare"}),
        ({"verified_before": (YESTERDAY - timedelta(days=1)).isoformat()}, {"amount only", "bare"}),
        ({"verified_before": "2000-01-01", "has_milestones": "yes"}, set()),
    ],
)
def test_list_filters_for_tracking(client, owner, query, expected):
    _seed_tracked(1, owner)
    Commitment.objects.filter(owner=owner).update(title="tracked")
    CommitmentFactory(owner=owner, title="amount only", amount=Decimal(5), currency="EUR")
    CommitmentFactory(owner=owner, title="bare")
    client.force_login(owner)
    response = client.get(reverse("commitments:list"), query)
    assert {c.title for c in response.context["page"].object_list} == expected
