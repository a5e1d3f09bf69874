"""The progress model: its stored weights are current, it proposes news of progress the
phrases miss, only to be matched, and it leaves pledges, background and opinion alone."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from commitments.extraction import progress_model
from commitments.extraction.progress import KINDS, find_progress
from commitments.extraction.vocabulary.progress import PROGRESS_WORDS
from tests.extraction.test_matching_set import SUGGESTS

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2024, 6, 1)
# Unseen in training, and in wording no progress phrase has: news of work going on.
PROGRESS = (
    "Work on the second phase of the Nairobi Railway City station has now reached 60 percent, "
    "Kenya Railways said."
)


def test_the_stored_weights_are_those_a_fresh_training_gives():
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "train_progress.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_a_sentence_no_phrase_takes_is_proposed_to_be_matched():
    assert find_progress(PROGRESS, TODAY, learned=False) == []

    (statement,) = find_progress(PROGRESS, TODAY)

    assert statement.learned
    assert statement.needs_match  # progress only if a tracked pledge is about it
    assert statement.quote == PROGRESS
    assert (statement.kind, statement.suggests) == ("under_way", "in_progress")
    assert "Kenya" in statement.parties


@pytest.mark.parametrize(
    "sentence",
    [
        "Japan will provide $5 million to build schools in Kenya.",
        "Canada pledged $20 million for the new clinic.",
        "The minister praised the long friendship between the two countries.",
        "The first bridge over the river was built by the colonial government in 1958.",
    ],
)
def test_pledges_background_and_opinion_are_not_proposed(sentence):
    assert progress_model.probability(sentence, TODAY) < progress_model.THRESHOLD
    assert find_progress(sentence, TODAY) == []


def test_a_delay_the_model_takes_is_told_as_a_delay():
    assert progress_model.kind_of("Work on the road has stalled since the rains.") == (
        "delayed",
        "stalled",
        "stalled",
    )


def test_every_progress_word_tells_a_kind_a_status_can_follow():
    words = [w.word for w in PROGRESS_WORDS]
    assert len(words) == len(set(words)), "a word is listed twice"
    for word in PROGRESS_WORDS:
        assert word.word == word.word.lower().strip()
        if word.kind:
            assert word.kind in KINDS
            assert word.suggests in SUGGESTS[word.kind], word
        else:
            assert word.suggests == ""
