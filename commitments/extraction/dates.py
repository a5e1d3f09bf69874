"""Find the time frame of a pledge and resolve it against the article's publication date.

Our own patterns cover the forms news copy uses ("by 2030", "next week", "over the next
decade", "by the end of this month"); dateparser is only a fallback for numeric dates, on the
short phrase alone, because on whole sentences it is slow and loses words like "last".
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import regex
from dateutil.relativedelta import relativedelta

from .lexicon import alternation
from .vocabulary.calendar import DAY_WORDS, MONTHS, PARTS, PREPOSITIONS, SEASONS, UNITS, WEEKDAYS
from .vocabulary.numbers import NUMBER_WORDS

__all__ = ["DueDate", "TimePhrase", "find_anchor", "find_due_date", "find_time_phrases"]

# Built from the calendar and number records; nothing is listed here.
_MONTHS = {m.name[:3].lower(): m.number for m in MONTHS}
_WEEKDAYS = [w.lower() for w in WEEKDAYS]
_NUMBERS = {n.word: int(n.value) for n in NUMBER_WORDS if n.value == int(n.value)}
_SEASONS = {s.name: (s.first_month, s.last_month) for s in SEASONS if s.first_month < s.last_month}
_DAY_OFFSETS = {d.word: d.offset for d in DAY_WORDS}


# Month names are matched capitalised only: "may" is far more often the modal verb.
_MONTH = (
    rf"(?:{alternation([m.name for m in MONTHS])}"
    rf"|(?:{alternation([a for m in MONTHS for a in m.abbreviations])})\.?(?!\w))"
)
_WEEKDAY = rf"(?:{alternation(WEEKDAYS)})"
_NUM = rf"(?:\d{{1,3}}|{alternation([n.word for n in NUMBER_WORDS if n.value >= 1])})"
_DAY_WORD = rf"(?i:{alternation(_DAY_OFFSETS)})"
_SEASON = alternation([s.name for s in SEASONS])
_PART = rf"(?i:{alternation(PARTS)})"
_PREP = rf"(?i:{alternation(p.words for p in PREPOSITIONS)})"

_PATTERNS: list[tuple[str, regex.Pattern[str]]] = [
    (
        "day_month",
        regex.compile(
            rf"(?:(?P<prep>{_PREP})\s+)?(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?P<d>\d{{1,2}})"
            rf"(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m>{_MONTH}),?(?:\s+(?P<y>(?:19|20)\d{{2}}))?\b"
        ),
    ),
    (
        "month_day",
        regex.compile(
            rf"(?:(?P<prep>{_PREP})\s+)?(?:{_WEEKDAY},?\s+)?(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})"
            rf"(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<y>(?:19|20)\d{{2}}))?\b"
        ),
    ),
    (
        "month_year",
        regex.compile(
            rf"(?:(?P<prep>{_PREP})\s+)?(?:(?P<part>{_PART})[\s-]*)?(?P<m>{_MONTH}),?\s+"
            rf"(?:of\s+)?(?P<y>(?:19|20)\d{{2}})\b"
        ),
    ),
    (
        "month",
        regex.compile(
            rf"(?:(?P<prep>(?i:by|before|until|in|from))\s+(?=(?i:the\s+end|end|early|mid|late)))?"
            rf"(?P<q>(?i:last|next|this|coming|in|by|before|until|from|since|early|mid|late|"
            rf"end\s+of|the\s+end\s+of)(?:[\s-]+(?i:next|this))?)\s+(?P<m>{_MONTH})(?![\w.]*\s+\d)"
        ),
    ),
    (
        "fiscal",
        regex.compile(
            r"(?:(?P<prep>(?i:by|before|in|for|during|until))\s+)?(?i:FY|fiscal\s+year|financial"
            r"\s+year|fiscal|financial)\s*(?P<y1>(?:20)?\d{2})(?:[-–/](?P<y2>\d{2,4}))?\b"
        ),
    ),
    (
        # "for the period of 2022-2023", "between 2024 and 2026": calendar years, first to last
        "year_range",
        regex.compile(
            rf"(?P<prep>{_PREP}|(?i:between))\s+(?:the\s+)?(?:(?i:period|years)\s+(?:of\s+)?)?"
            r"(?P<y1>(?:19|20)\d{2})\s*(?:[-–]|\s(?i:to|and)\s)\s*(?P<y2>(?:19|20)\d{2})\b"
        ),
    ),
    (
        "year_span",
        regex.compile(
            r"(?P<prep>(?i:by|before|in|for|during|until))\s+(?:the\s+)?(?P<y1>20\d{2})[-–]"
            r"(?P<y2>\d{2})\b(?!\d)"
        ),
    ),
    (
        "quarter",
        regex.compile(
            r"(?:(?P<prep>(?i:by|before|in|during|until))\s+)?(?:the\s+)?(?i:end\s+of\s+the\s+)?"
            r"(?:(?P<qn>(?i:first|"
            r"second|third|fourth|final|last|1st|2nd|3rd|4th))\s+quarter\s+of\s+(?:(?P<y>\d{4})"
            r"|(?P<rel>(?i:this|next)\s+year))|Q(?P<qd>[1-4])\s+(?P<y2>\d{4}))"
        ),
    ),
    (
        "year",
        regex.compile(
            rf"(?:(?P<prep>{_PREP})\s+(?:(?P<part>{_PART})[\s-]*)?|(?P<part2>(?i:end|mid|early|"
            rf"late))-)(?P<y>(?:19|20)\d{{2}})(?![\d/–-]|\s*[-–]\s*\d)"
        ),
    ),
    (
        "weekday",
        regex.compile(
            rf"(?:(?P<q>(?i:on|this|next|last|by|before|until|from|coming))\s+)?(?P<w>{_WEEKDAY})"
            rf"(?!,?\s+(?:\d|{_MONTH}))(?:\s+(?P<wk>(?i:last|next|this))\s+week\b)?"
        ),
    ),
    (
        "deictic",
        regex.compile(rf"\b(?P<w>{_DAY_WORD})\b"),
    ),
    (
        "period",
        regex.compile(
            r"(?:(?P<prep>(?i:by|before|until|in|within|during|for|through|throughout|from|over))"
            r"\s+)?(?P<mod>(?i:(?:the\s+)?(?:end|start|beginning|middle|rest|remainder)\s+of\s+"
            r"(?:the\s+)?|later\s+|early\s+|earlier\s+|late\s+))?(?P<which>(?i:this|next|the\s+"
            r"coming|the\s+current|last|the\s+following|the))\s+(?P<unit>(?i:week|month|year|"
            rf"decade|quarter|{_SEASON}|financial\s+year|fiscal\s+year))\b(?![’']s\b)"
        ),
    ),
    (
        "duration",
        regex.compile(
            rf"(?P<prep>(?i:in|within|over|during|for|throughout|across|inside))\s+(?:the\s+)?"
            rf"(?:(?P<which>(?i:next|coming|following|upcoming|first))\s+)?(?:(?P<n>(?i:{_NUM}))"
            rf"[\s-]+)?(?P<unit>(?i:days?|weeks?|months?|years?|decades?))(?:['’]s?)?"
            rf"(?:\s+(?i:time))?\b"
        ),
    ),
    (
        "numeric",
        regex.compile(
            r"(?:(?P<prep>(?i:by|before|until|on|from))\s+)?(?P<num>\d{4}-\d{2}-\d{2}"
            r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})\b"
        ),
    ),
]

_TRIGGER = regex.compile(
    rf"\d|{_MONTH}|{_WEEKDAY}|{_DAY_WORD}|(?i:{alternation(UNITS)}|{_SEASON}|fiscal|financial)"
)
_START_PREPS = {p.words for p in PREPOSITIONS if p.counts_from}
_PAST_PREPS = {p.words for p in PREPOSITIONS if p.past}


@dataclass(frozen=True)
class TimePhrase:
    """A time expression in a piece of text, resolved to the period it names."""

    text: str
    start: int
    end: int
    first: date  # first day of the period it names
    last: date  # last day, the deadline reading of "by ..."
    relative: bool  # counted from a base date ("within six months") rather than fixed
    prep: str
    count: int = 0  # for relative phrases: how many `unit`s after the base date
    unit: str = ""

    @property
    def deadline(self) -> date:
        return self.first if self.prep in _START_PREPS else self.last


@dataclass(frozen=True)
class DueDate:
    when: date
    text: str
    start: int
    end: int
    relative: bool = False  # counted from a base date ("within six months")


def find_time_phrases(text: str, published_on: date, *, future: bool = True) -> list[TimePhrase]:
    """Every resolvable time phrase in `text`, in text order, longest match first on overlap."""
    if not _TRIGGER.search(text):
        return []  # most sentences name no time at all; skip the full set of patterns
    found: list[TimePhrase] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if match.start() and text[match.start() - 1].isalnum():
                continue  # "Vision 2030" holds "on 2030" inside a word
            phrase = _resolve(kind, match, published_on, future)
            if phrase is not None:
                found.append(phrase)
    found.sort(key=lambda p: (p.start, -(p.end - p.start)))
    kept: list[TimePhrase] = []
    for phrase in found:
        if kept and phrase.start < kept[-1].end:
            continue
        kept.append(phrase)
    return kept


def find_anchor(text: str, published_on: date) -> TimePhrase | None:
    """A fixed date in the past that a sentence is told from ("In May 2021, ..."). Days of
    the last week ("said on Monday") are news time, not a different starting point."""
    for phrase in find_time_phrases(text, published_on, future=False):
        if (
            not phrase.relative
            and phrase.first < published_on - timedelta(days=7)
            and phrase.prep != "since"
        ):
            return phrase
    return None


def find_due_date(
    text: str,
    published_on: date,
    *,
    anchor: date | None = None,
    future: bool = True,
    ignore: Callable[[int, int], bool] | None = None,
) -> DueDate | None:
    """The first time frame in `text` that can be a deadline for a pledge made on
    `published_on` (or on `anchor`, when the sentence is told from an earlier date).
    `ignore(start, end)` can rule out phrases that date something else, such as the
    statement itself ("said on Monday")."""
    base = anchor or published_on
    for phrase in find_time_phrases(text, published_on, future=future):
        if phrase.prep in _PAST_PREPS:
            continue
        if ignore is not None and ignore(phrase.start, phrase.end):
            continue
        if phrase.relative:
            try:
                when = _shift(base, phrase)
            except (OverflowError, ValueError):
                continue  # "over the next 500 decades" runs off the calendar
        else:
            when = phrase.deadline
            if when < published_on:
                continue
        return DueDate(when, phrase.text, phrase.start, phrase.end, phrase.relative)
    return None


# -- resolution ---------------------------------------------------------------------------

_RATE_BEFORE = regex.compile(r"\b(?:per|a|each|every)\s+(?:year|month|week)\s+$", regex.IGNORECASE)


def _resolve(
    kind: str, match: regex.Match[str], published_on: date, future: bool
) -> TimePhrase | None:
    groups = match.groupdict()
    prep = _norm(groups.get("prep") or "")
    span: tuple[date, date] | None
    relative = False
    try:
        if kind in {"day_month", "month_day"}:
            month = _month(groups["m"])
            day_of_month = int(groups["d"])
            if groups.get("y"):
                first = date(int(groups["y"]), month, day_of_month)
            else:
                first = _nearest(published_on, month, day_of_month, future)
            span = (first, first)
        elif kind == "month_year":
            span = _part_of(_month_span(int(groups["y"]), _month(groups["m"])), groups.get("part"))
        elif kind == "month":
            q = _norm(groups["q"])
            month = _month(groups["m"])
            if q in {"last", "since"}:
                year = published_on.year if month < published_on.month else published_on.year - 1
            elif q.startswith("next") or q.endswith("next"):
                year = published_on.year if month > published_on.month else published_on.year + 1
            elif q.startswith("this") or q.endswith("this"):
                year = published_on.year
            elif future:
                year = published_on.year if month >= published_on.month else published_on.year + 1
            else:
                year = published_on.year if month <= published_on.month else published_on.year - 1
            part = q if q in {"early", "mid", "late", "end of", "the end of"} else None
            span = _part_of(_month_span(year, month), part)
            prep = (
                q.split()[0] if q.split()[0] in {"by", "before", "until", "from", "since"} else prep
            )
        elif kind == "year_range":
            first_year, last_year = int(groups["y1"]), int(groups["y2"])
            if last_year < first_year:
                return None
            span = (date(first_year, 1, 1), date(last_year, 12, 31))
        elif kind in {"fiscal", "year_span"}:
            y1 = int(groups["y1"])
            y1 = y1 + 2000 if y1 < 100 else y1
            y2 = groups.get("y2")
            end_year = (_full_year(y2, y1) if y2 else y1) if kind == "year_span" or y2 else y1
            # Financial years named by two years end in the second (India: 1 April-31 March).
            span = (date(end_year - 1, 4, 1), date(end_year, 3, 31))
        elif kind == "quarter":
            q_word = _norm(groups.get("qn") or "")
            quarter = int(groups["qd"]) if groups.get("qd") else _quarter_number(q_word)
            if groups.get("y"):
                year = int(groups["y"])
            elif groups.get("y2"):
                year = int(groups["y2"])
            else:
                rel = _norm(groups.get("rel") or "")
                year = published_on.year + (1 if rel.startswith("next") else 0)
            first = date(year, 3 * quarter - 2, 1)
            span = (first, _month_span(year, 3 * quarter)[1])
        elif kind == "year":
            year = int(groups["y"])
            if not prep and not groups.get("part2"):
                return None
            if prep == "of" and not groups.get("part"):
                return None  # "the summer of 2030" is read elsewhere; "of 2030" alone is not
            span = _part_of(
                (date(year, 1, 1), date(year, 12, 31)), groups.get("part") or groups.get("part2")
            )
        elif kind == "weekday":
            q = _norm(groups.get("q") or "")
            week = _norm(groups.get("wk") or "")
            target = _WEEKDAYS.index(groups["w"].lower())
            if week in {"last", "next"}:
                # "on Monday last week": the named day of the week before or after.
                monday = published_on - timedelta(days=published_on.weekday())
                day = monday + timedelta(weeks=1 if week == "next" else -1, days=target)
            else:
                day = _weekday(published_on, target, q, future)
            span = (day, day)
            prep = q if q in {"by", "before", "until", "from"} else prep
        elif kind == "deictic":
            word = groups["w"].lower()
            offset = _DAY_OFFSETS[word]
            day = published_on + timedelta(days=offset)
            span = (day, day)
        elif kind == "period":
            span = _period(groups, published_on)
            if span is None:
                return None
        elif kind == "duration":
            unit = groups["unit"].lower().rstrip("s")
            n_text = _norm(groups.get("n") or "")
            if not n_text and not groups.get("which"):
                return None  # "for years", "in months" are not time frames
            if (
                prep == "for"
                and not groups.get("which")
                and not _RATE_BEFORE.search(match.string, max(0, match.start() - 20), match.start())
            ):
                # "for two years" says how long, not by when; a sum "per year for two years"
                # is spent over them.
                return None
            n = int(n_text) if n_text.isdigit() else _NUMBERS.get(n_text, 0)
            if not n:
                # "in the coming weeks": a loose but usable horizon
                n = {"day": 7, "week": 6, "month": 6, "year": 3, "decade": 1}[unit]
            return TimePhrase(
                match.group(0),
                match.start(),
                match.end(),
                published_on,
                published_on,
                True,
                prep,
                count=n,
                unit=unit,
            )
        elif kind == "numeric":
            parsed = _numeric(groups["num"])
            if parsed is None:
                return None
            span = (parsed, parsed)
        else:  # pragma: no cover - every kind is handled above
            return None
    except (ValueError, KeyError, IndexError):
        return None
    if span is None:
        return None
    return TimePhrase(match.group(0), match.start(), match.end(), span[0], span[1], relative, prep)


def _shift(base: date, phrase: TimePhrase) -> date:
    count, unit = phrase.count, phrase.unit
    if unit == "day":
        return base + timedelta(days=count)
    if unit == "week":
        return base + timedelta(weeks=count)
    if unit == "month":
        return base + relativedelta(months=count)
    if unit == "year":
        return base + relativedelta(years=count)
    return base + relativedelta(years=10 * count)


def _period(groups: dict[str, str | None], published_on: date) -> tuple[date, date] | None:
    which = _norm(groups.get("which") or "")
    mod = _norm(groups.get("mod") or "")
    unit = _norm(groups["unit"] or "")
    prep = _norm(groups.get("prep") or "")
    # "the year" alone is not a time frame; "by the summer" is.
    season = unit in _SEASONS or unit == "winter"
    bare_the = which == "the" and not mod and prep not in {"within", "over", "during"}
    if bare_the and not (season and prep):
        return None
    step = {"next": 1, "the following": 1, "last": -1}.get(which, 0)
    if which == "the coming":
        if unit in {"year", "decade"}:
            return None  # "over the coming decade" is a span from now, read as a duration
        step = 0 if unit in {"week", "month"} else 1
    y = published_on.year
    if unit == "week":
        monday = published_on - timedelta(days=published_on.weekday()) + timedelta(weeks=step)
        span = (monday, monday + timedelta(days=4))
    elif unit == "month":
        shifted = published_on + relativedelta(months=step)
        span = _month_span(shifted.year, shifted.month)
    elif unit in {"year"}:
        span = (date(y + step, 1, 1), date(y + step, 12, 31))
    elif unit in {"financial year", "fiscal year"}:
        end_year = y + (1 if published_on.month > 3 else 0) + step
        span = (date(end_year - 1, 4, 1), date(end_year, 3, 31))
    elif unit == "decade":
        start = (y // 10) * 10 + 10 * step
        span = (date(start, 1, 1), date(start + 9, 12, 31))
    elif unit == "quarter":
        q = (published_on.month - 1) // 3 + step
        year = y + q // 4
        q = q % 4 + 1
        span = (date(year, 3 * q - 2, 1), _month_span(year, 3 * q)[1])
    elif unit in _SEASONS:
        a, b = _SEASONS[unit]
        year = y + step
        if step == 0 and which != "this" and published_on.month > b:
            year += 1
        span = (date(year, a, 1), _month_span(year, b)[1])
    elif unit == "winter":
        year = y + step + (1 if published_on.month >= 3 else 0)
        span = (date(year - 1, 12, 1), _month_span(year, 2)[1])
    else:
        return None
    if mod.startswith("later") or mod.startswith("late") or "end of" in mod:
        return (span[1], span[1])
    if (
        mod.startswith("early")
        or mod.startswith("earlier")
        or "start of" in mod
        or ("beginning of" in mod)
    ):
        return _part_of(span, "early")
    if "middle of" in mod:
        return _part_of(span, "mid")
    return span


def _part_of(span: tuple[date, date], part: str | None) -> tuple[date, date]:
    part = _norm(part or "")
    if not part:
        return span
    first, last = span
    length = (last - first).days
    if "end" in part or part == "late" or "second half" in part:
        if "end" in part:
            return (last, last)
        return (first + timedelta(days=length // 2), last)
    if part in {"early", "start of", "the start of", "beginning of", "the beginning of"}:
        if length > 300:  # early in a year: its first quarter
            return (first, date(first.year, 3, 31))
        return (first, first + timedelta(days=length // 3))
    if "first half" in part:
        return (first, first + timedelta(days=length // 2))
    if "mid" in part or "middle" in part:
        middle = first + timedelta(days=length // 2)
        return (middle, middle)
    return span


def _month(word: str) -> int:
    return _MONTHS[word.strip(".").lower()[:3]]


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


_RECENT = timedelta(days=14)


def _nearest(published_on: date, month: int, day: int, future: bool) -> date:
    candidate = date(published_on.year, month, day)
    if future and published_on - _RECENT <= candidate < published_on:
        # "said on Tuesday (Oct 20)" in the paper of 21 October: the news day, not next year.
        return candidate
    if future and candidate < published_on:
        return date(published_on.year + 1, month, day)
    if not future and candidate > published_on:
        return date(published_on.year - 1, month, day)
    return candidate


def _weekday(published_on: date, target: int, q: str, future: bool) -> date:
    today = published_on.weekday()
    if q == "last" or (not future and q not in {"next", "this", "coming"}):
        # "said on Monday" in Monday's paper is that day; "last Monday" is a week back.
        back = (today - target) % 7 or (7 if q == "last" else 0)
        return published_on - timedelta(days=back)
    if q == "next":
        monday_next = published_on - timedelta(days=today) + timedelta(weeks=1)
        return monday_next + timedelta(days=target)
    return published_on + timedelta(days=(target - today) % 7)


def _quarter_number(word: str) -> int:
    return {
        "first": 1,
        "1st": 1,
        "second": 2,
        "2nd": 2,
        "third": 3,
        "3rd": 3,
        "fourth": 4,
        "4th": 4,
        "final": 4,
        "last": 4,
    }[word]


def _full_year(text: str, first_year: int) -> int:
    value = int(text)
    if value < 100:
        value += (first_year // 100) * 100
    return value


def _numeric(text: str) -> date | None:
    if regex.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return date.fromisoformat(text)
    import dateparser

    parsed = dateparser.parse(
        text, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY"}
    )
    return parsed.date() if isinstance(parsed, datetime) else None


def _norm(value: str) -> str:
    return " ".join(value.lower().split())
