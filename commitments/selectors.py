"""Read queries for the web pages: the work queue, attention counts, the board.

Each function issues a fixed number of queries whatever the number of pledges,
so pages stay fast as the tracker grows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, TruncMonth
from django.utils import timezone

from commitments import states
from commitments.extraction.parties import one_spelling
from commitments.models import (
    CLOSED_STATUSES,
    Commitment,
    ImportJob,
    ImportReview,
    Party,
    ProgressUpdate,
    Status,
    Topic,
)
from commitments.roles import ANALYSTS, MANAGERS

BOARD_DUE_WINDOW_DAYS = 30
BOARD_LIST_LENGTH = 10
BOARD_ACTORS = 12
FULFILMENT_MONTHS = 12
IMPORT_QUALITY_DAYS = 30

# Attention groups, in the order the work queue shows them.
OVERDUE, DUE_SOON, STALE, REST = 0, 1, 2, 3


def attention_counts(user, *, today: date | None = None) -> dict:
    """Counts of the user's open pledges by what needs doing: one query.

    `attention` is what the header badge shows: the pledges on the user's attention page
    (snoozed ones left out), each counted once.
    """
    today = today or timezone.localdate()
    counts = Commitment.objects.filter(owner=user).aggregate(
        open=Count("id", filter=states.open_q()),
        overdue=Count("id", filter=states.overdue_q(today)),
        due_soon=Count("id", filter=states.due_soon_q(today)),
        stale=Count("id", filter=states.stale_q(today)),
        attention=Count("id", filter=states.needs_attention_q(today)),
    )
    # For links to the matching filtered list.
    counts["today"] = today
    counts["soon"] = states.due_soon_until(today)
    return counts


# Each group and the rule that puts a pledge in it, first match wins.
_QUEUE_GROUPS = (
    (OVERDUE, states.overdue_q),
    (DUE_SOON, states.due_soon_q),
    (STALE, states.stale_q),
)


def attention_changed(before: Commitment, after: Commitment, *, today: date | None = None) -> bool:
    """Whether a write moved the pledge in or out of any of `attention_counts`' counts."""
    today = today or timezone.localdate()
    rules = (
        states.open_q(),
        states.overdue_q(today),
        states.due_soon_q(today),
        states.stale_q(today),
        states.needs_attention_q(today),
    )
    return any(states.matches(q, before) != states.matches(q, after) for q in rules)


def work_queue(user, *, today: date | None = None) -> QuerySet:
    """The user's open pledges: overdue, due soon, stale, then the rest by due date."""
    today = today or timezone.localdate()
    return (
        Commitment.objects.owned_by(user)
        .open()
        .annotate(
            attention=Case(
                *(When(rule(today), then=Value(group)) for group, rule in _QUEUE_GROUPS),
                default=Value(REST),
                output_field=IntegerField(),
            )
        )
        .order_by("attention", F("due_date").asc(nulls_last=True), "id")
    )


def with_queue_group(commitment: Commitment, *, today: date | None = None) -> Commitment:
    """The pledge with the `attention` group `work_queue` would give it, without a query
    (none once it is closed and has left the queue)."""
    today = today or timezone.localdate()
    group = None
    if states.is_open(commitment):
        group = next(
            (g for g, rule in _QUEUE_GROUPS if states.matches(rule(today), commitment)), REST
        )
    commitment.attention = group  # type: ignore[attr-defined]
    return commitment


def commitment_list() -> QuerySet:
    # Undated pledges last on every database (SQLite would put NULLs first).
    return Commitment.objects.select_related("owner", "source").order_by(
        F("due_date").asc(nulls_last=True), "id"
    )


ACTOR_SUGGESTIONS = 500


def actor_names() -> list[str]:
    """The actors pledges name, for the list's suggestions (the first 500 alphabetically)."""
    return list(
        Commitment.objects.order_by("actor")
        .values_list("actor", flat=True)
        .distinct()[:ACTOR_SUGGESTIONS]
    )


def party_suggestions() -> list[str]:
    """The parties pledges name, for the list's suggestions (the first 500 alphabetically)."""
    return list(
        Party.objects.filter(pledge_parties__isnull=False)
        .order_by("name")
        .values_list("name", flat=True)
        .distinct()[:ACTOR_SUGGESTIONS]
    )


def timeline(commitment: Commitment) -> QuerySet:
    # An entry recorded as evidence carries its source span (one join, no query per entry).
    return commitment.updates.select_related("author", "evidence_span").order_by(
        "-created_at", "-id"
    )


def assignable_users() -> QuerySet:
    """People a pledge can be given to: analysts and managers."""
    return (
        get_user_model()
        .objects.filter(Q(groups__name__in=[ANALYSTS, MANAGERS]) | Q(is_superuser=True))
        .filter(is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def local_midnight(day: date) -> datetime:
    """The instant a local day starts: `created_at >= local_midnight(d)` says the same as
    `created_at__date >= d` in a form an index on `created_at` can serve."""
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass(frozen=True)
class Workload:
    """An analyst's open, overdue and stale pledges, for the board."""

    user: Any
    open: int
    overdue: int
    stale: int

    @property
    def pk(self) -> int:
        return self.user.pk


@dataclass(frozen=True)
class ImportQuality:
    """How the extraction fared in the reviews of recent imports."""

    days: int
    imports: int
    proposed: int
    kept: int
    key_edited: int
    added: int
    # For each of ImportReview.KEY_FIELDS, how many kept proposals had it corrected.
    key_fields: dict[str, int] = field(default_factory=dict)

    @property
    def kept_share(self) -> float | None:
        return self.kept / self.proposed if self.proposed else None

    @property
    def key_edited_share(self) -> float | None:
        """Of the proposals kept, the share whose actor, amount or due date was corrected."""
        return self.key_edited / self.kept if self.kept else None

    def key_field_shares(self) -> list[tuple[str, int, float | None]]:
        """(field, kept proposals with it corrected, their share of the kept)."""
        return [
            (name.replace("_", " "), n, n / self.kept if self.kept else None)
            for name, n in self.key_fields.items()
        ]


def import_quality(
    *, now: datetime | None = None, days: int = IMPORT_QUALITY_DAYS
) -> ImportQuality:
    """Totals of the import reviews of the last `days` days, in one query."""
    now = now or timezone.now()
    totals = ImportReview.objects.filter(reviewed_at__gte=now - timedelta(days=days)).aggregate(
        imports=Count("id"),
        proposed=Sum("proposed", default=0),
        kept=Sum("kept", default=0),
        key_edited=Sum("key_edited", default=0),
        added=Sum("added", default=0),
        **{
            f"edited_{name}": Sum(
                Cast(KeyTextTransform(name, "edited_fields"), IntegerField()), default=0
            )
            for name in ImportReview.KEY_FIELDS
        },
    )
    key_fields = {name: totals.pop(f"edited_{name}") for name in ImportReview.KEY_FIELDS}
    return ImportQuality(days=days, key_fields=key_fields, **totals)


@dataclass
class Board:
    today: date
    totals: dict
    by_status: list[dict]
    matrix: list[dict]
    statuses: list[tuple[str, str]]
    actors: Sequence[Mapping[str, object]]
    workload: list[Workload]
    overdue: list[Commitment]
    stale: list[Commitment]
    due_next: list[Commitment]
    latest: list[ProgressUpdate]
    fulfilment: list[dict] = field(default_factory=list)
    import_quality: ImportQuality | None = None


def board(*, today: date | None = None, now: datetime | None = None) -> Board:
    """Everything the managers' board shows, in nine queries."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    window_end = today + timedelta(days=BOARD_DUE_WINDOW_DAYS)
    open_q = states.open_q()
    q = {"overdue": states.overdue_q(today), "stale": states.stale_q(today)}
    due_in_window = Q(due_date__gte=today, due_date__lte=window_end)
    pledges = Commitment.objects.all()

    # 1-2: two grouped passes over the pledges, one by owner, topic and status (the totals,
    # both status charts, the workload), one by actor and status; their groups are bounded
    # by owners × topics × statuses and actors × statuses, not by the number of pledges.
    # Whether a pledge is open follows from its status, a key of both, so the counts test
    # only the dates and are read in the open groups alone.
    by_owner = (
        pledges.order_by()
        .values_list("owner_id", "topic", "status")
        .annotate(
            n=Count("*"),
            past_due=Count(Value(1), filter=states.past_due_q(today)),
            no_recent_progress=Count(Value(1), filter=states.no_recent_progress_q(today)),
            due_in_window=Count(Value(1), filter=due_in_window),
        )
    )
    by_actor = (
        pledges.order_by()
        .values_list("actor", "status")
        .annotate(n=Count("*"), past_due=Count(Value(1), filter=states.past_due_q(today)))
    )
    open_statuses = {s.value for s in Status if states.is_open(Commitment(status=s.value))}
    totals = dict.fromkeys(("total", "open", "overdue", "stale", "due_next", "unassigned"), 0)
    status_counts: dict[str, int] = {}
    cells: dict[tuple[str, str], int] = {}
    per_owner: dict[int, dict[str, int]] = {}
    for owner_id, topic, status, n, past_due, no_progress, due_soon in by_owner:
        totals["total"] += n
        status_counts[status] = status_counts.get(status, 0) + n
        cells[(topic, status)] = cells.get((topic, status), 0) + n
        if status not in open_statuses:
            continue
        totals["open"] += n
        totals["overdue"] += past_due
        totals["stale"] += no_progress
        totals["due_next"] += due_soon
        if owner_id is None:
            totals["unassigned"] += n
        else:
            owned = per_owner.setdefault(owner_id, {"open": 0, "overdue": 0, "stale": 0})
            owned["open"] += n
            owned["overdue"] += past_due
            owned["stale"] += no_progress
    per_actor: dict[str, dict] = {}
    for written, status, n, past_due in by_actor:
        # Each joint actor under one spelling.
        name = one_spelling(written)
        actor = per_actor.setdefault(
            name,
            {
                "actor": name,
                **dict.fromkeys(("total", "open", "overdue", "fulfilled", "broken"), 0),
            },
        )
        actor["total"] += n
        if status == Status.FULFILLED:
            actor["fulfilled"] += n
        elif status == Status.BROKEN:
            actor["broken"] += n
        elif status in open_statuses:
            actor["open"] += n
            actor["overdue"] += past_due

    by_status = [
        {"value": s.value, "label": s.label, "count": status_counts.get(s.value, 0)} for s in Status
    ]
    matrix = []
    for topic in Topic:
        row: list[dict[str, Any]] = [
            {"status": s.value, "count": cells.get((topic.value, s.value), 0)} for s in Status
        ]
        total = sum(c["count"] for c in row)
        if total:
            matrix.append(
                {"value": topic.value, "label": topic.label, "cells": row, "total": total}
            )
    actors = sorted(per_actor.values(), key=lambda a: (-a["total"], a["actor"]))[:BOARD_ACTORS]

    # 3: the analysts, their counts taken from the grouped pass.
    workload = [
        Workload(user, **per_owner.get(user.pk, {"open": 0, "overdue": 0, "stale": 0}))
        for user in get_user_model()
        .objects.filter(groups__name=ANALYSTS, is_active=True)
        .order_by("username")
    ]
    workload.sort(key=lambda w: (-w.overdue, -w.open))

    # 4-6: short lists.
    listed = pledges.select_related("owner")
    overdue = list(listed.filter(q["overdue"]).order_by("due_date", "id")[:BOARD_LIST_LENGTH])
    stale = list(listed.filter(q["stale"]).order_by("last_progress_at", "id")[:BOARD_LIST_LENGTH])
    due_next = list(
        listed.filter(open_q, due_date__gte=today, due_date__lte=window_end).order_by(
            "due_date", "id"
        )[:BOARD_LIST_LENGTH]
    )

    # 7: latest updates.
    latest = list(
        ProgressUpdate.objects.select_related("author", "commitment").order_by(
            "-created_at", "-id"
        )[:BOARD_LIST_LENGTH]
    )

    # 8: pledges closed per month, by outcome, from the timeline entries that closed them.
    months_back = today.year * 12 + today.month - 1 - (FULFILMENT_MONTHS - 1)
    first_month = date(months_back // 12, months_back % 12 + 1, 1)
    closed_rows = (
        ProgressUpdate.objects.filter(new_status__in=CLOSED_STATUSES)
        .exclude(old_status__in=CLOSED_STATUSES)
        .filter(created_at__gte=local_midnight(first_month))
        .annotate(month=TruncMonth("created_at"))
        .order_by()
        .values_list("month", "new_status")
        .annotate(n=Count("commitment", distinct=True))
    )
    per_month: dict[tuple[int, int], dict[str, int]] = {}
    for month, status, n in closed_rows:
        per_month.setdefault((month.year, month.month), {})[status] = n
    fulfilment = []
    cursor = first_month
    for _ in range(FULFILMENT_MONTHS):
        counts = per_month.get((cursor.year, cursor.month), {})
        fulfilment.append(
            {
                "month": cursor,
                "counts": {s.value: counts.get(s.value, 0) for s in Status if s in CLOSED_STATUSES},
            }
        )
        cursor = (cursor + timedelta(days=32)).replace(day=1)

    return Board(
        today=today,
        totals=totals,
        by_status=by_status,
        matrix=matrix,
        statuses=[(s.value, s.label) for s in Status],
        actors=actors,
        workload=workload,
        overdue=overdue,
        stale=stale,
        due_next=due_next,
        latest=latest,
        fulfilment=fulfilment,
        # 9: how the extraction fared in recent reviews.
        import_quality=import_quality(now=now),
    )


# --- Quotes in their text.

SENTENCE_ENDS = ".!?\n"
CONTEXT_LIMIT = 400


def _quote_span(body: str, commitment: Commitment) -> tuple[int, int] | None:
    """Where the quote sits in the article: its recorded span, else where its words are found."""
    start, end = commitment.quote_start, commitment.quote_end
    if body[start:end] == commitment.quote:
        return start, end
    found = body.find(commitment.quote)
    return (found, found + len(commitment.quote)) if found >= 0 else None


def quote_in_sentence(commitment: Commitment) -> dict[str, str] | None:
    """The quote with the rest of its sentence before and after it, or None if not found."""
    body = commitment.source.body
    span = _quote_span(body, commitment)
    if span is None:
        return None
    start, end = span
    floor = max(0, start - CONTEXT_LIMIT)
    begin = start
    while begin > floor and not (
        body[begin - 1] in SENTENCE_ENDS and (begin >= len(body) or body[begin].isspace())
    ):
        begin -= 1
    ceiling = min(len(body), end + CONTEXT_LIMIT)
    finish = end
    while finish < ceiling and not (body[finish - 1] in SENTENCE_ENDS and finish > end):
        finish += 1
    return {
        "before": body[begin:start].lstrip(),
        "quote": body[start:end],
        "after": body[end:finish].rstrip(),
    }


# --- The public site's reads (what anonymous readers, and the API, may see).
from commitments.public.selectors import public_pledge as public_pledge  # noqa: E402


def open_import_jobs(user) -> QuerySet:
    """The user's own import jobs that have not expired; anyone else's are not theirs to see."""
    return ImportJob.objects.filter(created_by=user, expires_at__gt=timezone.now())


def later_sources(commitment: Commitment) -> QuerySet:
    """Every later article that reported the pledge, oldest first, with its quote span."""
    return commitment.later_sources.select_related("source", "added_by").order_by(
        "source__published_on", "id"
    )
