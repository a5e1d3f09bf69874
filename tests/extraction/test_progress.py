"""Progress statements: the vocabulary records agree with the engine, and the kinds read right."""

from __future__ import annotations

from datetime import date

import pytest

from commitments.extraction.progress import KINDS, find_progress
from commitments.extraction.vocabulary.progress import NOT_NEWS, PROGRESS_PHRASES
from tests.extraction.test_matching_set import SUGGESTS

TODAY = date(2025, 1, 10)


@pytest.mark.parametrize("phrase", PROGRESS_PHRASES, ids=lambda p: p.pattern[:30])
def test_every_record_finds_its_own_example(phrase):
    found = find_progress(phrase.example, TODAY)
    assert found, f"{phrase.example!r} is not found as progress"
    assert found[0].kind == phrase.kind
    assert phrase.kind in KINDS
    assert phrase.suggests in SUGGESTS[phrase.kind]


@pytest.mark.parametrize(
    "sentence",
    [
        "The two sides are expected to sign the agreement next month.",
        "The jets will be delivered in September.",
        "The first memorandum of understanding was inked in 2009.",
        "Will the loan be disbursed?",
    ],
)
def test_forecasts_questions_and_history_are_not_progress(sentence):
    assert find_progress(sentence, TODAY) == []


def test_a_statement_carries_its_span_parties_amount_and_status():
    text = "Kenya news.\n\nJapan and Kenya signed the $300 million loan agreement on Monday."
    (statement,) = find_progress(text, TODAY)
    assert text[statement.start : statement.end] == statement.quote
    assert statement.kind == "done" and statement.suggests == "fulfilled"
    assert {"Japan", "Kenya"} <= set(statement.parties)
    assert statement.amount is not None and statement.amount.currency == "USD"
    assert statement.amount.value == 300_000_000


def test_one_part_done_suggests_partly_fulfilled():
    (statement,) = find_progress("The EU has disbursed the first tranche of the loan.", TODAY)
    assert statement.suggests == "partially_fulfilled"


def test_a_month_named_may_is_no_hedge():
    (statement,) = find_progress("In May, the EU disbursed the loan to Ukraine.", TODAY)
    assert statement.kind == "done"
    assert find_progress("The EU may disburse the loan to Ukraine.", TODAY) == []


@pytest.mark.parametrize("shape", NOT_NEWS, ids=lambda n: n.pattern[:30])
def test_events_laws_feelings_and_descriptions_are_not_progress(shape):
    assert find_progress(shape.example, TODAY) == [], f"{shape.example!r} read as progress"
    assert shape.where in {"before", "left", "after", "clause", "around", "setting"}
    assert shape.why in {"background", "forecast", "opinion", "other party"}


@pytest.mark.parametrize(
    "sentence",
    [
        "The naval exercise began on Monday, and the EU disbursed the first tranche.",
        "The minister opened the new bridge on Friday.",
        "Speaking at the event, the minister said the bridge was completed.",
        "Only 13 countries have implemented the tax that was adopted in Kigali in July 2016.",
        "The early works that have commenced cover a footbridge.",
    ],
)
def test_news_beside_those_shapes_is_still_progress(sentence):
    assert find_progress(sentence, TODAY), f"{sentence!r} is progress"


def test_a_present_tense_with_a_later_day_is_a_forecast():
    assert find_progress("The agreement comes into effect on January 1.", date(2020, 12, 31)) == []
    assert find_progress("The agreement comes into effect today.", date(2020, 12, 31))


def test_money_being_transferred_is_under_way_not_delivered():
    (statement,) = find_progress("The funds are being transferred to Ukraine.", TODAY)
    assert statement.kind == "under_way"


def test_a_country_named_only_inside_a_bridge_name_is_no_party():
    text = "Bridge news.\n\nThe Second Niger Bridge has been completed, Nigeria's minister said."
    (statement,) = find_progress(text, TODAY)
    assert "Niger" not in statement.parties
    assert "Nigeria" in statement.parties
