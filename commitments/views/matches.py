"""The review step's section "About pledges you already track", and its three actions.

`matches_context` is all the review page needs: it takes the pending article and its
proposals and gives the suggested matches and the proposals that may be duplicates. The
actions (record as evidence, add as another source, not this one) post here; each one calls
its service and goes back to the review.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_POST

from commitments import roles, selectors
from commitments.choices import Status
from commitments.extraction import Article, Candidate
from commitments.http import AuthenticatedHttpRequest
from commitments.importing import Highlight, extract_progress, pending_from_job
from commitments.matching import DUPLICATE_THRESHOLD, find_matches, statements_of
from commitments.models import Commitment, ImportJob, PledgeSource
from commitments.services import CommitmentConflict
from commitments.services.evidence_matches import (
    evidence_record,
    evidence_reviewed,
    match_reject,
    pledge_source_add,
)
from commitments.views.responses import (
    CONFLICT,
    INVALID,
    Conflict,
    found_or_404,
    redirect_to,
    render_page,
)


def matches_context(
    *, user, article: Article, candidates: Sequence[Candidate], review_url: str, action_url: str
) -> dict:
    """The suggestions for the review page, and the proposals to untick as possible duplicates."""
    assert article.published_on is not None
    statements = statements_of(
        extract_progress(article), candidates, published_on=article.published_on
    )
    matches = find_matches(statements, sha256=article.sha256)
    rows = [
        {
            "match": m,
            "number": n,
            "can_record": roles.can_update(user, m.commitment),
            "status_choices": Status.choices,
        }
        for n, m in enumerate(matches, start=1)
    ]
    duplicates = {
        m.statement.proposal
        for m in matches
        if m.statement.proposal is not None and m.score >= DUPLICATE_THRESHOLD
    }
    # Progress statements are highlighted in the article beside the proposals' quotes (a
    # restatement is a proposal, highlighted already).
    marks: dict[tuple[int, int], Highlight] = {}
    for number, match in enumerate(matches, start=1):
        statement = match.statement
        if statement.proposal is None and (statement.start, statement.end) not in marks:
            marks[(statement.start, statement.end)] = Highlight(
                start=statement.start,
                end=statement.end,
                id=f"match-quote-{number}",
                href=f"#match-{number}",
                label=f"About a tracked pledge: {match.commitment.title}",
            )
    return {
        "match_rows": rows,
        "match_highlights": list(marks.values()),
        "possible_duplicates": duplicates,
        "match_action_url": action_url,
        "match_review_url": review_url,
    }


class MatchActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("record", "record"), ("source", "source"), ("reject", "reject")]
    )
    commitment = forms.IntegerField(min_value=1)
    start = forms.IntegerField(min_value=0)
    end = forms.IntegerField(min_value=1)
    version = forms.IntegerField(min_value=1, required=False)
    status = forms.ChoiceField(choices=Status.choices, required=False)
    progress = forms.IntegerField(min_value=0, max_value=100, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("action") == "record" and not cleaned.get("version"):
            raise ValidationError("The pledge's version is missing: reload the review.")
        return cleaned


def _get_open_job_for_user(request: AuthenticatedHttpRequest, job_id: uuid.UUID) -> ImportJob:
    """The user's own unexpired import, ready for review (the review step's own rule)."""
    jobs = selectors.open_import_jobs(request.user).filter(state=ImportJob.State.READY)
    return found_or_404(jobs.filter(pk=job_id).first(), "This import is no longer open.")


@require_POST
def match_action(request: AuthenticatedHttpRequest, job_id: uuid.UUID) -> HttpResponse:
    if not roles.can_import(request.user):
        raise PermissionDenied("Only analysts and managers can import articles.")
    job = _get_open_job_for_user(request, job_id)
    pending = pending_from_job(job)
    review_url = reverse("commitments:import_review", args=[job.pk])
    form = MatchActionForm(request.POST)
    if not form.is_valid():
        errors = [str(e) for errors in form.errors.values() for e in errors]
        context: dict[str, Any] = {"errors": errors, "back": review_url}
        return render_page(request, "imports/match_error.html", context, status=INVALID)
    data = form.cleaned_data
    pledge = get_object_or_404(Commitment, pk=data["commitment"])
    article = pending.article
    start, end = data["start"], data["end"]
    quote = article.body[start:end]
    try:
        if data["action"] == "record":
            evidence_record(
                commitment_id=pledge.pk,
                article=article,
                start=start,
                end=end,
                quote=quote,
                status=data["status"] or pledge.status,
                progress=data["progress"],
                expected_version=data["version"],
                user=request.user,
                publisher=pending.publisher,
                url=pending.url,
            )
            messages.success(request, f"Recorded as evidence on “{pledge.title}”.")
        elif data["action"] == "source":
            pledge_source_add(
                commitment_id=pledge.pk,
                article=article,
                start=start,
                end=end,
                quote=quote,
                user=request.user,
                suggested_status=data["status"] or "",
                publisher=pending.publisher,
                url=pending.url,
            )
            messages.success(request, f"Added as another source of “{pledge.title}”.")
        else:
            match_reject(
                commitment_id=pledge.pk, article=article, start=start, end=end, user=request.user
            )
            messages.info(
                request, f"Noted: not about “{pledge.title}”; it will not be suggested again."
            )
    except CommitmentConflict as exc:
        context = {
            "conflict": Conflict.from_exception(exc),
            "pledge": exc.current,
            "back": review_url,
        }
        return render_page(request, "imports/match_conflict.html", context, status=CONFLICT)
    except ValidationError as exc:
        context = {"errors": exc.messages, "back": review_url}
        return render_page(request, "imports/match_error.html", context, status=INVALID)
    # htmx reloads the review (the same address: a bare "#matches" would only scroll).
    return redirect_to(request, review_url if request.htmx else review_url + "#matches")


@require_POST
def report_reviewed(request: AuthenticatedHttpRequest, pk: int, report_id: int) -> HttpResponse:
    """The owner has looked at a later report: it leaves their attention list."""
    report = get_object_or_404(PledgeSource.objects.select_related("commitment"), pk=report_id)
    if report.commitment_id != pk:
        raise Http404("This report is not about this pledge.")
    if not roles.can_update(request.user, report.commitment):
        raise PermissionDenied("Only the pledge's owner or a manager can review its evidence.")
    evidence_reviewed(report_id=report.pk, user=request.user)
    messages.success(request, "Marked as reviewed.")
    return redirect_to(request, reverse("commitments:detail", args=[pk]) + "#sources")
