"""Funding lists written without list marks: sums run together after a lead-in.

Releases often paste a table as prose: "This breaks down as follows:£400 million for
infrastructure (...).£200 million for health (...)." or "Pledges were as follows: $667 million
from the United States $50 million from Japan NOK 240 million from Norway". Each sum that opens
a segment is one pledge; "<sum> from <party>" names its giver.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import regex

from .actors import ArticleContext, Resolution
from .amounts import MoneyMention, find_amounts, in_pledgers_dollar
from .candidate import Candidate
from .dates import find_due_date
from .restatements import Draft, content_words
from .titles import make_title
from .topics import topic_for

__all__ = ["run_together_items"]


@dataclass(frozen=True)
class _Segment:
    start: int
    end: int
    money: MoneyMention


def run_together_items(
    text: str,
    ctx: ArticleContext,
    published_on: date,
    giver: Callable[[int], Resolution | None],
    partner: Callable[[int], str] = lambda _position: "",
) -> list[Draft]:
    """A draft per sum in every run of two or more sums that follows a lead-in ending in a
    colon. `giver(position)` is who pledged last before `position`, for items that do not
    name their giver; `partner(position)` the other side of that pledge, for items that name
    none."""
    drafts: list[Draft] = []
    for lead in _LEAD_IN.finditer(text):
        body_start = lead.end()
        body_end = _paragraph_end(text, body_start)
        segments = _segments(text, body_start, body_end)
        if len(segments) < 2:
            continue
        # The lead-in and the paragraph before it say what the sums are for.
        context_start = text.rfind("\n\n", 0, max(0, text.rfind("\n\n", 0, lead.start())))
        context = text[max(0, context_start) : body_end]
        # A list that writes other currencies by their codes ("AUD 60 million", "NOK 240
        # million") keeps its bare "$" in US dollars, whoever gives.
        coded = any(_CODE.match(s.money.text) for s in segments)
        for segment in segments:
            drafts.append(_draft(text, ctx, segment, published_on, giver, partner, context, coded))
    return drafts


# "... as follows:", "Pledges from sovereign contributors were as follows:", "broken down:".
_LEAD_IN = regex.compile(
    r"\b(?:as\s+follows|the\s+following|breaks?\s+down|broken\s+down|includes?)\s*:\s*",
    regex.IGNORECASE,
)
# What may end one segment before the next sum: a bracket, a full stop, a semicolon, a space.
_BETWEEN = regex.compile(r"[\s).;,]*(?:and\s+)?$")
_CODE = regex.compile(r"[A-Z]{3}\b")
_FROM_PARTY = regex.compile(r"\s+from\s+(?:the\s+)?")


def _paragraph_end(text: str, start: int) -> int:
    # The items run on to the end of the paragraph after the lead-in's own one.
    first = text.find("\n\n", start)
    if first == start or (first != -1 and not text[start:first].strip()):
        first = text.find("\n\n", first + 2)
    return len(text) if first == -1 else first


def _segments(text: str, start: int, end: int) -> list[_Segment]:
    body = text[start:end]
    opening = [
        m
        for m in find_amounts(body)
        if not _inside_brackets(body, m.start) and _BETWEEN.search(body, 0, m.start)
    ]
    if not opening or body[: opening[0].start].strip():
        return []  # the run must open on a sum: "£400 million for ..."
    segments = []
    for i, money in enumerate(opening):
        seg_end = opening[i + 1].start if i + 1 < len(opening) else len(body)
        piece = body[money.start : seg_end].rstrip(" \n.;,")
        shifted = MoneyMention(money.amount, money.text, start + money.start, start + money.end)
        segments.append(_Segment(start + money.start, start + money.start + len(piece), shifted))
    return segments


def _inside_brackets(body: str, position: int) -> bool:
    return body.count("(", 0, position) > body.count(")", 0, position)


def _draft(
    text: str,
    ctx: ArticleContext,
    segment: _Segment,
    published_on: date,
    giver: Callable[[int], Resolution | None],
    partner: Callable[[int], str],
    context: str,
    coded: bool,
) -> Draft:
    quote = text[segment.start : segment.end]
    after_sum = segment.money.end
    resolution: Resolution | None = None
    named = _FROM_PARTY.match(text, after_sum)
    if named:
        end = ctx.first_party_end(named.end(), min(segment.end, named.end() + 60))
        if end is not None:
            resolution = ctx.resolve(named.end(), end)
    if resolution is None:
        resolution = giver(segment.start) or Resolution((), how="unresolved")
    due = find_due_date(quote, published_on)
    amount = (
        segment.money.amount
        if coded
        else in_pledgers_dollar(
            segment.money, [p.name for p in resolution.parties], list(ctx.counts)
        )
    )
    counterparty = "" if named else ctx.counterparty(resolution, after_sum, segment.end)
    if not counterparty and not named:
        counterparty = partner(segment.start)
        if counterparty == resolution.actor:
            counterparty = ""
    topic = topic_for(quote, context=context)
    candidate = Candidate(
        title=make_title(quote),
        quote=quote,
        start=segment.start,
        end=segment.end,
        actor=resolution.actor,
        counterparty=counterparty,
        topic=topic if topic != "other" else "finance",
        amount=amount,
        due_date=due.when if due else None,
        due_text=due.text if due else "",
        confidence=0.7,
        cue="funding item",
        unresolved=("actor",) if resolution.how == "unresolved" else (),
    )
    return Draft(candidate, resolution, content_words(quote), 0.8)
