"""A learned reader of progress statements, for the sentences no progress phrase takes.

The phrases of `vocabulary/progress.py` name the wording of progress one form at a time; news
copy has more forms than any list ("the last batch touched down", "works are now 60%
complete"). This model weighs a sentence's words and general shapes (told as done or going on,
a verb of something done or begun, a delay, a plan, a sum, a year before the news) as the
annotated dev texts taught it, and proposes a sentence only when it is nearly sure. Its weights
are data (`progress_model.json`), written by `bench/train_progress.py`; nothing is learned at
run time.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import regex

from .learning import Model, word_features
from .vocabulary.calendar import MONTHS, WEEKDAYS
from .vocabulary.progress import PROGRESS_WORDS, ProgressWord

__all__ = ["MODEL_PATH", "THRESHOLD", "features", "kind_of", "probability", "proposes"]

MODEL_PATH = Path(__file__).with_name("progress_model.json")
# The least probability a sentence needs: chosen by cross-validation on the dev texts
# (`bench/train_progress.py --cross-validate`), where below it the sentences the model would
# add are more often wrong than right.
THRESHOLD = 0.9


def _pattern(words: list[str]) -> regex.Pattern[str]:
    forms = (regex.escape(w).replace(r"\ ", r"\s+") for w in words)
    return regex.compile(r"\b(?:" + "|".join(forms) + r")\b", regex.IGNORECASE)


_SIGN_WORDS = {
    sign: _pattern([w.word for w in PROGRESS_WORDS if w.sign == sign])
    for sign in sorted({w.sign for w in PROGRESS_WORDS})
}
_KIND_WORDS = tuple((_pattern([w.word]), w) for w in PROGRESS_WORDS if w.kind)
# "has been completed", "were delivered": an auxiliary before a past participle.
_TOLD_DONE = regex.compile(
    r"\b(?:has|have|had|was|were|been|is|are)\s+(?:\w+ly\s+)?(?:been\s+)?\w+(?:ed|en|un)\b", regex.I
)
_GOING_ON = regex.compile(
    r"\b(?:is|are|was|were)\s+(?:now\s+|still\s+)?(?:being\s+)?\w+ing\b", regex.I
)
_MONEY = regex.compile(r"[$£€¥₹]|\b(?:million|billion|bn|crore|trillion)\b", regex.I)
_PERCENT = regex.compile(r"\d\s*(?:%|per\s*cent|percent)", regex.I)
_YEAR = regex.compile(r"\b(?:19|20)\d\d\b")
_DAY = regex.compile(r"\b(?:" + "|".join([m.name for m in MONTHS] + list(WEEKDAYS)) + r")\b")
_QUOTE = regex.compile(r"[“”\"]")


def features(sentence: str, published_on: date) -> list[str]:
    """The sentence's words (from `word_features`) and its shapes."""
    signs = [sign for sign, pattern in _SIGN_WORDS.items() if pattern.search(sentence)]
    shapes = [f"s:{sign}" for sign in signs]
    shapes += [f"s2:{a}+{b}" for i, a in enumerate(signs) for b in signs[i + 1 :]]
    if _TOLD_DONE.search(sentence):
        shapes.append("s:told_done")
    if _GOING_ON.search(sentence):
        shapes.append("s:going_on")
    if _MONEY.search(sentence):
        shapes.append("s:money")
    if _PERCENT.search(sentence):
        shapes.append("s:percent")
    for year in {int(y) for y in _YEAR.findall(sentence)}:
        if year < published_on.year - 1:
            shapes.append("s:year_before")
        elif year > published_on.year:
            shapes.append("s:year_ahead")
        else:
            shapes.append("s:year_now")
    if _DAY.search(sentence):
        shapes.append("s:day_named")
    if _QUOTE.search(sentence):
        shapes.append("s:quoted")
    shapes.append(f"s:words_{min(len(sentence.split()) // 12, 4)}")
    # Words, not word pairs: a few hundred annotated sentences see too few pairs twice.
    words = [f for f in word_features(sentence) if f.startswith("w:")]
    return words + shapes


@cache
def _model() -> Model:
    return Model.load(MODEL_PATH)


def probability(sentence: str, published_on: date) -> float:
    return _model().probability(features(sentence, published_on))


def proposes(sentence: str, published_on: date) -> bool:
    return probability(sentence, published_on) >= THRESHOLD


def kind_of(sentence: str) -> tuple[str, str, str]:
    """The kind, suggested status and telling word of a sentence the model takes: from its
    first word that tells a kind, else news of work going on."""
    best: tuple[int, ProgressWord, str] | None = None
    for pattern, word in _KIND_WORDS:
        match = pattern.search(sentence)
        if match is not None and (best is None or match.start() < best[0]):
            best = (match.start(), word, match.group(0))
    if best is None:
        return "under_way", "in_progress", ""
    return best[1].kind, best[1].suggests, best[2]
