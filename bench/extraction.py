"""Time `extract` on the seed article and on a ten-times-longer synthetic article.

Run from the repository root: python bench/extraction.py
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from commitments.extraction import extract, read_article  # noqa: E402

SEED = ROOT / "data" / "articles" / "2022-03-31-truss-india-visit.txt"
RUNS = 50


def _time(text: str, published_on: date, runs: int = RUNS) -> tuple[float, float, int]:
    for _ in range(3):
        extract(text, published_on)  # warm-up: imports, compiled patterns, pysbd rules
    timings = []
    found = 0
    for _ in range(runs):
        started = time.perf_counter()
        found = len(extract(text, published_on))
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[max(0, int(round(0.95 * len(timings))) - 1)]
    return statistics.median(timings), p95, found


def main() -> None:
    article = read_article(SEED.read_bytes(), filename=SEED.name)
    assert article.published_on is not None
    body = article.body
    # Ten copies, each about a different partner and sum, so the pledges stay distinct and
    # the restatement merge compares many candidates.
    partners = ["India", "Kenya", "Japan", "Brazil", "Nigeria", "Canada", "Ghana", "Vietnam"]
    partners += ["Egypt", "Mexico"]
    long_body = "\n\n".join(
        body.replace("India", partner).replace("£70 million", f"£{70 + i} million")
        for i, partner in enumerate(partners)
    )
    medians = []
    for label, text in (("seed article", body), ("10x synthetic", long_body)):
        median, p95, found = _time(text, article.published_on)
        medians.append(median)
        print(
            f"{label:>14}: {len(text):>6} chars, {found:>3} candidates, "
            f"median {median:6.1f} ms, p95 {p95:6.1f} ms over {RUNS} runs"
        )
    ratio = medians[1] / medians[0]
    print(
        f"{'cost of 10x':>14}: {ratio:.1f}x the time for {len(long_body) / len(body):.1f}x the text"
        f" (target: at most 11x; seed median at most 50 ms)"
    )


if __name__ == "__main__":
    main()
