"""Requests too large or malformed get a sentence, not a bare status line."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def oversized(settings) -> dict:
    text = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)
    return {"text": text, "title": "Too long"}


def test_a_paste_over_the_request_limit_is_explained(client, owner, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2048
    client.force_login(owner)
    response = client.post(reverse("commitments:import_start"), oversized(settings))
    assert response.status_code == 413
    assert "Articles can be at most 5 MB" in response.text
    assert "<html" in response.text  # a whole page, with the site's navigation


def test_the_same_over_htmx_replaces_the_main_region(client, owner, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2048
    client.force_login(owner)
    response = client.post(
        reverse("commitments:import_start"), oversized(settings), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 413
    assert response["HX-Retarget"] == "#main"
    assert "<html" not in response.text
    assert "upload the file instead of pasting it" in response.text


def test_a_paste_just_over_the_article_limit_reaches_the_form(client, owner, settings):
    settings.IMPORT_MAX_BYTES = 4096
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 3 * 4096 + 1024
    client.force_login(owner)
    text = "date 2022-03-31\n\n" + "The UK will fund a programme. " * 200
    response = client.post(reverse("commitments:import_start"), {"text": text})
    assert response.status_code == 422
    assert "The file is larger than 4 KB" in response.text


# --- 403, 404 and the favicon


@pytest.fixture
def console():
    """What the app's console log handler prints while the test runs."""
    import io
    import logging

    (handler,) = [
        h for h in logging.getLogger().handlers if any(f for f in h.filters if "Refusal" in repr(f))
    ]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def test_a_refused_page_says_why_with_the_navigation_and_logs_one_line(
    client, other_analyst, console
):
    client.force_login(other_analyst)
    response = client.get(reverse("commitments:board"))
    assert response.status_code == 403
    assert "You cannot open this page" in response.text
    assert "The board is for managers." in response.text  # the view's own reason
    assert 'aria-label="Main"' in response.text  # the site's navigation
    logged = console.getvalue()
    assert logged.count("Forbidden") == 1, logged
    assert "Traceback" not in logged


def test_a_refusal_over_htmx_replaces_the_main_region(client, other_analyst, commitment):
    client.force_login(other_analyst)
    response = client.post(
        reverse("commitments:update", args=[commitment.pk]),
        {"version": 1, "status": "in_progress", "progress": 5},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 403
    assert response["HX-Retarget"] == "#main" and "<html" not in response.text
    assert "Only the pledge&#x27;s owner or a manager can update it." in response.text


def test_an_unknown_pledge_is_a_page_with_the_navigation_and_a_reason(client, owner):
    client.force_login(owner)
    response = client.get("/commitments/999999/")
    assert response.status_code == 404
    assert "There is nothing at this address" in response.text
    assert "/commitments/999999/" in response.text and 'aria-label="Main"' in response.text


def test_every_page_names_a_favicon_served_from_static(client, owner):
    from django.contrib.staticfiles import finders

    client.force_login(owner)
    response = client.get(reverse("commitments:work_queue"))
    assert '<link rel="icon" href="/static/favicon.svg"' in response.text
    assert finders.find("favicon.svg")
    login = client.get(reverse("admin:login"))
    assert '<link rel="icon" href="/static/favicon.svg"' in login.text


# --- the database away, and errors of our own


@pytest.fixture
def unreadable_sessions(client, owner, monkeypatch):
    """Signed in, then every session read fails as the given exception does."""
    from django.contrib.sessions.backends.db import SessionStore

    client.force_login(owner)
    client.raise_request_exception = False

    def fail_with(exception: Exception) -> None:
        def load(self):
            raise exception

        monkeypatch.setattr(SessionStore, "load", load)

    return fail_with


def test_a_database_that_does_not_answer_gives_503_with_a_sentence(client, unreadable_sessions):
    from django.db import OperationalError

    unreadable_sessions(OperationalError("connection refused"))
    response = client.get(reverse("commitments:list"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "The database is not answering, so nothing was read or saved." in response.text
    assert "Traceback" not in response.text


def test_any_other_failure_gives_500_with_a_sentence(client, unreadable_sessions):
    unreadable_sessions(RuntimeError("a bug"))
    response = client.get(reverse("commitments:list"))
    assert response.status_code == 500
    assert "Something went wrong on our side and nothing was saved." in response.text
    assert "a bug" not in response.text
