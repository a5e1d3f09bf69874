"""The analysts' pages: home, work queue, pledge list and export, pledge page and its updates."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from commitments import roles, selectors, services
from commitments.filters import CommitmentFilter
from commitments.forms import (
    AssignOwnerForm,
    DueDateForm,
    ProgressUpdateForm,
    QuickUpdateForm,
    SnoozeForm,
)
from commitments.http import AuthenticatedHttpRequest
from commitments.models import Commitment
from commitments.spreadsheets import formula_safe

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


@dataclass
class Conflict:
    """What the template shows when someone else saved first."""

    who: str
    when: Any
    changes: list[tuple[str, Any, str]]
    message: str

    @classmethod
    def from_exception(cls, exc: services.CommitmentConflict) -> Conflict:
        return cls(
            who=_name(exc.current.updated_by),
            when=exc.current.updated_at,
            changes=[
                (_name(u.author), u.created_at, services.describe_update(u)) for u in exc.updates
            ],
            message=services.conflict_message(exc),
        )


def _name(user) -> str:
    if user is None:
        return "Someone"
    return user.get_full_name() or user.get_username()


# --- Home and the work queue.


@require_GET
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Analysts start on their work queue, managers on the board, everyone else on the list."""
    if roles.is_manager(request.user):
        return redirect("commitments:board")
    if roles.is_analyst(request.user):
        return _render_queue(request)
    return redirect("commitments:list")


@require_GET
def work_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _render_queue(request)


def _render_queue(
    request: AuthenticatedHttpRequest,
    *,
    bound: Commitment | None = None,
    status: int = 200,
) -> HttpResponse:
    """The queue page; `bound` is a pledge whose row shows the user's rejected input."""
    # A page at a time: each row carries a form, and a long queue is read from the top anyway.
    page = Paginator(selectors.work_queue(request.user), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    commitments = list(page.object_list)
    for commitment in commitments:
        if bound is not None and commitment.pk == bound.pk:
            commitment.quick_form = bound.quick_form
            commitment.conflict = getattr(bound, "conflict", None)
        else:
            commitment.quick_form = _quick_form(commitment)
    context = {
        "commitments": commitments,
        "page": page,
        "attention_counts": selectors.attention_counts(request.user),
    }
    template = "commitments/queue.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#queue"
    return render(request, template, context, status=status)


def _quick_form(commitment: Commitment, data=None) -> QuickUpdateForm:
    auto_id = f"id_q{commitment.pk}_%s"
    if data is None:
        return QuickUpdateForm.for_commitment(commitment, auto_id=auto_id)
    return QuickUpdateForm(data, auto_id=auto_id)


@require_POST
def quick_update(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The row form on the work queue: records progress and swaps just that row."""
    commitment = _get_writable_commitment(request, pk)
    form = _quick_form(commitment, request.POST)
    status = 200
    commitment.conflict = None
    if form.is_valid():
        try:
            services.progress_record(
                commitment_id=commitment.pk,
                user=request.user,
                expected_version=form.cleaned_data["version"],
                status=form.cleaned_data["status"],
                progress=form.cleaned_data["progress"],
                note=form.cleaned_data["note"],
            )
        except services.CommitmentConflict as exc:
            commitment = exc.current
            commitment.conflict = Conflict.from_exception(exc)
            form = QuickUpdateForm.reapply(request.POST, commitment, auto_id=form.auto_id)
            status = 409
        except ValidationError as exc:
            form.add_error(None, exc)
            status = 422
        else:
            if not request.htmx:
                messages.success(request, f"Saved “{commitment.title}”.")
                return redirect(_next_or(request, "commitments:work_queue"))
            commitment.refresh_from_db()
            commitment.quick_form = _quick_form(commitment)
            commitment.saved = True
            return _row_response(request, commitment)
    else:
        status = 422
    commitment.quick_form = form
    if request.htmx:
        return _row_response(request, commitment, status=status)
    return _render_queue(request, bound=commitment, status=status)


def _row_response(
    request: AuthenticatedHttpRequest, commitment: Commitment, *, status: int = 200
) -> HttpResponse:
    context = {"c": commitment, "attention_counts": selectors.attention_counts(request.user)}
    return render(request, "commitments/queue.html#row-response", context, status=status)


def _next_or(request: AuthenticatedHttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    # Only our own pages: a path, never a full URL or a protocol-relative one.
    if target.startswith("/") and not target.startswith("//"):
        return target
    return reverse(fallback)


# --- The list of all pledges.


def _filtered(request: AuthenticatedHttpRequest) -> CommitmentFilter:
    return CommitmentFilter(request.GET or None, queryset=selectors.commitment_list())


@require_GET
def commitment_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    filterset = _filtered(request)
    paginator = Paginator(filterset.qs, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "page": page,
        "filtered": any(v not in ("", None) for k, v in request.GET.items() if k != "page"),
        "can_export": roles.can_manage(request.user),
        "actor_names": Commitment.objects.order_by("actor")
        .values_list("actor", flat=True)
        .distinct()[:500],
    }
    template = "commitments/list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    return render(request, template, context)


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
)


def _csv_safe(value: Any) -> str:
    return formula_safe("" if value is None else str(value))


class _Echo:
    def write(self, value: str) -> str:
        return value


@require_GET
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
        for c in filterset.qs.iterator(chunk_size=2000):
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
        "update_form": forms.get("update_form") or ProgressUpdateForm.for_commitment(commitment),
        "snooze_form": forms.get("snooze_form")
        or SnoozeForm(initial={"until": commitment.snoozed_until}),
    }
    if manager:
        context["owner_form"] = forms.get("owner_form") or AssignOwnerForm.for_commitment(
            commitment, prefix=OWNER_PREFIX
        )
        context["due_form"] = forms.get("due_form") or DueDateForm.for_commitment(
            commitment, prefix=DUE_PREFIX
        )
    return context


@require_GET
def commitment_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    commitment = _get_commitment_for_user(request, pk)
    template = "commitments/detail.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#pledge"
    return render(request, template, _detail_context(request, commitment))


@require_POST
def commitment_update(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The pledge page's update form: on success the new entry tops the timeline."""
    commitment = _get_writable_commitment(request, pk)
    form = ProgressUpdateForm(request.POST)
    conflict = None
    status = 422
    if form.is_valid():
        try:
            entry = services.progress_record(
                commitment_id=commitment.pk,
                user=request.user,
                expected_version=form.cleaned_data["version"],
                status=form.cleaned_data["status"],
                progress=form.cleaned_data["progress"],
                note=form.cleaned_data["note"],
                evidence_url=form.cleaned_data["evidence_url"],
            )
        except services.CommitmentConflict as exc:
            conflict = Conflict.from_exception(exc)
            commitment = _get_commitment_for_user(request, pk)
            form = ProgressUpdateForm.reapply(request.POST, commitment)
            status = 409
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if not request.htmx:
                messages.success(request, "Update recorded.")
                return redirect(commitment)
            commitment = _get_commitment_for_user(request, pk)
            context = _detail_context(request, commitment)
            context.update(entry=entry, saved=True)
            return render(request, "commitments/detail.html#update-response", context)
    context = _detail_context(request, commitment, update_form=form)
    context["conflict"] = conflict
    if request.htmx:
        return render(request, "commitments/detail.html#update-response", context, status=status)
    return render(request, "commitments/detail.html", context, status=status)


def _manager_write(
    request: AuthenticatedHttpRequest,
    pk: int,
    *,
    form_class: type,
    prefix: str,
    write,
    done: str,
) -> HttpResponse:
    """Shared shape of the managers' forms: parse, call the service, render or redirect."""
    if not roles.can_manage(request.user):
        raise PermissionDenied("Only managers can reassign pledges or change due dates.")
    commitment = _get_commitment_for_user(request, pk)
    form = form_class(request.POST, prefix=prefix)
    conflict = None
    status = 422
    if form.is_valid():
        try:
            write(commitment, form.cleaned_data)
        except services.CommitmentConflict as exc:
            conflict = Conflict.from_exception(exc)
            commitment = _get_commitment_for_user(request, pk)
            form = form_class.reapply(request.POST, commitment, prefix=prefix)
            status = 409
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if not request.htmx:
                messages.success(request, done)
                return redirect(commitment)
            commitment = _get_commitment_for_user(request, pk)
            context = _detail_context(request, commitment)
            context.update(saved=prefix, refresh_versions=True)
            return render(request, f"commitments/detail.html#{prefix}-response", context)
    context = _detail_context(request, commitment, **{f"{prefix}_form": form})
    context["conflict_" + prefix] = conflict
    template = "commitments/detail.html"
    if request.htmx:
        template += f"#{prefix}-response"
    return render(request, template, context, status=status)


@require_POST
def assign_owner(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def write(commitment: Commitment, data: dict) -> None:
        services.commitment_assign_owner(
            commitment_id=commitment.pk,
            user=request.user,
            owner=data["owner"],
            expected_version=data["version"],
        )

    return _manager_write(
        request,
        pk,
        form_class=AssignOwnerForm,
        prefix=OWNER_PREFIX,
        write=write,
        done="Owner changed.",
    )


@require_POST
def set_due_date(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def write(commitment: Commitment, data: dict) -> None:
        services.commitment_set_due_date(
            commitment_id=commitment.pk,
            user=request.user,
            due_date=data["due_date"],
            due_text=data["due_text"],
            expected_version=data["version"],
        )

    return _manager_write(
        request,
        pk,
        form_class=DueDateForm,
        prefix=DUE_PREFIX,
        write=write,
        done="Due date changed.",
    )


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
            return render(request, "commitments/detail.html#snooze-form", context)
    context = _detail_context(request, commitment, snooze_form=form)
    template = "commitments/detail.html" + ("#snooze-form" if request.htmx else "")
    return render(request, template, context, status=status)
