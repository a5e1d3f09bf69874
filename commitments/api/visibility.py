"""What an API client may read: everything for a token holder, published pledges for others."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet

from commitments import selectors
from commitments.api import public
from commitments.models import Commitment, CommitmentQuerySet, ProgressUpdate, Source


def public_pledges() -> CommitmentQuerySet:
    """The pledges anyone may read without a token. Their fields are read from the public copy
    (`commitments.api.public`), never from the pledge's own columns."""
    return Commitment.objects.published()


def is_public_client(user: User | AnonymousUser) -> bool:
    """A client without a token: it sees published pledges, never owners or internal notes."""
    return not user.is_authenticated


def visible_pledges(user: User | AnonymousUser) -> QuerySet[Commitment]:
    """The pledge list's base queryset for this client (any signed-in user reads every pledge,
    as on the web)."""
    listed = selectors.commitment_list()
    if is_public_client(user):
        return listed.filter(pk__in=public_pledges().values("pk"))
    return listed


def visible_updates(user: User | AnonymousUser) -> QuerySet[ProgressUpdate]:
    updates = ProgressUpdate.objects.select_related("author")
    if is_public_client(user):  # the public history is PublicEntry: see commitments.api.public
        return updates.none()
    return updates


def visible_sources(user: User | AnonymousUser) -> QuerySet[Source]:
    if is_public_client(user):
        return public.sources()
    return Source.objects.all()
