"""The web import: give an article (step 1), review its proposed pledges and save (step 2).

Between the steps the article and its candidates wait in the session, keyed by the text's
sha256: what gets saved is the server's text and quote offsets, never the browser's.
A form shown again with its errors answers 422, as everywhere on the site; htmx is set up
in base.html to swap it in place.
"""

from __future__ import annotations

import dataclasses
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRedirect, push_url

from commitments import roles, selectors
from commitments.forms_import import ArticleForm, CandidateForm, ReviewForm, candidate_initial
from commitments.http import AuthenticatedHttpRequest
from commitments.importing import (
    Highlight,
    PendingImport,
    extract_candidates,
    highlight,
    pending_drop,
    pending_get,
    pending_put,
)
from commitments.models import Source
from commitments.people import display_name
from commitments.services import source_import
from commitments.views.responses import render_page


def importer_required(view):
    @wraps(view)
    def wrapper(request: AuthenticatedHttpRequest, *args, **kwargs):
        if not roles.can_import(request.user):
            raise PermissionDenied("Only analysts and managers can import articles.")
        return view(request, *args, **kwargs)

    return wrapper


def _redirect(request: AuthenticatedHttpRequest, url: str) -> HttpResponse:
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@require_http_methods(["GET", "POST"])
@importer_required
def import_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ArticleForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            article = form.article
            existing = Source.objects.filter(sha256=article.sha256).first()
            if existing is not None:
                messages.info(request, "This article is already imported: nothing new was created.")
                return _redirect(request, reverse("commitments:source_detail", args=[existing.pk]))
            pending = PendingImport(
                article=article,
                candidates=extract_candidates(article),
                publisher=form.cleaned_data["publisher"],
                url=form.cleaned_data["url"],
            )
            pending_put(request.session, pending)
            review_url = reverse("commitments:import_review", args=[article.sha256])
            if not request.htmx:
                return redirect(review_url)
            response = render_page(
                request, "imports/review.html", _review_context(request, pending), fragment="step"
            )
            return push_url(response, review_url)
        context = {"form": form}
        return render_page(request, "imports/start.html", context, fragment="step", status=422)
    return render_page(request, "imports/start.html", {"form": form})


@require_http_methods(["GET", "POST"])
@importer_required
def import_review(request: AuthenticatedHttpRequest, sha256: str) -> HttpResponse:
    pending = pending_get(request.session, sha256)
    if pending is None:
        messages.error(request, "This import is no longer open: give the article again.")
        return _redirect(request, reverse("commitments:import_start"))
    if request.method == "GET":
        return render_page(request, "imports/review.html", _review_context(request, pending))

    context = _review_context(request, pending, data=request.POST)
    review, forms = context["review"], context["candidate_forms"]
    if review.is_valid() and all(form.is_valid() for form in forms):
        try:
            result = _save(request, pending, review, forms)
        except ValidationError as error:
            review.add_error(None, error)
        else:
            pending_drop(request.session, sha256)
            messages.success(request, result.message)
            return _redirect(request, reverse("commitments:source_detail", args=[result.source.pk]))
    return render_page(request, "imports/review.html", context, fragment="step", status=422)


def _save(request, pending: PendingImport, review: ReviewForm, forms: list[CandidateForm]):
    chosen, owners = [], []
    owner_by_id = {
        user.pk: user
        for user in selectors.assignable_users().filter(
            pk__in=[f.cleaned_data["owner"] for f in forms]
        )
    }
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
        owner_id = data["owner"]
        if owner_id is not None and owner_id not in owner_by_id:
            raise ValidationError(f"Pledge {form.number}'s owner is not an analyst or manager.")
        chosen.append(form.chosen())
        owners.append(owner_by_id.get(owner_id))
    article = dataclasses.replace(
        pending.article,
        title=review.cleaned_data["title"],
        published_on=review.cleaned_data["published_on"],
    )
    return source_import(
        article=article,
        candidates=chosen,
        owners=owners,
        user=request.user,
        publisher=pending.publisher,
        url=pending.url,
    )


def _review_context(request, pending: PendingImport, data=None) -> dict:
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
    forms = [
        CandidateForm(
            data,
            prefix=f"c{number}",
            candidate=candidate,
            owner_choices=owner_choices,
            number=number,
            initial=candidate_initial(candidate, owner_id=default_owner),
        )
        for number, candidate in enumerate(pending.candidates, start=1)
    ]
    marked = highlight(
        article.body,
        [
            Highlight(
                start=form.candidate.start,
                end=form.candidate.end,
                id=f"quote-{form.number}",
                href=f"#candidate-{form.number}",
                label=f"Pledge {form.number}",
            )
            for form in forms
        ],
    )
    return {
        "pending": pending,
        "article": article,
        "review": review,
        "candidate_forms": forms,
        "marked_body": marked,
        "save_url": reverse("commitments:import_review", args=[article.sha256]),
    }
