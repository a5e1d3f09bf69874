"""Managers' side of the public site: the publishing queue, the review of one pledge, and the
moderation queue of readers' corrections. Writes go through `services.publishing` and
`services.corrections`; every POST redirects (post/redirect/get), with htmx or without.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST, require_safe

from commitments import links, review, roles, services
from commitments.http import AuthenticatedHttpRequest
from commitments.models import Commitment, Correction, CorrectionState, Publication
from commitments.services import corrections, publishing
from commitments.views.responses import render_page

QUEUE_LENGTH = 50


def _require_manager(request: AuthenticatedHttpRequest) -> None:
    if not roles.can_manage(request.user):
        raise PermissionDenied("Only managers publish pledges and moderate suggestions.")


def _get_reviewable_commitment(request: AuthenticatedHttpRequest, pk: int) -> Commitment:
    """The pledge, with its public copy if any, for a manager; 403 for others, 404 if unknown."""
    _require_manager(request)
    return get_object_or_404(Commitment.objects.select_related("source", "publication"), pk=pk)


def _get_pending_correction(request: AuthenticatedHttpRequest, pk: int) -> Correction:
    _require_manager(request)
    return get_object_or_404(Correction.objects.filter(state=CorrectionState.PENDING), pk=pk)


def _publication_of(commitment: Commitment) -> Publication | None:
    try:
        return commitment.publication
    except Publication.DoesNotExist:
        return None


@require_safe
def publishing_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_manager(request)
    pending = Commitment.objects.pending_review().order_by("updated_at", "id")
    drafts = Commitment.objects.drafts().order_by("-created_at", "-id")
    shown = pending.select_related("publication").prefetch_related(*review.tracking_prefetch())
    pending_rows = [(c, review.public_diff(c, c.publication)) for c in shown[:QUEUE_LENGTH]]
    return render_page(
        request,
        "publishing/queue.html",
        {
            "pending": pending_rows,
            "pending_count": pending.count(),
            "drafts": list(drafts[:QUEUE_LENGTH]),
            "drafts_count": drafts.count(),
            "corrections_count": Correction.objects.filter(state=CorrectionState.PENDING).count(),
        },
    )


@require_safe
def publishing_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    commitment = _get_reviewable_commitment(request, pk)
    publication = _publication_of(commitment)
    is_public = publication is not None and publication.is_public
    return render_page(
        request,
        "publishing/review.html",
        {
            "commitment": commitment,
            "publication": publication,
            "is_public": is_public,
            "diff": review.public_diff(commitment, publication if is_public else None),
            "reason": publication.public_reason if publication else "",
            "public_url": links.public_pledge(pk) if is_public else "",
        },
    )


@require_POST
def publishing_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    commitment = _get_reviewable_commitment(request, pk)
    version = request.POST.get("version", "")
    try:
        publishing.publication_publish(
            commitment_id=commitment.pk,
            user=request.user,
            public_reason=request.POST.get("public_reason", ""),
            expected_version=int(version) if version.isdigit() else None,
        )
    except (ValidationError, services.CommitmentConflict) as error:
        messages.error(request, services.refusal_message(error))
        return redirect(links.publishing_review(pk))
    messages.success(request, "Published: the public site shows the pledge as you reviewed it.")
    return redirect(links.publishing_review(pk))


@require_POST
def publishing_unpublish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    commitment = _get_reviewable_commitment(request, pk)
    if publishing.publication_unpublish(commitment_id=commitment.pk, user=request.user):
        messages.success(request, "Unpublished: the pledge is no longer on the public site.")
    else:
        messages.info(request, "This pledge was not on the public site.")
    return redirect(links.publishing_review(pk))


@require_safe
def corrections_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_manager(request)
    pending = Correction.objects.filter(state=CorrectionState.PENDING)
    return render_page(
        request,
        "publishing/corrections.html",
        {
            "corrections": list(pending.select_related("publication")[:QUEUE_LENGTH]),
            "count": pending.count(),
        },
    )


def _decided(request: AuthenticatedHttpRequest, decide, done: str) -> HttpResponse:
    try:
        decide()
    except ValidationError as error:
        messages.error(request, services.refusal_message(error))
    else:
        messages.success(request, done)
    return redirect("commitments:corrections")


@require_POST
def correction_accept_evidence(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    correction = _get_pending_correction(request, pk)
    return _decided(
        request,
        lambda: corrections.correction_accept_as_evidence(
            correction_id=correction.pk,
            user=request.user,
            public_text=request.POST.get("public_text", ""),
        ),
        "Accepted: the link is on the pledge's public history.",
    )


@require_POST
def correction_accept_note(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    correction = _get_pending_correction(request, pk)
    return _decided(
        request,
        lambda: corrections.correction_accept_as_note(
            correction_id=correction.pk, user=request.user
        ),
        "Accepted: the suggestion is a note on the pledge's timeline.",
    )


@require_POST
def correction_reject(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    correction = _get_pending_correction(request, pk)
    return _decided(
        request,
        lambda: corrections.correction_reject(correction_id=correction.pk, user=request.user),
        "Rejected.",
    )
