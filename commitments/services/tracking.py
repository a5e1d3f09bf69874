"""Tracking a pledge past its words: money reaching a stage, milestones, graded evidence.

Every write here changes the pledge (its money, its progress, its verification), so each one
locks the pledge, checks the version the user saw, bumps it and appends a timeline entry,
exactly as a progress update does. Due-date moves live with the other due-date write in
`pledges.commitment_set_due_date`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.formats import number_format

from commitments import tracking
from commitments.models import (
    Commitment,
    EvidenceItem,
    EvidenceKind,
    Milestone,
    MilestoneStatus,
    MoneyRecord,
    MoneyStage,
    ProgressUpdate,
    Source,
)
from commitments.services.actors import Actor, person_of
from commitments.services.data_version import writing
from commitments.services.pledges import _check_version, _lock, _require_update, _write

UNCHANGED = object()


def _money(amount: Decimal) -> str:
    return number_format(
        amount, decimal_pos=0 if amount == amount.to_integral() else 2, force_grouping=True
    )


def _clean_url(url: str, field: str) -> str:
    url = (url or "").strip()
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise ValidationError(
                {field: "A link must be a web address starting with http(s)://."}
            ) from None
    return url


def _not_future(day: date | None, field: str, what: str) -> None:
    if day is None:
        raise ValidationError({field: f"Give the date {what}."})
    if day > timezone.localdate():
        raise ValidationError({field: f"The date {what} cannot be in the future."})


# --- Money.


@writing()
def money_record_add(
    *,
    commitment_id: int,
    user: Actor,
    expected_version: int | None,
    stage: str,
    amount: Decimal | str,
    currency: str,
    on: date | None,
    evidence_url: str = "",
    note: str = "",
) -> MoneyRecord:
    """Record money reaching a stage (announced, committed, disbursed) with its evidence."""
    commitment = _lock(commitment_id)
    _require_update(user, commitment)
    _check_version(commitment, expected_version)
    errors: dict[str, str] = {}
    if stage not in MoneyStage.values:
        errors["stage"] = "Choose announced, committed or disbursed."
    try:
        value = Decimal(str(amount).replace(",", "").strip())
        if not value.is_finite() or value <= 0 or value.as_tuple().exponent < -2:  # type: ignore[operator]
            raise InvalidOperation
    except InvalidOperation:
        errors["amount"] = "The amount is a positive number with at most two decimals."
        value = Decimal(0)
    code = (currency or "").strip().upper()
    if len(code) != 3 or not code.isalpha():
        errors["currency"] = "The currency is a three-letter ISO code, for example GBP."
    if errors:
        raise ValidationError(errors)
    _not_future(on, "on", "the money reached this stage")
    assert on is not None
    url = _clean_url(evidence_url, "evidence_url")
    label = MoneyStage(stage).label.lower()
    line = f"Money {label}: {code} {_money(value)} on {on:%-d %b %Y}."
    entry = _write(
        commitment,
        user=user,
        changes={},
        note="\n".join(filter(None, [line, (note or "").strip()])),
        evidence_url=url,
    )
    return MoneyRecord.objects.create(
        commitment=commitment,
        stage=stage,
        amount=value,
        currency=code,
        on=on,
        evidence_url=url,
        note=(note or "").strip()[:300],
        update=entry,
        created_by=person_of(user),
    )


# --- Milestones.


def _clean_milestone(title: str, weight: int | str | None) -> tuple[str, int]:
    errors: dict[str, str] = {}
    title = " ".join((title or "").split())
    if not title:
        errors["title"] = "Give the milestone a title."
    elif len(title) > 300:
        errors["title"] = "Keep the title under 300 characters."
    try:
        value = int(weight if weight not in (None, "") else 1)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 1000:
        errors["weight"] = "The weight is a whole number from 1 to 1000."
    if errors:
        raise ValidationError(errors)
    return title, value


def _sync_progress(
    commitment: Commitment, *, user: Actor, line: str, now: datetime
) -> ProgressUpdate:
    """Bring the pledge's progress to its milestones' and put `line` on the timeline."""
    progress = tracking.milestone_progress(commitment.pk)
    changes = {} if progress is None else {"progress": progress}
    entry = _write(commitment, user=user, changes=changes, note=line, now=now)
    assert entry is not None  # a note always makes an entry
    return entry


@writing()
def milestone_add(
    *,
    commitment_id: int,
    user: Actor,
    expected_version: int | None,
    title: str,
    due_date: date | None = None,
    weight: int | str | None = 1,
    status: str = MilestoneStatus.PLANNED,
) -> Milestone:
    """Add a milestone; from now on the pledge's progress is its milestones' weighted mean."""
    commitment = _lock(commitment_id)
    _require_update(user, commitment)
    _check_version(commitment, expected_version)
    title, weight_value = _clean_milestone(title, weight)
    if status not in MilestoneStatus.values:
        raise ValidationError({"status": "Choose a milestone status from the list."})
    now = timezone.now()
    milestone = Milestone.objects.create(
        commitment=commitment,
        title=title,
        due_date=due_date,
        status=status,
        weight=weight_value,
        created_at=now,
        updated_at=now,
    )
    due = f", due {due_date:%-d %b %Y}" if due_date else ""
    _sync_progress(
        commitment,
        user=user,
        line=f"Milestone added: “{title}”{due}, weight {weight_value}.",
        now=now,
    )
    return milestone


@writing()
def milestone_update(
    *,
    milestone_id: int,
    user: Actor,
    expected_version: int | None,
    status: str | None = None,
    title: str | None = None,
    due_date: date | None | object = UNCHANGED,
    weight: int | str | None = None,
) -> Milestone:
    """Change a milestone's status, title, due date or weight; the timeline says what changed."""
    try:
        commitment_id = Milestone.objects.values_list("commitment_id", flat=True).get(
            pk=milestone_id
        )
    except Milestone.DoesNotExist:
        raise ValidationError("This milestone no longer exists.") from None
    commitment = _lock(commitment_id)
    _require_update(user, commitment)
    _check_version(commitment, expected_version)
    milestone = Milestone.objects.select_for_update().get(pk=milestone_id)
    new_title, new_weight = _clean_milestone(
        milestone.title if title is None else title,
        milestone.weight if weight in (None, "") else weight,
    )
    new_status = milestone.status if status in (None, "") else status
    if new_status not in MilestoneStatus.values:
        raise ValidationError({"status": "Choose a milestone status from the list."})
    new_due = milestone.due_date if due_date is UNCHANGED else due_date
    changes: list[str] = []
    if new_status != milestone.status:
        old_label = MilestoneStatus(milestone.status).label
        changes.append(f"{old_label} → {MilestoneStatus(new_status).label}")
    if new_title != milestone.title:
        changes.append(f"title “{milestone.title}” → “{new_title}”")
    if new_due != milestone.due_date:
        changes.append(f"due {_day(milestone.due_date)} → {_day(new_due)}")  # type: ignore[arg-type]
    if new_weight != milestone.weight:
        changes.append(f"weight {milestone.weight} → {new_weight}")
    if not changes:
        raise ValidationError(
            "Nothing to record: change the milestone's status, title, due date or weight."
        )
    now = timezone.now()
    Milestone.objects.filter(pk=milestone.pk).update(
        status=new_status, title=new_title, due_date=new_due, weight=new_weight, updated_at=now
    )
    _sync_progress(
        commitment,
        user=user,
        line=f"Milestone “{milestone.title}”: {'; '.join(changes)}.",
        now=now,
    )
    milestone.refresh_from_db()
    return milestone


def _day(day: date | None) -> str:
    return f"{day:%-d %b %Y}" if day else "none"


# --- Evidence.


@dataclass(frozen=True)
class EvidenceInput:
    """One evidence item as entered: a link or a tracked article, with what it is."""

    kind: str
    title: str
    published_on: date | None
    url: str = ""
    source_id: int | None = None
    publisher: str = ""


@writing()
def evidence_add(
    *,
    commitment_id: int,
    user: Actor,
    expected_version: int | None,
    items: Sequence[EvidenceInput],
    note: str = "",
) -> ProgressUpdate:
    """One timeline entry carrying several evidence items; the pledge counts as verified on
    the newest item's date."""
    commitment = _lock(commitment_id)
    _require_update(user, commitment)
    _check_version(commitment, expected_version)
    if not items:
        raise ValidationError("Add at least one piece of evidence.")
    source_ids = {item.source_id for item in items if item.source_id is not None}
    sources = Source.objects.in_bulk(source_ids)
    cleaned: list[EvidenceItem] = []
    for item in items:
        errors: dict[str, str] = {}
        if item.kind not in EvidenceKind.values:
            errors["kind"] = "Choose what kind of evidence this is."
        title = " ".join((item.title or "").split())
        if not title:
            errors["title"] = "Give the evidence a title."
        url = _clean_url(item.url, "url")
        source = sources.get(item.source_id) if item.source_id is not None else None
        if item.source_id is not None and source is None:
            errors["source"] = "That article is not in the tracker."
        if not url and source is None:
            errors["url"] = "Give a link or pick a tracked article."
        if errors:
            raise ValidationError(errors)
        _not_future(item.published_on, "published_on", "of the evidence")
        assert item.published_on is not None
        cleaned.append(
            EvidenceItem(
                commitment=commitment,
                kind=item.kind,
                title=title[:300],
                url=url,
                source=source,
                publisher=(item.publisher or "").strip()[:200],
                published_on=item.published_on,
            )
        )
    lines = [
        f"Evidence ({EvidenceKind(e.kind).label.lower()}): “{e.title}”, {e.published_on:%-d %b %Y}."
        for e in cleaned
    ]
    entry = _write(
        commitment,
        user=user,
        changes={},
        note="\n".join(filter(None, [(note or "").strip(), *lines])),
    )
    assert entry is not None
    for e in cleaned:
        e.update = entry
    EvidenceItem.objects.bulk_create(cleaned)
    return entry
