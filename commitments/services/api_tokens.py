"""Personal API tokens: made, revoked and looked up here.

The secret is shown once, when it is made; the database keeps only its SHA-256 (the secret is
long and random, so a plain hash is enough), so a copy of the database opens nothing.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from commitments.models import ApiToken
from commitments.services.data_version import writing
from commitments.services.pledges import _require_manager

TOKEN_BYTES = 32
TOKEN_PREFIX = "ct_"  # recognisable in logs and secret scanners
SHOWN_PREFIX = 10
MAX_ACTIVE_TOKENS = 10


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@writing()
def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; returns it and its secret, which is never readable again."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": "Give the token a name, e.g. the script that will use it."})
    if len(name) > (ApiToken._meta.get_field("name").max_length or 0):
        raise ValidationError({"name": "Keep the name under 100 characters."})
    # Locked rows, not a count (PostgreSQL refuses FOR UPDATE with an aggregate).
    active = ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True)
    if len(active.values_list("pk", flat=True)) >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            f"You have {MAX_ACTIVE_TOKENS} active tokens: revoke one you no longer use first."
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    token = ApiToken.objects.create(
        user=user, name=name, key_hash=_hash(secret), prefix=secret[:SHOWN_PREFIX]
    )
    return token, secret


@writing()
def api_token_revoke(*, token_id: int, user, now: datetime | None = None) -> ApiToken:
    """Revoke one of the user's own tokens; from now on it answers 401."""
    try:
        token = ApiToken.objects.select_for_update().get(pk=token_id, user=user)
    except ApiToken.DoesNotExist:
        raise ValidationError("You have no such token.") from None
    if token.revoked_at is None:
        token.revoked_at = now or timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def active_api_token(secret: str) -> ApiToken | None:
    """The active token with this secret and its (active) user, in one query; else None."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    return (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )


@writing()
def api_tokens_revoke(*, token_ids: list[int], user, now: datetime | None = None) -> int:
    """Revoke any users' tokens (managers, from the admin): a leaked or unused token stops at
    once. Returns how many were still active."""
    _require_manager(user, "revoke other people's API tokens")
    return ApiToken.objects.filter(pk__in=token_ids, revoked_at__isnull=True).update(
        revoked_at=now or timezone.now()
    )
