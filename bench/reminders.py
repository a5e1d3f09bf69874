"""Seed pledges in a dedicated database and time the reminder scan.

    createdb -h 127.0.0.1 -U postgres tracker_rem_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker_rem_bench \
        .venv/bin/python bench/reminders.py [--pledges 100000] [--owners 200] [--send] [--yes]
        [--reuse] [--runs 5]

The database is migrated, seeded (owners, articles, pledges spread over due dates,
progress dates, statuses and snoozes), analysed, and scanned; the script prints the seed
time, the scan's time and query count, and a second, idempotent scan; with --runs N, the
scan on an emptied reminders table N times more, with the median. --reuse keeps pledges
seeded by an earlier run of the same size (only the reminders are deleted). Then, for the
ratio, a naive
loop (one pledge at a time, a get_or_create per reminder) on a sample of the same candidates
(`--naive-sample`, 2,000 by default), beside the scan's time per pledge. It refuses a
database that already holds pledges unless --yes, which deletes them first.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret-" + "x" * 30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pledges", type=int, default=100_000)
    parser.add_argument("--owners", type=int, default=200)
    parser.add_argument("--send", action="store_true", help="also time sending (to memory)")
    parser.add_argument("--yes", action="store_true", help="delete existing pledges first")
    parser.add_argument("--naive-sample", type=int, default=2000, help="pledges, 0 to skip")
    parser.add_argument("--reuse", action="store_true", help="keep pledges of an earlier run")
    parser.add_argument("--runs", type=int, default=0, help="repeat the full scan, median")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from commitments.models import Commitment, Reminder
    from commitments.reminders import claims, delivery

    db = settings.DATABASES["default"]
    print(f"Database: {db['ENGINE'].rsplit('.', 1)[-1]} {db['NAME']}")
    call_command("migrate", verbosity=0)
    bench_pledges = Commitment.objects.filter(title__startswith="Bench pledge").count()
    if args.reuse and bench_pledges == args.pledges == Commitment.objects.count():
        Reminder.objects.all().delete()
        print(f"Reusing {args.pledges:,} pledges seeded earlier")
    else:
        if Commitment.objects.exists() or Reminder.objects.exists():
            if not args.yes:
                print(
                    "This database already holds pledges; use a dedicated one "
                    "(createdb -h 127.0.0.1 -U postgres tracker_rem_bench) or pass --yes to "
                    "delete them.",
                    file=sys.stderr,
                )
                return 2
            wipe()
        started = time.perf_counter()
        seed(args.pledges, args.owners)
        print(f"Seeded {args.pledges:,} pledges over {args.owners} owners in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    if connection.vendor == "postgresql":
        # Fresh statistics, as autovacuum would have after a bulk load.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    for label in ("Scan", "Scan again (nothing new)"):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            result = claims.reminders_claim()
            elapsed = time.perf_counter() - started
        print(
            f"{label}: {elapsed:.2f} s, {len(queries)} queries, "
            f"{result.claimed:,} reminders claimed for {len(result.owner_ids)} owners"
        )

    if args.runs:
        times, counts = [], set()
        for _ in range(args.runs):
            Reminder.objects.all().delete()
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                result = claims.reminders_claim()
                times.append(time.perf_counter() - started)
            counts.add(len(queries))
        print(
            f"Scan on an emptied table, {args.runs} runs: median {statistics.median(times):.2f} s "
            f"(min {min(times):.2f}, max {max(times):.2f}), {'/'.join(map(str, counts))} "
            f"queries, {result.claimed:,} reminders claimed "
            f"(load {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs)"
        )

    if args.naive_sample:
        from django.utils import timezone

        from commitments.reminders import rules

        candidates = (
            rules.candidates(timezone.localdate())
            .filter(owner__isnull=False, owner__is_active=True)
            .exclude(owner__email="")
            .count()
        )
        Reminder.objects.all().delete()
        if connection.vendor == "postgresql":
            # What autovacuum leaves after the delete: statistics that say the table is
            # empty, the case where a plan that looks each pledge up among the rows being
            # inserted would go quadratic.
            with connection.cursor() as cursor:
                cursor.execute(f"VACUUM ANALYZE {Reminder._meta.db_table}")
        started = time.perf_counter()
        result = claims.reminders_claim()
        scan = time.perf_counter() - started
        Reminder.objects.all().delete()
        started = time.perf_counter()
        sample = naive_claim(args.naive_sample)
        naive = time.perf_counter() - started
        per_scan, per_naive = scan / candidates * 1000, naive / sample * 1000
        print(
            f"Scan on an empty table: {scan:.2f} s for {candidates:,} candidate pledges "
            f"({per_scan:.3f} ms each); naive loop on {sample:,} of them: {naive:.2f} s "
            f"({per_naive:.3f} ms each): the scan is {per_naive / per_scan:.0f}x faster per "
            f"pledge (load {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs)"
        )
        Reminder.objects.all().delete()
        result = claims.reminders_claim()

    if args.send:
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            sent = [
                delivery.reminders_send_to_owner(owner_id=owner_id) for owner_id in result.owner_ids
            ]
            elapsed = time.perf_counter() - started
        print(
            f"Send: {elapsed:.2f} s, {len(queries)} queries, "
            f"{sum(1 for d in sent if d and d.sent)} e-mails"
        )
    return 0


def naive_claim(sample: int) -> int:
    """The scan written the slow way: each pledge read, its reasons worked out, each claim
    inserted on its own. Returns how many pledges it went through."""
    from django.db import transaction
    from django.utils import timezone

    from commitments.models import Reminder, ReminderReason
    from commitments.reminders import rules

    today = timezone.localdate()
    pledges = list(
        rules.candidates(today)
        .filter(owner__isnull=False, owner__is_active=True)
        .exclude(owner__email="")
        .order_by("pk")[:sample]
    )
    with transaction.atomic():
        for pledge in pledges:
            last = (
                Reminder.objects.filter(commitment=pledge, reason=ReminderReason.OVERDUE)
                .order_by("-scan_date")
                .values_list("scan_date", flat=True)
                .first()
            )
            for reason, period in rules.reasons_for(
                due_date=pledge.due_date,
                last_progress_at=pledge.last_progress_at,
                today=today,
                last_overdue=last,
            ):
                Reminder.objects.get_or_create(
                    commitment=pledge,
                    reason=reason,
                    period=period,
                    defaults={"owner_id": pledge.owner_id, "scan_date": today},
                )
    return len(pledges)


def wipe() -> None:
    from django.contrib.auth import get_user_model

    from commitments.models import Commitment, ProgressUpdate, Reminder, Source

    Reminder.objects.all().delete()
    ProgressUpdate.objects.all().delete()
    Commitment.objects.all().delete()
    Source.objects.filter(title__startswith="Bench article").delete()
    get_user_model().objects.filter(username__startswith="bench-").delete()


def seed(pledges: int, owners: int) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.utils import timezone

    from commitments.models import CLOSED_STATUSES, Commitment, Source, Status
    from commitments.roles import ANALYSTS

    rng = random.Random(5)
    User = get_user_model()
    now = timezone.now()
    today = timezone.localdate()
    open_statuses = [s for s in Status if s not in CLOSED_STATUSES]
    with transaction.atomic():
        users = User.objects.bulk_create(
            User(username=f"bench-{i}", email=f"bench-{i}@example.org", password="!")
            for i in range(owners)
        )
        analysts, _ = Group.objects.get_or_create(name=ANALYSTS)
        Membership = User.groups.through
        Membership.objects.bulk_create(
            Membership(user_id=user.pk, group_id=analysts.pk) for user in users
        )
        per_source = 1000
        sources = Source.objects.bulk_create(
            Source(
                title=f"Bench article {i}",
                published_on=today,
                body=f"Bench article {i}.",
                sha256=hashlib.sha256(f"bench {i}".encode()).hexdigest(),
            )
            for i in range(pledges // per_source + 1)
        )
        batch = []
        for i in range(pledges):
            roll = rng.random()
            status = rng.choice(list(CLOSED_STATUSES)) if roll < 0.1 else rng.choice(open_statuses)
            batch.append(
                Commitment(
                    title=f"Bench pledge {i}",
                    source_id=sources[i // per_source].pk,
                    quote="The UK will fund a programme.",
                    quote_start=(i % per_source) * 50,
                    quote_end=(i % per_source) * 50 + 29,
                    actor="United Kingdom",
                    owner_id=None if roll > 0.97 else users[i % owners].pk,
                    status=status,
                    due_date=None if roll < 0.2 else today + timedelta(rng.randint(-120, 120)),
                    snoozed_until=today + timedelta(5) if 0.5 < roll < 0.55 else None,
                    last_progress_at=now - timedelta(days=rng.randint(0, 90)),
                )
            )
            if len(batch) == 5000:
                Commitment.objects.bulk_create(batch)
                batch = []
        Commitment.objects.bulk_create(batch)


if __name__ == "__main__":
    sys.exit(main())
