"""Faults answered quickly: a database that hangs, a runaway query, a broker that is down."""

from __future__ import annotations

import time

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from commitments.views import health

pytestmark = pytest.mark.django_db


def test_healthz_says_the_database_is_unreachable_when_it_hangs(client, monkeypatch):
    def hangs() -> bool:
        time.sleep(1)  # a restart in progress: the connection neither opens nor fails
        return True  # ... and would answer, too late

    monkeypatch.setattr(health, "_database_answers", hangs)
    monkeypatch.setattr(health, "DATABASE_TIMEOUT_SECONDS", 0.2)
    response = client.get(reverse("commitments:healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}


def test_healthz_says_the_database_is_unreachable_when_it_refuses(client, monkeypatch):
    monkeypatch.setattr(health, "_database_answers", lambda: False)
    assert client.get(reverse("commitments:healthz")).status_code == 503


@pytest.mark.services
def test_a_runaway_query_is_cancelled_by_the_statement_timeout():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://...")
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "15s"
        cursor.execute("SET LOCAL statement_timeout = 200")
        with pytest.raises(OperationalError, match="statement timeout"):
            cursor.execute("SELECT pg_sleep(5)")
