"""What the public site reads about parties: scorecards from the approved copies only.

Which parties a public pledge has comes from its approved links (`PublicParty`, copied from
the pledge's `PledgeParty` rows when a manager approves), and every status, due date and count
from the pledge's `Publication`: a signatory's own assessment (`PledgeParty.status`, its note)
is internal and unreviewed, so the public scorecard assesses each party as the approved copy
assesses the pledge. Money is
the approved sums (`PublicMoney`), per currency and stage, never added across currencies; a
joint pledge's money counts in full for each of its parties, as on the signed-in scorecards.
Each function issues a fixed number of queries whatever the number of pledges.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from commitments.choices import CLOSED_STATUSES
from commitments.models import (
    Party,
    Publication,
    PublicEntry,
    PublicMilestone,
    PublicMoneyTally,
    PublicParty,
    PublicTally,
)
from commitments.public import selectors
from commitments.scorecards import FORMULA, Scorecard, add_counts, role_figures
from commitments.tracking import MoneyRow

# The signed-in formula's scale, but one assessment per pledge: the approved one.
FORMULA_PUBLIC = (
    FORMULA.split(" A joint pledge")[0]
    + " A joint pledge counts for each of its parties with the status an editor approved."
)


def public_party(slug: str) -> Party | None:
    """A party with at least one public pledge; None otherwise, so a party created from the
    text of a draft (to review) does not announce itself."""
    return Party.objects.filter(slug=slug, pk__in=PublicTally.objects.values("party_id")).first()


def _grouped(party: Party | None, today: date) -> list[dict[str, Any]]:
    """Per party, role and approved status, from the tallies kept at each review: bounded
    by parties × roles × statuses × due dates, not by the number of pledges."""
    overdue = Q(due_date__lt=today) & ~Q(status__in=CLOSED_STATUSES)
    tallies = (
        PublicTally.objects.all() if party is None else PublicTally.objects.filter(party=party)
    )
    rows = (
        tallies.order_by()
        .values("party_id", "role", approved=F("status"))
        .annotate(n=Sum("pledges"), overdue=Coalesce(Sum("pledges", filter=overdue), 0))
    )
    return [dict(row) for row in rows]


def _fill(cards: dict[int, Scorecard], rows: list[dict[str, Any]]) -> None:
    add_counts(cards, rows, status="approved")


def _fill_money(cards: dict[int, Scorecard], party: Party | None) -> None:
    """The approved money per party, role, currency and stage, from the money tallies kept
    at each review: one query."""
    sums = PublicMoneyTally.objects.all()
    if party is not None:
        sums = sums.filter(party=party)
    rows: dict[tuple[int, str], dict[str, MoneyRow]] = {}
    for tally in sums.order_by("party_id", "role", "currency"):
        if tally.party_id not in cards:
            continue
        by_currency = rows.setdefault((tally.party_id, tally.role), {})
        row = by_currency.setdefault(tally.currency, MoneyRow(tally.currency))
        row.amounts[tally.stage] = row.amounts.get(tally.stage, Decimal(0)) + tally.amount
    for (party_id, role), by_currency in rows.items():
        figures = role_figures(cards[party_id], role)
        figures.money = list(by_currency.values())


def public_scorecard(party: Party, *, today: date | None = None) -> Scorecard:
    """One party's public scorecard: two queries (counts, money)."""
    card = Scorecard(party)
    _fill({party.pk: card}, _grouped(party, today or timezone.localdate()))
    _fill_money({party.pk: card}, party)
    return card


def public_scorecards(*, today: date | None = None) -> list[Scorecard]:
    """Every party with a public pledge, most pledges made first: three queries."""
    counted = PublicTally.objects.values("party_id")
    cards = {p.pk: Scorecard(p) for p in Party.objects.filter(pk__in=counted)}  # 1
    _fill(cards, _grouped(None, today or timezone.localdate()))  # 2
    _fill_money(cards, None)  # 3
    return sorted(cards.values(), key=lambda c: (-c.made.total, -c.received.total, c.party.name))


def _party_pledge_ids(party: Party) -> QuerySet[PublicParty, Any]:
    # A subquery, so a party in two roles on one pledge still lists the pledge once.
    return PublicParty.objects.filter(party=party).values("publication_id")


def party_entries(party: Party) -> QuerySet[PublicEntry]:
    """The public history of the party's live pledges, newest first (its feed)."""
    return selectors.public_entries().filter(publication_id__in=_party_pledge_ids(party))


def party_due_dates(party: Party) -> QuerySet[Publication]:
    """The party's open public pledges with a due date (its calendar)."""
    return selectors.public_due_dates().filter(pk__in=_party_pledge_ids(party))


def party_milestone_dates(party: Party) -> QuerySet[PublicMilestone]:
    """The dated open milestones of the party's open public pledges (its calendar)."""
    return selectors.public_milestone_dates().filter(publication_id__in=_party_pledge_ids(party))
