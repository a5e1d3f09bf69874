"""Bench: matching one follow-up article against many tracked pledges, on PostgreSQL or SQLite.

    createdb -h 127.0.0.1 -U postgres tracker_match_bench
    python bench/matching.py [--pledges 100000] [--database-url URL] [--yes]

Fills the database with generated pledges (once; rerun reuses them when the count is right),
then matches every follow-up text of tests/extraction/matching/ through the selector the review
step uses, and prints the median and slowest time per article and the SQL queries per article
(which must not depend on the number of pledges). Target: at most 200 ms per article against
100,000 pledges. Refuses a database holding other sources unless --yes, which empties it.
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
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/tracker_match_bench"
FOLLOWUPS = ROOT / "tests" / "extraction" / "matching" / "followups"

PARTIES = [
    "United Kingdom", "United States", "European Union", "Japan", "India", "France", "Kenya",
    "Nigeria", "Germany", "Ukraine", "G7", "African Union", "Maldives", "Spain", "Kuwait",
    "Saudi Arabia", "El Salvador", "China", "Brazil", "Canada",
]  # fmt: skip
OBJECTS = [
    "railway", "bridge", "airport terminal", "container port", "solar park", "hospital",
    "vaccine plant", "loan agreement", "trade agreement", "defence pact", "grant", "fund",
    "battery factory", "housing project", "water treatment plant", "road", "nuclear plant",
    "air defence systems", "training programme", "credit line",
]  # fmt: skip
VERBS = ["fund", "build", "deliver", "sign", "provide", "finance", "launch", "open"]
PLACES = [
    "Lagos", "Nairobi", "Mombasa", "Kano", "Kaduna", "Valencia", "Hulhumale", "Delhi", "Kyiv",
    "Abuja", "Salzgitter", "Lamu", "Accra", "Dakar", "Jakarta", "Hanoi", "Lima", "Quito",
]  # fmt: skip


def _setup(url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _fill(count: int, *, empty_first: bool) -> None:
    from commitments.models import Commitment, PledgeParty, Source
    from commitments.services.party_links import linker

    existing = Commitment.objects.count()
    linked = PledgeParty.objects.exists()
    if existing == count and linked and Source.objects.filter(title__startswith="Bench ").exists():
        print(f"reusing {existing:,} pledges")
        return
    if existing or Source.objects.exists():
        if not empty_first:
            raise SystemExit("The database holds sources or pledges: pass --yes to empty it.")
        Commitment.objects.all().delete()
        Source.objects.all().delete()
    rng = random.Random(13)
    links = linker()
    start = time.perf_counter()
    per_source = 10
    for offset in range(0, count, 5000):
        sources = [
            Source(
                title=f"Bench article {n}",
                published_on=date(2015, 1, 1) + timedelta(days=n % 3000),
                body="x" * 4000,
                sha256=f"{n:064x}",
            )
            for n in range(offset // per_source, (offset + 5000) // per_source)
        ]
        Source.objects.bulk_create(sources)
        pledges = []
        for source in sources:
            for j in range(per_source):
                actor, partner = rng.sample(PARTIES, 2)
                thing, place, verb = rng.choice(OBJECTS), rng.choice(PLACES), rng.choice(VERBS)
                quote = f"{actor} will {verb} a new {thing} in {place} with {partner}"
                pledges.append(
                    Commitment(
                        title=f"{verb.capitalize()} a new {thing} in {place}",
                        source=source,
                        quote=quote,
                        quote_start=j * 100,
                        quote_end=j * 100 + len(quote),
                        actor=actor,
                        counterparty=partner,
                        amount=rng.choice([None, 50_000_000, 100_000_000, 300_000_000]),
                        currency="USD",
                    )
                )
        for p in pledges:
            if p.amount is None:
                p.currency = ""
        Commitment.objects.bulk_create(pledges, batch_size=2000)
        # Linked to their parties as an import links them: matching reads the links.
        links.link_new(pledges)
    print(f"stored {count:,} pledges in {time.perf_counter() - start:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pledges", type=int, default=100_000)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--yes", action="store_true", help="empty a database that holds data")
    args = parser.parse_args()
    _setup(args.database_url)
    _fill(args.pledges, empty_first=args.yes)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from commitments.extraction import read_article
    from commitments.importing import extract_candidates, extract_progress
    from commitments.matching import find_matches, statements_of

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE commitments_commitment")
            cursor.execute("ANALYZE commitments_pledgeparty")
    timings, queries, found = [], [], 0
    for path in sorted(FOLLOWUPS.glob("*.txt")):
        article = read_article(path.read_bytes(), filename=path.name)
        assert article.published_on is not None
        # Extraction is the same with or without pledges: only the matching is timed.
        statements = statements_of(
            extract_progress(article),
            extract_candidates(article),
            published_on=article.published_on,
        )
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            matches = find_matches(statements, sha256=article.sha256)
            timings.append((time.perf_counter() - began) * 1000)
        queries.append(len(captured))
        found += len(matches)
    print(
        f"{connection.vendor}, {args.pledges:,} pledges, {len(timings)} articles: "
        f"median {statistics.median(timings):.0f} ms, slowest {max(timings):.0f} ms per article; "
        f"queries per article {min(queries)}–{max(queries)}; {found} suggestions"
    )


if __name__ == "__main__":
    main()
