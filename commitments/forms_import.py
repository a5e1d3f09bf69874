"""Forms of the web import: the article (step 1), then the review of its candidates (step 2)."""

from __future__ import annotations

import dataclasses

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from commitments.extraction import Article, ArticleError, Candidate
from commitments.importing import describe_size, read_bytes
from commitments.models import Topic

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ArticleForm(forms.Form):
    text = forms.CharField(
        label="Paste the article",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "cols": 80}),
        help_text="Plain text or HTML. It may start with a line 'date YYYY-MM-DD'.",
    )
    file = forms.FileField(label="or upload a file", required=False)
    title = forms.CharField(label="Title", max_length=300, required=False)
    published_on = forms.DateField(
        label="Publication date",
        required=False,
        widget=DATE_INPUT,
        help_text="Needed when the article has no 'date' line.",
    )
    publisher = forms.CharField(label="Publisher", max_length=200, required=False)
    url = forms.URLField(
        label="Web address", max_length=1000, required=False, assume_scheme="https"
    )

    article: Article

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if self.errors:
            return cleaned
        text, upload = cleaned.get("text") or "", cleaned.get("file")
        if text.strip() and upload:
            raise ValidationError("Paste the text or upload a file, not both.")
        if upload:
            if upload.size > settings.IMPORT_MAX_BYTES:
                limit = describe_size(settings.IMPORT_MAX_BYTES)
                raise ValidationError(f"The file is larger than {limit}: trim it first.")
            raw, filename = upload.read(), upload.name
        elif text.strip():
            raw, filename = text.encode("utf-8"), ""
        else:
            raise ValidationError("Paste the article's text or upload a file.")
        try:
            article = read_bytes(raw, filename=filename, published_on=cleaned.get("published_on"))
        except ArticleError as error:
            if error.code == ArticleError.UNDATED:
                self.add_error(
                    "published_on",
                    "No publication date: give it here, or start the text with “date YYYY-MM-DD”.",
                )
                return cleaned
            raise ValidationError(str(error)) from None
        title = " ".join(cleaned.get("title", "").split())
        self.article = dataclasses.replace(article, title=title) if title else article
        return cleaned


class ReviewForm(forms.Form):
    title = forms.CharField(label="Title", max_length=300)
    published_on = forms.DateField(label="Publication date", widget=DATE_INPUT)

    def clean_published_on(self):
        published_on = self.cleaned_data["published_on"]
        if published_on > timezone.localdate():
            raise ValidationError(f"The publication date {published_on} is in the future.")
        return published_on


class CandidateForm(forms.Form):
    """One proposed pledge. The offsets only identify it: the saved quote comes from the server."""

    include = forms.BooleanField(label="Keep", required=False)
    start = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    end = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    title = forms.CharField(label="Title", max_length=300, required=False)
    actor = forms.CharField(label="Actor", max_length=200, required=False)
    topic = forms.ChoiceField(label="Topic", choices=Topic.choices)
    due_date = forms.DateField(label="Due date", required=False, widget=DATE_INPUT)
    owner = forms.TypedChoiceField(label="Owner", coerce=int, required=False, empty_value=None)

    def __init__(self, *args, candidate: Candidate, owner_choices, number: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidate = candidate
        self.number = number
        # Choices are built once per request and shared, so the forms cost no query each.
        owner = self.fields["owner"]
        assert isinstance(owner, forms.TypedChoiceField)
        owner.choices = owner_choices

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if not cleaned.get("include"):
            return cleaned
        for name, what in (("title", "a title"), ("actor", "who pledged")):
            if not " ".join((cleaned.get(name) or "").split()):
                self.add_error(name, f"Give {what}, or untick this pledge.")
        return cleaned

    def chosen(self) -> Candidate:
        data = self.cleaned_data
        return dataclasses.replace(
            self.candidate,
            title=" ".join(data["title"].split()),
            actor=" ".join(data["actor"].split()),
            topic=data["topic"],
            due_date=data["due_date"],
        )


def candidate_initial(candidate: Candidate, *, owner_id: int | None) -> dict:
    return {
        "include": True,
        "start": candidate.start,
        "end": candidate.end,
        "title": candidate.title,
        "actor": candidate.actor,
        "topic": candidate.topic if candidate.topic in Topic.values else Topic.OTHER,
        "due_date": candidate.due_date,
        "owner": owner_id,
    }
