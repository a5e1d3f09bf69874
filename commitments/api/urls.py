"""The API's URLs, open to clients without a session: the token (or its absence) decides."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponseBase
from django.urls import URLPattern, URLResolver

from commitments.api.endpoints import api


def _head_as_get(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """HEAD answers as GET would, without the body (ninja routes HEAD nowhere by itself).

    A path without a GET operation still answers 405, its write operations untouched."""

    @wraps(view)
    def answer(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if request.method != "HEAD":
            return view(request, *args, **kwargs)
        request.method = "GET"
        try:
            response = view(request, *args, **kwargs)
        finally:
            request.method = "HEAD"
        if not response.streaming:
            response["Content-Length"] = str(len(response.content))  # type: ignore[attr-defined]
            response.content = b""  # type: ignore[attr-defined]
        return response

    return answer


def _open(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    # The site's login wall redirects to the sign-in page; API clients get 401 from the API.
    opened: list[URLPattern | URLResolver] = []
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            view = login_not_required(_head_as_get(pattern.callback))
            opened.append(URLPattern(pattern.pattern, view, pattern.default_args, pattern.name))
        else:
            pattern.url_patterns[:] = _open(pattern.url_patterns)
            opened.append(pattern)
    return opened


urlpatterns = _open(list(api.urls[0]))
