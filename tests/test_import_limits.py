"""Hostile inputs through the web import and the command: one sentence, a 422 or a non-zero
exit, and nothing written; generated inputs never break the import."""

from __future__ import annotations

import time
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commitments.models import Commitment, ImportJob, Source
from tests.extraction.test_limits import HOSTILE
from tests.extraction.test_properties import TEXT
from tests.test_import_views import START, review_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", HOSTILE)
def test_the_web_import_refuses_hostile_articles_with_a_sentence(client, owner, name):
    text, expected = HOSTILE[name]
    client.force_login(owner)
    upload = SimpleUploadedFile("article.html", text.encode("utf-8"), "text/html")
    response = client.post(START, {"file": upload})
    assert response.status_code == 422
    assert expected in response.text
    assert not ImportJob.objects.exists() and not Source.objects.exists()


def test_a_pasted_nul_byte_is_refused(client, owner):
    client.force_login(owner)
    text = "date 2022-03-31\n\n" + "The UK will fund a port. " * 4000 + "\x00"
    response = client.post(START, {"text": text})
    assert response.status_code == 422
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize("name", ["a 3 MB single line", "HTML 10,000 deep", "thousands of amounts"])
def test_the_command_exits_non_zero_with_the_sentence(tmp_path, name):
    text, expected = HOSTILE[name]
    path = tmp_path / ("page.html" if "HTML" in name else "article.txt")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match=expected):
        call_command("import_article", str(path))
    assert not Source.objects.exists()


def test_the_command_stops_extraction_at_its_time_budget(tmp_path, settings, monkeypatch):
    settings.IMPORT_TIME_BUDGET = 1

    def slow(article):
        time.sleep(5)
        return []

    monkeypatch.setattr("commitments.management.commands.import_article.extract_candidates", slow)
    path = tmp_path / "article.txt"
    path.write_text("date 2022-03-31\n\nThe UK will fund a port.", encoding="utf-8")
    with pytest.raises(CommandError, match="took longer than 1 seconds"):
        call_command("import_article", str(path))
    assert not Source.objects.exists()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    text=TEXT,
    published_on=st.dates(min_value=date(1, 1, 1), max_value=date(2025, 12, 31)),
)
def test_any_article_is_imported_whole_or_refused_whole(client, owner, text, published_on):
    # Each example rolls back what it wrote, so the next starts from an empty database.
    with transaction.atomic():
        _import_whole_or_not_at_all(client, owner, text, published_on)
        transaction.set_rollback(True)


def _import_whole_or_not_at_all(client, owner, text: str, published_on: date) -> None:
    client.force_login(owner)
    response = client.post(START, {"text": text, "published_on": published_on.isoformat()})
    assert response.status_code in (302, 422)
    if response.status_code == 422:
        assert not ImportJob.objects.exists() and not Source.objects.exists()
        return
    url = response["Location"]
    page = client.get(url)
    assert page.status_code in (200, 302)
    if page.status_code == 302 or "candidate_forms" not in page.context:
        assert not Source.objects.exists()
        return
    job = ImportJob.objects.get()
    for form in page.context["candidate_forms"]:
        quote = form.candidate.quote
        assert job.body[form.candidate.start : form.candidate.end] == quote
    saved = client.post(url, review_data(client, url))
    assert saved.status_code in (302, 422)
    if saved.status_code == 302:
        source = Source.objects.get()
        pledges = Commitment.objects.filter(source=source)
        assert pledges.count() == len(page.context["candidate_forms"])
        assert all(source.body[p.quote_start : p.quote_end] == p.quote for p in pledges)
        assert not ImportJob.objects.exists()
    else:
        assert not Source.objects.exists() and not Commitment.objects.exists()
