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
Compare sizes with `--pledges 10000` and `--pledges 100000`; `--reuse` keeps data seeded by
an earlier run of the same size (100,000 pledges take minutes to build).

`--compare` also times the admin changelist in the same interleaved loop and prints, per
page, the median and interquartile range of the page, its bare SQL and the admin, and the
page's ratio to each. The board is timed twice: as served (cached per data version) and
cold (the cache emptied before each run, so every query runs).
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
    parser.add_argument(
        "--reuse", action="store_true", help="keep the data if an earlier run seeded this size"
    )
    parser.add_argument(
        "--compare", action="store_true", help="time the admin changelist alongside; IQRs"
    )
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="after each page, its slowest statements replayed one by one",
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="TEXT",
        help="time only the pages whose label contains TEXT (repeatable)",
    )
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

    from commitments.models import Commitment

    call_command("migrate", verbosity=0)
    reuse = args.reuse and Commitment.objects.count() == args.pledges
    if not reuse:
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
        if reuse:
            print(f"Reusing {describe()} on {connection.vendor} ({name}).")
        else:
            started = time.perf_counter()
            seed(args.pledges)
            print(
                f"Seeded {describe()} on {connection.vendor} ({name}) "
                f"in {time.perf_counter() - started:.0f} s."
            )
        if connection.vendor == "postgresql":
            # Plans for the sizes seeded, and the visibility map that autovacuum keeps on a
            # live database (index-only scans need it), whatever earlier runs wrote.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        print(
            f"Load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (1, 5 min), "
            f"{os.cpu_count()} CPUs"
        )
        measure(args.runs, compare=args.compare, only=args.only, breakdown=args.breakdown)
    return 0


def describe() -> str:
    from commitments.models import Commitment, ProgressUpdate

    return f"{Commitment.objects.count()} pledges, {ProgressUpdate.objects.count()} updates"


def seed(count: int) -> None:
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


def _print_breakdown(queries: list[str], runs: int, shown: int = 5) -> None:
    """The page's slowest statements, each replayed alone: where its SQL time goes."""
    each = [
        (statistics.median(_ms(lambda sql=sql: _replay([sql])) for _ in range(runs)), sql)
        for sql in queries
    ]
    for median, sql in sorted(each, reverse=True)[:shown]:
        print(f"      {median:8.1f}  {' '.join(sql.split())[:100]}")


def _capture(fn) -> tuple[list[str], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):  # warm caches and connections
        fn()
    with CaptureQueriesContext(connection) as captured:
        status = fn()
    return [q["sql"] for q in captured.captured_queries], status


def _ms(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def _spread(times: list[float]) -> tuple[float, float]:
    """Median and interquartile range (none from a single run)."""
    if len(times) < 2:
        return statistics.median(times), 0.0
    q1, median, q3 = statistics.quantiles(times, n=4, method="inclusive")
    return median, q3 - q1


def measure(runs: int, *, compare: bool, only: list[str], breakdown: bool = False) -> None:
    from django.contrib import admin
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
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
    board_url = reverse("commitments:board")

    def board_cold() -> int:
        cache.clear()
        return as_manager.get(board_url).status_code

    cases = [
        ("board", get(as_manager, reverse("commitments:board"))),
        ("party scorecards", get(as_manager, reverse("commitments:parties"))),
        ("party scorecard (India)", get(as_manager, reverse("commitments:party", args=["india"]))),
        ("list, by party", get(as_manager, list_url + "?party=india&role=pledger")),
        ("board (served, cached)", get(as_manager, board_url)),
        ("board (cold: cache emptied)", board_cold),
        ("list, unfiltered", get(as_manager, list_url)),
        ("list, filtered", get(as_manager, list_url + "?q=programme&state=open&topic=trade")),
        (
            "list, overdue sorted by update",
            get(as_manager, list_url + "?overdue=yes&sort=-updated"),
        ),
        ("work queue", get(as_analyst, reverse("commitments:work_queue"))),
        ("pledge page", get(as_analyst, reverse("commitments:detail", args=[pledge.pk]))),
        ("row update (HTMX POST)", row_update),
    ]
    if only:
        cases = [case for case in cases if any(text in case[0] for text in only)]
    admin_url = reverse("admin:commitments_commitment_changelist")
    admin_fn = get(as_admin, admin_url)
    admin_queries, _ = _capture(admin_fn)
    print(f"Median (IQR) over {runs} interleaved runs, after 2 warm-up runs, in ms:")
    header = f"  {'':34} {'page':>16} {'its bare SQL':>16}  {'×SQL':>5}  queries"
    if compare:
        header += f"  {'admin changelist':>16}  {'×admin':>6}"
    print(header)
    for label, fn in cases:
        queries, status = _capture(fn)
        _replay(queries)
        page: list[float] = []
        bare: list[float] = []
        admin_times: list[float] = []
        for _ in range(runs):
            page.append(_ms(fn))
            bare.append(_ms(lambda queries=queries: _replay(queries)))
            if compare:
                admin_times.append(_ms(admin_fn))
        (p, p_iqr), (b, b_iqr) = _spread(page), _spread(bare)
        line = (
            f"  {label:34} {p:8.1f} ({p_iqr:5.1f}) {b:8.1f} ({b_iqr:5.1f})  {p / b:5.2f}"
            f"  {len(queries):7}"
        )
        if compare:
            a, a_iqr = _spread(admin_times)
            line += f"  {a:8.1f} ({a_iqr:5.1f})  {p / a:6.2f}"
        print(line + f"   HTTP {status}")
        if breakdown:
            _print_breakdown(queries, runs)
    print(f"  ({admin_label}: {len(admin_queries)} queries)")


if __name__ == "__main__":
    sys.exit(main())
