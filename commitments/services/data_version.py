"""The data version: every committed write through the services moves it on by one.

Cached pages (the board) are keyed on it, so a save is never followed by a stale page.
Services open their transaction with `writing()`, which registers the bump once per
transaction; a transaction rolled back bumps nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F

from commitments.models import DataVersion

ROW = 1


# On PostgreSQL the number is a sequence: nextval takes no row lock and needs no commit of
# its own, so concurrent writers never queue on it. Elsewhere it is the DataVersion row.
SEQUENCE = "commitments_data_version_seq"


def _bump() -> None:
    # After the write committed, in autocommit: never holds a lock across a transaction.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval(%s)", [SEQUENCE])
    elif not DataVersion.objects.filter(pk=ROW).update(number=F("number") + 1):
        DataVersion.objects.get_or_create(pk=ROW, defaults={"number": 1})
    if settings.BOARD_PREBUILD:
        _prebuild_board()


def _prebuild_board() -> None:
    from commitments.tasks import queue_board_prebuild

    queue_board_prebuild()  # whatever the broker does, the write stands


def data_changed() -> None:
    """Bump the data version when the current transaction commits (at once outside one)."""
    if connection.in_atomic_block and any(entry[1] is _bump for entry in connection.run_on_commit):
        return
    transaction.on_commit(_bump)


@contextmanager
def writing() -> Iterator[None]:
    """One service's transaction, which bumps the data version if it commits.

    Use as `@writing()` on a service or `with writing():` around a batch of them.
    """
    with transaction.atomic():
        data_changed()
        outermost = not getattr(connection, _WRITING, False)
        setattr(connection, _WRITING, True)
        try:
            yield
        finally:
            if outermost:
                setattr(connection, _WRITING, False)


# Set on the connection while a service's transaction is open: its own bump covers the
# rows it saves, so the signals below add none.
_WRITING = "data_version_writing"


def current() -> int:
    """The data version now: one read of the sequence or of the row."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT last_value, is_called FROM {SEQUENCE}")
            value, called = cursor.fetchone()
        return value if called else 0
    return DataVersion.objects.filter(pk=ROW).values_list("number", flat=True).first() or 0


# Writes the admin (and Django's own auth pages and commands) make without a service: who is
# an analyst or a manager, people's names, articles' and parties' own fields. The pages keyed
# on the data version show them, so they move it on too. Signing in stamps `last_login` and
# changing a password touches nothing any page shows; those saves leave the version alone.
_UNSHOWN_USER_FIELDS = frozenset({"last_login", "password"})


def _direct_write() -> None:
    if not getattr(connection, _WRITING, False):
        # Its own callback, so a service's transaction never mistakes it for its bump.
        transaction.on_commit(lambda: _bump())


def _saved(sender, update_fields=None, **kwargs) -> None:
    if update_fields is None or not frozenset(update_fields) <= _UNSHOWN_USER_FIELDS:
        _direct_write()


def _deleted(sender, **kwargs) -> None:
    _direct_write()


def _groups_changed(sender, action: str, **kwargs) -> None:
    if action.startswith("post_"):
        _direct_write()


def watch_direct_writes() -> None:
    """Connect the signals above; called once when the app is ready."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db.models import signals

    from commitments.models import Party, Source

    user_model = get_user_model()
    for model in (user_model, Group, Source, Party):
        signals.post_save.connect(_saved, sender=model, dispatch_uid=f"data-version-{model}")
        signals.post_delete.connect(_deleted, sender=model, dispatch_uid=f"data-version-d-{model}")
    groups = user_model.groups.through
    signals.m2m_changed.connect(_groups_changed, sender=groups, dispatch_uid="data-version-groups")
