from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_health_check_needs_no_login(client):
    response = client.get(reverse("commitments:healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


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
