"""Pledges are filed under the field their own words name."""

from __future__ import annotations

import pytest

from commitments.extraction.topics import topic_for


@pytest.mark.parametrize(
    ("wording", "topic"),
    [
        ("provide a $1.2bn loan for the Mombasa-Nairobi railway", "infrastructure"),
        ("fund a €40 million water supply project in three towns", "infrastructure"),
        ("upgrade the port of Beira and build two bridges", "infrastructure"),
        ("send $300 million in humanitarian aid to displaced families", "humanitarian"),
        ("deliver emergency food and shelter after the earthquake", "humanitarian"),
        ("help 20,000 smallholder farmers with seeds and irrigation", "agriculture"),
        ("strengthen food security through a fertiliser programme", "agriculture"),
        ("lend £200m to the central bank to refinance its debt", "finance"),
        ("give €50 million to refugees in neighbouring countries", "humanitarian"),
        ("offer $4 million in nutritional assistance to mothers", "humanitarian"),
        ("donate $9 million to the World Food Programme's appeal", "humanitarian"),
        ("fund the repair of the country's water infrastructures", "infrastructure"),
        ("set aside $20m for building 120 houses for families", "infrastructure"),
    ],
)
def test_topic_follows_the_field_the_pledge_names(wording: str, topic: str) -> None:
    assert topic_for(wording) == topic


def test_the_field_named_in_the_object_of_the_pledge_outweighs_its_purpose() -> None:
    wording = "ten million euros in humanitarian aid to help fight hunger and improve public health"
    assert topic_for(wording) == "humanitarian"


def test_how_a_sum_is_given_does_not_outweigh_what_it_is_for() -> None:
    assert topic_for("a USD 525-million loan for upgrading rural roads and bridges") == (
        "infrastructure"
    )
    assert topic_for("EUR 120 million for financial cooperation projects") == "finance"
