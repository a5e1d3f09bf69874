"""Party scorecards, and each signatory's own assessment on the pledge page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from commitments import roles, scorecards, services
from commitments.forms import PartyAssessmentForm
from commitments.http import AuthenticatedHttpRequest
from commitments.models import Party, PledgeParty
from commitments.views.pledges import _detail_context, _get_writable_commitment
from commitments.views.responses import render_page, versioned_post


def _get_party(request: AuthenticatedHttpRequest, slug: str) -> Party:
    """Any signed-in user may read any party's scorecard; unknown slugs are 404."""
    return get_object_or_404(Party, slug=slug)


def _get_writable_signatory(
    request: AuthenticatedHttpRequest, pk: int, party_pk: int
) -> PledgeParty:
    """A party on a pledge this user may update (its owner or a manager)."""
    commitment = _get_writable_commitment(request, pk)
    return get_object_or_404(
        PledgeParty.objects.select_related("party"), pk=party_pk, commitment=commitment
    )


@require_safe
def party_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    cards = scorecards.party_scorecards()
    context = {"cards": cards, "formula": scorecards.FORMULA}
    return render(request, "parties/list.html", context)


@require_safe
def party_detail(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    party = _get_party(request, slug)
    card = scorecards.party_scorecard(party)
    context = {
        "card": card,
        "roles": [
            ("Pledges made", "pledger", card.made),
            ("Pledges received", "counterparty", card.received),
        ],
        "party": party,
        "formula": scorecards.FORMULA,
        "can_manage": roles.can_manage(request.user),
    }
    return render(request, "parties/detail.html", context)


@require_POST
def assess_party(request: AuthenticatedHttpRequest, pk: int, party_pk: int) -> HttpResponse:
    """A signatory's own assessment; answers with the pledge, every form on its new version."""
    signatory = _get_writable_signatory(request, pk, party_pk)
    prefix = f"p{signatory.pk}"

    def write(data: dict[str, Any]) -> object:
        return services.party_assessment_record(
            pledge_party_id=signatory.pk,
            user=request.user,
            expected_version=data["version"],
            status=data["status"],
            note=data["note"],
            evidence_url=data["evidence_url"] or "",
        )

    form = PartyAssessmentForm(request.POST, prefix=prefix)
    posted = versioned_post(form, request.POST, write=write, prefix=prefix)
    if posted.saved and not request.htmx:
        messages.success(request, f"Assessment of {signatory.party.name} recorded.")
        return redirect(signatory.commitment)
    # Saved or not, the page shows the pledge as it is stored now.
    commitment = _get_writable_commitment(request, pk)
    context = _detail_context(request, commitment, assessment=(signatory.pk, posted))
    return render_page(
        request, "commitments/detail.html", context, fragment="pledge", status=posted.status
    )
