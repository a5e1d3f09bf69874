"""The public site's party pages under /p/parties/: the index, a scorecard per party, its
embed, its Atom feed and its calendar of due dates.

Same rules as `commitments.views.public`: no sign-in, no cookies, cached; every figure from
the approved copies (`commitments.public.parties`).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from commitments import links, scorecards
from commitments.models import Party
from commitments.public import feeds, parties
from commitments.public.cache import cached_public
from commitments.views.public import _status_chart, embed_snippet, embeddable
from commitments.views.responses import found_or_404, render_page

SNIPPET_HEIGHT = 260


def _get_public_party(slug: str) -> Party:
    return found_or_404(
        parties.public_party(slug), "No party with public pledges has this address."
    )


def _roles(card: scorecards.Scorecard) -> list[tuple[str, str, scorecards.RoleFigures]]:
    return [
        ("Pledges made", "pledger", card.made),
        ("Pledges received", "counterparty", card.received),
    ]


@require_safe
@cached_public
def party_list(request: HttpRequest) -> HttpResponse:
    cards = parties.public_scorecards()
    return render_page(
        request,
        "public/parties.html",
        {"cards": cards, "formula": parties.FORMULA_PUBLIC},
    )


@require_safe
@cached_public
def party(request: HttpRequest, slug: str) -> HttpResponse:
    party = _get_public_party(slug)
    card = parties.public_scorecard(party)
    embed_url = links.absolute(links.public_party_embed(slug))
    return render_page(
        request,
        "public/party.html",
        {
            "party": party,
            "card": card,
            "roles": _roles(card),
            "chart": _status_chart(
                card.made.statuses(), f"Pledges of {party.name} by status", party=slug
            )
            if card.made.total
            else "",
            "search_url": links.public_search(party=slug),
            "permalink": links.absolute(links.public_party(slug)),
            "formula": parties.FORMULA_PUBLIC,
            "snippet": embed_snippet(embed_url, f"Pledges of {party.name}", SNIPPET_HEIGHT),
        },
    )


@embeddable
def embed_party(request: HttpRequest, slug: str) -> HttpResponse:
    party = _get_public_party(slug)
    card = parties.public_scorecard(party)
    return render_page(
        request,
        "public/embed_party.html",
        {
            "party": party,
            "card": card,
            "statuses": [row for row in card.made.statuses() if row[2]],
            "permalink": links.absolute(links.public_party(slug)),
        },
    )


@require_safe
@cached_public
def party_feed(request: HttpRequest, slug: str) -> HttpResponse:
    return feeds.party_updates_feed(request, party=_get_public_party(slug))


@require_safe
@cached_public
def party_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    party = _get_public_party(slug)
    response = HttpResponse(
        feeds.due_dates_calendar(party), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="pledge-due-dates-{slug}.ics"'
    return response
