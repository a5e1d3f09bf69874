"""The secret links to a user's private feed and calendar: made, renewed and looked up here.

A token is the whole credential (feed readers and calendar apps send no session), so each
is long and random, a user has one active token at a time, and making new links revokes
the old ones at once.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from django.db import IntegrityError
from django.utils import timezone

from commitments.models import FeedToken
from commitments.services.data_version import writing

TOKEN_BYTES = 32  # 43 URL-safe characters


def _new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def _active_token_of(user) -> FeedToken | None:
    return FeedToken.objects.filter(user=user, revoked_at__isnull=True).first()


def feed_token_for(*, user) -> FeedToken:
    """The user's active token, made on first use."""
    token = _active_token_of(user)
    if token is not None:
        return token
    try:
        with writing():
            return FeedToken.objects.create(user=user, token=_new_token())
    except IntegrityError:
        # Two first visits at once: the other one made it; use theirs.
        return FeedToken.objects.get(user=user, revoked_at__isnull=True)


@writing()
def feed_token_renew(*, user, now: datetime | None = None) -> FeedToken:
    """Revoke the user's links and make new ones; the old URLs answer 404 from now on."""
    now = now or timezone.now()
    FeedToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)
    return FeedToken.objects.create(user=user, token=_new_token(), created_at=now)


def active_feed_token(token: str) -> FeedToken | None:
    """The active token with this value and its (active) user, in one query; else None."""
    if not token or len(token) > (FeedToken._meta.get_field("token").max_length or 0):
        return None
    return (
        FeedToken.objects.select_related("user")
        .filter(token=token, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
