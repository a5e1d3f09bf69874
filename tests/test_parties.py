"""Parties: resolution, scorecard numbers against a hand-computed fixture, the services for
each role, the pages for each role, and constant queries at 10 and 500 pledges."""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from commitments import links, scorecards, services, tracking
from commitments.models import (
    Commitment,
    MoneyRecord,
    Party,
    PartyKind,
    PledgeParty,
    Source,
    Status,
)
from commitments.parties import Resolver, seed_records, unique_slug
from commitments.services.parties import (
    commitments_assign_party,
    party_add_alias,
    party_assessment_record,
    party_merge,
)
from commitments.services.party_links import linker
from tests.factories import CommitmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def parties(db):
    """The seeded table, as the migration leaves it (seeded again if a test that flushes
    the database ran before)."""
    services.parties_seed(user=services.SYSTEM)
    return {p.name: p for p in Party.objects.all()}


def _pledge(actor: str, counterparty: str = "", **fields) -> Commitment:
    pledge = CommitmentFactory(actor=actor, counterparty=counterparty, **fields)
    linker().link(pledge)
    return pledge


def _linked(pledge: Commitment, role: str = "pledger") -> list[str]:
    return [
        pp.party.name
        for pp in PledgeParty.objects.filter(commitment=pledge, role=role).order_by("position")
    ]


# --- Resolution.


def test_the_seed_has_every_party_of_the_extraction_table_once(parties):
    names = [row["name"] for row in seed_records()]
    assert len(names) == len(set(names)) == len(parties)
    assert parties["India"].code == "IND" and parties["India"].kind == PartyKind.COUNTRY
    assert parties["Asian Development Bank"].kind == PartyKind.DEVELOPMENT_BANK
    assert parties["African Union"].kind == PartyKind.REGIONAL_BODY


def test_a_pair_in_either_order_is_the_same_two_parties(parties):
    a = _pledge("United Kingdom and India")
    b = _pledge("India and the United Kingdom")
    assert set(_linked(a)) == set(_linked(b)) == {"United Kingdom", "India"}
    assert _linked(a) == ["United Kingdom", "India"]  # in the order the text names them


def test_names_resolve_by_alias_demonym_and_code_in_any_case(parties):
    resolver = Resolver(Party.objects.all())
    assert [p.name for p in resolver.resolve("the UK")] == ["United Kingdom"]
    assert [p.name for p in resolver.resolve("british")] == ["United Kingdom"]
    assert [p.name for p in resolver.resolve("GBR")] == ["United Kingdom"]
    assert resolver.resolve("Unknown") == []


def test_an_unmatched_name_becomes_a_party_to_review_once(parties):
    first = _pledge("Pfizer/BioNTech")
    second = _pledge("Pfizer")
    assert _linked(first) == ["Pfizer", "BioNTech"]
    assert _linked(second) == ["Pfizer"]
    assert Party.objects.filter(name="Pfizer", needs_review=True).count() == 1


def test_editing_the_actor_text_relinks_and_keeps_a_kept_partys_assessment(manager, parties):
    pledge = _pledge("United Kingdom and India")
    india = PledgeParty.objects.get(commitment=pledge, party__name="India")
    party_assessment_record(
        pledge_party_id=india.pk, user=manager, expected_version=pledge.version, status="broken"
    )
    pledge.refresh_from_db()
    services.commitment_edit(
        commitment_id=pledge.pk,
        user=manager,
        changes={"actor": "India and Japan"},
        expected_version=pledge.version,
    )
    assert _linked(pledge) == ["India", "Japan"]
    assert PledgeParty.objects.get(commitment=pledge, party__name="India").status == "broken"


def test_unique_slug_never_repeats():
    taken = {"india"}
    assert unique_slug("India", taken) == "india-2"
    assert unique_slug("India", taken) == "india-3"


# --- Scorecard numbers against a hand-computed fixture.


@pytest.fixture
def fixture_pledges(parties, manager):
    """The United Kingdom made six pledges, India two of them jointly:

    | pledge | UK's status (own)     | India          | due      | amount  | money records    |
    | 1      | fulfilled             | broken (own)   | past     | GBP 70m | GBP committed 50m|
    |        |                       |                |          |         | disbursed 20m    |
    | 2      | broken                | –              | past     | GBP 5m  | –                |
    | 3      | in progress           | fulfilled (own)| past     | USD 1m  | USD announced    |
    |        |                       |                |          |         | 1.2m (revising   |
    |        |                       |                |          |         | 1m), disbursed   |
    |        |                       |                |          |         | 0.6m             |
    | 4      | partially fulfilled   | –              | future   | –       | –                |
    | 5      | withdrawn             | –              | past     | –       | –                |
    | 6      | not started           | –              | past     | –       | –                |

    Kenya received pledges 1 and 2.
    UK: made 6; closed = fulfilled + broken + withdrawn = 3; fulfilment rate 1/3; overdue
    (open and past due) = pledges 3 and 6 = 2; scored = 1, 2, 3, 4 → (+1 −1 + 0 + 0) / 4 = 0,
    compliance (0 + 1) / 2 = 50%.
    UK's money: GBP announced 70m + 5m = 75m, committed 50m, disbursed 20m (of pledge 1);
    USD announced 1.2m (the record replaces the amount), committed 0, disbursed 0.6m.
    India: made 2 (1, 3); its own assessments: broken and fulfilled; closed 2, fulfilment rate
    1/2; scored (−1 + 1) / 2 = 0 → 50%; overdue 1 (pledge 3: open, past due); received 0.
    India's money, the joint pledges in full: GBP 70m / 50m / 20m, USD 1.2m / 0 / 0.6m.
    Kenya received pledges 1 and 2: GBP 75m / 50m / 20m.
    """
    today = timezone.localdate()
    past, future = today - timedelta(days=10), today + timedelta(days=10)
    rows = [
        ("United Kingdom and India", "Kenya", Status.FULFILLED, past, Decimal("70000000"), "GBP"),
        ("United Kingdom", "Kenya", Status.BROKEN, past, Decimal("5000000"), "GBP"),
        ("the UK and India", "", Status.IN_PROGRESS, past, Decimal("1000000"), "USD"),
        ("Britain", "", Status.PARTIALLY_FULFILLED, future, None, ""),
        ("UK", "", Status.WITHDRAWN, past, None, ""),
        ("United Kingdom", "", Status.NOT_STARTED, past, None, ""),
    ]
    pledges = [
        _pledge(
            a,
            c,
            status=s,
            due_date=d,
            amount=m,
            currency=cur,
            progress=50 if s == Status.PARTIALLY_FULFILLED else 0,
        )
        for a, c, s, d, m, cur in rows
    ]
    india = {pp.commitment_id: pp for pp in PledgeParty.objects.filter(party=parties["India"])}
    india[pledges[0].pk].status = Status.BROKEN
    india[pledges[0].pk].save()
    india[pledges[2].pk].status = Status.FULFILLED
    india[pledges[2].pk].save()
    for pledge, stage, amount, currency in [
        (pledges[0], "committed", "50000000", "GBP"),
        (pledges[0], "disbursed", "20000000", "GBP"),
        (pledges[2], "announced", "1200000", "USD"),
        (pledges[2], "disbursed", "600000", "USD"),
    ]:
        services.money_record_add(
            commitment_id=pledge.pk,
            user=manager,
            expected_version=None,
            stage=stage,
            amount=amount,
            currency=currency,
            on=today,
        )
    return pledges


def _money(figures: scorecards.RoleFigures) -> dict[str, tuple[Decimal, Decimal, Decimal]]:
    return {r.currency: (r.announced, r.committed, r.disbursed) for r in figures.money}


def _card(name: str) -> scorecards.Scorecard:
    return next(c for c in scorecards.party_scorecards() if c.party.name == name)


def test_scorecard_numbers_match_the_hand_computed_fixture(fixture_pledges):
    uk = _card("United Kingdom").made
    assert (uk.total, uk.closed, uk.fulfilled, uk.broken, uk.overdue) == (6, 3, 1, 1, 2)
    assert uk.fulfilment_rate == pytest.approx(1 / 3)
    assert (uk.scored, uk.score, uk.compliance) == (4, 0, 0.5)
    assert _money(uk) == {
        "GBP": (Decimal("75000000"), Decimal("50000000"), Decimal("20000000")),
        "USD": (Decimal("1200000"), Decimal(0), Decimal("600000")),
    }

    india = _card("India")
    assert (india.made.total, india.made.closed, india.made.overdue) == (2, 2, 1)
    assert india.made.by_status == {Status.BROKEN: 1, Status.FULFILLED: 1}
    assert india.made.fulfilment_rate == 0.5
    assert (india.made.scored, india.made.score, india.made.compliance) == (2, 0, 0.5)
    assert india.received.total == 0
    assert _money(india.made) == {
        "GBP": (Decimal("70000000"), Decimal("50000000"), Decimal("20000000")),
        "USD": (Decimal("1200000"), Decimal(0), Decimal("600000")),
    }
    kenya = _card("Kenya")
    assert (kenya.made.total, kenya.received.total) == (0, 2)
    assert kenya.made.money == []
    assert _money(kenya.received) == {
        "GBP": (Decimal("75000000"), Decimal("50000000"), Decimal("20000000"))
    }


def test_one_partys_scorecard_has_the_same_money_as_the_list(fixture_pledges):
    for name in ("United Kingdom", "India", "Kenya"):
        card = scorecards.party_scorecard(Party.objects.get(name=name))
        listed = _card(name)
        assert _money(card.made) == _money(listed.made), name
        assert _money(card.received) == _money(listed.received), name


def test_the_money_figures_add_up_to_the_boards_totals(fixture_pledges):
    # Every pledge of the fixture has the UK as pledger, so its money is the whole board's.
    board = {
        r.currency: (r.announced, r.committed, r.disbursed)
        for r in tracking.money_totals(Commitment.objects.all())
    }
    assert _money(_card("United Kingdom").made) == board


def test_india_overdue_counts_its_open_past_due_pledges(fixture_pledges):
    # Pledge 3 is in progress and past due: overdue, whatever India's own assessment says.
    assert _card("India").made.overdue == 1


def test_every_scorecard_number_links_to_the_list_that_produces_it(
    client, manager, fixture_pledges
):
    client.force_login(manager)
    uk = Party.objects.get(name="United Kingdom")
    expected = {
        links.pledge_list(party=uk.slug, role="pledger"): 6,
        links.pledge_list(party=uk.slug, role="pledger", state="open"): 3,
        links.pledge_list(party=uk.slug, role="pledger", party_status="fulfilled"): 1,
        links.pledge_list(party=uk.slug, role="pledger", party_status="broken"): 1,
        links.pledge_list(party=uk.slug, role="pledger", overdue=True): 2,
        links.pledge_list(party=uk.slug, role="pledger", party_status="closed"): 3,
        links.pledge_list(party=uk.slug, role="pledger", party_status="scored"): 4,
        links.pledge_list(party="India", role="pledger", party_status="fulfilled"): 1,
        links.pledge_list(party="Kenya", role="counterparty"): 2,
        # The money: GBP and USD announced (1, 2, 3), committed (1), disbursed (1 and 3).
        links.pledge_list(party=uk.slug, role="pledger", money_stage="announced"): 3,
        links.pledge_list(party=uk.slug, role="pledger", money_stage="committed"): 1,
        links.pledge_list(party=uk.slug, role="pledger", money_stage="disbursed"): 2,
    }
    page = client.get(reverse("commitments:parties")).content.decode()
    for url, count in expected.items():
        if "India" not in url and "Kenya" not in url:
            assert url.replace("&", "&amp;") in page, url
        response = client.get(url)
        assert response.context["page"].paginator.count == count, url


def test_the_scorecard_page_shows_the_formula_and_the_partys_own_sum(
    client, owner, fixture_pledges
):
    client.force_login(owner)
    response = client.get(reverse("commitments:party", args=["united-kingdom"]))
    page = response.content.decode()
    assert "G7 Research Group" in page
    assert "(1 × (+1) + 1 × 0 + 1 × 0 + 1 × (−1)) ÷ 4 = 0.00, that is 50%" in page
    # Each sum links to the pledges that reached its stage; currencies stay apart.
    uk = "united-kingdom"
    for stage, figure in [
        ("announced", "GBP 75,000,000"),
        ("committed", "GBP 50,000,000"),
        ("disbursed", "GBP 20,000,000"),
        ("announced", "USD 1,200,000"),
        ("disbursed", "USD 600,000"),
    ]:
        href = links.pledge_list(party=uk, role="pledger", money_stage=stage).replace("&", "&amp;")
        assert f'<a href="{href}">{figure}</a>' in page, figure
    assert "76,200,000" not in page  # GBP and USD never added together
    # Kenya received pledges 1 and 2: its money links to pledges with Kenya as counterparty.
    href = links.pledge_list(party=uk, role="counterparty", money_stage="disbursed")
    assert href.replace("&", "&amp;") not in page
    kenya = client.get(reverse("commitments:party", args=["kenya"])).content.decode()
    href = links.pledge_list(party="kenya", role="counterparty", money_stage="disbursed")
    assert f'<a href="{href.replace("&", "&amp;")}">GBP 20,000,000</a>' in kenya


def test_the_board_shows_each_partys_disbursed_share(client, manager, fixture_pledges):
    client.force_login(manager)
    page = client.get(reverse("commitments:board")).content.decode()
    href = links.pledge_list(party="united-kingdom", role="pledger", money_stage="disbursed")
    row = page[page.index(href.replace("&", "&amp;")) :]
    # GBP 20m of 75m is 27%; USD 0.6m of 1.2m is 50%.
    assert row.index("GBP 27%") < row.index("USD 50%") < row.index("</tr>")


def test_an_unknown_party_in_the_list_filter_finds_nothing(client, owner, fixture_pledges):
    client.force_login(owner)
    response = client.get(links.pledge_list(party="Atlantis"))
    assert response.context["page"].paginator.count == 0
    assert "No party goes by “Atlantis”" in response.content.decode()


def test_the_list_filters_by_kind_of_party(client, owner, fixture_pledges):
    client.force_login(owner)
    response = client.get(links.pledge_list(party_kind="country", role="counterparty"))
    assert response.context["page"].paginator.count == 2


# --- Services, for each role.


def _india_on(pledge):
    return PledgeParty.objects.get(commitment=pledge, party__name="India")


def test_the_owner_assesses_a_signatory_with_a_timeline_entry(owner, parties):
    pledge = _pledge("United Kingdom and India", owner=owner)
    india = _india_on(pledge)
    party_assessment_record(
        pledge_party_id=india.pk,
        user=owner,
        expected_version=pledge.version,
        status="fulfilled",
        note="India delivered its share.",
        evidence_url="https://example.org/india",
    )
    pledge.refresh_from_db()
    india.refresh_from_db()
    assert pledge.version == 2 and pledge.status == Status.NOT_STARTED
    assert (india.status, india.assessed_by) == ("fulfilled", owner)
    entry = pledge.updates.get()
    assert "Assessment of India: as the pledge → Fulfilled." in entry.note
    assert entry.evidence_url == "https://example.org/india"


def test_a_manager_may_assess_and_return_a_signatory_to_the_pledges_status(manager, owner, parties):
    pledge = _pledge("United Kingdom and India", owner=owner)
    india = _india_on(pledge)
    party_assessment_record(
        pledge_party_id=india.pk, user=manager, expected_version=1, status="broken"
    )
    party_assessment_record(pledge_party_id=india.pk, user=manager, expected_version=2, status="")
    india.refresh_from_db()
    assert india.status == "" and india.assessed_status() == Status.NOT_STARTED


def test_another_analyst_and_a_reader_cannot_assess(other_analyst, owner, parties):
    pledge = _pledge("United Kingdom and India", owner=owner)
    for user in (other_analyst, UserFactory(username="reader")):
        with pytest.raises(PermissionDenied):
            party_assessment_record(
                pledge_party_id=_india_on(pledge).pk, user=user, expected_version=1, status="broken"
            )
    assert _india_on(pledge).status == ""


def test_a_stale_version_conflicts_and_writes_nothing(owner, parties):
    pledge = _pledge("United Kingdom and India", owner=owner)
    services.progress_record(commitment_id=pledge.pk, user=owner, expected_version=1, note="Seen.")
    with pytest.raises(services.CommitmentConflict):
        party_assessment_record(
            pledge_party_id=_india_on(pledge).pk, user=owner, expected_version=1, status="broken"
        )
    assert _india_on(pledge).status == ""


def test_a_bad_status_is_refused_with_a_message(owner, parties):
    pledge = _pledge("United Kingdom and India", owner=owner)
    with pytest.raises(ValidationError, match="not a status"):
        party_assessment_record(
            pledge_party_id=_india_on(pledge).pk, user=owner, expected_version=1, status="kept"
        )


def test_managers_merge_parties_and_their_pledges_move(manager, analyst_and_reader, parties):
    pledge = _pledge("Pfizer/BioNTech")
    pfizer, biontech = Party.objects.get(name="Pfizer"), Party.objects.get(name="BioNTech")
    for user in analyst_and_reader:
        with pytest.raises(PermissionDenied):
            party_merge(target_id=pfizer.pk, merged_ids=[biontech.pk], user=user)
    party_merge(target_id=pfizer.pk, merged_ids=[biontech.pk], user=manager)
    pfizer.refresh_from_db()
    assert _linked(pledge) == ["Pfizer"]
    assert "BioNTech" in pfizer.aliases
    assert not Party.objects.filter(name="BioNTech").exists()
    # The next text that says BioNTech links to the merged party.
    assert _linked(_pledge("BioNTech")) == ["Pfizer"]


@pytest.fixture
def analyst_and_reader(owner):
    return [owner, UserFactory(username="reader")]


def test_managers_add_an_alias_that_later_imports_resolve(manager, analyst_and_reader, parties):
    uk = parties["United Kingdom"]
    for user in analyst_and_reader:
        with pytest.raises(PermissionDenied):
            party_add_alias(party_id=uk.pk, alias="Blighty", user=user)
    party_add_alias(party_id=uk.pk, alias="Blighty", user=manager)
    assert _linked(_pledge("Blighty")) == ["United Kingdom"]
    with pytest.raises(ValidationError, match="name of another party"):
        party_add_alias(party_id=uk.pk, alias="India", user=manager)


def test_bulk_assign_a_party_for_each_role(manager, owner, other_analyst, parties):
    mine = _pledge("United Kingdom", owner=owner)
    theirs = _pledge("United Kingdom", owner=other_analyst)
    japan = parties["Japan"]
    with pytest.raises(PermissionDenied):
        commitments_assign_party(
            commitment_ids=[mine.pk, theirs.pk], user=owner, party_id=japan.pk, role="counterparty"
        )
    assert _linked(mine, "counterparty") == []  # all or nothing
    assert (
        commitments_assign_party(
            commitment_ids=[mine.pk, theirs.pk],
            user=manager,
            party_id=japan.pk,
            role="counterparty",
        )
        == 2
    )
    assert _linked(theirs, "counterparty") == ["Japan"]
    mine.refresh_from_db()
    assert mine.version == 2 and "Counterparty added: Japan." in mine.updates.get().note


# --- Pages, for each role.


def test_scorecards_need_sign_in_and_are_read_by_every_role(
    client, owner, manager, fixture_pledges
):
    url = reverse("commitments:parties")
    assert client.get(url).status_code == 302
    for user in (owner, manager, UserFactory(username="reader")):
        client.force_login(user)
        assert client.get(url).status_code == 200
        assert client.get(reverse("commitments:party", args=["india"])).status_code == 200
    assert client.get(reverse("commitments:party", args=["atlantis"])).status_code == 404
    assert client.post(url).status_code == 405


def test_the_pledge_page_shows_each_signatorys_assessment(client, owner, other_analyst, parties):
    pledge = _pledge("United Kingdom and India", "Kenya", owner=owner)
    party_assessment_record(
        pledge_party_id=_india_on(pledge).pk, user=owner, expected_version=1, status="broken"
    )
    client.force_login(other_analyst)
    page = client.get(pledge.get_absolute_url()).content.decode()
    assert "Pledged by" in page and "Pledged to" in page
    assert "its own assessment" in page and "as the pledge" in page
    assert "Save assessment" not in page  # not theirs to change
    client.force_login(owner)
    assert "Save assessment" in client.get(pledge.get_absolute_url()).content.decode()


def _assess_url(pledge, link):
    return reverse("commitments:assess_party", args=[pledge.pk, link.pk])


def test_assessing_by_post_redirects_and_with_htmx_answers_the_pledge(client, owner, parties):
    pledge = _pledge("United Kingdom and India", owner=owner)
    india = _india_on(pledge)
    client.force_login(owner)
    prefix = f"p{india.pk}"
    response = client.post(
        _assess_url(pledge, india), {f"{prefix}-version": 1, f"{prefix}-status": "fulfilled"}
    )
    assert response.status_code == 302 and response["Location"] == pledge.get_absolute_url()
    response = client.post(
        _assess_url(pledge, india),
        {f"{prefix}-version": 2, f"{prefix}-status": "broken", f"{prefix}-note": "Cancelled."},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert 'id="pledge"' in response.content.decode() and "<html" not in response.content.decode()
    # A stale version: 409, nothing written.
    response = client.post(
        _assess_url(pledge, india),
        {f"{prefix}-version": 1, f"{prefix}-status": "fulfilled"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 409
    india.refresh_from_db()
    assert india.status == "broken"


def test_assessing_is_refused_to_others_and_unknown_ids_are_404(
    client, owner, other_analyst, parties
):
    pledge = _pledge("United Kingdom and India", owner=owner)
    india = _india_on(pledge)
    client.force_login(other_analyst)
    data = {f"p{india.pk}-version": 1, f"p{india.pk}-status": "broken"}
    assert client.post(_assess_url(pledge, india), data).status_code == 403
    client.force_login(owner)
    assert client.get(_assess_url(pledge, india)).status_code == 405
    other = _pledge("Japan", owner=owner)
    assert client.post(_assess_url(other, india), data).status_code == 404
    assert (
        client.post(reverse("commitments:assess_party", args=[999999, india.pk]), data).status_code
        == 404
    )
    india.refresh_from_db()
    assert india.status == ""


def test_the_board_shows_parties_for_managers_only(client, owner, manager, fixture_pledges):
    client.force_login(owner)
    assert client.get(reverse("commitments:board")).status_code == 403
    client.force_login(manager)
    page = client.get(reverse("commitments:board")).content.decode()
    assert "By party" in page and links.party("united-kingdom") in page


# --- Constant queries.


def _seed(n: int, owner) -> None:
    today = timezone.localdate()
    names = [
        "United Kingdom and India",
        "India and the United Kingdom",
        "Japan",
        "Pfizer/BioNTech",
        "the EU",
    ]
    sources = Source.objects.bulk_create(
        Source(title=f"S{i}", published_on=today, body="x" * 100, sha256=f"p{n}-{i}")
        for i in range(max(1, n // 20))
    )
    pledges = Commitment.objects.bulk_create(
        Commitment(
            title=f"Pledge {i}",
            source=sources[i % len(sources)],
            quote="x",
            quote_start=i,
            quote_end=i + 1,
            actor=names[i % len(names)],
            counterparty="Kenya" if i % 2 else "",
            status=list(Status)[i % len(Status)],
            owner=owner,
            due_date=today + timedelta(days=(i % 60) - 30),
            amount=Decimal(i) if i % 3 == 0 else None,
            currency=("GBP", "USD")[i % 2] if i % 3 == 0 else "",
        )
        for i in range(n)
    )
    linker().link_new(pledges)
    # Money that moved on for every sixth pledge: committed, and half of it disbursed.
    MoneyRecord.objects.bulk_create(
        MoneyRecord(
            commitment=p, stage=stage, amount=p.amount * share, currency=p.currency, on=today
        )
        for p in pledges[::6]
        if p.amount
        for stage, share in (("committed", 1), ("disbursed", Decimal("0.5")))
    )


@pytest.fixture(params=[10, 500])
def seeded_parties(request, owner, parties):
    _seed(request.param, owner)
    return request.param


def test_scorecard_queries_do_not_grow(client, manager, seeded_parties, django_assert_num_queries):
    client.force_login(manager)
    # session, user (with their roles, for the nav), the parties, one grouped pass over their
    # pledges, their money records by party, role, currency and stage, their pledges' amounts
    # by party, role and currency, header attention count
    with django_assert_num_queries(7):
        response = client.get(reverse("commitments:parties"))
    assert sum(c.made.total for c in response.context["cards"]) >= seeded_parties
    assert any(row.disbursed for c in response.context["cards"] for row in c.made.money)
    # session, user (with their roles), the party, one grouped pass over its pledges, its
    # money records and its pledges' amounts (each by role and currency), attention count
    with django_assert_num_queries(7):
        response = client.get(reverse("commitments:party", args=["india"]))
    assert response.context["card"].made.money


def test_board_queries_do_not_grow_with_parties(
    client, manager, seeded_parties, django_assert_num_queries
):
    client.force_login(manager)
    # As tests/test_views_queries.py's board, and one more: the parties the by-party card's
    # grouped pass names.
    with django_assert_num_queries(20):
        response = client.get(reverse("commitments:board"))
    assert response.context["party_cards"]


# --- The admin: merge, alias, bulk assign, filters; spreadsheet export and import.

PARTY_CHANGELIST = reverse("admin:commitments_party_changelist")
PLEDGE_CHANGELIST = reverse("admin:commitments_commitment_changelist")


@pytest.fixture
def manager_staff(manager):
    manager.is_staff = True
    manager.save()
    from django.contrib.auth.models import Permission

    manager.user_permissions.add(*Permission.objects.filter(content_type__app_label="commitments"))
    return manager


def test_admin_merges_two_parties_through_the_intermediate_page(client, manager_staff, parties):
    pledge = _pledge("Pfizer/BioNTech")
    pfizer, biontech = Party.objects.get(name="Pfizer"), Party.objects.get(name="BioNTech")
    client.force_login(manager_staff)
    data = {"action": "merge_parties", "_selected_action": [pfizer.pk, biontech.pk]}
    page = client.post(PARTY_CHANGELIST, data)
    assert page.status_code == 200 and "Party that stays" in page.content.decode()
    response = client.post(PARTY_CHANGELIST, {**data, "apply": "1", "target": pfizer.pk})
    assert response.status_code == 302
    assert _linked(pledge) == ["Pfizer"]


def test_admin_adds_an_alias(client, manager_staff, parties):
    client.force_login(manager_staff)
    kenya = parties["Kenya"]
    data = {"action": "add_alias", "_selected_action": [kenya.pk], "apply": "1", "alias": "KE"}
    assert client.post(PARTY_CHANGELIST, data).status_code == 302
    kenya.refresh_from_db()
    assert "KE" in kenya.aliases


def test_admin_assigns_a_party_in_bulk_and_filters_by_party_and_role(
    client, manager_staff, parties
):
    a, b = _pledge("United Kingdom"), _pledge("Japan")
    client.force_login(manager_staff)
    data = {
        "action": "assign_party",
        "_selected_action": [a.pk, b.pk],
        "apply": "1",
        "party": parties["Kenya"].pk,
        "role": "counterparty",
    }
    assert client.post(PLEDGE_CHANGELIST, data).status_code == 302
    assert _linked(a, "counterparty") == _linked(b, "counterparty") == ["Kenya"]
    response = client.get(
        PLEDGE_CHANGELIST, {"party": parties["Japan"].pk, "party_role": "pledger"}
    )
    assert [c.pk for c in response.context["cl"].result_list] == [b.pk]
    response = client.get(
        PLEDGE_CHANGELIST, {"party": parties["Kenya"].pk, "party_role": "pledger"}
    )
    assert list(response.context["cl"].result_list) == []
    response = client.get(
        PLEDGE_CHANGELIST, {"party_kind": "country", "party_role": "counterparty"}
    )
    assert {c.pk for c in response.context["cl"].result_list} == {a.pk, b.pk}


def _run_import(text: str, user):
    import tablib

    from commitments.resources import CommitmentResource

    dataset = tablib.Dataset().load(text, format="csv")
    return CommitmentResource().import_data(
        dataset, dry_run=False, use_transactions=True, rollback_on_validation_errors=True, user=user
    )


def test_export_lists_parties_by_name_and_import_takes_names_or_codes(manager, parties):
    from commitments.resources import CommitmentResource

    pledge = _pledge("United Kingdom and India", "Kenya")
    exported = CommitmentResource().export().dict[0]
    assert (exported["pledgers"], exported["counterparties"]) == ("United Kingdom; India", "Kenya")

    result = _run_import(f"id,pledgers,counterparties\n{pledge.pk},JPN; india,the UK\n", manager)
    assert not result.has_errors() and not result.has_validation_errors()
    assert _linked(pledge) == ["Japan", "India"]
    assert _linked(pledge, "counterparty") == ["United Kingdom"]
    pledge.refresh_from_db()
    notes = " ".join(u.note for u in pledge.updates.all())
    assert "Pledger added: Japan." in notes and "Pledger removed: United Kingdom." in notes


def test_import_refuses_a_party_nobody_goes_by_and_changes_nothing(manager, parties):
    pledge = _pledge("United Kingdom")
    result = _run_import(f"id,pledgers\n{pledge.pk},Atlantis\n", manager)
    (invalid,) = result.invalid_rows
    assert "No party goes by Atlantis" in " ".join(invalid.error.messages)
    assert _linked(pledge) == ["United Kingdom"]


def test_a_counterparty_is_not_assessed(owner, parties):
    pledge = _pledge("United Kingdom", "Kenya", owner=owner)
    kenya = PledgeParty.objects.get(commitment=pledge, role="counterparty")
    with pytest.raises(ValidationError, match="counterparties are not"):
        party_assessment_record(
            pledge_party_id=kenya.pk, user=owner, expected_version=1, status="broken"
        )


def test_the_list_export_carries_the_parties(client, manager, parties):
    import csv
    import io

    _pledge("United Kingdom and India", "Kenya")
    client.force_login(manager)
    response = client.get(reverse("commitments:export"))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert (rows[0]["pledgers"], rows[0]["counterparties"]) == ("United Kingdom; India", "Kenya")


def test_the_list_filtered_by_party_keeps_constant_queries(
    client, owner, seeded_parties, django_assert_num_queries
):
    client.force_login(owner)
    url = links.pledge_list(party="India", role="pledger", party_status="scored")
    # As the unfiltered list (9), plus finding the party the filter names (by slug, then the
    # parties for a name)
    with django_assert_num_queries(11):
        response = client.get(url)
    assert response.context["page"].paginator.count > 0


def test_seed_parties_adds_what_the_vocabulary_gained_and_keeps_merged_parties_merged(
    parties, manager
):
    from django.core.management import call_command

    names = [row["name"] for row in seed_records()]
    gained, merged, target = names[0], names[1], names[2]
    Party.objects.filter(name=gained).delete()  # as if the vocabulary gained it since
    services.party_merge(
        target_id=parties[target].pk, merged_ids=[parties[merged].pk], user=manager
    )
    out = io.StringIO()

    call_command("seed_parties", stdout=out)

    assert out.getvalue().strip() == "Parties created: 1."
    assert Party.objects.filter(name=gained).exists()
    assert not Party.objects.filter(name=merged).exists()
    call_command("seed_parties", stdout=out)
    assert out.getvalue().strip().endswith("Parties created: 0.")
