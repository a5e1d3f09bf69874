"""Free-text actors read as parties (plain Python, no database), and the party codes and
kinds kept in step with the party records."""

from __future__ import annotations

import pytest

from commitments.extraction.parties import Party, names_in, parties_in
from commitments.extraction.vocabulary.parties import PARTIES
from commitments.extraction.vocabulary.party_codes import BODY_KINDS, ISO_CODES


def _names(actor: str) -> list[str]:
    return [p.name if isinstance(p, Party) else f"?{p}" for p in parties_in(actor)]


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("United Kingdom and India", ["United Kingdom", "India"]),
        ("India and the United Kingdom", ["India", "United Kingdom"]),
        ("the UK", ["United Kingdom"]),
        ("British", ["United Kingdom"]),
        ("US, Japan and the EU", ["United States", "Japan", "European Union"]),
        ("Trinidad and Tobago", ["Trinidad and Tobago"]),
        ("Bosnia and Herzegovina and Serbia", ["Bosnia and Herzegovina", "Serbia"]),
        ("Pfizer/BioNTech", ["?Pfizer", "?BioNTech"]),
        ("", []),
    ],
)
def test_an_actor_text_reads_as_its_parties_in_order(actor, expected):
    assert _names(actor) == expected


def test_a_name_listed_twice_is_read_once():
    assert names_in("India and India") == ["India"]


def test_every_country_has_one_iso_code_and_every_body_a_kind():
    countries = {r.name for r in PARTIES if r.kind == "country"}
    bodies = {r.name for r in PARTIES if r.kind == "body"}
    assert set(ISO_CODES) == countries
    assert set(BODY_KINDS) == bodies
    codes = list(ISO_CODES.values())
    assert len(codes) == len(set(codes))
    assert all(len(code) == 3 and code.isupper() for code in codes)
    assert set(BODY_KINDS.values()) <= {"international", "regional", "bank"}
