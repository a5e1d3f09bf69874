"""How the pages answer: a page or its htmx fragment, and a versioned form post.

Every view renders through `render_page`, so the fragment is picked in one place, and every
form that carries the pledge's version goes through `versioned_post`, so saved (200), someone
else saved first (409) and invalid input (422) mean the same thing on every page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django_htmx.http import HttpResponseClientRedirect

from commitments import services
from commitments.forms import VersionedForm
from commitments.people import display_name

SAVED, CONFLICT, INVALID = 200, 409, 422

FormT = TypeVar("FormT", bound=VersionedForm)
FoundT = TypeVar("FoundT")


def found_or_404(found: FoundT | None, message: str) -> FoundT:
    """What a lookup found, or a 404 saying in `message` why there is nothing here."""
    if found is None:
        raise Http404(message)
    return found


def redirect_to(request: HttpRequest, url: str) -> HttpResponse:
    """Go to `url`: for htmx the whole page goes, not a fragment swapped into this one."""
    htmx = bool(getattr(request, "htmx", False))
    return HttpResponseClientRedirect(url) if htmx else redirect(url)


def wants_fragment(request: HttpRequest) -> bool:
    """An htmx request for part of a page; a history restore needs the whole page."""
    htmx = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx) and not htmx.history_restore_request


def render_page(
    request: HttpRequest,
    template: str,
    context: Mapping[str, Any],
    *,
    fragment: str | None = None,
    status: int = 200,
) -> HttpResponse:
    """The whole page, or only its `fragment` partial when htmx asked for it."""
    if fragment and wants_fragment(request):
        template = f"{template}#{fragment}"
    return render(request, template, context, status=status)


@dataclass(frozen=True)
class Conflict:
    """What the page shows when someone else saved first."""

    who: str
    when: datetime
    changes: list[tuple[str, datetime, str]]
    message: str

    @classmethod
    def from_exception(cls, exc: services.CommitmentConflict) -> Conflict:
        return cls(
            who=display_name(exc.current.updated_by),
            when=exc.current.updated_at,
            changes=[
                (display_name(u.author), u.created_at, services.describe_update(u))
                for u in exc.updates
            ],
            message=services.conflict_message(exc),
        )


@dataclass(frozen=True)
class Posted(Generic[FormT]):
    """The outcome of a versioned form post: the form to show again and the status to answer."""

    form: FormT
    status: int
    conflict: Conflict | None = None
    result: object = None

    @property
    def saved(self) -> bool:
        return self.status == SAVED


def versioned_post(
    form: FormT,
    data: QueryDict,
    *,
    write: Callable[[dict[str, Any]], object],
    **form_kwargs: Any,
) -> Posted[FormT]:
    """Validate `form`, then `write` its cleaned data through a service.

    A conflict shows the user's input again carrying the current version, so that "apply
    mine again" resubmits it; a refusal from the service is shown on the form.
    """
    if not form.is_valid():
        return Posted(form, INVALID)
    try:
        result = write(form.cleaned_data)
    except services.CommitmentConflict as exc:
        again = type(form).reapply(data, exc.current, **form_kwargs)
        return Posted(again, CONFLICT, conflict=Conflict.from_exception(exc))
    except ValidationError as exc:
        form.add_error(None, exc)
        return Posted(form, INVALID)
    return Posted(form, SAVED, result=result)
