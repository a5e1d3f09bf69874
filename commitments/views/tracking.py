"""The pledge page's tracking forms: money reaching a stage, milestones, evidence items.

Each parses its form, calls a `services.tracking` write with the version the user saw, and
answers with the pledge page (or, for htmx, the pledge region) as it is stored now.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from commitments import roles, services
from commitments.forms import VersionedForm
from commitments.forms_tracking import (
    EvidenceForm,
    MilestoneForm,
    MilestoneStatusForm,
    MoneyRecordForm,
)
from commitments.http import AuthenticatedHttpRequest
from commitments.models import Commitment, Milestone
from commitments.views.pledges import (
    _detail_context,
    _get_commitment_for_user,
    _get_writable_commitment,
)
from commitments.views.responses import render_page, versioned_post


def _get_writable_milestone(request: AuthenticatedHttpRequest, pk: int) -> Milestone:
    """The milestone if this user may update its pledge (the pledge's owner or a manager)."""
    milestone = get_object_or_404(Milestone.objects.select_related("commitment"), pk=pk)
    if not roles.can_update(request.user, milestone.commitment):
        raise PermissionDenied("Only the pledge's owner or a manager can update its milestones.")
    return milestone


def _tracking_post(
    request: AuthenticatedHttpRequest,
    commitment: Commitment,
    form: VersionedForm,
    *,
    name: str,
    done: str,
    write: Callable[[dict[str, Any]], object],
    prefix: str | None,
) -> HttpResponse:
    kwargs = {"prefix": prefix} if prefix else {}
    posted = versioned_post(form, request.POST, write=write, **kwargs)
    if posted.saved and not request.htmx:
        messages.success(request, done)
        return redirect(commitment)
    current = _get_commitment_for_user(request, commitment.pk)
    if posted.saved:
        context = _detail_context(request, current)
        context["tracking_saved"] = done
    else:
        context = _detail_context(request, current, **{f"{name}_form": posted.form})
        context[f"conflict_{name}"] = posted.conflict
        context["tracking_failed"] = name
    return render_page(
        request, "commitments/detail.html", context, fragment="pledge", status=posted.status
    )


@require_POST
def money_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    commitment = _get_writable_commitment(request, pk)

    def write(data: dict[str, Any]) -> object:
        return services.money_record_add(
            commitment_id=commitment.pk,
            user=request.user,
            expected_version=data["version"],
            stage=data["stage"],
            amount=data["amount"],
            currency=data["currency"],
            on=data["on"],
            evidence_url=data["evidence_url"],
            note=data["note"],
        )

    return _tracking_post(
        request,
        commitment,
        MoneyRecordForm(request.POST, prefix="money"),
        name="money",
        done="Money recorded.",
        write=write,
        prefix="money",
    )


@require_POST
def milestone_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    commitment = _get_writable_commitment(request, pk)

    def write(data: dict[str, Any]) -> object:
        return services.milestone_add(
            commitment_id=commitment.pk,
            user=request.user,
            expected_version=data["version"],
            title=data["title"],
            due_date=data["due_date"],
            weight=data["weight"],
        )

    return _tracking_post(
        request,
        commitment,
        MilestoneForm(request.POST, prefix="milestone"),
        name="milestone",
        done="Milestone added.",
        write=write,
        prefix="milestone",
    )


@require_POST
def milestone_update(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    milestone = _get_writable_milestone(request, pk)

    def write(data: dict[str, Any]) -> object:
        return services.milestone_update(
            milestone_id=milestone.pk,
            user=request.user,
            expected_version=data["version"],
            status=data["status"],
        )

    return _tracking_post(
        request,
        milestone.commitment,
        MilestoneStatusForm(request.POST),
        name="milestone_status",
        done="Milestone updated.",
        write=write,
        prefix=None,
    )


@require_POST
def evidence_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    commitment = _get_writable_commitment(request, pk)

    def write(data: dict[str, Any]) -> object:
        item = services.EvidenceInput(
            kind=data["kind"],
            title=data["title"],
            published_on=data["published_on"],
            url=data["url"],
            source_id=data["source"],
            publisher=data["publisher"],
        )
        return services.evidence_add(
            commitment_id=commitment.pk,
            user=request.user,
            expected_version=data["version"],
            items=[item],
            note=data["note"],
        )

    return _tracking_post(
        request,
        commitment,
        EvidenceForm(request.POST, prefix="evidence"),
        name="evidence",
        done="Evidence added.",
        write=write,
        prefix="evidence",
    )
