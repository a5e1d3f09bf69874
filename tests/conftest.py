"""Personas and test-wide switches.

REQUIRE_SERVICES=1 (set by CI) turns every skip into a failure, so a test that
needs PostgreSQL, Redis, a broker or Chromium cannot quietly not run there.
"""

from __future__ import annotations

import os

import pytest
from django.core.cache import cache

from tests.factories import AnalystFactory, CommitmentFactory, ManagerFactory, UserFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright beside live_server


def require_services() -> bool:
    return os.environ.get("REQUIRE_SERVICES", "").lower() in {"1", "true", "yes"}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and require_services() and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"Skipped where REQUIRE_SERVICES is set: {reason}"


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SECURE_SSL_REDIRECT = False
    # Public pages are cached across requests; a test that wants the cache turns it on.
    settings.PUBLIC_CACHE_SECONDS = 0
    # Each test starts with an empty cache: its database is new, its data version too.
    cache.clear()


@pytest.fixture
def owner(db):
    return AnalystFactory(username="owner")


@pytest.fixture
def other_analyst(db):
    return AnalystFactory(username="other")


@pytest.fixture
def manager(db):
    return ManagerFactory(username="boss")


@pytest.fixture
def staff(db):
    return UserFactory(username="staffer", is_staff=True, is_superuser=True)


@pytest.fixture
def commitment(owner):
    return CommitmentFactory(owner=owner)
