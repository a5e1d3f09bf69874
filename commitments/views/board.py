"""The managers' status board: counts, charts and short lists, every number a link."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from commitments import board_page, roles
from commitments.http import AuthenticatedHttpRequest


@require_safe
def board(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not roles.can_manage(request.user):
        raise PermissionDenied("The board is for managers.")
    # The same for every manager: rendered once per data version, not once per request.
    # On a miss the figures go to the page's context too, where tests and tools read them.
    content, built = board_page.content(request)
    return render(request, board_page.TEMPLATE, {**built, "board_content": content})
