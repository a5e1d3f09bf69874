"""Glue between the extraction engine and the app: reading files, describing candidates,
highlighting quotes in an article, and holding an article between the two steps of a web import.

Writes are not here: they go through `services.source_import`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from commitments.extraction import Amount, Article, ArticleError, Candidate, extract, read_article
from commitments.extraction.progress import ProgressStatement, find_progress


def read_path(path: str | Path, *, published_on: date | None = None) -> Article:
    """Read an article file; every problem a user can cause becomes one ArticleError sentence."""
    path = Path(path)
    limit = settings.IMPORT_MAX_BYTES
    try:
        if not path.exists():
            raise ArticleError("No such file.")
        if not path.is_file():
            raise ArticleError("This is not a file: give the path of an article.")
        # Refuse a huge file before reading it into memory.
        if path.stat().st_size > limit:
            raise ArticleError(f"The file is larger than {describe_size(limit)}: trim it first.")
        raw = path.read_bytes()
    except PermissionError:
        raise ArticleError("The file cannot be read: check its permissions.") from None
    except OSError as error:
        raise ArticleError(f"The file cannot be read ({error.strerror or error}).") from None
    return read_bytes(raw, filename=path.name, published_on=published_on)


def read_bytes(raw: bytes, *, filename: str = "", published_on: date | None = None) -> Article:
    return read_article(
        raw,
        filename=filename,
        published_on=published_on,
        today=timezone.localdate(),
        max_bytes=settings.IMPORT_MAX_BYTES,
    )


def describe_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MB"
    return f"{size / 1024:g} KB"


def extract_candidates(article: Article) -> list[Candidate]:
    assert article.published_on is not None  # read_article refuses an article without one
    return extract(article.body, article.published_on)


def extract_progress(article: Article) -> list[ProgressStatement]:
    """The article's statements of progress on earlier pledges."""
    assert article.published_on is not None
    return find_progress(article.body, article.published_on)


# --- Plain data, for JSON output and the session -------------------------------------------


def candidate_to_dict(candidate: Candidate) -> dict[str, Any]:
    """The command's JSON shape for one candidate (amount value as a number)."""
    amount = None
    if candidate.amount is not None:
        value = candidate.amount.value
        number: int | float = int(value) if value == value.to_integral_value() else float(value)
        amount = {"value": number, "currency": candidate.amount.currency}
    return {
        "title": candidate.title,
        "quote": candidate.quote,
        "start": candidate.start,
        "end": candidate.end,
        "actor": candidate.actor,
        "counterparty": candidate.counterparty,
        "topic": candidate.topic,
        "amount": amount,
        "due_date": candidate.due_date.isoformat() if candidate.due_date else None,
        "due_text": candidate.due_text,
        "confidence": candidate.confidence,
        "unresolved": list(candidate.unresolved),
    }


def _candidate_to_session(candidate: Candidate) -> dict[str, Any]:
    data = dataclasses.asdict(candidate)
    if candidate.amount is not None:
        data["amount"] = {
            "value": str(candidate.amount.value),
            "currency": candidate.amount.currency,
        }
    data["due_date"] = candidate.due_date.isoformat() if candidate.due_date else None
    return data


def _candidate_from_session(data: dict[str, Any]) -> Candidate:
    data = dict(data)
    if data.get("amount") is not None:
        data["amount"] = Amount(
            value=Decimal(data["amount"]["value"]), currency=data["amount"]["currency"]
        )
    if data.get("due_date"):
        data["due_date"] = date.fromisoformat(data["due_date"])
    return Candidate(**data)


# --- The article between the two steps of a web import ------------------------------------
# The server keeps the article and its candidates in the session, keyed by the text's sha256,
# so the browser never supplies the text or the quote offsets that get saved.

SESSION_KEY = "pending_imports"
PENDING_LIMIT = 3  # Articles can be large; keep only the last few a user started.


@dataclasses.dataclass(frozen=True)
class PendingImport:
    article: Article
    candidates: list[Candidate]
    publisher: str = ""
    url: str = ""
    # Pledges the analyst added by hand during the review, their quotes already checked.
    added: list[Candidate] = dataclasses.field(default_factory=list)


def pending_put(session, pending: PendingImport) -> None:
    store = dict(session.get(SESSION_KEY, {}))
    article = pending.article
    store.pop(article.sha256, None)
    store[article.sha256] = {
        "title": article.title,
        "published_on": article.published_on.isoformat() if article.published_on else None,
        "body": article.body,
        "warnings": list(article.warnings),
        "candidates": [_candidate_to_session(c) for c in pending.candidates],
        "publisher": pending.publisher,
        "url": pending.url,
        "added": [_candidate_to_session(c) for c in pending.added],
    }
    while len(store) > PENDING_LIMIT:
        store.pop(next(iter(store)))
    session[SESSION_KEY] = store


def pending_get(session, sha256: str) -> PendingImport | None:
    data = session.get(SESSION_KEY, {}).get(sha256)
    if data is None:
        return None
    article = Article(
        title=data["title"],
        published_on=date.fromisoformat(data["published_on"]) if data["published_on"] else None,
        body=data["body"],
        sha256=sha256,
        warnings=tuple(data["warnings"]),
    )
    return PendingImport(
        article=article,
        candidates=[_candidate_from_session(c) for c in data["candidates"]],
        publisher=data.get("publisher", ""),
        url=data.get("url", ""),
        added=[_candidate_from_session(c) for c in data.get("added", [])],
    )


def pending_drop(session, sha256: str) -> None:
    store = dict(session.get(SESSION_KEY, {}))
    if store.pop(sha256, None) is not None:
        session[SESSION_KEY] = store


# --- Highlighting ----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    id: str
    href: str
    label: str = ""
    unticked: bool = False  # shown, but not highlighted: a proposal left out in review


def highlight(body: str, highlights: Iterable[Highlight]) -> SafeString:
    """The article as HTML with each span wrapped in <mark id=…><a href=…>; all text escaped.

    Spans are character offsets into `body`. Where spans overlap, the later one starts where
    the earlier one ends, so no text is shown twice and tags always nest.
    """
    parts: list[str] = []
    cursor = 0
    for item in sorted(highlights, key=lambda h: (h.start, h.end)):
        start, end = max(item.start, cursor), min(item.end, len(body))
        if start >= end:
            continue
        parts.append(escape(body[cursor:start]))
        parts.append(
            format_html(
                '<mark id="{}"{}><a href="{}" title="{}">{}</a></mark>',
                item.id,
                mark_safe(' class="unticked"') if item.unticked else "",
                item.href,
                item.label,
                body[start:end],
            )
        )
        cursor = end
    parts.append(escape(body[cursor:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped
