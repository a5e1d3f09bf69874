"""The interactive API docs: Swagger UI from django-ninja's own static files, no CDN.

ninja's page puts its settings in an inline script element, which the site's content
security policy (and tests/test_security.py) rule out; this page passes the schema's
address in a data attribute to a small script of ours instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase

if TYPE_CHECKING:
    from ninja import NinjaAPI


class VendoredSwagger(DocsBase):
    template = "api/docs.html"

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        context = {"api": api, "openapi_url": self.get_openapi_url(api, kwargs)}
        return render(request, self.template, context)
