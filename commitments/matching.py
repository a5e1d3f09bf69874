"""Which tracked pledges a new article may be about: one selector, two search indexes.

`find_matches` takes the article's progress statements and pledge proposals, asks the
full-text index for the pledges that share their words (PostgreSQL: `SearchVector` /
`SearchRank` over a GIN index; SQLite: the FTS5 table the migration keeps by triggers) and
scores each pair with reasons a person can check: the parties, the amount, the shared words,
the dates. Two queries per article whatever the number of pledges: the search, and the
suggestions turned down before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models.expressions import RawSQL

from commitments.extraction import Candidate
from commitments.extraction.progress import ProgressStatement
from commitments.extraction.restatements import content_words
from commitments.models import Commitment, MatchRejection

__all__ = [
    "MATCH_THRESHOLD",
    "Match",
    "Statement",
    "find_matches",
    "statements_of",
]

FTS_TABLE = "commitments_commitment_fts"
SEARCH_LIMIT = 300  # pledges fetched from the index per article, best ranked first
MATCH_THRESHOLD = 4.0  # below this a pair is not shown
DUPLICATE_THRESHOLD = 7.0  # a proposal this close to a tracked pledge is a possible duplicate
SUGGESTIONS_PER_STATEMENT = 2
SEARCH_TERMS = 8  # words per statement the index is asked about

RECORD_EVIDENCE = "record_evidence"
ADD_SOURCE = "add_source"

# Weights of the explainable score.
PER_SHARED_PARTY = 2.0
SAME_AMOUNT = 3.0
PART_OF_AMOUNT = 1.0
OTHER_AMOUNT = -3.0
PER_SHARED_WORD = 0.6
MAX_SHARED_WORDS = 10


@dataclass(frozen=True)
class Statement:
    """What is matched: a progress statement, or a pledge proposal (a possible restatement)."""

    quote: str
    start: int
    end: int
    kind: str  # a progress kind, or "restated" for a pledge proposal
    suggests: str  # the status it suggests; "" to leave the status as it is
    parties: tuple[str, ...]
    amount_value: Decimal | None
    currency: str
    reported_on: date
    proposal: int | None = None  # the proposal's number in the review, for a restatement


@dataclass(frozen=True)
class Match:
    statement: Statement
    commitment: Commitment
    score: float
    reasons: tuple[str, ...] = field(default=())

    @property
    def action(self) -> str:
        return ADD_SOURCE if self.statement.kind == "restated" else RECORD_EVIDENCE

    @property
    def why(self) -> str:
        return ", ".join(self.reasons)


def statements_of(
    progress: Sequence[ProgressStatement],
    candidates: Sequence[Candidate],
    *,
    published_on: date,
) -> list[Statement]:
    """The article's statements to match: progress first, then proposals not inside one."""
    out = [
        Statement(
            quote=p.quote,
            start=p.start,
            end=p.end,
            kind=p.kind,
            suggests=p.suggests,
            parties=p.parties,
            amount_value=p.amount.value if p.amount else None,
            currency=p.amount.currency if p.amount else "",
            reported_on=published_on,
        )
        for p in progress
    ]
    taken = [(p.start, p.end) for p in progress]
    for number, c in enumerate(candidates, start=1):
        if any(c.start < end and start < c.end for start, end in taken):
            continue
        out.append(
            Statement(
                quote=c.quote,
                start=c.start,
                end=c.end,
                kind="restated",
                suggests="",
                parties=tuple(_parties(c.actor) | _parties(c.counterparty)),
                amount_value=c.amount.value if c.amount else None,
                currency=c.amount.currency if c.amount else "",
                reported_on=published_on,
                proposal=number,
            )
        )
    return out


def find_matches(
    statements: Sequence[Statement], *, sha256: str = "", exclude_source_sha: bool = True
) -> list[Match]:
    """The tracked pledges each statement may be about, best first, at most two each."""
    terms = sorted(set().union(*(_search_terms(s) for s in statements))) if statements else []
    if not terms:
        return []
    pledges = _search(terms)
    rejected = (
        set(
            MatchRejection.objects.filter(sha256=sha256).values_list(
                "commitment_id", "quote_start", "quote_end"
            )
        )
        if sha256
        else set()
    )
    matches: list[Match] = []
    for statement in statements:
        scored = []
        for pledge in pledges:
            if (pledge.pk, statement.start, statement.end) in rejected:
                continue
            if exclude_source_sha and sha256 and pledge.source.sha256 == sha256:
                continue  # the article's own pledges are not news about themselves
            match = score(statement, pledge)
            if match is not None and match.score >= MATCH_THRESHOLD:
                scored.append(match)
        scored.sort(key=lambda m: (-m.score, m.commitment.pk))
        matches.extend(scored[:SUGGESTIONS_PER_STATEMENT])
    return matches


def score(statement: Statement, pledge: Commitment) -> Match | None:
    """The pair's score and its reasons; None when the pair cannot be right."""
    if pledge.source.published_on > statement.reported_on:
        return None  # a follow-up is later than the pledge
    pledge_parties = _parties(pledge.actor) | _parties(pledge.counterparty)
    shared_parties = pledge_parties & set(statement.parties)
    if statement.parties and not shared_parties:
        return None  # other parties' news
    reasons = []
    total = PER_SHARED_PARTY * len(shared_parties)
    if not shared_parties:
        reasons.append("no party named")
    elif len(shared_parties) >= 2 or shared_parties == pledge_parties:
        reasons.append("same parties")
    else:
        reasons.append(f"same {', '.join(sorted(shared_parties))}")
    same_currency = statement.currency == pledge.currency
    if statement.amount_value is not None and pledge.amount is not None and same_currency:
        ratio = statement.amount_value / pledge.amount if pledge.amount else Decimal(0)
        if abs(ratio - 1) <= Decimal("0.02"):
            total += SAME_AMOUNT
            reasons.append("same amount")
        elif 0 < ratio < 1:
            total += PART_OF_AMOUNT
            reasons.append("part of the amount")
        else:
            total += OTHER_AMOUNT
            reasons.append("another amount")
    party_words = set().union(*(content_words(p) for p in pledge_parties | set(statement.parties)))
    shared = (_stems(statement.quote) & _stems(f"{pledge.title} {pledge.quote}")) - _stems(
        " ".join(party_words)
    )
    words = min(len(shared), MAX_SHARED_WORDS)
    total += PER_SHARED_WORD * words
    reasons.append(f"{len(shared)} shared word{'s' if len(shared) != 1 else ''}")
    if words < 2:
        return None  # parties alone say nothing about which pledge
    return Match(statement, pledge, round(total, 1), tuple(reasons))


# -- the index ---------------------------------------------------------------------------

_TERM = re.compile(r"^[a-z0-9]+$")
# The stored vector of title and quote the migration adds on PostgreSQL, with its GIN index.
_STORED_VECTOR = RawSQL(
    "commitments_commitment.search_vector", [], output_field=SearchVectorField()
)


def _search(terms: list[str]) -> list[Commitment]:
    """The best-ranked pledges sharing words with the article: the index's ids, then those
    pledges with what the review shows of them (not their sources' whole text)."""
    if connection.vendor == "postgresql":
        query = SearchQuery(" | ".join(terms), search_type="raw", config="english")
        ids = list(
            Commitment.objects.annotate(search=_STORED_VECTOR)
            .filter(search=query)
            .annotate(rank=SearchRank(_STORED_VECTOR, query))
            .order_by("-rank", "pk")
            .values_list("pk", flat=True)[:SEARCH_LIMIT]
        )
    elif connection.vendor == "sqlite":
        match = " OR ".join(f'"{t}"' for t in terms)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY rank LIMIT %s",
                [match, SEARCH_LIMIT],
            )
            ids = [row[0] for row in cursor.fetchall()]
    else:  # no index on other databases: the newest pledges only
        ids = list(Commitment.objects.order_by("-pk").values_list("pk", flat=True)[:SEARCH_LIMIT])
    if not ids:
        return []
    return list(
        Commitment.objects.filter(pk__in=ids)
        .select_related("owner", "source")
        .defer("source__body")
        .order_by("pk")
    )


def _search_terms(statement: Statement) -> set[str]:
    """The statement's most telling words, the longest standing in for the rarest: common
    words would fetch (and rank) thousands of pledges for nothing."""
    return set(sorted(_terms(statement), key=lambda w: (-len(w), w))[:SEARCH_TERMS])


def _terms(statement: Statement) -> set[str]:
    # The statement's own words: parties are weighed when scoring, and as search terms they
    # would fetch every pledge of a country rather than those about the same thing.
    party_words = set().union(*(content_words(p) for p in statement.parties))
    return {w for w in content_words(statement.quote) - party_words if _TERM.match(w)}


def _parties(label: str) -> set[str]:
    """ "India and France", "Kenya, Uganda and Tanzania" name each party."""
    parts = re.split(r"\s*(?:,|\band\b|&)\s*", label or "")
    return {p.strip() for p in parts if p.strip() and p.strip() != "Unknown"}


def _stems(text: str) -> set[str]:
    # A crude stem is enough to see "disbursed" and "disbursement" as one word.
    words = {w[:6] for w in content_words(text) if w.isalpha() and len(w) > 3}
    # Acronyms are the most telling words of all ("ERA", "ISA"), however short.
    return words | {a.lower() for a in re.findall(r"\b[A-Z]{3,6}\b", text)}
