"""Forms of the web import: the article (step 1), then the review of its candidates (step 2)."""

from __future__ import annotations

import dataclasses

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from commitments.extraction import Amount, Article, ArticleError, Candidate
from commitments.importing import describe_size, read_bytes
from commitments.models import Topic
from commitments.services import UNKNOWN_ACTOR, quote_matches

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


class PledgeFieldsForm(forms.Form):
    """The fields of a pledge an analyst sets in review, proposed or added by hand."""

    title = forms.CharField(label="Title", max_length=300, required=False)
    actor = forms.CharField(label="Actor", max_length=200, required=False)
    counterparty = forms.CharField(label="Counterparty", max_length=200, required=False)
    topic = forms.ChoiceField(label="Topic", choices=Topic.choices)
    amount = forms.DecimalField(
        label="Amount", required=False, min_value=0, max_digits=20, decimal_places=2
    )
    currency = forms.CharField(
        label="Currency",
        max_length=3,
        required=False,
        widget=forms.TextInput(attrs={"size": 4, "placeholder": "USD"}),
    )
    due_date = forms.DateField(label="Due date", required=False, widget=DATE_INPUT)
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner = forms.TypedChoiceField(label="Owner", coerce=int, required=False, empty_value=None)

    def __init__(self, *args, owner_choices, number: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.number = number
        # Choices are built once per request and shared, so the forms cost no query each.
        owner = self.fields["owner"]
        assert isinstance(owner, forms.TypedChoiceField)
        owner.choices = owner_choices

    def check_fields(self, cleaned: dict) -> None:
        for name, what in (("title", "a title"), ("actor", "who pledged")):
            if not " ".join((cleaned.get(name) or "").split()):
                self.add_error(name, f"Give {what}, or untick this pledge.")
        currency = (cleaned.get("currency") or "").strip().upper()
        cleaned["currency"] = currency
        if currency and not (len(currency) == 3 and currency.isalpha()):
            self.add_error("currency", "A currency is a three-letter code, such as USD or EUR.")
        if cleaned.get("amount") is not None and not currency:
            self.add_error("currency", "Give the amount's currency, such as USD or EUR.")
        if currency and cleaned.get("amount") is None and "amount" not in self.errors:
            self.add_error("amount", "Give the amount, or clear the currency.")

    def pledge(self, candidate: Candidate) -> Candidate:
        """`candidate` with the fields as the analyst left them."""
        data = self.cleaned_data
        amount = None
        if data["amount"] is not None:
            amount = Amount(value=data["amount"], currency=data["currency"])
        return dataclasses.replace(
            candidate,
            title=" ".join(data["title"].split()),
            actor=" ".join(data["actor"].split()),
            counterparty=" ".join(data["counterparty"].split()),
            topic=data["topic"],
            amount=amount,
            due_date=data["due_date"],
        )


class CandidateForm(PledgeFieldsForm):
    """One proposed pledge. The offsets only identify it: the saved quote comes from the server."""

    include = forms.BooleanField(label="Keep", required=False)
    start = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    end = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    field_order = ["include", "start", "end"]

    def __init__(self, *args, candidate: Candidate, added: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidate = candidate
        self.added = added  # added by hand in this review, not proposed

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("include"):
            self.check_fields(cleaned)
        return cleaned

    def chosen(self) -> Candidate:
        return self.pledge(self.candidate)

    def as_proposed(self) -> Candidate:
        """The proposal as the page first showed it, to tell what the analyst edited."""
        return dataclasses.replace(
            self.candidate, actor=self.initial["actor"], topic=self.initial["topic"]
        )

    @property
    def is_kept(self) -> bool:
        """Ticked as the page shows it: as sent back, or as first proposed."""
        return bool(self["include"].value())

    def unresolved(self) -> list[str]:
        """What the extraction could not work out, for the analyst to check."""
        candidate, flags = self.candidate, []
        if not candidate.actor or candidate.actor == UNKNOWN_ACTOR:
            flags.append("no actor: the article does not say who will act")
        if candidate.due_date is None:
            if candidate.due_text:
                flags.append(f"due “{candidate.due_text}” could not be read as a date")
            else:
                flags.append("no due date")
        if candidate.topic not in Topic.values or candidate.topic == Topic.OTHER:
            flags.append("no topic")
        return flags


class AddPledgeForm(PledgeFieldsForm):
    """A pledge the extraction missed: its words selected in the article, or its sentence chosen.

    A selection arrives as offsets and the words they cover; both are checked against the
    server's copy of the article, so a tampered span is refused.
    """

    sentence = forms.ChoiceField(label="Its sentence", required=False)
    start = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    end = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    quote = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)

    field_order = ["sentence", "start", "end", "quote"]

    def __init__(self, *args, body: str, sentences: list[tuple[int, int]], **kwargs):
        super().__init__(*args, **kwargs)
        self.body = body
        sentence = self.fields["sentence"]
        assert isinstance(sentence, forms.ChoiceField)
        sentence.choices = [("", "Choose a sentence…")] + [
            (f"{start}-{end}", _shorten(body[start:end])) for start, end in sentences
        ]

    @property
    def is_filled(self) -> bool:
        """The analyst started adding a pledge: a span is selected or a sentence chosen."""
        return any(self.data.get(self.add_prefix(name)) for name in ("sentence", "quote"))

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        start, end, quote = cleaned.get("start"), cleaned.get("end"), cleaned.get("quote")
        if quote or start is not None or end is not None:
            if not quote_matches(self.body, start, end, quote or ""):
                raise ValidationError(
                    "The selected words are not the article's at these offsets: "
                    "nothing was added; select them in the article again."
                )
        elif cleaned.get("sentence"):
            start, end = (int(n) for n in cleaned["sentence"].split("-"))
        else:
            raise ValidationError(
                "Select the pledge's words in the article, or choose its sentence from the list."
            )
        cleaned["start"], cleaned["end"] = start, end
        if not " ".join((cleaned.get("title") or "").split()):
            cleaned["title"] = _shorten(self.body[start:end], 300)
        self.check_fields(cleaned)
        return cleaned

    def candidate(self) -> Candidate:
        start, end = self.cleaned_data["start"], self.cleaned_data["end"]
        blank = Candidate(
            title="",
            quote=self.body[start:end],
            start=start,
            end=end,
            actor="",
            counterparty="",
            topic=Topic.OTHER,
            amount=None,
            due_date=None,
            due_text="",
            confidence=None,  # type: ignore[arg-type]  # a person's choice, not a guess
            cue="",
        )
        return self.pledge(blank)


def _shorten(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def candidate_initial(candidate: Candidate, *, owner_id: int | None) -> dict:
    return {
        "include": True,
        "start": candidate.start,
        "end": candidate.end,
        "title": candidate.title,
        "actor": "" if candidate.actor == UNKNOWN_ACTOR else candidate.actor,
        "counterparty": candidate.counterparty,
        # Plain digits, as the amount field shows and reads them ("7E+7" would not do).
        "amount": format(candidate.amount.value, "f") if candidate.amount else None,
        "currency": candidate.amount.currency if candidate.amount else "",
        "topic": candidate.topic if candidate.topic in Topic.values else Topic.OTHER,
        "due_date": candidate.due_date,
        "owner": owner_id,
    }
