"""Every page and endpoint of the app needs a signed-in user, except sign-in and /healthz.

Walks the URL configuration, so a view added later without the rule fails here.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

OPEN = {"login", "commitments:healthz"}
SAMPLE_ARGS = {"pk": 1, "sha256": "0" * 64}


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


def test_the_walk_finds_the_app():
    names = {name for name, _ in ROUTES}
    assert {"commitments:board", "commitments:detail", "commitments:import_start"} <= names


@pytest.mark.parametrize(("name", "kwargs"), [r for r in ROUTES if r[0] not in OPEN])
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitors_are_sent_to_sign_in(client, name, kwargs, method):
    response = getattr(client, method)(reverse(name, kwargs=kwargs))
    assert response.status_code == 302, f"{name} answered {response.status_code} to a stranger"
    assert response["Location"].startswith(reverse("login"))


def test_open_routes_answer_without_sign_in(client):
    assert client.get(reverse("commitments:healthz")).status_code == 200
    assert client.get(reverse("login")).status_code == 200
