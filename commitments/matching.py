"""Which tracked pledges a new article may be about: one selector, two search indexes.

`find_matches` takes the article's progress statements and pledge proposals, asks the
full-text index for the pledges that share their words (PostgreSQL: `SearchVector` /
`SearchRank` over a GIN index; SQLite: the FTS5 table the migration keeps by triggers) and
scores each pair with reasons a person can check: the parties (the pledge's linked Party
records, and who stands for them: a member paying its share of a group's pledge), the
amount, the shared words weighed by how rare they are among the pledges found that share the
statement's parties (the only ones it could be about; words other parties' pledges use too
need a second statement of the article behind the pair), the dates.
Five queries per article whatever the number of pledges: the search, the pledges linked to
two of the article's parties (a pledge whose words say little, "the loan agreement will be
signed", is found by who made it), those pledges, their parties, and the suggestions turned
down before.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Count
from django.db.models.expressions import RawSQL

from commitments.extraction import Candidate
from commitments.extraction.amounts import find_amounts
from commitments.extraction.dates import find_time_phrases
from commitments.extraction.progress import ProgressStatement
from commitments.extraction.relations import groups_of
from commitments.extraction.restatements import content_words
from commitments.extraction.vocabulary.progress import (
    ACTS,
    ANOTHER_WORDS,
    GENERIC_WORDS,
    INSTRUMENTS,
)
from commitments.models import Commitment, MatchRejection, PartyRole, PledgeParty

__all__ = [
    "MATCH_THRESHOLD",
    "Match",
    "Statement",
    "find_matches",
    "statements_of",
]

FTS_TABLE = "commitments_commitment_fts"
SEARCH_LIMIT = 300  # pledges fetched from the index per article, best ranked first
PARTY_LIMIT = 50  # pledges fetched because they share two parties with the article, newest first
MAIN_PARTIES = 3  # the article's parties those pledges are looked up by
MATCH_THRESHOLD = 4.0  # below this a pair is not shown, unless the article supports it
SUPPORTED_THRESHOLD = 3.0  # the least a pair needs when another statement names its pledge
RESTATED_THRESHOLD = 6.0
MARGIN = 0.5  # a second pledge is shown only this close to the first
STRONG_MATCH = 6.0  # one pair this good makes its pledge the article's main one
PARTY_ONLY_THRESHOLD = 3.0  # the parties a statement needs to share with the main pledge
DUPLICATE_THRESHOLD = 7.0  # a proposal this close to a tracked pledge is a possible duplicate
SUGGESTIONS_PER_STATEMENT = 2
SEARCH_TERMS = 8  # words per statement the index is asked about

PARTS = frozenset({"part of the amount", "part of the number"})  # reasons that say "a part"
# The reason of a pair whose words are telling only among the pledges of its parties: other
# parties' pledges use them too ("bridge"), so it stands only with another statement's support.
RARE_AMONG_PARTIES = "words rare among these parties' pledges"

RECORD_EVIDENCE = "record_evidence"
ADD_SOURCE = "add_source"

# Weights of the explainable score.
PER_SHARED_PARTY = 2.0
PER_MEMBER_SHARE = 1.5
ALL_PARTIES = 1.0  # every party of the pledge is named
OTHER_BENEFICIARY = -2.0  # the pledge's beneficiary is not named, another party is
SAME_AMOUNT = 3.0
PART_OF_AMOUNT = 1.0
OTHER_AMOUNT = -3.0
SAME_COUNT = 1.5  # "36 Rafale fighter jets" in both
SAME_ACT = 1.5  # the statement reports the act the pledge promised (a signing)
SAME_TIME = 1.0  # "Germany promised in January ...": the pledge was made then
RECENT = 1.0  # the pledge was made within RECENT_DAYS of the statement: news soon after it
RECENT_DAYS = 90
TIME_SLACK = timedelta(days=3)
PER_SHARED_WORD = 0.6  # per word of full weight (see `_rarity`)
MAX_WORD_WEIGHT = 10.0
MIN_WORD_WEIGHT = 1.0
RARITY_POOL = 50


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
    phrase: str = ""  # the words that made it progress; they say nothing about which pledge
    needs_match: bool = False  # progress only when a tracked pledge is about it

    @property
    def is_progress_alone(self) -> bool:
        """Progress whatever the tracked pledges; a restatement or a signing is progress only
        when one of them is about it, otherwise it is a new pledge being made."""
        return self.kind != "restated" and not self.needs_match


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

    @property
    def suggests(self) -> str:
        """The status suggested for this pledge: news of the whole of something is a part of
        the pledge when it is a part of its sum or of the things it counts ("3 jets" of 36)."""
        whole = self.statement.suggests
        if whole == "fulfilled" and PARTS & set(self.reasons):
            return "partially_fulfilled"
        return whole


def statements_of(
    progress: Sequence[ProgressStatement],
    candidates: Sequence[Candidate],
    *,
    published_on: date,
) -> list[Statement]:
    """The article's statements to match: progress first, then proposals not inside one. A
    statement the progress model proposed yields to a proposal on the same sentence: the cues
    read a pledge more surely than the model reads news of one."""
    proposed = [(c.start, c.end) for c in candidates]
    progress = [
        p
        for p in progress
        if not (p.learned and any(p.start < end and start < p.end for start, end in proposed))
    ]
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
            phrase=p.phrase,
            needs_match=p.needs_match,
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
    """The tracked pledges each statement may be about, best first, at most two each.

    A pair is suggested when its score reaches `MATCH_THRESHOLD`, or `SUPPORTED_THRESHOLD`
    when other statements of the article point at the same pledge: a follow-up is usually
    about one pledge, told several ways, while an unrelated article's weak pairs are
    scattered over many."""
    terms = sorted(set().union(*(_search_terms(s) for s in statements))) if statements else []
    # The article's most named parties, and the groups they pay a share for: a party named
    # once in passing would fetch its pledges for nothing.
    times = Counter(name for s in statements for name in s.parties)
    named = {name for name, _n in times.most_common(MAIN_PARTIES)}
    named |= {group for name in named for group in groups_of(name)}
    if not terms and len(named) < 2:
        return []
    pledges = _search(terms, sorted(named))
    links = _party_links([p.pk for p in pledges])
    rejected = (
        set(
            MatchRejection.objects.filter(sha256=sha256).values_list(
                "commitment_id", "quote_start", "quote_end"
            )
        )
        if sha256
        else set()
    )
    # Statements naming the same parties could be about the same pledges: their words are
    # weighed once.
    found = _rarity(pledges)
    rarities: dict[tuple[int, ...], dict[str, float]] = {}
    rarity_of: list[dict[str, float]] = []
    for statement in statements:
        about = tuple(p.pk for p in pledges if _sharing(statement, links[p.pk]) is not None)
        if about not in rarities:
            among = set(about)
            rarities[about] = _rarity([p for p in pledges if p.pk in among], found=len(pledges))
        rarity_of.append(rarities[about])
    scored_by_statement: list[list[Match]] = []
    for statement, rarity in zip(statements, rarity_of, strict=True):
        scored = []
        for pledge in pledges:
            if (pledge.pk, statement.start, statement.end) in rejected:
                continue
            if exclude_source_sha and sha256 and pledge.source.sha256 == sha256:
                continue  # the article's own pledges are not news about themselves
            match = score(statement, pledge, rarity=rarity, rarity_found=found, links=links)
            if match is not None and match.score >= SUPPORTED_THRESHOLD:
                scored.append(match)
        scored.sort(key=lambda m: (-m.score, m.commitment.pk))
        scored_by_statement.append(scored)
    # How many statements point at each pledge with a clear pair of their own, and the
    # article's main pledge: the one most of them point at, or one pointed at strongly.
    support: Counter[int] = Counter()
    best_of: dict[int, Match] = {}
    for scored in scored_by_statement:
        for pk in {m.commitment.pk for m in scored if m.score >= MATCH_THRESHOLD}:
            support[pk] += 1
        for m in scored:
            if m.commitment.pk not in best_of or m.score > best_of[m.commitment.pk].score:
                best_of[m.commitment.pk] = m
    main = max(
        (best_of[pk] for pk in support),
        key=lambda m: (support[m.commitment.pk], m.score, -m.commitment.pk),
        default=None,
    )
    if main is not None and support[main.commitment.pk] < 2 and main.score < STRONG_MATCH:
        main = None
    matches: list[Match] = []
    for statement, scored, rarity in zip(statements, scored_by_statement, rarity_of, strict=True):
        kept = [
            m
            for m in scored
            if (m.score >= MATCH_THRESHOLD or support[m.commitment.pk])
            and (RARE_AMONG_PARTIES not in m.reasons or support[m.commitment.pk] >= 2)
        ]
        if statement.kind == "restated":
            # A proposal is a new pledge unless it is close to a tracked one: "the same pledge
            # reported again" needs more than a progress statement does.
            kept = [m for m in kept if m.score >= RESTATED_THRESHOLD]
        kept.sort(key=lambda m: (-m.score, -support[m.commitment.pk], m.commitment.pk))
        if not kept and main is not None and statement.kind != "restated":
            # "The birds have landed safely": news of the article's main pledge, in words of
            # its own, from the same parties.
            told = score(statement, main.commitment, rarity=rarity, links=links, need_words=False)
            if told is not None and told.score >= PARTY_ONLY_THRESHOLD:
                reasons = (*told.reasons, "the article's main pledge")
                kept = [Match(statement, main.commitment, told.score, reasons)]
        if not kept:
            continue
        best = kept[0].score
        # A second pledge only when it is nearly as good: otherwise the first stands alone.
        second = [m for m in kept[1:SUGGESTIONS_PER_STATEMENT] if best - m.score <= MARGIN]
        matches.extend([kept[0], *second])
    return matches


def score(
    statement: Statement,
    pledge: Commitment,
    *,
    rarity: dict[str, float] | None = None,
    rarity_found: dict[str, float] | None = None,
    links: dict[int, list[Link]] | None = None,
    need_words: bool = True,
) -> Match | None:
    """The pair's score and its reasons; None when the pair cannot be right. `rarity` weighs
    the words among the pledges sharing the statement's parties, `rarity_found` among all
    the pledges found (the same when not given)."""
    made = pledge.source.published_on
    if made > statement.reported_on:
        return None  # a follow-up is later than the pledge
    told = _told_of(statement.quote, statement.reported_on)
    if told is not None and told[1] + TIME_SLACK < made:
        return None  # "was inked in 2009": what it tells happened before the pledge
    if statement.kind == "restated" and _another(statement.quote):
        return None  # "another Patriot system" is a new pledge, not this one again
    pledge_links = links[pledge.pk] if links is not None else _party_links([pledge.pk])[pledge.pk]
    pledge_parties = {link.name for link in pledge_links}
    sharing = _sharing(statement, pledge_links)
    if sharing is None:
        return None  # other parties' news
    named, shared, through = sharing
    said, pledged = _instruments(statement.quote), _instruments(f"{pledge.title} {pledge.quote}")
    if said and pledged and not said & pledged:
        return None  # a grant is not the loan, however alike their parties and sums
    counts = _same_things_counted(statement, f"{pledge.title} {pledge.quote}")
    if counts == "another":
        return None  # "a deal for 26 jets" is another deal than the one for 36
    reasons = []
    total = PER_SHARED_PARTY * len(shared) + PER_MEMBER_SHARE * len(through)
    if not shared and not through:
        reasons.append("no party named")
    elif len(shared) >= 2 or shared == pledge_parties:
        reasons.append("same parties")
    elif shared:
        reasons.append(f"same {', '.join(sorted(shared))}")
    reasons += [f"{member} for the {group}" for group, member in sorted(through.items())]
    if shared | set(through) == pledge_parties:
        total += ALL_PARTIES
    same_currency = statement.currency == pledge.currency
    # "$20 billion ..., as part of a $50 billion G7 package": the pledge's sum named beside.
    total_named = pledge.amount is not None and any(
        currency == pledge.currency and _same_sum(value, pledge.amount)
        for value, currency in _sums(statement.quote)
    )
    if statement.amount_value is not None and pledge.amount is not None and same_currency:
        ratio = statement.amount_value / pledge.amount if pledge.amount else Decimal(0)
        if _same_sum(statement.amount_value, pledge.amount):
            total += SAME_AMOUNT
            reasons.append("same amount")
        elif 0 < ratio < 1:
            total += PART_OF_AMOUNT
            reasons.append("part of the amount")
            if total_named:
                total += SAME_AMOUNT
                reasons.append("its total named")
        else:
            total += OTHER_AMOUNT
            reasons.append("another amount")
    elif total_named:
        total += SAME_AMOUNT
        reasons.append("same amount")
    if counts == "same":
        total += SAME_COUNT
        reasons.append("same number")
    elif counts == "fewer":
        reasons.append("part of the number")
    if told is not None and told[0] - TIME_SLACK <= made <= told[1] + TIME_SLACK:
        total += SAME_TIME
        reasons.append("made when it says")
    days = (statement.reported_on - made).days
    if days <= RECENT_DAYS:
        total += RECENT
        reasons.append(f"pledged {days} days before")
    act = _same_act(statement.phrase, f"{pledge.title} {pledge.quote}")
    if act:
        total += SAME_ACT
        reasons.append(f"the {act} it promised")
    aliases = {alias for link in pledge_links for alias in link.aliases}
    party_names = pledge_parties | named | aliases
    # Parties, the words of progress, and the kind of money are weighed on their own.
    not_telling = (
        _stems(" ".join(sorted(party_names))) | _stems(statement.phrase) | _INSTRUMENT_STEMS
    )
    shared_words = (_stems(statement.quote) & _stems(f"{pledge.title} {pledge.quote}")) - (
        not_telling
    )
    weight = sum((rarity or {}).get(w, 1.0) for w in shared_words)
    total += PER_SHARED_WORD * min(weight, MAX_WORD_WEIGHT)
    n = len(shared_words)
    reasons.append(f"{n} shared word{'s' if n != 1 else ''}")
    # Parties alone say nothing about which pledge; nor does a signing or a part of the sum,
    # unless it is of the kind of money the pledge promised ("the loan agreement will be
    # signed", "a $20 billion loan" of "$50 billion in loans").
    telling_besides_words = bool(
        {"same amount", "same number", "its total named"} & set(reasons)
        or (act and said & pledged)
        or ("part of the amount" in reasons and said & pledged)
    )
    if need_words and not telling_besides_words:
        if weight < MIN_WORD_WEIGHT:
            return None
        weight_found = sum((rarity_found or rarity or {}).get(w, 1.0) for w in shared_words)
        if weight_found < MIN_WORD_WEIGHT:
            reasons.append(RARE_AMONG_PARTIES)
    beneficiaries = {link.name for link in pledge_links if link.role == PartyRole.COUNTERPARTY}
    if beneficiaries and not beneficiaries & (named | set(through)) and named - pledge_parties:
        total += OTHER_BENEFICIARY
        reasons.append("another beneficiary named")
    return Match(statement, pledge, round(total, 1), tuple(reasons))


class Link(NamedTuple):
    """A party linked to a pledge, as matching reads it."""

    role: str
    name: str
    aliases: list[str]


class Sharing(NamedTuple):
    """The parties of a pair: those the statement names, those it shares with the pledge, and
    the groups of the pledge a named member stands for (group -> member)."""

    named: set[str]
    shared: set[str]
    through: dict[str, str]


def _sharing(statement: Statement, pledge_links: list[Link]) -> Sharing | None:
    """The parties a statement shares with a pledge; None when it names only others."""
    pledge_parties = {link.name for link in pledge_links}
    # The statement's parties, and the pledge's parties its sentence names ("Germany will
    # supply Ukraine with ..., after an agreement with the United States" names Ukraine too).
    named = set(statement.parties) | {
        link.name for link in pledge_links if _names(statement.quote, link.name, *link.aliases)
    }
    shared = pledge_parties & named
    # A member paying its share of a group's pledge ("the EU disbursed its tranche of the G7
    # loans") reports on the group's pledge.
    through = {
        group: member
        for member in named
        for group in groups_of(member)
        if group in pledge_parties and group not in shared
    }
    if named and not shared and not through:
        return None
    return Sharing(named, shared, through)


def _party_links(ids: list[int]) -> dict[int, list[Link]]:
    """The parties linked to each pledge, pledgers and counterparties: one query."""
    links: dict[int, list[Link]] = {pk: [] for pk in ids}
    rows = PledgeParty.objects.filter(commitment_id__in=ids).values_list(
        "commitment_id", "role", "party__name", "party__aliases"
    )
    for commitment_id, role, name, aliases in rows:
        links[commitment_id].append(Link(role, name, aliases or []))
    return links


def _rarity(pledges: Sequence[Commitment], *, found: int = 0) -> dict[str, float]:
    """Each word's weight among the pledges a statement could be about (those sharing its
    parties): 1 for a word one of them uses, less for words many share ("loan",
    "agreement"), so a pair is told apart by what is particular. A word other parties'
    pledges use too still tells this party's pledges apart ("bridge" among Nigeria's pledges,
    whatever India's say); the weights keep the scale of all `found` pledges."""
    counts: Counter[str] = Counter()
    for pledge in pledges:
        counts.update(_stems(f"{pledge.title} {pledge.quote}"))
    # Counted as if at least RARITY_POOL pledges were found, so that a word two pledges of a
    # short list share is not taken for a common one.
    pool = max(len(pledges), found, RARITY_POOL)
    top = math.log(1 + pool)
    return {w: math.log(1 + pool / n) / top for w, n in counts.items()}


# -- the index ---------------------------------------------------------------------------

_TERM = re.compile(r"^[a-z0-9]+$")
# The stored vector of title and quote the migration adds on PostgreSQL, with its GIN index.
_STORED_VECTOR = RawSQL(
    "commitments_commitment.search_vector", [], output_field=SearchVectorField()
)


def _search(terms: list[str], parties: list[str]) -> list[Commitment]:
    """The best-ranked pledges sharing words with the article, and the newest linked to two of
    its parties: the index's ids, the links' ids, then those pledges with what the review shows
    of them (not their sources' whole text)."""
    ids = _ids_by_words(terms) if terms else []
    if len(parties) >= 2:
        ids += list(
            PledgeParty.objects.filter(party__name__in=parties)
            .values("commitment_id")
            .annotate(shared=Count("party_id", distinct=True))
            .filter(shared__gte=2)
            .order_by("-shared", "-commitment_id")
            .values_list("commitment_id", flat=True)[:PARTY_LIMIT]
        )
    if not ids:
        return []
    return list(
        Commitment.objects.filter(pk__in=set(ids))
        .select_related("owner", "source")
        .defer("source__body")
        .order_by("pk")
    )


def _ids_by_words(terms: list[str]) -> list[int]:
    ids: list[int]
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
    return ids


def _search_terms(statement: Statement) -> set[str]:
    """The statement's most telling words: acronyms ("ERA", "ISA") first, then the names of
    things ("Lagos", "Ibadan", "Rafale"), then the longest standing in for the rarest; common
    words would fetch (and rank) thousands of pledges for nothing."""
    acronyms = {a.lower() for a in _ACRONYM.findall(statement.quote)}
    names = {m.group(0).lower() for m in _NAME.finditer(statement.quote) if m.start() > 0}
    terms = _terms(statement)
    return set(
        sorted(terms, key=lambda w: (w not in acronyms, w not in names, -len(w), w))[:SEARCH_TERMS]
    )


def _terms(statement: Statement) -> set[str]:
    # The statement's own words: parties are weighed when scoring, and as search terms they
    # would fetch every pledge of a country rather than those about the same thing.
    # Nor are the words every report uses, or those that made it progress ("started").
    party_words = set().union(*(content_words(p) for p in statement.parties))
    not_telling = party_words | _GENERIC | content_words(statement.phrase)
    return {w for w in content_words(statement.quote) - not_telling if _TERM.match(w)}


def _parties(label: str) -> set[str]:
    """ "India and France", "Kenya, Uganda and Tanzania" name each party."""
    parts = re.split(r"\s*(?:,|\band\b|&)\s*", label or "")
    return {p.strip() for p in parts if p.strip() and p.strip() != "Unknown"}


_GENERIC = frozenset(GENERIC_WORDS)


def _stems_plain(text: str) -> set[str]:
    # A crude stem is enough to see "disbursed" and "disbursement" as one word.
    return {w[:6] for w in content_words(text) if w.isalpha() and len(w) > 3 and w not in _GENERIC}


_ACRONYM = re.compile(r"\b[A-Z]{3,6}\b")
_NAME = re.compile(r"(?<![.!?:\"“‘]\s)\b[A-Z][a-z]{2,}\b")  # a capital inside a sentence
_ANOTHER = re.compile(
    r"\b(?:" + "|".join(map(re.escape, ANOTHER_WORDS)) + r")\b(?!\s+than\b)", re.I
)
_INSTRUMENT_FORMS = sorted(
    ((form, kind) for kind, forms in INSTRUMENTS.items() for form in forms),
    key=lambda pair: -len(pair[0]),
)
_INSTRUMENT = re.compile(
    r"\b(?:" + "|".join(re.escape(f) for f, _ in _INSTRUMENT_FORMS) + r")\b", re.I
)
_INSTRUMENT_KIND = dict(_INSTRUMENT_FORMS)


_INSTRUMENT_STEMS = frozenset().union(*(_stems_plain(f) for f, _ in _INSTRUMENT_FORMS))
# A number and the plural noun it counts, two words apart at most; not a sum ("$20 billion
# loans", "Rs 64,000 crore") and not a year.
_COUNTED = re.compile(
    r"(?<![$€£¥₹.,\d])\b(?!(?:19|20)\d\d\b)(\d{1,5})\s+(?!(?:million|billion|bn|thousand|crore"
    r"|lakh|trillion|per|percent)\b)(?:[A-Za-z-]+\s+){0,2}?([a-z]{3,}s)\b"
)
_PLEDGED_ACTS = {
    act: re.compile(r"\b(?:" + "|".join(re.escape(v) for v in verbs) + r")", re.I)
    for act, (verbs, _done) in ACTS.items()
}
_DONE_ACTS = {
    act: re.compile(r"\b(?:" + "|".join(re.escape(v) for v in done) + r")", re.I)
    for act, (_verbs, done) in ACTS.items()
}


def _same_things_counted(statement: Statement, pledged: str) -> str:
    """ "same" when the statement counts the thing the pledge counts with the same number,
    "another" when a whole deal or a restatement gives another number ("26 jets" for "36
    jets"), "fewer" when news of progress counts fewer of them ("three more jets" of 36), and
    "" when they count nothing in common."""
    said, promised = _counted(statement.quote), _counted(pledged)
    common = said.keys() & promised.keys()
    if not common:
        return ""
    if any(said[thing] == promised[thing] for thing in common):
        return "same"
    # Only a whole deal tells its number; a sentence reporting progress counts many things
    # ("of the bloc's 55 member states only 13 ...").
    if statement.kind == "restated" or statement.needs_match:
        return "another"
    if all(said[thing] < promised[thing] for thing in common):
        return "fewer"
    return ""


def _same_sum(a: Decimal, b: Decimal) -> bool:
    return b != 0 and abs(a / b - 1) <= Decimal("0.02")


def _same_act(phrase: str, pledged: str) -> str:
    for act, done in _DONE_ACTS.items():
        if done.search(phrase) and _PLEDGED_ACTS[act].search(pledged):
            return act
    return ""


# Read once per text: each pledge's words are compared with every statement of the article.
@lru_cache(maxsize=4096)
def _told_of(text: str, reported_on: date) -> tuple[date, date] | None:
    """The past period a statement tells of ("in January", "in 2009"), if it names one."""
    for phrase in find_time_phrases(text, reported_on, future=False):
        if not phrase.relative and phrase.last < reported_on and phrase.prep != "since":
            return phrase.first, phrase.last
    return None


def _names(text: str, *names: str) -> bool:
    return any(_names_one(text, name) for name in names if name)


@lru_cache(maxsize=65536)
def _names_one(text: str, name: str) -> bool:
    return name in text and re.search(rf"\b{re.escape(name)}\b", text) is not None


@lru_cache(maxsize=4096)
def _sums(text: str) -> tuple[tuple[Decimal, str], ...]:
    return tuple((m.amount.value, m.amount.currency) for m in find_amounts(text))


@lru_cache(maxsize=4096)
def _counted(text: str) -> dict[str, int]:
    """The things a text counts: "36 Rafale fighter jets" -> {"jets": 36}."""
    return {m.group(2): int(m.group(1)) for m in _COUNTED.finditer(text)}


@lru_cache(maxsize=4096)
def _another(text: str) -> bool:
    return _ANOTHER.search(text) is not None


@lru_cache(maxsize=4096)
def _instruments(text: str) -> frozenset[str]:
    """The kinds of money a text names: grant, loan, line of credit..."""
    return frozenset(_INSTRUMENT_KIND[m.group(0).lower()] for m in _INSTRUMENT.finditer(text))


@lru_cache(maxsize=4096)
def _stems(text: str) -> frozenset[str]:
    words = _stems_plain(text)
    # Acronyms are the most telling words of all ("ERA", "ISA"), however short.
    return frozenset(words | {a.lower() for a in _ACRONYM.findall(text)})
