"""The managers' status board: counts, charts and short lists, every number a link."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from commitments import charts, links, roles, selectors
from commitments.http import AuthenticatedHttpRequest
from commitments.models import CLOSED_STATUSES, Status


@require_GET
def board(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not roles.can_manage(request.user):
        raise PermissionDenied("The board is for managers.")
    data = selectors.board()
    status_chart = charts.stacked_bar(
        [
            charts.Segment(
                row["label"],
                row["count"],
                f"s-{row['value']}",
                links.pledge_list(status=row["value"]),
            )
            for row in data.by_status
        ],
        title="Pledges by status",
    )
    outcomes = [s for s in Status if s in CLOSED_STATUSES]
    fulfilment_chart = charts.stacked_columns(
        [
            charts.Column(
                f"{month['month']:%b %y}",
                [
                    charts.Segment(
                        s.label,
                        month["counts"][s.value],
                        f"s-{s.value}",
                        links.pledge_list(status=s.value, closed_in=f"{month['month']:%Y-%m}"),
                    )
                    for s in outcomes
                ],
            )
            for month in data.fulfilment
        ],
        title="Pledges closed per month, by outcome",
    )
    window_end = data.today + timedelta(days=selectors.BOARD_DUE_WINDOW_DAYS)
    short_lists = [
        ("Overdue", data.overdue, "overdue", links.pledge_list(overdue=True)),
        ("Stale", data.stale, "stale", links.pledge_list(stale=True, sort="updated")),
        (
            "Due in the next 30 days",
            data.due_next,
            "due",
            links.pledge_list(state="open", due_from=data.today, due_to=window_end),
        ),
    ]
    context = {
        "board": data,
        "due_window_end": window_end,
        "short_lists": short_lists,
        "status_chart": status_chart,
        "fulfilment_chart": fulfilment_chart,
        "fulfilment_total": sum(sum(m["counts"].values()) for m in data.fulfilment),
    }
    return render(request, "board/board.html", context)
