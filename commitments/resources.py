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

- `pledgers` and `counterparties` list the pledge's parties by name, "; " between them. On
  import each may be a party's name, alias or ISO code; the pledge's parties in that role
  become exactly those (a party kept keeps its own assessment). A name no party goes by
  refuses the row. A file without these columns leaves the parties alone.

Any bad row is reported by its number and the whole file is rolled back (the
admin runs the import in one transaction with rollback on validation errors).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, TextChoices
from import_export import fields, resources, widgets

from commitments import services
from commitments.models import Commitment, Party, PartyRole, PledgeParty, Source, Status, Topic
from commitments.parties import Resolver
from commitments.services.actors import checked
from commitments.services.errors import PROGRESS_RANGE
from commitments.spreadsheets import formula_safe, formula_unescaped

# Compared with the stored pledge to build the change set handed to the service.
UPDATABLE_FIELDS = tuple(sorted(services.EDITABLE_FIELDS | {"status", "progress"}))
PARTY_SEPARATOR = "; "
PARTY_COLUMNS = {PartyRole.PLEDGER: "pledgers", PartyRole.COUNTERPARTY: "counterparties"}
# Part of what a pledge *is*: fixed once it exists.
FROZEN_FIELDS = ("source_id", "quote", "quote_start", "quote_end")


def party_names(commitment: Commitment, role: str) -> str:
    """A pledge's parties in a role as a spreadsheet cell (its links prefetched)."""
    links = sorted(
        (pp for pp in commitment.pledge_parties.all() if pp.role == role),
        key=lambda pp: pp.position,
    )
    return PARTY_SEPARATOR.join(pp.party.name for pp in links)


def column(name: str, widget: widgets.Widget, **kwargs: Any) -> fields.Field:
    """A field read from and written to the column named after its attribute."""
    return fields.Field(attribute=name, column_name=name, widget=widget, **kwargs)


def date_column(name: str) -> fields.Field:
    return column(name, widgets.DateWidget("%Y-%m-%d"))


def text_column(name: str) -> fields.Field:
    # A blank cell is an empty text: XLSX gives it back as None, which the column cannot hold.
    return column(name, widgets.CharWidget(allow_blank=True))


class ChoiceWidget(widgets.Widget):
    """Reads a choice by its code or its label (any case); writes the code."""

    def __init__(self, choices: type[TextChoices], noun: str) -> None:
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
            raise ValueError(PROGRESS_RANGE)
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


class SpreadsheetResource(resources.ModelResource):
    """Cells that a spreadsheet would run as formulas are escaped on export and read back on
    import; a file is imported in one transaction, by `id`, leaving unchanged rows alone."""

    class Meta:
        import_id_fields = ("id",)
        use_transactions = True
        # The preview shows what each row changes; unchanged rows are left alone.
        skip_unchanged = True
        report_skipped = False

    def export_field(self, field, instance, **kwargs):
        return formula_safe(super().export_field(field, instance, **kwargs))

    def before_import_row(self, row, **kwargs) -> None:
        for name, value in row.items():
            row[name] = formula_unescaped(value)


def refused(error: Exception) -> ValidationError:
    """A service's refusal as the row's error, in its own words."""
    if isinstance(error, ValidationError):
        return error
    return ValidationError(services.refusal_message(error))


class CommitmentResource(SpreadsheetResource):
    source = column("source", LookupWidget(Source, "pk", "source id"))
    source_title = fields.Field(column_name="source_title", readonly=True)
    owner = column("owner", LookupWidget(get_user_model(), "username", "user named"))
    # A blank cell in these columns keeps the pledge's value (or the default for a new one).
    topic = column("topic", ChoiceWidget(Topic, "topic"), saves_null_values=False)
    status = column("status", ChoiceWidget(Status, "status"), saves_null_values=False)
    progress = column("progress", ProgressWidget(), saves_null_values=False)
    amount = column("amount", AmountWidget())
    due_date = date_column("due_date")
    description = text_column("description")
    # Exported so that a re-import can tell whether someone saved in between.
    version = fields.Field(attribute="version", column_name="version", readonly=True)
    # The parties by name, "; " between them; on import a name, alias or ISO code each.
    pledgers = fields.Field(column_name="pledgers", readonly=True)
    counterparties = fields.Field(column_name="counterparties", readonly=True)
    # Import only: the timeline note for the row's change.
    note = fields.Field(column_name="note", readonly=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # What each existing pledge held before its row was applied, by id.
        self._stored: dict[int, dict[str, Any]] = {}
        # Each row's parties by role, read while the row is validated.
        self._row_parties: dict[int, dict[str, list[int] | None]] = {}
        self._resolver: Resolver | None = None

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
            "pledgers",
            "counterparties",
            "note",
        )
        export_order = fields
        clean_model_instances = True

    def get_queryset(self):
        return Commitment.objects.select_related("source", "owner").prefetch_related(
            Prefetch("pledge_parties", queryset=PledgeParty.objects.select_related("party"))
        )

    def dehydrate_source_title(self, commitment: Commitment) -> str:
        return commitment.source.title if commitment.source_id else ""

    def dehydrate_note(self, commitment: Commitment) -> str:
        return ""

    def dehydrate_pledgers(self, commitment: Commitment) -> str:
        return party_names(commitment, PartyRole.PLEDGER)

    def dehydrate_counterparties(self, commitment: Commitment) -> str:
        return party_names(commitment, PartyRole.COUNTERPARTY)

    def _parties_of(self, row, errors: dict[str, Any]) -> dict[str, list[int] | None]:
        """Each role's party ids from the row's columns; None where the column is absent."""
        if self._resolver is None:
            self._resolver = Resolver(Party.objects.all())
        found: dict[str, list[int] | None] = {}
        for role, column in PARTY_COLUMNS.items():
            if column not in row:
                found[role] = None
                continue
            ids, unknown = [], []
            for name in str(row.get(column) or "").split(";"):
                name = name.strip()
                if not name:
                    continue
                party = self._resolver.find(name)
                if party is None:
                    unknown.append(name)
                else:
                    ids.append(party.pk)
            if unknown:
                errors.setdefault(
                    column,
                    f"No party goes by {', '.join(unknown)}: use a party's name, alias or ISO "
                    "code, or add it in the admin first.",
                )
            found[role] = ids
        return found

    def after_init_instance(self, instance: Commitment, new: bool, row, **kwargs) -> None:
        if new:
            return
        names = (*UPDATABLE_FIELDS, *FROZEN_FIELDS)
        self._stored[instance.pk] = {
            name: getattr(instance, "owner_id" if name == "owner" else name) for name in names
        }

    def import_instance(self, instance: Commitment, row, **kwargs) -> None:
        errors: dict[str, Any] = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        new = instance.pk not in self._stored
        if new and row.get("id") not in (None, ""):
            errors.setdefault(
                "id", f"There is no pledge with id {row['id']}; leave id empty to create one."
            )
        if instance.progress is not None and not 0 <= instance.progress <= 100:
            errors.setdefault("progress", PROGRESS_RANGE)
        if new:
            errors.update(self._new_pledge_errors(instance, errors))
        else:
            stored = self._stored[instance.pk]
            frozen = [name for name in FROZEN_FIELDS if getattr(instance, name) != stored[name]]
            if frozen:
                errors.setdefault(
                    "quote",
                    "The source and quote of an existing pledge cannot be changed by import.",
                )
        self._row_parties[id(row)] = self._parties_of(row, errors)
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None) -> bool:
        if not super().skip_row(instance, original, row, import_validation_errors):
            return False
        # Unchanged fields, but the parties columns may still change the pledge.
        wanted = {
            r: ids for r, ids in self._row_parties.get(id(row), {}).items() if ids is not None
        }
        if not wanted:
            return True
        stored: dict[str, list[int]] = {role: [] for role in wanted}
        for role, party_id in (
            PledgeParty.objects.filter(commitment_id=instance.pk, role__in=list(wanted))
            .order_by("position", "id")
            .values_list("role", "party_id")
        ):
            stored[role].append(party_id)
        return all(stored[role] == list(dict.fromkeys(ids)) for role, ids in wanted.items())

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
        self._save_pledge(instance, is_create, row, **kwargs)
        user = checked(kwargs.get("user"))
        for role, ids in self._row_parties.pop(id(row), {}).items():
            if ids is None:
                continue
            try:
                services.commitment_set_parties(
                    commitment_id=instance.pk, user=user, role=role, party_ids=ids
                )
            except PermissionDenied as error:
                raise refused(error) from None

    def _save_pledge(self, instance: Commitment, is_create: bool, row, **kwargs) -> None:
        user = checked(kwargs.get("user"))
        if is_create:
            try:
                services.commitment_create(commitment=instance, user=user)
            except PermissionDenied as error:
                raise refused(error) from None
            return
        stored = self._stored[instance.pk]
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
        except (PermissionDenied, services.CommitmentConflict) as error:
            raise refused(error) from None
        instance.version = saved.version
        instance.updated_at = saved.updated_at
        instance.last_progress_at = saved.last_progress_at


def _as_version(value: Any) -> int | None:
    """The exported version, or None (no concurrency check) when absent or not a number."""
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None
