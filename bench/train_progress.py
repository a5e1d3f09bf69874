"""Train the progress model from the annotated dev texts and store its weights.

    python bench/train_progress.py                    # retrain, write progress_model.json
    python bench/train_progress.py --check            # exit 1 if the stored weights are stale
    python bench/train_progress.py --cross-validate   # out-of-fold figures per threshold

Examples are the sentences of every dev-split text: the follow-up and unrelated texts of
`tests/extraction/matching/` and the corpus texts of `tests/extraction/corpus/` (with the
matching set's own originals). A sentence is a positive when it states an annotated progress
update (a restatement excepted: it reads as the pledge it repeats, and pledge proposals find
it), a negative otherwise: pledges, background, forecasts, opinion. Test-split texts are never
read. Training is deterministic, so `--check` retrains and compares: rerun this script after
changing a dev gold file, the progress words or the model's features.

`--cross-validate` trains on four fifths of the texts and reads the fifth, five times, and
prints, for the sentences no progress phrase takes, what the model would add at each
threshold: how many, how many of them right, and the positives still missed.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from commitments.extraction import read_article  # noqa: E402
from commitments.extraction.learning import Model, train  # noqa: E402
from commitments.extraction.progress import find_progress  # noqa: E402
from commitments.extraction.progress_model import MODEL_PATH, THRESHOLD, features  # noqa: E402
from commitments.extraction.sentences import split_sentences  # noqa: E402
from tests.extraction.quality import CORPUS, _locate  # noqa: E402

MATCHING = ROOT / "tests" / "extraction" / "matching"
FOLDS = 5
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97)
# Weights this small change no probability a reader would notice; left out, the file stays
# small.
SMALLEST_WEIGHT = 0.01
TRAINING = {"epochs": 20, "rate": 0.05, "l2": 3e-2, "min_count": 3}


@dataclass(frozen=True)
class Example:
    text: str  # the file the sentence is from
    sentence: str
    published_on: date
    progress: bool
    by_phrase: bool  # a progress phrase already takes it


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and shared / min(a[1] - a[0], b[1] - b[0]) >= 0.5


def _texts() -> list[tuple[Path, list[str], list[str]]]:
    """Each dev text: its path, the quotes of its progress updates, and of its restatements."""
    out = []
    for path in sorted((MATCHING / "followups").glob("*.expected.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if gold["split"] != "dev":
            continue
        progress = [e["quote"] for e in gold["progress"] if e["kind"] != "restated"]
        restated = [e["quote"] for e in gold["progress"] if e["kind"] == "restated"]
        out.append((path.with_name(gold["article"]), progress, restated))
    originals = sorted(CORPUS.glob("*.expected.json"))
    originals += sorted((MATCHING / "originals").glob("*.expected.json"))
    for path in originals:
        gold = json.loads(path.read_text(encoding="utf-8"))
        if gold["split"] != "dev":
            continue
        progress = [e.get("quote") or e["key"] for e in gold.get("progress_updates", [])]
        out.append((path.with_name(gold["article"]), progress, []))
    return out


def examples(*, read_phrases: bool = False) -> list[Example]:
    """Every dev sentence, labelled; with `read_phrases`, each says whether a progress phrase
    takes it (only cross-validation needs to know, and it costs a reading of each text)."""
    out = []
    for path, progress, restated in _texts():
        article = read_article(path.read_bytes(), filename=path.name)
        body = article.body
        assert article.published_on is not None, path
        positives = [s for s in (_locate(body, q) for q in progress) if s]
        unsure = [s for s in (_locate(body, q) for q in restated) if s]
        taken = (
            [(p.start, p.end) for p in find_progress(body, article.published_on, learned=False)]
            if read_phrases
            else []
        )
        for sentence in split_sentences(body):
            span = (sentence.start, sentence.end)
            if span[1] <= span[0]:
                continue
            is_progress = any(_overlaps(span, p) for p in positives)
            if not is_progress and any(_overlaps(span, u) for u in unsure):
                continue
            out.append(
                Example(
                    text=path.name,
                    sentence=body[span[0] : span[1]],
                    published_on=article.published_on,
                    progress=is_progress,
                    by_phrase=any(_overlaps(span, t) for t in taken),
                )
            )
    return out


def fit(data: list[Example]) -> Model:
    model = train([(features(e.sentence, e.published_on), e.progress) for e in data], **TRAINING)
    kept = {f: w for f, w in model.weights.items() if abs(w) >= SMALLEST_WEIGHT}
    return Model(weights=kept, bias=model.bias)


def cross_validate(data: list[Example]) -> None:
    texts = sorted({e.text for e in data})
    fold_of = {t: i % FOLDS for i, t in enumerate(texts)}
    scored: list[tuple[float, Example]] = []
    for fold in range(FOLDS):
        model = fit([e for e in data if fold_of[e.text] != fold])
        scored += [
            (model.probability(features(e.sentence, e.published_on)), e)
            for e in data
            if fold_of[e.text] == fold
        ]
    left = [(p, e) for p, e in scored if not e.by_phrase]
    positives = sum(e.progress for _p, e in left)
    print(
        f"{len(data)} sentences of {len(texts)} texts, {sum(e.progress for e in data)} progress; "
        f"{len(left)} no phrase takes, {positives} of them progress"
    )
    for threshold in THRESHOLDS:
        added = [e for p, e in left if p >= threshold]
        right = sum(e.progress for e in added)
        mark = "  <- THRESHOLD" if threshold == THRESHOLD else ""
        print(
            f"  >= {threshold:.2f}: adds {len(added)}, {right} right, "
            f"{positives - right} progress still missed{mark}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the stored weights are stale"
    )
    parser.add_argument("--cross-validate", action="store_true", help="figures per threshold")
    args = parser.parse_args()
    if args.cross_validate:
        cross_validate(examples(read_phrases=True))
        return
    data = examples()
    model = fit(data)
    if args.check:
        try:
            stored: Model | None = Model.load(MODEL_PATH)
        except (OSError, ValueError, KeyError):
            stored = None  # missing, or left unreadable by a merge: stale all the same
        if stored != model:
            print(f"{MODEL_PATH.name} is stale: run python bench/train_progress.py")
            sys.exit(1)
        print(f"{MODEL_PATH.name} is current")
        return
    model.dump(MODEL_PATH)
    print(f"wrote {MODEL_PATH.name}: {len(model.weights)} weights from {len(data)} sentences")


if __name__ == "__main__":
    main()
