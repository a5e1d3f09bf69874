"""Temporary stand-in for commitments.extraction while the engine is not merged. Removed then."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

TOPICS = (("diplomacy", "Diplomacy"), ("energy", "Energy"))


@dataclass(frozen=True)
class Amount:
    value: Decimal
    currency: str


@dataclass(frozen=True)
class Candidate:
    title: str
    quote: str
    start: int
    end: int
    actor: str
    counterparty: str
    topic: str
    amount: Amount | None
    due_date: date | None
    due_text: str
    confidence: float
    cue: str


class ArticleError(ValueError):
    pass


@dataclass(frozen=True)
class Article:
    title: str
    published_on: date | None
    body: str
    sha256: str
    warnings: tuple[str, ...]


def extract(text: str, published_on: date) -> list[Candidate]:
    out = []
    for m in re.finditer(r"[^.\n]*\bwill\b[^.\n]*\.", text):
        quote = m.group(0).strip()
        start = text.index(quote, m.start())
        amount = None
        a = re.search(r"£(\d+) million", quote)
        if a:
            amount = Amount(Decimal(a.group(1)) * 1000000, "GBP")
        out.append(
            Candidate(
                title=quote[:60],
                quote=quote,
                start=start,
                end=start + len(quote),
                actor="United Kingdom",
                counterparty="India",
                topic="energy" if amount else "diplomacy",
                amount=amount,
                due_date=None,
                due_text="",
                confidence=0.8,
                cue="will",
            )
        )
    return out


def read_article(raw, *, filename="", published_on=None, today=None, max_bytes=5 * 1024 * 1024):
    if len(raw) > max_bytes:
        raise ArticleError("The file is too large.")
    if not raw.strip():
        raise ArticleError("The file is empty.")
    if b"\x00" in raw:
        raise ArticleError("The file looks binary, not text.")
    warnings = []
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        warnings.append("The file is not UTF-8; it was read as Windows-1252.")
    m = re.match(r"\s*date (\d{4}-\d{2}-\d{2})\s*", text)
    found = None
    if m:
        found = date.fromisoformat(m.group(1))
        text = text[m.end() :]
    body = text.strip()
    when = published_on or found
    if when is None:
        raise ArticleError(
            "No publication date: start the file with 'date YYYY-MM-DD' or pass --date."
        )
    if today and when > today:
        raise ArticleError(f"The publication date {when} is in the future.")
    return Article(
        body.split(".")[0][:80],
        when,
        body,
        hashlib.sha256(body.encode()).hexdigest(),
        tuple(warnings),
    )
