"""Every write to a pledge goes through here: views, admin, commands and tasks alike.

Each service runs in one transaction, checks who is asking, bumps the pledge's
version and appends to its timeline when status or progress changes, so the
timeline and the version always tell the truth.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from commitments import roles, selectors
from commitments.models import (
    CLOSED_STATUSES,
    Commitment,
    ImportReview,
    ProgressUpdate,
    Source,
    Status,
    Topic,
)

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


@dataclass
class CommitmentConflict(Exception):
    """Someone saved the pledge after the user loaded it; nothing was written."""

    current: Commitment
    seen_version: int
    updates: list[ProgressUpdate]

    def __str__(self) -> str:
        return conflict_message(self)


def conflict_message(conflict: CommitmentConflict) -> str:
    current = conflict.current
    who = current.updated_by.get_username() if current.updated_by else "Someone"
    when = timezone.localtime(current.updated_at).strftime("%d %b %Y at %H:%M")
    parts = [f"{who} saved a change to this pledge on {when}, after you opened it."]
    for update in conflict.updates:
        parts.append(f"{update.author or 'Someone'}: {describe_update(update)}.")
    parts.append("Nothing of yours was saved; check their change and apply yours again.")
    return " ".join(parts)


def describe_update(update: ProgressUpdate) -> str:
    changes = []
    if update.status_changed:
        changes.append(
            f"status {Status(update.old_status).label} → {Status(update.new_status).label}"
        )
    if update.progress_changed:
        changes.append(f"progress {update.old_progress}% → {update.new_progress}%")
    if update.note:
        changes.append(f"note “{update.note}”")
    return ", ".join(changes) or "no change"


def _lock(commitment_id: int) -> Commitment:
    try:
        return (
            Commitment.objects.select_for_update(of=("self",))
            .select_related("owner", "updated_by")
            .get(pk=commitment_id)
        )
    except Commitment.DoesNotExist:
        raise ValidationError("This pledge no longer exists.") from None


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
    commitment: Commitment, status: str | None, progress: int | None
) -> tuple[str, int]:
    errors: dict[str, str] = {}
    new_status = commitment.status if status in (None, "") else status
    if new_status not in Status.values:
        errors["status"] = f"“{status}” is not a status; choose one from the list."
    if progress is None or progress == "":
        new_progress = commitment.progress
        if new_status == Status.FULFILLED and status is not None:
            new_progress = 100
    else:
        try:
            new_progress = int(progress)
        except (TypeError, ValueError):
            new_progress = -1
        if not 0 <= new_progress <= 100:
            errors["progress"] = "Progress is a whole number from 0 to 100."
    if errors:
        raise ValidationError(errors)
    return new_status, new_progress


def _write(
    commitment: Commitment,
    *,
    user,
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
        raise ValidationError({"note": "Say why when you close a pledge: a note is required."})
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
    # Reassignments and new due dates go on the timeline too, but they are not progress:
    # they leave staleness alone.
    events = _field_events(commitment, field_changes)
    timeline_entry = progress_made or bool(events)

    values = dict(field_changes, version=F("version") + 1, updated_at=now, updated_by=user)
    if progress_made:
        values["last_progress_at"] = now
    written = Commitment.objects.filter(pk=commitment.pk, version=commitment.version).update(
        **values
    )
    if written != 1:  # Only possible without row locks (SQLite outside IMMEDIATE mode).
        commitment.refresh_from_db()
        _check_version(commitment, commitment.version - 1)
    commitment.refresh_from_db()

    if not timeline_entry:
        return None
    return ProgressUpdate.objects.create(
        commitment=commitment,
        author=user,
        created_at=now,
        version=commitment.version,
        old_status=old_status,
        new_status=new_status,
        old_progress=old_progress,
        new_progress=new_progress,
        note="\n".join(filter(None, [note, *events])),
        evidence_url=evidence_url,
    )


def _person(user) -> str:
    if user is None:
        return "nobody"
    return user.get_full_name() or user.get_username()


def _field_events(commitment: Commitment, field_changes: dict[str, Any]) -> list[str]:
    events = []
    if "owner" in field_changes:
        events.append(f"Owner: {_person(commitment.owner)} → {_person(field_changes['owner'])}.")
    if "due_date" in field_changes:
        old, new = commitment.due_date, field_changes["due_date"]
        events.append(f"Due date: {old or 'none'} → {new or 'none'}.")
    return events


def _require_update(user, commitment: Commitment) -> None:
    if user is not None and not roles.can_update(user, commitment):
        raise PermissionDenied("Only the pledge's owner or a manager can update it.")


def _require_manager(user, what: str) -> None:
    if user is not None and not roles.can_manage(user):
        raise PermissionDenied(f"Only managers can {what}.")


@transaction.atomic
def progress_record(
    *,
    commitment_id: int,
    user,
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
    update = _write(
        commitment,
        user=user,
        changes={"status": new_status, "progress": new_progress},
        note=note,
        evidence_url=evidence_url,
        now=now,
    )
    if update is None:
        raise ValidationError("Nothing to record: change the status or progress, or add a note.")
    return update


def commitment_close(
    *,
    commitment_id: int,
    user,
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


@transaction.atomic
def commitment_assign_owner(
    *, commitment_id: int, user, owner, expected_version: int | None = None
) -> Commitment:
    _require_manager(user, "reassign pledges")
    _check_owners([owner])
    commitment = _lock(commitment_id)
    _check_version(commitment, expected_version)
    _write(commitment, user=user, changes={"owner": owner})
    return commitment


@transaction.atomic
def commitment_set_due_date(
    *,
    commitment_id: int,
    user,
    due_date: date | None,
    due_text: str | None = None,
    expected_version: int | None = None,
) -> Commitment:
    _require_manager(user, "change due dates")
    commitment = _lock(commitment_id)
    _check_version(commitment, expected_version)
    changes: dict[str, Any] = {"due_date": due_date}
    if due_text is not None:
        changes["due_text"] = due_text
    _write(commitment, user=user, changes=changes)
    return commitment


@transaction.atomic
def commitment_snooze(*, commitment_id: int, user, until: date | None) -> Commitment:
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


@transaction.atomic
def commitment_edit(
    *,
    commitment_id: int,
    user,
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
    _write(commitment, user=user, changes=fields, note=note, evidence_url=evidence_url)
    return commitment


def commitments_set_status(*, commitment_ids: list[int], user, status: str, note: str) -> int:
    """Bulk status change: one timeline entry per pledge whose status changes. All or nothing."""
    changed = 0
    with transaction.atomic():
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


def commitments_assign_owner(*, commitment_ids: list[int], user, owner) -> int:
    """Bulk reassignment. All or nothing."""
    owner_id = owner.pk if owner else None
    changed = 0
    with transaction.atomic():
        for commitment_id in commitment_ids:
            before = _lock(commitment_id).owner_id
            commitment_assign_owner(commitment_id=commitment_id, user=user, owner=owner)
            changed += before != owner_id
    return changed


# --- Importing articles -------------------------------------------------------------------
# One article becomes one Source and the chosen pledges, all or nothing. The query count does
# not depend on the number of pledges (one bulk insert), so a batch import stays linear.

IMPORT_TEXT_LIMITS = {"title": 300, "actor": 200, "counterparty": 200, "due_text": 200}
AMOUNT_LIMIT = Decimal("1e18")  # Commitment.amount holds 20 digits, 2 after the point.
UNKNOWN_ACTOR = "Unknown"  # what a pledge whose actor was not resolved is saved with


@dataclass(frozen=True)
class ImportResult:
    source: Source
    commitments: list[Commitment]
    already_imported: bool = False

    @property
    def message(self) -> str:
        if self.already_imported:
            return (
                f"This article was already imported on "
                f"{timezone.localtime(self.source.imported_at):%d %b %Y}: nothing new was created."
            )
        count = len(self.commitments)
        return f"Imported “{self.source.title}” with {count} pledge{'s' if count != 1 else ''}."


def _imported_source(sha256: str) -> Source | None:
    return Source.objects.filter(sha256=sha256).first()


def _check_owners(owners: list) -> None:
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


@transaction.atomic
def commitment_create(*, commitment: Commitment, user) -> Commitment:
    """Save one new pledge built by hand (the admin's add form, a spreadsheet row).

    Articles bring their pledges in through `source_import`; this is for the odd pledge an
    analyst spots that the extraction missed.
    """
    if commitment.pk is not None:
        raise ValueError("commitment_create saves new pledges only")
    if user is not None and not roles.can_manage(user):
        raise PermissionDenied("Only managers can add pledges by hand; analysts import articles.")
    if not quote_matches(
        commitment.source.body, commitment.quote_start, commitment.quote_end, commitment.quote
    ):
        raise ValidationError(
            {
                "quote": "The quote is not found in the source at these offsets; "
                "copy it verbatim from the article."
            }
        )
    _check_owners([commitment.owner])
    now = timezone.now()
    commitment.version = 1
    commitment.updated_by = user
    commitment.created_at = commitment.updated_at = commitment.last_progress_at = now
    commitment.save(force_insert=True)
    return commitment


def _commitment_from_candidate(
    candidate, *, body: str, number: int, owner, user, now: datetime
) -> Commitment:
    start, end = candidate.start, candidate.end
    if not quote_matches(body, start, end, candidate.quote):
        raise ValidationError(
            f"Pledge {number}'s quote no longer matches the article: start the import again."
        )
    if candidate.topic not in Topic.values:
        raise ValidationError(f"Pledge {number}'s topic “{candidate.topic}” is not in the list.")
    amount = currency = None
    if candidate.amount is not None:
        amount = Decimal(candidate.amount.value).quantize(Decimal("0.01"))
        currency = (candidate.amount.currency or "").upper()
        if not (0 <= amount < AMOUNT_LIMIT) or len(currency) != 3 or not currency.isalpha():
            raise ValidationError(f"Pledge {number}'s amount is not a sum in a known currency.")
    texts = {
        name: " ".join(str(getattr(candidate, name) or "").split())[:limit]
        for name, limit in IMPORT_TEXT_LIMITS.items()
    }
    return Commitment(
        title=texts["title"] or " ".join(candidate.quote.split())[:300],
        quote=candidate.quote,
        quote_start=start,
        quote_end=end,
        # An unresolved actor still leaves a pledge worth tracking; the analyst fixes it later.
        actor=texts["actor"] or UNKNOWN_ACTOR,
        counterparty=texts["counterparty"],
        topic=candidate.topic,
        amount=amount,
        currency=currency or "",
        due_date=candidate.due_date,
        due_text=texts["due_text"],
        confidence=candidate.confidence,
        owner=owner,
        updated_by=user,
        created_at=now,
        updated_at=now,
        last_progress_at=now,
    )


def source_import(
    *,
    article,
    candidates,
    user,
    owner=None,
    owners: list | None = None,
    title: str | None = None,
    publisher: str = "",
    url: str = "",
    now: datetime | None = None,
    descriptions: list[str] | None = None,
    review: dict[str, Any] | None = None,
) -> ImportResult:
    """Store an article and the chosen pledges from it, in one transaction.

    `article` is a commitments.extraction.Article, `candidates` its chosen Candidates (edited or
    not). `owner` owns every new pledge unless `owners` gives one per candidate. An article whose
    text was imported before creates nothing: the result says so and carries the existing Source.
    """
    try:
        return _source_import(
            article=article,
            candidates=candidates,
            user=user,
            owner=owner,
            owners=owners,
            title=title,
            publisher=publisher,
            url=url,
            now=now,
            descriptions=descriptions,
            review=review,
        )
    except IntegrityError:
        # The same article saved by someone else between our check and our insert. Catching it
        # outside the transaction spares a savepoint round trip on every import.
        existing = _imported_source(article.sha256)
        if existing is None:
            raise
        return ImportResult(source=existing, commitments=[], already_imported=True)


@transaction.atomic
def _source_import(
    *, article, candidates, user, owner, owners, title, publisher, url, now, descriptions, review
) -> ImportResult:
    if user is not None and not roles.can_import(user):
        raise PermissionDenied("Only analysts and managers can import articles.")
    existing = _imported_source(article.sha256)
    if existing is not None:
        return ImportResult(source=existing, commitments=[], already_imported=True)
    if article.published_on is None:
        raise ValidationError({"published_on": "Give the article's publication date."})

    candidates = list(candidates)
    owners = list(owners) if owners is not None else [owner] * len(candidates)
    if len(owners) != len(candidates):
        raise ValueError("owners must give one owner per candidate")
    _check_owners(owners)

    now = now or timezone.now()
    source = Source(
        title=" ".join((title or article.title or "Untitled article").split())[:300],
        publisher=(publisher or "").strip()[:200],
        url=(url or "").strip(),
        published_on=article.published_on,
        body=article.body,
        sha256=article.sha256,
        imported_at=now,
        imported_by=user,
    )
    source.full_clean(exclude=["imported_by"], validate_unique=False, validate_constraints=False)
    commitments = [
        _commitment_from_candidate(
            candidate, body=article.body, number=number, owner=who, user=user, now=now
        )
        for number, (candidate, who) in enumerate(zip(candidates, owners, strict=True), start=1)
    ]
    for commitment, description in zip(commitments, descriptions or [], strict=False):
        commitment.description = (description or "").strip()
    spans = [(c.quote_start, c.quote_end) for c in commitments]
    if len(set(spans)) != len(spans):
        raise ValidationError("Two pledges quote the same words: keep only one of them.")

    source.save(force_insert=True)
    for commitment in commitments:
        commitment.source = source
    created = Commitment.objects.bulk_create(commitments, batch_size=500)
    if review is not None:
        ImportReview.objects.create(source=source, reviewed_by=user, reviewed_at=now, **review)
    return ImportResult(source=source, commitments=created)


# --- Importing after a review: the same import, plus a record of what the analyst changed.

# The fields of a proposal an analyst can correct; owner and description are not proposed.
REVIEWED_FIELDS = ("title", "actor", "counterparty", "topic", "amount", "due_date")


@dataclass(frozen=True)
class ReviewedPledge:
    """A pledge to save from a review: as the analyst left it, and as it was proposed."""

    candidate: Any  # commitments.extraction.Candidate, edited or not
    proposed: Any = None  # the extraction's Candidate; None for a pledge added by hand
    owner: Any = None
    description: str = ""


def review_tally(pledges: list[ReviewedPledge], *, proposed: int) -> dict[str, Any]:
    """What the review changed: kept, unticked, edited (field by field), added by hand."""
    kept = [p for p in pledges if p.proposed is not None]
    edited_fields: dict[str, int] = {}
    edited = key_edited = 0
    for pledge in kept:
        fields = [
            name
            for name in REVIEWED_FIELDS
            if getattr(pledge.candidate, name) != getattr(pledge.proposed, name)
        ]
        for name in fields:
            edited_fields[name] = edited_fields.get(name, 0) + 1
        edited += bool(fields)
        key_edited += bool(set(fields) & set(ImportReview.KEY_FIELDS))
    return {
        "proposed": proposed,
        "kept": len(kept),
        "unticked": proposed - len(kept),
        "edited": edited,
        "key_edited": key_edited,
        "added": len(pledges) - len(kept),
        "edited_fields": edited_fields,
    }


def source_import_reviewed(
    *,
    article,
    pledges: list[ReviewedPledge],
    proposed: int,
    user,
    title: str | None = None,
    publisher: str = "",
    url: str = "",
) -> ImportResult:
    """Store a reviewed article and its pledges, and record how the review changed them.

    `proposed` is how many pledges the extraction proposed; those not in `pledges` were
    unticked.
    """
    if sum(p.proposed is not None for p in pledges) > proposed:
        raise ValueError("more proposals kept than were proposed")
    return source_import(
        article=article,
        candidates=[p.candidate for p in pledges],
        owners=[p.owner for p in pledges],
        descriptions=[p.description for p in pledges],
        user=user,
        title=title,
        publisher=publisher,
        url=url,
        review=review_tally(pledges, proposed=proposed),
    )
