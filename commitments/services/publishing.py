"""Publishing pledges: a manager's review copies the public fields to the pledge's publication.

Nothing reaches the public site but through here. Publishing and approving are the same
act (copy what the manager saw, parties, money stages and milestones included, with a
one-line public reason, and date it on the public history); unpublishing hides the copy at
once. Each is manager-only, runs in one transaction and empties the public cache when it
commits.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from commitments import review
from commitments.models import (
    Commitment,
    Publication,
    PublicEntry,
    PublicEntryKind,
    PublicMilestone,
    PublicMoney,
    PublicParty,
)
from commitments.public.cache import invalidate_on_commit
from commitments.services.actors import Actor, person_of
from commitments.services.data_version import writing
from commitments.services.pledges import _check_version, _lock, _require_manager

REASON_MAX = 200
NEEDS_REASON = "Give the public a one-line reason for the pledge's status."


def _clean_reason(public_reason: str) -> str:
    reason = " ".join((public_reason or "").split())
    if not reason:
        raise ValidationError({"public_reason": NEEDS_REASON})
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {"public_reason": f"Keep the public reason to one line of {REASON_MAX} characters."}
        )
    return reason


def _new_evidence(commitment: Commitment, since_version: int) -> str:
    """The newest evidence link recorded on the timeline since the last review, if any."""
    return (
        commitment.updates.filter(version__gt=since_version)
        .exclude(evidence_url="")
        .order_by("-created_at", "-id")
        .values_list("evidence_url", flat=True)
        .first()
    ) or ""


def _review(
    commitment: Commitment, *, user: Actor, reason: str, now: datetime
) -> Publication | None:
    publication = Publication.objects.filter(pk=commitment.pk).first()
    first = publication is None
    if (
        publication is not None
        and publication.is_public
        and reason == publication.public_reason
        and not review.public_diff(commitment, publication)
    ):
        # Nothing the public would notice; what was written since is reviewed all the same.
        publication.tracking_reviewed_at = now
        publication.save(update_fields=["tracking_reviewed_at"])
        return None
    since = 0 if publication is None else publication.reviewed_version
    publication = publication or Publication(commitment=commitment, published_at=now)
    was_public = not first and publication.is_public
    for name in review.REVIEWED_FIELDS:
        setattr(publication, name, getattr(commitment, name))
    publication.source_id = commitment.source_id
    publication.quote_start, publication.quote_end = commitment.quote_start, commitment.quote_end
    publication.public_reason = reason
    publication.is_public = True
    publication.reviewed_version = commitment.version
    publication.reviewed_at = now
    publication.reviewed_by = person_of(user)
    if not was_public:
        publication.published_at = now
    publication.tracking_reviewed_at = now
    publication.save()
    _copy_rows(commitment, publication)
    PublicEntry.objects.create(
        publication=publication,
        kind=PublicEntryKind.CHANGED if was_public else PublicEntryKind.PUBLISHED,
        created_at=now,
        status=publication.status,
        progress=publication.progress,
        text=reason,
        evidence_url=_new_evidence(commitment, since),
    )
    invalidate_on_commit()
    return publication


def _copy_rows(commitment: Commitment, publication: Publication) -> None:
    """Replace the public copy's parties, money stages and milestones with the pledge's own."""
    publication.parties.all().delete()
    publication.money.all().delete()
    publication.milestones.all().delete()
    PublicParty.objects.bulk_create(
        PublicParty(
            publication=publication, party_id=link.party_id, role=link.role, position=link.position
        )
        for link in commitment.pledge_parties.all()
    )
    PublicMoney.objects.bulk_create(
        PublicMoney(publication=publication, stage=stage, currency=row.currency, amount=amount)
        for row in review.proposed_money(commitment)
        for stage, _label, amount in row.stages()
        if amount
    )
    PublicMilestone.objects.bulk_create(
        PublicMilestone(
            publication=publication, milestone_id=pk, title=title, due_date=due, status=status
        )
        for pk, title, due, status in review.proposed_steps(commitment)
    )


@writing()
def publication_publish(
    *,
    commitment_id: int,
    user: Actor,
    public_reason: str,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Publication:
    """Publish a draft, or approve a published pledge's changes, as the manager saw it.

    `expected_version` is the version on the manager's review page: if the pledge changed
    since, CommitmentConflict is raised and the public copy stays as it was.
    """
    _require_manager(user, "publish pledges")
    reason = _clean_reason(public_reason)
    commitment = _lock(commitment_id)
    _check_version(commitment, expected_version)
    published = _review(commitment, user=user, reason=reason, now=now or timezone.now())
    return published or Publication.objects.get(pk=commitment.pk)


def publications_publish(*, commitment_ids: list[int], user: Actor, public_reason: str) -> int:
    """Bulk publish (the admin): drafts and pending changes alike. All or nothing.

    Returns how many public copies changed.
    """
    _require_manager(user, "publish pledges")
    reason = _clean_reason(public_reason)
    now = timezone.now()
    changed = 0
    with writing():
        for commitment_id in commitment_ids:
            changed += _review(_lock(commitment_id), user=user, reason=reason, now=now) is not None
    return changed


@writing()
def publication_unpublish(*, commitment_id: int, user: Actor) -> bool:
    """Hide a pledge from the public site at once. False if it was not public."""
    _require_manager(user, "unpublish pledges")
    hidden = Publication.objects.filter(pk=commitment_id, is_public=True).update(is_public=False)
    if hidden:
        invalidate_on_commit()
    return bool(hidden)


def publications_unpublish(*, commitment_ids: list[int], user: Actor) -> int:
    _require_manager(user, "unpublish pledges")
    with writing():
        hidden = Publication.objects.filter(pk__in=commitment_ids, is_public=True).update(
            is_public=False
        )
        if hidden:
            invalidate_on_commit()
    return hidden
