"""How long a hostile or oversized article takes to be refused, and the largest accepted
article to be extracted: the figures behind the input limits (README, "Importing articles").

    DEBUG=true .venv/bin/python bench/hostile_inputs.py
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

from commitments.extraction import ArticleError, extract, read_article  # noqa: E402
from commitments.extraction.limits import LIMITS  # noqa: E402
from tests.extraction.test_limits import DATE, HOSTILE  # noqa: E402


def main() -> None:
    read_article(
        b"<html><body><p>Warm-up: the first call imports the HTML reader.</p>",
        today=date(2026, 1, 1),
        published_on=date(2025, 1, 1),
    )
    print(f"{'input':<32} {'bytes':>10} {'seconds':>8}  answer")
    for name, (text, _expected) in HOSTILE.items():
        raw = text.encode("utf-8")
        began = time.perf_counter()
        try:
            read_article(raw, today=date(2026, 1, 1))
            answer = "accepted"
        except ArticleError as error:
            answer = str(error)
        print(f"{name:<32} {len(raw):>10,} {time.perf_counter() - began:>8.3f}  {answer[:70]}")

    seed = (ROOT / "data/articles/2022-03-31-truss-india-visit.txt").read_text(encoding="utf-8")
    body = seed.split("\n", 1)[1]
    copies = LIMITS.chars // (len(body) + 2) - 1
    raw = (DATE + "\n\n".join([body] * copies)).encode("utf-8")
    began = time.perf_counter()
    article = read_article(raw, today=date(2026, 1, 1))
    assert article.published_on is not None
    candidates = extract(article.body, article.published_on)
    print(
        f"{'largest accepted article':<32} {len(raw):>10,} {time.perf_counter() - began:>8.3f}  "
        f"{len(article.body):,} characters, {len(candidates)} pledges"
    )


if __name__ == "__main__":
    main()
