"""Import jobs in the admin: what each web import is doing, read-only, and a bulk removal of
the expired ones through the service."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from commitments.models import ImportJob
from tests.factories import AnalystFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:commitments_importjob_changelist")


def job(owner, *, title: str, expires_in: timedelta, **fields) -> ImportJob:
    return ImportJob.objects.create(
        id=uuid.uuid4(),
        created_by=owner,
        expires_at=timezone.now() + expires_in,
        title=title,
        published_on=date(2024, 5, 1),
        body="The UK will fund a programme.",
        sha256=uuid.uuid4().hex,
        **fields,
    )


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def jobs(owner):
    return {
        "failed": job(
            owner,
            title="Budget speech",
            expires_in=timedelta(hours=3),
            state=ImportJob.State.FAILED,
            error="Finding the pledges took longer than 30 seconds: import a shorter text.",
        ),
        "expired": job(owner, title="Old summit", expires_in=-timedelta(hours=1)),
        "ready": job(
            owner,
            title="Trade deal",
            expires_in=timedelta(hours=20),
            state=ImportJob.State.READY,
            candidates=[{"title": "x"}, {"title": "y"}],
        ),
    }


def test_the_list_shows_each_jobs_state_article_dates_and_error(admin_client, jobs):
    response = admin_client.get(CHANGELIST)
    assert response.status_code == 200
    for title in ("Budget speech", "Old summit", "Trade deal"):
        assert title in response.text
    assert "Ready for review" in response.text and "Failed" in response.text
    assert "took longer than 30 seconds: import a shorter text." in response.text
    assert "Remove the expired ones among the selected jobs" in response.text


def test_the_list_issues_a_constant_number_of_queries(
    admin_client, owner, django_assert_num_queries
):
    # session, user (with their roles), the creators for the "created by" filter, count of
    # the filtered jobs, count of all jobs, the page of jobs with their creators, the first
    # and last dates and the days for the date hierarchy
    for n in (1, 6):
        for i in range(n):
            job(owner, title=f"Job {n}-{i}", expires_in=timedelta(hours=1))
        with django_assert_num_queries(8):
            assert admin_client.get(CHANGELIST).status_code == 200


def test_a_job_can_be_read_but_not_changed_or_added(admin_client, jobs):
    ready = jobs["ready"]
    url = reverse("admin:commitments_importjob_change", args=[ready.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert "Trade deal" in page.text and "Pledges proposed" in page.text
    assert 'name="title"' not in page.text  # no field to edit
    admin_client.post(url, {"title": "Changed", "state": "failed"})
    ready.refresh_from_db()
    assert (ready.title, ready.state) == ("Trade deal", ImportJob.State.READY)
    assert admin_client.get(reverse("admin:commitments_importjob_add")).status_code == 403


def test_remove_expired_removes_only_the_expired_among_the_selection(admin_client, jobs):
    response = admin_client.post(
        CHANGELIST,
        {"action": "remove_expired", "_selected_action": [j.pk for j in jobs.values()]},
        follow=True,
    )
    assert response.status_code == 200
    assert "Removed 1 expired import job. 2 not yet expired were kept." in response.text
    assert set(ImportJob.objects.values_list("title", flat=True)) == {"Budget speech", "Trade deal"}


def test_remove_expired_leaves_expired_jobs_outside_the_selection(admin_client, jobs, owner):
    other = job(owner, title="Another old one", expires_in=-timedelta(days=2))
    admin_client.post(
        CHANGELIST, {"action": "remove_expired", "_selected_action": [jobs["expired"].pk]}
    )
    assert ImportJob.objects.filter(pk=other.pk).exists()
    assert not ImportJob.objects.filter(pk=jobs["expired"].pk).exists()


def test_staff_who_may_only_view_jobs_cannot_remove_them(client, jobs):
    viewer = AnalystFactory(username="deskviewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_importjob"))
    client.force_login(viewer)
    page = client.get(CHANGELIST)
    assert page.status_code == 200
    assert "remove_expired" not in page.text
    client.post(CHANGELIST, {"action": "remove_expired", "_selected_action": [jobs["expired"].pk]})
    assert ImportJob.objects.filter(pk=jobs["expired"].pk).exists()
