"""Party scorecards: what each party pledged and received, and how it kept its pledges.

Read queries, like `selectors`: the list of scorecards is four queries and one scorecard is
three more than its party, whatever the number of pledges. Every count is built from the
per-signatory assessment (`PledgeParty.assessed_status`), money from
`tracking.money_totals`' rule, and every number has the list filter that finds the pledges
behind it (`party_status` and `money_stage` in `commitments.filters`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import CharField, Count, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from commitments import states, tracking
from commitments.models import (
    CLOSED_STATUSES,
    Commitment,
    Party,
    PartyRole,
    PledgeParty,
    Status,
)
from commitments.tracking import MoneyRow

# The G7 Research Group's scale: a closed or assessed pledge scores +1 kept, 0 in part or
# under way, −1 broken. Withdrawn, not started and stalled pledges are not scored.
SCORES: dict[str, int] = {
    Status.FULFILLED: 1,
    Status.PARTIALLY_FULFILLED: 0,
    Status.IN_PROGRESS: 0,
    Status.BROKEN: -1,
}
# Extra values of the list's `party_status` filter: groups of assessed statuses.
CLOSED, SCORED = "closed", "scored"
STATUS_GROUPS: dict[str, frozenset[str]] = {
    CLOSED: frozenset(CLOSED_STATUSES),
    SCORED: frozenset(SCORES),
}
FORMULA = (
    "Each pledge the party made that is closed or assessed scores +1 if fulfilled, 0 if "
    "partially fulfilled or in progress, −1 if broken (the G7 Research Group's scale; "
    "withdrawn, not started and stalled pledges are left out). The score is their average, "
    "from −1 to +1, and the percentage is (average + 1) ÷ 2 × 100. The fulfilment rate is "
    "fulfilled ÷ closed. A joint pledge counts each signatory's own assessment where it has "
    "one, the pledge's otherwise."
)


def assessed_status() -> Coalesce:
    """A party's status on a pledge, as a query expression over Commitment rows joined to
    their parties: its own assessment, else the pledge's."""
    return Coalesce(
        NullIf(F("pledge_parties__status"), Value("")), F("status"), output_field=CharField()
    )


@dataclass
class RoleFigures:
    """A party's pledges in one role (made or received)."""

    total: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    overdue: int = 0
    # Announced, committed and disbursed per currency, never added across currencies.
    money: list[MoneyRow] = field(default_factory=list)

    def count(self, statuses: Iterable[str]) -> int:
        return sum(self.by_status.get(s, 0) for s in statuses)

    @property
    def open(self) -> int:
        return self.total - self.closed

    @property
    def closed(self) -> int:
        return self.count(CLOSED_STATUSES)

    @property
    def fulfilled(self) -> int:
        return self.by_status.get(Status.FULFILLED, 0)

    @property
    def broken(self) -> int:
        return self.by_status.get(Status.BROKEN, 0)

    @property
    def fulfilment_rate(self) -> float | None:
        return self.fulfilled / self.closed if self.closed else None

    @property
    def scored(self) -> int:
        return self.count(SCORES)

    @property
    def score(self) -> float | None:
        """The average score, −1 to +1, or None when nothing is scored."""
        if not self.scored:
            return None
        return sum(SCORES[s] * self.by_status.get(s, 0) for s in SCORES) / self.scored

    @property
    def compliance(self) -> float | None:
        """The average score as a share from 0 to 1 (shown as a percentage)."""
        return None if self.score is None else (self.score + 1) / 2

    def statuses(self) -> list[tuple[str, str, int]]:
        return [(s.value, s.label, self.by_status.get(s.value, 0)) for s in Status]


@dataclass
class Scorecard:
    party: Party
    made: RoleFigures = field(default_factory=RoleFigures)
    received: RoleFigures = field(default_factory=RoleFigures)

    @property
    def total(self) -> int:
        return self.made.total + self.received.total


def _grouped(pledges: QuerySet, today: date, party: Party | None = None) -> list[dict]:
    """One grouped pass: per party, role and assessed status. The groups are bounded by
    parties × roles × statuses, not by the number of pledges."""
    # One filter call, so the party condition and the grouping read the same join.
    links = Q(pledge_parties__isnull=False)
    if party is not None:
        links &= Q(pledge_parties__party=party)
    return list(
        pledges.filter(links)
        .order_by()
        .values(
            party_id=F("pledge_parties__party_id"),
            role=F("pledge_parties__role"),
            assessed=assessed_status(),
        )
        .annotate(n=Count("id"), overdue=Count("id", filter=states.overdue_q(today)))
    )


def _fill(
    cards: dict[int, Scorecard],
    rows: list[dict],
    money: dict[tuple[int, str], list[MoneyRow]],
) -> None:
    for (party_id, role), money_rows in money.items():
        card = cards.get(party_id)
        if card is not None:
            role_figures(card, role).money = money_rows
    add_counts(cards, rows, status="assessed")


def add_counts(cards: dict[int, Scorecard], rows: list[dict], *, status: str) -> None:
    """Adds grouped counts to the cards: each row a party and role, its pledges (`n`), those
    overdue, and their status under the key `status`. Parties without a card are skipped."""
    for row in rows:
        card = cards.get(row["party_id"])
        if card is None:
            continue
        figures = role_figures(card, row["role"])
        figures.total += row["n"]
        figures.overdue += row["overdue"]
        figures.by_status[row[status]] = figures.by_status.get(row[status], 0) + row["n"]


def role_figures(card: Scorecard, role: str) -> RoleFigures:
    """The card's figures for pledges the party made (pledger) or received (counterparty)."""
    return card.made if role == PartyRole.PLEDGER else card.received


def party_scorecards(*, today: date | None = None) -> list[Scorecard]:
    """Every party with at least one pledge, most pledges made first: four queries (three
    when no pledge names a party)."""
    today = today or timezone.localdate()
    pledges = Commitment.objects.all()
    # 1: counts by status; 2-3: money records and pledge amounts, for every party at once.
    rows = _grouped(pledges, today)
    money = tracking.money_totals_by_party(pledges)
    # 4: the parties those counts name, and only those.
    named = Party.objects.filter(pk__in=sorted({row["party_id"] for row in rows}))
    cards = {p.pk: Scorecard(p) for p in named}
    _fill(cards, rows, money)
    listed = [c for c in cards.values() if c.total]
    return sorted(listed, key=lambda c: (-c.made.total, -c.received.total, c.party.name))


def party_scorecard(party: Party, *, today: date | None = None) -> Scorecard:
    """One party's scorecard: three queries (counts, money records, pledge amounts)."""
    today = today or timezone.localdate()
    card = Scorecard(party)
    pledges = Commitment.objects.all()
    money = tracking.money_totals_by_party(pledges, party_id=party.pk)
    _fill({party.pk: card}, _grouped(pledges, today, party), money)
    return card


def pledges_with_party(
    queryset: QuerySet, party: Party | None, *, role: str = "", status: str = "", kind: str = ""
) -> QuerySet:
    """The pledges of `queryset` with a party (or a kind of party) in a role, assessed at a
    status or a group of statuses (`STATUS_GROUPS`); each pledge once. The list filter and
    the scorecards' links agree through this."""
    links = PledgeParty.objects.annotate(
        assessed=Coalesce(NullIf(F("status"), Value("")), F("commitment__status"))
    )
    if party is not None:
        links = links.filter(party=party)
    if kind:
        links = links.filter(party__kind=kind)
    if role:
        links = links.filter(role=role)
    if status:
        links = links.filter(assessed__in=sorted(STATUS_GROUPS.get(status, {status})))
    return queryset.filter(pk__in=links.values("commitment_id"))
