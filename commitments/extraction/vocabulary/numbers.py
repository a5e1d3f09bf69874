"""Numbers written as words, and the multiplier words that carry most of a sum's value."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class NumberWord:
    word: str
    value: Decimal
    money: bool = True  # read as a sum's figure ("two billion dollars"); else counts only
    # A cardinal that can be part of a figure written out in several words ("two hundred
    # and fifty million"); "a", "several" cannot.
    cardinal: bool = True


def _n(word: str, value: int | str, money: bool = True, cardinal: bool = True) -> NumberWord:
    return NumberWord(word, Decimal(value), money, cardinal)


NUMBER_WORDS: tuple[NumberWord, ...] = (
    _n("half a", "0.5", cardinal=False), _n("a", 1, cardinal=False),
    _n("an", 1, cardinal=False), _n("one", 1), _n("two", 2), _n("three", 3),
    _n("four", 4), _n("five", 5), _n("six", 6), _n("seven", 7), _n("eight", 8), _n("nine", 9),
    _n("ten", 10), _n("eleven", 11, False), _n("twelve", 12, False),
    _n("thirteen", 13, False), _n("fourteen", 14, False), _n("fifteen", 15, False),
    _n("sixteen", 16, False), _n("seventeen", 17, False), _n("eighteen", 18, False),
    _n("nineteen", 19, False), _n("twenty", 20),
    _n("thirty", 30, False), _n("forty", 40, False), _n("fifty", 50, False),
    _n("sixty", 60, False), _n("seventy", 70, False), _n("eighty", 80, False),
    _n("ninety", 90, False),
    _n("a few", 3, False, False), _n("few", 3, False, False),
    _n("a couple of", 2, False, False), _n("couple of", 2, False, False),
    _n("several", 3, False, False),
)  # fmt: skip

# Inside a figure written out in words: "two hundred and fifty million".
HUNDRED = NumberWord("hundred", Decimal(100), cardinal=False)


@dataclass(frozen=True)
class Multiplier:
    word: str
    value: int
    glued: bool = False  # only written against the figure: "$5b", "£70m", "10k"


MULTIPLIERS: tuple[Multiplier, ...] = (
    Multiplier("trillion", 10**12), Multiplier("tn", 10**12), Multiplier("trn", 10**12),
    Multiplier("billion", 10**9), Multiplier("bn", 10**9), Multiplier("bln", 10**9),
    Multiplier("b", 10**9, glued=True),
    Multiplier("million", 10**6), Multiplier("mn", 10**6), Multiplier("mln", 10**6),
    Multiplier("m", 10**6, glued=True),
    Multiplier("thousand", 10**3), Multiplier("k", 10**3, glued=True),
    Multiplier("crore", 10**7), Multiplier("crores", 10**7), Multiplier("cr", 10**7),
    Multiplier("lakh", 10**5), Multiplier("lakhs", 10**5), Multiplier("lac", 10**5),
    Multiplier("lacs", 10**5),
)  # fmt: skip
