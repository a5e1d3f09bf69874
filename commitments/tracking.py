"""Reads for tracking a pledge past its words: money by stage, milestones, moved deadlines,
and how well its status is verified.

Each rule is one query expression (`verified_since_q`, `official_only_q`, `deadline_moved_q`,
`corroborated_q`)
that the board, the list's filters and the pledge page share; each read issues a fixed
number of queries whatever the number of pledges. The rules test membership in an
uncorrelated subquery (`pk__in`), not a correlated EXISTS, so that PostgreSQL builds each
set once (a hashed subplan) when the board counts every pledge.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, Concat, Lower, Trim
from django.utils import timezone

from commitments import states
from commitments.models import (
    CLOSED_STATUSES,
    Commitment,
    DueDateChange,
    EvidenceItem,
    EvidenceKind,
    Milestone,
    MilestoneStatus,
    MoneyRecord,
    MoneyStage,
    PledgeSource,
    ProgressUpdate,
    Status,
)

# --- Money: sums per currency and stage, never across currencies.


@dataclass
class MoneyRow:
    """One currency's announced, committed and disbursed sums."""

    currency: str
    amounts: dict[str, Decimal] = field(default_factory=dict)

    @property
    def announced(self) -> Decimal:
        return self.amounts.get(MoneyStage.ANNOUNCED, Decimal(0))

    @property
    def committed(self) -> Decimal:
        return self.amounts.get(MoneyStage.COMMITTED, Decimal(0))

    @property
    def disbursed(self) -> Decimal:
        return self.amounts.get(MoneyStage.DISBURSED, Decimal(0))

    @property
    def scale(self) -> Decimal:
        """The bar's full length: the largest of the three (money can exceed the pledge)."""
        return max(self.announced, self.committed, self.disbursed) or Decimal(1)

    @property
    def disbursed_share(self) -> float | None:
        """Disbursed as a share of announced; None when nothing was announced."""
        return float(self.disbursed / self.announced) if self.announced else None

    def stages(self) -> list[tuple[str, str, Decimal]]:
        return [(s.value, s.label, self.amounts.get(s.value, Decimal(0))) for s in MoneyStage]


def money_totals(pledges: QuerySet[Commitment]) -> list[MoneyRow]:
    """Announced, committed and disbursed money of these pledges, per currency: two queries.

    A pledge's announced money is its own amount, unless "announced" records revise it (then
    their sum). Committed and disbursed are the sums of their records.
    """
    return _money_sums(pledges).get((), [])


def money_totals_by_party(
    pledges: QuerySet[Commitment], *, party_id: int | None = None
) -> dict[tuple[int, str], list[MoneyRow]]:
    """`money_totals` for each party and role of these pledges, keyed (party id, role): two
    queries for every party at once (or for the one party asked for). A joint pledge's money
    counts in full for each of its signatories."""
    where: dict[str, object] = {"pledge_parties__isnull": False}
    if party_id is not None:
        where["pledge_parties__party_id"] = party_id
    sums = _money_sums(
        pledges, group=("pledge_parties__party_id", "pledge_parties__role"), where=where
    )
    return {(key[0], key[1]): rows for key, rows in sums.items()}


def _money_sums(
    pledges: QuerySet[Commitment],
    *,
    group: tuple[str, ...] = (),
    where: dict[str, object] | None = None,
) -> dict[tuple, list[MoneyRow]]:
    """The rule of `money_totals`, grouped by `group` (paths from a pledge): two queries.

    `where` (also paths from a pledge) is applied in the same call as the grouping reads
    them, so a multi-valued relation is joined once and each group sees its own rows."""
    where = where or {}
    groups: dict[tuple, dict[str, MoneyRow]] = {}

    def add(key: tuple, currency: str, stage: str, amount: Decimal | None) -> None:
        if amount is None:
            return
        row = groups.setdefault(key, {}).setdefault(currency, MoneyRow(currency))
        row.amounts[stage] = row.amounts.get(stage, Decimal(0)) + amount

    # 1: the records, summed by group, currency and stage.
    recorded = (
        MoneyRecord.objects.filter(
            commitment__in=pledges.values("pk"),
            **{f"commitment__{path}": value for path, value in where.items()},
        )
        .order_by()
        .values_list(*(f"commitment__{path}" for path in group), "currency", "stage")
        .annotate(total=Sum("amount"))
    )
    for *key, currency, stage, total in recorded:
        add(tuple(key), currency, stage, total)
    # 2: the pledges' own amounts, where no record revises the announcement.
    announced = (
        pledges.filter(amount__isnull=False, **where)
        .exclude(
            Exists(
                MoneyRecord.objects.filter(commitment=OuterRef("pk"), stage=MoneyStage.ANNOUNCED)
            )
        )
        .order_by()
        .values_list(*group, "currency")
        .annotate(total=Sum("amount"))
    )
    for *key, currency, total in announced:
        add(tuple(key), currency, MoneyStage.ANNOUNCED, total)
    return {key: sorted(rows.values(), key=lambda r: r.currency) for key, rows in groups.items()}


def money_stage_q(stage: str) -> Q:
    """Pledges whose money reached `stage`; every pledge with an amount was announced."""
    reached = Q(pk__in=MoneyRecord.objects.filter(stage=stage).values("commitment_id"))
    if stage == MoneyStage.ANNOUNCED:
        return reached | Q(amount__isnull=False)
    return reached


# --- Milestones: a pledge's progress is the weighted share of its milestones done.


def milestone_progress_expression() -> tuple[Sum, Sum]:
    """(weight done, weight counted) over a pledge's milestones; dropped ones do not count."""
    counted = ~Q(status=MilestoneStatus.DROPPED)
    return (
        Sum("weight", filter=Q(status=MilestoneStatus.DONE)),
        Sum("weight", filter=counted),
    )


def weighted_progress(done: int | None, counted: int | None) -> int:
    if not counted:
        return 0
    return round(100 * (done or 0) / counted)


def has_milestones() -> RawSQL:
    """Whether the outer query's pledge has any milestone: the cheap test that tells whether
    `milestone_progress` needs running at all.

    Written as SQL because every progress update reads it: built as
    `Exists(Milestone.objects.filter(...))` it costs as much Python as the rest of the read.
    """
    milestones, pledges = Milestone._meta.db_table, Commitment._meta.db_table
    return RawSQL(
        f"EXISTS (SELECT 1 FROM {milestones} m WHERE m.commitment_id = {pledges}.id)",
        [],
        output_field=BooleanField(),
    )


def milestone_progress(commitment_id: int) -> int | None:
    """The pledge's progress from its milestones, or None when it has none: one query."""
    done, counted = milestone_progress_expression()
    totals = Milestone.objects.filter(commitment_id=commitment_id).aggregate(
        n=Coalesce(Sum(Value(1)), 0), done=done, counted=counted
    )
    if not totals["n"]:
        return None
    return weighted_progress(totals["done"], totals["counted"])


def milestones(commitment: Commitment) -> list[Milestone]:
    return list(commitment.milestones.order_by("due_date", "id"))


def milestones_due_soon(today: date) -> QuerySet[Milestone]:
    """Open milestones of open, unsnoozed pledges due within the due-soon window."""
    return Milestone.objects.filter(
        status__in=(MilestoneStatus.PLANNED, MilestoneStatus.IN_PROGRESS),
        due_date__gte=today,
        due_date__lte=states.due_soon_until(today),
    ).filter(
        states.through("commitment", states.open_q()),
        ~states.through("commitment", states.snoozed_q(today)),
    )


def has_milestones_q() -> Q:
    return Q(pk__in=Milestone.objects.values("commitment_id"))


# --- Deadlines that moved, and pledges fulfilled late.


def deadline_moved_q() -> Q:
    return Q(pk__in=DueDateChange.objects.values("commitment_id"))


def due_date_changes(commitment: Commitment) -> list[DueDateChange]:
    return list(commitment.due_date_changes.select_related("changed_by").order_by("changed_at"))


def original_due_date(commitment: Commitment, changes: list[DueDateChange]) -> date | None:
    """The due date first set: the old date of the first change, else today's due date."""
    return changes[0].old_due_date if changes else commitment.due_date


def fulfilled_on(commitment: Commitment) -> date | None:
    """The day the timeline last recorded the pledge becoming fulfilled, if it is."""
    if commitment.status != Status.FULFILLED:
        return None
    entry = (
        commitment.updates.filter(new_status=Status.FULFILLED)
        .exclude(old_status=Status.FULFILLED)
        .order_by("-created_at", "-id")
        .values_list("created_at", flat=True)
        .first()
    )
    return timezone.localdate(entry) if entry else None


def is_fulfilled_late(
    commitment: Commitment, changes: list[DueDateChange], fulfilled: date | None
) -> bool:
    """Fulfilled after the due date it was first given, however far that date was moved."""
    first = original_due_date(commitment, changes)
    return fulfilled is not None and first is not None and fulfilled > first


# --- Evidence: when a pledge was last verified, and what its status rests on.


def verified_since(today: date) -> date:
    """Evidence dated on or after this day is recent; older means "not verified lately"."""
    return today - timedelta(days=states.stale_after_days())


def verified_since_q(day: date) -> Q:
    return Q(pk__in=EvidenceItem.objects.filter(published_on__gte=day).values("commitment_id"))


def unverified_q(today: date) -> Q:
    """Open and without evidence dated within `STALE_AFTER_DAYS`."""
    return states.open_q() & ~verified_since_q(verified_since(today))


def official_only_q() -> Q:
    """Has evidence, and every item of it is an official statement."""
    evidence = EvidenceItem.objects.values("commitment_id")
    other = evidence.exclude(kind=EvidenceKind.OFFICIAL_STATEMENT)
    return Q(pk__in=evidence) & ~Q(pk__in=other)


def evidence_by_update(commitment: Commitment) -> dict[int, list[EvidenceItem]]:
    """The pledge's evidence grouped by the timeline entry that carries it: one query."""
    grouped: dict[int, list[EvidenceItem]] = {}
    for item in commitment.evidence.select_related("source").order_by("-published_on", "-id"):
        grouped.setdefault(item.update_id, []).append(item)
    return grouped


def last_verified(items: Iterable[EvidenceItem]) -> date | None:
    return max((item.published_on for item in items), default=None)


# --- Independent outlets: how many publishers have reported a pledge.


def outlet(source: str) -> Case:
    """Who published the source at `source` (a path such as "source__"): its publisher, in
    any case or spacing; a source without one is an outlet of its own."""
    publisher = F(f"{source}publisher")
    return Case(
        When(~Q(**{f"{source}publisher": ""}), then=Lower(Trim(publisher))),
        default=Concat(Value("#"), Cast(F(f"{source}id"), CharField())),
        output_field=CharField(),
    )


def _other_outlets() -> QuerySet:
    """Later reports from an outlet other than the one that first reported their pledge."""
    return PledgeSource.objects.annotate(
        later=outlet("source__"), first=outlet("commitment__source__")
    ).exclude(later=F("first"))


def corroborated_q() -> Q:
    """Reported by at least two independent outlets: its own source and a later one."""
    return Q(pk__in=_other_outlets().values("commitment_id"))


def with_outlets(pledges: QuerySet) -> QuerySet:
    """Each pledge with `outlets`: the independent outlets that reported it, its first
    source's included (so 1 when no other outlet has)."""
    others = (
        _other_outlets()
        .filter(commitment=OuterRef("pk"))
        .order_by()
        .values("commitment")
        .annotate(n=Count("later", distinct=True))
        .values("n")
    )
    return pledges.annotate(
        outlets=Coalesce(Subquery(others, output_field=IntegerField()), Value(0)) + Value(1)
    )


@dataclass(frozen=True)
class TrackingCounts:
    """The board's tracking figures: each a count with the list that shows it."""

    deadline_moved: int
    official_only: int
    unverified: int
    with_milestones: int
    corroborated: int


def tracking_counts(*, today: date, open_pledges: int | None = None) -> TrackingCounts:
    """Pledges whose deadline moved, resting on official statements only, open and not
    verified lately, with milestones, and reported by two outlets or more: one query.

    Each figure is counted from the records that raise it (deadline changes, evidence,
    milestones, later reports), so the cost follows those records, not the number of pledges; pass
    `open_pledges` when it is already known and the pledges are not read at all. The
    figures are the sizes of `deadline_moved_q`, `official_only_q`, `unverified_q` and
    `has_milestones_q` and `corroborated_q`."""
    since = verified_since(today)
    evidence = EvidenceItem.objects.all()
    parts = {
        "deadline_moved": _pledges_in(DueDateChange.objects.all()),
        # Pledges with evidence, less those with evidence of another kind.
        "evidenced": _pledges_in(evidence),
        "not_official_only": _pledges_in(evidence.exclude(kind=EvidenceKind.OFFICIAL_STATEMENT)),
        "verified_open": _pledges_in(
            evidence.filter(published_on__gte=since).exclude(commitment__status__in=CLOSED_STATUSES)
        ),
        "with_milestones": _pledges_in(Milestone.objects.all()),
        "corroborated": _pledges_in(_other_outlets()),
    }
    if open_pledges is None:
        parts["open"] = Commitment.objects.filter(states.open_q()).annotate(
            n=Func(function="COUNT", template="COUNT(*)", output_field=IntegerField())
        )
    selects: list[str] = []
    params: list[Any] = []
    for name, queryset in parts.items():
        sql, part_params = queryset.order_by().values("n").query.sql_with_params()
        selects.append(f"({sql}) AS {name}")
        params.extend(part_params)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(selects)}", params)
        row = dict(zip(parts, cursor.fetchone(), strict=True))
    open_total = row["open"] if open_pledges is None else open_pledges
    return TrackingCounts(
        deadline_moved=row["deadline_moved"],
        official_only=row["evidenced"] - row["not_official_only"],
        unverified=open_total - row["verified_open"],
        with_milestones=row["with_milestones"],
        corroborated=row["corroborated"],
    )


def _pledges_in(records: QuerySet) -> QuerySet:
    """`records` (rows with a `commitment_id`) reduced to one row, `n`: how many pledges they
    name."""
    return records.annotate(
        n=Func(
            F("commitment_id"),
            function="COUNT",
            template="COUNT(DISTINCT %(expressions)s)",
            output_field=IntegerField(),
        )
    )


def pledge_money(commitment: Commitment, records: Iterable[MoneyRecord]) -> list[MoneyRow]:
    """One pledge's money per currency, by the rule of `money_totals`, from its records."""
    rows: dict[str, MoneyRow] = {}
    revised = False
    for record in records:
        row = rows.setdefault(record.currency, MoneyRow(record.currency))
        row.amounts[record.stage] = row.amounts.get(record.stage, Decimal(0)) + record.amount
        revised = revised or record.stage == MoneyStage.ANNOUNCED
    if commitment.amount is not None and not revised:
        row = rows.setdefault(commitment.currency, MoneyRow(commitment.currency))
        row.amounts[MoneyStage.ANNOUNCED] = commitment.amount
    return sorted(rows.values(), key=lambda r: r.currency)


def fulfilled_on_from(commitment: Commitment, timeline: Iterable[ProgressUpdate]) -> date | None:
    """`fulfilled_on` from a timeline already read (newest first), without another query."""
    if commitment.status != Status.FULFILLED:
        return None
    for entry in timeline:
        if entry.new_status == Status.FULFILLED and entry.old_status != Status.FULFILLED:
            return timezone.localdate(entry.created_at)
    return None
