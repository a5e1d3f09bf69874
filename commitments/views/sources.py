"""The source page: an article with every tracked quote highlighted and linked to its pledge."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from commitments.http import AuthenticatedHttpRequest
from commitments.importing import Highlight, highlight
from commitments.models import Source


def _get_source_for_user(user, source_id: int) -> Source:
    # Every signed-in user may read sources; the helper is where that rule would change.
    return get_object_or_404(Source.objects.select_related("imported_by"), pk=source_id)


@require_safe
def source_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    source = _get_source_for_user(request.user, pk)
    commitments = list(
        source.commitments.select_related("owner").order_by("quote_start", "quote_end", "id")
    )
    # Later reports of pledges first reported elsewhere: their words are highlighted too.
    reports = list(source.pledge_reports.select_related("commitment").order_by("quote_start", "id"))
    marked = highlight(
        source.body,
        [
            *(
                Highlight(
                    start=c.quote_start,
                    end=c.quote_end,
                    id=f"q-{c.pk}",
                    href=c.get_absolute_url(),
                    label=c.title,
                )
                for c in commitments
            ),
            *(
                Highlight(
                    start=r.quote_start,
                    end=r.quote_end,
                    id=f"r-{r.pk}",
                    href=r.commitment.get_absolute_url(),
                    label=f"{r.get_kind_display()}: {r.commitment.title}",
                )
                for r in reports
            ),
        ],
    )
    return render(
        request,
        "sources/detail.html",
        {
            "source": source,
            "commitments": commitments,
            "reports": reports,
            "marked_body": marked,
        },
    )
