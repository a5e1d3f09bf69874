"""Measuring the matching set: the gold pledges tracked, each follow-up read as the review reads
it, and the counts behind each figure. `bench/matching_quality.py` prints them and the errors
behind them; `tests/test_matching_quality.py` holds them to their floors. Needs a database with
the real migrations (and so the search index)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

from tests.extraction.quality import CORPUS

MATCHING = Path(__file__).resolve().parent / "matching"


def _locate(body: str, phrase: str) -> tuple[int, int] | None:
    at = body.find(phrase)
    if at >= 0:
        return at, at + len(phrase)
    words = phrase.split()
    found = re.search(r"\s+".join(re.escape(w) for w in words), body) if words else None
    return (found.start(), found.end()) if found else None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and shared / min(a[1] - a[0], b[1] - b[0]) >= 0.5


def track_originals() -> dict[tuple[str, str], int]:
    """Store the gold pledges of every possible original; (original, quote) -> pledge id."""
    from commitments.extraction import read_article
    from commitments.models import Commitment, Source
    from commitments.services.party_links import linker

    tracked: dict[tuple[str, str], int] = {}
    pledges: list[Commitment] = []
    golds = [("corpus", p) for p in sorted(CORPUS.glob("*.expected.json"))]
    golds += [("originals", p) for p in sorted((MATCHING / "originals").glob("*.expected.json"))]
    for folder, gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if gold["split"] != "dev":
            continue
        text_path = gold_path.with_name(gold["article"])
        article = read_article(text_path.read_bytes(), filename=text_path.name)
        source = Source.objects.create(
            title=article.title[:300],
            published_on=date.fromisoformat(gold["published_on"]),
            body=article.body,
            sha256=article.sha256,
        )
        for entry in gold["commitments"]:
            span = _locate(article.body, entry["quote"])
            if span is None:
                continue
            amount = entry.get("amount")
            pledge = Commitment.objects.create(
                title=entry["key"][:300],
                source=source,
                quote=article.body[span[0] : span[1]],
                quote_start=span[0],
                quote_end=span[1],
                actor=entry["actor"] or "Unknown",
                counterparty=entry.get("counterparty") or "",
                amount=Decimal(str(amount["value"])) if amount else None,
                currency=amount["currency"] if amount else "",
            )
            tracked[(f"{folder}/{gold['article']}", entry["quote"])] = pledge.pk
            pledges.append(pledge)
    linker().link_new(pledges)
    return tracked


class Tally:
    def __init__(self) -> None:
        self.counts: dict[str, int] = defaultdict(int)

    def add(self, name: str, n: int = 1) -> None:
        self.counts[name] += n

    def share(self, top: str, bottom: str) -> float:
        b = self.counts[bottom]
        return self.counts[top] / b if b else 1.0

    def ratio(self, top: str, bottom: str) -> str:
        b = self.counts[bottom]
        return f"{self.counts[top] / b:.2f} ({self.counts[top]}/{b})" if b else "n/a"

    def figures(self) -> dict[str, float]:
        """The figures the issue sets targets for, and their floors are kept on."""
        return {
            "statement recall": self.share("gold found", "gold progress"),
            "statement precision": self.share("detected right", "detected"),
            "precision at 1": self.share("first right", "with suggestion"),
            "match recall": self.share("right suggested", "about the set"),
            "first suggestion right": self.share("article first right", "follow-ups"),
            "wrong per 10 unrelated": self.counts["unrelated wrong"]
            * 10
            / max(1, self.counts["unrelated articles"]),
        }


def measure(
    split: str, tracked: dict[tuple[str, str], int], say: Callable[[str], None] | None = None
) -> Tally:
    """Read every follow-up and unrelated text of `split`; `say` hears each miss and false hit."""
    from commitments.extraction import read_article
    from commitments.importing import extract_candidates, extract_progress
    from commitments.matching import Match, find_matches, statements_of

    t = Tally()
    for gold_path in sorted((MATCHING / "followups").glob("*.expected.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if gold["split"] != split:
            continue
        text_path = gold_path.with_name(gold["article"])
        article = read_article(text_path.read_bytes(), filename=text_path.name)
        body = article.body
        statements = statements_of(
            extract_progress(article),
            extract_candidates(article),
            published_on=article.published_on or date.fromisoformat(gold["published_on"]),
        )
        matches = find_matches(statements)
        by_statement: dict[tuple[int, int], list[Match]] = defaultdict(list)
        for m in matches:
            by_statement[(m.statement.start, m.statement.end)].append(m)
        # Detected: every progress statement, and every proposal or signing matched to a
        # tracked pledge.
        detected = [
            s for s in statements if s.is_progress_alone or (s.start, s.end) in by_statement
        ]
        golds = []
        for entry in gold["progress"]:
            span = _locate(body, entry["quote"])
            if span is not None:
                golds.append((span, entry))
        t.add("gold progress", len(golds))
        t.add("detected", len(detected))
        hits = [s for s in detected if any(_overlaps((s.start, s.end), g[0]) for g in golds)]
        t.add("detected right", len(hits))
        for s in detected:
            if s not in hits and say:
                say(f"  FP  {gold['article']}: [{s.kind}] {s.quote[:110]}")
        for span, entry in golds:
            found = [s for s in detected if _overlaps((s.start, s.end), span)]
            suggestions = [m for s in found for m in by_statement[(s.start, s.end)]]
            suggestions.sort(key=lambda m: -m.score)
            if found:
                t.add("gold found")
                if entry["kind"] != "restated":
                    # The status the review would preselect: its first suggestion's, or the
                    # statement's own when nothing is suggested.
                    suggested = suggestions[0].suggests if suggestions else found[0].suggests
                    t.add("status judged")
                    t.add("status agrees", suggested == entry["suggests"])
            elif say:
                say(f"  MISS {gold['article']}: [{entry['kind']}] {entry['quote'][:110]}")
            about = entry.get("about")
            if about is None:
                t.add("wrong suggestions", len(suggestions))
                continue
            want = tracked.get((about["original"], about["pledge_quote"]))
            t.add("about the set")
            if suggestions:
                t.add("with suggestion")
                t.add("first right", suggestions[0].commitment.pk == want)
            t.add("right suggested", any(m.commitment.pk == want for m in suggestions))
            if say and (not suggestions or suggestions[0].commitment.pk != want):
                got = suggestions[0].commitment.title if suggestions else "nothing"
                say(f"  MATCH {gold['article']}: {entry['key']!r} -> {got}")
        if gold["kind"] == "unrelated":
            t.add("unrelated articles")
            t.add("unrelated wrong", len(matches))
            if say:
                for m in matches:
                    say(f"  WRONG {gold['article']}: {m.statement.quote[:70]!r} -> {m.commitment}")
        else:
            t.add("follow-ups")
            wanted = {
                tracked.get((e["about"]["original"], e["about"]["pledge_quote"]))
                for e in gold["progress"]
                if e.get("about")
            }
            best = max(matches, key=lambda m: m.score, default=None)
            t.add("article first right", best is not None and best.commitment.pk in wanted)
            if say and (best is None or best.commitment.pk not in wanted):
                got = f"{best.commitment.title} ({best.why})" if best else "nothing"
                say(f"  FIRST {gold['article']}: {got}")
    return t
