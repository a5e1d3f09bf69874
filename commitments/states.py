"""What state a pledge is in on a given day: open, overdue, due soon, stale, snoozed, needing
attention.

Each rule is written once, here, as a query expression over a day and its window setting.
Querysets, counts, filters, the admin and the reminders filter with the expression; the
per-pledge checks (and the template filters built on them) evaluate the very same expression
on an instance, so a page, a count, an e-mail and the admin cannot disagree about one pledge.

Days are local days (`TIME_ZONE`): a pledge is stale on the day its last progress is
`STALE_AFTER_DAYS` whole days old, whatever the hour.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any, cast

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from commitments.choices import CLOSED_STATUSES

# --- Windows, in days (settings, so a deployment can tune them).


def due_soon_days() -> int:
    """Due today or within this many days = due soon."""
    return settings.REMINDER_DUE_SOON_DAYS


def stale_after_days() -> int:
    """Open with no progress for this many whole local days = stale."""
    return settings.STALE_AFTER_DAYS


def due_soon_until(today: date) -> date:
    """The last day of the due-soon window that starts `today`."""
    return today + timedelta(days=due_soon_days())


def stale_before(today: date) -> datetime:
    """Progress recorded before this instant is stale on `today`: the start of the first
    local day that is still fresh."""
    first_fresh_day = today - timedelta(days=stale_after_days() - 1)
    return timezone.make_aware(datetime.combine(first_fresh_day, time.min))


# --- The rules, as query expressions.


def open_q() -> Q:
    return ~Q(status__in=CLOSED_STATUSES)


def past_due_q(today: date) -> Q:
    """Due before `today`, open or not: what makes an open pledge overdue."""
    return Q(due_date__lt=today)


def overdue_q(today: date) -> Q:
    return open_q() & past_due_q(today)


def due_soon_q(today: date) -> Q:
    return open_q() & Q(due_date__gte=today, due_date__lte=due_soon_until(today))


def no_recent_progress_q(today: date) -> Q:
    """No progress recorded on `today` or the days before it that are still fresh, open or
    not: what makes an open pledge stale."""
    return Q(last_progress_at__lt=stale_before(today))


def stale_q(today: date) -> Q:
    return open_q() & no_recent_progress_q(today)


def snoozed_q(today: date) -> Q:
    """Reminders are silenced: the snooze ends on `snoozed_until`, which is not snoozed."""
    return Q(snoozed_until__gt=today)


def needs_attention_q(today: date) -> Q:
    """Open, not snoozed, and overdue, due soon or stale: what reminders and the badge count."""
    return ~snoozed_q(today) & (overdue_q(today) | due_soon_q(today) | stale_q(today))


def unowned_q() -> Q:
    return open_q() & Q(owner__isnull=True)


def through(relation: str, q: Q) -> Q:
    """The same rule read across a relation: `through("commitments", overdue_q(d))` on users."""
    children: list[Any] = []
    for child in q.children:
        if isinstance(child, Q):
            children.append(through(relation, child))
        else:
            lookup, value = cast(tuple, child)
            children.append((f"{relation}__{lookup}", value))
    return Q(*children, _connector=q.connector, _negated=q.negated)


# --- The same expressions evaluated on one pledge, without a query.

_LOOKUPS: dict[str, Callable[[Any, Any], bool]] = {
    "exact": operator.eq,
    "lt": operator.lt,
    "lte": operator.le,
    "gt": operator.gt,
    "gte": operator.ge,
    "in": lambda value, options: value in options,
}


def matches(q: Q, obj: object) -> bool:
    """Whether `obj` satisfies `q`, with SQL's rule that a comparison with NULL is false."""
    results = (
        matches(child, obj) if isinstance(child, Q) else _lookup(obj, *cast(tuple, child))
        for child in q.children
    )
    found = all(results) if q.connector == Q.AND else any(results)
    return not found if q.negated else found


def _lookup(obj: object, lookup: str, expected: Any) -> bool:
    name, _, op = lookup.partition("__")
    value = getattr(obj, name)
    if op == "isnull":
        return (value is None) == expected
    if value is None:
        return False
    return _LOOKUPS[op or "exact"](value, expected)


def is_open(commitment: object) -> bool:
    return matches(open_q(), commitment)


def is_overdue(commitment: object, today: date) -> bool:
    return matches(overdue_q(today), commitment)


def is_due_soon(commitment: object, today: date) -> bool:
    return matches(due_soon_q(today), commitment)


def is_stale(commitment: object, today: date) -> bool:
    return matches(stale_q(today), commitment)


def is_snoozed(commitment: object, today: date) -> bool:
    return matches(snoozed_q(today), commitment)


def needs_attention(commitment: object, today: date) -> bool:
    return matches(needs_attention_q(today), commitment)
