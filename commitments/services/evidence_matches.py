"""What a reviewer does with a suggested match between a new article and a tracked pledge.

- `evidence_record`: the statement is progress; a progress update with the suggested status,
  linked to the article and its quote span (owner or manager only, with the version check).
- `pledge_source_add`: the same pledge reported again; any analyst or manager. Added by
  someone other than the owner, it waits in the owner's attention list.
- `match_reject`: "not this one", remembered so the pair is never suggested again.

The article is stored as a Source the first time one of these needs it; the review of its
own pledges can still save them to that Source afterwards.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from commitments import roles
from commitments.extraction import Article
from commitments.models import (
    Commitment,
    MatchRejection,
    PledgeSource,
    PledgeSourceKind,
    Source,
)
from commitments.services.actors import Actor, SystemActor, checked, person_of
from commitments.services.data_version import writing
from commitments.services.errors import Refused
from commitments.services.pledges import _check_version, _lock, progress_record, quote_matches

__all__ = ["evidence_record", "evidence_reviewed", "match_reject", "pledge_source_add"]


def _require_importer(user: Actor) -> None:
    checked(user)
    if not isinstance(user, SystemActor) and not roles.can_import(user):
        raise Refused("Only analysts and managers can use a new article as a source.")


def _check_span(article: Article, start: int, end: int, quote: str) -> None:
    if not quote_matches(article.body, start, end, quote):
        raise ValidationError(
            "These words are not in the article as it was given: nothing was saved; "
            "give the article again."
        )


def _source_for(article: Article, *, user: Actor, publisher: str, url: str) -> Source:
    existing = Source.objects.filter(sha256=article.sha256).first()
    if existing is not None:
        return existing
    if article.published_on is None:
        raise ValidationError({"published_on": "Give the article's publication date."})
    source = Source(
        title=" ".join((article.title or "Untitled article").split())[:300],
        publisher=(publisher or "").strip()[:200],
        url=(url or "").strip(),
        published_on=article.published_on,
        body=article.body,
        sha256=article.sha256,
        imported_by=person_of(user),
    )
    source.save(force_insert=True)
    return source


def _report(
    *,
    commitment: Commitment,
    source: Source,
    kind: str,
    start: int,
    end: int,
    suggested_status: str,
    user: Actor,
    now: datetime,
    reviewed: bool,
) -> PledgeSource:
    try:
        with transaction.atomic():
            return PledgeSource.objects.create(
                commitment=commitment,
                source=source,
                kind=kind,
                quote=source.body[start:end],
                quote_start=start,
                quote_end=end,
                suggested_status=suggested_status,
                added_by=person_of(user),
                added_at=now,
                reviewed_at=now if reviewed else None,
            )
    except IntegrityError:
        raise ValidationError(
            "These words are already a source of this pledge: nothing was added."
        ) from None


@writing()
def evidence_record(
    *,
    commitment_id: int,
    article: Article,
    start: int,
    end: int,
    quote: str,
    status: str,
    progress: int | None,
    expected_version: int,
    user: Actor,
    publisher: str = "",
    url: str = "",
    now: datetime | None = None,
) -> PledgeSource:
    """Record the statement as progress on the pledge, its source span linked."""
    now = now or timezone.now()
    _check_span(article, start, end, quote)
    commitment = _lock(commitment_id)
    if not isinstance(user, SystemActor) and not roles.can_update(user, commitment):
        raise Refused("Only the pledge's owner or a manager can record evidence on it.")
    _check_version(commitment, expected_version)
    source = _source_for(article, user=user, publisher=publisher, url=url)
    note = f"Evidence from “{source.title}” ({source.published_on:%d %b %Y}): “{quote.strip()}”"
    update = progress_record(
        commitment_id=commitment_id,
        user=user,
        expected_version=expected_version,
        status=status,
        progress=progress,
        note=note[:2000],
        evidence_url=source.url,
        now=now,
    )
    report = _report(
        commitment=commitment,
        source=source,
        kind=PledgeSourceKind.EVIDENCE,
        start=start,
        end=end,
        suggested_status=status,
        user=user,
        now=now,
        reviewed=True,
    )
    report.progress_update = update
    report.save(update_fields=["progress_update"])
    return report


@writing()
def pledge_source_add(
    *,
    commitment_id: int,
    article: Article,
    start: int,
    end: int,
    quote: str,
    user: Actor,
    suggested_status: str = "",
    publisher: str = "",
    url: str = "",
    now: datetime | None = None,
) -> PledgeSource:
    """The same pledge reported again: the article becomes one more of its sources."""
    now = now or timezone.now()
    _require_importer(user)
    _check_span(article, start, end, quote)
    commitment = _lock(commitment_id)
    source = _source_for(article, user=user, publisher=publisher, url=url)
    if source.pk == commitment.source_id:
        raise ValidationError("This article is where the pledge was first reported.")
    owner_adds = commitment.owner_id is None or commitment.owner_id == getattr(user, "pk", None)
    return _report(
        commitment=commitment,
        source=source,
        kind=PledgeSourceKind.REPORT,
        start=start,
        end=end,
        suggested_status=suggested_status,
        user=user,
        now=now,
        reviewed=owner_adds,
    )


@writing()
def match_reject(
    *, commitment_id: int, article: Article, start: int, end: int, user: Actor
) -> MatchRejection:
    """“Not this one”: remember that these words are not about this pledge."""
    _require_importer(user)
    if not Commitment.objects.filter(pk=commitment_id).exists():
        raise ValidationError("This pledge no longer exists.")
    rejection, _created = MatchRejection.objects.get_or_create(
        commitment_id=commitment_id,
        sha256=article.sha256,
        quote_start=start,
        quote_end=end,
        defaults={"rejected_by": person_of(user)},
    )
    return rejection


@writing()
def evidence_reviewed(*, report_id: int, user: Actor, now: datetime | None = None) -> None:
    """The owner has looked at a report someone else added: it leaves the attention list."""
    report = PledgeSource.objects.select_related("commitment").get(pk=report_id)
    if not isinstance(user, SystemActor) and not roles.can_update(user, report.commitment):
        raise Refused("Only the pledge's owner or a manager can mark its evidence as reviewed.")
    PledgeSource.objects.filter(pk=report_id, reviewed_at__isnull=True).update(
        reviewed_at=now or timezone.now()
    )
