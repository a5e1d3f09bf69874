"""What the API answers a client without a token: the public copy, never the pledge itself.

Every read here starts from a live `Publication` or its `PublicEntry` history, so a change no
manager approved, an owner, an internal note or a reminder has no way into an answer. Filters
apply to the public copy's fields; filters with no public meaning are refused.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from commitments import links, review, states
from commitments.api import shapes
from commitments.api.schemas import PledgeFilters
from commitments.extraction.parties import one_spelling
from commitments.filters import SEARCH_MAX_WORDS
from commitments.models import Publication, PublicEntry, Source
from commitments.public import parties as public_parties
from commitments.public import selectors as public_selectors

# Filters that read what only the newsroom knows: who owns a pledge, when it was last worked
# on, when its internal timeline closed it.
NOT_PUBLIC = {
    "owner": "Owners are not public: send a token to filter by owner.",
    "stale": "Staleness is not public: send a token to filter by it.",
    "closed_in": "The closing month is not public: send a token to filter by it.",
}
NOT_PUBLIC_SORTS = {"updated", "-updated"}
SORTS = {"due": "due_date", "status": "status"}


def publications() -> QuerySet[Publication]:
    return (
        public_selectors.published()
        .select_related("source")
        .prefetch_related("money", "milestones")
    )


def pledges(filters: PledgeFilters) -> QuerySet[Publication]:
    """Live public copies matching the filters, read on the public copy's own fields."""
    refused = {
        name: [NOT_PUBLIC[name]] for name in NOT_PUBLIC if getattr(filters, name) is not None
    }
    if filters.q and len(filters.q.split()) > SEARCH_MAX_WORDS:  # as the web list refuses it
        refused["q"] = [f"Search for at most {SEARCH_MAX_WORDS} words."]
    if filters.sort in NOT_PUBLIC_SORTS:
        refused["sort"] = ["Last-update order is not public: sort by due or status."]
    if refused:
        raise ValidationError(refused)
    found = publications()
    for word in (filters.q or "").split():
        found = found.filter(
            Q(title__icontains=word) | Q(quote__icontains=word) | Q(actor__icontains=word)
        )
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.topic:
        found = found.filter(topic=filters.topic)
    if filters.state:
        found = (
            found.filter(states.open_q())
            if filters.state == "open"
            else found.exclude(states.open_q())
        )
    if filters.actor:
        found = found.filter(
            Q(actor__iexact=filters.actor) | Q(actor__in=_spellings(filters.actor))
        )
    if filters.source:
        found = found.filter(source_id=filters.source)
    if filters.overdue:
        overdue = states.overdue_q(timezone.localdate())
        found = found.filter(overdue) if filters.overdue == "yes" else found.exclude(overdue)
    if filters.due_after:
        found = found.filter(due_date__gte=filters.due_after)
    if filters.due_before:
        found = found.filter(due_date__lte=filters.due_before)
    field = SORTS.get((filters.sort or "due").lstrip("-"), "due_date")
    order = (
        F(field).desc(nulls_last=True)
        if (filters.sort or "").startswith("-")
        else F(field).asc(nulls_last=True)
    )
    return found.order_by(order, "pk")


def _spellings(actor: str) -> QuerySet[Publication] | list[str]:
    """The actor under any spelling, among public actors only."""
    wanted = one_spelling(actor).casefold()
    names = Publication.objects.live().order_by().values_list("actor", flat=True).distinct()
    return [name for name in names if one_spelling(name).casefold() == wanted]


def entries() -> QuerySet[PublicEntry]:
    """The public history with the status and progress each entry moved from."""
    before = (
        PublicEntry.objects.filter(publication=OuterRef("publication"))
        .filter(
            Q(created_at__lt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), id__lt=OuterRef("id"))
        )
        .order_by("-created_at", "-id")
    )
    return PublicEntry.objects.filter(publication__is_public=True).annotate(
        old_status=Subquery(before.values("status")[:1]),
        old_progress=Subquery(before.values("progress")[:1]),
    )


def sources() -> QuerySet[Source]:
    return Source.objects.filter(publications__is_public=True).distinct()


def parties() -> list[dict[str, Any]]:
    """Every party with a public pledge, with the public party page's figures (the same
    `public_scorecards`, approved copies only)."""
    return [
        shapes.party_out(card, links.absolute(links.public_party(card.party.slug)))
        for card in public_parties.public_scorecards()
    ]


def pledge_out(p: Publication, source: dict[str, Any]) -> dict[str, Any]:
    """The public copy in the pledge's shape: what it does not hold is empty or null."""
    return {
        "id": p.pk,
        "title": p.title,
        "description": "",
        "quote": p.quote,
        "actor": p.actor,
        "counterparty": p.counterparty,
        "topic": p.topic,
        "status": p.status,
        "public_reason": p.public_reason,
        "progress": p.progress,
        "amount": None if p.amount is None else str(p.amount),
        "currency": p.currency,
        "due_date": p.due_date,
        "due_text": "",
        "owner": None,
        "version": p.reviewed_version,
        "updated_at": p.reviewed_at,
        "last_progress_at": p.reviewed_at,
        "source": source,
        "web_url": links.absolute(links.public_pledge(p.pk)),
        "money": shapes.money_out(review.public_money_rows(p)),
        "milestones": shapes.milestones_out(review.public_steps(p)),
    }


def update_out(e: PublicEntry) -> dict[str, Any]:
    return {
        "id": e.pk,
        "pledge_id": e.publication_id,
        "created_at": e.created_at,
        "version": None,
        "kind": e.kind,
        "old_status": e.old_status,  # type: ignore[attr-defined]
        "new_status": e.status,
        "old_progress": e.old_progress,  # type: ignore[attr-defined]
        "new_progress": e.progress,
        "note": "",
        "public_text": e.text,
        "evidence_url": e.evidence_url,
        "author": None,
    }
