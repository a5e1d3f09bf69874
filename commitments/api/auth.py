"""Who is calling: a personal API token in `Authorization: Bearer …`, or nobody; and how often.

A request without the header is an anonymous client (reads of published data only); a header
with an unknown or revoked token is refused with 401, never treated as anonymous, so a
revoked script notices at once instead of quietly reading less.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle, SimpleRateThrottle

from commitments.models import ApiToken
from commitments.services import api_tokens


class Anonymous:
    """`request.auth` for a client that sent no token."""

    user = AnonymousUser()

    def __bool__(self) -> bool:  # ninja accepts any truthy answer as authenticated
        return True


ANONYMOUS = Anonymous()


class TokenAuth(HttpBearer):
    """A personal API token; with `optional`, no header at all means an anonymous client."""

    def __init__(self, *, optional: bool) -> None:
        super().__init__()
        self.optional = optional

    def __call__(self, request: HttpRequest) -> Any:
        if self.optional and not request.headers.get(self.header):
            return ANONYMOUS
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return api_tokens.active_api_token(token)


READ = TokenAuth(optional=True)
WRITE = TokenAuth(optional=False)


def client_user(request: HttpRequest) -> User | AnonymousUser:
    """The token's owner, or an anonymous user: what roles and services are asked about."""
    caller = getattr(request, "auth", None)
    if isinstance(caller, ApiToken):
        return caller.user
    return AnonymousUser()


def token_user(request: HttpRequest) -> User:
    """The token's owner, on operations that require a token (auth already refused others)."""
    caller = request.auth  # type: ignore[attr-defined]
    assert isinstance(caller, ApiToken)
    return caller.user


def client_address(request: HttpRequest) -> str:
    """The client's address, as sign-in throttling reads it: the peer, or the address a trusted
    proxy appended last to X-Forwarded-For (earlier entries are the client's own say)."""
    for header in settings.AXES_IPWARE_META_PRECEDENCE_ORDER:
        value = request.META.get(header, "")
        if value:
            return value.split(",")[-1].strip()
    return "unknown"


class _SettingRate(SimpleRateThrottle):
    """A rate read from settings on each request, so a changed setting applies at once."""

    setting = ""

    def __init__(self) -> None:
        super().__init__(rate=getattr(settings, self.setting))

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = getattr(settings, self.setting)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class TokenRate(_SettingRate):
    """Requests per token (API_RATE_TOKEN)."""

    setting = "API_RATE_TOKEN"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        caller = getattr(request, "auth", None)
        if not isinstance(caller, ApiToken):
            return None
        return f"api-rate:token:{caller.pk}"


class AnonymousRate(_SettingRate):
    """Requests per client address without a token (API_RATE_ANONYMOUS)."""

    setting = "API_RATE_ANONYMOUS"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        if isinstance(getattr(request, "auth", None), ApiToken):
            return None
        return f"api-rate:anonymous:{client_address(request)}"


THROTTLES: list[BaseThrottle] = [TokenRate(), AnonymousRate()]
