"""Bench: read, extract and import generated articles into a dedicated PostgreSQL database.

    createdb -h 127.0.0.1 -U postgres tracker_imp_bench
    python bench/importing.py [--count 1000] [--database-url URL] [--yes]

Prints the total time, articles per second and SQL queries per article (which must not depend
on how many pledges an article holds). Refuses a database that already has sources or pledges
unless --yes, which empties them first. Target: 1,000 articles in under 30 s.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/tracker_imp_bench"

PARTIES = [
    ("The United Kingdom", "the UK", "GBP", "£{n} million"),
    ("The United States", "Washington", "USD", "${n} million"),
    ("The European Union", "the EU", "EUR", "€{n} million"),
    ("Japan", "Tokyo", "JPY", "{n} billion yen"),
    ("India", "New Delhi", "INR", "Rs {n} crore"),
    ("Australia", "Canberra", "AUD", "A${n} million"),
    ("Kenya", "Nairobi", "KES", "{n} million shillings"),
    ("France", "Paris", "EUR", "€{n} million"),
]
PARTNERS = ["Nigeria", "Indonesia", "Vietnam", "Ghana", "Brazil", "Canada", "Mexico", "Egypt"]
PLEDGES = [
    "{actor} will provide {amount} to {partner} for clean energy projects {when}.",
    "{actor} pledged to build a new port with {partner} {when}.",
    "{actor} plans to open a joint cyber security centre with {partner} {when}.",
    "{actor} has promised to double student visas for {partner} {when}.",
    "{actor} agreed to fund {amount} of vaccines for {partner} {when}.",
    "{actor} is committed to cutting tariffs on goods from {partner} {when}.",
    "{actor} will also sign a maritime security pact with {partner} {when}.",
    "{actor} intends to hold annual defence talks with {partner} {when}.",
]
WHEN = [
    "by 2030",
    "next week",
    "within six months",
    "in the next three years",
    "by the end of this month",
    "over the next decade",
    "",
]
BACKGROUND = [
    "Trade between the two countries was worth {n} billion dollars last year.",
    "The talks follow a visit by the foreign minister last October.",
    "Officials said the relationship had been a priority for years.",
    "Analysts said the meeting was overdue.",
    "The two sides signed a memorandum in {year}.",
]


def article_text(number: int, today: date) -> str:
    """A unique article with one to five pledges among background sentences."""
    rng = random.Random(number)
    actor, short, _, money = PARTIES[number % len(PARTIES)]
    partner = rng.choice(PARTNERS)
    published = today - timedelta(days=1 + number % 900)
    sentences = []
    for template in rng.sample(PLEDGES, k=1 + number % 5):
        sentences.append(
            template.format(
                actor=rng.choice([actor, actor, short[0].upper() + short[1:]]),
                amount=money.format(n=rng.randint(2, 900)),
                partner=partner,
                when=rng.choice(WHEN),
            ).replace(" .", ".")
        )
    for template in rng.sample(BACKGROUND, k=2):
        sentences.insert(
            rng.randint(0, len(sentences)),
            template.format(n=rng.randint(2, 90), year=rng.randint(1995, 2020)),
        )
    headline = f"{actor} and {partner} deepen ties, bulletin {number}"
    body = " ".join(sentences) + f" The statement was issued as bulletin number {number}."
    return f"date {published.isoformat()}\n\n{headline}\n\n{body}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--yes", action="store_true", help="Empty a database that has data.")
    args = parser.parse_args(argv)

    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import OperationalError, connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from commitments.importing import extract_candidates, read_bytes
    from commitments.models import Commitment, ProgressUpdate, Source
    from commitments.services import SYSTEM, source_import

    try:
        call_command("migrate", verbosity=0)
    except OperationalError as error:
        print(f"Cannot use {args.database_url}: {error}".strip(), file=sys.stderr)
        print(
            "Create it first: createdb -h 127.0.0.1 -U postgres tracker_imp_bench", file=sys.stderr
        )
        return 2
    if Source.objects.exists() or Commitment.objects.exists():
        if not args.yes:
            print(
                f"{args.database_url} already holds sources or pledges: "
                "pass --yes to empty it, or use another database.",
                file=sys.stderr,
            )
            return 2
        ProgressUpdate.objects.all().delete()
        Commitment.objects.all().delete()
        Source.objects.all().delete()

    today = timezone.localdate()
    articles = [article_text(n, today).encode("utf-8") for n in range(args.count)]
    warm = read_bytes(article_text(-1, today).encode("utf-8"))
    extract_candidates(warm)  # import-time work and caches outside the timing

    queries: list[int] = []
    pledges: list[int] = []
    started = time.perf_counter()
    for raw in articles:
        with CaptureQueriesContext(connection) as captured:
            article = read_bytes(raw)
            candidates = extract_candidates(article)
            result = source_import(article=article, candidates=candidates, user=SYSTEM)
        if result.already_imported:
            raise SystemExit("Generated articles must be unique; one was already imported.")
        queries.append(len(captured))
        pledges.append(len(result.commitments))
    total = time.perf_counter() - started

    by_size: dict[int, set[int]] = {}
    for count, n in zip(pledges, queries, strict=True):
        by_size.setdefault(count, set()).add(n)
    print(f"database: {connection.vendor} {args.database_url}")
    print(f"articles: {args.count}, pledges: {sum(pledges)} ({min(pledges)}–{max(pledges)} each)")
    print(f"total: {total:.2f} s, {args.count / total:.1f} articles/s")
    print(
        f"queries per article: {statistics.mean(queries):g} "
        f"(min {min(queries)}, max {max(queries)}); by pledges per article: "
        + ", ".join(f"{k}→{sorted(v)}" for k, v in sorted(by_size.items()))
    )
    constant = min(queries) == max(queries)
    print("constant queries per article:", "yes" if constant else "NO")
    return 0 if constant else 1


if __name__ == "__main__":
    sys.exit(main())
