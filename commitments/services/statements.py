"""The SQL of the most frequent write, a progress update, kept out of the ORM's way.

Every quick update on the work queue locks its pledge, then updates it and appends to its
timeline. Built through the ORM on each request, those statements cost more Python than the
database spends running them, so the locked read is compiled once per database vendor and
replayed with the pledge's id.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from commitments.models import Commitment
from commitments.tracking import has_milestones

_ATTNAMES = [field.attname for field in Commitment._meta.concrete_fields]
_FIELDS = len(_ATTNAMES)


@dataclass(frozen=True)
class _Read:
    sql: str
    params: tuple  # those before the pledge's id
    columns: list  # what each column selects: the connection turns its values into Python


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
    for i, column in enumerate(read.columns):
        converters = connection.ops.get_db_converters(column)
        for convert in converters + column.get_db_converters(connection):
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
    read = _LOCKED_READ[connection.vendor] = _Read(sql, params[:-1], columns)
    return read
