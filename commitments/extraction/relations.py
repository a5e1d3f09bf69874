"""Names that stand for a party in news of a pledge's progress, read from
`vocabulary/relations.py`: the subsidiary or agency doing the work, the leader named by
title, the member paying its share of a group's pledge. Plain Python, no Django.
"""

from __future__ import annotations

from functools import cache

import regex

from .vocabulary.relations import LEADERS, RELATIONS

__all__ = ["groups_of", "stand_ins"]

# Members stand for their group only when matched to the group's pledge; a subsidiary or an
# agency always stands for its party.
_ACTING = ("subsidiary", "agency")


@cache
def _acting_pattern() -> tuple[regex.Pattern[str], dict[str, str]]:
    forms: dict[str, str] = {}
    for r in RELATIONS:
        if r.how in _ACTING:
            for form in (r.name, *r.aliases):
                forms[form] = r.party
    names = "|".join(regex.escape(f) for f in sorted(forms, key=len, reverse=True))
    return regex.compile(rf"\b(?:{names})\b"), forms


@cache
def _leader_patterns() -> tuple[tuple[regex.Pattern[str], regex.Pattern[str], int], ...]:
    out = []
    for n, leader in enumerate(LEADERS):
        surname = regex.escape(leader.surname)
        full = regex.escape(leader.name).replace(r"\ ", r"\s+")
        # Named in full, or by title and surname ("President Buhari", "King Felipe").
        introduced = regex.compile(
            rf"\b(?:{full}|{regex.escape(leader.title)}\s+(?:[A-Z]\w+\s+){{0,2}}{surname})\b"
        )
        out.append((introduced, regex.compile(rf"\b{surname}\b"), n))
    return tuple(out)


def stand_ins(text: str, year: int) -> list[tuple[int, int, str]]:
    """(start, end, party) for every name in `text` that stands for a party: a subsidiary or
    agency, and a leader in office in `year` once the text has introduced them by title."""
    pattern, forms = _acting_pattern()
    found = [(m.start(), m.end(), forms[m.group(0)]) for m in pattern.finditer(text)]
    for introduced, surname, n in _leader_patterns():
        leader = LEADERS[n]
        if not leader.in_office(year) or introduced.search(text) is None:
            continue
        found += [(m.start(), m.end(), leader.party) for m in surname.finditer(text)]
    return sorted(found)


@cache
def groups_of(party: str) -> tuple[str, ...]:
    """The groups whose pledges `party` pays or delivers a share of."""
    return tuple(r.party for r in RELATIONS if r.how == "member" and r.name == party)
