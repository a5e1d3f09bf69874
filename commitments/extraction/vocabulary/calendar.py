"""Months, weekdays, seasons and the units and words time phrases are made of."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Month:
    name: str
    number: int
    abbreviations: tuple[str, ...]  # matched capitalised, with or without a full stop


MONTHS: tuple[Month, ...] = (
    Month("January", 1, ("Jan",)), Month("February", 2, ("Feb",)),
    Month("March", 3, ("Mar",)), Month("April", 4, ("Apr",)), Month("May", 5, ()),
    Month("June", 6, ("Jun",)), Month("July", 7, ("Jul",)), Month("August", 8, ("Aug",)),
    Month("September", 9, ("Sept", "Sep")), Month("October", 10, ("Oct",)),
    Month("November", 11, ("Nov",)), Month("December", 12, ("Dec",)),
)  # fmt: skip

WEEKDAYS: tuple[str, ...] = (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
)  # fmt: skip


@dataclass(frozen=True)
class Season:
    name: str
    first_month: int
    last_month: int  # winter runs over the year's end: 12 to 2


SEASONS: tuple[Season, ...] = (
    Season("spring", 3, 5), Season("summer", 6, 8), Season("autumn", 9, 11),
    Season("fall", 9, 11), Season("winter", 12, 2),
)  # fmt: skip


@dataclass(frozen=True)
class DayWord:
    word: str
    offset: int  # days from the publication date


DAY_WORDS: tuple[DayWord, ...] = (
    DayWord("today", 0), DayWord("tonight", 0), DayWord("tomorrow", 1), DayWord("yesterday", -1),
)  # fmt: skip


@dataclass(frozen=True)
class Preposition:
    """A word before a time phrase ("by 2030", "starting in June")."""

    words: str
    counts_from: bool = False  # names when it starts, not a deadline: "from 2026"
    past: bool = False  # points back from the news: "since 2019"


PREPOSITIONS: tuple[Preposition, ...] = (
    Preposition("by"), Preposition("before"), Preposition("until"), Preposition("till"),
    Preposition("in"), Preposition("within"), Preposition("from", counts_from=True),
    Preposition("since", counts_from=True, past=True), Preposition("during"),
    Preposition("through"), Preposition("throughout"), Preposition("for"), Preposition("of"),
    Preposition("on", counts_from=True), Preposition("after", counts_from=True),
    Preposition("no later than"), Preposition("starting", counts_from=True),
    Preposition("starting in", counts_from=True), Preposition("beginning in", counts_from=True),
    Preposition("as early as"), Preposition("as of", counts_from=True), Preposition("ahead of"),
    Preposition("up to"), Preposition("for up to"),
)  # fmt: skip

# The part of a period a phrase names ("by the end of 2030", "in early June", "mid-2027").
PARTS: tuple[str, ...] = (
    "the end of", "end of", "the start of", "start of", "the beginning of", "beginning of",
    "the middle of", "middle of", "the first half of", "the second half of", "early", "mid",
    "late", "end",
)  # fmt: skip

# Units a period is counted in ("within six months", "over the next decade").
UNITS: tuple[str, ...] = ("day", "week", "month", "year", "decade", "quarter")
