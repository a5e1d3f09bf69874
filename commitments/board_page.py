"""The board's content: the same for every manager, built once per data version and day.

The first manager to open the board after a write builds it, unless the worker got there
first: with BOARD_PREBUILD, a task builds it after each committed write, when a served copy
has aged past CACHE_SECONDS (the manager gets that copy meanwhile) and just after midnight
(the beat schedule), so a manager rarely waits for the board's queries.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import render_to_string

from commitments import charts, links, page_cache, scorecards, selectors, tracking
from commitments.models import CLOSED_STATUSES, Commitment, Status

NAME = "board"
TEMPLATE = "board/board.html"
# One queued rebuild of an aged board at a time, however many managers open it meanwhile.
_QUEUED = "page:board:rebuild-queued"


def content(request: HttpRequest | None = None) -> tuple[str, dict[str, Any]]:
    """The board's content at the current data version, and the figures it was built from
    (empty when it came from the cache)."""
    built: dict[str, Any] = {}

    def build() -> str:
        built.update(_context())
        return render_to_string(f"{TEMPLATE}#content", built, request=request)

    refresh = _queue_rebuild if settings.BOARD_PREBUILD else None
    return page_cache.versioned(NAME, build, refresh=refresh), built


def prebuild(*, force: bool = False) -> bool:
    """Build the board for the current data version unless it is cached (or, with `force`,
    whatever is cached); whether it built."""
    if force:
        cache.delete(_QUEUED)
        page_cache.rebuild(NAME, lambda: render_to_string(f"{TEMPLATE}#content", _context()))
        return True
    _text, built = content()
    return bool(built)


def _queue_rebuild() -> bool:
    from commitments.tasks import queue_board_prebuild

    if not cache.add(_QUEUED, True, settings.CACHE_SECONDS or 60):
        return True  # already on its way
    if queue_board_prebuild(force=True):
        return True
    cache.delete(_QUEUED)  # this manager builds it instead
    return False


def _context() -> dict[str, Any]:
    data = selectors.board()
    segments = [
        charts.Segment(
            row["label"], row["count"], f"s-{row['value']}", links.pledge_list(status=row["value"])
        )
        for row in data.by_status
    ]
    status_chart = charts.stacked_bar(segments, title="Pledges by status")
    # Drawn again at phone width, where its legend wraps instead of its text shrinking.
    status_chart_narrow = charts.stacked_bar(segments, title="Pledges by status", width=360)
    outcomes = [s for s in Status if s in CLOSED_STATUSES]
    columns = [
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
    ]
    fulfilment_chart = charts.stacked_columns(columns, title="Pledges closed per month, by outcome")
    # The last six months, drawn at phone width.
    fulfilment_chart_narrow = charts.stacked_columns(
        columns[-6:], title="Pledges closed per month, by outcome", width=360
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
        "status_chart_narrow": status_chart_narrow,
        "fulfilment_chart_narrow": fulfilment_chart_narrow,
        "fulfilment_chart": fulfilment_chart,
        "fulfilment_total": sum(sum(m["counts"].values()) for m in data.fulfilment),
        **_tracking(data.today, data.totals["open"]),
        # Up to four queries: one grouped pass over the pledges' parties, their money (two),
        # and the parties that pass names.
        "party_cards": scorecards.party_scorecards(today=data.today)[: selectors.BOARD_ACTORS],
    }
    return context


def _tracking(today: date, open_pledges: int) -> dict:
    """Money per currency and stage, and the tracking flags, each with its list: 3 queries."""
    counts = tracking.tracking_counts(today=today, open_pledges=open_pledges)
    since = tracking.verified_since(today)
    flags = [
        ("deadline moved", counts.deadline_moved, links.pledge_list(deadline_moved=True), False),
        (
            "rest on official statements only",
            counts.official_only,
            links.pledge_list(official_only=True),
            True,
        ),
        (
            f"open, not verified since {since:%-d %b %Y}",
            counts.unverified,
            links.pledge_list(state="open", verified_before=since),
            True,
        ),
        ("with milestones", counts.with_milestones, links.pledge_list(has_milestones=True), False),
        (
            "reported by two outlets or more",
            counts.corroborated,
            links.pledge_list(corroborated=True),
            False,
        ),
    ]
    return {
        "money_rows": tracking.money_totals(Commitment.objects.all()),
        "money_links": {
            stage: links.pledge_list(money_stage=stage) for stage in tracking.MoneyStage.values
        },
        "tracking_flags": flags,
    }
