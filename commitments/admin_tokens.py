"""Personal API tokens in the admin: who holds which, and revoking them. Never the secret."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest

from commitments.admin_actions import ReadOnlyAdminMixin
from commitments.models import ApiToken
from commitments.services import api_tokens


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Tokens are made by their users on /tokens/; the database holds only their hash, and the
    admin shows only the first characters (`prefix`), to recognise one."""

    list_display = ("name", "user", "prefix", "created_at", "revoked_at")
    list_filter = (
        ("revoked_at", admin.EmptyFieldListFilter),
        ("user", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("user",)
    search_fields = ("name", "prefix", "user__username")
    fields = ("name", "user", "prefix", "created_at", "revoked_at")
    readonly_fields = fields
    ordering = ("-created_at", "-id")
    actions = ("revoke",)

    @admin.action(description="Revoke selected tokens")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        try:
            revoked = api_tokens.api_tokens_revoke(
                token_ids=list(queryset.values_list("pk", flat=True)), user=request.user
            )
        except PermissionDenied as error:
            self.message_user(request, str(error), level=messages.ERROR)
            return
        self.message_user(request, f"Revoked {revoked} token(s): they open nothing from now on.")
