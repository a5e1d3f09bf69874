"""Sessions signed in through Django's model backend name the backend that now loads the
user with their roles, so nobody is signed out by the change."""

from __future__ import annotations

from django.db import migrations
from django.utils import timezone

OLD = "django.contrib.auth.backends.ModelBackend"
NEW = "commitments.roles.UserWithRolesBackend"
BACKEND_KEY = "_auth_user_backend"


def carry_sessions(apps, schema_editor, old: str = OLD, new: str = NEW) -> None:
    from django.contrib.sessions.backends.db import SessionStore

    Session = apps.get_model("sessions", "Session")
    store = SessionStore()
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        data = store.decode(session.session_data)
        if data.get(BACKEND_KEY) != old:
            continue
        data[BACKEND_KEY] = new
        session.session_data = store.encode(data)
        session.save(update_fields=["session_data"])


def carry_back(apps, schema_editor) -> None:
    carry_sessions(apps, schema_editor, old=NEW, new=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0018_board_speed"),
        ("sessions", "0001_initial"),
    ]

    operations = [migrations.RunPython(carry_sessions, carry_back)]
