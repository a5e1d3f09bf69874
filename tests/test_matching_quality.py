"""The matching set keeps its measured quality: progress statements found, and follow-ups
matched to the right tracked pledge, through the selector the review step uses.

The floors are the figures reached on each split, rounded down (the wrong suggestions per 10
unrelated articles are a ceiling, rounded up): a change that lowers one fails here.
`python bench/matching_quality.py --verbose` prints the figures and, for dev, the errors
behind them. The issue's targets: statement recall and precision 0.85, the right pledge first
for 0.90 of follow-ups, fewer than 1 wrong suggestion per 10 unrelated articles.
"""

from __future__ import annotations

import pytest

from tests.extraction.matching_quality import measure, track_originals

pytestmark = pytest.mark.django_db

FLOORS = {
    # Reached with the rules for events, laws, feelings and descriptions told with done-verbs,
    # arrivals and shares received, signings read against the tracked pledges, pledges found
    # by two shared parties, the act, sum, number and time a statement shares with a pledge,
    # and news soon after a pledge read as about it. Measured against every dev pledge of the
    # corpus; a word is weighed among the pledges sharing the statement's parties, so "bridge"
    # still tells Nigeria's bridge apart when other countries' pledges use it too (with a
    # second statement of the article behind it). The progress model adds the news told in
    # wording no phrase has, counted when a tracked pledge is about it; on dev one such
    # statement goes to the article's main pledge, as the signings beside it do, rather than
    # to the pledge to sign. Trained again with the 25 new dev texts of the corpus, the model
    # finds one more test statement whose first suggestion is right (6 of 9 follow-ups) and
    # one whose first suggestion is wrong (precision at 1: 5 of 6).
    "dev": {
        "statement recall": 0.92,
        "statement precision": 0.89,
        "precision at 1": 0.91,
        "match recall": 0.79,
        "first suggestion right": 0.93,
    },
    "test": {
        "statement recall": 0.42,
        "statement precision": 0.50,
        "precision at 1": 0.83,
        "match recall": 0.26,
        "first suggestion right": 0.66,
    },
}
WRONG_PER_10_UNRELATED = {"dev": 0.0, "test": 4.3}


@pytest.mark.parametrize("split", ["dev", "test"])
def test_matching_stays_at_or_above_its_floors(split: str) -> None:
    figures = measure(split, track_originals()).figures()

    below = {
        name: round(figures[name], 3)
        for name, floor in FLOORS[split].items()
        if figures[name] + 1e-9 < floor
    }
    assert below == {}, f"{split} fell below its floors: {below} (floors {FLOORS[split]})"
    assert figures["wrong per 10 unrelated"] <= WRONG_PER_10_UNRELATED[split] + 1e-9
