"""The analysts' pages: home, work queue, pledge list and export, pledge page and its updates."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from commitments import page_cache, roles, selectors, services, tracking
from commitments.filters import CommitmentFilter
from commitments.forms import (
    AssignOwnerForm,
    DueDateForm,
    ProgressUpdateForm,
    QuickUpdateForm,
    SnoozeForm,
    VersionedForm,
)
from commitments.http import AuthenticatedHttpRequest
from commitments.models import Commitment, PartyRole, PledgeParty, ProgressUpdate
from commitments.resources import party_names
from commitments.spreadsheets import formula_safe
from commitments.views.responses import Conflict, Posted, render_page, versioned_post
from commitments.views.signatories import signatory_rows
from commitments.views.tracking_context import tracking_context

PAGE_SIZE = 25
QUEUE_PAGE_SIZE = 30
OWNER_PREFIX, DUE_PREFIX = "owner", "due"


# --- Object helpers: every view gets its pledge through one of these.


def _get_commitment_for_user(request: AuthenticatedHttpRequest, pk: int) -> Commitment:
    """Any signed-in user may read any pledge; unknown ids are 404."""
    return get_object_or_404(
        Commitment.objects.select_related("source", "owner", "updated_by"), pk=pk
    )


def _get_writable_commitment(request: AuthenticatedHttpRequest, pk: int) -> Commitment:
    """The pledge if this user may record progress on it (its owner or a manager)."""
    commitment = _get_commitment_for_user(request, pk)
    if not roles.can_update(request.user, commitment):
        raise PermissionDenied("Only the pledge's owner or a manager can update it.")
    return commitment


# --- Home and the work queue.


@require_safe
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Analysts start on their work queue, managers on the board, everyone else on the list."""
    if roles.is_manager(request.user):
        return redirect("commitments:board")
    if roles.is_analyst(request.user):
        return _render_queue(request)
    return redirect("commitments:list")


@require_safe
def work_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _render_queue(request)


@dataclass
class QueueRow:
    """One row of the work queue: the pledge, its quick form, and what the last post left."""

    commitment: Commitment
    form: QuickUpdateForm
    conflict: Conflict | None = None
    saved: bool = False


def _render_queue(
    request: AuthenticatedHttpRequest,
    *,
    posted: tuple[int, Posted[QuickUpdateForm]] | None = None,
) -> HttpResponse:
    """The queue page; `posted` is a pledge id whose row shows the user's rejected input."""
    # A page at a time: each row carries a form, and a long queue is read from the top anyway.
    page = Paginator(selectors.work_queue(request.user), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = []
    for commitment in page.object_list:
        if posted is not None and commitment.pk == posted[0]:
            rows.append(QueueRow(commitment, posted[1].form, conflict=posted[1].conflict))
        else:
            rows.append(QueueRow(commitment, _quick_form(commitment)))
    context = {
        "rows": rows,
        "page": page,
        "attention_counts": selectors.attention_counts(request.user),
    }
    status = posted[1].status if posted else 200
    return render_page(request, "commitments/queue.html", context, fragment="queue", status=status)


def _quick_auto_id(pk: int) -> str:
    return f"id_q{pk}_%s"


def _quick_form(commitment: Commitment) -> QuickUpdateForm:
    return QuickUpdateForm.for_commitment(commitment, auto_id=_quick_auto_id(commitment.pk))


def _progress_writer(
    request: AuthenticatedHttpRequest, pk: int
) -> Callable[[dict[str, Any]], object]:
    """Records a progress form's cleaned data (the row form has no evidence link).

    The service locks the pledge, reads it and checks who may write it; a pledge that is
    gone is a 404, one the user may not update a 403, as when the view reads it first.
    """

    def write(data: dict[str, Any]) -> object:
        try:
            return services.progress_record(
                commitment_id=pk,
                user=request.user,
                expected_version=data["version"],
                status=data["status"],
                progress=data["progress"],
                note=data["note"],
                evidence_url=data.get("evidence_url") or "",
            )
        except ValidationError as error:
            if services.Code.GONE in services.error_codes(error):
                raise Http404("No such pledge.") from None
            raise

    return write


@require_POST
def quick_update(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The row form on the work queue: records progress and swaps just that row.

    A valid form goes straight to the service, which reads the pledge once, locked; the
    row is drawn from that copy.
    """
    auto_id = _quick_auto_id(pk)
    form = QuickUpdateForm(request.POST, auto_id=auto_id)
    if not form.is_valid():
        _get_writable_commitment(request, pk)  # 404 and 403 come before input errors
    posted = versioned_post(
        form, request.POST, write=_progress_writer(request, pk), auto_id=auto_id
    )
    update = posted.result if isinstance(posted.result, ProgressUpdate) else None
    if not request.htmx:
        if update is not None:
            messages.success(request, f"Saved “{update.commitment.title}”.")
            return redirect(_next_or(request, "commitments:work_queue"))
        return _render_queue(request, posted=(pk, posted))
    # The row as the queue shows it, with its flag; a pledge just closed has left the queue.
    # The counts and the badge go out of band only when this write can have changed them.
    context: dict[str, Any] = {}
    if update is not None:
        current = selectors.with_queue_group(update.commitment)
        context["row"] = QueueRow(current, _quick_form(current), saved=True)
        changed = update.previous is None or selectors.attention_changed(update.previous, current)
    else:
        current = selectors.with_queue_group(_get_commitment_for_user(request, pk))
        context["row"] = QueueRow(current, posted.form, conflict=posted.conflict)
        changed = True
    if changed:
        context["attention_counts"] = selectors.attention_counts(request.user)
    return render(request, "commitments/queue.html#row-response", context, status=posted.status)


def _next_or(request: AuthenticatedHttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    # Only our own pages: a path, never a full URL or a protocol-relative one.
    if target.startswith("/") and not target.startswith("//"):
        return target
    return reverse(fallback)


# --- The list of all pledges.


def _filtered(request: AuthenticatedHttpRequest) -> CommitmentFilter:
    return CommitmentFilter(request.GET or None, queryset=selectors.commitment_list())


@require_safe
def commitment_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    filterset = _filtered(request)
    paginator = Paginator(tracking.with_outlets(filterset.qs), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    # Suggestions for the actor and party fields: distinct scans of every pledge, so cached.
    actor_names, party_suggestions = page_cache.versioned(
        "list-suggestions", lambda: (selectors.actor_names(), selectors.party_suggestions())
    )
    context = {
        "filter": filterset,
        "page": page,
        "filtered": any(v not in ("", None) for k, v in request.GET.items() if k != "page"),
        "can_export": roles.can_manage(request.user),
        "actor_names": actor_names,
        "party_names": party_suggestions,
    }
    return render_page(request, "commitments/list.html", context, fragment="results")


CSV_COLUMNS = (
    "id",
    "title",
    "actor",
    "counterparty",
    "topic",
    "status",
    "progress",
    "due_date",
    "due_text",
    "owner",
    "amount",
    "currency",
    "source",
    "source_url",
    "last_update",
    "url",
    "pledgers",
    "counterparties",
)


def _csv_safe(value: Any) -> str:
    return formula_safe("" if value is None else str(value))


class _Echo:
    def write(self, value: str) -> str:
        return value


@require_safe
def commitment_export(request: AuthenticatedHttpRequest) -> StreamingHttpResponse:
    """The filtered list as CSV, every matching pledge, not just the page on screen."""
    if not roles.can_manage(request.user):
        raise PermissionDenied("Only managers can export pledges.")
    filterset = _filtered(request)
    site = request.build_absolute_uri("/").rstrip("/")

    def rows():
        # Every field quoted: a spreadsheet that splits on ';' cannot cut a formula out of one.
        writer = csv.writer(_Echo(), quoting=csv.QUOTE_ALL)
        yield writer.writerow(CSV_COLUMNS)
        pledges = filterset.qs.prefetch_related(
            Prefetch("pledge_parties", queryset=PledgeParty.objects.select_related("party"))
        )
        for c in pledges.iterator(chunk_size=2000):
            yield writer.writerow(
                _csv_safe(v)
                for v in (
                    c.pk,
                    c.title,
                    c.actor,
                    c.counterparty,
                    c.get_topic_display(),
                    c.get_status_display(),
                    c.progress,
                    c.due_date.isoformat() if c.due_date else "",
                    c.due_text,
                    c.owner.get_username() if c.owner else "",
                    c.amount,
                    c.currency,
                    c.source.title,
                    c.source.url,
                    timezone.localtime(c.last_progress_at).isoformat(timespec="minutes"),
                    site + c.get_absolute_url(),
                    party_names(c, PartyRole.PLEDGER),
                    party_names(c, PartyRole.COUNTERPARTY),
                )
            )

    stamp = timezone.localdate().isoformat()
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="pledges-{stamp}.csv"'
    return response


# --- The pledge page and its forms.


def _detail_context(
    request: AuthenticatedHttpRequest, commitment: Commitment, **forms: Any
) -> dict[str, Any]:
    manager = roles.can_manage(request.user)
    context: dict[str, Any] = {
        "commitment": commitment,
        "can_update": roles.can_update(request.user, commitment),
        "can_manage": manager,
        "timeline": list(selectors.timeline(commitment)),
        "sentence": selectors.quote_in_sentence(commitment),
        "later_sources": list(selectors.later_sources(commitment)),
        "update_form": forms.get("update_form") or ProgressUpdateForm.for_commitment(commitment),
        "snooze_form": forms.get("snooze_form")
        or SnoozeForm(initial={"until": commitment.snoozed_until}),
        "signatories": signatory_rows(
            commitment,
            can_update=roles.can_update(request.user, commitment),
            posted=forms.get("assessment"),
        ),
    }
    context.update(
        tracking_context(
            commitment,
            context["timeline"],
            can_update=context["can_update"],
            update_form=context["update_form"],
            **{k: v for k, v in forms.items() if k != "update_form"},
        )
    )
    if manager:
        context["owner_form"] = forms.get("owner_form") or AssignOwnerForm.for_commitment(
            commitment, prefix=OWNER_PREFIX
        )
        context["due_form"] = forms.get("due_form") or DueDateForm.for_commitment(
            commitment, prefix=DUE_PREFIX
        )
    return context


@require_safe
def commitment_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    commitment = _get_commitment_for_user(request, pk)
    context = _detail_context(request, commitment)
    return render_page(request, "commitments/detail.html", context, fragment="pledge")


@dataclass(frozen=True)
class Region:
    """A versioned form on the pledge page: its name in the template and what saving says.

    A tracking form (money, milestones, evidence) answers htmx with the whole pledge region,
    saying at its top what was saved, or opening the form that failed.
    """

    name: str
    form_class: type[VersionedForm]
    prefix: str | None
    done: str
    tracking: bool = False


UPDATE = Region("update", ProgressUpdateForm, None, "Update recorded.")
OWNER = Region("owner", AssignOwnerForm, OWNER_PREFIX, "Owner changed.")
DUE = Region("due", DueDateForm, DUE_PREFIX, "Due date changed.")


def _form_writer(service: Callable[..., object], **ids: Any) -> Callable[[dict[str, Any]], object]:
    """Hands a form's cleaned data to `service`, each field under its own name, with the
    version the user saw as `expected_version`; `ids` name what is written and by whom."""

    def write(data: dict[str, Any]) -> object:
        fields = {name: value for name, value in data.items() if name != "version"}
        return service(**ids, expected_version=data["version"], **fields)

    return write


def _pledge_post(
    request: AuthenticatedHttpRequest,
    commitment: Commitment,
    region: Region,
    service: Callable[..., object],
) -> HttpResponse:
    """A region whose form's fields are the pledge service's own keywords."""
    write = _form_writer(service, commitment_id=commitment.pk, user=request.user)
    return _detail_post(request, commitment, region, write)


def _detail_post(
    request: AuthenticatedHttpRequest,
    commitment: Commitment,
    region: Region,
    write: Callable[[dict[str, Any]], object],
) -> HttpResponse:
    """Parse the region's form, call the service, answer with the page or the region."""
    form_kwargs = {"prefix": region.prefix} if region.prefix else {}
    form = region.form_class(request.POST, **form_kwargs)
    posted = versioned_post(form, request.POST, write=write, **form_kwargs)
    if posted.saved and not request.htmx:
        messages.success(request, region.done)
        return redirect(commitment)
    # Saved or not, the page shows the pledge as it is stored now.
    current = _get_commitment_for_user(request, commitment.pk)
    if posted.saved:
        context = _detail_context(request, current)
        if region.tracking:
            context["tracking_saved"] = region.done
        else:
            context.update(saved=region.name, entry=posted.result)
    else:
        context = _detail_context(request, current, **{f"{region.name}_form": posted.form})
        context[f"conflict_{region.name}"] = posted.conflict
        if region.tracking:
            context["tracking_failed"] = region.name
    fragment = "pledge" if region.tracking else f"{region.name}-response"
    return render_page(
        request, "commitments/detail.html", context, fragment=fragment, status=posted.status
    )


@require_POST
def commitment_update(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The pledge page's update form: on success the new entry tops the timeline."""
    commitment = _get_writable_commitment(request, pk)
    return _detail_post(request, commitment, UPDATE, _progress_writer(request, commitment.pk))


def _get_managed_commitment(request: AuthenticatedHttpRequest, pk: int) -> Commitment:
    """The pledge if this user may reassign it or change its due date (a manager)."""
    if not roles.can_manage(request.user):
        raise PermissionDenied("Only managers can reassign pledges or change due dates.")
    return _get_commitment_for_user(request, pk)


@require_POST
def assign_owner(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    commitment = _get_managed_commitment(request, pk)
    return _pledge_post(request, commitment, OWNER, services.commitment_assign_owner)


@require_POST
def set_due_date(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    commitment = _get_managed_commitment(request, pk)
    return _pledge_post(request, commitment, DUE, services.commitment_set_due_date)


@require_POST
def snooze(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The owner (or a manager) silences this pledge's reminders until a date, or resumes them."""
    commitment = _get_writable_commitment(request, pk)
    form = SnoozeForm(request.POST)
    status = 422
    if form.is_valid():
        until = form.cleaned_data["until"]
        try:
            commitment = services.commitment_snooze(
                commitment_id=commitment.pk, user=request.user, until=until
            )
        except ValidationError as exc:
            form.add_error("until", exc.message_dict.get("snoozed_until", exc.messages))
        else:
            done = (
                f"No reminders for this pledge until {until:%-d %b %Y}."
                if until
                else "Reminders for this pledge are back on."
            )
            if not request.htmx:
                messages.success(request, done)
                return redirect(commitment)
            context = _detail_context(request, commitment)
            context["snooze_done"] = done
            return render_page(request, "commitments/detail.html", context, fragment="snooze-form")
    context = _detail_context(request, commitment, snooze_form=form)
    return render_page(
        request, "commitments/detail.html", context, fragment="snooze-form", status=status
    )
