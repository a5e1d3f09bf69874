"""The "needs attention" page: what the signed-in user's reminder e-mail is drawn from."""

from __future__ import annotations

from django.http import HttpResponse
from django.views.decorators.http import require_safe

from commitments import links, roles
from commitments.http import AuthenticatedHttpRequest
from commitments.reminders.attention import attention_for
from commitments.views.responses import render_page


@require_safe
def attention(request: AuthenticatedHttpRequest) -> HttpResponse:
    manager = roles.is_manager(request.user)
    context = {
        "attention": attention_for(request.user, include_unowned=manager),
        "unowned_url": links.pledge_list(state="open", owner=links.UNASSIGNED),
    }
    return render_page(request, "reminders/attention.html", context, fragment="attention-list")
