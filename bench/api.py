"""Server time of the JSON API on a large data set: 10,000 pledges (or --pledges) and five
updates each, read with a manager's personal token.

Run against a dedicated, throwaway database whose name ends in "_bench":

    createdb -h 127.0.0.1 -U postgres tracker_api_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker_api_bench \\
        python bench/api.py --yes

It empties that database, seeds it as bench/web.py does, then prints for each request the
median time Django takes to answer it in-process (test Client: no network) and its number of
SQL queries. Compare sizes with `--pledges 10000` and `--pledges 100000`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")

import warnings  # noqa: E402

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")

PLEDGES = 10_000


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

    from bench.web import seed

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    with override_settings(
        ALLOWED_HOSTS=["testserver"],
        SECURE_SSL_REDIRECT=False,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        API_RATE_TOKEN="1000000/m",
    ):
        seeded = seed(args.pledges)
        if connection.vendor == "postgresql":
            # Fresh bulk inserts have no planner statistics yet; a running site has them.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"Seeded {seeded} on {connection.vendor} ({name}).")
        measure(args.runs)
    return 0


def _time(fn, runs: int) -> tuple[float, int, int]:
    """Median ms of `fn` after two warm-up calls, its query count and its last status."""
    from django.db import connection

    for _ in range(2):
        fn()
    executed = []
    with connection.execute_wrapper(
        lambda execute, sql, *rest: executed.append(sql) or execute(sql, *rest)
    ):
        status = fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        status = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), len(executed), status


def measure(runs: int) -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from commitments.models import Commitment
    from commitments.services import api_tokens

    manager = get_user_model().objects.get(username="manager")
    _token, secret = api_tokens.api_token_create(user=manager, name="bench")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    pledge = Commitment.objects.exclude(status="fulfilled").order_by("id").first()
    assert pledge is not None
    deep = client.get("/api/v1/pledges", {"limit": 100}).json()["next_cursor"]

    def get(url: str, **query):
        return lambda: client.get(url, query).status_code

    progress = iter(range(10**6))

    def record() -> int:
        pledge.refresh_from_db(fields=["version"])
        body = {"version": pledge.version, "progress": next(progress) % 99 + 1, "note": "Bench"}
        return client.post(
            f"/api/v1/pledges/{pledge.pk}/progress", body, content_type="application/json"
        ).status_code

    cases = [
        ("GET /pledges (25)", get("/api/v1/pledges")),
        ("GET /pledges (100)", get("/api/v1/pledges", limit=100)),
        ("GET /pledges next page (cursor)", get("/api/v1/pledges", cursor=deep, limit=100)),
        (
            "GET /pledges?q=programme&state=open",
            get("/api/v1/pledges", q="programme", state="open"),
        ),
        ("GET /pledges?sort=-updated", get("/api/v1/pledges", sort="-updated")),
        ("GET /pledges?overdue=yes", get("/api/v1/pledges", overdue="yes")),
        ("GET /pledges/{id}", get(f"/api/v1/pledges/{pledge.pk}")),
        ("GET /pledges/{id}/updates", get(f"/api/v1/pledges/{pledge.pk}/updates")),
        ("GET /updates", get("/api/v1/updates")),
        ("GET /parties", get("/api/v1/parties")),
        ("GET /sources", get("/api/v1/sources")),
        ("POST /pledges/{id}/progress", record),
    ]
    print(f"{'request':40} {'median ms':>10} {'queries':>8} {'status':>7}")
    for label, fn in cases:
        ms, queries, status = _time(fn, runs)
        print(f"{label:40} {ms:10.1f} {queries:8} {status:7}")


if __name__ == "__main__":
    sys.exit(main())
