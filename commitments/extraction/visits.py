"""A dated trip in the article, and the acts done on it.

"UK Foreign Secretary Liz Truss will be in India on Thursday ... During her trip, Truss will
hold talks": talks, signings and announcements made on a visit fall due on its date, while
the funding or programme they concern has no date unless one is stated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import regex

from .actors import ArticleContext, Resolution
from .dates import find_due_date
from .lexicon import words
from .sentences import Span

__all__ = ["Visit", "find_visit", "visit_due"]


@dataclass(frozen=True)
class Visit:
    """A dated trip or summit the article announces; acts done on it fall due on its date."""

    when: date
    text: str
    resolution: Resolution | None


# Acts that happen at the meeting itself, unlike the funding or the programme they concern.
_EVENT_ACTS = words(
    "hold meet sign announce unveil launch inaugurate open host visit attend address"
)
_TRIP = regex.compile(
    r"\b(?:during|on|at|while\s+on)\s+(?:her|his|their|the|this|its)\s+(?:\w+\s+)?"
    r"(?:trip|visit|tour|stay|summit|talks|meeting)\b",
    regex.IGNORECASE,
)


def visit_due(
    text: str, sentence: Span, predicate: str, resolution: Resolution, visit: Visit
) -> tuple[date | None, str]:
    tokens = regex.findall(r"[a-z-]+", predicate.lower())
    tokens = [t for t in tokens if t not in {"also", "then", "further", "jointly", "formally"}]
    if not tokens or tokens[0] not in _EVENT_ACTS:
        return None, ""
    sentence_text = text[sentence.start : sentence.end]
    trip = _TRIP.search(sentence_text)
    same_party = visit.resolution is not None and bool(
        set(visit.resolution.parties) & set(resolution.parties)
    )
    if trip:
        return visit.when, trip.group(0)
    if same_party:
        return visit.when, visit.text
    return None, ""


_VISIT = regex.compile(
    r"\b(?:will\s+(?:be\s+in|be\s+visiting|visit|travel\s+to|arrive\s+in|fly\s+to|head\s+to"
    r"|tour)|(?:is|are)\s+(?:visiting|due\s+in|due\s+to\s+visit|travelling\s+to"
    r"|traveling\s+to|heading\s+to|arriving\s+in|set\s+to\s+visit|to\s+visit)|arrives\s+in"
    r"|begins\s+(?:a|an|her|his)\s+(?:[\w-]+\s+)?visit\s+to)\b",
    regex.IGNORECASE,
)


def find_visit(
    text: str, sentences: list[Span], ctx: ArticleContext, published_on: date
) -> Visit | None:
    for sentence in sentences[:6]:
        sentence_text = text[sentence.start : sentence.end]
        match = _VISIT.search(sentence_text)
        if not match:
            continue
        due = find_due_date(sentence_text[match.end() :], published_on)
        if due is None or (due.when - published_on).days > 60:
            continue  # a trip is days or weeks away; "by 2026" is a deadline, not a visit
        resolution = ctx.resolve(
            sentence.start, sentence.start + match.start(), sentence_start=sentence.start
        )
        return Visit(due.when, due.text, resolution)
    return None
