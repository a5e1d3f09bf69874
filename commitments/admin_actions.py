"""What the admin's pages share: read-only lists and inlines, spreadsheets for managers, and
actions with a confirm page.

Lists and inlines of what only the services write (timelines, reminders, reviews, tracking)
refuse adding, changing and deleting. Spreadsheet import and export are for managers, and a bad
row rolls back the whole file. An action that needs input shows a confirm page with its form
until the form is valid, then calls a service: its message, or the service's refusal ("Nothing
was changed." and why), is shown on the list.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse

from commitments import roles
from commitments.services import refusal_message

CONFIRM_TEMPLATE = "admin/commitments/confirm_action.html"


class ReadOnlyAdminMixin:
    """Readable here, written only by the services."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class SpreadsheetAdminMixin:
    """Import and export for managers only, a file at a time: a bad row rolls back all of it."""

    def has_import_permission(self, request) -> bool:
        return roles.can_manage(request.user)

    def has_export_permission(self, request) -> bool:
        return roles.can_manage(request.user)

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)  # type: ignore[misc]
        kwargs.update(use_transactions=True, rollback_on_validation_errors=True)
        return kwargs


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
    max_num: int | None = 0
    can_delete = False


def confirm_page(
    model_admin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet,
    form: forms.Form,
    *,
    action: str,
    title: str,
    template: str = CONFIRM_TEMPLATE,
) -> TemplateResponse:
    """The action's intermediate page: the selected objects and the form to apply to them."""
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "opts": model_admin.opts,
        "form": form,
        "action": action,
        "objects": list(queryset),
        "action_checkbox_name": ACTION_CHECKBOX_NAME,
        "media": model_admin.media + form.media,
    }
    return TemplateResponse(request, template, context)


def form_action(
    model_admin: Any,
    request: HttpRequest,
    queryset: QuerySet,
    form_class: type[forms.Form],
    *,
    action: str,
    title: str,
    write: Callable[[dict[str, Any]], str],
    form_kwargs: Mapping[str, Any] | None = None,
    refused: str = "Nothing was changed.",
    template: str = CONFIRM_TEMPLATE,
) -> TemplateResponse | None:
    """The confirm page until its form is valid; then `write` the cleaned data through a
    service and show the message it returns, or the service's refusal."""
    form = form_class(request.POST if "apply" in request.POST else None, **(form_kwargs or {}))
    if not form.is_valid():
        return confirm_page(
            model_admin, request, queryset, form, action=action, title=title, template=template
        )
    try:
        done = write(form.cleaned_data)
    except (ValidationError, PermissionDenied) as error:
        model_admin.message_user(request, f"{refused} {refusal_message(error)}", messages.ERROR)
        return None
    model_admin.message_user(request, done, messages.SUCCESS)
    return None
