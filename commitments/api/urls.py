"""The API's URLs, open to clients without a session: the token (or its absence) decides."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver

from commitments.api.endpoints import api


def _open(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    # The site's login wall redirects to the sign-in page; API clients get 401 from the API.
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            login_not_required(pattern.callback)
        else:
            _open(pattern.url_patterns)
    return patterns


urlpatterns = _open(list(api.urls[0]))
