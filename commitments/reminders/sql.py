"""The pieces of SQL the scan's claims are written with: who can be reminded, a date as
ISO text, and the days between two dates, the same on PostgreSQL and SQLite."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import CharField, DateField, Func, IntegerField, Q, Value


def remindable_q() -> Q:
    """A pledge whose owner can be reminded: there is one, active, with an e-mail address."""
    return Q(owner__isnull=False, owner__is_active=True) & ~Q(owner__email="")


class DateText(Func):
    """A date as `YYYY-MM-DD`, as `date.isoformat()` writes it."""

    output_field = CharField()
    template = "CAST(%(expressions)s AS TEXT)"  # SQLite stores dates as ISO text

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, template="to_char(%(expressions)s, 'YYYY-MM-DD')", **extra
        )


class DaysUntil(Func):
    """The whole days from the date `expression` to `day` (positive when it is earlier)."""

    output_field = IntegerField()

    def __init__(self, expression: Any, day: date) -> None:
        super().__init__(Value(day, output_field=DateField()), expression)

    def _operands(self, compiler: Any) -> tuple[str, str, tuple[Any, ...]]:
        (day, day_params), (since, since_params) = (
            compiler.compile(e) for e in self.get_source_expressions()
        )
        return day, since, (*day_params, *since_params)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        day, since, params = self._operands(compiler)
        return f"CAST(julianday({day}) - julianday({since}) AS INTEGER)", params

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        day, since, params = self._operands(compiler)
        return f"({day}::date - ({since})::date)", params
