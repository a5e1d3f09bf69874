from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_health_check_needs_no_login(client):
    response = client.get(reverse("commitments:healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


def test_health_check_reports_an_unreachable_broker_beside_a_working_database(client, monkeypatch):
    from kombu import Connection

    from commitments.views import health

    unreachable = Connection("redis://127.0.0.1:1/0")  # nothing listens on port 1
    monkeypatch.setattr(health.celery_app, "connection_for_write", lambda: unreachable)

    response = client.get(reverse("commitments:healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "broker": "unreachable"}


def test_health_check_answers_head(client):
    assert client.head(reverse("commitments:healthz")).status_code == 200


def test_a_request_for_an_unknown_host_gets_400_not_a_server_error(client, settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["tracker.example.org"]

    response = client.get(reverse("login"), HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert "could not be read" in response.content.decode()


def test_health_check_refuses_post(client):
    assert client.post(reverse("commitments:healthz")).status_code == 405


def test_anonymous_users_are_sent_to_sign_in(client):
    response = client.get(reverse("commitments:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_is_open(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b"Sign in" in response.content


def test_signed_in_analyst_sees_their_pledges(client, commitment, owner):
    client.force_login(owner)
    response = client.get(reverse("commitments:home"))
    assert response.status_code == 200
    assert commitment.title in response.text
    assert "Analyst" in response.text
