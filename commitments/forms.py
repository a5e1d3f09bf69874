"""Forms for the pages; they parse input, the services decide what is allowed."""

from __future__ import annotations

from typing import Any, Self

from django import forms
from django.http import QueryDict

from commitments import selectors
from commitments.models import Commitment, Status
from commitments.people import PersonChoiceField
from commitments.services.errors import PROGRESS_RANGE


class VersionedForm(forms.Form):
    """Carries the pledge's version the user saw, so a later save can detect a conflict."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    @classmethod
    def for_commitment(cls, commitment: Commitment, **kwargs: Any) -> Self:
        return cls(initial=cls.initial_for(commitment), **kwargs)

    @classmethod
    def initial_for(cls, commitment: Commitment) -> dict:
        return {"version": commitment.version}

    @classmethod
    def reapply(cls, data: QueryDict, commitment: Commitment, **kwargs: Any) -> Self:
        """The user's input again, now carrying the current version so a resubmit applies it."""
        data = data.copy()
        data[cls(**kwargs).add_prefix("version")] = str(commitment.version)
        return cls(data, **kwargs)


class ProgressUpdateForm(VersionedForm):
    status = forms.ChoiceField(choices=Status.choices)
    progress = forms.IntegerField(
        min_value=0,
        max_value=100,
        label="Progress (%)",
        widget=forms.NumberInput(attrs={"step": 5}),
        error_messages={
            "invalid": PROGRESS_RANGE,
            "min_value": PROGRESS_RANGE,
            "max_value": PROGRESS_RANGE,
        },
    )
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required when you close a pledge (Fulfilled, Broken or Withdrawn).",
    )
    evidence_url = forms.URLField(
        required=False,
        label="Evidence link",
        assume_scheme="https",
        max_length=1000,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )

    @classmethod
    def initial_for(cls, commitment: Commitment) -> dict:
        return {
            "version": commitment.version,
            "status": commitment.status,
            "progress": commitment.progress,
        }


class QuickUpdateForm(ProgressUpdateForm):
    """The row form on the work queue: status, progress and a short note."""

    evidence_url = None  # type: ignore[assignment]  # the row form takes no link
    note = forms.CharField(
        required=False,
        max_length=280,
        widget=forms.TextInput(attrs={"placeholder": "Short note"}),
    )


class AssignOwnerForm(VersionedForm):
    owner = PersonChoiceField(
        queryset=selectors.assignable_users(), required=False, empty_label="Unassigned"
    )

    @classmethod
    def initial_for(cls, commitment: Commitment) -> dict:
        return {"version": commitment.version, "owner": commitment.owner_id}


class DueDateForm(VersionedForm):
    due_date = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter the date as YYYY-MM-DD."},
    )
    due_text = forms.CharField(required=False, max_length=200, label="Wording of the deadline")

    @classmethod
    def initial_for(cls, commitment: Commitment) -> dict:
        return {
            "version": commitment.version,
            "due_date": commitment.due_date,
            "due_text": commitment.due_text,
        }


class SnoozeForm(forms.Form):
    """Silence reminders until a date; an empty date resumes them."""

    until = forms.DateField(
        required=False,
        label="Snooze reminders until",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter the date as YYYY-MM-DD."},
    )

    resume = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("resume"):
            cleaned["until"] = None
        elif not cleaned.get("until") and "until" not in self.errors:
            self.add_error("until", "Pick the date reminders should start again.")
        return cleaned


class PartyAssessmentForm(VersionedForm):
    """One signatory's own assessment of a joint pledge; blank status = as the pledge."""

    status = forms.ChoiceField(
        choices=[("", "As the pledge")] + list(Status.choices), required=False
    )
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evidence_url = forms.URLField(required=False, assume_scheme="https", label="Evidence link")
