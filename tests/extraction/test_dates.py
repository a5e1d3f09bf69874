from __future__ import annotations

from datetime import date

import pytest

from commitments.extraction import extract
from commitments.extraction.dates import find_anchor, find_due_date

THURSDAY = date(2022, 3, 31)


@pytest.mark.parametrize(
    ("text", "due", "phrase"),
    [
        ("will be in India on Thursday", date(2022, 3, 31), "on Thursday"),
        ("will sign the deal on Friday", date(2022, 4, 1), "on Friday"),
        ("will sign the deal next Thursday", date(2022, 4, 7), "next Thursday"),
        ("will meet next week, officials said", date(2022, 4, 8), "next week"),
        ("will publish it this month", date(2022, 3, 31), "this month"),
        ("by the end of this month", date(2022, 3, 31), "by the end of this month"),
        ("will deliver it next month", date(2022, 4, 30), "next month"),
        ("later this year", date(2022, 12, 31), "later this year"),
        ("by the end of the year", date(2022, 12, 31), "by the end of the year"),
        ("early next year", date(2023, 3, 31), "early next year"),
        ("by 2030", date(2030, 12, 31), "by 2030"),
        ("by end-2025", date(2025, 12, 31), "by end-2025"),
        ("by March 2025", date(2025, 3, 31), "by March 2025"),
        ("by the end of March", date(2022, 3, 31), "by the end of March"),
        ("in the next three years", date(2025, 3, 31), "in the next three years"),
        ("over the next decade", date(2032, 3, 31), "over the next decade"),
        ("within six months", date(2022, 9, 30), "within six months"),
        ("in six months' time", date(2022, 9, 30), "in six months' time"),
        ("within 12 months", date(2023, 3, 31), "within 12 months"),
        ("over five years", date(2027, 3, 31), "over five years"),
        ("on 15 April", date(2022, 4, 15), "on 15 April"),
        ("by April 15, 2023", date(2023, 4, 15), "by April 15, 2023"),
        ("before 24 February", date(2023, 2, 24), "before 24 February"),
        ("in the third quarter of 2023", date(2023, 9, 30), "in the third quarter of 2023"),
        ("by 2025-26", date(2026, 3, 31), "by 2025-26"),
        ("in FY2025-26", date(2026, 3, 31), "in FY2025-26"),
        ("tomorrow", date(2022, 4, 1), "tomorrow"),
        ("by the end of the decade", date(2029, 12, 31), "by the end of the decade"),
        ("by 15/06/2023", date(2023, 6, 15), "by 15/06/2023"),
        ("by the middle of next year", date(2023, 7, 2), "by the middle of next year"),
        ("by the summer", date(2022, 8, 31), "by the summer"),
        ("over the coming decade", date(2032, 3, 31), "over the coming decade"),
        ("in the first half of 2024", date(2024, 7, 1), "in the first half of 2024"),
        ("by the end of 2025", date(2025, 12, 31), "by the end of 2025"),
        ("July 2025", date(2025, 7, 31), "July 2025"),
        ("from July 1", date(2022, 7, 1), "from July 1"),
    ],
)
def test_resolves_against_the_publication_date(text: str, due: date, phrase: str) -> None:
    found = find_due_date(text, THURSDAY)

    assert found is not None
    assert (found.when, found.text) == (due, phrase)


def test_trailing_punctuation_does_not_break_a_phrase() -> None:
    found = find_due_date("The leaders meet next week, then again in June.", THURSDAY)

    assert found is not None
    assert found.text == "next week"


@pytest.mark.parametrize(
    "text",
    [
        "her visit last October",
        "the 2030 Roadmap was agreed",
        "since 2015",
        "has been a priority for years",
        "it took two years to build",
        "The talks were held on Monday last week",
        "the agreement signed in 2019",
        "Officials may act",
        "to achieve its Vision 2030 objective",
    ],
)
def test_past_and_non_deadline_phrases_give_no_due_date(text: str) -> None:
    assert find_due_date(text, THURSDAY) is None


def test_last_month_name_is_in_the_past() -> None:
    anchor = find_anchor("following her visit last October", THURSDAY)

    assert anchor is not None
    assert anchor.first == date(2021, 10, 1)


def test_a_period_counts_from_the_date_the_sentence_is_told_from() -> None:
    sentence = (
        "In May 2021, the two leaders made a commitment to strengthen work over the next decade."
    )
    anchor = find_anchor(sentence, THURSDAY)
    assert anchor is not None

    found = find_due_date(sentence, THURSDAY, anchor=anchor.first)

    assert found is not None
    assert found.text == "over the next decade"
    assert (found.when.year, found.when.month) == (2031, 5)


def test_an_ignored_phrase_is_skipped_for_the_next_one() -> None:
    text = "agreed on Wednesday to finish the road by 2026"
    position = text.index("on Wednesday")

    found = find_due_date(text, THURSDAY, ignore=lambda start, _end: start == position)

    assert found is not None
    assert found.when == date(2026, 12, 31)


def test_month_without_year_looks_forward_for_a_pledge() -> None:
    found = find_due_date("will hold elections in February", THURSDAY)

    assert found is not None
    assert found.when == date(2023, 2, 28)


def test_may_the_modal_verb_is_not_the_month() -> None:
    assert find_due_date("the ministry may extend the scheme", THURSDAY) is None


@pytest.mark.parametrize(
    ("text", "due", "phrase"),
    [
        ("with $1m for the period of 2022-2023", date(2023, 12, 31), "for the period of 2022-2023"),
        ("will spend $5m between 2024 and 2026", date(2026, 12, 31), "between 2024 and 2026"),
        ("to cover needs for up to 2023", date(2023, 12, 31), "for up to 2023"),
        # Two years with the second cut short are a financial year, as Indian budgets write it.
        ("in the 2022-23 budget", date(2023, 3, 31), "in the 2022-23"),
    ],
)
def test_a_run_of_years_ends_with_the_last_of_them(text: str, due: date, phrase: str) -> None:
    found = find_due_date(text, THURSDAY)

    assert found is not None
    assert (found.when, found.text) == (due, phrase)


def test_the_day_a_news_agency_reported_a_pledge_is_not_its_deadline() -> None:
    (pledge,) = extract(
        "The central bank will allocate 50 billion riyals to support banks, the state news "
        "agency reported on Monday.",
        THURSDAY,
    )

    assert (pledge.due_date, pledge.due_text) == (None, "")


def test_the_end_of_a_quarter_is_a_deadline() -> None:
    found = find_due_date("disbursement before the end of the third quarter of 2022", THURSDAY)

    assert found is not None
    assert (found.when, found.text) == (
        date(2022, 9, 30),
        "before the end of the third quarter of 2022",
    )
