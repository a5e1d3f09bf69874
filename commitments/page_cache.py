"""Pages and lists computed once per data version and day, shared by everyone who may see them.

The key holds the data version (moved on by every committed write through the services)
and the local date (overdue and stale move at midnight), so a cached page is never shown
after a save. CACHE_SECONDS bounds how old its "3 days ago" wording can get: an entry older
than that is built again, or, where a worker can rebuild it (`refresh`), served while the
worker does, so no reader waits for the page's queries just because time passed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from commitments.services import data_version

T = TypeVar("T")

# An entry outlives its freshness so that an aged one can be served while it is rebuilt; the
# day in its key retires it at midnight anyway.
KEEP_SECONDS = 24 * 60 * 60


def versioned(name: str, build: Callable[[], T], *, refresh: Callable[[], bool] | None = None) -> T:
    """The cached value (a page's text, a list) for `name` at the current data version, built
    on a miss. An entry older than CACHE_SECONDS is built again unless `refresh` queues its
    rebuild elsewhere (it says whether it did); then the entry is served meanwhile."""
    key = _key(name)
    entry = cache.get(key)
    if entry is not None:
        built_at, value = entry
        if time.time() - built_at <= settings.CACHE_SECONDS or (refresh and refresh()):
            return value
    return rebuild(name, build, key=key)


def rebuild(name: str, build: Callable[[], T], *, key: str = "") -> T:
    """Build the value for `name` at the current data version and keep it, whatever is cached."""
    key = key or _key(name)
    value = build()
    if settings.CACHE_SECONDS:
        cache.set(key, (time.time(), value), KEEP_SECONDS)
    return value


def _key(name: str) -> str:
    return f"page:{name}:{data_version.current()}:{timezone.localdate().isoformat()}"
