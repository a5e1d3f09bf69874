"""The seed article and our own sample articles against what an analyst would log."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from commitments.extraction import Amount, extract, read_article
from tests.extraction.expectations import DATA, ROOT, compare, load

TODAY = date(2026, 1, 1)
SEED = ROOT / "data" / "articles" / "2022-03-31-truss-india-visit.txt"
SAMPLES = sorted(p for p in (DATA / "articles").iterdir() if p.suffix in {".txt", ".html"})


def _extract(path: Path):
    article = read_article(path.read_bytes(), filename=path.name, today=TODAY)
    assert article.published_on is not None
    return article, extract(article.body, article.published_on)


@pytest.fixture(scope="module")
def seed():
    article, candidates = _extract(SEED)
    return article, candidates, compare(candidates, load(f"{SEED.stem}.expected.json"))


def test_seed_finds_every_pledge_in_its_own_candidate(seed) -> None:
    _, _, report = seed

    assert report.missing == []
    assert report.shared == []


def test_seed_proposes_no_non_pledge_and_at_most_one_extra(seed) -> None:
    _, _, report = seed

    assert report.proposed_non_pledges == []
    assert len(report.extra) <= 1, report.extra


def test_seed_actors_topics_amounts_and_dates_match(seed) -> None:
    _, _, report = seed

    assert report.mismatches == []


def test_seed_funding_pledge_in_detail(seed) -> None:
    _, _, report = seed
    funding = report.matched["£70 million"]

    assert funding.amount == Amount(Decimal("70000000"), "GBP")
    assert funding.actor == "United Kingdom"
    assert funding.counterparty == "India"
    assert funding.topic == "energy"
    assert funding.due_date is None
    assert funding.title == "Confirm £70m of BII funding to support renewable energy use in India"


def test_seed_dates_resolve_from_the_visit_and_the_stated_year(seed) -> None:
    _, _, report = seed

    talks = report.matched["defence-related trade"]
    assert talks.due_date == date(2022, 3, 31)
    assert talks.due_text == "During her trip"
    commitment = report.matched["made a commitment to strengthen work"]
    assert (commitment.due_date.year, commitment.due_date.month) == (2031, 5)
    assert commitment.due_text == "over the next decade"
    assert commitment.cue == "made a commitment to"


def test_seed_two_pledges_in_one_sentence_are_split(seed) -> None:
    _, _, report = seed

    deepen = report.matched["deepen cybersecurity and defence cooperation"]
    programme = report.matched["joint cybersecurity programme"]
    assert deepen.end <= programme.start
    assert programme.quote == "announce a new joint cybersecurity programme"
    assert programme.actor == "United Kingdom"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_articles_match_the_analyst(path: Path) -> None:
    _, candidates = _extract(path)

    report = compare(candidates, load(f"articles/{path.stem}.expected.json"))

    assert report.missing == []
    assert report.shared == []
    assert report.proposed_non_pledges == []
    assert len(report.extra) <= 1, report.extra
    assert report.mismatches == []
