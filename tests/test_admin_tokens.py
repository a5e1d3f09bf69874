"""API tokens in the admin: listed with their holders, revoked in bulk, the secret never shown."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from commitments.models import ApiToken
from commitments.services import api_tokens
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:commitments_apitoken_changelist"


@pytest.fixture
def token(owner):
    made, secret = api_tokens.api_token_create(user=owner, name="Nightly export")
    return made, secret


def test_the_list_shows_each_token_with_its_holder_but_never_the_secret(admin_client, token):
    made, secret = token

    body = admin_client.get(reverse(CHANGELIST)).content.decode()
    detail = admin_client.get(
        reverse("admin:commitments_apitoken_change", args=[made.pk])
    ).content.decode()

    assert "Nightly export" in body and "owner" in body and made.prefix in body
    for page in (body, detail):
        assert secret not in page
        assert made.key_hash not in page
    assert made.prefix in detail


def test_revoking_in_the_admin_stops_the_token(admin_client, client, token):
    made, secret = token

    response = admin_client.post(
        reverse(CHANGELIST), {"action": "revoke", "_selected_action": [made.pk]}, follow=True
    )

    made.refresh_from_db()
    assert made.is_revoked
    assert "Revoked 1 token(s)" in response.content.decode()
    answer = client.get("/api/v1/pledges", headers={"Authorization": f"Bearer {secret}"})
    assert answer.status_code == 401


def test_staff_who_are_not_managers_cannot_revoke_others_tokens(client, token):
    made, _secret = token
    viewer = UserFactory(username="viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_apitoken"))
    client.force_login(viewer)

    response = client.post(
        reverse(CHANGELIST), {"action": "revoke", "_selected_action": [made.pk]}, follow=True
    )

    made.refresh_from_db()
    assert not made.is_revoked
    assert "Only managers can revoke" in response.content.decode()


def test_tokens_cannot_be_added_edited_or_deleted_in_the_admin(admin_client, token):
    made, _secret = token

    assert admin_client.get(reverse("admin:commitments_apitoken_add")).status_code == 403
    posted = admin_client.post(
        reverse("admin:commitments_apitoken_change", args=[made.pk]), {"name": "Renamed"}
    )
    assert posted.status_code == 403
    assert (
        admin_client.get(reverse("admin:commitments_apitoken_delete", args=[made.pk])).status_code
        == 403
    )
    assert ApiToken.objects.get(pk=made.pk).name == "Nightly export"
