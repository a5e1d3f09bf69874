"""What extraction proposes: one candidate pledge, traced to its words in the article."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .amounts import Amount

__all__ = ["Candidate"]


@dataclass(frozen=True)
class Candidate:
    title: str
    quote: str  # verbatim: text[start:end] == quote
    start: int
    end: int
    actor: str
    counterparty: str
    topic: str
    amount: Amount | None
    due_date: date | None
    due_text: str
    confidence: float
    cue: str  # the wording that made it a proposal: "will", "pledged", "signed notes covering"
    # Fields the article did not settle: "actor" when it does not say who will act (the
    # actor is then empty, for the analyst to fill in), never a guess.
    unresolved: tuple[str, ...] = ()
