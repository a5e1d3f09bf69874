"""The admin: bulk edits of pledges for staff, every write going through the services.

Edits in the change form and in the list's editable columns are turned into a
change set and handed to `services.commitment_edit`, so a status change writes
a timeline entry and bumps the version exactly as in the app. A refusal
(permission, validation, someone else's save) rolls back the whole save and
comes back as an error message, never a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, QuerySet
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django_celery_beat import admin as celery_beat_admin
from django_celery_beat.models import PeriodicTask
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ExportForm

from commitments import roles, selectors, services
from commitments.admin_actions import (
    ReadOnlyAdminMixin,
    ReadOnlyInline,
    SpreadsheetAdminMixin,
    form_action,
)
from commitments.admin_parties import (
    PartyActionsMixin,
    PartyFilter,
    PartyKindFilter,
    PartyRoleFilter,
    PledgePartyInline,
)
from commitments.admin_tracking import TRACKING_FILTERS, TRACKING_INLINES
from commitments.http import AuthenticatedHttpRequest
from commitments.models import (
    CLOSED_STATUSES,
    Commitment,
    ImportReview,
    ProgressUpdate,
    Reminder,
    Source,
    Status,
)
from commitments.people import PersonChoiceField, display_name
from commitments.resources import UPDATABLE_FIELDS, CommitmentResource
from commitments.services import CLOSING_NEEDS_NOTE, Code, error_codes, refusal_message
from commitments.services import publishing as publishing_services
from commitments.services.errors import QUOTE_NOT_IN_SOURCE

logger = logging.getLogger(__name__)

BULK_TEMPLATE = "admin/commitments/commitment/bulk_action.html"

admin.site.site_header = "Commitment tracker admin"
admin.site.site_title = "Commitment tracker admin"
admin.site.index_title = "Pledges, sources and timelines"


class ServiceRefused(Exception):
    """A service said no; raised out of the admin's save transaction so all of it rolls back."""

    def __init__(self, message: str, *, codes: set[str]) -> None:
        super().__init__(message)
        self.codes = codes

    @classmethod
    def from_error(cls, error: Exception, prefix: str = "") -> ServiceRefused:
        return cls(prefix + refusal_message(error), codes=error_codes(error))


# --- Filters -----------------------------------------------------------------------------------


class _StateFilter(admin.SimpleListFilter):
    """Pledges in one of the states the pledge queryset defines, by the method's own name."""

    label: str

    def lookups(self, request, model_admin):
        return [("yes", self.label)]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return getattr(queryset, str(self.parameter_name))()
        return queryset


class OverdueFilter(_StateFilter):
    title = parameter_name = "overdue"
    label = "Open and past due"


class StaleFilter(_StateFilter):
    title = parameter_name = "stale"
    label = "Open, no progress update lately"


# --- Forms -------------------------------------------------------------------------------------


class CommitmentAdminForm(forms.ModelForm):
    timeline_note = forms.CharField(
        label="Timeline note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Goes on the pledge's timeline with this change. Required when closing.",
    )
    evidence_url = forms.URLField(
        label="Evidence link", required=False, assume_scheme="https", max_length=1000
    )
    # The version the editor loaded: a save made by someone else since is reported, not lost.
    seen_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Commitment
        # The admin narrows these per page (fieldsets, read-only fields).
        fields = (
            "title",
            "description",
            "actor",
            "counterparty",
            "topic",
            "source",
            "quote",
            "quote_start",
            "quote_end",
            "owner",
            "status",
            "progress",
            "due_date",
            "due_text",
            "snoozed_until",
            "amount",
            "currency",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_version"].initial = self.instance.version

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        # Before _post_clean, the instance still holds the stored status.
        stored = self.instance.status if self.instance.pk else None
        status = cleaned.get("status")
        closing = status in CLOSED_STATUSES and status != stored and self.instance.pk
        if closing and not (cleaned.get("timeline_note") or "").strip():
            self.add_error("timeline_note", CLOSING_NEEDS_NOTE)
        source, quote = cleaned.get("source"), cleaned.get("quote")
        start, end = cleaned.get("quote_start"), cleaned.get("quote_end")
        if (
            not self.instance.pk
            and source
            and quote
            and start is not None
            and end is not None
            and not services.quote_matches(source.body, start, end, quote)
        ):
            self.add_error("quote", QUOTE_NOT_IN_SOURCE)
        return cleaned


class AssignOwnerForm(forms.Form):
    owner = PersonChoiceField(
        queryset=selectors.assignable_users(), help_text="An analyst or manager."
    )


class SetStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Status.choices)
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Added to each pledge's timeline. Required when closing.",
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("status") in CLOSED_STATUSES and not cleaned.get("note", "").strip():
            self.add_error("note", CLOSING_NEEDS_NOTE)
        return cleaned


# --- Inlines -----------------------------------------------------------------------------------


class PublishForm(forms.Form):
    reason = forms.CharField(
        label="Public reason for the status (one line, shown on each pledge)", max_length=200
    )


class ProgressUpdateInline(ReadOnlyInline):
    model = ProgressUpdate
    fields = readonly_fields = (
        "created_at",
        "author",
        "old_status",
        "new_status",
        "old_progress",
        "new_progress",
        "note",
        "evidence_url",
        "version",
    )
    verbose_name_plural = "Timeline"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")


class CommitmentInline(ReadOnlyInline):
    model = Commitment
    fields = readonly_fields = ("title", "actor", "status", "progress", "owner", "due_date")
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("owner")


# --- Commitments -------------------------------------------------------------------------------


@admin.register(Commitment)
class CommitmentAdmin(PartyActionsMixin, SpreadsheetAdminMixin, ImportExportModelAdmin):
    form = CommitmentAdminForm
    list_display = (
        "title",
        "actor",
        "topic",
        "owner",
        "status",
        "progress",
        "due_date",
        "last_progress_at",
    )
    list_display_links = ("title",)
    list_editable = ("status", "owner", "due_date")
    # Every row of the list is a form (three widgets); 50 rows keep the page quick to render.
    list_per_page = 50
    list_filter = (
        "status",
        "topic",
        ("owner", admin.RelatedOnlyFieldListFilter),
        "actor",
        ("source", admin.RelatedOnlyFieldListFilter),
        OverdueFilter,
        StaleFilter,
        PartyFilter,
        PartyKindFilter,
        PartyRoleFilter,
        *TRACKING_FILTERS,
    )
    search_fields = ("title", "quote", "actor")
    list_select_related = ("owner",)
    date_hierarchy = "due_date"
    autocomplete_fields = ("owner", "source")
    inlines = (PledgePartyInline, ProgressUpdateInline, *TRACKING_INLINES)
    actions = ("assign_owner", "set_status", "publish", "unpublish", "assign_party")
    readonly_fields = (
        "version",
        "created_at",
        "updated_at",
        "last_progress_at",
        "updated_by",
        "confidence",
    )
    resource_classes = [CommitmentResource]
    formats = [CSV, XLSX]
    export_form_class = ExportForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (None, {"fields": ["title", "description", "actor", "counterparty", "topic"]}),
            ("Source", {"fields": ["source", "quote", "quote_start", "quote_end"]}),
            (
                "Tracking",
                {
                    "fields": [
                        "owner",
                        "status",
                        "progress",
                        "due_date",
                        "due_text",
                        "snoozed_until",
                        "amount",
                        "currency",
                    ]
                },
            ),
        ]
        if obj is not None:
            fieldsets += [
                ("Timeline entry", {"fields": ["timeline_note", "evidence_url", "seen_version"]}),
                ("Record", {"fields": list(self.readonly_fields), "classes": ["collapse"]}),
            ]
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        # What a pledge *is* (its quote in its source) is fixed once it exists.
        return (*self.readonly_fields, "source", "quote", "quote_start", "quote_end")

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "owner":
            kwargs["queryset"] = selectors.assignable_users()
            kwargs["form_class"] = PersonChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changelist_form(self, request, **kwargs):
        base: Any = super().get_changelist_form(request, **kwargs)
        # One query for the owner choices of every row, instead of one per row.
        choices = [
            ("", "---------"),
            *((u.pk, display_name(u)) for u in selectors.assignable_users()),
        ]

        class ChangelistForm(base):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                field = self.fields["owner"]
                field.widget = forms.Select()
                field.choices = choices

        return ChangelistForm

    def has_delete_permission(self, request, obj=None) -> bool:
        # Deleting a pledge would take its timeline with it; close it as Withdrawn instead.
        return False

    # -- Saves go through the services.

    def save_model(self, request, obj: Commitment, form, change: bool) -> None:
        if not change:
            try:
                services.commitment_create(commitment=obj, user=request.user)
            except (ValidationError, PermissionDenied) as error:
                raise ServiceRefused.from_error(error) from error
            return
        changes = {
            name: form.cleaned_data[name] for name in form.changed_data if name in UPDATABLE_FIELDS
        }
        try:
            services.commitment_edit(
                commitment_id=obj.pk,
                user=request.user,
                changes=changes,
                expected_version=form.cleaned_data.get("seen_version"),
                note=form.cleaned_data.get("timeline_note", ""),
                evidence_url=form.cleaned_data.get("evidence_url", ""),
            )
        except (ValidationError, PermissionDenied, services.CommitmentConflict) as error:
            raise ServiceRefused.from_error(error, prefix=f"“{obj}”: ") from error
        obj.refresh_from_db()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ServiceRefused as refused:
            self.message_user(request, f"Nothing was saved. {refused}", messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def changelist_view(self, request, extra_context=None):
        try:
            return super().changelist_view(request, extra_context)
        except ServiceRefused as refused:
            # The list's save runs in one transaction: no row of it was kept.
            self.message_user(
                request,
                f"Nothing was saved. {refused} Closing a pledge needs a note: use its "
                "change form or the “Set status…” action."
                if Code.CLOSING_NEEDS_NOTE in refused.codes
                else f"Nothing was saved. {refused}",
                messages.ERROR,
            )
            return HttpResponseRedirect(request.get_full_path())

    # -- Bulk actions, for managers only.

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not roles.can_manage(request.user):
            actions.pop("assign_owner", None)
            actions.pop("set_status", None)
            actions.pop("publish", None)
            actions.pop("unpublish", None)
            actions.pop("assign_party", None)
        return actions

    def _bulk_action(
        self,
        request: AuthenticatedHttpRequest,
        queryset: QuerySet,
        form_class: type[forms.Form],
        *,
        action: str,
        title: str,
        write: Callable[[list[int], dict[str, Any]], str],
        refused: str = "Nothing was changed.",
    ) -> HttpResponse | None:
        """A manager's action on the selected pledges, by id, once its confirm page is sent."""
        if not roles.can_manage(request.user):
            raise PermissionDenied
        return form_action(
            self,
            request,
            queryset,
            form_class,
            action=action,
            title=title,
            write=lambda data: write(sorted(queryset.values_list("pk", flat=True)), data),
            refused=refused,
            template=BULK_TEMPLATE,
        )

    @admin.action(description="Assign owner…")
    def assign_owner(
        self, request: AuthenticatedHttpRequest, queryset: QuerySet
    ) -> HttpResponse | None:
        def write(ids: list[int], data: dict[str, Any]) -> str:
            owner = data["owner"]
            changed = services.commitments_assign_owner(
                commitment_ids=ids, user=request.user, owner=owner
            )
            return (
                f"{changed} of {len(ids)} selected pledges reassigned to {display_name(owner)}"
                f" ({len(ids) - changed} already had that owner)."
            )

        return self._bulk_action(
            request,
            queryset,
            AssignOwnerForm,
            action="assign_owner",
            title="Assign an owner",
            write=write,
        )

    @admin.action(description="Set status…")
    def set_status(
        self, request: AuthenticatedHttpRequest, queryset: QuerySet
    ) -> HttpResponse | None:
        def write(ids: list[int], data: dict[str, Any]) -> str:
            status = data["status"]
            changed = services.commitments_set_status(
                commitment_ids=ids, user=request.user, status=status, note=data["note"]
            )
            return (
                f"Status set to {Status(status).label} on {changed} of {len(ids)} selected"
                f" pledges ({len(ids) - changed} already had it); one timeline entry each."
            )

        return self._bulk_action(
            request, queryset, SetStatusForm, action="set_status", title="Set status", write=write
        )

    @admin.action(description="Publish selected (or approve their changes)…")
    def publish(self, request: AuthenticatedHttpRequest, queryset: QuerySet) -> HttpResponse | None:
        def write(ids: list[int], data: dict[str, Any]) -> str:
            changed = publishing_services.publications_publish(
                commitment_ids=ids, user=request.user, public_reason=data["reason"]
            )
            return (
                f"{changed} of {len(ids)} selected pledges published or updated on the public"
                f" site ({len(ids) - changed} were already public as they are)."
            )

        return self._bulk_action(
            request,
            queryset,
            PublishForm,
            action="publish",
            title="Publish",
            write=write,
            refused="Nothing was published.",
        )

    @admin.action(description="Unpublish selected")
    def unpublish(self, request: AuthenticatedHttpRequest, queryset: QuerySet) -> None:
        if not roles.can_manage(request.user):
            raise PermissionDenied
        ids = sorted(queryset.values_list("pk", flat=True))
        hidden = publishing_services.publications_unpublish(commitment_ids=ids, user=request.user)
        self.message_user(
            request, f"{hidden} of {len(ids)} selected pledges hidden from the public site."
        )

    # -- Import and export: managers only (SpreadsheetAdminMixin); a bad row rolls back the file.

    def process_result(self, result, request):
        # The preview refuses a bad file; this catches a file gone bad between preview and
        # confirm (someone saved a pledge in between). The transaction is already rolled back.
        if result.has_errors() or result.has_validation_errors():
            problems = [
                f"row {row.number}: {' '.join(row.error.messages)}" for row in result.invalid_rows
            ] + [
                f"row {number}: {error.error}"
                for number, errors in result.row_errors()
                for error in errors
            ]
            self.message_user(
                request,
                "Nothing was imported; fix these rows and import the file again: "
                + "; ".join(problems),
                messages.ERROR,
            )
            return HttpResponseRedirect(reverse("admin:commitments_commitment_changelist"))
        return super().process_result(result, request)


# --- Sources -----------------------------------------------------------------------------------


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("title", "publisher", "published_on", "imported_at", "pledge_count")
    search_fields = ("title", "publisher", "url")
    list_filter = ("publisher",)
    date_hierarchy = "published_on"
    fields = (
        "title",
        "publisher",
        "url",
        "published_on",
        "imported_at",
        "imported_by",
        "sha256",
        "body",
    )
    # The body is what quote offsets point into and what the hash identifies.
    readonly_fields = ("imported_at", "imported_by", "sha256", "body")
    inlines = (CommitmentInline,)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        # Grouped queries drop Meta.ordering; the autocomplete pages need a stable order.
        return (
            super()
            .get_queryset(request)
            .annotate(pledge_count=Count("commitments"))
            .order_by("-published_on", "-id")
        )

    @admin.display(description="Pledges", ordering="pledge_count")
    def pledge_count(self, source: Source) -> int:
        return source.pledge_count  # type: ignore[attr-defined]  # annotated in get_queryset

    def has_add_permission(self, request) -> bool:
        # Articles come in through the import, which hashes and checks them.
        return False


# --- Import reviews ---------------------------------------------------------------------------


@admin.register(ImportReview)
class ImportReviewAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """What each review changed in the extraction's proposals; written only by the import."""

    list_display = (
        "source",
        "reviewed_at",
        "reviewed_by",
        "proposed",
        "kept",
        "unticked",
        "edited",
        "fields_edited",
        "added",
    )
    list_filter = (("reviewed_by", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("source", "reviewed_by")
    search_fields = ("source__title", "source__publisher")
    date_hierarchy = "reviewed_at"

    @admin.display(description="Fields edited")
    def fields_edited(self, review: ImportReview) -> str:
        return ", ".join(f"{name} ×{n}" for name, n in sorted(review.edited_fields.items())) or "–"


# --- Timeline ----------------------------------------------------------------------------------


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The timeline is append-only: readable here, written only by the services."""

    list_display = (
        "created_at",
        "commitment",
        "author",
        "old_status",
        "new_status",
        "old_progress",
        "new_progress",
        "note",
    )
    list_filter = ("new_status", "old_status", ("author", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("commitment", "author")
    search_fields = ("note", "commitment__title")
    date_hierarchy = "created_at"


# --- Reminders ---------------------------------------------------------------------------------


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Reminders are written only by the scan; the admin reads them."""

    list_display = (
        "scan_date",
        "reason",
        "owner",
        "commitment",
        "period",
        "sent_at",
        "attempts",
        "last_error",
    )
    list_filter = ("reason", ("owner", admin.RelatedOnlyFieldListFilter), "scan_date")
    date_hierarchy = "scan_date"
    search_fields = ("commitment__title", "owner__username", "owner__email")
    list_select_related = ("owner", "commitment")
    ordering = ("-scan_date", "-id")


class PeriodicTaskAdmin(celery_beat_admin.PeriodicTaskAdmin):
    """django-celery-beat's schedules, with "Run selected tasks" saying so when it cannot queue."""

    @admin.action(description="Run selected tasks")
    def run_tasks(self, request, queryset):
        try:
            return super().run_tasks(request, queryset)
        except Exception as exc:  # whatever the broker's client raises, the page stays up
            logger.warning("Could not queue periodic tasks: %s", exc)
            self.message_user(
                request,
                "The tasks could not be queued: the message broker did not answer. "
                "Nothing was run; try again when it is back (the schedules run as planned then).",
                level=messages.ERROR,
            )
            return None


admin.site.unregister(PeriodicTask)
admin.site.register(PeriodicTask, PeriodicTaskAdmin)


from commitments import admin_tokens  # noqa: E402, F401  (registers the API tokens admin)
