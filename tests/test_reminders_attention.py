"""The "needs attention" page for each persona, and its query count."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CommitmentFactory

URL = "/attention/"


def due_in(days: int, owner, **fields):
    return CommitmentFactory(
        owner=owner, due_date=timezone.localdate() + timedelta(days=days), **fields
    )


def test_the_route_is_named():
    assert reverse("commitments:attention") == URL


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_an_analyst_sees_their_own_list_grouped_by_reason(client, owner, other_analyst):
    soon = due_in(3, owner, title="Open the consulate")
    late = due_in(-4, owner, title="Sign the trade deal")
    quiet = CommitmentFactory(
        owner=owner, title="Fund scholarships", last_progress_at=timezone.now() - timedelta(40)
    )
    due_in(3, other_analyst, title="Someone else pledge")
    due_in(3, None, title="Nobody pledge")
    due_in(-4, owner, title="Snoozed one", snoozed_until=timezone.localdate() + timedelta(2))
    due_in(-4, owner, title="Closed one", status="fulfilled")
    client.force_login(owner)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<!doctype html>" in html
    assert html.index("Due soon") < html.index(soon.title) < html.index("Overdue")
    assert html.index("Overdue") < html.index(late.title) < html.index("Stale")
    assert html.index("Stale") < html.index(quiet.title)
    assert "4 days overdue" in html
    hidden_here = ("Someone else pledge", "Nobody pledge", "Snoozed one", "Closed one")
    for hidden in (*hidden_here, "without an owner"):
        assert hidden not in html


@pytest.mark.django_db
def test_the_other_analyst_sees_none_of_the_owners_pledges(client, owner, other_analyst):
    due_in(1, owner, title="Owner pledge")
    client.force_login(other_analyst)
    html = client.get(URL).content.decode()
    assert "Owner pledge" not in html
    assert "Nothing of yours needs attention today." in html


@pytest.mark.django_db
def test_a_manager_sees_their_own_list_and_the_unowned(client, manager, owner):
    due_in(2, manager, title="Manager pledge")
    due_in(2, owner, title="Owner pledge")
    due_in(30, None, title="Nobody pledge")
    client.force_login(manager)
    html = client.get(URL).content.decode()
    assert "Manager pledge" in html
    assert "Open pledges without an owner" in html and "Nobody pledge" in html
    assert "Owner pledge" not in html


@pytest.mark.django_db
def test_htmx_gets_only_the_list(client, owner):
    due_in(1, owner, title="Soon")
    client.force_login(owner)
    html = client.get(URL, headers={"HX-Request": "true"}).content.decode()
    assert html.lstrip().startswith('<div id="attention-list">')
    assert "Soon" in html and "<!doctype html>" not in html


@pytest.mark.django_db
def test_only_get_is_allowed(client, owner):
    client.force_login(owner)
    assert client.post(URL).status_code == 405


@pytest.mark.django_db
def test_the_page_is_a_constant_number_of_queries(client, manager, django_assert_num_queries):
    client.force_login(manager)

    def seed(n: int):
        for i in range(n):
            due_in(i % 10 - 5, manager)
            due_in(i % 10, None)

    # Session, user (with their roles), the user's pledges needing attention,
    # the new evidence to review, the unowned pledges, the header's attention count.
    seed(2)
    with django_assert_num_queries(6):
        assert client.get(URL).status_code == 200
    seed(20)
    with django_assert_num_queries(6):
        assert client.get(URL).status_code == 200
