"""Hostile and oversized articles are refused before extraction with one sentence naming
the limit; ordinary long articles pass. bench/hostile_inputs.py prints how long each takes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from commitments.extraction import ArticleError, read_article
from commitments.extraction.limits import LIMITS

SEED = Path(__file__).resolve().parents[2] / "data/articles/2022-03-31-truss-india-visit.txt"
DATE = "date 2022-03-31\n\n"

HOSTILE = {
    "a 3 MB single line": (DATE + "word " * 600_000, "more than the 150,000 an import takes"),
    "a 30,000-character line": (DATE + "x" * 30_000, "A line of the article has 30,000 characters"),
    "HTML 10,000 deep": (
        "<html><body>" + "<div>" * 10_000 + "The UK will fund it." + "</div>" * 10_000,
        "nests tags more than 250 deep",
    ),
    "HTML unclosed 100,000 deep": ("<html><body>" + "<b>" * 100_000, "more than 250 deep"),
    "a combining-mark flood": (
        DATE + "The UK will fund a" + "\u0301" * 20 + " road.",
        "more than 8 accents or marks",
    ),
    "a right-to-left flood": (
        DATE + "The UK will fund " + "\u202e\u2067a " * 1_000,
        "more than 200 right-to-left or isolate controls",
    ),
    "thousands of amounts": (
        DATE + "\n".join(f"$1 {n} and {n}" for n in range(3_000)),
        "more than 5,000 figures",
    ),
    "thousands of paragraphs": (DATE + "\n\n".join("Aid." for _ in range(3_500)), "paragraphs"),
    "thousands of sentences": (
        DATE + "\n".join(["Aid. " * 1_000] * 6),
        "more than 5,000 sentences",
    ),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_articles_are_refused_quickly_with_one_sentence(name: str) -> None:
    text, expected = HOSTILE[name]
    with pytest.raises(ArticleError) as caught:
        read_article(text.encode("utf-8"), today=date(2026, 1, 1))
    message = str(caught.value)
    assert expected in message
    assert message.endswith(".") and "\n" not in message


def test_a_nul_byte_far_into_the_file_is_refused() -> None:
    raw = (DATE + "The UK will fund it. " * 5_000).encode() + b"\x00" + b"tail"
    assert len(raw) > 65536
    with pytest.raises(ArticleError, match="looks binary"):
        read_article(raw, today=date(2026, 1, 1))


def test_a_long_ordinary_article_passes_the_limits() -> None:
    body = SEED.read_text(encoding="utf-8").split("\n", 1)[1]
    copies = LIMITS.chars // (len(body) + 2) - 1
    text = DATE + "\n\n".join([body] * copies)
    article = read_article(text.encode("utf-8"), today=date(2026, 1, 1))
    assert len(article.body) > 100_000


def test_a_news_page_nested_to_the_limit_passes() -> None:
    depth = LIMITS.html_depth - 5
    page = (
        "<html><head><meta name='date' content='2022-03-31'></head><body>"
        + "<div><br><img src=x>" * depth
        + "<p>The UK will fund a port.</p>"
        + "</div>" * depth
    )
    assert "fund a port" in read_article(page.encode(), today=date(2026, 1, 1)).body
