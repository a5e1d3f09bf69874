"""A source article with every tracked quote highlighted and linked to its pledge."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from commitments import selectors
from commitments.http import AuthenticatedHttpRequest
from commitments.models import Source


def _get_source_for_user(request: AuthenticatedHttpRequest, pk: int) -> Source:
    """Any signed-in user may read any source; unknown ids are 404."""
    return get_object_or_404(Source, pk=pk)


@require_GET
def source_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    source = _get_source_for_user(request, pk)
    pieces, commitments = selectors.source_with_quotes(source)
    return render(
        request,
        "sources/detail.html",
        {"source": source, "pieces": pieces, "commitments": commitments},
    )
