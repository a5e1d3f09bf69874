"""Answers built the same way for a public copy and for a pledge: money, milestones and party
scorecards in the API's shape (`schemas.MoneyOut`, `MilestoneOut`, `PartyOut`)."""

from __future__ import annotations

from typing import Any

from commitments.scorecards import RoleFigures, Scorecard
from commitments.tracking import MoneyRow


def money_out(rows: list[MoneyRow]) -> list[dict[str, Any]]:
    """Money per currency in the API's shape, for the public copy and the pledge alike."""
    return [
        {
            "currency": row.currency,
            "announced": f"{row.announced:.2f}",
            "committed": f"{row.committed:.2f}",
            "disbursed": f"{row.disbursed:.2f}",
        }
        for row in rows
    ]


def milestones_out(steps: list[tuple[int, str, Any, str]]) -> list[dict[str, Any]]:
    return [
        {"id": pk, "title": title, "due_date": due, "status": status}
        for pk, title, due, status in steps
    ]


def _role_out(figures: RoleFigures) -> dict[str, Any]:
    return {
        "total": figures.total,
        "open": figures.open,
        "closed": figures.closed,
        "overdue": figures.overdue,
        "by_status": {value: n for value, _label, n in figures.statuses() if n},
        "fulfilment_rate": figures.fulfilment_rate,
        "score": figures.score,
        "compliance": figures.compliance,
        "money": money_out(figures.money),
    }


def party_out(card: Scorecard, web_url: str) -> dict[str, Any]:
    """A party's scorecard: the figures its scorecard page shows, from the same `Scorecard`."""
    party = card.party
    return {
        "name": party.name,
        "slug": party.slug,
        "kind": party.kind,
        "code": party.code,
        "as_actor": card.made.total,
        "as_counterparty": card.received.total,
        "made": _role_out(card.made),
        "received": _role_out(card.received),
        "web_url": web_url,
    }
