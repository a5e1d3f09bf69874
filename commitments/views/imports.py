"""The web import: give an article (step 1), review its proposed pledges and save (step 2).

Step 1 stores the article in an ImportJob and starts its extraction in the background; the
job's page shows progress (htmx polls it; without JS the page refreshes itself) and then the
review. What gets saved is the job's text and quote offsets, never the browser's.
A form shown again with its errors answers 422, as everywhere on the site; htmx is set up
in base.html to swap it in place.
"""

from __future__ import annotations

import dataclasses
import uuid
from functools import wraps

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRedirect, push_url

from commitments import roles, selectors, tasks
from commitments.extraction.sentences import split_sentences
from commitments.forms_import import (
    AddPledgeForm,
    ArticleForm,
    CandidateForm,
    PledgeFieldsForm,
    ReviewForm,
    candidate_initial,
)
from commitments.http import AuthenticatedHttpRequest
from commitments.importing import Highlight, PendingImport, highlight, pending_from_job
from commitments.models import ImportJob, Source, Topic
from commitments.people import display_name
from commitments.services import ReviewedPledge
from commitments.services.import_jobs import (
    import_job_add_pledge,
    import_job_create,
    import_job_save,
)
from commitments.views.matches import matches_context
from commitments.views.responses import redirect_to, render_page


def importer_required(view):
    @wraps(view)
    def wrapper(request: AuthenticatedHttpRequest, *args, **kwargs):
        if not roles.can_import(request.user):
            raise PermissionDenied("Only analysts and managers can import articles.")
        return view(request, *args, **kwargs)

    return wrapper


def _get_open_job_for_user(
    request: AuthenticatedHttpRequest, job_id: uuid.UUID
) -> ImportJob | None:
    """The user's own unexpired import job; None, as for a saved one, if it is anyone else's."""
    return selectors.open_import_jobs(request.user).filter(pk=job_id).first()


def _job_url(job: ImportJob) -> str:
    return reverse("commitments:import_review", args=[job.pk])


@require_http_methods(["GET", "HEAD", "POST"])
@importer_required
def import_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ArticleForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            article = form.article
            existing = Source.objects.filter(sha256=article.sha256).first()
            if existing is not None:
                messages.info(request, "This article is already imported: nothing new was created.")
                return redirect_to(
                    request, reverse("commitments:source_detail", args=[existing.pk])
                )
            job = import_job_create(
                article=article,
                user=request.user,
                publisher=form.cleaned_data["publisher"],
                url=form.cleaned_data["url"],
            )
            tasks.import_extract_start(str(job.pk))
            job.refresh_from_db()
            if not request.htmx:
                return redirect(_job_url(job))
            response = _job_page(request, job, fragment="step")
            return push_url(response, _job_url(job))
        context = {"form": form}
        return render_page(request, "imports/start.html", context, fragment="step", status=422)
    return render_page(request, "imports/start.html", {"form": form})


def _job_page(
    request: AuthenticatedHttpRequest, job: ImportJob, fragment: str | None = None
) -> HttpResponse:
    """The review once the pledges are found; until then, or on failure, the progress page."""
    if job.state == ImportJob.State.READY:
        pending = pending_from_job(job)
        context = _review_context(request, job, pending)
        return render_page(request, "imports/review.html", context, fragment=fragment)
    context = {"job": job, "job_url": _job_url(job)}
    status = 422 if job.state == ImportJob.State.FAILED else 200
    return render_page(request, "imports/progress.html", context, fragment=fragment, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@importer_required
def import_review(request: AuthenticatedHttpRequest, job_id: uuid.UUID) -> HttpResponse:
    job = _get_open_job_for_user(request, job_id)
    if job is None:
        messages.error(request, "This import is no longer open: give the article again.")
        return redirect_to(request, reverse("commitments:import_start"))
    if request.method in ("GET", "HEAD"):
        if request.htmx and request.GET.get("poll"):
            # The progress page asking again: once done, show the whole review page.
            if job.is_done:
                return HttpResponseClientRedirect(_job_url(job))
            return _job_page(request, job, fragment="progress")
        return _job_page(request, job)
    if job.state != ImportJob.State.READY:
        return _job_page(request, job, fragment="step")
    pending = pending_from_job(job)
    if "add" in request.POST:
        return _add_pledge(request, job, pending)

    context = _review_context(request, job, pending, data=request.POST, add_data=request.POST)
    review, forms, adding = context["review"], context["candidate_forms"], context["add_form"]
    valid = all([review.is_valid(), *(form.is_valid() for form in forms)])
    if adding.is_filled:
        valid = adding.is_valid() and valid
    if valid:
        try:
            result = _save(request, job, pending, review, forms, adding)
        except ValidationError as error:
            review.add_error(None, error)
        else:
            messages.success(request, result.message)
            return redirect_to(
                request, reverse("commitments:source_detail", args=[result.source.pk])
            )
    return render_page(request, "imports/review.html", context, fragment="step", status=422)


def _add_pledge(
    request: AuthenticatedHttpRequest, job: ImportJob, pending: PendingImport
) -> HttpResponse:
    """Add a missed pledge to the review; what was typed elsewhere on the page is kept."""
    context = _review_context(request, job, pending, data=request.POST, add_data=request.POST)
    adding = context["add_form"]
    if not adding.is_valid():
        return render_page(request, "imports/review.html", context, fragment="step", status=422)
    candidate = adding.candidate()
    taken = {(c.start, c.end) for c in [*pending.candidates, *pending.added]}
    if (candidate.start, candidate.end) in taken:
        adding.add_error(None, "These words are already a pledge on this page: edit that one.")
        return render_page(request, "imports/review.html", context, fragment="step", status=422)
    job = import_job_add_pledge(job=job, candidate=candidate)
    pending = pending_from_job(job)
    data = request.POST.copy()
    for key in [key for key in data if key.startswith(f"{ADD_PREFIX}-")]:
        del data[key]
    initial = candidate_initial(candidate, owner_id=adding.cleaned_data["owner"])
    initial["description"] = adding.cleaned_data["description"]
    prefix = _added_prefix(len(pending.added))
    for name, value in initial.items():
        if value not in (None, False, ""):
            data[f"{prefix}-{name}"] = "on" if value is True else str(value)
    context = _review_context(request, job, pending, data=data)
    context["added_number"] = context["candidate_forms"][-1].number
    return render_page(request, "imports/review.html", context, fragment="step")


def _save(
    request,
    job: ImportJob,
    pending: PendingImport,
    review: ReviewForm,
    forms: list[CandidateForm],
    adding: AddPledgeForm,
):
    extra = [adding] if adding.is_filled else []
    owner_by_id = {
        user.pk: user
        for user in selectors.assignable_users().filter(
            pk__in=[f.cleaned_data["owner"] for f in [*forms, *extra]]
        )
    }

    def owner_of(form: PledgeFieldsForm) -> User | None:
        owner_id = form.cleaned_data["owner"]
        if owner_id is not None and owner_id not in owner_by_id:
            raise ValidationError(f"Pledge {form.number}'s owner is not an analyst or manager.")
        return owner_by_id.get(owner_id)

    pledges = []
    for form in forms:
        if not form.cleaned_data["include"]:
            continue
        candidate, data = form.candidate, form.cleaned_data
        # The offsets the browser sends back must name the span the server proposed.
        if (data["start"], data["end"]) != (candidate.start, candidate.end):
            raise ValidationError(
                f"Pledge {form.number}'s quote does not match the article: "
                "nothing was saved; give the article again."
            )
        pledges.append(
            ReviewedPledge(
                candidate=form.chosen(),
                proposed=None if form.added else form.as_proposed(),
                owner=owner_of(form),
                description=data["description"],
            )
        )
    for added in extra:
        pledges.append(
            ReviewedPledge(
                candidate=added.candidate(),
                owner=owner_of(added),
                description=added.cleaned_data["description"],
            )
        )
    article = dataclasses.replace(
        pending.article,
        title=review.cleaned_data["title"],
        published_on=review.cleaned_data["published_on"],
    )
    return import_job_save(job=job, article=article, pledges=pledges, user=request.user)


ADD_PREFIX = "add"


def _added_prefix(index: int) -> str:
    return f"h{index}"


def _review_context(
    request, job: ImportJob, pending: PendingImport, data=None, add_data=None
) -> dict:
    """Everything the review page shows; sections added to the review add to it here."""
    article = pending.article
    owner_choices = [("", "Unassigned")] + [
        (user.pk, display_name(user)) for user in selectors.assignable_users()
    ]
    # An analyst importing is the natural owner of what they log; a manager hands work out.
    default_owner = request.user.pk if roles.is_analyst(request.user) else None
    review = ReviewForm(
        data,
        initial={"title": article.title, "published_on": article.published_on},
    )
    matched = matches_context(
        user=request.user,
        article=article,
        candidates=pending.candidates,
        review_url=_job_url(job),
        action_url=reverse("commitments:import_match_action", args=[job.pk]),
    )
    rows = [(f"c{n}", candidate, False) for n, candidate in enumerate(pending.candidates, 1)]
    rows += [(_added_prefix(n), candidate, True) for n, candidate in enumerate(pending.added, 1)]
    forms = [
        CandidateForm(
            data,
            prefix=prefix,
            candidate=candidate,
            added=added,
            owner_choices=owner_choices,
            number=number,
            initial={
                **candidate_initial(candidate, owner_id=default_owner),
                "include": number not in matched["possible_duplicates"],
            },
        )
        for number, (prefix, candidate, added) in enumerate(rows, start=1)
    ]
    adding = AddPledgeForm(
        add_data,
        prefix=ADD_PREFIX,
        body=article.body,
        sentences=[(s.start, s.end) for s in split_sentences(article.body)],
        owner_choices=owner_choices,
        number=len(forms) + 1,
        initial={"owner": default_owner, "topic": Topic.OTHER},
    )
    marked = highlight(
        article.body,
        [
            *matched["match_highlights"],
            *(
                Highlight(
                    start=form.candidate.start,
                    end=form.candidate.end,
                    id=f"quote-{form.number}",
                    href=f"#candidate-{form.number}",
                    label=f"Pledge {form.number}",
                    unticked=not form.is_kept,
                )
                for form in forms
            ),
        ],
    )
    return {
        "job": job,
        "pending": pending,
        "article": article,
        "review": review,
        "candidate_forms": forms,
        "proposed_count": len(pending.candidates),
        "add_form": adding,
        "marked_body": marked,
        "save_url": _job_url(job),
        **matched,
    }
