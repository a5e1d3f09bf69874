"""The public site under /p/: the meter, search, a page per pledge, embeds, feeds, a calendar.

No sign-in, no cookies: pages carry no CSRF token and no session, so shared caches can
keep them. Every read goes through `commitments.public.selectors` (approved copies only).
The correction form posts without a CSRF token on purpose: it is open to anyone, changes
nothing but the moderation queue, and is rate-limited with a honeypot.
"""

from __future__ import annotations

import hashlib

from csp.decorators import csp_replace
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.html import escape
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from commitments import charts, links, services
from commitments.choices import Status, Topic
from commitments.forms_public import CorrectionForm
from commitments.models import Publication
from commitments.public import feeds, parties, selectors
from commitments.public.cache import cached_public
from commitments.services import corrections
from commitments.views.responses import found_or_404, render_page

SNIPPET_HEIGHT = 230


def embeddable(view):
    """A public page that other sites may show in a frame (those EMBED_FRAME_ANCESTORS names)."""
    framed = csp_replace({"frame-ancestors": settings.EMBED_FRAME_ANCESTORS})
    return xframe_options_exempt(framed(require_safe(cached_public(view))))


def embed_snippet(url: str, title: str, height: int) -> str:
    """The markup another site pastes to show an embed, its title escaped for the attribute."""
    return (
        f'<iframe src="{url}" title="{escape(title)}" width="100%" '
        f'height="{height}" loading="lazy"></iframe>'
    )


def _get_public_pledge(pk: int) -> Publication:
    return found_or_404(selectors.public_pledge(pk), "No public pledge with this number.")


def _status_chart(counts: list[tuple[str, str, int]], title: str, **filters: str) -> str:
    segments = [
        charts.Segment(label, n, f"s-{value}", links.public_search(status=value, **filters))
        for value, label, n in counts
    ]
    return charts.stacked_bar(segments, title=title)


@require_safe
@cached_public
def meter(request: HttpRequest) -> HttpResponse:
    data = selectors.meter()
    for row in data.by_status:
        row["href"] = links.public_search(status=row["value"])
    for row in data.by_party:
        row["href"] = links.public_party(row["value"])
    for row in data.by_topic:
        row["href"] = links.public_search(topic=row["value"])
    status_chart = _status_chart(
        [(row["value"], row["label"], row["count"]) for row in data.by_status],
        "Public pledges by status",
    )
    party_charts = [
        (row, _status_chart(row["counts"], f"Pledges of {row['label']}", party=row["value"]))
        for row in data.by_party
    ]
    topic_charts = [
        (row, _status_chart(row["counts"], f"Pledges on {row['label']}", topic=row["value"]))
        for row in data.by_topic
    ]
    return render_page(
        request,
        "public/meter.html",
        {
            "meter": data,
            "status_chart": status_chart if data.total else "",
            "party_charts": party_charts,
            "topic_charts": topic_charts,
        },
    )


@require_safe
@cached_public
def search(request: HttpRequest) -> HttpResponse:
    params = request.GET
    chosen = {
        "text": params.get("q", "").strip()[:200],
        "status": params.get("status", "") if params.get("status") in Status.values else "",
        "topic": params.get("topic", "") if params.get("topic") in Topic.values else "",
        "actor": params.get("actor", "").strip()[:200],
        "party": params.get("party", "").strip()[:200],
    }
    page = Paginator(selectors.public_search(**chosen), selectors.SEARCH_PAGE_SIZE).get_page(
        params.get("page")
    )
    return render_page(
        request,
        "public/search.html",
        {
            "page": page,
            "chosen": chosen,
            "statuses": Status.choices,
            "topics": Topic.choices,
            "query": params,
        },
        fragment="results",
    )


def _pledge_context(publication: Publication, form: CorrectionForm) -> dict:
    history = selectors.public_history(publication)
    embed_url = links.absolute(links.public_embed(publication.pk))
    return {
        "pledge": publication,
        "context": selectors.quote_in_context(publication),
        "history": history,
        "evidence": selectors.public_evidence(history),
        "money": selectors.public_money(publication),
        "steps": selectors.public_steps(publication),
        "permalink": links.absolute(links.public_pledge(publication.pk)),
        "snippet": embed_snippet(embed_url, publication.title, SNIPPET_HEIGHT),
        "form": form,
    }


@require_safe
@cached_public
def pledge(request: HttpRequest, pk: int) -> HttpResponse:
    publication = _get_public_pledge(pk)
    context = _pledge_context(publication, CorrectionForm())
    context["sent"] = request.GET.get("sent") == "1"
    return render_page(request, "public/pledge.html", context)


def _client_key(request: HttpRequest) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):  # behind our proxy: the reader's
        address = request.META.get("HTTP_X_FORWARDED_FOR", address).split(",")[0].strip()
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


@csrf_exempt
@require_POST
def correction(request: HttpRequest, pk: int) -> HttpResponse:
    publication = _get_public_pledge(pk)
    form = CorrectionForm(request.POST)
    sent = f"{links.public_pledge(pk)}?sent=1#correction"
    if form.is_robot():
        return redirect(sent)  # a robot learns nothing from a different answer
    data = form.cleaned_data if form.is_valid() else {}
    try:
        corrections.correction_submit(
            commitment_id=publication.pk,
            text=data.get("text", ""),
            url=data.get("url", ""),
            email=data.get("email", ""),
            client_key=_client_key(request),
        )
    except ValidationError as error:
        form.add_error(None, error)
        context = _pledge_context(publication, form)
        status = 429 if "rate_limited" in services.error_codes(error) else 422
        return render_page(request, "public/pledge.html", context, status=status)
    return redirect(sent)


@require_safe
@cached_public
def about(request: HttpRequest) -> HttpResponse:
    context = {"statuses": Status.choices, "formula": parties.FORMULA_PUBLIC}
    return render_page(request, "public/about.html", context)


@embeddable
def embed_pledge(request: HttpRequest, pk: int) -> HttpResponse:
    publication = _get_public_pledge(pk)
    return render_page(
        request,
        "public/embed_pledge.html",
        {
            "pledge": publication,
            "money": selectors.public_money(publication),
            "steps": selectors.public_steps(publication),
            "permalink": links.absolute(links.public_pledge(pk)),
        },
    )


@require_safe
@cached_public
def updates_feed(request: HttpRequest) -> HttpResponse:
    return feeds.public_updates_feed(request)


@require_safe
@cached_public
def topic_feed(request: HttpRequest, topic: str) -> HttpResponse:
    return feeds.public_updates_feed(request, topic=topic)


@require_safe
@cached_public
def due_dates_calendar(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(feeds.due_dates_calendar(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="pledge-due-dates.ics"'
    return response
