"""Forms for tracking a pledge: money reaching a stage, milestones and evidence items.

They parse input; `services.tracking` decides what is allowed and what a bad value means.
"""

from __future__ import annotations

from django import forms

from commitments.forms import VersionedForm
from commitments.models import EvidenceKind, MilestoneStatus, MoneyStage


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


DATE_ERRORS = {"invalid": "Enter the date as YYYY-MM-DD."}


class MoneyRecordForm(VersionedForm):
    stage = forms.ChoiceField(choices=MoneyStage.choices, initial=MoneyStage.COMMITTED)
    amount = forms.DecimalField(
        min_value=0,
        max_digits=20,
        decimal_places=2,
        error_messages={
            "invalid": "The amount is a number, for example 20000000.",
            "min_value": "The amount is a positive number.",
        },
    )
    currency = forms.CharField(max_length=10, help_text="ISO code, e.g. GBP.")
    on = forms.DateField(label="Date", widget=_date_input(), error_messages=DATE_ERRORS)
    evidence_url = forms.URLField(
        required=False,
        label="Link to the agreement or payment",
        assume_scheme="https",
        max_length=1000,
    )
    note = forms.CharField(required=False, max_length=300, label="About this money")

    @classmethod
    def initial_for(cls, commitment) -> dict:
        return {"version": commitment.version, "currency": commitment.currency}


class MilestoneForm(VersionedForm):
    title = forms.CharField(max_length=300, label="Milestone")
    due_date = forms.DateField(
        required=False, label="Due", widget=_date_input(), error_messages=DATE_ERRORS
    )
    weight = forms.IntegerField(
        min_value=1,
        max_value=1000,
        initial=1,
        help_text="Its share of the pledge against the other milestones.",
        error_messages={
            "invalid": "The weight is a whole number from 1 to 1000.",
            "min_value": "The weight is a whole number from 1 to 1000.",
            "max_value": "The weight is a whole number from 1 to 1000.",
        },
    )


class MilestoneStatusForm(VersionedForm):
    status = forms.ChoiceField(choices=MilestoneStatus.choices)


class EvidenceForm(VersionedForm):
    kind = forms.ChoiceField(choices=EvidenceKind.choices, label="Kind of evidence")
    title = forms.CharField(max_length=300, label="Title of the evidence")
    url = forms.URLField(required=False, label="Link", assume_scheme="https", max_length=1000)
    source = forms.IntegerField(
        required=False,
        min_value=1,
        label="Or a tracked article's number",
        help_text="The number in the article's address, /sources/<number>/.",
    )
    publisher = forms.CharField(required=False, max_length=200)
    published_on = forms.DateField(label="Dated", widget=_date_input(), error_messages=DATE_ERRORS)
    note = forms.CharField(
        required=False, label="What it shows", widget=forms.Textarea(attrs={"rows": 2})
    )
