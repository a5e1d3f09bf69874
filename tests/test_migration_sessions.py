"""0019_sessions_keep_sign_in: people signed in before the roles backend stay signed in."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse

migration = importlib.import_module("commitments.migrations.0019_sessions_keep_sign_in")
pytestmark = pytest.mark.django_db


def _old_session(user) -> SessionStore:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = migration.OLD
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session


def test_a_session_from_the_model_backend_stays_signed_in(client, owner):
    session = _old_session(owner)
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    assert client.get(reverse("commitments:work_queue")).status_code == 302  # signed out

    migration.carry_sessions(apps, None)

    assert migration.NEW in settings.AUTHENTICATION_BACKENDS
    response = client.get(reverse("commitments:work_queue"))
    assert response.status_code == 200
    assert response.context["user"] == owner


def test_other_sessions_are_left_as_they_were(owner):
    session = SessionStore()
    session["theme"] = "dark"
    session.create()
    before = SessionStore(session.session_key).load()

    migration.carry_sessions(apps, None)

    assert SessionStore(session.session_key).load() == before
