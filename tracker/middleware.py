"""Response headers every page carries, and the idle timeout of signed-in sessions."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


def security_headers(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Deny browser features the app never uses; keep signed-in pages out of shared caches."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_cache=True)
        return response

    return middleware


# A signed-in session lives SESSION_COOKIE_AGE seconds from the last request; renewing it
# at most this often keeps that true without a session write on every request.
_RENEW_AFTER_SECONDS = 300


@receiver(user_logged_in)
def _renewed_at_sign_in(request: HttpRequest | None, **kwargs: object) -> None:
    # Saved with the sign-in itself, so the next requests need no session write.
    if request is not None and hasattr(request, "session"):
        request.session["renewed_at"] = int(time.time())


def session_idle_timeout(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Sign out after SESSION_IDLE_MINUTES without a request, not after a fixed two weeks."""

    def middleware(request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            if now - request.session.get("renewed_at", 0) >= _RENEW_AFTER_SECONDS:
                request.session["renewed_at"] = now  # a changed session is saved, with a new expiry
        return get_response(request)

    return middleware


# The public site: readers never sign in there. The only exception to the login wall by path.
PUBLIC_PREFIX = "/p/"


class LoginRequiredOutsidePublicSite(LoginRequiredMiddleware):
    """Django's login wall, with the public site under PUBLIC_PREFIX let through."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith(PUBLIC_PREFIX):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
