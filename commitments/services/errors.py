"""What a service says when it refuses: a conflict, or a refusal with a code.

The text a person reads is built here once, for the pages, the admin and the spreadsheet
import alike; callers that must tell refusals apart match the code, never the words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from commitments.models import Status
from commitments.people import display_name

if TYPE_CHECKING:
    from commitments.models import Commitment, ProgressUpdate


class Code:
    """Codes on the ValidationErrors and PermissionDenied the services raise."""

    CLOSING_NEEDS_NOTE = "closing_needs_note"
    NOTHING_TO_RECORD = "nothing_to_record"
    NOT_ALLOWED = "not_allowed"
    GONE = "gone"


CLOSING_NEEDS_NOTE = "Say why when you close a pledge: a note is required."
PROGRESS_RANGE = "Progress is a whole number from 0 to 100."
DUE_DATE_NEEDS_REASON = (
    "Say why the due date moves (for example “extended by the agreement of both sides”): "
    "a reason is required."
)
MILESTONES_SET_PROGRESS = (
    "This pledge's progress comes from its milestones; update a milestone instead of typing it."
)
QUOTE_NOT_IN_SOURCE = (
    "The quote is not found in the source at these offsets; copy it verbatim from the article."
)


class Refused(PermissionDenied):
    """The user may not do this; `code` says which rule refused."""

    def __init__(self, message: str, *, code: str = Code.NOT_ALLOWED) -> None:
        super().__init__(message)
        self.code = code


def closing_needs_note() -> ValidationError:
    return ValidationError(
        {"note": ValidationError(CLOSING_NEEDS_NOTE, code=Code.CLOSING_NEEDS_NOTE)}
    )


def error_codes(error: Exception) -> set[str]:
    """Every code a service's refusal carries."""
    if isinstance(error, ValidationError):
        groups = error.error_dict.values() if hasattr(error, "error_dict") else [error.error_list]
        return {e.code for group in groups for e in group if e.code}
    code = getattr(error, "code", None)
    return {code} if code else set()


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
    when = timezone.localtime(current.updated_at).strftime("%d %b %Y at %H:%M")
    parts = [
        f"{display_name(current.updated_by)} saved a change to this pledge on {when}, after you "
        f"opened or exported it (version {conflict.seen_version} → {current.version})."
    ]
    for update in conflict.updates:
        parts.append(f"{display_name(update.author)}: {describe_update(update)}.")
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


def refusal_message(error: Exception) -> str:
    """One sentence for any refusal a service raises."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    if isinstance(error, CommitmentConflict):
        return conflict_message(error)
    return str(error) or "You may not make this change."
