"""The matching set: follow-up and unrelated texts whose gold files are sound.

`tests/extraction/matching/README.md` says what each file holds. These checks need no
database: they read the texts and gold files and hold them to that description.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from commitments.choices import Status
from commitments.extraction import TOPICS as EXTRACTION_TOPICS
from tests.extraction.quality import CORPUS

MATCHING = Path(__file__).parent / "matching"
ORIGINALS = MATCHING / "originals"
FOLLOWUPS = MATCHING / "followups"
EXTRACTION = Path(__file__).parent

KINDS = {"follow_up", "unrelated"}
# The statuses each kind of progress statement may suggest (see the README's table).
SUGGESTS = {
    "done": {"fulfilled", "partially_fulfilled"},
    "under_way": {"in_progress"},
    "delayed": {"stalled"},
    "scaled_back": {"partially_fulfilled", "broken", "withdrawn"},
    "reaffirmed": {"in_progress"},
    "restated": {"not_started", "in_progress", "stalled", "partially_fulfilled", "fulfilled"},
}
PROGRESS_KINDS = set(SUGGESTS)
NOT_PROGRESS_WHY = {"background", "forecast", "opinion", "other party"}
STATUSES = set(Status.values)
TOPICS = {code for code, _label in EXTRACTION_TOPICS}
CURRENCY = re.compile(r"^[A-Z]{3}$")
NAME = re.compile(r"^\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.txt$")

FOLLOWUP_GOLD = sorted(FOLLOWUPS.glob("*.expected.json"))
ORIGINAL_GOLD = sorted(ORIGINALS.glob("*.expected.json"))


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _text_of(gold_path: Path) -> str:
    return gold_path.with_name(gold_path.name.replace(".expected.json", ".txt")).read_text(
        encoding="utf-8"
    )


def _original_gold(reference: str) -> dict:
    """The gold of an original named as `originals/<file>.txt` or `corpus/<file>.txt`."""
    folder, _, name = reference.partition("/")
    assert folder in {"originals", "corpus"}, (
        f"an original lives in originals/ or corpus/: {reference!r}"
    )
    base = ORIGINALS if folder == "originals" else CORPUS
    text = base / name
    assert text.is_file(), f"no such original: {reference!r}"
    return _load(text.with_name(name.replace(".txt", ".expected.json")))


def _ids(path: Path) -> str:
    return path.name.removesuffix(".expected.json")


def _check_text_and_date(gold: dict, path: Path, text: str) -> date:
    assert gold["article"] == path.name.replace(".expected.json", ".txt")
    assert NAME.match(gold["article"]), gold["article"]
    assert gold["article"].startswith(gold["published_on"])
    assert text.split("\n", 1)[0] == f"date {gold['published_on']}"
    assert {"outlet", "url", "kind", "obtained"} <= set(gold["source"])
    assert gold["source"]["url"].startswith(("http://", "https://"))
    assert gold["split"] in {"dev", "test"}
    return date.fromisoformat(gold["published_on"])


def _check_amount(amount: dict | None, text: str) -> None:
    if amount is None:
        return
    assert amount["text"] in text, f"amount not verbatim: {amount['text']!r}"
    assert CURRENCY.match(amount["currency"]), amount["currency"]
    assert amount["value"] > 0


def test_every_text_has_its_gold_file_and_no_gold_is_orphaned() -> None:
    for folder in (ORIGINALS, FOLLOWUPS):
        texts = {p.name.removesuffix(".txt") for p in folder.glob("*.txt")}
        golds = {_ids(p) for p in folder.glob("*.expected.json")}
        assert texts == golds, f"{folder.name}: texts and gold files differ: {texts ^ golds}"


def test_the_set_is_large_enough_and_split() -> None:
    golds = [_load(path) for path in FOLLOWUP_GOLD]
    kinds = [g["kind"] for g in golds]

    assert kinds.count("follow_up") >= 20
    assert kinds.count("unrelated") >= 20
    for kind in KINDS:
        splits = [g["split"] for g in golds if g["kind"] == kind]
        # The test split was fixed when the set was made and stays frozen; texts added since
        # went to dev, so its share falls as the set grows.
        share = splits.count("test") / len(splits)
        assert 0.2 <= share <= 0.45, f"{kind}: {share:.2f} of the texts in test"


@pytest.mark.parametrize("path", ORIGINAL_GOLD, ids=_ids)
def test_original_is_in_corpus_format_and_verbatim(path: Path) -> None:
    gold = _load(path)
    text = _text_of(path)
    published = _check_text_and_date(gold, path, text)

    assert gold["split"] == "dev"
    assert gold["commitments"], "an original states at least one pledge"
    keys = []
    for section in ("commitments", "borderline", "progress_updates", "not_commitments"):
        for entry in gold.get(section, []):
            keys.append(entry["key"])
            for phrase in [entry["key"], entry["quote"], *entry.get("alt_quotes", [])]:
                assert phrase in text, f"{section}: not verbatim: {phrase!r}"
    assert len(keys) == len(set(keys)), "a key is used twice"
    for entry in gold["commitments"]:
        assert entry["topic"] in TOPICS, entry["topic"]
        _check_amount(entry["amount"], text)
        if entry["due_phrase"] is not None:
            assert entry["due_phrase"] in text
        if entry["due"] is not None:
            assert date.fromisoformat(entry["due"]) >= published


@pytest.mark.parametrize("path", FOLLOWUP_GOLD, ids=_ids)
def test_followup_gold_is_verbatim_and_points_at_real_pledges(path: Path) -> None:
    gold = _load(path)
    text = _text_of(path)
    published = _check_text_and_date(gold, path, text)

    assert gold["kind"] in KINDS
    keys = []
    for entry in [*gold["progress"], *gold["not_progress"], *gold["new_commitments"]]:
        keys.append(entry["key"])
        assert entry["key"] in text, f"key not verbatim: {entry['key']!r}"
        assert text.count(entry["key"]) == 1, f"key found more than once: {entry['key']!r}"
        assert entry["quote"] in text, f"quote not verbatim: {entry['quote']!r}"
        assert entry["key"] in entry["quote"], f"key outside its quote: {entry['key']!r}"
    assert len(keys) == len(set(keys)), "a key is used twice"
    for entry in gold["not_progress"]:
        assert entry["why"] in NOT_PROGRESS_WHY, entry["why"]
    for entry in gold["new_commitments"]:
        assert entry["topic"] in TOPICS, entry["topic"]
        _check_amount(entry["amount"], text)
    for entry in gold["progress"]:
        assert entry["kind"] in PROGRESS_KINDS, entry["kind"]
        assert entry["suggests"] in STATUSES, entry["suggests"]
        assert entry["suggests"] in SUGGESTS[entry["kind"]], (
            f"{entry['kind']} cannot suggest {entry['suggests']}: {entry['key']!r}"
        )
        _check_amount(entry["amount"], text)
        about = entry["about"]
        if gold["kind"] == "unrelated":
            assert about is None, "an unrelated text has no progress on a pledge of the set"
        if about is None:
            continue
        original = _original_gold(about["original"])
        assert original["split"] == "dev", f"{about['original']} is not a dev-split text"
        quotes = [c["quote"] for c in original["commitments"]]
        assert about["pledge_quote"] in quotes, f"not a pledge of {about['original']}"
        assert published > date.fromisoformat(original["published_on"]), (
            f"a follow-up is later than its original {about['original']}"
        )
    if gold["kind"] == "follow_up":
        assert any(e["about"] is not None for e in gold["progress"]), "about no pledge of the set"


def test_every_unrelated_text_shares_a_party_with_an_original() -> None:
    parties = set()
    for path in FOLLOWUP_GOLD:
        for entry in _load(path)["progress"]:
            if entry["about"] is not None:
                original = _original_gold(entry["about"]["original"])
                for pledge in original["commitments"]:
                    parties |= _parties(pledge)
    for path in FOLLOWUP_GOLD:
        gold = _load(path)
        if gold["kind"] == "unrelated":
            shared = set(gold["parties"]) & parties
            assert shared, f"{path.name}: none of {gold['parties']} is a party of an original"


def _parties(entry: dict) -> set[str]:
    names = set()
    for field in ("actor", "counterparty"):
        if entry.get(field):
            names |= {n.strip() for n in re.split(r",| and ", entry[field]) if n.strip()}
    return names


def test_the_readme_table_lists_every_text() -> None:
    readme = (MATCHING / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| (\d{4}-\d{2}-\d{2}-[a-z0-9-]+) \|", readme, flags=re.MULTILINE))
    texts = {_ids(p) for p in [*FOLLOWUP_GOLD, *ORIGINAL_GOLD]}

    assert texts - listed == set(), "texts missing from the README table"
    assert listed - texts == set(), "the README table lists texts that are not here"
