"""Feeds and calendars: the page with a user's secret links, and what the links serve.

The links carry a token instead of a session (feed readers and calendar apps do not sign
in), so those two views need no sign-in; an unknown or revoked token is a plain 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_POST, require_safe

from commitments import feeds
from commitments.http import AuthenticatedHttpRequest
from commitments.models import FeedToken
from commitments.services import feed_tokens
from commitments.views.responses import found_or_404

# Feed readers and calendar apps poll; a few minutes' staleness is fine, shared caches are not.
FEED_MAX_AGE = 300


def _get_active_token(token: str) -> FeedToken:
    return found_or_404(
        feed_tokens.active_feed_token(token),
        "No feed at this address: the link is wrong or was replaced.",
    )


def _private(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, private=True, max_age=FEED_MAX_AGE)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
def feeds_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    token = feed_tokens.feed_token_for(user=request.user)
    return render(
        request,
        "feeds/feeds.html",
        {
            "token": token,
            "updates_feed_url": feeds.updates_feed_url(token),
            "due_dates_calendar_url": feeds.due_dates_calendar_url(token),
        },
    )


@require_POST
def feeds_renew(request: AuthenticatedHttpRequest) -> HttpResponse:
    feed_tokens.feed_token_renew(user=request.user)
    messages.success(
        request, "New links made. The old ones no longer work: subscribe again with these."
    )
    return redirect("commitments:feeds")


@login_not_required
@require_safe
def updates_feed(request: HttpRequest, token: str) -> HttpResponse:
    return _private(feeds.updates_feed(request, token=_get_active_token(token)))


@login_not_required
@require_safe
def due_dates_calendar(request: HttpRequest, token: str) -> HttpResponse:
    feed_token = _get_active_token(token)
    # Calendar apps poll often and most polls find nothing new: answer those with a 304.
    etag = f'"{feeds.due_dates_calendar_etag(feed_token)}"'
    unchanged = get_conditional_response(request, etag=etag)
    if unchanged is not None:
        unchanged["ETag"] = etag
        return _private(unchanged)
    response = HttpResponse(
        feeds.due_dates_calendar(feed_token), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="pledge-due-dates.ics"'
    response["ETag"] = etag
    return _private(response)
