"""Every route × 8 personas × 7 methods, plain and htmx: who may read, who may write.

    .venv/bin/python bench/access_walk.py [--keep]

Runs on a throwaway SQLite database (var/access_walk.sqlite3), seeded with one pledge of
each kind of record the routes take, owned by the owner analyst. Each request is made
twice: with an empty body and with a plausible form (a status, progress, note, the pledge's
current version, a due date and reason, an owner, a snooze day), so writes that are allowed
really happen. A violation is:

- a server error (5xx) for anyone;
- a private page answered with 2xx to a stranger, an inactive user or a signed-in user
  with no role;
- any write (the data version moves on, or a row is added or removed) by a stranger, an
  inactive user, a user with no role or staff without a role;
- the owner's pledge changed by the other analyst.

Prints the number of checks, answers by status, and every violation; exits non-zero when
there is one.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = ROOT / "var" / "access_walk.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("IMPORT_INLINE", "true")
os.environ["CELERY_BROKER_URL"] = "memory://"

METHODS = ("get", "head", "post", "put", "patch", "delete", "options")
NO_WRITES = ("anonymous", "inactive", "no role", "staff, no role")
NO_READS = ("anonymous", "inactive", "no role")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    DB.parent.mkdir(exist_ok=True)
    DB.unlink(missing_ok=True)

    import django

    django.setup()
    from django.apps import apps
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    setup_test_environment()
    # Refusals are the point of the walk; only server errors are worth a log line.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.AXES_ENABLED = False
    call_command("migrate", verbosity=0)

    from commitments.models import Commitment
    from commitments.services import data_version
    from tests.factories import (
        AnalystFactory,
        CommitmentFactory,
        ManagerFactory,
        UserFactory,
    )
    from tests.test_url_access import API, BY_TOKEN, OPEN, PUBLIC, app_routes

    owner = AnalystFactory(username="owner")
    other = AnalystFactory(username="other")
    people = {
        "owner analyst": owner,
        "other analyst": other,
        "manager": ManagerFactory(username="boss"),
        "superuser": UserFactory(username="root", is_staff=True, is_superuser=True),
        "inactive": AnalystFactory(username="gone", is_active=False),
        "no role": UserFactory(username="nobody"),
        "staff, no role": UserFactory(username="staffer", is_staff=True),
    }
    for _ in range(2):
        CommitmentFactory(owner=owner)
    pledge = Commitment.objects.order_by("pk").first()
    assert pledge is not None

    counted = list(apps.get_app_config("commitments").get_models())

    def fingerprint() -> tuple:
        rows = tuple(model._default_manager.count() for model in counted)
        mine = Commitment.objects.filter(pk=pledge.pk).values_list(
            "version", "status", "progress", "owner_id", "due_date", "snoozed_until"
        )
        return data_version.current(), rows, tuple(mine)

    def form() -> dict:
        version = Commitment.objects.filter(pk=pledge.pk).values_list("version", flat=True)
        return {
            "status": "in_progress",
            "progress": "40",
            "note": "Walk",
            "version": str(version.first() or 1),
            "due_date": (pledge.created_at.date() + timedelta(days=400)).isoformat(),
            "reason": "Walk",
            "owner": str(other.pk),
            "until": (pledge.created_at.date() + timedelta(days=30)).isoformat(),
            "url": "https://example.org/evidence",
        }

    routes = [r for r in app_routes() if r[0] not in BY_TOKEN]
    answers: Counter = Counter()
    violations: list[str] = []
    checks = 0
    for persona in ("anonymous", *people):
        client = Client(raise_request_exception=False)
        if persona != "anonymous":
            client.force_login(people[persona])
        for name, kwargs in routes:
            url = reverse(name, kwargs=kwargs)
            private = name not in OPEN | API | PUBLIC
            for method in METHODS:
                for htmx in (False, True):
                    for body in ({}, form()) if method in ("post", "put", "patch") else ({},):
                        before = fingerprint()
                        headers = {"HX-Request": "true"} if htmx else {}
                        response = getattr(client, method)(url, body, headers=headers)
                        after = fingerprint()
                        checks += 1
                        status = response.status_code
                        answers[status] += 1
                        where = f"{persona:15} {method.upper():7} {'htmx ' if htmx else ''}{url}"
                        if status >= 500:
                            violations.append(f"{where}: {status}")
                        if private and persona in NO_READS and 200 <= status < 300:
                            violations.append(f"{where}: {status} to {persona}")
                        if persona in NO_WRITES and before[:2] != after[:2]:
                            violations.append(f"{where}: wrote as {persona}")
                        if persona == "other analyst" and before[2] != after[2]:
                            violations.append(f"{where}: changed the owner's pledge")
    print(
        f"{checks:,} checks: {len(routes)} routes x {len(people) + 1} personas x "
        f"{len(METHODS)} methods, plain and htmx (writes with and without a form)"
    )
    print("Answers: " + ", ".join(f"{code}: {n:,}" for code, n in sorted(answers.items())))
    print(f"Violations: {len(violations)}")
    for line in violations:
        print("  " + line)
    if not args.keep:
        DB.unlink(missing_ok=True)
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
