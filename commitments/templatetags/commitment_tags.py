"""Template helpers for pledges: humanised due dates and ages, status badges, pledge states,
attention count and links to filtered lists."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from commitments import links, selectors, states
from commitments.models import CLOSED_STATUSES
from commitments.people import display_name

register = template.Library()


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


@register.filter
def due_phrase(due: date | None, status: str = "") -> str:
    """“in 5 days”, “due today”, “12 days overdue”; closed pledges are never overdue."""
    if due is None:
        return "no due date"
    delta = (due - timezone.localdate()).days
    if status in CLOSED_STATUSES:
        return f"was due {due:%d %b %Y}"
    if delta == 0:
        return "due today"
    if delta > 0:
        return "due tomorrow" if delta == 1 else f"in {_days(delta)}"
    return f"{_days(-delta)} overdue"


@register.filter
def is_overdue(commitment) -> bool:
    return states.is_overdue(commitment, timezone.localdate())


@register.filter
def is_stale(commitment) -> bool:
    return states.is_stale(commitment, timezone.localdate())


@register.filter
def last_update(commitment) -> str:
    """When progress was last recorded: "3 days ago", or "none yet" when nobody has."""
    if commitment.has_progress:
        return age(commitment.last_progress_at)
    return f"none yet (added {age(commitment.created_at)})"


@register.filter
def percent(share: float | None) -> str:
    """A share as a whole percentage; a dash when there is nothing to divide."""
    return "–" if share is None else f"{share:.0%}"


@register.filter
def age(moment: datetime | None) -> str:
    """How long ago, in the largest unit that reads naturally."""
    if moment is None:
        return "never"
    seconds = int((timezone.now() - moment).total_seconds())
    if seconds < 60:
        return "just now"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min ago"
    hours = minutes // 60
    if hours < 24:
        return f"{hours} h ago"
    days = hours // 24
    if days < 60:
        return f"{_days(days)} ago"
    return f"{days // 30} months ago"


@register.inclusion_tag("commitments/_badge.html")
def status_badge(status: str, label: str) -> dict:
    return {"status": status, "label": label}


@register.simple_tag
def select_options(choices: Iterable[tuple[object, object]], chosen: object) -> SafeString:
    """A select's options with `chosen` selected: written here, not looped over in the
    template, because rows of the queue carry one each and the loop cost more than the row."""
    try:
        options = _options(tuple(choices))
    except TypeError:  # choices that cannot be a key of the cache
        options = _options.__wrapped__(tuple(choices))
    return mark_safe(
        "".join(
            f"{start} selected{end}" if value == chosen else start + end
            for value, start, end in options
        )
    )


@functools.lru_cache(maxsize=64)
def _options(choices: tuple[tuple[object, object], ...]) -> tuple[tuple[object, str, str], ...]:
    # The same few choices on every row: each option escaped once, its "selected" left open.
    return tuple(
        (value, format_html('<option value="{}"', value), format_html(">{}</option>", label))
        for value, label in choices
    )


@register.simple_tag(takes_context=True)
def attention_total(context) -> int:
    """The signed-in user's pledges needing attention; reuses the page's counts when present."""
    counts = context.get("attention_counts")
    if counts is None:
        request = context.get("request")
        if request is None or not request.user.is_authenticated:
            return 0
        counts = selectors.attention_counts(request.user)
        context["attention_counts"] = counts
    return counts["attention"]


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (and the page reset)."""
    return links.with_changes(context["request"].GET, **changes)


@register.simple_tag
def list_url(**filters) -> str:
    """A link to the pledge list with these filters: `{% list_url owner=user overdue=True %}`."""
    return links.pledge_list(**filters)


@register.simple_tag
def unassigned():
    """The owner filter's "no owner" value: `{% unassigned as nobody %}`."""
    return links.UNASSIGNED


@register.simple_tag
def due_soon_days() -> int:
    return states.due_soon_days()


@register.filter
def person(user) -> str:
    """A person's name as everywhere else; "Someone" for a write the tracker itself made."""
    return display_name(user)
