"""Error pages that say what happened and what to do, instead of a bare status line."""

from __future__ import annotations

import sys

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.csrf import requires_csrf_token
from django_htmx.http import reswap, retarget

from commitments.importing import describe_size
from tracker.middleware import PUBLIC_PREFIX


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        message = (
            "That was more than the site accepts in one go. Articles can be at most "
            f"{describe_size(settings.IMPORT_MAX_BYTES)}: upload the file instead of pasting "
            "it, or import a shorter text."
        )
        status = 413
    else:
        message = "The request could not be read. Go back, check what you entered and try again."
        status = 400
    return _error_page(request, "400.html", {"message": message}, status=status)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # The services and views say why in a sentence; anything else gets a general one.
    reason = str(exception) if isinstance(exception, PermissionDenied) else ""
    context = {"reason": reason or "Your role does not give access to this page."}
    return _error_page(request, "403.html", context, status=403)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path_info.startswith(PUBLIC_PREFIX):  # no CSRF token there, so no cookie
        return HttpResponse(
            render_to_string("public/404.html", {"path": request.path}, request=request),
            status=404,
        )
    return _error_page(request, "404.html", {"path": request.path}, status=404)


# How long a client should wait before trying again while the database is away (a restart
# takes seconds); what load balancers and htmx read from Retry-After.
DATABASE_RETRY_AFTER_SECONDS = 5


def server_error(request: HttpRequest) -> HttpResponse:
    """500, or 503 when the database is unreachable (restarting, stopped, out of connections).

    The page is plain: with the database gone, neither the user nor the session can be read.
    htmx shows no 5xx answer in place; it keeps the page and the user tries again.
    """
    exception = sys.exc_info()[1]  # Django calls this while it handles the exception
    if isinstance(exception, OperationalError | InterfaceError):
        message = (
            "The database is not answering, so nothing was read or saved. "
            "Try again in a few seconds."
        )
        response = HttpResponse(render_to_string("500.html", {"message": message}), status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
        return response
    message = "Something went wrong on our side and nothing was saved. Try again later."
    return HttpResponse(render_to_string("500.html", {"message": message}), status=500)


def _error_page(
    request: HttpRequest, template: str, context: dict[str, str], *, status: int
) -> HttpResponse:
    htmx = bool(getattr(request, "htmx", False))
    # Before the user is known (an early middleware refused the request), only the message.
    partial = htmx or not hasattr(request, "user")
    name = f"{template}#message" if partial else template
    response = HttpResponse(render_to_string(name, context, request=request), status=status)
    if htmx:
        # The page that sent it shows the sentence in place of its main region.
        return reswap(retarget(response, "#main"), "innerHTML")
    return response
