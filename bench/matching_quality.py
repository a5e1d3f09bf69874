"""Bench: how well follow-up articles are matched to the pledges already tracked.

    python bench/matching_quality.py [--split dev|test|all] [--verbose]

Tracks every gold pledge of the dev-split corpus and of the matching set's originals (each in
its own Source, in a throwaway SQLite database with the real migrations and FTS5 index), then
reads every follow-up and unrelated text of `tests/extraction/matching/` through the same
extraction and the same selector the review step uses. Prints, per split: recall and precision
of progress-statement detection (a restatement counts when a proposal is matched to a tracked
pledge, and a signing when it is matched), precision at 1 and recall of the right tracked
pledge, the share of follow-up articles whose first suggestion is right, wrong suggestions per
10 unrelated articles, and the share of suggested statuses that agree with the annotation.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MATCHING = ROOT / "tests" / "extraction" / "matching"
CORPUS = ROOT / "tests" / "extraction" / "corpus"


def _setup(db_path: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _locate(body: str, phrase: str) -> tuple[int, int] | None:
    import re

    at = body.find(phrase)
    if at >= 0:
        return at, at + len(phrase)
    words = phrase.split()
    found = re.search(r"\s+".join(re.escape(w) for w in words), body) if words else None
    return (found.start(), found.end()) if found else None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and shared / min(a[1] - a[0], b[1] - b[0]) >= 0.5


def _track_originals() -> dict[tuple[str, str], int]:
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

    def ratio(self, top: str, bottom: str) -> str:
        b = self.counts[bottom]
        return f"{self.counts[top] / b:.2f} ({self.counts[top]}/{b})" if b else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["dev", "test", "all"], default="all")
    parser.add_argument("--verbose", action="store_true", help="print each miss and false hit")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        _setup(str(Path(tmp) / "bench.sqlite3"))
        tracked = _track_originals()
        splits = ["dev", "test"] if args.split == "all" else [args.split]
        for split in splits:
            report(split, tracked, verbose=args.verbose)


def report(split: str, tracked: dict[tuple[str, str], int], *, verbose: bool) -> None:
    from commitments.extraction import read_article
    from commitments.importing import extract_candidates, extract_progress
    from commitments.matching import find_matches, statements_of

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
        by_statement: dict[tuple[int, int], list] = defaultdict(list)
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
            if s not in hits and verbose:
                print(f"  FP  {gold['article']}: [{s.kind}] {s.quote[:110]}")
        for span, entry in golds:
            found = [s for s in detected if _overlaps((s.start, s.end), span)]
            if found:
                t.add("gold found")
                if entry["kind"] != "restated":
                    t.add("status judged")
                    t.add("status agrees", any(s.suggests == entry["suggests"] for s in found))
            elif verbose:
                print(f"  MISS {gold['article']}: [{entry['kind']}] {entry['quote'][:110]}")
            suggestions = [m for s in found for m in by_statement[(s.start, s.end)]]
            suggestions.sort(key=lambda m: -m.score)
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
            if verbose and (not suggestions or suggestions[0].commitment.pk != want):
                got = suggestions[0].commitment.title if suggestions else "nothing"
                print(f"  MATCH {gold['article']}: {entry['key']!r} -> {got}")
        if gold["kind"] == "unrelated":
            t.add("unrelated articles")
            t.add("unrelated wrong", len(matches))
            if verbose:
                for m in matches:
                    print(
                        f"  WRONG {gold['article']}: {m.statement.quote[:70]!r} -> {m.commitment}"
                    )
        else:
            t.add("follow-ups")
            wanted = {
                tracked.get((e["about"]["original"], e["about"]["pledge_quote"]))
                for e in gold["progress"]
                if e.get("about")
            }
            best = max(matches, key=lambda m: m.score, default=None)
            t.add("article first right", best is not None and best.commitment.pk in wanted)
            if verbose and (best is None or best.commitment.pk not in wanted):
                got = f"{best.commitment.title} ({best.why})" if best else "nothing"
                print(f"  FIRST {gold['article']}: {got}")
    per10 = t.counts["unrelated wrong"] * 10 / max(1, t.counts["unrelated articles"])
    print(f"split {split}")
    print(
        f"  progress statements: recall {t.ratio('gold found', 'gold progress')}, "
        f"precision {t.ratio('detected right', 'detected')}"
    )
    print(
        f"  matches: precision at 1 {t.ratio('first right', 'with suggestion')}, "
        f"recall {t.ratio('right suggested', 'about the set')}"
    )
    print(
        f"  follow-up articles whose first suggestion is right: "
        f"{t.ratio('article first right', 'follow-ups')}"
    )
    print(
        f"  wrong suggestions per 10 unrelated articles: {per10:.1f} "
        f"({t.counts['unrelated wrong']} in {t.counts['unrelated articles']}); "
        f"on statements about no tracked pledge: {t.counts['wrong suggestions']}"
    )
    print(f"  suggested status agrees: {t.ratio('status agrees', 'status judged')}")


if __name__ == "__main__":
    main()
