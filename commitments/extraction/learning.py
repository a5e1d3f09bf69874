"""A small linear classifier trained from the annotated corpus: `train`, `Model`.

Rules say what a pledge looks like; a model weighs the words and shapes the rules did not
name. It is logistic regression over sparse string features, trained by plain stochastic
gradient descent in a fixed order, so the same examples always give the same weights. A
trained model is data (a JSON file of weights beside the code that reads it); nothing is
learned or fetched at run time.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

_WORD = regex.compile(r"[\p{L}]+(?:['’][\p{L}]+)?|\d[\d,.]*|[$£€¥₹]")
_NUMBER = regex.compile(r"\d[\d,.]*")
_CURRENCY = frozenset("$£€¥₹")


def word_features(text: str, prefix: str = "w") -> list[str]:
    """Lower-cased words and word pairs, numbers as their shape ("<n>"), symbols as "<money>"."""
    words = []
    for match in _WORD.finditer(text):
        token = match.group(0)
        if token in _CURRENCY:
            words.append("<money>")
        elif _NUMBER.fullmatch(token):
            words.append("<year>" if len(token) == 4 and token[:2] in ("19", "20") else "<n>")
        else:
            words.append(token.lower())
    features = [f"{prefix}:{w}" for w in words]
    features += [f"{prefix}2:{a}_{b}" for a, b in itertools.pairwise(words)]
    return features


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    bias: float

    def probability(self, features: Iterable[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in set(features))
        return _sigmoid(z)

    def to_json(self) -> str:
        ordered = dict(sorted(self.weights.items()))
        return json.dumps({"bias": self.bias, "weights": ordered}, indent=0, sort_keys=False)

    def dump(self, path: Path) -> None:
        path.write_text(self.to_json() + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Model:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(weights=dict(data["weights"]), bias=float(data["bias"]))


def train(
    examples: Sequence[tuple[Sequence[str], bool]],
    *,
    epochs: int = 40,
    rate: float = 0.2,
    l2: float = 1e-4,
    min_count: int = 2,
) -> Model:
    """Fit weights to (features, label) pairs. Features seen fewer than `min_count` times are
    left out, so a word of one sentence cannot decide on its own."""
    counts: dict[str, int] = {}
    for features, _ in examples:
        for f in set(features):
            counts[f] = counts.get(f, 0) + 1
    kept = [([f for f in set(fs) if counts[f] >= min_count], y) for fs, y in examples]
    kept = [(sorted(fs), y) for fs, y in kept]
    weights: dict[str, float] = {}
    bias = 0.0
    positives = sum(1 for _, y in kept if y)
    # Classes are weighed equally, whatever their sizes.
    weight_of = {
        True: len(kept) / (2 * max(positives, 1)),
        False: len(kept) / (2 * max(len(kept) - positives, 1)),
    }
    for epoch in range(epochs):
        step = rate / (1 + epoch)
        for features, label in kept:
            z = bias + sum(weights.get(f, 0.0) for f in features)
            error = (_sigmoid(z) - (1.0 if label else 0.0)) * weight_of[label]
            bias -= step * error
            for f in features:
                w = weights.get(f, 0.0)
                weights[f] = w - step * (error + l2 * w)
    rounded = {f: round(w, 4) for f, w in weights.items() if abs(w) >= 5e-4}
    return Model(weights=rounded, bias=round(bias, 4))


def _sigmoid(z: float) -> float:
    if z < -30:
        return 0.0
    if z > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-z))
