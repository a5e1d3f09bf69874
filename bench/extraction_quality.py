"""Print extraction quality on the real-article corpus: per split, then the errors by class.

Run from the repository root:
    python bench/extraction_quality.py                 # figures; dev and seed errors in full
    python bench/extraction_quality.py --corpus-table  # the corpus's texts and variety counts

The test split's errors are printed as counts per class only: its sentences are not for tuning.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

from tests.extraction.quality import (  # noqa: E402
    FIELDS,
    Score,
    corpus_scores,
    gold_files,
    load_gold,
)


def _figures(name: str, score: Score) -> str:
    cells = [
        f"{name:<5}",
        f"{score.found:>3}/{score.gold:<3}",
        f"{score.recall:6.3f}",
        f"{score.correct:>3}/{score.proposed:<3}",
        f"{score.precision:6.3f}",
        f"{score.f1:6.3f}",
        *(f"{score.accuracy(f):6.3f}" for f in FIELDS),
    ]
    return "  ".join(cells)


def _grouped(title: str, rows: list[tuple[str, str, str]], details: bool) -> None:
    if not rows:
        return
    by_class: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for why, article, text in rows:
        by_class[why].append((article, text))
    print(f"\n  {title}: {len(rows)}")
    for why, items in sorted(by_class.items(), key=lambda kv: -len(kv[1])):
        print(f"    {len(items):>3}  {why}")
        if details:
            for article, text in items:
                print(f"           {article}: {' '.join(text.split())[:150]}")


def print_quality() -> None:
    scores = corpus_scores()
    header = ["split", "found", "recall", "right", "precis", "  F1  "]
    header += [f"{f[:6]:>6}" for f in FIELDS]
    print("  ".join(header))
    for name in ("dev", "test", "seed"):
        print(_figures(name, scores[name]))
    for name in ("dev", "seed", "test"):
        details = name != "test"
        score = scores[name]
        print(f"\n== {name}" + ("" if details else " (counts only: not for tuning)"))
        _grouped("missed pledges", score.misses, details)
        _grouped("false positives", score.false_positives, details)
        _grouped("wrong fields on matched pledges", score.field_errors, details)


def print_corpus_table() -> None:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    print(
        "| text | split | kind | outlet | date | obtained | pledges | borderline | progress | not |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for path in gold_files():
        gold = load_gold(path)
        source = gold["source"]
        url = source.get("url") or ""
        outlet = f"[{source['outlet']}]({url})" if url else source["outlet"]
        print(
            f"| {path.name.removesuffix('.expected.json')} | {gold['split']} | {source['kind']} "
            f"| {outlet} | {gold['published_on']} | {source['obtained']} "
            f"| {len(gold['commitments'])} | {len(gold['borderline'])} "
            f"| {len(gold['progress_updates'])} | {len(gold['not_commitments'])} |"
        )
        counts["split"][gold["split"]] += 1
        counts["kind"][source["kind"]] += 1
        for key, values in gold.get("variety", {}).items():
            for value in values:
                counts[key][value] += 1
    print()
    for key, counter in counts.items():
        items = ", ".join(f"{value} ({n})" for value, n in counter.most_common())
        print(f"- **{key}** ({len(counter)}): {items}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus-table", action="store_true", help="print the corpus table")
    args = parser.parse_args()
    if args.corpus_table:
        print_corpus_table()
    else:
        print_quality()


if __name__ == "__main__":
    main()
