"""The real-article corpus: its gold files are sound, and extraction keeps its measured quality.

The floors are the figures reached on each split, rounded down: a change that lowers one fails
here. `python bench/extraction_quality.py` prints the figures and the errors behind them.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from commitments.choices import Status
from commitments.extraction import TOPICS as EXTRACTION_TOPICS
from tests.extraction.quality import (
    CORPUS,
    FIELDS,
    SECTIONS,
    TODAY,
    corpus_scores,
    gold_files,
    load_gold,
)

TOPICS = {code for code, _label in EXTRACTION_TOPICS}
CURRENCY = re.compile(r"^[A-Z]{3}$")
STATUSES = set(Status.values)

FLOORS = {
    # Reached with the rules for lists, series of acts and of sums, quoted passages,
    # point-form headers, companies and channels, datelines, unplaced people, relative
    # clauses in the subject, lists of signed agreements, sums in the passive and the
    # present, unresolved actors, and pledges told as made before the news
    # (`bench/extraction_quality.py`). Actor 0.84 -> 0.81 is not an actor lost: the same 22
    # actors are right, and one more pledge is now found (27 of 43) whose actor is wrong.
    # Counterparty 0.77 -> 0.81: a currency sign spelt with a party's letters ("US$") names
    # no party. Recall 0.62 -> 0.65, precision 0.80 -> 0.82, actor and counterparty 0.81 ->
    # 0.82, topic 0.66 -> 0.67: leaders, states or nations named only as a group are kept
    # (for the body they meet in, or for review), trips are itineraries, and the export
    # credit banks are parties of their own.
    "test": {
        "recall": 0.65,
        "precision": 0.82,
        "actor": 0.82,
        "counterparty": 0.82,
        "amount": 0.85,
        "due": 0.92,
        "topic": 0.67,
    },
    # Dev grew by 25 texts annotated before the extractor was run (wire copy, bulleted pledge
    # lists, loans of development banks and Gulf funds, company investments, and precision traps:
    # aid already handed over, tallies, aims, policy reviews); its floors are the level reached on
    # all 127 with the rules for governing parties, "their respective governments", a party right
    # before "which", places inside a country's name and each list item's own receiver; then
    # the field rules: bodies named for a country, companies described by nationality, unnamed
    # groups of pledgers, new levels and conditional sums, runs of years, and the article's
    # field for money given for none.
    "dev": {
        "recall": 0.84,
        "precision": 0.82,
        "actor": 0.92,
        "counterparty": 0.72,
        "amount": 0.99,
        "due": 0.96,
        "topic": 0.77,
    },
    "seed": {"recall": 1.0, "precision": 1.0, **dict.fromkeys(FIELDS, 1.0)},
}

GOLD = gold_files()


def _text(gold: dict) -> str:
    return (CORPUS / gold["article"]).read_text(encoding="utf-8")


def test_the_corpus_is_large_enough_and_split() -> None:
    splits = [load_gold(path)["split"] for path in GOLD]

    assert len(splits) >= 60
    assert splits.count("test") >= 20
    assert set(splits) == {"dev", "test"}


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_gold_file_is_verbatim_and_well_formed(path: Path) -> None:
    gold = load_gold(path)
    text = _text(gold)
    first_line = text.split("\n", 1)[0]

    assert gold["article"] == path.name.replace(".expected.json", ".txt")
    assert first_line == f"date {gold['published_on']}"
    published = date.fromisoformat(gold["published_on"])
    assert published <= TODAY
    assert {"outlet", "url", "kind", "obtained"} <= set(gold["source"])
    keys = []
    for section in SECTIONS:
        for entry in gold[section]:
            keys.append(entry["key"])
            for phrase in [entry["key"], entry["quote"], *entry.get("alt_quotes", [])]:
                assert phrase in text, f"{section}: not verbatim: {phrase!r}"
            assert entry["key"] in entry["quote"] or any(
                entry["key"] in alt for alt in entry.get("alt_quotes", [])
            ), f"{section}: key outside its quote: {entry['key']!r}"
    for entry in gold["commitments"]:
        assert entry["topic"] in TOPICS, entry["topic"]
        amount = entry["amount"]
        if amount is not None:
            assert amount["text"] in text, f"amount not verbatim: {amount['text']!r}"
            assert CURRENCY.match(amount["currency"]), amount["currency"]
            assert amount["value"] > 0
        if entry["due_phrase"] is not None:
            assert entry["due_phrase"] in text, f"due phrase not verbatim: {entry['due_phrase']!r}"
        if entry["due"] is not None:
            assert date.fromisoformat(entry["due"]) >= published, entry["due"]
    for entry in gold["progress_updates"]:
        assert entry["suggests"] in STATUSES, entry["suggests"]
    assert len(keys) == len(set(keys)), "a key is used twice"


@pytest.mark.parametrize("split", ["test", "dev", "seed"])
def test_quality_stays_at_or_above_its_floors(split: str) -> None:
    score = corpus_scores()[split]
    floors = FLOORS[split]

    measured = {"recall": score.recall, "precision": score.precision}
    measured |= {name: score.accuracy(name) for name in FIELDS}
    below = {k: round(v, 3) for k, v in measured.items() if v + 1e-9 < floors[k]}
    assert below == {}, f"{split} fell below its floors: {below} (floors {floors})"
