"""Server time of the web pages on a large data set: 10,000 pledges (or --pledges) and five
updates each.

Run against a dedicated, throwaway database whose name ends in "_bench":

    createdb -h 127.0.0.1 -U postgres tracker_web_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker_web_bench \
        python bench/web.py --yes

It empties that database, seeds it, then prints the median time Django takes to
answer each page in-process (test Client: no network, no browser) beside the median time
of the page's own SQL replayed bare on a cursor, and their ratio: what the page costs on
top of its queries. Page and replay runs alternate, so the ratio holds on a busy machine.
Compare sizes with `--pledges 10000` and `--pledges 100000`.
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

PLEDGES = 10_000
UPDATES_PER_PLEDGE = 5
ANALYSTS = 12


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--yes", action="store_true", help="empty the _bench database and seed it")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--pledges", type=int, default=PLEDGES, help="pledges to seed")
    args = parser.parse_args()

    django.setup()
    from django.conf import settings
    from django.db import connection

    name = str(settings.DATABASES["default"]["NAME"])
    if not Path(name).stem.endswith("_bench") and not name.endswith("_bench"):
        print(f"Refusing: database {name!r} is not a dedicated *_bench database.")
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
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    ):
        seeded = seed(args.pledges)
        print(f"Seeded {seeded} on {connection.vendor} ({name}).")
        measure(args.runs)
    return 0


def seed(count: int) -> str:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.utils import timezone

    from commitments import services
    from commitments.models import Commitment, ProgressUpdate, Source, Status, Topic
    from commitments.roles import ANALYSTS as ANALYST_GROUP
    from commitments.roles import MANAGERS, ensure_role_groups
    from commitments.services.party_links import linker

    ensure_role_groups()
    User = get_user_model()
    analysts = [
        User.objects.create_user(f"analyst{i}", first_name="Analyst", last_name=str(i))
        for i in range(ANALYSTS)
    ]
    Group.objects.get(name=ANALYST_GROUP).user_set.add(*analysts)
    manager = User.objects.create_user("manager", first_name="Maya", last_name="Okafor")
    manager.groups.add(Group.objects.get(name=MANAGERS))
    User.objects.create_superuser("admin", password="x")

    today = timezone.localdate()
    now = timezone.now()
    statuses, topics = list(Status), list(Topic)
    actors = [
        "United Kingdom",
        "India",
        "France",
        "Japan",
        "Australia",
        "Kenya",
        "Brazil",
        "United Kingdom and India",
        "India and the United Kingdom",
    ]
    with transaction.atomic():
        sources = Source.objects.bulk_create(
            Source(
                title=f"Article {i}",
                published_on=today - timedelta(days=i),
                body="The UK will fund a new programme with India. " * 20,
                sha256=f"bench-{i}",
            )
            for i in range(500)
        )
        pledges = Commitment.objects.bulk_create(
            (
                Commitment(
                    title=f"Pledge {i}: fund programme {i % 97}",
                    source=sources[i % len(sources)],
                    quote="The UK will fund a new programme with India.",
                    quote_start=(i // len(sources)) * 45,
                    quote_end=(i // len(sources)) * 45 + 44,
                    actor=actors[i % len(actors)],
                    counterparty="India",
                    topic=topics[i % len(topics)],
                    status=statuses[i % len(statuses)],
                    progress=(i * 7) % 101,
                    owner=analysts[i % len(analysts)] if i % 11 else None,
                    due_date=today + timedelta(days=(i % 400) - 120),
                    last_progress_at=now - timedelta(days=i % 75),
                    version=1 + UPDATES_PER_PLEDGE,
                )
                for i in range(count)
            ),
            batch_size=2000,
        )
        per = UPDATES_PER_PLEDGE
        ProgressUpdate.objects.bulk_create(
            (
                ProgressUpdate(
                    commitment=c,
                    author=analysts[(c.pk + k) % len(analysts)],
                    created_at=now - timedelta(days=(c.pk * 3 + k * 40) % 400),
                    version=2 + k,
                    old_status=Status.IN_PROGRESS,
                    new_status=c.status if k == per - 1 else Status.IN_PROGRESS,
                    old_progress=0,
                    new_progress=c.progress,
                    note="Checked the ministry's statement.",
                )
                for c in pledges
                for k in range(per)
            ),
            batch_size=5000,
        )
        services.parties_seed(user=services.SYSTEM)
        linker().link_new(pledges)
    return f"{Commitment.objects.count()} pledges, {ProgressUpdate.objects.count()} updates"


def _replay(queries: list[str]) -> None:
    """Run a page's captured SQL bare, in a transaction rolled back (a POST's writes too)."""
    from django.db import connection, transaction

    with transaction.atomic():
        with connection.cursor() as cursor:
            for sql in queries:
                cursor.execute(sql)
                if cursor.description is not None:
                    cursor.fetchall()
        transaction.set_rollback(True)


def _time_side_by_side(fn, runs: int) -> tuple[float, float, int, int]:
    """Median ms of the page and of its own SQL replayed bare, runs interleaved."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):  # warm caches and connections
        fn()
    with CaptureQueriesContext(connection) as captured:
        status = fn()
    queries = [q["sql"] for q in captured.captured_queries]
    _replay(queries)
    page, bare = [], []
    for _ in range(runs):
        start = time.perf_counter()
        status = fn()
        page.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        _replay(queries)
        bare.append((time.perf_counter() - start) * 1000)
    return statistics.median(page), statistics.median(bare), len(queries), status


def measure(runs: int) -> None:
    from django.contrib import admin
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from commitments.models import Commitment

    User = get_user_model()
    manager, analyst, superuser = (
        User.objects.get(username=n) for n in ("manager", "analyst1", "admin")
    )
    as_manager, as_analyst, as_admin = Client(), Client(), Client()
    as_manager.force_login(manager)
    as_analyst.force_login(analyst)
    as_admin.force_login(superuser)

    def get(client, url):
        return lambda: client.get(url).status_code

    pledge = Commitment.objects.filter(owner=analyst).exclude(status="fulfilled").first()
    progress = iter(range(10**6))

    def row_update() -> int:
        pledge.refresh_from_db(fields=["version", "status"])
        response = as_analyst.post(
            reverse("commitments:quick_update", args=[pledge.pk]),
            {
                "version": pledge.version,
                "status": pledge.status,
                "progress": next(progress) % 100,
                "note": "",
            },
            HTTP_HX_REQUEST="true",
        )
        return response.status_code

    if Commitment not in admin.site._registry:
        # Until the admin's own registration is merged, time Django's default changelist.
        admin.site.register(Commitment)
        admin_label = "admin changelist (default ModelAdmin)"
    else:
        admin_label = "admin changelist"
    list_url = reverse("commitments:list")
    cases = [
        ("board", get(as_manager, reverse("commitments:board"))),
        ("party scorecards", get(as_manager, reverse("commitments:parties"))),
        ("party scorecard (India)", get(as_manager, reverse("commitments:party", args=["india"]))),
        ("list, by party", get(as_manager, list_url + "?party=india&role=pledger")),
        ("list, unfiltered", get(as_manager, list_url)),
        ("list, filtered", get(as_manager, list_url + "?q=programme&state=open&topic=trade")),
        (
            "list, overdue sorted by update",
            get(as_manager, list_url + "?overdue=yes&sort=-updated"),
        ),
        ("work queue", get(as_analyst, reverse("commitments:work_queue"))),
        ("pledge page", get(as_analyst, reverse("commitments:detail", args=[pledge.pk]))),
        ("row update (HTMX POST)", row_update),
        (admin_label, get(as_admin, reverse("admin:commitments_commitment_changelist"))),
    ]
    print(f"Median over {runs} runs (after 2 warm-up runs): the page, its own SQL replayed bare")
    print(f"  {'':40} {'page':>8}    {'bare SQL':>8}    {'ratio':>6}  queries")
    for label, fn in cases:
        page, bare, queries, status = _time_side_by_side(fn, runs)
        print(
            f"  {label:40} {page:8.1f} ms {bare:8.1f} ms {page / bare:6.2f}×  {queries:5}"
            f"   (HTTP {status})"
        )


if __name__ == "__main__":
    sys.exit(main())
