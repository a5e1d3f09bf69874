"""Score extraction against the real-article corpus: recall, precision, field accuracy, errors.

A candidate matches a gold item when their spans overlap by at least half of the shorter one;
matching is one-to-one, best overlap first, firm pledges before borderline items. A candidate
matched to a borderline item counts as correct; a missed borderline item costs nothing.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from commitments.extraction import Candidate, extract, read_article
from tests.extraction.expectations import TOPIC_ALIASES, party_set

CORPUS = Path(__file__).resolve().parent / "corpus"
SEED_DIR = Path(__file__).resolve().parents[2] / "data" / "articles"
SEED_GOLD = Path(__file__).resolve().parent / "data" / "2022-03-31-truss-india-visit.expected.json"
TODAY = date(2026, 12, 1)
FIELDS = ("actor", "counterparty", "amount", "due", "topic")
DUE_TOLERANCE_DAYS = 31
SECTIONS = ("commitments", "borderline", "progress_updates", "not_commitments")


@dataclass(frozen=True)
class GoldItem:
    section: str
    entry: dict
    spans: tuple[tuple[int, int], ...]  # the quote and its alternatives, in the article body


@dataclass
class Score:
    gold: int = 0  # firm pledges
    found: int = 0  # firm pledges matched
    proposed: int = 0
    correct: int = 0  # proposals matched to a firm pledge or a borderline item
    fields_right: Counter[str] = field(default_factory=Counter)
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # class, article, text
    false_positives: list[tuple[str, str, str]] = field(default_factory=list)
    field_errors: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.proposed if self.proposed else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, name: str) -> float:
        return self.fields_right[name] / self.found if self.found else 1.0

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.found += other.found
        self.proposed += other.proposed
        self.correct += other.correct
        self.fields_right.update(other.fields_right)
        self.misses += other.misses
        self.false_positives += other.false_positives
        self.field_errors += other.field_errors


def gold_files() -> list[Path]:
    return sorted(CORPUS.glob("*.expected.json"))


def load_gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def split_of(path: Path) -> str:
    return load_gold(path)["split"]


def _locate(body: str, phrase: str) -> tuple[int, int] | None:
    at = body.find(phrase)
    if at >= 0:
        return at, at + len(phrase)
    # The reader folds runs of spaces and rejoins hard-wrapped lines; so may the quote.
    words = phrase.split()
    if not words:
        return None
    match = re.search(r"\s+".join(re.escape(w) for w in words), body)
    return (match.start(), match.end()) if match else None


def _gold_items(body: str, gold: dict) -> list[GoldItem]:
    items = []
    for section in SECTIONS:
        # The seed's gold file predates the corpus and calls borderline items "optional".
        entries = gold.get(section) or (gold.get("optional", []) if section == "borderline" else [])
        for entry in entries:
            phrases = [entry.get("quote") or entry["key"], *entry.get("alt_quotes", [])]
            spans = tuple(s for s in (_locate(body, p) for p in phrases) if s)
            items.append(GoldItem(section, entry, spans))
    return items


def _overlap(cand: Candidate, item: GoldItem) -> float:
    best = 0.0
    for start, end in item.spans:
        shared = min(cand.end, end) - max(cand.start, start)
        if shared > 0:
            best = max(best, shared / min(cand.end - cand.start, end - start))
    return best


def _on_quote(cand: Candidate, item: GoldItem) -> bool:
    """Whether the candidate overlaps the gold quote itself, not only an alternative."""
    if not item.spans:
        return False
    start, end = item.spans[0]
    return min(cand.end, end) > max(cand.start, start)


def _field_right(name: str, cand: Candidate, entry: dict) -> bool:
    if name == "actor":
        return party_set(cand.actor) == party_set(entry.get("actor"))
    if name == "counterparty":
        return party_set(cand.counterparty) == party_set(entry.get("counterparty"))
    if name == "topic":
        return cand.topic == TOPIC_ALIASES.get(entry["topic"], entry["topic"])
    if name == "amount":
        want = entry.get("amount")
        if want is None:
            return cand.amount is None
        return (
            cand.amount is not None
            and cand.amount.value == want["value"]
            and cand.amount.currency == want["currency"]
        )
    want_due = _gold_due(entry)
    if want_due is None:
        return cand.due_date is None
    return cand.due_date is not None and abs((cand.due_date - want_due).days) <= DUE_TOLERANCE_DAYS


def _gold_due(entry: dict) -> date | None:
    due = entry.get("due")
    if not due:
        return None
    found = re.search(r"\d{4}-\d{2}(?:-\d{2})?", due)
    if not found:
        return None
    text = found.group(0)
    return date.fromisoformat(text if len(text) == 10 else text + "-15")


def _describe(name: str, cand: Candidate, entry: dict) -> str:
    got = {
        "actor": cand.actor,
        "counterparty": cand.counterparty,
        "topic": cand.topic,
        "amount": cand.amount and f"{cand.amount.value} {cand.amount.currency}",
        "due": cand.due_date,
    }[name]
    want = entry.get(name)
    if name == "amount" and want:
        want = f"{want['value']} {want['currency']}"
    return f"{got!r} where the analyst has {want!r}"


def score_article(body: str, published_on: date, gold: dict, label: str) -> Score:
    candidates = extract(body, published_on)
    items = _gold_items(body, gold)
    score = Score(proposed=len(candidates))
    firm = [i for i in items if i.section == "commitments"]
    score.gold = len(firm)

    matched: dict[int, GoldItem] = {}  # candidate index -> item
    taken: set[int] = set()
    for section in ("commitments", "borderline"):
        # Best overlap first; on a tie, the candidate on the quote itself, then the earlier.
        pairs = sorted(
            (
                (-_overlap(c, item), not _on_quote(c, item), ci, ii)
                for ci, c in enumerate(candidates)
                for ii, item in enumerate(items)
                if item.section == section
            ),
        )
        for neg_ratio, _off_quote, ci, ii in pairs:
            ratio = -neg_ratio
            if ratio < 0.5 or ci in matched or ii in taken:
                continue
            matched[ci] = items[ii]
            taken.add(ii)

    for ci, item in matched.items():
        score.correct += 1
        if item.section != "commitments":
            continue
        score.found += 1
        for name in FIELDS:
            if _field_right(name, candidates[ci], item.entry):
                score.fields_right[name] += 1
            else:
                detail = f"{item.entry['key']}: {_describe(name, candidates[ci], item.entry)}"
                score.field_errors.append((name, label, detail))

    for ii, item in enumerate(items):
        if item.section != "commitments" or ii in taken:
            continue
        if not item.spans:
            why = "quote not in the article body"
        elif any(_overlap(c, item) > 0 for c in candidates):
            why = "inside a candidate taken by another pledge"
        else:
            why = "no candidate"
        score.misses.append((why, label, item.entry["key"]))

    for ci, cand in enumerate(candidates):
        if ci in matched:
            continue
        hits = [i for i in items if _overlap(cand, i) >= 0.5]
        if any(i.section == "progress_updates" for i in hits):
            why = "progress update proposed as a pledge"
        elif any(i.section == "not_commitments" for i in hits):
            why = next(i for i in hits if i.section == "not_commitments").entry.get("why", "")
            why = f"not a pledge: {why.split(';')[0].split(',')[0].strip()}"
        elif any(i.section in ("commitments", "borderline") for i in hits):
            why = "second candidate for one pledge"
        else:
            why = "not annotated as a pledge"
        score.false_positives.append((why, label, cand.quote))
    return score


@cache
def corpus_scores() -> dict[str, Score]:
    """Scores per split, the seed article on its own: {'dev': ..., 'test': ..., 'seed': ...}."""
    scores = {"dev": Score(), "test": Score(), "seed": Score()}
    for path in gold_files():
        gold = load_gold(path)
        article_path = CORPUS / gold["article"]
        article = read_article(article_path.read_bytes(), filename=article_path.name, today=TODAY)
        assert article.published_on is not None
        scores[gold["split"]].add(
            score_article(article.body, article.published_on, gold, article_path.stem)
        )
    seed_path = SEED_DIR / "2022-03-31-truss-india-visit.txt"
    seed = read_article(seed_path.read_bytes(), filename=seed_path.name, today=TODAY)
    assert seed.published_on is not None
    scores["seed"].add(
        score_article(seed.body, seed.published_on, load_gold(SEED_GOLD), seed_path.stem)
    )
    return scores
