"""Error pages that say what happened and what to do, instead of a bare status line."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.csrf import requires_csrf_token

from commitments.importing import describe_size


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
    htmx = bool(getattr(request, "htmx", False))
    # Before the user is known (an early middleware refused the request), only the message.
    partial = htmx or not hasattr(request, "user")
    template = "400.html#message" if partial else "400.html"
    response = HttpResponse(
        render_to_string(template, {"message": message}, request=request), status=status
    )
    if htmx:
        # The page that sent it shows the sentence in place of its main region.
        response["HX-Retarget"] = "#main"
        response["HX-Reswap"] = "innerHTML"
    return response
