from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from commitments.extraction import TOPICS, Amount, Candidate, extract
from commitments.extraction.titles import make_title

PUBLISHED = date(2023, 6, 1)
CODES = {code for code, _label in TOPICS}


def test_topics_are_the_project_vocabulary() -> None:
    assert [code for code, _ in TOPICS] == [
        "defence",
        "cyber_security",
        "technology",
        "maritime_security",
        "trade",
        "investment",
        "energy",
        "climate",
        "finance",
        "health",
        "education",
        "migration",
        "infrastructure",
        "humanitarian",
        "agriculture",
        "diplomacy",
        "other",
    ]


def test_empty_and_pledgeless_texts_give_nothing() -> None:
    assert extract("", PUBLISHED) == []
    assert extract("The talks ended on Friday. Trade grew 4 per cent last year.", PUBLISHED) == []


def test_candidates_are_in_text_order_with_verbatim_quotes() -> None:
    text = (
        "Canada will open an embassy in Kigali by 2025. Rwanda has pledged to host a trade "
        "fair.\n\nBoth countries will sign a health accord next month."
    )

    candidates = extract(text, PUBLISHED)

    assert [c.start for c in candidates] == sorted(c.start for c in candidates)
    assert len(candidates) == 3
    for c in candidates:
        assert isinstance(c, Candidate)
        assert text[c.start : c.end] == c.quote
        assert c.topic in CODES
        assert 0 <= c.confidence <= 1


def test_restatement_of_a_pledge_is_merged_keeping_the_clearest_quote() -> None:
    text = (
        "Britain will give £40m to Kenya for geothermal power, ministers said. Critics were "
        "unconvinced. It will provide the £40m for geothermal power over five years."
    )

    candidates = extract(text, PUBLISHED)

    assert len(candidates) == 1
    (only,) = candidates
    assert only.quote.startswith("Britain will give £40m")
    assert only.amount == Amount(Decimal("40000000"), "GBP")
    assert only.due_date == date(2028, 6, 1)


def test_distinct_pledges_by_one_party_are_not_merged() -> None:
    text = (
        "Japan will build a port in Sri Lanka. Japan will also train Sri Lankan coast guard "
        "officers. Japan will fund a new hospital in Colombo."
    )

    assert len(extract(text, PUBLISHED)) == 3


def test_amount_due_date_and_topic_come_from_the_pledge_clause() -> None:
    text = (
        "India's exports hit $450bn last year. "
        "India will invest Rs 5,000 crore in solar parks by 2030."
    )

    (pledge,) = extract(text, PUBLISHED)

    assert pledge.amount == Amount(Decimal("50000000000"), "INR")
    assert pledge.due_date == date(2030, 12, 31)
    assert pledge.due_text == "by 2030"
    assert pledge.topic == "energy"


def test_statement_time_is_not_a_due_date() -> None:
    text = "The United States and Japan agreed on Wednesday to deepen defence cooperation."

    (pledge,) = extract(text, date(2024, 4, 10))

    assert pledge.due_date is None


def test_wire_dateline_is_left_out_of_the_quote() -> None:
    text = "WASHINGTON, April 10 (Reuters) - Japan will contribute $3 billion to a chip fund."

    (pledge,) = extract(text, date(2024, 4, 10))

    assert pledge.quote == "Japan will contribute $3 billion to a chip fund."
    assert pledge.due_date is None


def test_weaker_cue_gives_lower_confidence() -> None:
    strong, weak = extract(
        "Brazil has pledged to end illegal logging by 2030. Brazil aims to double exports.",
        PUBLISHED,
    )

    assert weak.confidence < strong.confidence
    assert (strong.cue, weak.cue) == ("pledged", "aims to")


def test_conditional_pledge_is_less_certain() -> None:
    plain, conditional = extract(
        "Ghana will cut fuel duties. If parliament agrees, Ghana will cut import duties.",
        PUBLISHED,
    )

    assert conditional.confidence < plain.confidence


def test_question_is_not_a_pledge() -> None:
    assert extract("Will the UK provide the money in time?", PUBLISHED) == []


@pytest.mark.parametrize(
    ("predicate", "cue_words", "title"),
    [
        (
            "also confirm £70 million of British International Investment (BII) funding to "
            "support renewable energy use in India",
            "",
            "Confirm £70m of BII funding to support renewable energy use in India",
        ),
        (
            "hold talks to develop defence-related trade, including innovative security technology",
            "",
            "Hold talks to develop defence-related trade",
        ),
        ("$5bn for schools in Kenya", "has pledged", "Pledge $5bn for schools in Kenya"),
        (
            "be delivered through the bank over five years",
            "",
            "Money to be delivered through the bank over five years",
        ),
    ],
)
def test_titles_are_short_plain_summaries(predicate: str, cue_words: str, title: str) -> None:
    subject = "The money " if predicate.startswith("be ") else ""

    assert make_title(predicate, cue_words, subject=subject) == title


def test_long_titles_are_cut_at_a_word() -> None:
    title = make_title("build " + "new roads and bridges " * 10)

    assert len(title) <= 91
    assert title.endswith("…")
    assert not title.removesuffix("…").endswith(" and")


def test_short_titles_are_not_marked_as_cut() -> None:
    assert make_title("build new roads in Kenya") == "Build new roads in Kenya"


def test_restated_target_with_an_extra_word_is_merged() -> None:
    text = (
        "The government will complete 5,000 km of new tracks by March 2026, the minister said. "
        "Indian Railways carried 6.4 billion passengers last year. The government will complete "
        "5,000 km of new railway tracks by March 2026, Vaishnaw reiterated."
    )

    assert len(extract(text, PUBLISHED)) == 1


def test_agreed_on_keeps_its_particle_in_the_title() -> None:
    (only,) = extract("Egypt and the IMF agreed on a $3bn loan programme.", PUBLISHED)

    assert only.title == "Agree on a $3bn loan programme"
    assert only.actor == "Egypt and the IMF"


def test_same_wording_with_different_sums_or_partners_stays_apart() -> None:
    text = (
        "The UK will provide £5m to Kenya for schools. The UK will provide £10m to Kenya for "
        "schools. The UK will build clinics in Ghana. The UK will build clinics in Nigeria."
    )

    assert len(extract(text, PUBLISHED)) == 4


def test_numbered_joint_statement_points_are_quoted_without_their_number() -> None:
    text = (
        "1. Prime Minister Kishida paid an official visit to Ghana. Ghana welcomed him.\n\n"
        "2. Japan expressed its intention to provide grant aid of up to 2 billion yen for the "
        "Tema port.\n\n"
        "3. Both sides reaffirmed their commitment to a rules-based order and welcomed progress."
    )

    # Point 3 restates a commitment to a principle, with nothing to count or date: no pledge.
    (aid,) = extract(text, PUBLISHED)

    assert aid.quote.startswith("Japan expressed")
    assert aid.amount == Amount(Decimal("2000000000"), "JPY")
    assert aid.counterparty == "Ghana"


def test_acts_done_on_a_dated_visit_fall_due_on_its_date() -> None:
    text = (
        "Canada's trade minister Mary Ng will be in Kenya on Friday. During her visit, Ng will "
        "sign a trade pact with Kenya. She will also confirm C$20m of funding for Kenyan farmers."
    )

    sign, funding = extract(text, date(2023, 6, 1))  # a Thursday

    assert (sign.due_date, sign.due_text) == (date(2023, 6, 2), "During her visit")
    assert funding.due_date is None  # the money has no stated date
    assert sign.actor == funding.actor == "Canada"


@pytest.mark.parametrize(
    "sentence",
    [
        "Japan pledged $1.5 billion in loans to Kenya on Monday to upgrade the port.",
        "Canada announced today that it would fund ten new clinics in Ghana.",
        "Nigeria and Ghana agreed yesterday to open a joint consulate in Lome.",
    ],
)
def test_the_day_a_pledge_was_made_is_not_its_deadline(sentence: str) -> None:
    (pledge,) = extract(sentence, PUBLISHED)
    assert (pledge.due_date, pledge.due_text) == (None, "")


def test_a_deadline_given_with_a_past_tense_pledge_is_kept() -> None:
    (pledge,) = extract(
        "Japan pledged on Monday to build a geothermal plant in Kenya by 2027.", PUBLISHED
    )
    assert pledge.due_date == date(2027, 12, 31)
    assert pledge.due_text == "by 2027"


def test_rising_sea_levels_are_a_climate_pledge() -> None:
    (pledge,) = extract(
        "Australia has promised A$50 million to help Pacific nations adapt to rising sea levels.",
        PUBLISHED,
    )
    assert pledge.topic == "climate"
    assert pledge.amount == Amount(Decimal("50000000"), "AUD")
