"""The managers' weekly digest: the week in numbers, every number a link to its list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from commitments import links, states
from commitments.models import CLOSED_STATUSES, OPEN_STATUSES, Commitment, ProgressUpdate, Status
from commitments.roles import MANAGERS

# How many pledges a digest section lists before "and N more" links to the full list.
DIGEST_LIST_LIMIT = 20
DIGEST_DAYS = 7


def digest_period(today: date) -> str:
    year, week, _ = today.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class StatusCount:
    value: str
    label: str
    count: int
    url: str


@dataclass
class StatusGroup:
    label: str  # "Open", "Closed"
    rows: list[StatusCount]

    @property
    def total(self) -> int:
        return sum(row.count for row in self.rows)


@dataclass
class DigestPledge:
    commitment: Commitment
    url: str
    new: bool = False  # overdue since this week's digest period began


@dataclass
class Digest:
    today: date
    since: date
    by_status: list[StatusGroup]  # open statuses, then closed ones, each with its total
    overdue: list[DigestPledge]
    overdue_count: int
    newly_overdue_count: int
    stale: list[DigestPledge]
    stale_count: int
    unowned: list[DigestPledge]
    unowned_count: int
    recently_closed: list[tuple[ProgressUpdate, str]]  # the update, the pledge's link
    links: dict[str, str]

    @property
    def is_empty(self) -> bool:
        return not (
            self.overdue_count or self.stale_count or self.unowned_count or self.recently_closed
        )


def _listed(commitments: list[Commitment], *, new_since: date | None = None) -> list:
    return [
        DigestPledge(
            c,
            links.absolute(links.pledge(c.pk)),
            new=new_since is not None and c.due_date is not None and c.due_date >= new_since,
        )
        for c in commitments
    ]


def digest_build(*, today: date | None = None) -> Digest:
    """The week in numbers, in a constant number of queries (six)."""
    today = today or timezone.localdate()
    since = today - timedelta(days=DIGEST_DAYS)
    overdue_q, stale_q, unowned_q = (
        states.overdue_q(today),
        states.stale_q(today),
        states.unowned_q(),
    )
    counts = dict(Commitment.objects.order_by().values_list("status").annotate(n=Count("pk")))
    totals = Commitment.objects.aggregate(
        overdue=Count("pk", filter=overdue_q),
        newly_overdue=Count("pk", filter=overdue_q & Q(due_date__gte=since)),
        stale=Count("pk", filter=stale_q),
        unowned=Count("pk", filter=unowned_q),
    )
    limit = DIGEST_LIST_LIMIT
    pledges = Commitment.objects.all()
    overdue = list(pledges.filter(overdue_q).order_by("-due_date", "id")[:limit])
    stale = list(pledges.filter(stale_q).order_by("last_progress_at", "id")[:limit])
    unowned = list(pledges.filter(unowned_q).order_by("due_date", "id")[:limit])
    recently_closed = list(
        ProgressUpdate.objects.filter(
            created_at__gte=timezone.make_aware(datetime.combine(since, time.min)),
            new_status__in=[Status.FULFILLED, Status.BROKEN],
        )
        .exclude(old_status=F("new_status"))
        .select_related("commitment", "author")
        .order_by("-created_at", "-id")[: limit * 2]
    )

    def by_status(statuses) -> list[StatusCount]:
        return [
            StatusCount(
                s.value,
                s.label,
                counts.get(s.value, 0),
                links.absolute(links.pledge_list(status=s)),
            )
            for s in Status
            if s in statuses
        ]

    return Digest(
        today=today,
        since=since,
        by_status=[
            StatusGroup("Open", by_status(OPEN_STATUSES)),
            StatusGroup("Closed", by_status(CLOSED_STATUSES)),
        ],
        overdue=_listed(overdue, new_since=since),
        overdue_count=totals["overdue"],
        newly_overdue_count=totals["newly_overdue"],
        stale=_listed(stale),
        stale_count=totals["stale"],
        unowned=_listed(unowned),
        unowned_count=totals["unowned"],
        recently_closed=[
            (u, links.absolute(links.pledge(u.commitment_id))) for u in recently_closed
        ],
        links={
            name: links.absolute(path)
            for name, path in {
                "board": links.board(),
                "overdue": links.pledge_list(overdue=True),
                "stale": links.pledge_list(stale=True, sort="updated"),
                "unowned": links.pledge_list(state="open", owner=links.UNASSIGNED),
                "fulfilled": links.pledge_list(status=Status.FULFILLED),
                "broken": links.pledge_list(status=Status.BROKEN),
            }.items()
        },
    )


def digest_recipients() -> QuerySet:
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name=MANAGERS) | Q(is_superuser=True))
        .exclude(email="")
        .distinct()
    )
