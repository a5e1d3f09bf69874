"""Every link to a page of the tracker, and to a filtered pledge list, built in one place.

Pages, charts and e-mails ask for a list by what it shows (`pledge_list(overdue=True,
owner=UNASSIGNED)`); the query string is written here, with the values the list's filter
set declares, so a link can never carry a value the filter would reject. E-mails use the
absolute forms, from `SITE_URL`.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Model
from django.urls import URLResolver, get_resolver, get_script_prefix, get_urlconf, reverse

from commitments.filters import NO, YES, CommitmentFilter

# "Pledges without an owner", as the owner filter spells it.
UNASSIGNED = object()

_FILTERS = CommitmentFilter.base_filters
_DUE_FROM, _DUE_TO = (f"due_{suffix}" for suffix in _FILTERS["due"].extra["widget"].suffixes)


def _value(name: str, value: Any) -> str:
    if value is UNASSIGNED:
        return _FILTERS[name].null_value
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, Model):
        return str(value.pk)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def list_query(**filters: Any) -> dict[str, str]:
    """The list's query parameters for these filters; None and "" leave a filter out.

    `due_from` and `due_to` bound the due-date range; any other name must be one of the
    filter set's.
    """
    query: dict[str, str] = {}
    for name, value in filters.items():
        if value is None or value == "":
            continue
        param = {"due_from": _DUE_FROM, "due_to": _DUE_TO}.get(name, name)
        if param not in _FILTERS and param not in (_DUE_FROM, _DUE_TO):
            raise TypeError(f"The pledge list has no filter called {name!r}.")
        query[param] = _value(name, value)
    return query


def pledge_list(**filters: Any) -> str:
    """The pledge list, filtered: `pledge_list(owner=user, state="open")`."""
    query = urlencode(list_query(**filters))
    path = _list_path(get_resolver(get_urlconf()), get_script_prefix())
    return f"{path}?{query}" if query else path


@lru_cache(maxsize=8)
def _list_path(resolver: URLResolver, prefix: str) -> str:
    """The list's path, reversed once per URL configuration and prefix: a page such as the
    board links to the list hundreds of times."""
    return reverse("commitments:list")


def pledge(pk: int) -> str:
    return reverse("commitments:detail", args=[pk])


def attention() -> str:
    return reverse("commitments:attention")


def board() -> str:
    return reverse("commitments:board")


def parties() -> str:
    return reverse("commitments:parties")


def party(slug: str) -> str:
    return reverse("commitments:party", args=[slug])


def absolute(path: str) -> str:
    """A link that works outside the site (in an e-mail): SITE_URL in front of the path."""
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def with_changes(params, **changes: Any) -> str:
    """The current list's query string with some parameters replaced and the page reset."""
    params = params.copy()
    params.pop("page", None)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


# --- The public site under /p/.


def public_meter() -> str:
    return reverse("public:meter")


def public_pledge(pk: int) -> str:
    return reverse("public:pledge", args=[pk])


def public_embed(pk: int) -> str:
    return reverse("public:embed_pledge", args=[pk])


def public_search(**filters: str) -> str:
    """The public search, filtered: `public_search(status="broken", topic="trade")`."""
    return reverse("public:search", query={k: v for k, v in filters.items() if v})


def public_parties() -> str:
    return reverse("public:parties")


def public_party(slug: str) -> str:
    return reverse("public:party", args=[slug])


def public_party_embed(slug: str) -> str:
    return reverse("public:embed_party", args=[slug])


def public_party_feed(slug: str) -> str:
    return reverse("public:party_feed", args=[slug])


def public_party_calendar(slug: str) -> str:
    return reverse("public:party_calendar", args=[slug])


def publishing_review(pk: int) -> str:
    return reverse("commitments:publishing_review", args=[pk])
