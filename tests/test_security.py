"""Sign-in throttling, headers on every page, and spreadsheets without live formulas."""

from __future__ import annotations

import csv
import io
import logging
import re

import openpyxl
import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.factories import CommitmentFactory, ProgressUpdateFactory
from tests.test_admin import run_import

CSV_FORMAT, XLSX_FORMAT = "0", "1"  # Their places in CommitmentAdmin.formats.


def _sign_in(client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


@pytest.fixture
def known_user(owner):
    owner.set_password("right-password")
    owner.save()
    return owner


def test_wrong_passwords_lock_the_user_name_for_that_address(client, known_user, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(2):
        assert _sign_in(client, "owner", "wrong").status_code == 200
    assert _sign_in(client, "owner", "wrong").status_code == 429

    locked = _sign_in(client, "owner", "right-password")

    assert locked.status_code == 429
    assert "Sign-in paused" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_another_address_is_not_locked_out(client, known_user, settings):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        _sign_in(client, "owner", "wrong")

    response = client.post(
        reverse("login"),
        {"username": "owner", "password": "right-password"},
        REMOTE_ADDR="198.51.100.7",
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(known_user.pk)


def test_a_successful_sign_in_clears_earlier_failures(client, known_user, settings):
    settings.AXES_FAILURE_LIMIT = 3
    _sign_in(client, "owner", "wrong")
    _sign_in(client, "owner", "wrong")
    assert _sign_in(client, "owner", "right-password").status_code == 302
    client.logout()

    _sign_in(client, "owner", "wrong")
    _sign_in(client, "owner", "wrong")

    assert _sign_in(client, "owner", "right-password").status_code == 302


def test_the_admin_sign_in_is_throttled_too(client, staff, settings):
    settings.AXES_FAILURE_LIMIT = 2
    url = reverse("admin:login")
    for _ in range(2):
        client.post(url, {"username": staff.username, "password": "wrong"})

    assert client.post(url, {"username": staff.username, "password": "wrong"}).status_code == 429


def test_an_administrator_unlocks_by_deleting_the_attempt(
    client, admin_client, known_user, settings
):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        _sign_in(client, "owner", "wrong")
    attempt = AccessAttempt.objects.get(username="owner")

    changelist = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert changelist.status_code == 200
    assert "owner" in changelist.content.decode()
    attempt.delete()

    assert _sign_in(client, "owner", "right-password").status_code == 302


def test_failed_and_successful_sign_ins_are_logged(client, known_user, caplog):
    with caplog.at_level(logging.INFO, logger="axes"):
        _sign_in(client, "owner", "wrong")
        _sign_in(client, "owner", "right-password")

    messages = " ".join(r.getMessage() for r in caplog.records)
    assert "New login failure" in messages
    assert "Successful login" in messages
    assert "owner" in messages


def test_pages_deny_browser_features_and_signed_in_pages_stay_private(client, owner):
    anonymous = client.get(reverse("login"))
    client.force_login(owner)
    signed_in = client.get(reverse("commitments:list"))

    for response in (anonymous, signed_in):
        assert "camera=()" in response["Permissions-Policy"]
    assert "private" in signed_in["Cache-Control"]


@pytest.mark.parametrize("title", ['=HYPERLINK("http://x.test")', "+1+1", "-2+3", "@SUM(A1)"])
def test_admin_exports_write_no_live_formulas(admin_client, owner, title):
    CommitmentFactory(owner=owner, title=title, actor=title)
    url = reverse("admin:commitments_commitment_export")

    as_csv = admin_client.post(url, {"format": CSV_FORMAT, "resource": "0"}).content.decode()
    as_xlsx = admin_client.post(url, {"format": XLSX_FORMAT, "resource": "0"}).content

    row = next(r for r in list(csv.reader(io.StringIO(as_csv)))[1:])
    sheet = openpyxl.load_workbook(io.BytesIO(as_xlsx)).active
    cells = [c for c in next(sheet.iter_rows(min_row=2, values_only=True)) if isinstance(c, str)]
    for cell in [*row, *cells]:
        assert not cell.startswith(("=", "+", "-", "@")), cell


def test_app_export_quotes_every_field_so_no_delimiter_splits_a_formula_out(client, manager):
    CommitmentFactory(title="Fund it;=HYPERLINK(1)")
    client.force_login(manager)

    body = b"".join(client.get(reverse("commitments:export")).streaming_content).decode()

    assert '"Fund it;=HYPERLINK(1)"' in body
    assert all(line.startswith('"') for line in body.splitlines())


def test_an_exported_formula_title_re_imports_unchanged(admin_client, staff, owner):
    pledge = CommitmentFactory(owner=owner, title="=SUM(A1)")
    url = reverse("admin:commitments_commitment_export")
    exported = admin_client.post(url, {"format": CSV_FORMAT, "resource": "0"}).content.decode()
    assert ",'=SUM(A1)," in exported

    result = run_import(exported, staff)

    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["skip"] == 1
    assert result.totals["update"] == 0
    pledge.refresh_from_db()
    assert pledge.title == "=SUM(A1)"


INLINE_CODE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.I)


@pytest.fixture
def a_page_of_everything(owner, manager):
    pledge = CommitmentFactory(owner=owner)
    ProgressUpdateFactory(commitment=pledge, author=owner)
    return pledge


def _page_urls(pledge) -> list[str]:
    from tests.test_url_access import ROUTES

    urls = []
    for name, kwargs in ROUTES:
        if "sha256" in kwargs:
            continue
        if name.startswith("api:") and name != "api:openapi-view":
            continue  # JSON, not pages: tests/test_api.py
        if "pk" in kwargs:
            kwargs = {
                **kwargs,
                "pk": pledge.source_id if name.startswith("commitments:source") else pledge.pk,
            }
        urls.append(reverse(name, kwargs=kwargs))
    return urls


def test_every_page_sends_a_strict_content_security_policy_and_holds_no_inline_code(
    client, manager, a_page_of_everything
):
    client.force_login(manager)
    checked = 0
    for url in _page_urls(a_page_of_everything):
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy, url
        assert "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        found = INLINE_CODE.findall(response.content.decode())
        assert found == [], f"{url} has inline code: {found[:3]}"
        checked += 1

    assert checked >= 6
