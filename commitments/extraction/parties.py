"""The named parties that make pledges: countries and international bodies.

The parties themselves are records in `vocabulary/parties.py`; this module turns them into
one pattern that finds every way news copy names them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from .lexicon import alternation as alternation_of
from .vocabulary.parties import PARTIES, PLACE_FEATURES, PLACE_PREFIXES


@dataclass(frozen=True)
class Party:
    name: str
    takes_the: bool = False  # "India and the United Kingdom"
    kind: str = "country"  # as in PartyRecord.kind


@dataclass(frozen=True)
class Gazetteer:
    parties: dict[str, Party]
    lookup: dict[str, tuple[Party, str]]  # surface form -> (party, "name"|"demonym"|"seat")
    pattern: regex.Pattern[str]


@cache
def gazetteer() -> Gazetteer:
    parties: dict[str, Party] = {}
    lookup: dict[str, tuple[Party, str]] = {}
    for record in PARTIES:
        party = Party(record.name, record.takes_the, record.kind)
        parties[record.name] = party
        for form in (record.name, *record.aliases):
            lookup[form] = (party, "name")
        for form in record.demonyms:
            lookup.setdefault(form, (party, "demonym"))
        for form in record.seats:
            lookup.setdefault(form, (party, "seat"))
    forms = sorted(lookup, key=len, reverse=True)
    alternation = "|".join(regex.escape(f) for f in forms)
    # Case-sensitive on purpose: "US" is a country, "us" is a pronoun. A demonym followed by
    # a geographic noun ("Indian Ocean") names a place, not a party; "UK-India" names two,
    # "US-led" none. A name inside a place's ("Western Australia", "Gulf of Guinea") is not
    # the party either.
    place = (
        rf"(?<!\b(?:{alternation_of(PLACE_PREFIXES)})\s+"
        rf"|\b(?:{alternation_of(PLACE_FEATURES)})\s+of\s+(?:the\s+)?)"
    )
    pattern = regex.compile(
        rf"(?<![\w.]){place}(?:{alternation})(?!\w|-[a-z])(?!\s+(?:Ocean|Sea|Gulf|Channel|Peninsula|"
        rf"Subcontinent|subcontinent|Plate|Airlines|Airways|Open|Agreement|Accord|Post|Times|"
        rf"River|Delta|Bridge|Basin|Valley|State\b|Province|Region|Street|Road|"
        rf"Declaration|Convention|Protocol|Club|Principles|Journal))"
    )
    return Gazetteer(parties, lookup, pattern)


def party_named(name: str) -> Party | None:
    return gazetteer().parties.get(name)


def display(parties: list[Party]) -> str:
    """Joint actors read in text order: "United Kingdom and India", "India and the United
    Kingdom"."""
    names = [
        p.name if i == 0 or not p.takes_the else f"the {p.name}" for i, p in enumerate(parties)
    ]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


_LIST_SEPARATOR = regex.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def one_spelling(actor: str) -> str:
    """The same joint actor spelled one way, whatever order the article named the parties in:
    "United Kingdom and India" and "India and the United Kingdom" both read "India and the
    United Kingdom" (parties by name). Anything that is not a list of known parties is kept.
    """
    actor = actor.strip()
    names = [name for name in _LIST_SEPARATOR.split(actor) if name]
    if len(names) < 2:
        return actor
    parties = []
    for name in names:
        party = party_named(name[4:] if name.lower().startswith("the ") else name)
        if party is None:
            return actor
        parties.append(party)
    return display(sorted(set(parties), key=lambda p: p.name))


# "Pfizer/BioNTech" names two companies; so does "UK-India" in a headline, but an actor field
# keeps hyphens for names ("Timor-Leste", "Guinea-Bissau").
_NAME_SEPARATOR = regex.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*/\s*|\s*&\s*")


def names_in(actor: str) -> list[str]:
    """The names a free-text actor lists, in its order, without a leading "the":
    "India and the United Kingdom" -> ["India", "United Kingdom"]. A name with "and" inside it
    ("Trinidad and Tobago") stays whole."""
    actor = " ".join(actor.split())
    if not actor:
        return []
    if _known(actor) is not None:
        return [_without_the(actor)]
    names = []
    for name in _NAME_SEPARATOR.split(actor):
        name = _without_the(name.strip())
        if name and name not in names:
            names.append(name)
    # "Bosnia and Herzegovina and Serbia": rejoin neighbours that make a known name.
    joined: list[str] = []
    for name in names:
        if joined and _known(f"{joined[-1]} and {name}") is not None:
            joined[-1] = f"{joined[-1]} and {name}"
        else:
            joined.append(name)
    return joined


def _without_the(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


def _known(name: str) -> Party | None:
    # Any form, demonyms and seats too: an actor field that says "British" means the UK.
    found = gazetteer().lookup.get(_without_the(name))
    return found[0] if found is not None else None


def parties_in(actor: str) -> list[Party | str]:
    """Each name in a free-text actor as the party it names, or as itself when no party of
    the table goes by it: "the UK" -> [United Kingdom]; "Pfizer/BioNTech" -> ["Pfizer",
    "BioNTech"]."""
    return [_known(name) or name for name in names_in(actor)]
