"""What the public site reads about parties: scorecards from the approved copies only.

Which parties a public pledge has comes from its `PledgeParty` rows (party names are public
facts), but every status, due date and count comes from the pledge's `Publication`: a
signatory's own assessment (`PledgeParty.status`, its note) is internal and unreviewed, so
the public scorecard assesses each party as the approved copy assesses the pledge. Money has
no approved copy yet, so public scorecards count pledges, never amounts. Each function issues
a fixed number of queries whatever the number of pledges.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from commitments.choices import CLOSED_STATUSES
from commitments.models import Party, PartyRole, PledgeParty, Publication, PublicEntry
from commitments.public import selectors
from commitments.scorecards import FORMULA, Scorecard

# The signed-in formula's scale, but one assessment per pledge: the approved one.
FORMULA_PUBLIC = (
    FORMULA.split(" A joint pledge")[0]
    + " A joint pledge counts for each of its parties with the status an editor approved."
)


def _public_links(party: Party | None = None) -> QuerySet[PledgeParty]:
    links = PledgeParty.objects.filter(commitment__publication__is_public=True)
    if party is not None:
        links = links.filter(party=party)
    return links


def public_party(slug: str) -> Party | None:
    """A party with at least one public pledge; None otherwise, so a party created from the
    text of a draft (to review) does not announce itself."""
    linked = _public_links().filter(party=OuterRef("pk"))
    return Party.objects.filter(Exists(linked), slug=slug).first()


def _grouped(party: Party | None, today: date) -> list[dict[str, Any]]:
    """Per party, role and approved status: bounded by parties × roles × statuses."""
    publication = "commitment__publication__"
    overdue = Q(**{f"{publication}due_date__lt": today}) & ~Q(
        **{f"{publication}status__in": CLOSED_STATUSES}
    )
    rows = (
        _public_links(party)
        .order_by()
        .values("party_id", "role", approved=F(f"{publication}status"))
        .annotate(n=Count("id"), overdue=Count("id", filter=overdue))
    )
    return [dict(row) for row in rows]


def _fill(cards: dict[int, Scorecard], rows: list[dict[str, Any]]) -> None:
    for row in rows:
        card = cards.get(row["party_id"])
        if card is None:
            continue
        figures = card.made if row["role"] == PartyRole.PLEDGER else card.received
        figures.total += row["n"]
        figures.overdue += row["overdue"]
        figures.by_status[row["approved"]] = figures.by_status.get(row["approved"], 0) + row["n"]


def public_scorecard(party: Party, *, today: date | None = None) -> Scorecard:
    """One party's public scorecard: one query."""
    card = Scorecard(party)
    _fill({party.pk: card}, _grouped(party, today or timezone.localdate()))
    return card


def public_scorecards(*, today: date | None = None) -> list[Scorecard]:
    """Every party with a public pledge, most pledges made first: two queries."""
    linked = _public_links().filter(party=OuterRef("pk"))
    cards = {p.pk: Scorecard(p) for p in Party.objects.filter(Exists(linked))}  # 1
    _fill(cards, _grouped(None, today or timezone.localdate()))  # 2
    return sorted(cards.values(), key=lambda c: (-c.made.total, -c.received.total, c.party.name))


def _party_pledge_ids(party: Party) -> QuerySet[PledgeParty, Any]:
    # A subquery, so a party in two roles on one pledge still lists the pledge once.
    return PledgeParty.objects.filter(party=party).values("commitment_id")


def party_entries(party: Party) -> QuerySet[PublicEntry]:
    """The public history of the party's live pledges, newest first (its feed)."""
    return selectors.public_entries().filter(publication_id__in=_party_pledge_ids(party))


def party_due_dates(party: Party) -> QuerySet[Publication]:
    """The party's open public pledges with a due date (its calendar)."""
    return selectors.public_due_dates().filter(pk__in=_party_pledge_ids(party))
