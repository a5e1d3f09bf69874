"""Spreadsheet export and import of money records and milestones, each in its own file.

Rows name their pledge by id (`commitment`); the pledge's title is exported for reading.
Import writes through `services.tracking`, so every row leaves a timeline entry on its
pledge, the permission rules apply, and when a row carries the pledge's `version` a later
change by someone else is reported instead of being built on.

- Money: each row without an `id` records money reaching a stage. Money records are a
  history, so a row with an `id` must match the stored record (it is left alone).
- Milestones: a row without an `id` adds a milestone; a row with one changes that
  milestone's title, due date, status or weight.

Any bad row is reported by its number and the whole file is rolled back.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from import_export import fields

from commitments import services
from commitments.models import Commitment, Milestone, MilestoneStatus, MoneyRecord, MoneyStage
from commitments.resources import (
    AmountWidget,
    ChoiceWidget,
    LookupWidget,
    SpreadsheetResource,
    _as_version,
    column,
    date_column,
    refused,
    text_column,
)
from commitments.services.actors import checked


def _pledge_field() -> fields.Field:
    return column("commitment", LookupWidget(Commitment, "pk", "pledge with id"))


def _columns(*own: str) -> tuple[str, ...]:
    """A file's columns: the row's id and its pledge, the row's own, then the pledge's version."""
    return ("id", "commitment", "commitment_title", *own, "version")


class _TrackingResource(SpreadsheetResource):
    commitment_title = fields.Field(column_name="commitment_title", readonly=True)
    # The pledge's version when exported; blank means "apply whatever happened since".
    version = fields.Field(column_name="version", readonly=True)

    def get_queryset(self):
        return self._meta.model.objects.select_related("commitment")

    def dehydrate_commitment_title(self, obj) -> str:
        return obj.commitment.title

    def dehydrate_version(self, obj) -> int:
        return obj.commitment.version

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # Per pledge: (version in the file, version after this file's own last write), so
        # several rows of one pledge exported together do not conflict with each other.
        self._written: dict[int, tuple[int, int]] = {}

    def _expected_version(self, commitment_id: int, row) -> int | None:
        exported = _as_version(row.get("version"))
        if exported is None:
            return None
        seen = self._written.get(commitment_id)
        return seen[1] if seen and seen[0] == exported else exported

    def _wrote(self, commitment_id: int, row) -> None:
        exported = _as_version(row.get("version"))
        if exported is not None:
            current = Commitment.objects.values_list("version", flat=True).get(pk=commitment_id)
            self._written[commitment_id] = (exported, current)


class MoneyRecordResource(_TrackingResource):
    commitment = _pledge_field()
    stage = column("stage", ChoiceWidget(MoneyStage, "money stage"))
    amount = column("amount", AmountWidget())
    on = date_column("on")
    evidence_url = text_column("evidence_url")
    note = text_column("note")

    class Meta:
        model = MoneyRecord
        fields = export_order = _columns(
            "stage", "amount", "currency", "on", "evidence_url", "note"
        )

    def save_instance(self, instance: MoneyRecord, is_create: bool, row, **kwargs) -> None:
        if not is_create:
            raise ValidationError(
                "Money records are a history and cannot be changed; "
                "leave id empty to record money again."
            )
        try:
            saved = services.money_record_add(
                commitment_id=instance.commitment_id,
                user=checked(kwargs.get("user")),
                expected_version=self._expected_version(instance.commitment_id, row),
                stage=instance.stage,
                amount=instance.amount,
                currency=instance.currency,
                on=instance.on,
                evidence_url=instance.evidence_url or "",
                note=instance.note or "",
            )
        except (ValidationError, PermissionDenied, services.CommitmentConflict) as error:
            raise refused(error) from None
        self._wrote(instance.commitment_id, row)
        instance.pk = saved.pk


class MilestoneResource(_TrackingResource):
    commitment = _pledge_field()
    status = column(
        "status", ChoiceWidget(MilestoneStatus, "milestone status"), saves_null_values=False
    )
    due_date = date_column("due_date")

    class Meta:
        model = Milestone
        fields = export_order = _columns("title", "due_date", "status", "weight")

    def save_instance(self, instance: Milestone, is_create: bool, row, **kwargs) -> None:
        user = checked(kwargs.get("user"))
        version = self._expected_version(instance.commitment_id, row)
        try:
            if is_create:
                saved = services.milestone_add(
                    commitment_id=instance.commitment_id,
                    user=user,
                    expected_version=version,
                    title=instance.title,
                    due_date=instance.due_date,
                    weight=instance.weight,
                    status=instance.status or MilestoneStatus.PLANNED,
                )
                instance.pk = saved.pk
                self._wrote(instance.commitment_id, row)
                return
            stored = Milestone.objects.get(pk=instance.pk)
            if stored.commitment_id != instance.commitment_id:
                raise ValidationError("A milestone cannot move to another pledge.")
            services.milestone_update(
                milestone_id=instance.pk,
                user=user,
                expected_version=version,
                status=instance.status,
                title=instance.title,
                due_date=instance.due_date,
                weight=instance.weight,
            )
        except (ValidationError, PermissionDenied, services.CommitmentConflict) as error:
            raise refused(error) from None
        self._wrote(instance.commitment_id, row)
