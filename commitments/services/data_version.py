"""The data version: every committed write through the services moves it on by one.

Cached pages (the board) are keyed on it, so a save is never followed by a stale page.
Services open their transaction with `writing()`, which registers the bump once per
transaction; a transaction rolled back bumps nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

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
        return
    if not DataVersion.objects.filter(pk=ROW).update(number=F("number") + 1):
        DataVersion.objects.get_or_create(pk=ROW, defaults={"number": 1})


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
        yield


def current() -> int:
    """The data version now: one read of the sequence or of the row."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT last_value, is_called FROM {SEQUENCE}")
            value, called = cursor.fetchone()
        return value if called else 0
    return DataVersion.objects.filter(pk=ROW).values_list("number", flat=True).first() or 0
