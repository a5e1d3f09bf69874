"""The API's operations: parse, ask the same selectors and services as the web, answer JSON.

Reads accept a token or none (anonymous clients get the public copy, `api/public.py`);
writes need a token, and the services decide, as on the web, who may record progress or reassign.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Query
from ninja.errors import AuthenticationError, Throttled
from ninja.errors import ValidationError as SchemaError
from ninja.operation import Operation

from commitments import links, review, roles, scorecards, services
from commitments.api import auth, cursor, public, visibility
from commitments.api.docs import VendoredSwagger
from commitments.api.schemas import (
    ConflictOut,
    ErrorOut,
    EvidenceIn,
    Id,
    OwnerIn,
    PageParams,
    PartyOut,
    PledgeFilters,
    PledgeOut,
    PledgePage,
    ProgressIn,
    SourceOut,
    SourcePage,
    UpdatePage,
    WriteOut,
)
from commitments.api.shapes import milestones_out, money_out, party_out
from commitments.filters import CommitmentFilter
from commitments.models import Commitment, ProgressUpdate, Publication, Source


class TrackerApi(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        return operation.view_func.__name__  # stable names for generated clients


api = TrackerApi(
    title="Commitment tracker API",
    version="1",
    description=(
        "Pledges, parties, sources and progress updates. Without a token: the approved public "
        "copy of published pledges and their public history. With a personal token "
        "(`Authorization: Bearer ct_…`, made at /tokens/): every "
        "pledge, and writes as your role allows on the web."
    ),
    urls_namespace="api",
    docs=VendoredSwagger(),
    auth=auth.READ,
    throttle=auth.THROTTLES,
)

# Every answer an operation can give besides its success, in one shape.
READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 403: ErrorOut, 409: ConflictOut}
# Reads take a token or none at all: ninja adds {} (no credentials) beside the token scheme.
OPTIONAL_TOKEN: dict[str, Any] = {"security": [{}]}


def _error(request: HttpRequest, status: int, detail: str, errors=None) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "errors": errors or {}}, status=status)


@api.exception_handler(SchemaError)
def _schema_error(request: HttpRequest, exc: SchemaError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        # The field's own name: "progress", not ("body", "body", "progress").
        where = str(error["loc"][-1]) if len(error.get("loc", ())) > 1 else "request"
        errors.setdefault(where, []).append(str(error.get("msg", "is not valid")))
    names = ", ".join(sorted(errors))
    return _error(request, 422, f"Check these values and send again: {names}.", errors)


@api.exception_handler(ValidationError)
def _refused_input(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = (
        {name: list(messages) for name, messages in exc.message_dict.items()}
        if hasattr(exc, "error_dict")
        else {}
    )
    return _error(request, 422, " ".join(exc.messages), errors)


@api.exception_handler(PermissionDenied)
def _refused(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, str(exc) or "Your role does not allow this.")


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    detail = (
        "This needs a personal API token: make one at /tokens/ and send it as "
        "`Authorization: Bearer <token>`."
        if not request.headers.get("Authorization")
        else "This token is unknown or revoked: make a new one at /tokens/."
    )
    response = _error(request, 401, detail)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(Throttled)
def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    response = _error(request, 429, "Too many requests: wait a little and try again.")
    if exc.wait:
        response["Retry-After"] = str(max(1, round(exc.wait)))
    return response


@api.exception_handler(services.CommitmentConflict)
def _conflict(request: HttpRequest, exc: services.CommitmentConflict) -> HttpResponse:
    current = _pledge_out(exc.current, public=False)
    data = {"detail": services.conflict_message(exc), "current": current}
    return api.create_response(request, data, status=409)


# --- Turning rows into answers: owners and notes only for token holders.


def _user_name(user) -> str | None:
    return user.get_username() if user is not None else None


def _pledge_out(c: Commitment, *, public: bool) -> dict[str, Any]:
    return {
        "id": c.pk,
        "title": c.title,
        "description": c.description,
        "quote": c.quote,
        "actor": c.actor,
        "counterparty": c.counterparty,
        "topic": c.topic,
        "status": c.status,
        "public_reason": None,
        "progress": c.progress,
        "amount": None if c.amount is None else str(c.amount),
        "currency": c.currency,
        "due_date": c.due_date,
        "due_text": c.due_text,
        "owner": None if public else _user_name(c.owner),
        "version": c.version,
        "updated_at": c.updated_at,
        "last_progress_at": c.last_progress_at,
        "source": _source_out(c.source),
        "web_url": links.absolute(links.pledge(c.pk)),
        "money": money_out(review.proposed_money(c)),
        "milestones": milestones_out(review.proposed_steps(c)),
    }


def _source_out(s: Source) -> dict[str, Any]:
    return {
        "id": s.pk,
        "title": s.title,
        "publisher": s.publisher,
        "url": s.url,
        "published_on": s.published_on,
    }


def _update_out(u: ProgressUpdate, *, public: bool) -> dict[str, Any]:
    return {
        "id": u.pk,
        "pledge_id": u.commitment_id,
        "created_at": u.created_at,
        "version": u.version,
        "kind": None,
        "old_status": u.old_status,
        "new_status": u.new_status,
        "old_progress": u.old_progress,
        "new_progress": u.new_progress,
        "note": "" if public else u.note,
        "public_text": None,
        "evidence_url": u.evidence_url,
        "author": None if public else _user_name(u.author),
    }


def _public(request: HttpRequest) -> bool:
    return visibility.is_public_client(auth.client_user(request))


# --- Object helpers: every operation gets its pledge through one of these.


TRACKED = ("money_records", "milestones")  # what `_pledge_out` reads besides the pledge


def _get_pledge_for_client(request: HttpRequest, pk: int) -> Commitment:
    """A pledge this client may read; unknown (or, anonymously, unpublished) ids are 404."""
    pledges = visibility.visible_pledges(auth.client_user(request)).prefetch_related(*TRACKED)
    return get_object_or_404(pledges, pk=pk)


def _get_public_copy(pk: int) -> Publication:
    """A live public copy; drafts and unpublished pledges are 404, as unknown ids are."""
    return get_object_or_404(public.publications(), pk=pk)


def _get_writable_pledge(request: HttpRequest, pk: int) -> Commitment:
    """A pledge the token's owner may record progress on (its owner or a manager)."""
    pledge = _get_pledge_for_client(request, pk)
    if not roles.can_update(auth.client_user(request), pledge):
        raise services.Refused("Only the pledge's owner or a manager can update it.")
    return pledge


# --- Reads.


def _filtered(request: HttpRequest, filters: PledgeFilters) -> QuerySet[Commitment]:
    """The web list's filter set applied to the client's pledges; bad values are 422."""
    if filters.owner is not None and _public(request):
        raise ValidationError({"owner": "Owners are not public: send a token to filter by owner."})
    data = QueryDict(mutable=True)
    for name, value in filters.dict(exclude_none=True).items():
        data[name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    filterset = CommitmentFilter(
        data, queryset=visibility.visible_pledges(auth.client_user(request))
    )
    if not filterset.is_valid():
        errors = {name: list(messages) for name, messages in filterset.errors.items()}
        raise ValidationError(errors)
    return filterset.qs


@api.get(
    "/pledges",
    openapi_extra=OPTIONAL_TOKEN,
    response={200: PledgePage, **READ_ERRORS},
    summary="List pledges",
    description="Filtered as the web list is, a page at a time: pass `next_cursor` back as "
    "`cursor`.",
)
def pledge_list(
    request: HttpRequest, filters: Query[PledgeFilters], page: Query[PageParams]
) -> dict[str, Any]:
    if _public(request):
        copies = cursor.paginate(public.pledges(filters), cursor=page.cursor, limit=page.limit)
        return {
            "items": [public.pledge_out(p, _source_out(p.source)) for p in copies.items],
            "next_cursor": copies.next_cursor,
        }
    pledges = _filtered(request, filters).prefetch_related(*TRACKED)
    found = cursor.paginate(pledges, cursor=page.cursor, limit=page.limit)
    return {
        "items": [_pledge_out(c, public=False) for c in found.items],
        "next_cursor": found.next_cursor,
    }


@api.get(
    "/pledges/{pk}",
    openapi_extra=OPTIONAL_TOKEN,
    response={200: PledgeOut, **READ_ERRORS},
    summary="One pledge",
)
def pledge_detail(request: HttpRequest, pk: Id) -> dict[str, Any]:
    if _public(request):
        copy = _get_public_copy(pk)
        return public.pledge_out(copy, _source_out(copy.source))
    return _pledge_out(_get_pledge_for_client(request, pk), public=False)


@api.get(
    "/pledges/{pk}/updates",
    openapi_extra=OPTIONAL_TOKEN,
    response={200: UpdatePage, **READ_ERRORS},
    summary="A pledge's timeline, newest first",
)
def pledge_updates(request: HttpRequest, pk: Id, page: Query[PageParams]) -> dict[str, Any]:
    if _public(request):
        get_object_or_404(Publication.objects.live(), pk=pk)  # drafts are 404, as unknown ids
        return _entry_page(public.entries().filter(publication_id=pk), page)
    pledge = _get_pledge_for_client(request, pk)
    updates = visibility.visible_updates(auth.client_user(request)).filter(commitment=pledge)
    return _update_page(request, updates, page)


@api.get(
    "/updates",
    openapi_extra=OPTIONAL_TOKEN,
    response={200: UpdatePage, **READ_ERRORS},
    summary="Progress updates on every pledge, newest first",
)
def update_list(request: HttpRequest, page: Query[PageParams]) -> dict[str, Any]:
    if _public(request):
        return _entry_page(public.entries(), page)
    return _update_page(request, visibility.visible_updates(auth.client_user(request)), page)


def _update_page(request: HttpRequest, updates: QuerySet, page: PageParams) -> dict[str, Any]:
    found = cursor.paginate(
        updates.order_by("-created_at", "-id"), cursor=page.cursor, limit=page.limit
    )
    public = _public(request)
    return {
        "items": [_update_out(u, public=public) for u in found.items],
        "next_cursor": found.next_cursor,
    }


def _entry_page(entries: QuerySet, page: PageParams) -> dict[str, Any]:
    found = cursor.paginate(
        entries.order_by("-created_at", "-id"), cursor=page.cursor, limit=page.limit
    )
    return {
        "items": [public.update_out(e) for e in found.items],
        "next_cursor": found.next_cursor,
    }


@api.get(
    "/parties",
    openapi_extra=OPTIONAL_TOKEN,
    response={200: list[PartyOut], **READ_ERRORS},
    summary="Parties and their scorecards",
    description="Every party with a pledge, most pledges made first, with its scorecard's "
    "figures. Without a token: parties with a public pledge, scored from the approved copies "
    "as on the public party pages; with a token: every pledge, each party by its own "
    "assessment, as on the signed-in scorecards.",
)
def party_list(request: HttpRequest) -> list[dict[str, Any]]:
    if _public(request):
        return public.parties()
    return [
        party_out(card, links.absolute(card.party.get_absolute_url()))
        for card in scorecards.party_scorecards()
    ]


@api.get(
    "/sources",
    openapi_extra=OPTIONAL_TOKEN,
    response={200: SourcePage, **READ_ERRORS},
    summary="Sources, newest first",
)
def source_list(request: HttpRequest, page: Query[PageParams]) -> dict[str, Any]:
    sources = visibility.visible_sources(auth.client_user(request)).order_by("-published_on", "-id")
    found = cursor.paginate(sources, cursor=page.cursor, limit=page.limit)
    return {"items": [_source_out(s) for s in found.items], "next_cursor": found.next_cursor}


@api.get(
    "/sources/{pk}",
    openapi_extra=OPTIONAL_TOKEN,
    response={200: SourceOut, **READ_ERRORS},
    summary="One source",
)
def source_detail(request: HttpRequest, pk: Id) -> dict[str, Any]:
    sources = visibility.visible_sources(auth.client_user(request))
    return _source_out(get_object_or_404(sources, pk=pk))


# --- Writes: a token is required, and the services check the role.


def _written(pk: int, update: ProgressUpdate | None) -> dict[str, Any]:
    pledge = get_object_or_404(Commitment.objects.select_related("owner", "source"), pk=pk)
    return {
        "pledge": _pledge_out(pledge, public=False),
        "update": None if update is None else _update_out(update, public=False),
    }


@api.post(
    "/pledges/{pk}/progress",
    auth=auth.WRITE,
    response={200: WriteOut, **WRITE_ERRORS},
    summary="Record progress (the pledge's owner or a manager)",
    description="Send the `version` you read; if someone saved since, nothing is written and "
    "409 returns the pledge as it is now.",
)
def progress_record(request: HttpRequest, pk: Id, body: ProgressIn) -> dict[str, Any]:
    pledge = _get_writable_pledge(request, pk)
    update = services.progress_record(
        commitment_id=pledge.pk,
        user=auth.token_user(request),
        expected_version=body.version,
        status=body.status,
        progress=body.progress,
        note=body.note,
        evidence_url=body.evidence_url,
    )
    return _written(pledge.pk, update)


@api.post(
    "/pledges/{pk}/evidence",
    auth=auth.WRITE,
    response={200: WriteOut, **WRITE_ERRORS},
    summary="Add evidence (the pledge's owner or a manager)",
)
def evidence_add(request: HttpRequest, pk: Id, body: EvidenceIn) -> dict[str, Any]:
    pledge = _get_writable_pledge(request, pk)
    update = services.progress_record(
        commitment_id=pledge.pk,
        user=auth.token_user(request),
        expected_version=body.version,
        note=body.note,
        evidence_url=body.evidence_url,
    )
    return _written(pledge.pk, update)


@api.put(
    "/pledges/{pk}/owner",
    auth=auth.WRITE,
    response={200: WriteOut, **WRITE_ERRORS},
    summary="Assign the owner (managers)",
)
def owner_assign(request: HttpRequest, pk: Id, body: OwnerIn) -> dict[str, Any]:
    pledge = _get_pledge_for_client(request, pk)
    owner = None
    if body.owner is not None:
        owner = get_user_model().objects.filter(username=body.owner).first()
        if owner is None:
            raise ValidationError({"owner": f"There is no user called “{body.owner}”."})
    services.commitment_assign_owner(
        commitment_id=pledge.pk,
        user=auth.token_user(request),
        owner=owner,
        expected_version=body.version,
    )
    latest = pledge.updates.order_by("-created_at", "-id").first()
    return _written(pledge.pk, latest if latest and latest.version > pledge.version else None)
