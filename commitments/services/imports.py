"""Article import: one article becomes one Source and the chosen pledges, all or nothing.

The query count does not depend on the number of pledges (one bulk insert), so a batch
import stays linear.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from commitments import roles
from commitments.extraction import Article, Candidate
from commitments.models import Commitment, ImportReview, Source, Topic
from commitments.services.actors import Actor, SystemActor, checked, person_of
from commitments.services.data_version import writing
from commitments.services.errors import Refused
from commitments.services.party_links import linker
from commitments.services.pledges import _check_owners, quote_matches

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


def _commitment_from_candidate(
    candidate: Candidate,
    *,
    body: str,
    number: int,
    owner: User | None,
    user: User | None,
    now: datetime,
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
    article: Article,
    candidates: Iterable[Candidate],
    user: Actor,
    owner: User | None = None,
    owners: Sequence[User | None] | None = None,
    title: str | None = None,
    publisher: str = "",
    url: str = "",
    now: datetime | None = None,
    descriptions: Sequence[str] | None = None,
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


@writing()
def _source_import(
    *,
    article: Article,
    candidates: Iterable[Candidate],
    user: Actor,
    owner: User | None,
    owners: Sequence[User | None] | None,
    title: str | None,
    publisher: str,
    url: str,
    now: datetime | None,
    descriptions: Sequence[str] | None,
    review: dict[str, Any] | None,
) -> ImportResult:
    checked(user)
    if not isinstance(user, SystemActor) and not roles.can_import(user):
        raise Refused("Only analysts and managers can import articles.")
    existing = _imported_source(article.sha256)
    if existing is not None:
        return ImportResult(source=existing, commitments=[], already_imported=True)
    if article.published_on is None:
        raise ValidationError({"published_on": "Give the article's publication date."})

    chosen = list(candidates)
    owners = list(owners) if owners is not None else [owner] * len(chosen)
    if len(owners) != len(chosen):
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
        imported_by=person_of(user),
    )
    source.full_clean(exclude=["imported_by"], validate_unique=False, validate_constraints=False)
    commitments = [
        _commitment_from_candidate(
            candidate, body=article.body, number=number, owner=who, user=person_of(user), now=now
        )
        for number, (candidate, who) in enumerate(zip(chosen, owners, strict=True), start=1)
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
    linker().link_new(created)
    if review is not None:
        ImportReview.objects.create(
            source=source, reviewed_by=person_of(user), reviewed_at=now, **review
        )
    return ImportResult(source=source, commitments=created)


# --- Importing after a review: the same import, plus a record of what the analyst changed.

# The fields of a proposal an analyst can correct; owner and description are not proposed.
REVIEWED_FIELDS = ("title", "actor", "counterparty", "topic", "amount", "due_date")


@dataclass(frozen=True)
class ReviewedPledge:
    """A pledge to save from a review: as the analyst left it, and as it was proposed."""

    candidate: Candidate  # edited or not
    proposed: Candidate | None = None  # None for a pledge added by hand
    owner: User | None = None
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
    article: Article,
    pledges: list[ReviewedPledge],
    proposed: int,
    user: Actor,
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
