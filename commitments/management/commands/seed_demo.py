"""Demo users for a first look at the app. Safe to run again: nothing is duplicated."""

from __future__ import annotations

import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from commitments.roles import ANALYSTS, MANAGERS, ensure_role_groups

DEMO_USERS = (
    # username, first, last, group, staff, superuser
    ("analyst1", "Asha", "Rao", ANALYSTS, False, False),
    ("analyst2", "Ben", "Clarke", ANALYSTS, False, False),
    ("manager", "Maya", "Okafor", MANAGERS, False, False),
    ("admin", "Ada", "Admin", MANAGERS, True, True),
)


class Command(BaseCommand):
    help = "Create the role groups and demo users (two analysts, a manager, an admin)."

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
