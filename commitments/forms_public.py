"""The readers' correction form: raw fields for the service to judge, and a honeypot.

The public pledge page writes these fields out by hand (same names), to render fast.
"""

from __future__ import annotations

from django import forms

from commitments.services.corrections import TEXT_MAX


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label="What is wrong, or what evidence do you have?",
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_MAX}),
        required=False,
    )
    url = forms.CharField(
        label="A link to the evidence (optional)",
        required=False,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    email = forms.CharField(
        label="Your e-mail, if we may ask you about it (optional, never published)",
        required=False,
        widget=forms.EmailInput(),
    )
    # People never see this field (hidden by the style sheet, skipped by screen readers);
    # form-filling robots do, and fill it in.
    website = forms.CharField(
        label="Leave this empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_robot(self) -> bool:
        return bool(self.is_valid() and self.cleaned_data["website"].strip())
