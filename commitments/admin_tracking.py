"""The admin's view of a pledge's tracking: read-only inlines and list filters.

Money, milestones and evidence are entered on the pledge page (or by spreadsheet import),
through `services.tracking`, so the admin shows them without a second way to write them.
Money records and milestones have their own lists, for export and import in their own files.
"""

from __future__ import annotations

from datetime import date

from django.contrib import admin
from django.utils import timezone
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX

from commitments import roles, tracking
from commitments.admin_actions import ReadOnlyAdminMixin, ReadOnlyInline, SpreadsheetAdminMixin
from commitments.models import DueDateChange, EvidenceItem, Milestone, MoneyRecord, MoneyStage
from commitments.resources_tracking import MilestoneResource, MoneyRecordResource


class MoneyRecordInline(ReadOnlyInline):
    model = MoneyRecord
    fields = readonly_fields = ("on", "stage", "amount", "currency", "evidence_url", "note")
    verbose_name_plural = "Money by stage"


class MilestoneInline(ReadOnlyInline):
    model = Milestone
    fields = readonly_fields = ("title", "due_date", "status", "weight", "updated_at")


class DueDateChangeInline(ReadOnlyInline):
    model = DueDateChange
    fields = readonly_fields = (
        "changed_at",
        "old_due_date",
        "new_due_date",
        "reason",
        "changed_by",
    )
    verbose_name_plural = "Due date moves"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by")


class EvidenceItemInline(ReadOnlyInline):
    model = EvidenceItem
    fields = readonly_fields = ("published_on", "kind", "title", "publisher", "url", "source")
    verbose_name_plural = "Evidence"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")


TRACKING_INLINES = (MoneyRecordInline, MilestoneInline, DueDateChangeInline, EvidenceItemInline)


class MoneyStageFilter(admin.SimpleListFilter):
    title = "money reached"
    parameter_name = "money_stage"

    def lookups(self, request, model_admin):
        return MoneyStage.choices

    def queryset(self, request, queryset):
        stage = self.value()
        if stage in MoneyStage.values:
            return queryset.filter(tracking.money_stage_q(str(stage)))
        return queryset


class HasMilestonesFilter(admin.SimpleListFilter):
    title = "milestones"
    parameter_name = "has_milestones"

    def lookups(self, request, model_admin):
        return [("yes", "Has milestones"), ("no", "No milestones")]

    def queryset(self, request, queryset):
        q = tracking.has_milestones_q()
        if self.value() == "yes":
            return queryset.filter(q)
        if self.value() == "no":
            return queryset.exclude(q)
        return queryset


class LastVerifiedFilter(admin.SimpleListFilter):
    title = "last verified"
    parameter_name = "verified"

    def lookups(self, request, model_admin):
        return [
            ("stale", "Before STALE_AFTER_DAYS ago, or never"),
            ("never", "Never"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            since = tracking.verified_since(timezone.localdate())
            return queryset.exclude(tracking.verified_since_q(since))
        if self.value() == "never":
            return queryset.exclude(tracking.verified_since_q(date.min))
        return queryset


TRACKING_FILTERS = (MoneyStageFilter, HasMilestonesFilter, LastVerifiedFilter)


# --- Money records and milestones in their own spreadsheet files.


class _SpreadsheetOnlyAdmin(ReadOnlyAdminMixin, SpreadsheetAdminMixin, ImportExportModelAdmin):
    """A list with export and import, for managers: entries are made through the services
    (the pledge page, or an imported file), never by a change form here."""

    formats = [CSV, XLSX]
    list_select_related = ("commitment",)
    search_fields = ("commitment__title",)

    def has_view_permission(self, request, obj=None) -> bool:
        return roles.can_manage(request.user)


@admin.register(MoneyRecord)
class MoneyRecordAdmin(_SpreadsheetOnlyAdmin):
    list_display = ("commitment", "stage", "amount", "currency", "on")
    list_filter = ("stage", "currency")
    resource_classes = [MoneyRecordResource]


@admin.register(Milestone)
class MilestoneAdmin(_SpreadsheetOnlyAdmin):
    list_display = ("title", "commitment", "due_date", "status", "weight")
    list_filter = ("status",)
    resource_classes = [MilestoneResource]
