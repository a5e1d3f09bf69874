"""Web imports as background jobs: the article waits in the database, extraction runs in a
task within a time budget, the page shows progress and then the review, and the job goes
when its article is saved or when it expires."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from commitments import tasks
from commitments.models import Commitment, ImportJob, Source
from commitments.services.import_jobs import import_jobs_expire
from tests.test_import_views import HTMX, SEED_TEXT, START, review_data, start_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(settings, monkeypatch):
    """A worker is configured: the request only enqueues; `sent` holds what was enqueued."""
    settings.IMPORT_INLINE = False
    sent: list[str] = []
    monkeypatch.setattr(tasks.import_extract, "delay", lambda job_id: sent.append(job_id))
    return sent


def test_the_article_waits_in_the_database_not_the_session(client, owner):
    client.force_login(owner)
    url = start_import(client)
    job = ImportJob.objects.get()
    assert job.created_by == owner and job.state == ImportJob.State.READY
    assert "70 million" in job.body and job.candidates
    session = Session.objects.get()
    assert "70 million" not in str(session.get_decoded())
    assert len(session.session_data) < 2000
    assert client.get(url).context["candidate_forms"]


def test_with_a_worker_the_page_shows_progress_until_the_task_has_run(client, owner, queued):
    client.force_login(owner)
    url = start_import(client)
    job = ImportJob.objects.get()
    assert queued == [str(job.pk)] and job.state == ImportJob.State.QUEUED
    page = client.get(url)
    assert page.status_code == 200
    assert "Waiting to start" in page.text
    # Without JS the page refreshes itself; with htmx it polls.
    assert '<meta http-equiv="refresh" content="2">' in page.text
    assert f'hx-get="{url}?poll=1" hx-trigger="every 1s"' in page.text
    poll = client.get(url, {"poll": "1"}, **HTMX)
    assert poll.status_code == 200 and "<html" not in poll.text and "hx-trigger" in poll.text

    assert tasks.import_extract(str(job.pk)) is True
    done = client.get(url, {"poll": "1"}, **HTMX)
    assert done["HX-Redirect"] == url
    review = client.get(url)
    assert review.context["candidate_forms"] and "http-equiv" not in review.text


def test_htmx_step_one_swaps_in_the_progress_and_pushes_the_jobs_url(client, owner, queued):
    client.force_login(owner)
    response = client.post(START, {"text": SEED_TEXT}, **HTMX)
    job = ImportJob.objects.get()
    assert response.status_code == 200 and "<html" not in response.text
    assert response["HX-Push-Url"] == reverse("commitments:import_review", args=[job.pk])
    assert 'id="import-progress"' in response.text


def test_with_the_broker_down_the_request_extracts_the_article_itself(
    client, owner, settings, monkeypatch, caplog
):
    settings.IMPORT_INLINE = False

    def broker_down(job_id):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(tasks.import_extract, "delay", broker_down)
    client.force_login(owner)
    url = start_import(client)
    assert client.get(url).context["candidate_forms"]
    assert "broker unreachable" in caplog.text


def test_a_task_run_twice_keeps_its_first_result(client, owner):
    client.force_login(owner)
    start_import(client)
    job = ImportJob.objects.get()
    before = job.candidates
    assert tasks.import_extract(str(job.pk)) is True
    job.refresh_from_db()
    assert job.candidates == before
    assert tasks.import_extract("00000000-0000-0000-0000-000000000009") is False


def test_extraction_over_its_time_budget_stops_with_a_sentence(
    client, owner, settings, monkeypatch
):
    settings.IMPORT_TIME_BUDGET = 1

    def slow(article):
        time.sleep(5)
        return []

    monkeypatch.setattr("commitments.services.import_jobs.extract_candidates", slow)
    client.force_login(owner)
    url = start_import(client)
    page = client.get(url)
    assert page.status_code == 422
    assert "took longer than 1 seconds, so it was stopped" in page.text
    assert "http-equiv" not in page.text  # a failed job stops asking
    assert client.post(url, review_data_blank()).status_code == 422
    assert not Source.objects.exists()


def review_data_blank() -> dict[str, str]:
    return {"title": "x", "published_on": "2022-03-31"}


def test_an_error_in_extraction_is_a_sentence_not_a_server_error(
    client, owner, monkeypatch, caplog
):
    def broken(article):
        raise OverflowError("date value out of range")

    monkeypatch.setattr("commitments.services.import_jobs.extract_candidates", broken)
    client.force_login(owner)
    url = start_import(client)
    page = client.get(url)
    assert page.status_code == 422
    assert "because of an error on our side: nothing was saved" in page.text
    assert "OverflowError" in caplog.text  # logged for us, not shown


def test_saving_removes_the_job(client, owner):
    client.force_login(owner)
    url = start_import(client)
    response = client.post(url, review_data(client, url))
    assert response.status_code == 302
    assert Source.objects.count() == 1 and Commitment.objects.exists()
    assert not ImportJob.objects.exists()
    again = client.get(url)
    assert again.status_code == 302 and again["Location"] == START


def test_an_expired_job_is_closed_and_then_removed(client, owner, other_analyst):
    client.force_login(owner)
    url = start_import(client)
    ImportJob.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(url, follow=True)
    assert "This import is no longer open: give the article again." in response.text
    assert import_jobs_expire() == 1
    assert not ImportJob.objects.exists()


def test_starting_an_import_removes_expired_ones(client, owner, other_analyst):
    client.force_login(other_analyst)
    start_import(client)
    ImportJob.objects.update(expires_at=timezone.now() - timedelta(hours=1))
    client.force_login(owner)
    start_import(client, SEED_TEXT.replace("India", "Indonesia"))
    assert list(ImportJob.objects.values_list("created_by", flat=True)) == [owner.pk]


def test_jobs_expire_after_the_configured_hours(client, owner, settings):
    settings.IMPORT_JOB_HOURS = 2
    client.force_login(owner)
    start_import(client)
    job = ImportJob.objects.get()
    assert job.expires_at - job.created_at == timedelta(hours=2)


def test_the_expiry_runs_hourly_from_the_default_schedule():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="commitments.tasks.import_jobs_expire")
    assert (task.interval.every, task.interval.period) == (1, "hours")


def test_another_analyst_cannot_see_the_progress(client, owner, other_analyst, queued):
    client.force_login(owner)
    url = start_import(client)
    client.force_login(other_analyst)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == START
    assert "Waiting to start" not in client.get(START).text


@pytest.mark.parametrize("copies", [1, 20])
def test_progress_queries_do_not_grow_with_the_article(
    client, owner, queued, copies, django_assert_num_queries
):
    client.force_login(owner)
    body = SEED_TEXT.split("\n", 1)[1]
    url = start_import(client, "date 2022-03-31\n" + "\n\n".join([body] * copies))
    # session, user (with their roles), the import job, the header attention count
    with django_assert_num_queries(4):
        response = client.get(url)
    assert "Waiting to start" in response.text
