"""Personal API tokens: the page listing a user's tokens, making one, revoking one.

A new token's secret is shown once, on the page after it is made: it waits in the (server-side)
session between the post and the redirect, and the page takes it out as it shows it.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from commitments import links
from commitments.http import AuthenticatedHttpRequest
from commitments.models import ApiToken
from commitments.services import api_tokens
from commitments.views.responses import found_or_404, render_page

NEW_SECRET = "api_token_new_secret"


def _get_own_token(request: AuthenticatedHttpRequest, pk: int) -> ApiToken:
    """One of the user's own tokens; anyone else's is 404, as if it did not exist."""
    token = ApiToken.objects.filter(pk=pk, user=request.user).first()
    return found_or_404(token, "You have no such token.")


def _page(
    request: AuthenticatedHttpRequest, *, secret: str = "", error: str = "", status: int = 200
) -> HttpResponse:
    context = {
        "tokens": ApiToken.objects.filter(user=request.user),
        "secret": secret,
        "error": error,
        "schema_url": reverse("api:openapi-json"),
        "docs_url": reverse("api:openapi-view"),
        "api_url": links.absolute(reverse("api:api-root")),
    }
    return render_page(request, "tokens/tokens.html", context, fragment="tokens", status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def tokens_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request, secret=request.session.pop(NEW_SECRET, ""))
    try:
        _token, secret = api_tokens.api_token_create(
            user=request.user, name=request.POST.get("name", "")
        )
    except ValidationError as error:
        return _page(request, error=" ".join(error.messages), status=422)
    if request.htmx:
        return _page(request, secret=secret)
    request.session[NEW_SECRET] = secret
    return redirect("commitments:tokens")


@require_POST
def token_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    token = _get_own_token(request, pk)
    api_tokens.api_token_revoke(token_id=token.pk, user=request.user)
    if request.htmx:
        return _page(request)
    messages.success(request, f"Revoked “{token.name}”: it opens nothing from now on.")
    return redirect("commitments:tokens")
