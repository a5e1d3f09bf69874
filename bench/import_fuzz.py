"""Importer fuzz: generated articles through the command and through the web import, on the
database DATABASE_URL names (an SQLite file of its own when unset), and the hostile inputs of
the input limits. Prints how many ran, partial writes (0) and tracebacks (0).

    .venv/bin/python bench/import_fuzz.py --inputs 3000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker_fuzz_bench \\
        .venv/bin/python bench/import_fuzz.py --inputs 3000 --yes

An import either writes its article and every pledge reviewed, each quote verbatim, or
nothing; a refusal is a sentence (a 413/422 on the web, a non-zero exit from the command).
Inputs are drawn from a seeded generator, so a run can be repeated exactly.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret-" + "x" * 30)
os.environ.setdefault("DEBUG", "true")  # no HTTPS redirect for the test client
os.environ.setdefault("LOG_LEVEL", "ERROR")  # refusals are the point, not news
os.environ["IMPORT_INLINE"] = "true"  # extraction in the request: one process does it all

PASTE_LIMIT = 20_000  # longer generated texts go as an upload, as a browser would send them


def alphabet(rng: random.Random) -> str:
    ranges = [(0x20, 0x7E), (0xA0, 0x24F), (0x300, 0x36F), (0x590, 0x6FF), (0x200B, 0x206F),
              (0x4E00, 0x4E80), (0x1F300, 0x1F320)]  # fmt: skip
    low, high = rng.choice(ranges)
    return "".join(chr(rng.randint(low, high)) for _ in range(rng.randint(0, 40)))


def generated(rng: random.Random, pieces: list[str]) -> tuple[bytes, str, date]:
    """(raw bytes, file name, publication date) for one input."""
    words = [rng.choice(pieces) if rng.random() < 0.7 else alphabet(rng)
             for _ in range(rng.randint(0, 25))]  # fmt: skip
    text = " ".join(words)
    # Any day from year 1 to the end of 2025; an article "published" later is refused as such.
    published_on = date(1, 1, 1) + timedelta(days=rng.randint(0, 739_615))
    shape = rng.random()
    if shape < 0.3:
        year = rng.choice([1, 2, 999, 1999, 2024, 9998, 9999])
        text = f"date {year:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n\n{text}"
    elif shape < 0.4:
        text = f"<html><head><title>{alphabet(rng)}</title></head><body><p>{text}</p>"
    elif shape < 0.45:
        text = text + " The UK will fund a port." * rng.randint(2000, 4000) + "\x00"
    elif shape < 0.5:
        at = rng.randint(0, len(text))
        text = text[:at] + rng.choice(["\x00", "\x07", "\x1b"]) + text[at:]
    name = "article.html" if text.startswith("<html") else "article.txt"
    raw = text.encode("utf-8", errors="surrogatepass")
    if rng.random() < 0.02:
        raw = bytes(rng.randint(0, 255) for _ in range(rng.randint(1, 400)))
    return raw, name, published_on


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--yes", action="store_true", help="empty the PostgreSQL _bench database")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    scratch = Path(tempfile.mkdtemp(prefix="import-fuzz-"))
    if not url:
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch / 'fuzz.sqlite3'}"
    elif not url.rstrip("/").endswith("_bench") or not args.yes:
        print("Refusing: DATABASE_URL must name a throwaway ..._bench database, with --yes.")
        return 2

    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.core.management.base import CommandError
    from django.test import Client
    from django.test.utils import setup_test_environment

    from commitments.models import Commitment, ImportJob, ProgressUpdate, Source
    from tests.extraction.test_limits import HOSTILE
    from tests.extraction.test_properties import PIECES
    from tests.factories import AnalystFactory
    from tests.test_import_views import START, review_data

    setup_test_environment()  # the test client's host and an in-memory mail box
    call_command("migrate", verbosity=0)

    def reset() -> None:
        for model in (ImportJob, Commitment, Source):
            model.objects.all().delete()

    reset()
    analyst = AnalystFactory(username=f"fuzz{int(time.time())}")

    def written() -> tuple[int, int, int, int]:
        return (Source.objects.count(), Commitment.objects.count(),
                ProgressUpdate.objects.count(), ImportJob.objects.count())  # fmt: skip

    def whole(source: Source, expected: int | None) -> bool:
        pledges = list(Commitment.objects.filter(source=source))
        verbatim = all(source.body[p.quote_start : p.quote_end] == p.quote for p in pledges)
        return verbatim and (expected is None or len(pledges) == expected)

    quiet = open(os.devnull, "w")  # noqa: SIM115 - the command's table, for the whole run
    outcomes: Counter = Counter()
    reasons: Counter = Counter()  # the command's refusals, by their sentence
    partial: list[str] = []
    tracebacks: list[str] = []

    def by_command(label: str, raw: bytes, name: str, published_on: date) -> None:
        path = scratch / name
        path.write_bytes(raw)
        before = written()
        try:
            call_command("import_article", str(path), "--date", published_on.isoformat(),
                         "--owner", analyst.username, stdout=quiet, stderr=quiet)  # fmt: skip
        except CommandError as refusal:
            outcomes["command: refused"] += 1
            reasons[str(refusal).split(": ", 1)[-1][:60]] += 1
            if written() != before:
                partial.append(f"command {label}: wrote part of a refused import")
            return
        except Exception:
            tracebacks.append(f"command {label}: {traceback.format_exc(limit=3)}")
            return
        outcomes["command: imported"] += 1
        source = Source.objects.order_by("-pk").first()
        if written()[0] != before[0] + 1 or source is None or not whole(source, None):
            partial.append(f"command {label}: not one whole article")
        reset()

    def by_web(label: str, raw: bytes, name: str, published_on: date) -> None:
        client = Client()
        client.force_login(analyst)
        data: dict = {"published_on": published_on.isoformat()}
        text = raw.decode("utf-8", errors="replace")
        if len(raw) <= PASTE_LIMIT and "\ufffd" not in text:
            data["text"] = text
        else:
            data["file"] = SimpleUploadedFile(name, raw)
        before = written()
        try:
            started = client.post(START, data)
            if started.status_code in (413, 422):
                outcomes["web: refused"] += 1
                if written() != before:
                    partial.append(f"web {label}: a refused article left rows")
                return
            assert started.status_code == 302, f"start answered {started.status_code}"
            url = started["Location"]
            page = client.get(url)
            if page.status_code == 302 or "candidate_forms" not in (page.context or {}):
                outcomes["web: nothing to review"] += 1
                if written()[:3] != before[:3]:
                    partial.append(f"web {label}: rows before the review was saved")
                return
            proposed = len(page.context["candidate_forms"])
            saved = client.post(url, review_data(client, url))
        except Exception:
            tracebacks.append(f"web {label}: {traceback.format_exc(limit=3)}")
            return
        if saved.status_code == 302:
            outcomes["web: imported"] += 1
            source = Source.objects.order_by("-pk").first()
            if source is None or not whole(source, proposed) or ImportJob.objects.exists():
                partial.append(f"web {label}: not one whole article")
        elif saved.status_code == 422:
            outcomes["web: review refused"] += 1
            if written()[:3] != before[:3]:
                partial.append(f"web {label}: a refused review left rows")
        else:
            tracebacks.append(f"web {label}: review answered {saved.status_code}")
        reset()

    rng = random.Random(args.seed)
    inputs = [generated(rng, PIECES) for _ in range(args.inputs)]
    large = [(text.encode("utf-8"), "page.html" if "HTML" in label else "article.txt",
              date(2022, 3, 31), label) for label, (text, _) in HOSTILE.items()]  # fmt: skip
    began = time.monotonic()
    for n, (raw, name, published_on) in enumerate(inputs):
        by_command(f"#{n}", raw, name, published_on)
        by_web(f"#{n}", raw, name, published_on)
    for raw, name, published_on, label in large:
        by_command(label, raw, name, published_on)
        by_web(label, raw, name, published_on)
    elapsed = time.monotonic() - began

    vendor = "PostgreSQL" if url else "SQLite"
    runs = sum(outcomes.values()) + len(tracebacks)
    print(f"{vendor}: {args.inputs} generated inputs (seed {args.seed}) and {len(large)} large "
          f"ones, through the command and the web: {runs} imports in {elapsed:.0f} s")  # fmt: skip
    for outcome, count in sorted(outcomes.items()):
        print(f"  {outcome}: {count}")
    print("  most common refusals (command):")
    for reason, count in reasons.most_common(5):
        print(f"    {count:>5}  {reason}")
    print(f"partial writes: {len(partial)}")
    print(f"tracebacks: {len(tracebacks)}")
    for line in (partial + tracebacks)[:10]:
        print("  " + line.strip().replace("\n", "\n    "))
    return 1 if partial or tracebacks else 0


if __name__ == "__main__":
    sys.exit(main())
