"""The API without a token: the approved public copy, never a draft, an unapproved change,
an owner, a note or a reminder."""

from __future__ import annotations

import pytest
from django.urls import reverse

from commitments import services
from commitments.models import Commitment, Publication
from commitments.services import api_tokens, publishing
from tests.factories import CommitmentFactory
from tests.test_public import (  # noqa: F401 - fixtures
    APPROVED_TITLE,
    NEVER_PUBLIC,
    REASON,
    owner_named,
    publish,
    world,
)

pytestmark = pytest.mark.django_db

API = "/api/v1"
# The pledge went to "broken" and its due date moved after review; neither is approved.
UNAPPROVED_DUE = "2031-07-19"
UNAPPROVED_ACTOR = "Ruritania Unapproved"
DRAFT_ACTOR = "Draft Republic"
NEVER_IN_API = [
    *NEVER_PUBLIC,
    '"broken"',
    UNAPPROVED_DUE,
    UNAPPROVED_ACTOR,
    DRAFT_ACTOR,
    ': "owner"',
    ':"owner"',
]


@pytest.fixture
def api_world(world, manager):  # noqa: F811 - the fixture imported above
    published = world["published"]
    services.commitment_edit(
        commitment_id=published.pk,
        user=manager,
        changes={"due_date": UNAPPROVED_DUE, "actor": UNAPPROVED_ACTOR},
        note="Internal: the ministry now says 2031",  # a due date moves with a reason
    )
    Commitment.objects.filter(pk=world["draft"].pk).update(actor=DRAFT_ACTOR)
    world["draft"].refresh_from_db()
    return world


def api_urls(world) -> list[str]:  # noqa: F811
    pub, draft = world["published"], world["draft"]
    urls = [f"{API}/pledges", f"{API}/updates", f"{API}/sources", f"{API}/parties"]
    for pk in (pub.pk, draft.pk):
        urls += [f"{API}/pledges/{pk}", f"{API}/pledges/{pk}/updates"]
    urls += [f"{API}/sources/{s}" for s in (pub.source_id, draft.source_id)]
    urls += [
        f"{API}/pledges?{query}"
        for query in (
            f"actor={UNAPPROVED_ACTOR}",
            "q=Unapproved",
            "q=Draft",
            "status=broken",
            "state=closed",
            "due_after=2031-07-01",
            "due_before=2031-12-31&due_after=2031-07-01",
            "overdue=yes",
            "sort=-due",
            "sort=status",
            f"source={draft.source_id}",
            "topic=trade",
            f"actor={draft.actor}",
        )
    ]
    return urls


def test_the_walk_covers_every_read_endpoint(api_world, client):
    schema = client.get(f"{API}/openapi.json").json()
    reads = {path for path, ops in schema["paths"].items() if "get" in ops}
    walked = {
        reverse_path
        for url in api_urls(api_world)
        for reverse_path in reads
        if _matches(reverse_path, url.split("?")[0])
    }
    assert walked == reads


def _matches(template: str, path: str) -> bool:
    parts, wanted = template.split("/"), path.split("/")
    return len(parts) == len(wanted) and all(
        t == w or (t.startswith("{") and w.isdigit()) for t, w in zip(parts, wanted, strict=True)
    )


def test_no_anonymous_answer_shows_a_draft_an_unapproved_change_an_owner_or_a_note(
    client, api_world
):
    for url in api_urls(api_world):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        body = response.content.decode()
        for secret in NEVER_IN_API:
            assert secret not in body, f"{secret!r} in {url}"


def test_anonymous_clients_get_the_approved_copy(client, api_world):
    pledge = api_world["published"]
    pledge.refresh_from_db()
    assert (pledge.status, str(pledge.due_date)) == ("broken", UNAPPROVED_DUE)

    detail = client.get(f"{API}/pledges/{pledge.pk}").json()
    listed = client.get(f"{API}/pledges").json()["items"]

    assert detail["title"] == APPROVED_TITLE
    assert (detail["status"], detail["progress"]) == ("in_progress", 20)
    assert detail["due_date"] == "2027-06-30"
    assert detail["public_reason"] == REASON
    assert detail["owner"] is None and detail["description"] == ""
    assert detail["web_url"].endswith(reverse("public:pledge", args=[pledge.pk]))
    assert listed == [detail]


def test_anonymous_filters_read_the_public_copy(client, api_world):
    pk = api_world["published"].pk

    def ids(**query) -> list[int]:
        response = client.get(f"{API}/pledges", query)
        assert response.status_code == 200, response.content
        return [p["id"] for p in response.json()["items"]]

    assert ids(status="in_progress") == [pk] and ids(status="broken") == []
    assert ids(state="open") == [pk] and ids(state="closed") == []
    assert ids(due_before="2027-12-31") == [pk] and ids(due_after="2031-01-01") == []
    assert ids(q="Kisumu") == [pk] and ids(q="Unapproved") == []
    assert ids(topic="trade") == [pk]


@pytest.mark.parametrize(
    "query",
    [
        {"q": " ".join(["port"] * 11)},
        {"owner": "null"},
        {"stale": "yes"},
        {"closed_in": "2026-01"},
        {"sort": "-updated"},
    ],
)
def test_anonymous_filters_without_public_meaning_are_refused(client, api_world, query):
    response = client.get(f"{API}/pledges", query)

    assert response.status_code == 422
    assert set(response.json()["errors"]) == set(query)
    assert response.json()["detail"]


def test_anonymous_updates_are_the_public_history(client, api_world):
    pk = api_world["published"].pk

    entries = client.get(f"{API}/pledges/{pk}/updates").json()["items"]
    everywhere = client.get(f"{API}/updates").json()["items"]

    assert [(e["kind"], e["new_status"], e["public_text"]) for e in entries] == [
        ("published", "in_progress", REASON)
    ]
    assert entries[0]["old_status"] is None and entries[0]["note"] == ""
    assert everywhere == entries


def test_sources_and_parties_come_from_public_copies(client, api_world):
    pub, draft = api_world["published"], api_world["draft"]

    sources = [s["id"] for s in client.get(f"{API}/sources").json()["items"]]
    parties = {p["name"] for p in client.get(f"{API}/parties").json()}

    assert sources == [pub.source_id]
    assert client.get(f"{API}/sources/{draft.source_id}").status_code == 404
    assert parties == {"United Kingdom", "Kenya"}  # its party records; not the draft's
    assert UNAPPROVED_ACTOR not in parties and DRAFT_ACTOR not in parties


def test_public_parties_carry_the_public_party_page_s_figures(client, api_world):
    listed = {p["slug"]: p for p in client.get(f"{API}/parties").json()}

    for slug in ("united-kingdom", "kenya"):
        card = client.get(reverse("public:party", args=[slug])).context["card"]
        for role, figures in (("made", card.made), ("received", card.received)):
            shown = listed[slug][role]
            assert shown["total"] == figures.total
            assert shown["overdue"] == figures.overdue
            assert shown["by_status"] == {v: n for v, _l, n in figures.statuses() if n}
            assert shown["compliance"] == figures.compliance
        assert listed[slug]["web_url"].endswith(reverse("public:party", args=[slug]))
    # The UK's own assessment (fulfilled) is internal: the approved status counts.
    assert listed["united-kingdom"]["made"]["by_status"] == {"in_progress": 1}


def test_unpublishing_hides_at_once(client, api_world, manager):
    pub = api_world["published"]
    assert client.get(f"{API}/pledges/{pub.pk}").status_code == 200

    publishing.publication_unpublish(commitment_id=pub.pk, user=manager)

    assert client.get(f"{API}/pledges/{pub.pk}").status_code == 404
    assert client.get(f"{API}/pledges/{pub.pk}/updates").status_code == 404
    for url in (f"{API}/pledges", f"{API}/updates", f"{API}/sources"):
        assert client.get(url).json()["items"] == [], url
    assert client.get(f"{API}/parties").json() == []


def test_token_holders_still_read_the_live_pledge(client, api_world, manager):
    _, secret = api_tokens.api_token_create(user=manager, name="test")
    headers = {"Authorization": f"Bearer {secret}"}
    pk = api_world["published"].pk

    detail = client.get(f"{API}/pledges/{pk}", headers=headers).json()

    assert detail["status"] == "broken" and detail["owner"] == "owner"
    assert detail["public_reason"] is None


def _seed_published(size: int, manager) -> None:
    for _ in range(size):
        pledge = CommitmentFactory()
        publish(pledge, manager)


def test_anonymous_reads_issue_the_same_queries_at_two_sizes(
    client, manager, django_assert_num_queries
):
    for size in (3, 12):
        Publication.objects.all().delete()
        Commitment.objects.all().delete()
        _seed_published(size, manager)
        # 1 the page of public copies with their sources, 2 their approved money, 3 their
        # approved milestones.
        with django_assert_num_queries(3):
            assert len(client.get(f"{API}/pledges", {"limit": 50}).json()["items"]) == size
        # 1 the page of public entries, each with the entry before it (two subqueries).
        with django_assert_num_queries(1):
            assert len(client.get(f"{API}/updates", {"limit": 50}).json()["items"]) == size
        first = Publication.objects.first()
        assert first is not None
        # 1 the live public copy with its source, 2 its approved money, 3 its milestones.
        with django_assert_num_queries(3):
            assert client.get(f"{API}/pledges/{first.pk}").status_code == 200
        # 1 the live public copy, 2 its page of entries.
        with django_assert_num_queries(2):
            client.get(f"{API}/pledges/{first.pk}/updates")
        # 1 the parties with a public pledge, 2 their grouped counts, 3 their approved money.
        with django_assert_num_queries(3):
            client.get(f"{API}/parties")
        # 1 the page of sources.
        with django_assert_num_queries(1):
            client.get(f"{API}/sources")
