"""Pledges are filed under the field their own words name."""

from __future__ import annotations

from datetime import date

import pytest

from commitments.extraction import extract
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


@pytest.mark.parametrize(
    ("wording", "topic"),
    [
        (
            "provide 50 billion yen in low-interest loans to support its fight against COVID-19",
            "finance",
        ),
        (
            "allocate 50 billion riyals to strengthen the liquidity of the banking sector amid "
            "the COVID-19 crisis",
            "finance",
        ),
        ("contribute $50 million to the Pandemic Fund", "health"),
        ("send 2 million COVID-19 vaccines to Indonesia", "health"),
    ],
)
def test_a_pandemic_is_the_setting_of_a_loan_and_the_field_only_of_health_work(
    wording: str, topic: str
) -> None:
    assert topic_for(wording) == topic


@pytest.mark.parametrize(
    "wording",
    [
        "release €20 million in funding for water, food and medical care",
        "make €20 million available for the victims of the war",
    ],
)
def test_basic_needs_and_war_victims_are_humanitarian_aid(wording: str) -> None:
    assert topic_for(wording) == "humanitarian"


def test_money_for_no_named_field_takes_the_field_of_the_article() -> None:
    text = (
        "Donors met in Geneva to answer the humanitarian appeal for refugees displaced by the "
        "floods in Pakistan. Germany pledged $118 million."
    )

    assert [c.topic for c in extract(text, date(2023, 6, 1))] == ["humanitarian"]


@pytest.mark.parametrize(
    "wording",
    [
        "contribute €75 million to the NATO trust fund for Ukraine",
        "deploy 1,000 police officers to Haiti",
    ],
)
def test_nato_and_security_forces_are_defence(wording: str) -> None:
    assert topic_for(wording) == "defence"


def test_state_aid_for_a_plant_is_investment() -> None:
    assert topic_for("approved 130 million euros in state aid for the car plant") == "investment"
