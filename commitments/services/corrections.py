"""Readers' corrections: submitted from a public page, decided by a manager.

A reader's submission only joins the moderation queue. A manager accepts it as public
evidence (a dated line with its link on the pledge's public history) or as a note on the
internal timeline, or rejects it; the pledge itself never changes here.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import timezone

from commitments.models import Correction, CorrectionState, Publication, PublicEntry
from commitments.models import PublicEntryKind as Kind
from commitments.public.cache import invalidate_on_commit
from commitments.services.actors import Actor, person_of
from commitments.services.data_version import writing
from commitments.services.errors import Code
from commitments.services.pledges import _require_manager, progress_record

TEXT_MAX = 2000
RATE_WINDOW_SECONDS = 3600
TOO_MANY = "You have sent several suggestions in the last hour; please try again later."


def _within_rate(client_key: str, now: datetime) -> bool:
    window = int(now.timestamp()) // RATE_WINDOW_SECONDS
    key = f"corrections:{client_key}:{window}"
    cache.add(key, 0, timeout=RATE_WINDOW_SECONDS)
    try:
        sent = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=RATE_WINDOW_SECONDS)
        sent = 1
    return sent <= settings.CORRECTIONS_PER_HOUR


def correction_submit(
    *,
    commitment_id: int,
    text: str,
    url: str = "",
    email: str = "",
    client_key: str,
    now: datetime | None = None,
) -> Correction:
    """Queue a reader's suggestion on a public pledge. Rate-limited per client."""
    now = now or timezone.now()
    text, url, email = (text or "").strip(), (url or "").strip(), (email or "").strip()
    errors: dict[str, str] = {}
    if not text:
        errors["text"] = "Say what is wrong or what evidence you have."
    elif len(text) > TEXT_MAX:
        errors["text"] = f"Keep it under {TEXT_MAX} characters; a link can carry the rest."
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            errors["url"] = "A link must be a web address starting with http(s)://."
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = "That e-mail address does not look right; leave it empty if unsure."
    if errors:
        raise ValidationError(errors)
    publication = Publication.objects.live().filter(pk=commitment_id).first()
    if publication is None:
        raise ValidationError("This pledge is not on the public site.", code=Code.GONE)
    if not _within_rate(client_key, now):
        raise ValidationError(TOO_MANY, code="rate_limited")
    return Correction.objects.create(
        publication=publication, text=text, url=url, email=email, submitted_at=now
    )


def _pending(correction_id: int) -> Correction:
    try:
        correction = (
            Correction.objects.select_for_update(of=("self",))
            .select_related("publication")
            .get(pk=correction_id)
        )
    except Correction.DoesNotExist:
        raise ValidationError("This suggestion no longer exists.", code=Code.GONE) from None
    if correction.state != CorrectionState.PENDING:
        raise ValidationError(
            f"This suggestion was already decided: {correction.get_state_display().lower()}."
        )
    return correction


def _decided(correction: Correction, *, state: str, user: Actor) -> Correction:
    correction.state = state
    correction.decided_at = timezone.now()
    correction.decided_by = person_of(user)
    correction.save(update_fields=["state", "decided_at", "decided_by"])
    return correction


@writing()
def correction_accept_as_evidence(
    *, correction_id: int, user: Actor, public_text: str
) -> Correction:
    """Add the reader's link to the pledge's public history, with the manager's own line."""
    _require_manager(user, "moderate readers' suggestions")
    correction = _pending(correction_id)
    line = " ".join((public_text or "").split())
    if not correction.url:
        raise ValidationError("This suggestion has no link; accept it as a note instead.")
    if not line or len(line) > 300:
        raise ValidationError(
            {"public_text": "Write one line (up to 300 characters) saying what the link shows."}
        )
    publication = correction.publication
    PublicEntry.objects.create(
        publication=publication,
        kind=Kind.EVIDENCE,
        status=publication.status,
        progress=publication.progress,
        text=line,
        evidence_url=correction.url,
    )
    invalidate_on_commit()
    return _decided(correction, state=CorrectionState.ACCEPTED_EVIDENCE, user=user)


@writing()
def correction_accept_as_note(*, correction_id: int, user: Actor) -> Correction:
    """Keep the suggestion as a note on the pledge's internal timeline; the public sees nothing."""
    _require_manager(user, "moderate readers' suggestions")
    correction = _pending(correction_id)
    progress_record(
        commitment_id=correction.publication_id,
        user=user,
        expected_version=None,
        note=f"A reader suggested: {correction.text}",
        evidence_url=correction.url,
    )
    return _decided(correction, state=CorrectionState.ACCEPTED_NOTE, user=user)


@writing()
def correction_reject(*, correction_id: int, user: Actor) -> Correction:
    _require_manager(user, "moderate readers' suggestions")
    return _decided(_pending(correction_id), state=CorrectionState.REJECTED, user=user)
