# --- Reminders: a read-only record of what was claimed and sent (self-contained block).
from django.contrib import admin as reminder_admin

from commitments.models import Reminder as ReminderRecord


@reminder_admin.register(ReminderRecord)
class ReminderAdmin(reminder_admin.ModelAdmin):
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
    list_filter = ("reason", ("owner", reminder_admin.RelatedOnlyFieldListFilter), "scan_date")
    date_hierarchy = "scan_date"
    search_fields = ("commitment__title", "owner__username", "owner__email")
    list_select_related = ("owner", "commitment")
    ordering = ("-scan_date", "-id")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
