from __future__ import annotations

from decimal import Decimal

import pytest

from commitments.extraction import Amount
from commitments.extraction.amounts import find_amounts, pledged_amount


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("£70 million", "70000000", "GBP"),
        ("two hundred and fifty million Japanese Yen", "250000000", "JPY"),
        ("twenty-five billion dollars", "25000000000", "USD"),
        ("ninety million euros", "90000000", "EUR"),
        ("USD one million", "1000000", "USD"),
        ("£70m", "70000000", "GBP"),
        ("£3.5m", "3500000", "GBP"),
        ("$1.5bn", "1500000000", "USD"),
        ("$2 billion", "2000000000", "USD"),
        ("US$2 billion", "2000000000", "USD"),
        ("$50,000", "50000", "USD"),
        ("A$500m", "500000000", "AUD"),
        ("C$1.2 billion", "1200000000", "CAD"),
        ("€3bn", "3000000000", "EUR"),
        ("€4.5 billion", "4500000000", "EUR"),
        ("¥500 billion", "500000000000", "JPY"),
        ("₹10,000 crore", "100000000000", "INR"),
        ("₹1 lakh crore", "1000000000000", "INR"),
        ("Rs 5,000 crore", "50000000000", "INR"),
        ("Rs. 250 crore", "2500000000", "INR"),
        ("Rs 50 lakh", "5000000", "INR"),
        ("INR 1,200 crore", "12000000000", "INR"),
        ("USD 5 million", "5000000", "USD"),
        ("EUR 3bn", "3000000000", "EUR"),
        ("30 billion dollars", "30000000000", "USD"),
        ("4 million pounds", "4000000", "GBP"),
        ("5 crore rupees", "50000000", "INR"),
        ("2.5 million euros", "2500000", "EUR"),
        ("500 million Kenyan shillings", "500000000", "KES"),
        ("KSh 10 billion", "10000000000", "KES"),
        ("N500 billion", "500000000000", "NGN"),
        ("₦20bn", "20000000000", "NGN"),
        ("200 million Australian dollars", "200000000", "AUD"),
        ("1 trillion yen", "1000000000000", "JPY"),
        ("$5k", "5000", "USD"),
        ("a billion dollars", "1000000000", "USD"),
    ],
)
def test_reads_symbols_codes_words_and_multipliers(text: str, value: str, currency: str) -> None:
    mentions = find_amounts(f"The government will provide {text} for the project.")

    assert [m.amount for m in mentions] == [Amount(Decimal(value), currency)]


def test_value_is_a_whole_decimal_not_a_float() -> None:
    (mention,) = find_amounts("$1.5bn")

    assert mention.amount.value == Decimal("1500000000")
    assert str(mention.amount.value) == "1500000000"


def test_mention_offsets_point_at_the_figure() -> None:
    text = "It will confirm £70 million of funding."
    (mention,) = find_amounts(text)

    assert text[mention.start : mention.end] == mention.text == "£70 million"


@pytest.mark.parametrize(
    "text",
    [
        "They spent 20 years on it.",
        "A 1,000-kilometre pipeline.",
        "It grew 2.3 per cent.",
        "The 2030 Roadmap.",
        "He won 5 million votes.",
        "Nine months later.",
    ],
)
def test_numbers_without_currency_are_not_money(text: str) -> None:
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("will invest £5bn in trade worth £24bn last year", Amount(Decimal("5000000000"), "GBP")),
        ("will match bilateral trade, which is worth £24bn", None),
        ("pledged $2bn, up from $1bn last year", Amount(Decimal("2000000000"), "USD")),
        ("will provide €3bn towards the €10bn total", Amount(Decimal("3000000000"), "EUR")),
        ("exports of $150bn are expected to grow", None),
        ("an estimated $80bn market will be opened", None),
        # At least the sum is pledged; a comparison is not.
        ("will invest more than $200 million in its plant", Amount(Decimal("200000000"), "USD")),
        ("exports were higher than $5bn", None),
    ],
)
def test_pledged_amount_skips_statistics(clause: str, expected: Amount | None) -> None:
    found = pledged_amount(clause)

    assert (found.amount if found else None) == expected


def test_pledged_amount_prefers_the_figure_after_the_cue() -> None:
    clause = "With $3bn already spent, the bank will lend $500 million more"
    cue_end = clause.index("will") + len("will")

    found = pledged_amount(clause, after=cue_end)

    assert found is not None
    assert found.amount == Amount(Decimal("500000000"), "USD")


@pytest.mark.parametrize(
    ("clause", "value"),
    [
        ("will set up a new fund worth $2bn", "2000000000"),
        ("agreed a loan package totalling $500m", "500000000"),
        ("will sign a deal valued at $1.2bn", "1200000000"),
        ("The package, worth $2 billion, will be provided by Qatar", "2000000000"),
    ],
)
def test_the_size_of_a_fund_or_deal_is_pledged_money(clause: str, value: str) -> None:
    found = pledged_amount(clause)

    assert found is not None
    assert found.amount.value == Decimal(value)


def test_number_words_without_a_multiplier_are_not_money() -> None:
    assert find_amounts("one dollar a day for two hundred and fifty pounds of rice") == []


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("C$1.2-billion", 1_200_000_000, "CAD"),
        ("a $5-million grant", 5_000_000, "USD"),
        ("E£ 5 billion", 5_000_000_000, "EGP"),
        ("Tk 500 crore", 5_000_000_000, "BDT"),
        ("RM2 billion", 2_000_000_000, "MYR"),
        ("40 billion baht", 40_000_000_000, "THB"),
        ("NOK 200 million", 200_000_000, "NOK"),
        # "a" reads as a number word ("a million dollars"); before a code it is an article.
        ("signed a USD 320mn agreement", 320_000_000, "USD"),
    ],
)
def test_more_shapes_and_currencies_are_read(text: str, value: int, currency: str) -> None:
    (found,) = find_amounts(text)

    assert (found.amount.value, found.amount.currency) == (value, currency)


@pytest.mark.parametrize(
    ("clause", "value"),
    [
        ("will raise its grant from $5 million to $8 million", "8000000"),
        ("will increase its aid from $5 million, announced earlier, to $25 million", "25000000"),
        ("has raised its aid to $25 million from the $5 million it announced", "25000000"),
    ],
)
def test_a_sum_raised_from_one_level_to_another_is_the_new_level(clause: str, value: str) -> None:
    found = pledged_amount(clause)

    assert found is not None
    assert found.amount == Amount(Decimal(value), "USD")


@pytest.mark.parametrize(
    "clause",
    [
        "vowed to raise bilateral trade to $20 billion by 2020",
        "agreed to lift two-way trade turnover to $5 billion",
        "aims to boost exports to $2 billion a year",
    ],
)
def test_a_level_trade_is_to_reach_is_a_target_not_a_pledged_sum(clause: str) -> None:
    assert pledged_amount(clause) is None


def test_the_original_sum_wins_over_its_conversion_in_brackets() -> None:
    found = pledged_amount("will allocate 50 billion Saudi Riyals ($13.3 billion) to the banks")

    assert found is not None
    assert found.amount == Amount(Decimal("50000000000"), "SAR")


def test_a_sum_only_on_a_condition_is_not_the_one_pledged() -> None:
    clause = (
        "The 1.4 billion euros will be invested through 2021, and the capacity would grow to "
        "300,000 with an extra 500 million euros."
    )
    cue_end = clause.index("will") + len("will")

    found = pledged_amount(clause, after=cue_end)

    assert found is not None
    assert found.amount == Amount(Decimal("1400000000"), "EUR")


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("SR 500 million", 500_000_000, "SAR"),
        ("KD 10 million", 10_000_000, "KWD"),
        ("QR50m", 50_000_000, "QAR"),
    ],
)
def test_gulf_currency_signs_are_read(text: str, value: int, currency: str) -> None:
    (found,) = find_amounts(text)

    assert (found.amount.value, found.amount.currency) == (value, currency)
