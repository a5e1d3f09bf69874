"""Spreadsheet export and import of pledges (django-import-export), for bulk edits in the admin.

Export writes one row per pledge with the source's id and title, the owner's
username, status and progress codes, the due date and the amount.

Import, row by row:
- A row with an `id` updates that pledge through `services.commitment_edit`, so
  status and progress changes land on the timeline, the version is bumped, and
  the same permission rules apply as anywhere else. A `note` column (blank on
  export) becomes the timeline note; closing a pledge needs one. When the row
  carries the `version` it was exported at, someone else's later change is
  reported instead of being overwritten. The source, quote and quote offsets of
  an existing pledge cannot be changed here.
- A row without an `id` creates a pledge. It needs a `source` id, the verbatim
  `quote` and its `quote_start`/`quote_end` offsets into that source's body,
  or the row is refused with a sentence saying so. There is no creation
  service yet, so new rows are saved directly: a new pledge has no timeline to
  keep in step.
- A row naming an id that does not exist is refused rather than creating a
  pledge under that id.

Any bad row is reported by its number and the whole file is rolled back (the
admin runs the import in one transaction with rollback on validation errors).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from import_export import fields, resources, widgets

from commitments import services
from commitments.models import Commitment, Source, Status, Topic
from commitments.spreadsheets import formula_safe, formula_unescaped

# Compared with the stored pledge to build the change set handed to the service.
UPDATABLE_FIELDS = tuple(sorted(services.EDITABLE_FIELDS | {"status", "progress"}))
# Part of what a pledge *is*: fixed once it exists.
FROZEN_FIELDS = ("source_id", "quote", "quote_start", "quote_end")


class ChoiceWidget(widgets.Widget):
    """Reads a choice by its code or its label (any case); writes the code."""

    def __init__(self, choices: type[Status] | type[Topic], noun: str) -> None:
        super().__init__()
        self.choices = choices
        self.noun = noun

    def clean(self, value: Any, row=None, **kwargs) -> str | None:
        text = str(value or "").strip()
        if not text:
            return None
        for code, label in self.choices.choices:
            if text.lower() in (code, label.lower()):
                return code
        raise ValueError(
            f"“{text}” is not a {self.noun}; use one of: {', '.join(self.choices.values)}."
        )

    def render(self, value: Any, obj=None, **kwargs) -> str:
        return value or ""


class ProgressWidget(widgets.Widget):
    """A whole number of percent; anything else gets a sentence, not a decimal error."""

    def clean(self, value: Any, row=None, **kwargs) -> int | None:
        text = str(value if value is not None else "").strip().removesuffix("%").strip()
        if not text:
            return None
        try:
            progress = int(Decimal(text))
        except (InvalidOperation, ValueError):
            progress = None
        if progress is None or progress != Decimal(text):
            raise ValueError("Progress is a whole number from 0 to 100.")
        return progress

    def render(self, value: Any, obj=None, **kwargs) -> Any:
        return value


class AmountWidget(widgets.DecimalWidget):
    def clean(self, value: Any, row=None, **kwargs) -> Decimal | None:
        try:
            return super().clean(value, row, **kwargs)
        except (InvalidOperation, ValueError):
            raise ValueError(f"“{value}” is not an amount; write digits, e.g. 1500000.") from None


class LookupWidget(widgets.ForeignKeyWidget):
    """A foreign key by one field, with a sentence instead of DoesNotExist."""

    def __init__(self, model, field: str, noun: str) -> None:
        super().__init__(model, field)
        self.noun = noun

    def clean(self, value: Any, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except (self.model.DoesNotExist, ValueError, TypeError):
            raise ValueError(f"There is no {self.noun} “{value}”.") from None


class CommitmentResource(resources.ModelResource):
    source = fields.Field(
        attribute="source", column_name="source", widget=LookupWidget(Source, "pk", "source id")
    )
    source_title = fields.Field(column_name="source_title", readonly=True)
    owner = fields.Field(
        attribute="owner",
        column_name="owner",
        widget=LookupWidget(get_user_model(), "username", "user named"),
    )
    # A blank cell in these columns keeps the pledge's value (or the default for a new one).
    topic = fields.Field(
        attribute="topic",
        column_name="topic",
        widget=ChoiceWidget(Topic, "topic"),
        saves_null_values=False,
    )
    status = fields.Field(
        attribute="status",
        column_name="status",
        widget=ChoiceWidget(Status, "status"),
        saves_null_values=False,
    )
    progress = fields.Field(
        attribute="progress",
        column_name="progress",
        widget=ProgressWidget(),
        saves_null_values=False,
    )
    amount = fields.Field(attribute="amount", column_name="amount", widget=AmountWidget())
    due_date = fields.Field(
        attribute="due_date", column_name="due_date", widget=widgets.DateWidget("%Y-%m-%d")
    )
    # Exported so that a re-import can tell whether someone saved in between.
    version = fields.Field(attribute="version", column_name="version", readonly=True)
    # Import only: the timeline note for the row's change.
    note = fields.Field(column_name="note", readonly=True)

    class Meta:
        model = Commitment
        fields = (
            "id",
            "source",
            "source_title",
            "title",
            "actor",
            "counterparty",
            "topic",
            "owner",
            "status",
            "progress",
            "due_date",
            "due_text",
            "amount",
            "currency",
            "description",
            "quote",
            "quote_start",
            "quote_end",
            "version",
            "note",
        )
        export_order = fields
        import_id_fields = ("id",)
        use_transactions = True
        # The preview shows what each row changes; unchanged rows are left alone.
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True

    def get_queryset(self):
        return Commitment.objects.select_related("source", "owner")

    def export_field(self, field, instance, **kwargs):
        return formula_safe(super().export_field(field, instance, **kwargs))

    def before_import_row(self, row, **kwargs) -> None:
        for name, value in row.items():
            row[name] = formula_unescaped(value)

    def dehydrate_source_title(self, commitment: Commitment) -> str:
        return commitment.source.title if commitment.source_id else ""

    def dehydrate_note(self, commitment: Commitment) -> str:
        return ""

    def after_init_instance(self, instance: Commitment, new: bool, row, **kwargs) -> None:
        if new:
            return
        names = (*UPDATABLE_FIELDS, *FROZEN_FIELDS)
        instance._stored = {
            name: getattr(instance, "owner_id" if name == "owner" else name) for name in names
        }

    def import_instance(self, instance: Commitment, row, **kwargs) -> None:
        errors: dict[str, Any] = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        new = not hasattr(instance, "_stored")
        if new and row.get("id") not in (None, ""):
            errors.setdefault(
                "id", f"There is no pledge with id {row['id']}; leave id empty to create one."
            )
        if instance.progress is not None and not 0 <= instance.progress <= 100:
            errors.setdefault("progress", "Progress is a whole number from 0 to 100.")
        if new:
            errors.update(self._new_pledge_errors(instance, errors))
        else:
            stored = instance._stored
            frozen = [name for name in FROZEN_FIELDS if getattr(instance, name) != stored[name]]
            if frozen:
                errors.setdefault(
                    "quote",
                    "The source and quote of an existing pledge cannot be changed by import.",
                )
        if errors:
            raise ValidationError(errors)

    def _new_pledge_errors(self, instance: Commitment, errors: dict) -> dict[str, str]:
        if (
            not instance.source_id
            or not instance.quote
            or instance.quote_start is None
            or instance.quote_end is None
        ):
            if "source" in errors:
                return {}
            return {
                "source": "A new pledge needs a source id, its quote, quote_start and quote_end; "
                "to update an existing pledge, give its id."
            }
        if not services.quote_matches(
            instance.source.body, instance.quote_start, instance.quote_end, instance.quote
        ):
            return {
                "quote": "The quote is not found in the source at quote_start..quote_end; "
                "copy it verbatim from the article."
            }
        return {}

    def save_instance(self, instance: Commitment, is_create: bool, row, **kwargs) -> None:
        user = kwargs.get("user")
        if is_create:
            try:
                services.commitment_create(commitment=instance, user=user)
            except PermissionDenied as refused:
                raise ValidationError(str(refused)) from None
            return
        stored = instance._stored
        changes = {
            name: getattr(instance, name)
            for name in UPDATABLE_FIELDS
            if getattr(instance, "owner_id" if name == "owner" else name) != stored[name]
        }
        note = str(row.get("note") or "").strip()
        if not changes and not note:
            return
        try:
            saved = services.commitment_edit(
                commitment_id=instance.pk,
                user=user,
                changes=changes,
                expected_version=_as_version(row.get("version")),
                note=note,
            )
        except PermissionDenied as refused:
            raise ValidationError(str(refused) or "You may not change this pledge.") from None
        except services.CommitmentConflict as conflict:
            raise ValidationError(
                f"{conflict.current.updated_by or 'Someone'} changed this pledge after it was "
                "exported (version "
                f"{conflict.seen_version} → {conflict.current.version}); export it again "
                "and re-apply the change."
            ) from None
        instance.version = saved.version
        instance.updated_at = saved.updated_at
        instance.last_progress_at = saved.last_progress_at


def _as_version(value: Any) -> int | None:
    """The exported version, or None (no concurrency check) when absent or not a number."""
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None
