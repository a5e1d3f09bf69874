"""How many independent outlets reported a pledge: on the list, as a filter, on the board."""

from __future__ import annotations

import pytest
from django.urls import reverse

from commitments.models import PledgeSource, PledgeSourceKind
from tests.factories import CommitmentFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _report(pledge, source):
    PledgeSource.objects.create(
        commitment=pledge,
        source=source,
        kind=PledgeSourceKind.REPORT,
        quote="reported again",
        quote_start=0,
        quote_end=14,
    )


@pytest.fixture
def reported(owner):
    """Three pledges first reported by Example News: one reported again by two other outlets
    and by Example News itself (spelt otherwise), one only by Example News again, one never."""
    wide = CommitmentFactory(owner=owner, title="wide")
    _report(wide, SourceFactory(publisher="Daily Planet"))
    _report(wide, SourceFactory(publisher="", title="a source with no publisher"))
    _report(wide, SourceFactory(publisher=" example news "))
    same = CommitmentFactory(owner=owner, title="same outlet")
    _report(same, SourceFactory(publisher="EXAMPLE NEWS"))
    CommitmentFactory(owner=owner, title="once")
    return wide


def test_the_list_shows_how_many_outlets_reported_each_pledge(client, owner, reported):
    client.force_login(owner)
    response = client.get(reverse("commitments:list"))
    outlets = {c.title: c.outlets for c in response.context["page"].object_list}
    assert outlets == {"wide": 3, "same outlet": 1, "once": 1}
    page = response.content.decode()
    assert page.count("outlets</span>") == 1 and "3 outlets" in page


@pytest.mark.parametrize(
    ("value", "expected"), [("yes", {"wide"}), ("no", {"same outlet", "once"})]
)
def test_the_list_filters_pledges_reported_by_two_outlets_or_more(
    client, owner, reported, value, expected
):
    client.force_login(owner)
    response = client.get(reverse("commitments:list"), {"corroborated": value})
    assert {c.title for c in response.context["page"].object_list} == expected


def test_the_board_counts_them_and_links_the_list(client, manager, reported):
    client.force_login(manager)
    flags = {
        label: (n, href)
        for label, n, href, _w in client.get(reverse("commitments:board")).context["tracking_flags"]
    }
    n, href = flags["reported by two outlets or more"]
    assert n == 1
    assert [c.title for c in client.get(href).context["page"].object_list] == ["wide"]


@pytest.mark.parametrize("size", [1, 8])
def test_outlets_keep_the_list_queries_constant(client, owner, size, django_assert_num_queries):
    for _ in range(size):
        pledge = CommitmentFactory(owner=owner)
        _report(pledge, SourceFactory(publisher="Daily Planet"))
    client.force_login(owner)
    client.get(reverse("commitments:list"))  # fills the cached suggestions
    # session, user (with their roles), header attention count, the data version, owner
    # choices, count for the paginator, the page of pledges with each one's outlets (one
    # subquery)
    with django_assert_num_queries(7):
        response = client.get(reverse("commitments:list"))
    assert all(c.outlets == 2 for c in response.context["page"].object_list)
