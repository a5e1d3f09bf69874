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
from django.db.models import Count, Sum
from django.utils import timezone

from commitments import review
from commitments.models import (
    Commitment,
    Party,
    Publication,
    PublicEntry,
    PublicEntryKind,
    PublicMilestone,
    PublicMoney,
    PublicMoneyTally,
    PublicParty,
    PublicTally,
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
    commitment: Commitment, *, user: Actor, reason: str, now: datetime, touched: set[int]
) -> Publication | None:
    """Copy the pledge to its public copy; adds the parties whose tallies change to `touched`
    (the caller counts them again once, however many pledges it reviewed)."""
    publication = Publication.objects.filter(pk=commitment.pk).first()
    first = publication is None
    if (
        publication is not None
        and publication.is_public
        and reason == publication.public_reason
        and not review.public_diff(commitment, publication)
    ):
        # Nothing the public would notice; what was written since is reviewed all the same
        # (and party links reassigned without a change of text are copied).
        publication.tracking_reviewed_at = now
        publication.save(update_fields=["tracking_reviewed_at"])
        _copy_rows(commitment, publication, touched)
        invalidate_on_commit()
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
    _copy_rows(commitment, publication, touched)
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


def _party_ids(publication_ids: list[int]) -> set[int]:
    return set(
        PublicParty.objects.filter(publication_id__in=publication_ids).values_list(
            "party_id", flat=True
        )
    )


def public_tallies_count(party_ids: set[int]) -> None:
    """Count these parties' live public pledges again, per role, status and due date.

    The parties' rows are locked first, in one order, so two reviews touching one party count
    one after the other, the second seeing the first's committed copy."""
    if not party_ids:
        return
    list(Party.objects.select_for_update().filter(pk__in=party_ids).order_by("pk").values("pk"))
    PublicTally.objects.filter(party_id__in=party_ids).delete()
    groups = (
        PublicParty.objects.filter(party_id__in=party_ids, publication__is_public=True)
        .order_by()
        .values_list("party_id", "role", "publication__status", "publication__due_date")
        .annotate(n=Count("id"))
    )
    PublicTally.objects.bulk_create(
        (
            PublicTally(party_id=party, role=role, status=status, due_date=due, pledges=n)
            for party, role, status, due, n in groups
        ),
        batch_size=5000,
    )
    PublicMoneyTally.objects.filter(party_id__in=party_ids).delete()
    sums = (
        PublicMoney.objects.filter(
            publication__is_public=True, publication__parties__party_id__in=party_ids
        )
        .order_by()
        .values_list(
            "publication__parties__party_id", "publication__parties__role", "currency", "stage"
        )
        .annotate(total=Sum("amount"))
    )
    PublicMoneyTally.objects.bulk_create(
        PublicMoneyTally(party_id=party, role=role, currency=currency, stage=stage, amount=total)
        for party, role, currency, stage, total in sums
    )


def public_tallies_rebuild() -> int:
    """Every party's tally from the approved links (after a restore or a bulk load): one
    transaction. Returns how many parties have public pledges."""
    with writing():
        parties = set(PublicParty.objects.values_list("party_id", flat=True).distinct())
        PublicTally.objects.exclude(party_id__in=parties).delete()
        PublicMoneyTally.objects.exclude(party_id__in=parties).delete()
        public_tallies_count(parties)
    return len(parties)


def _copy_rows(commitment: Commitment, publication: Publication, touched: set[int]) -> None:
    """Replace the public copy's parties, money stages and milestones with the pledge's own;
    the parties it had and has are added to `touched`."""
    touched |= _party_ids([publication.pk])
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
    touched |= _party_ids([publication.pk])


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
    touched: set[int] = set()
    published = _review(
        commitment, user=user, reason=reason, now=now or timezone.now(), touched=touched
    )
    public_tallies_count(touched)
    return published or Publication.objects.get(pk=commitment.pk)


def publications_publish(*, commitment_ids: list[int], user: Actor, public_reason: str) -> int:
    """Bulk publish (the admin): drafts and pending changes alike. All or nothing.

    Returns how many public copies changed.
    """
    _require_manager(user, "publish pledges")
    reason = _clean_reason(public_reason)
    now = timezone.now()
    changed = 0
    touched: set[int] = set()
    with writing():
        for commitment_id in commitment_ids:
            reviewed = _review(
                _lock(commitment_id), user=user, reason=reason, now=now, touched=touched
            )
            changed += reviewed is not None
        public_tallies_count(touched)
    return changed


@writing()
def publication_unpublish(*, commitment_id: int, user: Actor) -> bool:
    """Hide a pledge from the public site at once. False if it was not public."""
    _require_manager(user, "unpublish pledges")
    hidden = Publication.objects.filter(pk=commitment_id, is_public=True).update(is_public=False)
    if hidden:
        public_tallies_count(_party_ids([commitment_id]))
        invalidate_on_commit()
    return bool(hidden)


def publications_unpublish(*, commitment_ids: list[int], user: Actor) -> int:
    _require_manager(user, "unpublish pledges")
    with writing():
        hidden = Publication.objects.filter(pk__in=commitment_ids, is_public=True).update(
            is_public=False
        )
        if hidden:
            public_tallies_count(_party_ids(commitment_ids))
            invalidate_on_commit()
    return hidden
