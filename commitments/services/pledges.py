"""A pledge's life after import: progress, closing, owner, due date, snooze and edits.

Each service runs in one transaction, checks who is asking, bumps the pledge's
version and appends to its timeline when status or progress changes, so the
timeline and the version always tell the truth.
"""

from __future__ import annotations

import copy
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Field
from django.utils import timezone

from commitments import roles, selectors
from commitments.models import (
    CLOSED_STATUSES,
    Commitment,
    DueDateChange,
    ProgressUpdate,
    Status,
)
from commitments.people import display_name
from commitments.services import statements
from commitments.services.actors import Actor, SystemActor, checked, person_of
from commitments.services.data_version import writing
from commitments.services.errors import (
    DUE_DATE_NEEDS_REASON,
    MILESTONES_SET_PROGRESS,
    PROGRESS_RANGE,
    QUOTE_NOT_IN_SOURCE,
    Code,
    CommitmentConflict,
    Refused,
    closing_needs_note,
)
from commitments.services.party_links import linker
from commitments.tracking import milestone_progress

# Fields an edit may touch besides status and progress.
EDITABLE_FIELDS = frozenset(
    {
        "title",
        "description",
        "actor",
        "counterparty",
        "topic",
        "amount",
        "currency",
        "due_date",
        "due_text",
        "owner",
        "snoozed_until",
    }
)
MANAGER_ONLY_FIELDS = frozenset({"owner", "due_date", "due_text"})


def _lock(commitment_id: int) -> Commitment:
    """The pledge, locked and read once, with whether it has milestones (which then decide
    its progress). Its owner and last editor load only if asked for: most writes need
    neither, and joining them costs every write."""
    commitment = statements.locked_pledge(commitment_id)
    if commitment is None:
        raise ValidationError("This pledge no longer exists.", code=Code.GONE)
    return commitment


def _check_version(commitment: Commitment, expected_version: int | None) -> None:
    if expected_version is None or commitment.version == expected_version:
        return
    updates = list(
        commitment.updates.filter(version__gt=expected_version)
        .select_related("author")
        .order_by("created_at", "id")
    )
    raise CommitmentConflict(current=commitment, seen_version=expected_version, updates=updates)


def _clean_status_progress(
    commitment: Commitment, status: str | None, progress: int | str | None
) -> tuple[str, int]:
    errors: dict[str, str] = {}
    new_status = commitment.status if status in (None, "") else status
    if new_status not in Status.values:
        errors["status"] = f"“{status}” is not a status; choose one from the list."
    fulfilling = new_status == Status.FULFILLED and new_status != commitment.status
    # `_lock` says whether the pledge has milestones; only then do their sums need reading.
    derived = (
        milestone_progress(commitment.pk) if getattr(commitment, "has_milestones", True) else None
    )
    if derived is not None:
        # With milestones, progress is theirs: a typed value other than the shown one is refused.
        if progress not in (None, "") and str(progress) not in (
            str(derived),
            str(commitment.progress),
        ):
            errors["progress"] = MILESTONES_SET_PROGRESS
        new_progress = derived
    elif progress is None or progress == "":
        new_progress = 100 if fulfilling else commitment.progress
    else:
        try:
            new_progress = int(progress)
        except (TypeError, ValueError):
            new_progress = -1
        if not 0 <= new_progress <= 100:
            errors["progress"] = PROGRESS_RANGE
        elif fulfilling and new_progress == commitment.progress:
            # Forms always send a progress: left as it was, fulfilling a pledge means all of it.
            new_progress = 100
    changed = new_status != commitment.status or new_progress != commitment.progress
    if (
        new_status == Status.PARTIALLY_FULFILLED
        and changed
        and "progress" not in errors
        and not 1 <= new_progress <= 99
    ):
        errors["progress"] = "Partially fulfilled means some but not all: progress from 1 to 99%."
    if errors:
        raise ValidationError(errors)
    return new_status, new_progress


def _write(
    commitment: Commitment,
    *,
    user: Actor,
    changes: dict[str, Any],
    note: str = "",
    evidence_url: str = "",
    now: datetime | None = None,
) -> ProgressUpdate | None:
    """Apply changes to a locked pledge, bump its version, append to its timeline."""
    now = now or timezone.now()
    note = (note or "").strip()
    evidence_url = (evidence_url or "").strip()
    old_status, old_progress = commitment.status, commitment.progress
    new_status = changes.get("status", old_status)
    new_progress = changes.get("progress", old_progress)
    closing = new_status in CLOSED_STATUSES and new_status != old_status
    if closing and not note:
        raise closing_needs_note()
    if evidence_url:
        try:
            URLValidator(schemes=["http", "https"])(evidence_url)
        except ValidationError:
            raise ValidationError(
                {"evidence_url": "Evidence must be a web address starting with http(s)://."}
            ) from None

    progress_made = new_status != old_status or new_progress != old_progress or bool(note)
    field_changes = {
        name: value for name, value in changes.items() if getattr(commitment, name) != value
    }
    if not field_changes and not progress_made:
        return None
    # A deadline that moves is an event with a reason, never a silent overwrite.
    moved_from = commitment.due_date if "due_date" in field_changes else None
    if moved_from is not None and not note:
        raise ValidationError({"due_date": DUE_DATE_NEEDS_REASON})
    # Reassignments and new due dates go on the timeline too, but they are not progress:
    # they leave staleness alone.
    events = _field_events(commitment, field_changes)
    timeline_entry = progress_made or bool(events)

    values = dict(
        field_changes,
        version=commitment.version + 1,
        updated_at=now,
        updated_by=person_of(user),
    )
    if progress_made:
        values["last_progress_at"] = now
    entry = ProgressUpdate(
        commitment=commitment,
        author=person_of(user),
        created_at=now,
        version=commitment.version + 1,
        old_status=old_status,
        new_status=new_status,
        old_progress=old_progress,
        new_progress=new_progress,
        note="\n".join(filter(None, [note, *events])),
        evidence_url=evidence_url,
    )
    if (
        timeline_entry
        and field_changes.keys() <= statements.PROGRESS_FIELDS
        and statements.writes_progress_in_one_statement()
    ):
        written = statements.progress_saved(entry, seen_version=commitment.version)
    else:
        pledge = Commitment.objects.filter(pk=commitment.pk, version=commitment.version)
        written = pledge.update(**values) == 1
    if not written:  # Only possible without row locks (SQLite outside IMMEDIATE mode).
        commitment.refresh_from_db()
        _check_version(commitment, commitment.version - 1)
    # The row is locked and now holds exactly these values: no need to read it back.
    for name, value in values.items():
        setattr(commitment, name, value)

    if not timeline_entry:
        return None
    if entry._state.adding:
        entry.save(force_insert=True)
    if moved_from is not None:
        DueDateChange.objects.create(
            commitment=commitment,
            old_due_date=moved_from,
            new_due_date=commitment.due_date,
            reason=note,
            update=entry,
            changed_by=person_of(user),
            changed_at=now,
        )
    return entry


def _person(user: User | None) -> str:
    return display_name(user, nobody="nobody")


def _field_events(commitment: Commitment, field_changes: dict[str, Any]) -> list[str]:
    """One line per changed field, "Field: old → new.", so the timeline audits every edit."""
    events = []
    for name, new in field_changes.items():
        if name in ("status", "progress"):  # the timeline entry itself shows these
            continue
        if name == "due_text" and "due_date" in field_changes:  # the due date's own words
            continue
        old = getattr(commitment, name)
        model_field = Commitment._meta.get_field(name)
        assert isinstance(model_field, Field)
        label = str(model_field.verbose_name).capitalize()
        if name == "owner":
            events.append(f"{label}: {_person(old)} → {_person(new)}.")
        else:
            events.append(f"{label}: {_shown(old)} → {_shown(new)}.")
    return events


def _shown(value: Any, limit: int = 80) -> str:
    text = " ".join(str(value).split()) if value not in (None, "") else "none"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _require_update(user: Actor, commitment: Commitment) -> None:
    checked(user)
    if isinstance(user, SystemActor):
        return
    if not roles.can_update(user, commitment):
        raise Refused("Only the pledge's owner or a manager can update it.")


def _require_manager(user: Actor, what: str) -> None:
    checked(user)
    if isinstance(user, SystemActor):
        return
    if not roles.can_manage(user):
        raise Refused(f"Only managers can {what}.")


@writing()
def progress_record(
    *,
    commitment_id: int,
    user: Actor,
    expected_version: int | None,
    status: str | None = None,
    progress: int | None = None,
    note: str = "",
    evidence_url: str = "",
    now: datetime | None = None,
) -> ProgressUpdate:
    """Record a progress update: change status/progress and append to the timeline.

    `expected_version` is the version the user saw; if someone saved since,
    CommitmentConflict is raised and nothing is written. A note alone is a
    valid update (it says the pledge was looked at).
    """
    commitment = _lock(commitment_id)
    _require_update(user, commitment)
    _check_version(commitment, expected_version)
    new_status, new_progress = _clean_status_progress(commitment, status, progress)
    previous = copy.copy(commitment)
    update = _write(
        commitment,
        user=user,
        changes={"status": new_status, "progress": new_progress},
        note=note,
        evidence_url=evidence_url,
        now=now,
    )
    if update is None:
        raise ValidationError(
            "Nothing to record: change the status or progress, or add a note.",
            code=Code.NOTHING_TO_RECORD,
        )
    update.previous = previous
    return update


def commitment_close(
    *,
    commitment_id: int,
    user: Actor,
    status: str,
    note: str,
    evidence_url: str = "",
    expected_version: int | None,
) -> ProgressUpdate:
    if status not in CLOSED_STATUSES:
        raise ValidationError({"status": "A pledge closes as Fulfilled, Broken or Withdrawn."})
    return progress_record(
        commitment_id=commitment_id,
        user=user,
        expected_version=expected_version,
        status=status,
        note=note,
        evidence_url=evidence_url,
    )


@writing()
def commitment_assign_owner(
    *,
    commitment_id: int,
    user: Actor,
    owner: User | None,
    expected_version: int | None = None,
) -> Commitment:
    _require_manager(user, "reassign pledges")
    _check_owners([owner])
    commitment = _lock(commitment_id)
    _check_version(commitment, expected_version)
    _write(commitment, user=user, changes={"owner": owner})
    return commitment


@writing()
def commitment_set_due_date(
    *,
    commitment_id: int,
    user: Actor,
    due_date: date | None,
    due_text: str | None = None,
    reason: str = "",
    expected_version: int | None = None,
) -> Commitment:
    """Set or move the due date; moving one needs a `reason`, kept with the old and new dates."""
    _require_manager(user, "change due dates")
    commitment = _lock(commitment_id)
    _check_version(commitment, expected_version)
    changes: dict[str, Any] = {"due_date": due_date}
    if due_text is not None:
        changes["due_text"] = due_text
    _write(commitment, user=user, changes=changes, note=reason)
    return commitment


@writing()
def commitment_snooze(*, commitment_id: int, user: Actor, until: date | None) -> Commitment:
    """Silence a pledge's reminders until a date (None resumes them).

    A reminder preference, not part of the pledge: the version stays, so nobody's open
    form conflicts with it, and the timeline is left alone.
    """
    commitment = _lock(commitment_id)
    _require_update(user, commitment)
    if until is not None and until <= timezone.localdate():
        raise ValidationError({"snoozed_until": "Snooze until a date in the future."})
    Commitment.objects.filter(pk=commitment.pk).update(snoozed_until=until)
    commitment.snoozed_until = until
    return commitment


@writing()
def commitment_edit(
    *,
    commitment_id: int,
    user: Actor,
    changes: dict[str, Any],
    expected_version: int | None = None,
    note: str = "",
    evidence_url: str = "",
) -> Commitment:
    """Edit any editable fields at once (the admin's change form and list edits).

    Status and progress changes still land on the timeline; owner and due date
    changes need a manager.
    """
    unknown = set(changes) - EDITABLE_FIELDS - {"status", "progress"}
    if unknown:
        raise ValidationError(f"These fields cannot be edited: {', '.join(sorted(unknown))}.")
    commitment = _lock(commitment_id)
    _require_update(user, commitment)
    touched = {k for k, v in changes.items() if getattr(commitment, k) != v}
    if touched & MANAGER_ONLY_FIELDS:
        _require_manager(user, "reassign pledges or change due dates")
    _check_version(commitment, expected_version)
    fields = dict(changes)
    if "status" in fields or "progress" in fields:
        fields["status"], fields["progress"] = _clean_status_progress(
            commitment, fields.get("status"), fields.get("progress")
        )
    texts_before = (commitment.actor, commitment.counterparty)
    _write(commitment, user=user, changes=fields, note=note, evidence_url=evidence_url)
    if (commitment.actor, commitment.counterparty) != texts_before:
        linker().link(commitment)
    return commitment


def commitments_set_status(
    *, commitment_ids: list[int], user: Actor, status: str, note: str
) -> int:
    """Bulk status change: one timeline entry per pledge whose status changes. All or nothing."""
    changed = 0
    with writing():
        for commitment_id in commitment_ids:
            commitment = _lock(commitment_id)
            _require_update(user, commitment)
            new_status, new_progress = _clean_status_progress(commitment, status, None)
            if commitment.status == new_status:
                continue
            _write(
                commitment,
                user=user,
                changes={"status": new_status, "progress": new_progress},
                note=note,
            )
            changed += 1
    return changed


def commitments_assign_owner(*, commitment_ids: list[int], user: Actor, owner: User | None) -> int:
    """Bulk reassignment. All or nothing."""
    owner_id = owner.pk if owner else None
    changed = 0
    with writing():
        for commitment_id in commitment_ids:
            before = _lock(commitment_id).owner_id
            commitment_assign_owner(commitment_id=commitment_id, user=user, owner=owner)
            changed += before != owner_id
    return changed


def _check_owners(owners: list[User | None]) -> None:
    """Every owner must be an active analyst or manager: one query however many there are."""
    wanted = {o.pk: o for o in owners if o is not None}
    if not wanted:
        return
    allowed = set(selectors.assignable_users().filter(pk__in=wanted).values_list("pk", flat=True))
    for pk, user in wanted.items():
        if pk not in allowed:
            raise ValidationError({"owner": f"{user} is not an analyst or manager."})


def quote_matches(body: str, start: int | None, end: int | None, quote: str) -> bool:
    """A pledge's quote must be the article's own words at its offsets."""
    if start is None or end is None or not quote:
        return False
    return 0 <= start < end <= len(body) and body[start:end] == quote


@writing()
def commitment_create(*, commitment: Commitment, user: Actor) -> Commitment:
    """Save one new pledge built by hand (the admin's add form, a spreadsheet row).

    Articles bring their pledges in through `source_import`; this is for the odd pledge an
    analyst spots that the extraction missed.
    """
    if commitment.pk is not None:
        raise ValueError("commitment_create saves new pledges only")
    checked(user)
    if not isinstance(user, SystemActor) and not roles.can_manage(user):
        raise Refused("Only managers can add pledges by hand; analysts import articles.")
    if not quote_matches(
        commitment.source.body, commitment.quote_start, commitment.quote_end, commitment.quote
    ):
        raise ValidationError({"quote": QUOTE_NOT_IN_SOURCE})
    _check_owners([commitment.owner])
    now = timezone.now()
    commitment.version = 1
    commitment.updated_by = person_of(user)
    commitment.created_at = commitment.updated_at = commitment.last_progress_at = now
    commitment.save(force_insert=True)
    linker().link(commitment)
    return commitment
