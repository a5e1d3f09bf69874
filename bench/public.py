"""Server time of the public pledge page, the meter and the party pages at 10,000 and 100,000
pledges.

Run against the dedicated PostgreSQL database tracker_public (or any *_bench database):

    createdb -h 127.0.0.1 -U postgres tracker_public
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker_public python bench/public.py --yes

It empties that database, seeds 10,000 pledges (nine in ten published, three public history
entries each, each linked to its actor's party as pledger and to India as counterparty, the
approved copy of those links, and one in five with approved money in two stages and two
milestones; the parties' public tallies are then counted as the review keeps them),
prints the median time Django takes to answer each public page in-process
(test Client: no network, no browser) with the page cache off and on, then grows the data
to 100,000 pledges and prints the same figures. `--sizes` changes the sizes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")

import warnings  # noqa: E402

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")

SIZES = (10_000, 100_000)
ENTRIES_PER_PLEDGE = 3
SOURCES = 500


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--yes", action="store_true", help="empty the database and seed it")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    args = parser.parse_args()

    django.setup()
    from django.conf import settings
    from django.db import connection

    name = str(settings.DATABASES["default"]["NAME"])
    if name != "tracker_public" and not name.endswith("_bench"):
        print(f"Refusing: database {name!r} is not tracker_public or a *_bench database.")
        return 2
    if not args.yes:
        print(f"This empties {name!r} and fills it with made-up pledges. Add --yes to go ahead.")
        return 2

    from django.core.management import call_command
    from django.test import override_settings

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    with override_settings(
        ALLOWED_HOSTS=["testserver"],
        SECURE_SSL_REDIRECT=False,
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        from commitments.services.publishing import public_tallies_rebuild

        seeded = 0
        for size in sorted(args.sizes):
            seed(seeded, size)
            public_tallies_rebuild()
            seeded = size
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")  # as autovacuum would, after a bulk load
            print(f"\n{size} pledges on {connection.vendor} ({name}):")
            measure(args.runs, size)
    return 0


def seed(start: int, stop: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from commitments.models import (
        Commitment,
        Party,
        PledgeParty,
        Publication,
        PublicEntry,
        PublicEntryKind,
        PublicMilestone,
        PublicMoney,
        PublicParty,
        Source,
        Status,
        Topic,
    )

    today = timezone.localdate()
    now = timezone.now()
    statuses, topics = list(Status), list(Topic)
    actors = ["United Kingdom", "India", "France", "Japan", "Australia", "Kenya", "Brazil"]
    body = "The UK will fund a new programme with India. " * 400  # 18 kB, an article's length
    with transaction.atomic():
        parties = {}
        for actor in actors:
            slug = actor.lower().replace(" ", "-")
            parties[actor] = Party.objects.get_or_create(name=actor, defaults={"slug": slug})[0]
        sources = list(Source.objects.order_by("pk"))
        if not sources:
            sources = Source.objects.bulk_create(
                Source(
                    title=f"Article {i}",
                    published_on=today - timedelta(days=i),
                    body=body,
                    sha256=f"bench-{i}",
                )
                for i in range(SOURCES)
            )
        for chunk in range(start, stop, 10_000):
            pledges = Commitment.objects.bulk_create(
                Commitment(
                    title=f"Pledge {i}: fund programme {i % 97}",
                    source=sources[i % SOURCES],
                    quote="The UK will fund a new programme with India.",
                    quote_start=(i // SOURCES) % 400 * 45,
                    quote_end=(i // SOURCES) % 400 * 45 + 44,
                    actor=actors[i % len(actors)],
                    counterparty="India",
                    topic=topics[i % len(topics)],
                    status=statuses[i % len(statuses)],
                    progress=(i * 7) % 101,
                    due_date=today + timedelta(days=(i % 400) - 120),
                )
                for i in range(chunk, min(stop, chunk + 10_000))
            )
            published = Publication.objects.bulk_create(
                Publication(
                    commitment=c,
                    title=c.title,
                    actor=c.actor,
                    counterparty=c.counterparty,
                    topic=c.topic,
                    source=c.source,
                    quote=c.quote,
                    quote_start=c.quote_start,
                    quote_end=c.quote_end,
                    status=c.status,
                    public_reason="Reviewed against the ministry's statement.",
                    progress=c.progress,
                    due_date=c.due_date,
                    reviewed_version=1,
                    is_public=c.pk % 10 != 0,
                )
                for c in pledges
            )
            PledgeParty.objects.bulk_create(
                (
                    PledgeParty(commitment=c, party=parties[party], role=role)
                    for c in pledges
                    for party, role in ((c.actor, "pledger"), ("India", "counterparty"))
                    if party != c.actor or role == "pledger"
                ),
                batch_size=5000,
            )
            PublicParty.objects.bulk_create(
                (
                    PublicParty(publication=p, party=parties[party], role=role)
                    for p in published
                    for party, role in ((p.actor, "pledger"), ("India", "counterparty"))
                    if party != p.actor or role == "pledger"
                ),
                batch_size=5000,
            )
            tracked = [p for p in published if p.pk % 5 == 0]
            PublicMoney.objects.bulk_create(
                (
                    PublicMoney(publication=p, stage=stage, currency="GBP", amount=amount)
                    for p in tracked
                    for stage, amount in (("announced", 1_000_000), ("disbursed", 250_000))
                ),
                batch_size=5000,
            )
            PublicMilestone.objects.bulk_create(
                (
                    PublicMilestone(
                        publication=p,
                        milestone_id=p.pk * 2 + k,
                        title=f"Step {k + 1}",
                        due_date=p.due_date,
                        status="done" if k == 0 else "planned",
                    )
                    for p in tracked
                    for k in range(2)
                ),
                batch_size=5000,
            )
            PublicEntry.objects.bulk_create(
                (
                    PublicEntry(
                        publication=p,
                        kind=PublicEntryKind.PUBLISHED if k == 0 else PublicEntryKind.CHANGED,
                        created_at=now - timedelta(days=(p.pk * 3 + k * 40) % 400),
                        status=p.status,
                        progress=p.progress,
                        text="Reviewed against the ministry's statement.",
                        evidence_url=f"https://news.example.org/{p.pk}/{k}",
                    )
                    for p in published
                    for k in range(ENTRIES_PER_PLEDGE)
                ),
                batch_size=5000,
            )


def _median_ms(fn, runs: int) -> tuple[float, int]:
    from django.db import connection

    for _ in range(3):
        fn()
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    # Counted at the cursor: the request cycle resets Django's own query log.
    with connection.execute_wrapper(count):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), len(queries)


def measure(runs: int, size: int) -> None:
    from django.core.cache import cache
    from django.test import Client, override_settings
    from django.urls import reverse

    from commitments.models import Publication

    client = Client()
    # A pledge with approved money and milestones, halfway through.
    live = Publication.objects.live().filter(money__isnull=False).distinct().order_by("pk")
    pk = live.values_list("pk", flat=True)[size // 20]
    pages = [
        ("public pledge page", reverse("public:pledge", args=[pk])),
        ("meter", reverse("public:meter")),
        ("embed", reverse("public:embed_pledge", args=[pk])),
        ("search, first page", reverse("public:search")),
        ("search, words and a filter", reverse("public:search") + "?q=programme+41&topic=trade"),
        ("Atom feed", reverse("public:feed")),
        ("parties index", reverse("public:parties")),
        ("party page", reverse("public:party", args=["kenya"])),
        ("party embed", reverse("public:embed_party", args=["kenya"])),
        ("party Atom feed", reverse("public:party_feed", args=["kenya"])),
        ("party calendar", reverse("public:party_calendar", args=["kenya"])),
    ]
    print(f"  {'page':<30} {'uncached ms':>12} {'queries':>8} {'cached ms':>10}")
    for label, url in pages:

        def get(url: str = url) -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        with override_settings(PUBLIC_CACHE_SECONDS=0):
            uncached, queries = _median_ms(get, runs)
        cache.clear()
        with override_settings(PUBLIC_CACHE_SECONDS=60):
            cached, _ = _median_ms(get, runs)
        print(f"  {label:<30} {uncached:>12.1f} {queries:>8} {cached:>10.1f}")


if __name__ == "__main__":
    sys.exit(main())
