"""Extraction over generated text: never an exception, offsets inside the text, quotes verbatim.

The examples mix pledge language, sums, dates and hostile characters, so the rules meet shapes
nobody wrote down; the number of examples is bounded to keep CI's time steady.
"""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commitments.extraction import ArticleError, extract, read_article

PIECES = [
    "The United Kingdom will provide £70m to India by 2030.",
    "Japan pledged ¥5 billion ($33 million) over five years",
    "She said it would",
    "Both sides agreed to:\n- set up a fund\n- build 3 ports",
    "next week",
    "within six months",
    "by the end of next year",
    "on Tuesday",
    "Rs 1,200 crore",
    "$ 99999999999999999999 trillion",
    "in the year 1",
    "last year",
    "a decade ago",
    "since 2019",
    "by December 31",
    "the Prime Minister",
    "Mr Ramaphosa",
    "\u202e\u0301\u0301\u0301",
    "“",
    "\n\n",
    ":",
    "–",
    "0000-00-00",
]
TEXT = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=40)), min_size=0, max_size=25
).map(" ".join)
DAY = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))

BOUNDED = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@BOUNDED
@given(text=TEXT, published_on=DAY)
def test_extraction_never_fails_and_every_quote_is_verbatim(text: str, published_on: date) -> None:
    for candidate in extract(text, published_on):
        assert 0 <= candidate.start < candidate.end <= len(text)
        assert text[candidate.start : candidate.end] == candidate.quote
        assert candidate.title
        assert 0 <= candidate.confidence <= 1


@BOUNDED
@given(
    raw=st.one_of(st.binary(max_size=400), TEXT.map(lambda t: ("date 2024-05-01\n\n" + t).encode()))
)
def test_reading_any_bytes_gives_an_article_or_one_sentence(raw: bytes) -> None:
    try:
        article = read_article(raw, today=date(2026, 1, 1))
    except ArticleError as error:
        message = str(error)
        assert message.endswith(".") and "\n" not in message
        return
    assert article.published_on is not None
    assert "\x00" not in article.body
