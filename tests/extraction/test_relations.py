"""Who stands for a party: the records agree with the party table, and the reader uses them."""

from __future__ import annotations

from datetime import date

from commitments.extraction.progress import find_progress
from commitments.extraction.relations import groups_of, stand_ins
from commitments.extraction.vocabulary.parties import PARTIES
from commitments.extraction.vocabulary.relations import HOWS, LEADERS, RELATIONS

NAMES = {p.name for p in PARTIES}


def test_every_relation_and_leader_names_a_party_of_the_table():
    for relation in RELATIONS:
        assert relation.party in NAMES, relation
        assert relation.how in HOWS, relation
    for leader in LEADERS:
        assert leader.party in NAMES, leader
        assert leader.left_office is None or leader.took_office <= leader.left_office


def test_a_subsidiary_stands_for_its_parent():
    (statement,) = find_progress(
        "PowerCo has started construction on its new battery plant in Spain.", date(2023, 3, 17)
    )
    assert "Volkswagen" in statement.parties


def test_a_leader_named_by_title_stands_for_the_country_only_in_office():
    text = "President Buhari commissioned the bridge. Buhari said it was finished."
    assert [p for _s, _e, p in stand_ins(text, 2023)] == ["Nigeria", "Nigeria"]
    assert stand_ins(text, 2010) == []
    # A surname alone, never introduced by title or full name, is nobody in particular.
    assert stand_ins("Buhari said it was finished.", 2023) == []


def test_a_member_pays_its_share_of_the_groups_pledge():
    assert "G7" in groups_of("European Union")
    assert groups_of("Kenya") == ()


def test_a_monarch_is_named_by_title_and_first_name():
    text = "King Felipe laid the first stone of the plant."
    assert [p for _s, _e, p in stand_ins(text, 2023)] == ["Spain"]
