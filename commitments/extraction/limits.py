"""Stated limits on an article, checked before any extraction work starts.

Each check is a linear scan and raises `ArticleError` with one sentence that names the
limit, so a hostile or accidental input (a multi-megabyte single line, HTML nested ten
thousand deep, a flood of combining marks or direction controls, thousands of numbers)
is refused in well under a second instead of tying up a worker.

The figures are generous for news: a long feature is some 60,000 characters, 600
sentences and a few hundred numbers; a saved news page nests some 30 to 60 tags deep.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .article import ArticleError

__all__ = ["LIMITS", "Limits", "check_markup", "check_size", "check_text"]


@dataclass(frozen=True)
class Limits:
    chars: int = 150_000  # characters of article text
    line_chars: int = 20_000  # characters in one line (one paragraph)
    paragraphs: int = 3_000
    sentences: int = 5_000
    numbers: int = 5_000  # figures such as amounts, years and days
    html_depth: int = 250  # tags open at once in an HTML page
    combining_run: int = 8  # combining marks on one letter
    direction_controls: int = 200  # right-to-left and isolate controls in the whole text


LIMITS = Limits()

_SENTENCE_END = re.compile(r"[.!?](?=\s)")
_NUMBER = re.compile(r"\d+")
# Embedding, override and isolate controls; marks such as U+200F are ordinary text.
_DIRECTION = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Tags that never hold others, and so never add depth.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*?(/?)>")


def check_markup(markup: str, limits: Limits = LIMITS) -> None:
    """Refuse HTML nested deeper than the limit; unclosed tags count as still open."""
    depth = 0
    for match in _TAG.finditer(markup):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or self_closing:
            continue
        if closing:
            depth = max(depth - 1, 0)
            continue
        depth += 1
        if depth > limits.html_depth:
            raise ArticleError(
                f"The page nests tags more than {limits.html_depth} deep: "
                "save the article as plain text and import that."
            )


def check_size(text: str, limits: Limits = LIMITS) -> None:
    """Refuse text with too many characters in all or in one line (cheap: before parsing)."""
    if len(text) > limits.chars:
        raise ArticleError(
            f"The article has {len(text):,} characters, more than the {limits.chars:,} "
            "an import takes: split it into parts."
        )
    longest = max((len(line) for line in text.split("\n")), default=0)
    if longest > limits.line_chars:
        raise ArticleError(
            f"A line of the article has {longest:,} characters, more than {limits.line_chars:,}: "
            "break it into paragraphs."
        )


def check_text(text: str, limits: Limits = LIMITS) -> None:
    """Refuse text past any of the stated limits, each with its own sentence."""
    check_size(text, limits)
    paragraphs = text.count("\n\n") + 1
    if paragraphs > limits.paragraphs:
        raise ArticleError(
            f"The article has {paragraphs:,} paragraphs, more than {limits.paragraphs:,}: "
            "split it into parts."
        )
    split = "split it into parts"
    _check_count(_SENTENCE_END, text, limits.sentences, "sentences", split)
    _check_count(_NUMBER, text, limits.numbers, "figures (amounts, dates, numbers)", split)
    _check_count(
        _DIRECTION,
        text,
        limits.direction_controls,
        "right-to-left or isolate controls",
        "this is not ordinary text; remove them",
    )
    run = 0
    for char in text:
        if unicodedata.combining(char):
            run += 1
            if run > limits.combining_run:
                raise ArticleError(
                    f"A letter carries more than {limits.combining_run} accents or marks: "
                    "this is not ordinary text; remove them and try again."
                )
        else:
            run = 0


def _check_count(pattern: re.Pattern[str], text: str, limit: int, what: str, fix: str) -> None:
    for count, _ in enumerate(pattern.finditer(text), start=1):
        if count > limit:
            raise ArticleError(f"The article has more than {limit:,} {what}: {fix}.")
