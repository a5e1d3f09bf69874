"""Read queries for the web pages: the work queue, attention counts, the board.

Each function issues a fixed number of queries whatever the number of pledges,
so pages stay fast as the tracker grows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, TruncMonth
from django.utils import timezone

from commitments.models import (
    CLOSED_STATUSES,
    Commitment,
    ImportReview,
    ProgressUpdate,
    Status,
    Topic,
    stale_cutoff,
)
from commitments.roles import ANALYSTS, MANAGERS

# The issue fixes the work queue's "due soon" window at a week, whatever the reminder setting.
QUEUE_DUE_SOON_DAYS = 7
BOARD_DUE_WINDOW_DAYS = 30
BOARD_LIST_LENGTH = 10
BOARD_ACTORS = 12
FULFILMENT_MONTHS = 12
IMPORT_QUALITY_DAYS = 30

# Attention groups, in the order the work queue shows them.
OVERDUE, DUE_SOON, STALE, REST = 0, 1, 2, 3


def _open() -> Q:
    return ~Q(status__in=CLOSED_STATUSES)


def _attention_q(*, today: date, now: datetime) -> dict[str, Q]:
    soon = today + timedelta(days=QUEUE_DUE_SOON_DAYS)
    return {
        "overdue": _open() & Q(due_date__lt=today),
        "due_soon": _open() & Q(due_date__gte=today, due_date__lte=soon),
        "stale": _open() & Q(last_progress_at__lt=stale_cutoff(now=now)),
    }


def attention_counts(user, *, today: date | None = None, now: datetime | None = None) -> dict:
    """Counts of the user's open pledges by what needs doing: one query."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    q = _attention_q(today=today, now=now)
    counts = Commitment.objects.filter(owner=user).aggregate(
        open=Count("id", filter=_open()),
        overdue=Count("id", filter=q["overdue"]),
        due_soon=Count("id", filter=q["due_soon"]),
        stale=Count("id", filter=q["stale"]),
        attention=Count("id", filter=q["overdue"] | q["due_soon"] | q["stale"]),
    )
    # For links to the matching filtered list.
    counts["today"] = today.isoformat()
    counts["soon"] = (today + timedelta(days=QUEUE_DUE_SOON_DAYS)).isoformat()
    return counts


def work_queue(user, *, today: date | None = None, now: datetime | None = None) -> QuerySet:
    """The user's open pledges: overdue, due within a week, stale, then the rest by due date."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    soon = today + timedelta(days=QUEUE_DUE_SOON_DAYS)
    return (
        Commitment.objects.owned_by(user)
        .open()
        .annotate(
            attention=Case(
                When(due_date__lt=today, then=Value(OVERDUE)),
                When(due_date__lte=soon, then=Value(DUE_SOON)),
                When(last_progress_at__lt=stale_cutoff(now=now), then=Value(STALE)),
                default=Value(REST),
                output_field=IntegerField(),
            )
        )
        .order_by("attention", F("due_date").asc(nulls_last=True), "id")
    )


def commitment_list() -> QuerySet:
    return Commitment.objects.select_related("owner", "source")


def timeline(commitment: Commitment) -> QuerySet:
    return commitment.updates.select_related("author").order_by("-created_at", "-id")


def assignable_users() -> QuerySet:
    """People a pledge can be given to: analysts and managers."""
    return (
        get_user_model()
        .objects.filter(Q(groups__name__in=[ANALYSTS, MANAGERS]) | Q(is_superuser=True))
        .filter(is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


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
    actors: list[dict]
    workload: list
    overdue: list[Commitment]
    stale: list[Commitment]
    due_next: list[Commitment]
    latest: list[ProgressUpdate]
    fulfilment: list[dict] = field(default_factory=list)
    import_quality: ImportQuality | None = None


def board(*, today: date | None = None, now: datetime | None = None) -> Board:
    """Everything the managers' board shows, in eleven queries."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    cutoff = stale_cutoff(now=now)
    window_end = today + timedelta(days=BOARD_DUE_WINDOW_DAYS)
    q = _attention_q(today=today, now=now)
    pledges = Commitment.objects.all()

    # 1: headline totals.
    totals = pledges.aggregate(
        total=Count("id"),
        open=Count("id", filter=_open()),
        overdue=Count("id", filter=q["overdue"]),
        stale=Count("id", filter=q["stale"]),
        due_next=Count("id", filter=_open() & Q(due_date__gte=today, due_date__lte=window_end)),
        unassigned=Count("id", filter=_open() & Q(owner__isnull=True)),
    )

    # 2: counts by status.
    status_counts = dict(
        pledges.order_by().values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    by_status = [
        {"value": s.value, "label": s.label, "count": status_counts.get(s.value, 0)} for s in Status
    ]

    # 3: topic × status.
    cells: dict[tuple[str, str], int] = {}
    for topic, status, n in (
        pledges.order_by().values_list("topic", "status").annotate(n=Count("id"))
    ):
        cells[(topic, status)] = n
    matrix = []
    for topic in Topic:
        row = [{"status": s.value, "count": cells.get((topic.value, s.value), 0)} for s in Status]
        total = sum(c["count"] for c in row)
        if total:
            matrix.append(
                {"value": topic.value, "label": topic.label, "cells": row, "total": total}
            )

    # 4: the actors with the most pledges.
    actors = list(
        pledges.order_by()
        .values("actor")
        .annotate(
            total=Count("id"),
            open=Count("id", filter=_open()),
            overdue=Count("id", filter=q["overdue"]),
            fulfilled=Count("id", filter=Q(status=Status.FULFILLED)),
            broken=Count("id", filter=Q(status=Status.BROKEN)),
        )
        .order_by("-total", "actor")[:BOARD_ACTORS]
    )

    # 5: workload per analyst.
    open_owned = ~Q(commitments__status__in=CLOSED_STATUSES) & Q(commitments__isnull=False)
    workload = list(
        get_user_model()
        .objects.filter(groups__name=ANALYSTS, is_active=True)
        .annotate(
            open=Count("commitments", filter=open_owned),
            overdue=Count("commitments", filter=open_owned & Q(commitments__due_date__lt=today)),
            stale=Count(
                "commitments", filter=open_owned & Q(commitments__last_progress_at__lt=cutoff)
            ),
        )
        .order_by("-overdue", "-open", "username")
    )

    # 6-8: short lists.
    listed = pledges.select_related("owner")
    overdue = list(listed.filter(q["overdue"]).order_by("due_date", "id")[:BOARD_LIST_LENGTH])
    stale = list(listed.filter(q["stale"]).order_by("last_progress_at", "id")[:BOARD_LIST_LENGTH])
    due_next = list(
        listed.filter(_open(), due_date__gte=today, due_date__lte=window_end).order_by(
            "due_date", "id"
        )[:BOARD_LIST_LENGTH]
    )

    # 9: latest updates.
    latest = list(
        ProgressUpdate.objects.select_related("author", "commitment").order_by(
            "-created_at", "-id"
        )[:BOARD_LIST_LENGTH]
    )

    # 10: pledges closed per month, by outcome, from the timeline entries that closed them.
    months_back = today.year * 12 + today.month - 1 - (FULFILMENT_MONTHS - 1)
    first_month = date(months_back // 12, months_back % 12 + 1, 1)
    closed_rows = (
        ProgressUpdate.objects.filter(new_status__in=CLOSED_STATUSES)
        .exclude(old_status__in=CLOSED_STATUSES)
        .filter(created_at__date__gte=first_month)
        .annotate(month=TruncMonth("created_at"))
        .order_by()
        .values_list("month", "new_status")
        .annotate(n=Count("commitment", distinct=True))
    )
    per_month: dict[tuple[int, int], dict[str, int]] = {}
    for month, status, n in closed_rows:
        key = (month.year, month.month)
        per_month.setdefault(key, {})[status] = n
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
        # 11: how the extraction fared in recent reviews.
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
