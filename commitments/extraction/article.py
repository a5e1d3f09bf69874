"""Turn the bytes of an uploaded or imported file into article text and its publication date.

Every problem a user can cause is raised as `ArticleError` with one sentence that says what
happened and what to do about it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from .sentences import DATELINE

__all__ = ["Article", "ArticleError", "read_article"]

MAX_BYTES = 5 * 1024 * 1024
TITLE_MAX_LENGTH = 300  # what a source's title holds


class ArticleError(ValueError):
    """A file that cannot become an article; the message is meant for the user.

    `code` names the problem for callers that add their own way out (a command-line flag,
    a form field).
    """

    UNDATED = "undated"

    def __init__(self, message: str, *, code: str = "") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Article:
    title: str
    published_on: date | None
    body: str
    sha256: str
    warnings: tuple[str, ...]


# "date 2022-03-31" either opens the first line with the body following on that same line
# (the seed file) or stands on a line of its own.
_DATE_PREFIX = re.compile(r"\A\s*date\s*[:=]?\s*(\d{4})-(\d{1,2})-(\d{1,2})\b[ \t]*", re.IGNORECASE)
_HTML_SNIFF = re.compile(
    r"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]|<(?:p|div|article|main|h1|br)[\s/>]",
    re.IGNORECASE,
)
_PLACE_AND_DATE = re.compile(
    r"^[A-Z][\w .'’-]{0,40},?\s+(?:\d{1,2}\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{1,2})"
    r"(?:,?\s+\d{4})?\.?\s*$"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*(?=\s|$)")


def read_article(
    raw: bytes,
    *,
    filename: str = "",
    published_on: date | None = None,
    today: date | None = None,
    max_bytes: int = MAX_BYTES,
) -> Article:
    if len(raw) > max_bytes:
        raise ArticleError(
            f"The file is larger than {_describe_size(max_bytes)}: split it or trim it first."
        )
    if not raw.strip():
        raise ArticleError("The file is empty.")
    if _looks_binary(raw):
        raise ArticleError("The file looks binary, not text: give a plain-text or HTML article.")

    text, warnings = _decode(raw)
    if _CONTROL.sub("", text).strip() == "" or len(_CONTROL.findall(text)) > len(text) * 0.01:
        raise ArticleError("The file looks binary, not text: give a plain-text or HTML article.")

    from .limits import check_markup, check_size, check_text

    found_date: date | None = None
    title = ""
    if _is_html(text, filename):
        from .html import html_to_text

        check_markup(text)
        page = html_to_text(text)
        body, title, found_date = page.body, page.title, page.published_on
        found_date, body = _take_date_prefix(body, found_date)
        body = normalise_text(body)
    else:
        # Refused before any work: a body is never longer than the text it comes from.
        check_size(text)
        found_date, rest = _take_date_prefix(text, None)
        body = normalise_text(rest)
        title, body = _split_headline(body)

    if not body:
        raise ArticleError("The file has no article text after its date line.")
    check_text(body)

    when = published_on or found_date
    if when is None:
        raise ArticleError(
            "No publication date: start the file with 'date YYYY-MM-DD'.", code=ArticleError.UNDATED
        )
    today = today or date.today()
    if when > today:
        raise ArticleError(f"The publication date {when.isoformat()} is in the future.")

    if not title:
        title = _first_sentence_title(body) or PurePath(filename).stem
    title = _cut(" ".join(title.split()), TITLE_MAX_LENGTH)
    sha = hashlib.sha256(body.encode("utf-8")).hexdigest()
    return Article(title=title, published_on=when, body=body, sha256=sha, warnings=tuple(warnings))


def normalise_text(text: str) -> str:
    """Unify newlines, collapse runs of spaces and keep paragraphs as blank-line blocks.

    Characters themselves (curly quotes, dashes, accents) are kept as they are so that quotes
    stay verbatim.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = re.sub(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+", " ", text)
    lines = [line.strip() for line in text.split("\n")]
    paragraphs: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line:
            block.append(line)
        elif block:
            paragraphs.extend(_unwrap(block))
            block = []
    return "\n\n".join(paragraphs)


def _unwrap(lines: list[str]) -> list[str]:
    # Wire copy is often hard-wrapped at ~70 columns; a sentence split over lines must be one
    # line again or the sentence splitter cuts it. A line that ends a sentence, or a short line
    # (a heading, a list item), keeps its break.
    out: list[str] = [lines[0]]
    for line in lines[1:]:
        prev = out[-1]
        last_line = prev.rsplit("\n", 1)[-1]
        wrapped = not _SENTENCE_END.search(last_line[-3:] + " ") and (
            line[:1].islower() or (len(last_line) >= 50 and last_line[-1:].isalnum())
        )
        if wrapped and not re.match(r"[-*•–]\s", line) and not _sum_run(last_line, line):
            out[-1] = prev + " " + line
        else:
            out[-1] = prev + "\n" + line
    return out


_OPENS_ON_SUM = re.compile(
    r"(?:[$£€¥₹]|[A-Z]{1,3}\$|[A-Z]{3}\s?\d)\s?\d|\d[\d.,]*\s*(?:m|bn|million|billion)\b"
)


def _sum_run(last_line: str, line: str) -> bool:
    """ "$8 million for vaccines in Fiji" then "$5 million to the WHO": a list of sums
    written one to a line, without marks, under a lead-in or after another item."""
    return bool(_OPENS_ON_SUM.match(line)) and (
        last_line.endswith(":") or bool(_OPENS_ON_SUM.match(last_line))
    )


def _take_date_prefix(text: str, fallback: date | None) -> tuple[date | None, str]:
    match = _DATE_PREFIX.match(text)
    if not match:
        return fallback, text
    year, month, day = (int(g) for g in match.groups())
    try:
        found = date(year, month, day)
    except ValueError:
        raw = match.group(0).strip()
        raise ArticleError(
            f"The date line '{raw}' is not a real date: write it as 'date YYYY-MM-DD'."
        ) from None
    return found, text[match.end() :]


def _split_headline(body: str) -> tuple[str, str]:
    # A first paragraph that is one short line without a full stop is a headline: it becomes
    # the title and leaves the body, so it is not read as a second copy of the lead pledge.
    first, sep, rest = body.partition("\n\n")
    if (
        sep
        and rest.strip()
        and "\n" not in first
        and not _PLACE_AND_DATE.match(first)
        and len(first) <= 160
        and not _SENTENCE_END.search(first[-2:] + " ")
    ):
        return first.strip(), rest
    return "", body


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:–-— ") + "…"


def _first_sentence_title(body: str, limit: int = 120) -> str:
    lines = [line for line in body.split("\n") if line.strip()]
    # A line that is only a place and a date ("Brussels, 15 February 2024") is no title.
    while len(lines) > 1 and _PLACE_AND_DATE.match(lines[0]):
        lines.pop(0)
    first_line = DATELINE.sub("", lines[0]) if lines else ""
    match = _SENTENCE_END.search(first_line)
    sentence = first_line[: match.end()] if match else first_line
    sentence = sentence.strip().strip("“”\"'")
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:–-— ")
    return cut + "…"


def _decode(raw: bytes) -> tuple[str, list[str]]:
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        raise ArticleError(
            "The file is neither UTF-8 nor Windows-1252 text: save it as UTF-8 and try again."
        ) from None
    return text, [
        "The file is not UTF-8; it was read as Windows-1252, so check accents and quote marks."
    ]


def _looks_binary(raw: bytes) -> bool:
    # A NUL anywhere, not only near the start: PostgreSQL cannot store one in text.
    if b"\x00" in raw:
        return True
    sample = raw[:65536]
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32 or b == 127)
    return controls > len(sample) * 0.05


def _is_html(text: str, filename: str) -> bool:
    if PurePath(filename).suffix.lower() in {".html", ".htm", ".xhtml"}:
        return True
    return bool(_HTML_SNIFF.search(text[:20000]))


def _describe_size(max_bytes: int) -> str:
    if max_bytes >= 1024 * 1024 and max_bytes % (1024 * 1024) == 0:
        return f"{max_bytes // (1024 * 1024)} MB"
    if max_bytes >= 1024:
        return f"{max_bytes / 1024:.0f} KB"
    return f"{max_bytes} bytes"
