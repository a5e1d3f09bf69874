"""Money amounts in news copy: "£70 million", "$1.5bn", "Rs 5,000 crore", "30 billion dollars".

Parsed here rather than with a price library because those ignore the multiplier words
("million", "crore") that carry almost all of the value in diplomatic reporting.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import regex

from .vocabulary.currencies import CURRENCIES
from .vocabulary.numbers import HUNDRED, MULTIPLIERS, NUMBER_WORDS

__all__ = [
    "Amount",
    "MoneyMention",
    "find_amounts",
    "home_currency",
    "in_pledgers_dollar",
    "pledged_amount",
]


@dataclass(frozen=True)
class Amount:
    value: Decimal
    currency: str  # ISO 4217


@dataclass(frozen=True)
class MoneyMention:
    amount: Amount
    text: str
    start: int
    end: int


# Every table below is built from the currency and number records; nothing is listed here.
_SYMBOLS: dict[str, str] = {sym: c.code for c in CURRENCIES for sym in c.symbols}
_NEEDS_MULTIPLIER = frozenset(sym for c in CURRENCIES for sym in c.needs_multiplier)
_CODE_ALIASES = {alias: c.code for c in CURRENCIES for alias in c.also_codes}
_CODES = "|".join(sorted({c.code for c in CURRENCIES} | set(_CODE_ALIASES), key=len, reverse=True))
# Longest names first so "Australian dollars" wins over "dollars".
_WORD_CODES = {word: c.code for c in CURRENCIES for word in c.words}
_WORDS = sorted(_WORD_CODES, key=len, reverse=True)
_MULTIPLIERS = {m.word: m.value for m in MULTIPLIERS}
_WORD_NUMBERS = {n.word: n.value for n in NUMBER_WORDS if n.money}
_CARDINALS = {n.word: n.value for n in NUMBER_WORDS if n.cardinal}

_SYMBOL_ALT = "|".join(regex.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True))
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_WORD_NUMBER = (
    "(?:"
    + "|".join(w.replace(" ", r"\s+") for w in sorted(_WORD_NUMBERS, key=len, reverse=True))
    + ")"
)

_CARDINAL = "(?:" + "|".join(sorted(_CARDINALS, key=len, reverse=True)) + ")"
# A figure in several words, read only before a multiplier: "two hundred and fifty million",
# "twenty-five billion", "USD one million".
_CARDINAL_PART = rf"{_CARDINAL}(?:\s+{HUNDRED.word})?"
_COMPOUND = rf"(?:{_CARDINAL_PART}(?:(?:\s+and\s+|\s+|-){_CARDINAL_PART})*)"


def _alternation(words: list[str]) -> str:
    return "|".join(
        regex.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


# "b" and "m" only when glued to the number ("$5b", "£70m"); spelled-out words may be spaced.
_MULT = (
    # "$1.2-billion", as Canadian copy writes it
    rf"(?:(?:\s*|-)(?:{_alternation([m.word for m in MULTIPLIERS if len(m.word) > 3])})"
    rf"|\s?(?:{_alternation([m.word for m in MULTIPLIERS if len(m.word) <= 3 and not m.glued])})"
    rf"(?![\w])|(?:{_alternation([m.word for m in MULTIPLIERS if m.glued])})(?![\w]))"
)
_CURRENCY_WORDS = _alternation(_WORDS)
# What a sum can open with, for a quick look ahead ("announced £5m ..."): every symbol and
# code before a figure.
MONEY_START = rf"(?:(?:{_SYMBOL_ALT}|{_CODES})\s?\d)"


_PATTERN = regex.compile(
    rf"""
    (?<![\w$£€¥₹])
    (?:
        (?P<sym>{_SYMBOL_ALT})\s?(?P<n1>{_NUMBER})(?P<m1>{_MULT})?(?:\s+(?P<m1b>crore))?
      | (?P<code>{_CODES})\s?(?P<n2>{_NUMBER}|{_COMPOUND}(?={_MULT}))(?P<m2>{_MULT})?
        (?:\s+(?P<m2b>crore))?
      | (?P<n3>{_NUMBER}|{_COMPOUND}(?={_MULT})|{_WORD_NUMBER})(?P<m3>{_MULT})?
        (?:\s+(?P<m3b>crore))?
        \s+(?:(?P<code3>{_CODES})\b|(?P<word3>{_CURRENCY_WORDS})\b)
    )
    """,
    regex.VERBOSE | regex.IGNORECASE,
)

# Words in front of a figure that make it a statistic or an estimate, not money being given.
_STATISTIC_BEFORE = regex.compile(
    r"(?:worth|valued\s+at|estimated(?:\s+at)?|an\s+estimated|total(?:l?ed|l?ing)?|stood\s+at"
    # "higher than $5bn" compares; "invest more than $200 million" pledges at least that.
    r"|reached|up\s+from|down\s+from|compared\s+(?:with|to)|(?<!\b(?:more|less)\s)than|rose\s+to"
    r"|fell\s+to|grew\s+to"
    r"|turnover\s+of|revenue\s+of|deficit\s+of|surplus\s+of|debt\s+of"
    r"|exports?\s+of|imports?\s+of|trade\s+of|gdp\s+of"
    # "raise bilateral trade to $20 billion": a target for trade, not money anyone gives
    r"|(?:trade|turnover|exports?|imports?)(?:\s+volume)?\s+to)\s+(?:of\s+|about\s+|around\s+|some\s+"
    r"|nearly\s+|almost\s+|over\s+|more\s+than\s+|roughly\s+)?$",
    regex.IGNORECASE,
)
_VEHICLE_WORTH = regex.compile(
    r"\b(?:fund|package|deal|programme|program|investment|plan|scheme|facility|loan|grant|aid"
    r"|contract|agreement|project|initiative|pledge|bond|credit\s+line|prize|award|scholarship)s?"
    # "two loan agreements with Serbia worth $500 million": the partner between
    r"(?:\s+(?:with|to|for|in)\s+(?:the\s+)?(?-i:[A-Z])[\w’'-]*(?:\s+(?-i:[A-Z])[\w’'-]*){0,3})?"
    r",?\s+(?:worth|valued\s+at"
    r"|totall?ing|of)\s+(?:about\s+|around\s+|some\s+|nearly\s+|up\s+to\s+|more\s+than\s+"
    r"|over\s+|almost\s+|roughly\s+|approximately\s+)?$",
    regex.IGNORECASE,
)
_VEHICLE_AFTER = regex.compile(
    r"^\s*(?:[\w-]+\s+){0,2}?(?:loans?|grants?|package|fund|credit\s+lines?|aid|assistance"
    r"|investment|programme|program|facility|contribution|allocation|budget\s+support)\b",
    regex.IGNORECASE,
)
_A_TOTAL_OF = regex.compile(
    r"\ba\s+total\s+of\s+(?:about\s+|around\s+|some\s+|nearly\s+)?$", regex.I
)
_STATISTIC_AFTER = regex.compile(
    r"^\s*(?:last\s+year|a\s+year\s+ago|in\s+(?:19|20)\d\d\b(?!\s*[-–])|worth\s+of\s+trade"
    r"|(?:in|of)\s+(?:bilateral\s+|two-way\s+)?trade\s+(?:last|a|each|per|in|every)\b"
    r"|a\s+year\s+in\s+trade)",
    regex.IGNORECASE,
)


def find_amounts(text: str) -> list[MoneyMention]:
    mentions: list[MoneyMention] = []
    position = 0
    while (match := _PATTERN.search(text, position)) is not None:
        amount = _to_amount(match)
        if amount is None:
            # "a USD 320mn loan": "a USD" is no sum, but the figure after it may be one.
            position = match.start() + 1
            continue
        mentions.append(MoneyMention(amount, match.group(0), match.start(), match.end()))
        position = match.end()
    return mentions


def pledged_amount(text: str, *, after: int = 0) -> MoneyMention | None:
    """The amount being pledged in a clause: the first one from `after` (the cue) on that is
    not a statistic, falling back to one before the cue ("A £5m fund will ...")."""
    mentions = find_amounts(text)
    usable = [
        m
        for i, m in enumerate(mentions)
        if not _is_statistic(text[max(0, m.start - 60) : m.start], text[m.end : m.end + 40])
        and not (i and _CONVERSION_BEFORE.search(text, mentions[i - 1].end, m.start))
    ]
    if any(m.start < after for m in usable):
        # "The 1.4 billion euros will be invested ..., and the capacity would grow with an
        # extra 500 million euros": a sum only on a condition is not the one pledged.
        usable = [
            m for m in usable if m.start < after or not _CONDITIONAL.search(text, after, m.start)
        ]
    for i, mention in enumerate(usable):
        if mention.start >= after:
            following = usable[i + 1] if i + 1 < len(usable) else None
            if following is not None and (
                _FROM_TO.fullmatch(text, mention.end, following.start)
                or (
                    _FROM_BEFORE.search(text, max(0, mention.start - 12), mention.start)
                    and _RAISED_TO.fullmatch(text, mention.end, following.start)
                )
            ):
                # "from £90 million to £138 million", "from $5 million, announced earlier, to
                # $25 million": the new level
                return following
            return mention
    # Before the cue, the sum nearest it: "Besides NZ$100,000 ..., a further NZ$1 million will".
    return usable[-1] if usable else None


_CONDITIONAL = regex.compile(r"\b(?:would|could|might|if)\b", regex.IGNORECASE)
_FROM_TO = regex.compile(r"\s+(?:to|up\s+to)\s+", regex.IGNORECASE)
_FROM_BEFORE = regex.compile(r"\bfrom\s+(?:the\s+)?$", regex.IGNORECASE)
_RAISED_TO = regex.compile(r"[^$£€¥₹\d]{0,50}?\s(?:to|up\s+to)\s+", regex.IGNORECASE)
# "NOK 200 million (about $19 million)": the figure in brackets converts the one before it.
_CONVERSION_BEFORE = regex.compile(
    r"\(\s*(?:about|around|approximately|approx\.?|roughly|some|nearly|almost|or|c\.|ca\.|equivalent"
    r"\s+to|equal\s+to|worth)?\s*$",
    regex.IGNORECASE,
)
# A sign or word that several currencies share, read as the default currency unless the
# pledger (or, for rupees and shillings, the article) says whose it is.
_SHARED = {
    "USD": regex.compile(r"^\$|(?<!\b(?:us|u\.s\.|american)\s+)\bdollars?$", regex.I),
    "INR": regex.compile(
        r"(?<!\b(?:indian|pakistani|lankan|nepalese|nepali)\s+)\brupees?$|^Rs\.?", regex.I
    ),
    "KES": regex.compile(r"(?<!\b(?:kenyan|ugandan|tanzanian)\s+)\bshillings?$|^Sh", regex.I),
}
_FAMILY = {
    "USD": {c.code for c in CURRENCIES if any(w.endswith("dollars") for w in c.words)},
    "INR": {c.code for c in CURRENCIES if any(w.endswith("rupees") for w in c.words)},
    "KES": {c.code for c in CURRENCIES if any(w.endswith("shillings") for w in c.words)},
}
_HOMES = {(home, c.code) for c in CURRENCIES for home in c.home}


def home_currency(party: str) -> str | None:
    """The currency a party's own copy writes bare ("$" in New Zealand), if it has one."""
    codes = [code for home, code in _HOMES if home == party]
    return codes[0] if len(codes) == 1 else None


def in_pledgers_dollar(
    mention: MoneyMention, pledgers: list[str], article_parties: list[str] | None = None
) -> Amount:
    """A bare "$" (or "dollars") is the pledger's own dollar when it has one: a New Zealand
    release's "$12 million" is NZD. "US$", "A$" and "US dollars" say which and are kept.
    Bare rupees and shillings are the pledger's, or those of the one country in the article
    that has them (a grant "of six billion rupees" to Pakistan)."""
    default = mention.amount.currency
    shared = _SHARED.get(default)
    if shared is None or not shared.search(mention.text.strip()):
        return mention.amount
    family = _FAMILY[default]
    own = {code for name in pledgers for code in family if (name, code) in _HOMES}
    if len(pledgers) == 1 and len(own) == 1:
        return Amount(mention.amount.value, own.pop())
    if default != "USD" and article_parties:
        local = {code for name in article_parties for code in family if (name, code) in _HOMES}
        if len(local) == 1:
            return Amount(mention.amount.value, local.pop())
    return mention.amount


_IMPLAUSIBLE = Decimal(10) ** 18


def _is_statistic(before: str, after: str) -> bool:
    if _VEHICLE_WORTH.search(before) or _VEHICLE_AFTER.match(after):
        return False  # "a new fund worth $2bn", "an estimated $9.4bn loan": the pledge's size
    if _A_TOTAL_OF.search(before):
        return False  # "A total of $NZ196 million has been set aside": a sum of pledges
    return bool(_STATISTIC_BEFORE.search(before[-40:]) or _STATISTIC_AFTER.search(after))


def _to_amount(match: regex.Match[str]) -> Amount | None:
    g = match.groupdict()
    if g["sym"]:
        currency = _SYMBOLS.get(g["sym"]) or _SYMBOLS.get(g["sym"].capitalize())
        number, mult, extra = g["n1"], g["m1"], g["m1b"]
    elif g["code"]:
        currency = _CODE_ALIASES.get(g["code"].upper(), g["code"].upper())
        number, mult, extra = g["n2"], g["m2"], g["m2b"]
    else:
        if g["code3"]:
            currency = _CODE_ALIASES.get(g["code3"].upper(), g["code3"].upper())
        else:
            currency = _word_currency(g["word3"])
        number, mult, extra = g["n3"], g["m3"], g["m3b"]
        if not mult and not regex.match(r"\d", number):
            return None  # "a dollar", "one pound": not money anyone pledges
    if currency is None:
        return None
    sign = g["sym"] or ""
    if sign.capitalize() in _NEEDS_MULTIPLIER and (not mult or sign in {"n", "r"}):
        return None  # "N", "R", "Sh" are currencies only before a sum with a multiplier
    value = _number(number)
    if value is None:
        return None
    if mult:
        value *= _MULTIPLIERS[mult.strip().lstrip("-").lower()]
    if extra:
        value *= _MULTIPLIERS["crore"]
    if value > _IMPLAUSIBLE:
        return None  # a typo or a code, not money anyone pledges
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return Amount(value, currency)


def _word_currency(word: str) -> str | None:
    return _WORD_CODES.get(" ".join(word.lower().split()))


def _number(text: str) -> Decimal | None:
    lowered = " ".join(text.lower().split())
    if lowered in _WORD_NUMBERS:
        return Decimal(_WORD_NUMBERS[lowered])
    words = [w for w in regex.split(r"[\s-]+", lowered) if w != "and"]
    if words and all(w in _CARDINALS or w == HUNDRED.word for w in words):
        # "two hundred and fifty": hundreds multiply what comes before, the rest adds up.
        value = Decimal(0)
        for word in words:
            value = value * HUNDRED.value if word == HUNDRED.word else value + _CARDINALS[word]
        return value
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
