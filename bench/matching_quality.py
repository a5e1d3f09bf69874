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
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setup(db_path: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["dev", "test", "all"], default="all")
    parser.add_argument("--verbose", action="store_true", help="print each miss and false hit")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        _setup(str(Path(tmp) / "bench.sqlite3"))
        from tests.extraction.matching_quality import track_originals

        tracked = track_originals()
        splits = ["dev", "test"] if args.split == "all" else [args.split]
        for split in splits:
            report(split, tracked, verbose=args.verbose)


def report(split: str, tracked: dict[tuple[str, str], int], *, verbose: bool) -> None:
    from tests.extraction.matching_quality import measure

    t = measure(split, tracked, print if verbose else None)
    per10 = t.figures()["wrong per 10 unrelated"]
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
