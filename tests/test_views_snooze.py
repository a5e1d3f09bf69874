"""Snoozing a pledge's reminders from its page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from commitments.models import Commitment
from commitments.reminders import attention

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


def url(commitment) -> str:
    return reverse("commitments:snooze", args=[commitment.pk])


def in_days(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def test_owner_snoozes_with_htmx_and_gets_the_fragment(client, owner, commitment):
    client.force_login(owner)
    response = client.post(url(commitment), {"until": in_days(14)}, **HX)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="snooze-form"' in response.text
    assert "No reminders for this pledge until" in response.text
    commitment.refresh_from_db()
    assert commitment.snoozed_until == timezone.localdate() + timedelta(days=14)
    assert commitment.version == 1  # nobody's open form goes stale


def test_snoozed_pledge_is_left_out_of_reminders(client, owner, commitment):
    Commitment.objects.filter(pk=commitment.pk).update(
        due_date=timezone.localdate() - timedelta(days=3)
    )
    assert attention.attention_for(owner).total == 1
    client.force_login(owner)
    client.post(url(commitment), {"until": in_days(14)})
    assert attention.attention_for(owner).total == 0


def test_plain_post_redirects_to_the_pledge(client, owner, commitment):
    client.force_login(owner)
    response = client.post(url(commitment), {"until": in_days(3)})
    assert response.status_code == 302
    assert response["Location"] == commitment.get_absolute_url()


def test_resume_clears_the_snooze(client, owner, commitment):
    Commitment.objects.filter(pk=commitment.pk).update(snoozed_until=timezone.localdate())
    client.force_login(owner)
    response = client.post(url(commitment), {"until": in_days(3), "resume": "1"}, **HX)
    assert "Reminders for this pledge are back on." in response.text
    commitment.refresh_from_db()
    assert commitment.snoozed_until is None


@pytest.mark.parametrize(
    ("until", "message"),
    [
        (in_days(0), "Snooze until a date in the future."),
        ("", "Pick the date reminders should start again."),
        ("next week", "Enter the date as YYYY-MM-DD."),
    ],
)
def test_bad_dates_are_explained_and_change_nothing(client, owner, commitment, until, message):
    client.force_login(owner)
    response = client.post(url(commitment), {"until": until}, **HX)
    assert response.status_code == 422
    assert message in response.text
    commitment.refresh_from_db()
    assert commitment.snoozed_until is None


def test_manager_may_snooze_any_pledge(client, manager, commitment):
    client.force_login(manager)
    assert client.post(url(commitment), {"until": in_days(5)}).status_code == 302
    commitment.refresh_from_db()
    assert commitment.snoozed_until is not None


def test_another_analyst_is_refused(client, other_analyst, commitment):
    client.force_login(other_analyst)
    assert client.post(url(commitment), {"until": in_days(5)}).status_code == 403
    commitment.refresh_from_db()
    assert commitment.snoozed_until is None


def test_anonymous_wrong_method_and_unknown_id(client, owner, commitment):
    response = client.post(url(commitment), {"until": in_days(5)})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    client.force_login(owner)
    assert client.get(url(commitment)).status_code == 405
    assert client.post("/commitments/999999/snooze/", {"until": in_days(5)}).status_code == 404


def test_pledge_page_shows_the_snooze_form_to_whoever_may_update(
    client, owner, other_analyst, commitment
):
    client.force_login(owner)
    assert 'id="snooze-form"' in client.get(commitment.get_absolute_url()).text
    client.force_login(other_analyst)
    assert 'id="snooze-form"' not in client.get(commitment.get_absolute_url()).text
