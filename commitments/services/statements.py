"""The SQL of the most frequent write, a progress update, kept out of the ORM's way.

Every quick update on the work queue locks its pledge, then updates it and appends to its
timeline. Built through the ORM on each request, those statements cost more Python than the
database spends running them, so:

- the locked read is compiled once per database vendor and replayed with the pledge's id;
- on PostgreSQL the pledge's update and its timeline entry are one statement (an UPDATE in
  a WITH, feeding the INSERT), one round trip instead of two. Like the ORM's update it is
  guarded by the version the service read, so a write that got in first makes it update
  nothing and insert nothing, and the service's conflict path runs. Other databases (SQLite
  has no UPDATE inside WITH) keep the ORM's two statements.

Both paths write the same columns with the same values; tests/test_services.py compares them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection

from commitments.models import Commitment, ProgressUpdate
from commitments.tracking import has_milestones

_ATTNAMES = [field.attname for field in Commitment._meta.concrete_fields]
_FIELDS = len(_ATTNAMES)


@dataclass(frozen=True)
class _Read:
    sql: str
    params: tuple  # those before the pledge's id
    # The columns whose values this vendor's connection turns into Python, and what they select
    converted: tuple[tuple[int, Any], ...]


_LOCKED_READ: dict[str, _Read] = {}
_NO_ID = -1


def locked_pledge(commitment_id: int) -> Commitment | None:
    """The pledge, locked for this transaction, with whether it has milestones; None if gone."""
    read = _LOCKED_READ.get(connection.vendor) or _compile_locked_read()
    with connection.cursor() as cursor:
        cursor.execute(read.sql, (*read.params, commitment_id))
        row = cursor.fetchone()
    if row is None:
        return None
    values = list(row)
    for i, column in read.converted:
        for convert in _converters(column):
            values[i] = convert(values[i], column, connection)
    commitment = Commitment.from_db(connection.alias, _ATTNAMES, values[:_FIELDS])
    commitment.has_milestones = values[_FIELDS]  # type: ignore[attr-defined]
    return commitment


def _compile_locked_read() -> _Read:
    # Compiled inside the service's transaction: a locking read refuses to compile outside one.
    query = (
        Commitment.objects.select_for_update()
        .annotate(has_milestones=has_milestones())
        .filter(pk=_NO_ID)
        .order_by()
    )
    compiler = query.query.get_compiler(connection=connection)
    sql, params = compiler.as_sql()
    columns = [column for column, _, _ in compiler.select]
    assert params[-1] == _NO_ID, "the pledge's id must be the last parameter"
    assert len(columns) == _FIELDS + 1, "every field of the pledge, then has_milestones"
    converted = tuple((i, column) for i, column in enumerate(columns) if _converters(column))
    read = _LOCKED_READ[connection.vendor] = _Read(sql, params[:-1], converted)
    return read


def _converters(column: Any) -> list:
    return connection.ops.get_db_converters(column) + column.get_db_converters(connection)


# Which fields of the pledge `progress_saved` sets; any other change goes through the ORM.
PROGRESS_FIELDS = frozenset({"status", "progress"})

_PLEDGES, _UPDATES = Commitment._meta.db_table, ProgressUpdate._meta.db_table
_PROGRESS_WRITE = f"""
WITH updated AS (
    UPDATE {_PLEDGES}
    SET status = %s, progress = %s, version = version + 1,
        updated_at = %s, updated_by_id = %s, last_progress_at = %s
    WHERE id = %s AND version = %s
    RETURNING id, version
)
INSERT INTO {_UPDATES} (
    commitment_id, author_id, created_at, version,
    old_status, new_status, old_progress, new_progress, note, evidence_url
)
SELECT id, %s, %s, version, %s, %s, %s, %s, %s, %s FROM updated
RETURNING id
"""


def writes_progress_in_one_statement() -> bool:
    return connection.vendor == "postgresql"


def progress_saved(entry: ProgressUpdate, *, seen_version: int) -> bool:
    """Save the unsaved timeline `entry` and move its pledge to the entry's status and
    progress, stamped with its author and time, from `seen_version` to the next.

    False, with nothing written, when the pledge has moved on from `seen_version`.
    """
    when = entry.created_at
    params = (
        str(entry.new_status),
        entry.new_progress,
        when,
        entry.author_id,
        when,
        entry.commitment_id,
        seen_version,
        entry.author_id,
        when,
        str(entry.old_status),
        str(entry.new_status),
        entry.old_progress,
        entry.new_progress,
        entry.note,
        entry.evidence_url,
    )
    with connection.cursor() as cursor:
        cursor.execute(_PROGRESS_WRITE, params)
        row = cursor.fetchone()
    if row is None:
        return False
    entry.pk = row[0]
    entry._state.adding = False
    entry._state.db = connection.alias
    return True
