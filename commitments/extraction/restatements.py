"""Restatements of one pledge within an article, merged into the clearest telling of it.

News copy often states a pledge in the lead and again further down, or in a quote; the
analyst wants it once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import regex

from .actors import Resolution
from .candidate import Candidate
from .lexicon import alternation, words
from .vocabulary.nouns import VEHICLES

__all__ = ["Draft", "content_words", "merge_restatements"]


@dataclass(frozen=True)
class Draft:
    """A candidate with what the merge compares it by."""

    candidate: Candidate
    resolution: Resolution
    words: frozenset[str]
    clarity: float


_STOPWORDS = words(
    """
    the a an and or of to for in on at by with from into over under between its their his her
    this that these those will would shall also new further as be is are was were has have had
    it they them which who said says sources source official officials plans plan confirm
    """
)


def content_words(text: str) -> frozenset[str]:
    tokens = regex.findall(r"[\p{L}\d£$€¥₹]+", text.lower())
    return frozenset(t for t in tokens if len(t) > 2 and t not in _STOPWORDS)


# "Under the plan, the agency will ...": the details of the pledge the sentence before states.
_DETAILS_OF = regex.compile(
    r"^\W*(?:Under|As\s+part\s+of|Through)\s+(?:the|this)\s+(?:new\s+)?(?:plan|deal|agreement"
    r"|programme|program|scheme|package|initiative|arrangement|pledge|commitment)\b",
    regex.IGNORECASE,
)


def merge_restatements(drafts: list[Draft], text: str) -> list[Draft]:
    kept: list[Draft] = []
    for draft in drafts:
        # "Through this agreement, SFD will ...", "The project will provide ...": the pledge
        # that brought the agreement or project in, told again. It merges into that pledge.
        origin = _introducing(kept, draft)
        twin = origin or next(
            (k for k in kept if _same_pledge(k, draft) and not _one_sentence(k, draft, text)),
            None,
        )
        if (
            twin is None
            and kept
            and (_overlapping(kept[-1], draft) or _quoted_restatement(kept[-1], draft, text))
        ):
            twin = kept[-1]
        if twin is None and kept and _details_of(kept[-1], draft):
            twin = kept[-1]
        if twin is None:
            kept.append(draft)
            continue
        better, other = (draft, twin) if draft.clarity > twin.clarity else (twin, draft)
        if origin is not None:
            better, other = twin, draft
        cand = better.candidate
        if cand.amount is None and other.candidate.amount is not None:
            cand = replace(cand, amount=other.candidate.amount)
        if cand.due_date is None and other.candidate.due_date is not None:
            cand = replace(
                cand, due_date=other.candidate.due_date, due_text=other.candidate.due_text
            )
        kept[kept.index(twin)] = replace(better, candidate=cand)
    return kept


_VEHICLE_ALT = alternation(VEHICLES)
# A pledge told again through the thing it created: "Through this agreement, SFD will ...",
# "This funding will ...", "These loans will ...".
_POINTS_BACK = regex.compile(
    rf"^\W*(?:(?:Through|With|By|Under)\s+)?(?:this|these|that|those)\s+(?:[\w-]+\s+){{0,2}}?"
    rf"(?P<thing>{_VEHICLE_ALT})s?\b(?=[^.;:]{{0,80}}?\b(?:will|would|shall)\b)",
    regex.IGNORECASE,
)


def _introducing(kept: list[Draft], draft: Draft) -> Draft | None:
    """The pledge that brought in the thing a draft points back to ("this agreement"): the
    last one by the same party whose words name that thing, with no other sum."""
    pointer = _POINTS_BACK.match(draft.candidate.quote)
    if pointer is None:
        return None
    thing = regex.compile(rf"\b{regex.escape(pointer.group('thing'))}", regex.IGNORECASE)
    for earlier in reversed(kept):
        if earlier.candidate.actor != draft.candidate.actor or _POINTS_BACK.match(
            earlier.candidate.quote
        ):
            continue
        if not thing.search(earlier.candidate.quote):
            continue
        a_sum, b_sum = earlier.candidate.amount, draft.candidate.amount
        return earlier if b_sum is None or a_sum == b_sum else None
    return None


_ADDED = regex.compile(r"\b(?:also|another|further|additional|similar)\b", regex.IGNORECASE)


def _one_sentence(a: Draft, b: Draft, text: str) -> bool:
    # "$1 million to the WFP and $1 million to the Red Cross": two sums in one sentence are
    # two pledges; a pledge is restated in another sentence, not in the same one.
    first, second = sorted((a.candidate, b.candidate), key=lambda c: c.start)
    if second.start < first.end:
        return False
    return (
        not _SENTENCE_END.search(text, max(0, first.end - 1), second.start)
        and "\n" not in text[first.end : second.start]
    )


def _overlapping(before: Draft, after: Draft) -> bool:
    # Two readings of one stretch of text are one pledge.
    return after.candidate.start < before.candidate.end


def _quoted_restatement(before: Draft, after: Draft, text: str) -> bool:
    """ "Japan will provide $5 million for schools." then "“We will spend $5 million on
    classrooms,” Mr Tanaka said.": the next pledge found, in a direct quote nearby, with the
    same sum. The speaker in the quote is often named only by title or surname, so the actors
    may differ; the statement told first says who pledges."""
    a_sum, b_sum = before.candidate.amount, after.candidate.amount
    if a_sum is None or a_sum != b_sum:
        return False
    gap = text[before.candidate.end : after.candidate.start]
    # The first quote may keep its full stop: count it with the gap.
    ends = len(_SENTENCE_END.findall(text, max(0, before.candidate.end - 1), after.candidate.start))
    ends += gap.count("\n")
    if len(gap) > _NEARBY or not 1 <= ends <= 2:
        return False  # the next sentence or the one after; within one sentence, two sums
    return any(_in_direct_quote(d.candidate, text) for d in (before, after))


def _in_direct_quote(candidate: Candidate, text: str) -> bool:
    line_start = text.rfind("\n", 0, candidate.start) + 1
    opened = text[line_start : candidate.start]
    return len(_OPENING_MARK.findall(opened)) > len(_CLOSING_MARK.findall(opened))


_NEARBY = 400
_SENTENCE_END = regex.compile(r"[.!?][”\"’']?\s")
_OPENING_MARK = regex.compile(r"“|(?:^|(?<=\s))\"")
_CLOSING_MARK = regex.compile(r"”|\"(?=[\s,.;:]|$)")


def _details_of(before: Draft, after: Draft) -> bool:
    # Only the next pledge found, by the same party, with no sum of its own that differs.
    a_cand, b_cand = before.candidate, after.candidate
    if a_cand.actor != b_cand.actor or not _DETAILS_OF.match(b_cand.quote):
        return False
    return a_cand.amount is None or b_cand.amount is None or a_cand.amount == b_cand.amount


def _one_partner(a: str, b: str) -> bool:
    """ "Kenya" and "Kenya Red Cross", "Fiji" and "Fiji": one other side, named more or less
    fully."""
    return (
        a == b
        or any(part in b for part in a.split(" and "))
        or any(part in a for part in b.split(" and "))
    )


def _same_pledge(a: Draft, b: Draft) -> bool:
    if a.candidate.actor != b.candidate.actor:
        return False
    if a.candidate.cue == b.candidate.cue == "funding item":
        return False  # two items of one funding list are two pledges, even with equal sums
    a_cand, b_cand = a.candidate, b.candidate
    # "£850,000" and "KES 140 million" may be one sum told in two currencies: the wording
    # decides. In one currency, one sum restated or two different sums.
    a_sum, b_sum = a_cand.amount, b_cand.amount
    partners = a_cand.counterparty and b_cand.counterparty
    if partners and a_cand.counterparty != b_cand.counterparty and _ADDED.search(b_cand.quote):
        return False  # "... and will also provide $5 million to Uganda": a second pledge
    if a_sum is not None and b_sum is not None and a_sum.currency == b_sum.currency:
        if partners and not _one_partner(a_cand.counterparty, b_cand.counterparty):
            # "$1 million for NGOs in Africa" then "$1 million to the Red Cross for Yemen": the
            # same sum given to two others is two pledges.
            return False
        return a_sum == b_sum
    if _named_things(a_cand.quote) & _named_things(b_cand.quote):
        # "has set up a new Strategic International Development Fund" and "is establishing
        # a new Strategic International Development Fund": one thing by its name, one pledge.
        return True
    if a_cand.counterparty and b_cand.counterparty and a_cand.counterparty != b_cand.counterparty:
        return False  # the same offer to two partners is two pledges
    if not a.words or not b.words:
        return False
    if _one_sum_for_one_vehicle(a, b):
        return True
    shared = len(a.words & b.words)
    overlap = shared / len(a.words | b.words)
    # A restatement often adds a word or two ("railway tracks" for "tracks"): the shorter
    # wording almost wholly inside the longer one counts too.
    contained = shared / min(len(a.words), len(b.words)) if shared >= 4 else 0
    return (overlap >= 0.5 or contained >= 0.8) and a.candidate.topic == b.candidate.topic


_MONEY_VEHICLES = frozenset(
    v for v in VEHICLES if v in {"aid", "assistance", "loan", "grant", "funding", "financing"}
) | {"oda", "loans", "grants"}


def _one_sum_for_one_vehicle(a: Draft, b: Draft) -> bool:
    """ "Yoon unveiled plans to provide $23 million to Myanmar in humanitarian aid" and
    "South Korea plans to increase its humanitarian aid to Myanmar fourfold": one party's
    aid (or loan, ODA) to one partner, told with its sum and again without one."""
    a_cand, b_cand = a.candidate, b.candidate
    if (a_cand.amount is None) == (b_cand.amount is None):
        return False
    if not a_cand.counterparty or a_cand.counterparty != b_cand.counterparty:
        return False
    return a_cand.topic == b_cand.topic and bool(a.words & b.words & _MONEY_VEHICLES)


_VEHICLE_NAME = regex.compile(
    rf"\b(?:[A-Z][\w’'-]+\s+){{2,6}}(?:{alternation(v.title() for v in VEHICLES if v.islower())})\b"
)


def _named_things(quote: str) -> set[str]:
    """The proper names of funds, programmes and facilities a quote mentions."""
    return {" ".join(m.group(0).split()) for m in _VEHICLE_NAME.finditer(quote)}
