"""What a manager reviews before the public sees a change: the public fields and their diff.

The rule "this published pledge has changes waiting for approval" is written once, as a
query expression (`changed_since_review_q`); the per-pledge diff compares the very same
fields, so the queue and the review page cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q

# The pledge's fields the public sees, copied to its publication when a manager approves.
REVIEWED_FIELDS = (
    *("title", "actor", "counterparty", "topic", "quote"),
    *("status", "progress", "due_date"),
)
NULLABLE_FIELDS = frozenset({"due_date"})


def _differs_q(name: str) -> Q:
    mine, theirs = name, f"publication__{name}"
    if name not in NULLABLE_FIELDS:
        return ~Q(**{mine: F(theirs)})
    return (
        Q(**{f"{mine}__isnull": True, f"{theirs}__isnull": False})
        | Q(**{f"{mine}__isnull": False, f"{theirs}__isnull": True})
        | (Q(**{f"{mine}__isnull": False, f"{theirs}__isnull": False}) & ~Q(**{mine: F(theirs)}))
    )


def changed_since_review_q() -> Q:
    """A pledge (with a publication) whose public fields differ from the approved copy."""
    q = Q()
    for name in REVIEWED_FIELDS:
        q |= _differs_q(name)
    return q


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    public: Any
    proposed: Any


def public_diff(commitment: Any, publication: Any | None) -> list[FieldChange]:
    """The public fields that would change if a manager approved the pledge as it is now.

    With no publication yet, every public field is new.
    """
    changes = []
    for name in REVIEWED_FIELDS:
        field = commitment._meta.get_field(name)
        proposed = _shown(commitment, name)
        public = _shown(publication, name) if publication is not None else None
        if publication is None or getattr(publication, name) != getattr(commitment, name):
            changes.append(
                FieldChange(name, str(field.verbose_name).capitalize(), public, proposed)
            )
    return changes


def _shown(obj: Any, name: str) -> Any:
    display = getattr(obj, f"get_{name}_display", None)
    return display() if display is not None else getattr(obj, name)
