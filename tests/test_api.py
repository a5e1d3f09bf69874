"""The JSON API: who reads what, writes through the services, tokens, pages and rate limits."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.urls import reverse
from django.utils import timezone

from commitments.models import ApiToken, Commitment, ProgressUpdate, Status
from commitments.services import api_tokens, publishing
from tests.factories import (
    CommitmentFactory,
    ProgressUpdateFactory,
    SourceFactory,
    UserFactory,
)
from tests.test_views_queries import _seed

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    # The rate limits count in Django's cache: each test starts with none used.
    cache.clear()
    settings.API_RATE_TOKEN = "1000/m"
    settings.API_RATE_ANONYMOUS = "1000/m"
    yield
    cache.clear()


def bearer(user, name: str = "script") -> dict[str, str]:
    _token, secret = api_tokens.api_token_create(user=user, name=name)
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def reader(db):
    return UserFactory(username="reader")


@pytest.fixture
def published(owner, manager):
    """One published pledge beside an unpublished one."""
    shown = CommitmentFactory(owner=owner, title="Published pledge")
    hidden = CommitmentFactory(owner=owner, title="Draft pledge")
    ProgressUpdateFactory(commitment=shown, author=owner, note="Internal: call the ministry")
    ProgressUpdateFactory(commitment=hidden, author=owner)
    publishing.publication_publish(
        commitment_id=shown.pk, user=manager, public_reason="Announced in the budget."
    )
    shown.refresh_from_db()
    return shown, hidden


# --- Reads: anonymous clients see published pledges only, and never owners or notes.


def test_anonymous_clients_see_nothing_while_nothing_is_published(client, commitment):
    response = client.get(f"{API}/pledges")

    assert response.status_code == 200
    assert response.json() == {"items": [], "next_cursor": None}
    assert client.get(f"{API}/pledges/{commitment.pk}").status_code == 404


def test_anonymous_clients_read_published_pledges_without_owners_or_notes(client, published):
    shown, hidden = published

    listed = client.get(f"{API}/pledges").json()["items"]
    detail = client.get(f"{API}/pledges/{shown.pk}").json()
    updates = client.get(f"{API}/updates").json()["items"]
    sources = client.get(f"{API}/sources").json()["items"]

    assert [p["title"] for p in listed] == ["Published pledge"]
    assert detail["owner"] is None
    assert [u["pledge_id"] for u in updates] == [shown.pk]
    assert updates[0]["note"] == "" and updates[0]["author"] is None
    assert [s["id"] for s in sources] == [shown.source_id]
    assert client.get(f"{API}/pledges/{hidden.pk}").status_code == 404
    assert client.get(f"{API}/pledges/{hidden.pk}/updates").status_code == 404
    assert client.get(f"{API}/sources/{hidden.source_id}").status_code == 404


def test_anonymous_clients_cannot_filter_by_owner(client, published, owner):
    response = client.get(f"{API}/pledges", {"owner": owner.pk})

    assert response.status_code == 422
    assert "Owners are not public" in response.json()["detail"]


@pytest.mark.parametrize("persona", ["owner", "other_analyst", "manager", "reader"])
def test_every_token_holder_reads_every_pledge_with_its_owner(client, request, persona, published):
    headers = bearer(request.getfixturevalue(persona))

    listed = client.get(f"{API}/pledges", headers=headers).json()["items"]
    updates = client.get(f"{API}/updates", headers=headers).json()["items"]

    assert {p["title"] for p in listed} == {"Published pledge", "Draft pledge"}
    assert {p["owner"] for p in listed} == {"owner"}
    assert "Internal: call the ministry" in {u["note"] for u in updates}


def test_parties_are_party_records_with_the_signed_in_scorecards_figures(client, owner):
    from commitments.models import Party, PledgeParty
    from commitments.scorecards import party_scorecard

    france, india = (
        Party.objects.get_or_create(code=code, defaults={"name": name, "slug": name.lower()})[0]
        for code, name in (("FRA", "France"), ("IND", "India"))
    )
    for actor, counterparty, status in (
        (france, india, Status.FULFILLED),
        (france, None, Status.BROKEN),
        (india, france, Status.IN_PROGRESS),
    ):
        pledge = CommitmentFactory(actor=actor.name, status=status)
        PledgeParty.objects.create(commitment=pledge, party=actor, role="pledger")
        if counterparty:
            PledgeParty.objects.create(commitment=pledge, party=counterparty, role="counterparty")

    parties = client.get(f"{API}/parties", headers=bearer(owner)).json()

    assert [(p["name"], p["as_actor"], p["as_counterparty"]) for p in parties] == [
        ("France", 2, 1),
        ("India", 1, 1),
    ]
    made = parties[0]["made"]
    card = party_scorecard(france).made
    assert made["by_status"] == {"fulfilled": 1, "broken": 1}
    assert (made["closed"], made["fulfilment_rate"], made["score"], made["compliance"]) == (
        card.closed,
        card.fulfilment_rate,
        card.score,
        card.compliance,
    )
    assert (made["fulfilment_rate"], made["compliance"]) == (0.5, 0.5)
    assert parties[0]["code"] == "FRA"
    assert parties[0]["web_url"].endswith(reverse("commitments:party", args=["france"]))


def test_a_source_and_its_pledges_updates(client, owner, commitment):
    ProgressUpdateFactory(commitment=commitment, author=owner, note="First")
    ProgressUpdateFactory(commitment=commitment, author=owner, note="Second")
    headers = bearer(owner)

    source = client.get(f"{API}/sources/{commitment.source_id}", headers=headers).json()
    timeline = client.get(f"{API}/pledges/{commitment.pk}/updates", headers=headers).json()

    assert source["title"] == commitment.source.title
    assert [u["note"] for u in timeline["items"]] == ["Second", "First"]


# --- Filters and cursors: the web list's, under the same names.


def test_filters_are_the_web_lists(client, owner, other_analyst):
    mine = CommitmentFactory(owner=owner, title="Rail link to Kano", status=Status.IN_PROGRESS)
    CommitmentFactory(owner=other_analyst, title="Rail link to Abuja", status=Status.FULFILLED)
    CommitmentFactory(owner=owner, title="Bridge", status=Status.IN_PROGRESS)
    headers = bearer(owner)

    def titles(**query) -> set[str]:
        response = client.get(f"{API}/pledges", query, headers=headers)
        assert response.status_code == 200, response.json()
        return {p["title"] for p in response.json()["items"]}

    assert titles(q="rail") == {"Rail link to Kano", "Rail link to Abuja"}
    assert titles(q="rail", state="open") == {"Rail link to Kano"}
    assert titles(status="in_progress", owner=owner.pk) == {"Rail link to Kano", "Bridge"}
    assert titles(owner="null") == set()
    client.force_login(owner)
    page = client.get(reverse("commitments:list"), {"q": "rail", "state": "open"}).content.decode()
    assert mine.title in page and "Abuja" not in page


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"due_after": "31 Feb"}, "due_after"),
        ({"status": "done"}, "status"),
        ({"owner": "999999"}, "owner"),
        ({"q": " ".join(["word"] * 11)}, "q"),
        ({"limit": 0}, "limit"),
    ],
)
def test_bad_filters_get_a_clear_422(client, owner, commitment, query, field):
    response = client.get(f"{API}/pledges", query, headers=bearer(owner))

    assert response.status_code == 422
    body = response.json()
    assert body["detail"] and field in body["errors"]


@pytest.mark.parametrize("sort", [None, "due", "-due", "status", "-updated"])
def test_cursor_pages_hold_every_pledge_once_in_the_lists_order(client, owner, sort):
    today = timezone.localdate()
    for i in range(7):
        due = None if i % 3 == 0 else today + timedelta(days=i % 4)
        CommitmentFactory(owner=owner, due_date=due, status=list(Status)[i % 3])
    headers = bearer(owner)
    query = {"sort": sort} if sort else {}
    everything = client.get(f"{API}/pledges", {**query, "limit": 100}, headers=headers).json()

    seen, cursor = [], None
    for _ in range(10):
        params = {**query, "limit": 3, **({"cursor": cursor} if cursor else {})}
        page = client.get(f"{API}/pledges", params, headers=headers).json()
        seen += [p["id"] for p in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert seen == [p["id"] for p in everything["items"]]
    assert len(seen) == 7


def test_a_cursor_from_another_sort_or_made_up_is_refused(client, owner):
    for _ in range(3):
        CommitmentFactory(owner=owner)
    headers = bearer(owner)
    cursor = client.get(f"{API}/pledges", {"limit": 1}, headers=headers).json()["next_cursor"]

    for params in ({"cursor": cursor, "sort": "status"}, {"cursor": "not-a-cursor"}):
        response = client.get(f"{API}/pledges", params, headers=headers)
        assert response.status_code == 422
        assert "cursor" in response.json()["errors"]


def test_the_list_issues_the_same_queries_at_two_sizes(
    client, owner, other_analyst, django_assert_num_queries
):
    headers = bearer(owner)
    for size in (10, 60):
        Commitment.objects.all().delete()
        _seed(size, [owner, other_analyst, None])
        # 1 the token and its user, 2 the page of pledges with their owners and sources,
        # 3 their money records, 4 their milestones.
        with django_assert_num_queries(4):
            response = client.get(f"{API}/pledges", {"limit": 50}, headers=headers)
        assert response.status_code == 200
        # 1 the token, 2 the page of updates with their authors.
        with django_assert_num_queries(2):
            assert client.get(f"{API}/updates", headers=headers).status_code == 200


# --- Writes: the same roles and services as the web.


def _progress(client, pledge, headers, **body):
    body.setdefault("version", pledge.version)
    return client.post(
        f"{API}/pledges/{pledge.pk}/progress",
        body,
        content_type="application/json",
        headers=headers,
    )


@pytest.mark.parametrize(
    ("persona", "status"),
    [("owner", 200), ("manager", 200), ("staff", 200), ("other_analyst", 403), ("reader", 403)],
)
def test_who_may_record_progress(client, request, commitment, persona, status):
    response = _progress(
        client, commitment, bearer(request.getfixturevalue(persona)), progress=40, note="Half"
    )

    assert response.status_code == status, response.json()
    commitment.refresh_from_db()
    assert commitment.progress == (40 if status == 200 else 0)
    if status == 403:
        assert "owner or a manager" in response.json()["detail"]


def test_recording_progress_needs_a_token(client, commitment):
    response = _progress(client, commitment, {}, progress=40)

    assert response.status_code == 401
    assert "/tokens/" in response.json()["detail"]
    assert response["WWW-Authenticate"] == "Bearer"


def test_progress_answers_the_new_state_and_timeline_entry(client, owner, commitment):
    response = _progress(
        client, commitment, bearer(owner), status="in_progress", progress=30, note="Tender out"
    )

    body = response.json()
    assert body["pledge"]["version"] == commitment.version + 1
    assert body["pledge"]["status"] == "in_progress"
    assert body["update"]["note"] == "Tender out" and body["update"]["author"] == "owner"


def test_a_stale_version_gets_409_with_the_current_state_and_writes_nothing(
    client, owner, manager, commitment
):
    seen = commitment.version
    assert (
        _progress(client, commitment, bearer(manager), progress=20, note="Mine").status_code == 200
    )

    response = _progress(client, commitment, bearer(owner), version=seen, progress=50, note="Late")

    assert response.status_code == 409
    body = response.json()
    assert body["current"]["version"] == seen + 1
    assert body["current"]["progress"] == 20
    assert "Nothing of yours was saved" in body["detail"]
    assert not ProgressUpdate.objects.filter(note="Late").exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"progress": 150}, "progress"),
        ({"status": "fulfilled"}, "note"),  # closing needs a note
        ({"status": "partially_fulfilled", "progress": 100}, "progress"),
        ({"note": "x", "evidence_url": "ftp://x.test/"}, "evidence_url"),
        ({}, "request"),  # nothing to record
    ],
)
def test_bad_progress_gets_a_clear_message_and_changes_nothing(
    client, owner, commitment, body, field
):
    response = _progress(client, commitment, bearer(owner), **body)

    assert response.status_code == 422
    assert response.json()["detail"]
    if field != "request":
        assert field in response.json()["errors"]
    commitment.refresh_from_db()
    assert (commitment.version, commitment.progress) == (1, 0)
    assert not commitment.updates.exists()


@pytest.mark.parametrize(
    ("persona", "status"), [("owner", 200), ("manager", 200), ("other_analyst", 403)]
)
def test_who_may_add_evidence(client, request, commitment, persona, status):
    response = client.post(
        f"{API}/pledges/{commitment.pk}/evidence",
        {"evidence_url": "https://gov.example/report", "note": "Budget line published"},
        content_type="application/json",
        headers=bearer(request.getfixturevalue(persona)),
    )

    assert response.status_code == status
    saved = commitment.updates.filter(evidence_url="https://gov.example/report").exists()
    assert saved == (status == 200)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("manager", 200), ("staff", 200), ("owner", 403), ("other_analyst", 403), ("reader", 403)],
)
def test_only_managers_assign_owners(client, request, commitment, other_analyst, persona, status):
    response = client.put(
        f"{API}/pledges/{commitment.pk}/owner",
        {"owner": other_analyst.username},
        content_type="application/json",
        headers=bearer(request.getfixturevalue(persona)),
    )

    assert response.status_code == status
    commitment.refresh_from_db()
    assert commitment.owner == (
        other_analyst if status == 200 else request.getfixturevalue("owner")
    )
    if status == 200:
        assert response.json()["pledge"]["owner"] == "other"
        assert "Owner" in response.json()["update"]["note"]


def test_assigning_an_unknown_or_unassignable_user_is_refused(client, manager, commitment):
    headers = bearer(manager)
    url = f"{API}/pledges/{commitment.pk}/owner"
    UserFactory(username="plain")

    unknown = client.put(url, {"owner": "nobody"}, content_type="application/json", headers=headers)
    plain = client.put(url, {"owner": "plain"}, content_type="application/json", headers=headers)

    assert unknown.status_code == 422 and "nobody" in unknown.json()["detail"]
    assert plain.status_code == 422 and "not an analyst or manager" in plain.json()["detail"]
    commitment.refresh_from_db()
    assert commitment.owner.username == "owner"


def test_writes_to_unknown_pledges_are_404_and_wrong_methods_405(client, owner):
    headers = bearer(owner)

    missing = client.post(
        f"{API}/pledges/999999/progress",
        {"version": 1, "progress": 5},
        content_type="application/json",
        headers=headers,
    )

    assert missing.status_code == 404
    assert client.get(f"{API}/pledges/1/progress", headers=headers).status_code == 405
    assert client.delete(f"{API}/pledges/1", headers=headers).status_code == 405


@pytest.mark.parametrize(
    "path",
    [
        "/pledges",
        "/pledges/{pk}",
        "/pledges/{pk}/updates",
        "/updates",
        "/parties",
        "/sources",
        "/openapi.json",
    ],
)
def test_every_read_answers_head_as_get_without_a_body(client, published, path):
    shown, _hidden = published
    url = API + path.format(pk=shown.pk)

    got = client.get(url)
    head = client.head(url)

    assert got.status_code == 200
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == got["Content-Type"]
    assert int(head["Content-Length"]) == len(got.content)


def test_head_on_a_write_only_path_is_405_and_writes_nothing(client, owner, commitment):
    response = client.head(f"{API}/pledges/{commitment.pk}/progress", headers=bearer(owner))

    assert response.status_code == 405
    assert not ProgressUpdate.objects.filter(commitment=commitment).exists()


def test_progress_recorded_through_the_api_shows_on_the_web_pledge_page(client, owner, commitment):
    response = _progress(
        client, commitment, bearer(owner), status="in_progress", progress=60, note="Funds released"
    )
    assert response.status_code == 200

    client.force_login(owner)
    page = client.get(reverse("commitments:detail", args=[commitment.pk])).content.decode()

    assert "Funds released" in page
    assert "60%" in page


# --- Tokens: hashed, revocable, made and revoked on /tokens/.


def test_a_token_is_stored_only_as_its_hash(owner):
    token, secret = api_tokens.api_token_create(user=owner, name="script")

    assert secret.startswith("ct_") and len(secret) > 40
    assert secret not in {token.key_hash, token.prefix}
    assert secret.startswith(token.prefix)
    assert api_tokens.active_api_token(secret) == token


def test_a_revoked_token_or_inactive_user_opens_nothing(client, owner, commitment):
    token, secret = api_tokens.api_token_create(user=owner, name="script")
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get(f"{API}/pledges", headers=headers).status_code == 200

    api_tokens.api_token_revoke(token_id=token.pk, user=owner)

    revoked = client.get(f"{API}/pledges", headers=headers)
    assert revoked.status_code == 401
    assert "revoked" in revoked.json()["detail"]
    assert _progress(client, commitment, headers, progress=5).status_code == 401
    other = bearer(owner, "second")
    owner.is_active = False
    owner.save()
    assert client.get(f"{API}/pledges", headers=other).status_code == 401


def test_a_made_up_token_is_401_not_anonymous(client, published):
    response = client.get(f"{API}/pledges", headers={"Authorization": "Bearer ct_madeup"})

    assert response.status_code == 401


def test_the_tokens_page_makes_a_token_and_shows_its_secret_once(client, owner):
    client.force_login(owner)

    made = client.post(reverse("commitments:tokens"), {"name": "Weekly sync"})
    assert made.status_code == 302
    first = client.get(reverse("commitments:tokens")).content.decode()
    again = client.get(reverse("commitments:tokens")).content.decode()

    token = ApiToken.objects.get(user=owner)
    secret = first.split('id="new-token" type="text" readonly value="')[1].split('"')[0]
    assert api_tokens.active_api_token(secret) == token
    assert "Weekly sync" in first and secret not in again and "Weekly sync" in again


def test_the_tokens_page_with_htmx_shows_the_secret_in_place(client, owner):
    client.force_login(owner)

    response = client.post(
        reverse("commitments:tokens"), {"name": "Sync"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert 'id="new-token"' in response.content.decode()
    assert "<html" not in response.content.decode()


def test_a_token_needs_a_name(client, owner):
    client.force_login(owner)

    response = client.post(reverse("commitments:tokens"), {"name": "  "})

    assert response.status_code == 422
    assert "Give the token a name" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_tokens_page_lists_only_your_own_tokens(client, owner, other_analyst):
    api_tokens.api_token_create(user=other_analyst, name="Theirs")
    api_tokens.api_token_create(user=owner, name="Mine")
    client.force_login(owner)

    page = client.get(reverse("commitments:tokens")).content.decode()

    assert "Mine" in page and "Theirs" not in page


def test_revoking_on_the_page_stops_the_token(client, owner, commitment):
    token, secret = api_tokens.api_token_create(user=owner, name="Sync")
    client.force_login(owner)

    response = client.post(reverse("commitments:token_revoke", args=[token.pk]))

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.is_revoked
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get(f"{API}/pledges", headers=headers).status_code == 401


def test_nobody_revokes_another_users_token_and_get_does_not_revoke(client, owner, other_analyst):
    theirs, _ = api_tokens.api_token_create(user=other_analyst, name="Theirs")
    client.force_login(owner)

    assert client.post(reverse("commitments:token_revoke", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("commitments:token_revoke", args=[999999])).status_code == 404
    assert client.get(reverse("commitments:token_revoke", args=[theirs.pk])).status_code == 405
    theirs.refresh_from_db()
    assert not theirs.is_revoked


@pytest.mark.parametrize("persona", ["owner", "manager", "reader"])
def test_every_signed_in_user_may_have_tokens(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(reverse("commitments:tokens")).status_code == 200
    assert client.post(reverse("commitments:tokens"), {"name": "x"}).status_code == 302


# --- Rate limits: per token and per anonymous client address.


def test_anonymous_clients_are_limited_per_address(client, settings):
    settings.API_RATE_ANONYMOUS = "2/m"

    answers = [client.get(f"{API}/pledges").status_code for _ in range(3)]
    elsewhere = client.get(f"{API}/pledges", REMOTE_ADDR="198.51.100.7")

    assert answers == [200, 200, 429]
    assert elsewhere.status_code == 200


def test_tokens_are_limited_each_on_its_own(client, owner, settings):
    settings.API_RATE_TOKEN = "2/h"
    first, second = bearer(owner, "one"), bearer(owner, "two")

    answers = [client.get(f"{API}/parties", headers=first).status_code for _ in range(3)]
    limited = client.get(f"{API}/parties", headers=first)

    assert answers == [200, 200, 429]
    assert "Too many requests" in limited.json()["detail"]
    assert int(limited["Retry-After"]) >= 1
    assert client.get(f"{API}/parties", headers=second).status_code == 200


def test_a_limited_token_leaves_anonymous_reads_alone(client, owner, settings):
    settings.API_RATE_TOKEN = "1/h"
    headers = bearer(owner)
    client.get(f"{API}/parties", headers=headers)

    assert client.get(f"{API}/parties", headers=headers).status_code == 429
    assert client.get(f"{API}/parties").status_code == 200


@pytest.mark.parametrize("value", ["fast", "0/m", "10/week", "10"])
def test_a_bad_rate_setting_stops_start_up_with_its_name(monkeypatch, value):
    from tracker.env import env_rate

    monkeypatch.setenv("API_RATE_TOKEN", value)

    with pytest.raises(ImproperlyConfigured, match="API_RATE_TOKEN"):
        env_rate("API_RATE_TOKEN", "600/h")


# --- The schema and the docs, served without a CDN.


def test_the_schema_and_docs_are_served_from_the_site(client):
    schema = client.get(f"{API}/openapi.json")
    docs = client.get(f"{API}/docs")

    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert {"/api/v1/pledges", "/api/v1/pledges/{pk}/progress", "/api/v1/parties"} <= set(paths)
    html = docs.content.decode()
    assert docs.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "http://" not in html and "https://" not in html
    assert "script-src 'self'" in docs["Content-Security-Policy"]


def test_the_docs_assets_are_static_files():
    from django.contrib.staticfiles import finders

    for name in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui.css", "api/docs.js"):
        assert finders.find(name), name


def test_a_source_and_pledge_of_an_unknown_id_are_404(client, owner):
    headers = bearer(owner)
    SourceFactory()

    assert client.get(f"{API}/pledges/999999", headers=headers).status_code == 404
    assert client.get(f"{API}/sources/999999", headers=headers).status_code == 404
    assert client.get(f"{API}/pledges/0", headers=headers).status_code == 422


def test_a_user_has_at_most_ten_active_tokens(owner):
    for i in range(api_tokens.MAX_ACTIVE_TOKENS):
        api_tokens.api_token_create(user=owner, name=f"t{i}")

    with pytest.raises(ValidationError, match="revoke one"):
        api_tokens.api_token_create(user=owner, name="one more")

    first = ApiToken.objects.filter(user=owner).last()
    api_tokens.api_token_revoke(token_id=first.pk, user=owner)
    api_tokens.api_token_create(user=owner, name="one more")
