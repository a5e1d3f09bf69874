"""Compare extracted candidates with an analyst's expected list (the seed JSON format)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from commitments.extraction import TOPICS, Candidate

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"

# The expected lists name topics in an analyst's words; the project's codes differ a little.
TOPIC_ALIASES = {label.lower(): code for code, label in TOPICS} | {
    "bilateral relations": "diplomacy"
}
# "United Kingdom (Foreign Secretary Liz Truss)" names the party, then who spoke for it.
_FILLER = ("the ",)


@dataclass
class Report:
    missing: list[str] = field(default_factory=list)
    shared: list[str] = field(default_factory=list)
    proposed_non_pledges: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    matched: dict[str, Candidate] = field(default_factory=dict)


def load(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def party_set(actor: str | None) -> frozenset[str]:
    if not actor:
        return frozenset()
    actor = actor.split("(")[0]
    names = actor.replace(",", " and ").split(" and ")
    out = set()
    for name in names:
        name = name.strip()
        for filler in _FILLER:
            if name.lower().startswith(filler):
                name = name[len(filler) :]
        if name:
            out.add(name)
    return frozenset(out)


def expected_due(entry: dict) -> date | None:
    due = entry.get("due")
    if not due:
        return None
    for token in due.replace("(", " ").replace(")", " ").split():
        token = token.strip(",.")
        if len(token) == 10 and token[4] == "-":
            return date.fromisoformat(token)
        if len(token) == 7 and token[4] == "-":
            year, month = token.split("-")
            return date(int(year), int(month), 15)
    return None


def compare(candidates: list[Candidate], expected: dict, *, due_tolerance_days: int = 31) -> Report:
    report = Report()
    keys = [e["key"] for e in expected["commitments"]]
    optional = [e["key"] for e in expected.get("optional", [])]
    for entry in expected["commitments"]:
        key = entry["key"]
        hits = [c for c in candidates if key in c.quote]
        if not hits:
            report.missing.append(key)
            continue
        cand = hits[0]
        if any(other in cand.quote for other in keys if other != key):
            report.shared.append(key)
        report.matched[key] = cand
        if party_set(cand.actor) != party_set(entry["actor"]):
            report.mismatches.append(f"{key}: actor {cand.actor!r} != {entry['actor']!r}")
        want_cp = party_set(entry.get("counterparty"))
        if want_cp and party_set(cand.counterparty) != want_cp:
            report.mismatches.append(
                f"{key}: counterparty {cand.counterparty!r} != {entry['counterparty']!r}"
            )
        topic = TOPIC_ALIASES.get(entry["topic"], entry["topic"])
        if cand.topic != topic:
            report.mismatches.append(f"{key}: topic {cand.topic!r} != {topic!r}")
        amount = entry.get("amount")
        got = cand.amount
        if amount is None and got is not None:
            report.mismatches.append(f"{key}: amount {got} where none is pledged")
        if amount is not None and (
            got is None or got.value != amount["value"] or got.currency != amount["currency"]
        ):
            report.mismatches.append(f"{key}: amount {got} != {amount}")
        want_due = expected_due(entry)
        if want_due is None and cand.due_date is not None:
            report.mismatches.append(f"{key}: due {cand.due_date} where none is stated")
        if want_due is not None and (
            cand.due_date is None or abs((cand.due_date - want_due).days) > due_tolerance_days
        ):
            report.mismatches.append(f"{key}: due {cand.due_date} != {want_due}")
    for entry in expected.get("not_commitments", []):
        if any(entry["key"] in c.quote for c in candidates):
            report.proposed_non_pledges.append(entry["key"])
    for cand in candidates:
        if not any(k in cand.quote for k in keys + optional):
            report.extra.append(cand.quote)
    return report
