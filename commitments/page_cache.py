"""Pages and lists computed once per data version and day, shared by everyone who may see them.

The key holds the data version (moved on by every committed write through the services)
and the local date (overdue and stale move at midnight), so a cached page is never shown
after a save; CACHE_SECONDS bounds how old its "3 days ago" wording can get.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from commitments.services import data_version

T = TypeVar("T")


def versioned(name: str, build: Callable[[], T]) -> T:
    """The cached value (a page's text, a list) for `name` at the current data version, built
    on a miss."""
    key = f"page:{name}:{data_version.current()}:{timezone.localdate().isoformat()}"
    text = cache.get(key)
    if text is None:
        text = build()
        if settings.CACHE_SECONDS:
            cache.set(key, text, settings.CACHE_SECONDS)
    return text
