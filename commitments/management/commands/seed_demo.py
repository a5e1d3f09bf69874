"""Demo users and the seed article for a first look at the app. Safe to run again."""

from __future__ import annotations

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from commitments.importing import extract_candidates, read_path
from commitments.roles import ANALYSTS, MANAGERS, ensure_role_groups
from commitments.services import SYSTEM, source_import

DEMO_USERS = (
    # username, first, last, group, staff, superuser
    ("analyst1", "Asha", "Rao", ANALYSTS, False, False),
    ("analyst2", "Ben", "Clarke", ANALYSTS, False, False),
    ("manager", "Maya", "Okafor", MANAGERS, False, False),
    ("admin", "Ada", "Admin", MANAGERS, True, True),
)


DEMO_ANALYSTS = tuple(row[0] for row in DEMO_USERS if row[3] == ANALYSTS)
SEED_ARTICLE = settings.BASE_DIR / "data" / "articles" / "2022-03-31-truss-india-visit.txt"


def import_seed_article(analysts: list) -> str:
    """Import the seed article once, its pledges shared round-robin between the analysts."""
    article = read_path(SEED_ARTICLE)
    candidates = extract_candidates(article)
    owners = [analysts[n % len(analysts)] for n in range(len(candidates))] if analysts else None
    result = source_import(
        article=article,
        candidates=candidates,
        user=SYSTEM,
        owners=owners,
        title="UK Foreign Secretary Liz Truss visits India",
    )
    return f"Seed article: {result.message}"


class Command(BaseCommand):
    help = (
        "Create the role groups and demo users (two analysts, a manager, an admin) and import "
        "the seed article, its pledges shared between the analysts."
    )

    def handle(self, *args, **options):
        chosen = os.environ.get("DEMO_PASSWORD", "").strip()
        password = chosen or secrets.token_urlsafe(12)
        users = self.create_users(password, reset=bool(chosen))
        self.stdout.write("Demo sign-ins:")
        for user, created in users:
            if created or chosen:
                note = f"password {password}"
            else:
                note = "existing password kept; set DEMO_PASSWORD to reset it"
            self.stdout.write(f"  {user.username:10} {user.first_name} {user.last_name}: {note}")
        analysts = [user for user, _ in users if user.username in DEMO_ANALYSTS]
        self.stdout.write(import_seed_article(analysts))

    @transaction.atomic
    def create_users(self, password: str, *, reset: bool):
        ensure_role_groups()
        User = get_user_model()
        result = []
        for username, first, last, group_name, staff, superuser in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@example.org",
                },
            )
            user.is_staff = staff
            user.is_superuser = superuser
            if created or reset:
                user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=group_name))
            result.append((user, created))
        return result
