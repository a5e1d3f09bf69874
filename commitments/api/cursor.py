"""Cursor pagination for any ordering that ends on the id.

A cursor is the sort key of the last row of a page, so the next page starts right after it
whatever was added or removed meanwhile (page numbers would repeat or skip rows). It reads
the ordering from the queryset itself: the web list's sort options work unchanged.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F, Model, OrderBy, Q, QuerySet

MAX_INT = 2**63 - 1
BAD_CURSOR = "This cursor is not one this list gave out: start again without a cursor."


@dataclass(frozen=True)
class Key:
    field: str
    descending: bool


@dataclass(frozen=True)
class Page:
    items: list[Any]
    next_cursor: str | None


def _keys(queryset: QuerySet) -> list[Key]:
    keys = []
    for term in queryset.query.order_by:
        if isinstance(term, OrderBy) and isinstance(term.expression, F):
            keys.append(Key(str(term.expression.name), term.descending))  # type: ignore[attr-defined]
        elif isinstance(term, str):
            keys.append(Key(term.lstrip("-"), term.startswith("-")))
        else:  # pragma: no cover - every list the API pages is ordered by fields
            raise TypeError(f"Cannot page by {term!r}")
    if not keys or keys[-1].field not in ("id", "pk"):
        raise TypeError("A paged ordering must end on the id, so that every row has one place.")
    return keys


def _signature(keys: list[Key]) -> str:
    return ",".join(("-" if k.descending else "") + k.field for k in keys)


def _encode(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _after(keys: list[Key], values: list[Any]) -> Q:
    """Rows strictly after `values` in this ordering, blanks last whichever the direction."""
    key, value = keys[0], values[0]
    if len(keys) == 1:
        return Q(**{f"{key.field}__lt" if key.descending else f"{key.field}__gt": value})
    rest = _after(keys[1:], values[1:])
    if value is None:  # blanks come last: after a blank only blanks follow
        return Q(**{f"{key.field}__isnull": True}) & rest
    beyond = Q(**{f"{key.field}__lt" if key.descending else f"{key.field}__gt": value})
    return beyond | Q(**{f"{key.field}__isnull": True}) | (Q(**{key.field: value}) & rest)


def _decode(cursor: str, keys: list[Key], model: type[Model]) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        signature, raw = payload["o"], payload["v"]
        if signature != _signature(keys) or len(raw) != len(keys):
            raise ValueError("another ordering")
        values = []
        for key, value in zip(keys, raw, strict=True):
            field = model._meta.pk if key.field == "pk" else model._meta.get_field(key.field)
            value = None if value is None else field.to_python(value)  # type: ignore[union-attr]
            if isinstance(value, int) and not -MAX_INT <= value <= MAX_INT:
                raise ValueError("beyond a database integer")
            if isinstance(value, str) and "\x00" in value:
                raise ValueError("a NUL character")
            values.append(value)
        return values
    except (ValueError, TypeError, KeyError, binascii.Error, ValidationError, UnicodeError):
        raise ValidationError({"cursor": BAD_CURSOR}) from None


def paginate(queryset: QuerySet, *, cursor: str | None, limit: int) -> Page:
    """One page of `limit` rows after `cursor` (from the start without one): one query."""
    keys = _keys(queryset)
    if cursor:
        queryset = queryset.filter(_after(keys, _decode(cursor, keys, queryset.model)))
    rows = list(queryset[: limit + 1])
    if len(rows) <= limit:
        return Page(rows, None)
    last = rows[limit - 1]
    payload = {
        "o": _signature(keys),
        "v": [_encode(getattr(last, "pk" if k.field == "pk" else k.field)) for k in keys],
    }
    token = base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode())
    return Page(rows[:limit], token.decode("ascii").rstrip("="))
