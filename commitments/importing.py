"""Glue between the extraction engine and the app: reading files, describing candidates,
highlighting quotes in an article, and the plain data an import job holds between its steps.

Writes are not here: they go through `services.source_import`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import signal
import threading
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from commitments.extraction import Amount, Article, ArticleError, Candidate, extract, read_article

if TYPE_CHECKING:
    from commitments.models import ImportJob


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


# --- Plain data, for JSON output and the import job -------------------------------------------


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


def _candidate_to_data(candidate: Candidate) -> dict[str, Any]:
    data = dataclasses.asdict(candidate)
    if candidate.amount is not None:
        data["amount"] = {
            "value": str(candidate.amount.value),
            "currency": candidate.amount.currency,
        }
    data["due_date"] = candidate.due_date.isoformat() if candidate.due_date else None
    return data


def _candidate_from_data(data: dict[str, Any]) -> Candidate:
    data = dict(data)
    if data.get("amount") is not None:
        data["amount"] = Amount(
            value=Decimal(data["amount"]["value"]), currency=data["amount"]["currency"]
        )
    if data.get("due_date"):
        data["due_date"] = date.fromisoformat(data["due_date"])
    return Candidate(**data)


# --- The article between the two steps of a web import ------------------------------------
# The server keeps the article and its candidates in an ImportJob row, so the browser never
# supplies the text or the quote offsets that get saved.


@dataclasses.dataclass(frozen=True)
class PendingImport:
    article: Article
    candidates: list[Candidate]
    publisher: str = ""
    url: str = ""
    # Pledges the analyst added by hand during the review, their quotes already checked.
    added: list[Candidate] = dataclasses.field(default_factory=list)


def candidates_to_data(candidates: Iterable[Candidate]) -> list[dict[str, Any]]:
    return [_candidate_to_data(c) for c in candidates]


def pending_from_job(job: ImportJob) -> PendingImport:
    article = Article(
        title=job.title,
        published_on=job.published_on,
        body=job.body,
        sha256=job.sha256,
        warnings=tuple(job.warnings),
    )
    return PendingImport(
        article=article,
        candidates=[_candidate_from_data(c) for c in job.candidates],
        publisher=job.publisher,
        url=job.url,
        added=[_candidate_from_data(c) for c in job.added],
    )


class OverBudget(Exception):
    """Extraction ran past its time budget."""


@contextlib.contextmanager
def time_budget(seconds: int) -> Iterator[None]:
    """Raise OverBudget in the block once `seconds` have passed.

    A timer signal works only in a process's main thread (a Celery prefork child, a sync
    gunicorn worker, a command); elsewhere the block runs unbounded and the input limits,
    checked before any work, are what keep it short.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def over(signum, frame):
        raise OverBudget

    previous = signal.signal(signal.SIGALRM, over)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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
