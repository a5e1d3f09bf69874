"""The pledge page's tracking forms: money reaching a stage, milestones, evidence items.

Each parses its form, calls a `services.tracking` write with the version the user saw, and
answers with the pledge page (or, for htmx, the pledge region) as it is stored now.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from commitments import roles, services
from commitments.forms_tracking import (
    EvidenceForm,
    MilestoneForm,
    MilestoneStatusForm,
    MoneyRecordForm,
)
from commitments.http import AuthenticatedHttpRequest
from commitments.models import Milestone
from commitments.views.pledges import (
    Region,
    _detail_post,
    _form_writer,
    _get_writable_commitment,
    _pledge_post,
)

MONEY = Region("money", MoneyRecordForm, "money", "Money recorded.", tracking=True)
MILESTONE = Region("milestone", MilestoneForm, "milestone", "Milestone added.", tracking=True)
MILESTONE_STATUS = Region(
    "milestone_status", MilestoneStatusForm, None, "Milestone updated.", tracking=True
)
EVIDENCE = Region("evidence", EvidenceForm, "evidence", "Evidence added.", tracking=True)


def _get_writable_milestone(request: AuthenticatedHttpRequest, pk: int) -> Milestone:
    """The milestone if this user may update its pledge (the pledge's owner or a manager)."""
    milestone = get_object_or_404(Milestone.objects.select_related("commitment"), pk=pk)
    if not roles.can_update(request.user, milestone.commitment):
        raise PermissionDenied("Only the pledge's owner or a manager can update its milestones.")
    return milestone


@require_POST
def money_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    commitment = _get_writable_commitment(request, pk)
    return _pledge_post(request, commitment, MONEY, services.money_record_add)


@require_POST
def milestone_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    commitment = _get_writable_commitment(request, pk)
    return _pledge_post(request, commitment, MILESTONE, services.milestone_add)


@require_POST
def milestone_update(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    milestone = _get_writable_milestone(request, pk)
    write = _form_writer(services.milestone_update, milestone_id=milestone.pk, user=request.user)
    return _detail_post(request, milestone.commitment, MILESTONE_STATUS, write)


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

    return _detail_post(request, commitment, EVIDENCE, write)
