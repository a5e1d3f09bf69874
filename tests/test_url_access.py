"""Every page and endpoint needs a signed-in user, except sign-in, /healthz, the feeds, the API
and the public site under /p/ (tests/test_public.py walks it for what it must never show).

The private feed and calendar carry a secret token instead of a session; tests/test_feeds.py
checks that an unknown token gets nothing. The JSON API (/api/v1/) answers strangers itself:
published data to read, 401 to write; tests/test_api.py checks who sees and does what.

Walks the URL configuration, so a view added later without the rule fails here.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

OPEN = {"login", "commitments:healthz"}
BY_TOKEN = {"commitments:updates_feed", "commitments:due_dates_calendar"}
API_WRITES = {"api:progress_record", "api:evidence_add", "api:owner_assign"}
SAMPLE_ARGS = {
    "pk": 1,
    "job_id": "00000000-0000-0000-0000-000000000001",
    "token": "x" * 43,
    "topic": "trade",
    "slug": "india",
    "party_pk": 1,
}


def app_routes() -> list[tuple[str, dict]]:
    """(url name, kwargs) for every named route outside the admin."""
    found = []

    def walk(patterns, namespace: str = "") -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.app_name == "admin":
                    continue
                walk(entry.url_patterns, entry.namespace or namespace)
            elif isinstance(entry, URLPattern) and entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                kwargs = {key: SAMPLE_ARGS[key] for key in entry.pattern.regex.groupindex}
                found.append((name, kwargs))

    walk(get_resolver().url_patterns)
    return found


ROUTES = app_routes()
API = {name for name, _ in ROUTES if name.startswith("api:")}
PUBLIC = {name for name, _ in ROUTES if name.startswith("public:")}


def test_the_walk_finds_the_app():
    names = {name for name, _ in ROUTES}
    assert {"commitments:board", "commitments:detail", "commitments:import_start"} <= names


@pytest.mark.parametrize(
    ("name", "kwargs"), [r for r in ROUTES if r[0] not in OPEN | BY_TOKEN | API | PUBLIC]
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitors_are_sent_to_sign_in(client, name, kwargs, method):
    response = getattr(client, method)(reverse(name, kwargs=kwargs))
    assert response.status_code == 302, f"{name} answered {response.status_code} to a stranger"
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", sorted(BY_TOKEN))
def test_token_routes_answer_404_to_a_stranger_with_a_made_up_token(client, name):
    assert client.get(reverse(name, kwargs={"token": "x" * 43})).status_code == 404


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_routes_never_send_a_stranger_to_sign_in(client, name):
    kwargs = {key: SAMPLE_ARGS[key] for key in dict(ROUTES)[name]}
    response = client.post(reverse(name, kwargs=kwargs))
    assert response.status_code != 302 or not response["Location"].startswith(reverse("login"))
    assert client.get(reverse(name, kwargs=kwargs)).status_code in (200, 404, 405)


@pytest.mark.parametrize(("name", "kwargs"), [r for r in ROUTES if r[0] in API])
def test_the_api_answers_strangers_itself_and_writes_need_a_token(client, name, kwargs):
    url = reverse(name, kwargs=kwargs)
    method = {"api:owner_assign": client.put}.get(name, client.post)
    response = method(url, {}, content_type="application/json") if name in API_WRITES else None
    read = client.get(url)

    assert not read.get("Location", "").startswith(reverse("login")), name
    if response is not None:
        assert response.status_code == 401, f"{name} answered {response.status_code}"


def test_the_walk_finds_the_api():
    assert {"api:pledge_list", "api:openapi-view"} | API_WRITES <= API


def test_open_routes_answer_without_sign_in(client):
    assert client.get(reverse("commitments:healthz")).status_code == 200
    assert client.get(reverse("login")).status_code == 200


def test_head_works_wherever_get_does(client, manager, commitment):
    from tests.test_security import _page_urls

    client.force_login(manager)
    answered = 0
    for url in _page_urls(commitment):
        if client.get(url).status_code == 200:
            assert client.head(url).status_code == 200, f"HEAD {url}"
            answered += 1

    assert answered >= 6
