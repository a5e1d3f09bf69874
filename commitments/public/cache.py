"""The public pages' server-side cache, emptied at once by any publishing decision.

Every cached page is keyed by a generation number; publishing, approving, unpublishing
and accepted evidence bump it (after their transaction commits), so a withdrawn pledge
disappears on the next request while readers' repeat visits cost one cache read.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

_GENERATION_KEY = "public:generation"


def generation() -> int:
    value = cache.get(_GENERATION_KEY)
    if value is None:
        cache.add(_GENERATION_KEY, 1, timeout=None)
        value = cache.get(_GENERATION_KEY, 1)
    return int(value)


def invalidate_on_commit() -> None:
    """Forget every cached public page once the current transaction commits."""

    def bump() -> None:
        try:
            cache.incr(_GENERATION_KEY)
        except ValueError:  # never set, or evicted: any new number starts afresh
            cache.set(_GENERATION_KEY, generation() + 1, timeout=None)

    transaction.on_commit(bump)


def cached_public(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve a public page from the cache; mark it shareable for PUBLIC_CACHE_SECONDS.

    Only the body and the view's own headers are stored: never a cookie or a header of one reader.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        seconds = settings.PUBLIC_CACHE_SECONDS
        fragment = request.headers.get("HX-Request") == "true"
        key = f"public:{generation()}:{request.method}:{fragment}:{request.get_full_path()}"
        stored = cache.get(key) if seconds else None
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
        else:
            response = view(request, *args, **kwargs)
            if seconds and response.status_code == 200 and not response.streaming:
                # The view's own headers only: middleware (cookies among them) runs outside.
                cache.set(key, (response.content, dict(response.items())), seconds)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Same page, but its response may carry the session's renewed cookie.
            patch_cache_control(response, private=True, max_age=0)
        else:
            patch_cache_control(response, public=True, max_age=seconds)
        patch_vary_headers(response, ["HX-Request"])
        return response

    return wrapper
