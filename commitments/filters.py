"""The pledge list's filters (django-filter): the same GET form with or without JavaScript."""

from __future__ import annotations

from datetime import date

import django_filters
from django import forms
from django.db.models import Exists, F, Model, OuterRef, Q, QuerySet
from django.utils import timezone

from commitments import scorecards, selectors, states, tracking
from commitments.extraction.parties import one_spelling
from commitments.models import (
    CLOSED_STATUSES,
    Commitment,
    CommitmentQuerySet,
    MoneyStage,
    PartyKind,
    PartyRole,
    ProgressUpdate,
    Source,
    Status,
    Topic,
)
from commitments.parties import resolve_party
from commitments.people import PersonFilter

YES, NO = "yes", "no"
YES_NO = ((YES, "Yes"), (NO, "No"))
SEARCH_MAX_WORDS = 10
SEARCH_MAX_LENGTH = 200
PARTY_STATUS_CHOICES = [
    *Status.choices,
    (scorecards.CLOSED, "Any closed status"),
    (scorecards.SCORED, "Scored for compliance"),
]


def _few_words(value: str) -> None:
    # Each word is one more pass over titles, quotes and actors.
    if len(value.split()) > SEARCH_MAX_WORDS:
        raise forms.ValidationError(
            f"Search for at most {SEARCH_MAX_WORDS} words; fewer, more distinctive words find more."
        )


class StableOrderingFilter(django_filters.OrderingFilter):
    """Sorting that ends on the id, so pages never repeat or skip a pledge; blanks go last."""

    def filter(self, qs: QuerySet, value) -> QuerySet:
        qs = super().filter(qs, value)
        if not value:
            return qs
        order = [
            F(name.lstrip("-")).desc(nulls_last=True)
            if name.startswith("-")
            else F(name).asc(nulls_last=True)
            for name in qs.query.order_by
            if isinstance(name, str)
        ]
        return qs.order_by(*order, "id")


class SelectedOnlySelect(forms.Select):
    """A select that lists the empty choice and the chosen object only, never the whole table:
    a list filtered by article offers that article (or none), not every article imported."""

    selected: Model | None = None

    def optgroups(self, name, value, attrs=None):
        field = self.choices.field  # type: ignore[attr-defined]  # a ModelChoiceIterator
        wanted = [v for v in value if v]
        if self.selected is not None and str(self.selected.pk) in wanted:
            chosen = [self.selected]
        else:
            ids = [v for v in wanted if v.isdigit() and int(v) < 2**63]  # a database integer
            chosen = list(field.queryset.filter(pk__in=ids))
        everything = self.choices
        self.choices = [("", field.empty_label)] + [
            (obj.pk, field.label_from_instance(obj)) for obj in chosen
        ]
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = everything


class SelectedOnlyChoiceField(django_filters.fields.ModelChoiceField):
    """Hands the object it validated to its widget, so rendering needs no second query."""

    widget = SelectedOnlySelect

    def to_python(self, value):
        found = super().to_python(value)
        self.widget.selected = found if isinstance(found, Model) else None
        return found


class SelectedOnlyFilter(django_filters.ModelChoiceFilter):
    field_class = SelectedOnlyChoiceField


class CommitmentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label="Search",
        max_length=SEARCH_MAX_LENGTH,
        validators=[_few_words],
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Title, quote or actor"}),
    )
    status = django_filters.ChoiceFilter(choices=Status.choices, empty_label="Any status")
    state = django_filters.ChoiceFilter(
        choices=(("open", "Open"), ("closed", "Closed")),
        method="filter_state",
        label="Open or closed",
        empty_label="Open and closed",
    )
    topic = django_filters.ChoiceFilter(choices=Topic.choices, empty_label="Any topic")
    actor = django_filters.CharFilter(
        method="filter_actor", widget=forms.TextInput(attrs={"list": "actor-names"})
    )
    owner = PersonFilter(
        queryset=selectors.assignable_users(), empty_label="Anyone", null_label="Unassigned"
    )
    # Reached from an article's page ("Pledges from this article"), which passes its id.
    source = SelectedOnlyFilter(
        queryset=Source.objects.only("id", "title", "published_on"), empty_label="Any source"
    )
    overdue = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_overdue", label="Overdue", empty_label="Either"
    )
    stale = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_stale", label="Stale", empty_label="Either"
    )
    due = django_filters.DateFromToRangeFilter(
        field_name="due_date",
        label="Due between",
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
    )
    # A party, its kind, its role and its own assessment: applied together, to one link.
    party = django_filters.CharFilter(
        method="filter_party", widget=forms.TextInput(attrs={"list": "party-names"}), label="Party"
    )
    party_kind = django_filters.ChoiceFilter(
        choices=PartyKind.choices,
        method="filter_party",
        label="Kind of party",
        empty_label="Any kind",
    )
    role = django_filters.ChoiceFilter(
        choices=PartyRole.choices,
        method="filter_party",
        label="Party's role",
        empty_label="Either role",
    )
    party_status = django_filters.ChoiceFilter(
        choices=PARTY_STATUS_CHOICES,
        method="filter_party",
        label="Party's assessment",
        empty_label="Any assessment",
    )
    closed_in = django_filters.CharFilter(
        method="filter_closed_in", widget=forms.HiddenInput, label="Closed in month"
    )
    # Tracking: what happened to the money, milestones, moved deadlines, verification.
    money_stage = django_filters.ChoiceFilter(
        choices=MoneyStage.choices,
        method="filter_money_stage",
        label="Money reached",
        empty_label="Any stage",
    )
    has_milestones = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_has_milestones", label="Has milestones", empty_label="Either"
    )
    deadline_moved = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_deadline_moved", label="Deadline moved", empty_label="Either"
    )
    official_only = django_filters.ChoiceFilter(
        choices=YES_NO,
        method="filter_official_only",
        label="Evidence only official statements",
        empty_label="Either",
    )
    corroborated = django_filters.ChoiceFilter(
        choices=YES_NO,
        method="filter_corroborated",
        label="Reported by two outlets or more",
        empty_label="Either",
    )
    verified_before = django_filters.DateFilter(
        method="filter_verified_before",
        label="Last verified before",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sort = StableOrderingFilter(
        fields=(("due_date", "due"), ("status", "status"), ("last_progress_at", "updated")),
        field_labels={"due": "Due date", "status": "Status", "updated": "Last update"},
        label="Sort by",
        empty_label="Due date (default)",
    )

    class Meta:
        model = Commitment
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.label_suffix = ""

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for word in value.split():
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(quote__icontains=word) | Q(actor__icontains=word)
            )
        return queryset

    def filter_actor(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """The actor under any spelling: "United Kingdom and India" finds "India and the
        United Kingdom" too, as the board counts them."""
        wanted = one_spelling(value).casefold()
        spellings = [
            actor
            for actor in Commitment.objects.order_by().values_list("actor", flat=True).distinct()
            if one_spelling(actor).casefold() == wanted
        ]
        return queryset.filter(Q(actor__iexact=value) | Q(actor__in=spellings))

    def filter_party(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Party, kind, role and assessment filter the same link row together; the first of
        them to run applies them all. An unknown party (by slug, name or code) finds none."""
        if getattr(self, "_parties_applied", False):
            return queryset
        self._parties_applied = True
        data = self.form.cleaned_data
        party = None
        if data.get("party"):
            party = resolve_party(data["party"])
            if party is None:
                self.form.errors.setdefault("party", self.form.error_class()).append(
                    f"No party goes by “{data['party']}”: choose one from the suggestions."
                )
                return queryset.none()
        return scorecards.pledges_with_party(
            queryset,
            party,
            role=data.get("role") or "",
            status=data.get("party_status") or "",
            kind=data.get("party_kind") or "",
        )

    def filter_state(
        self, queryset: CommitmentQuerySet, name: str, value: str
    ) -> CommitmentQuerySet:
        return queryset.open() if value == "open" else queryset.closed()

    def filter_overdue(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        overdue = states.overdue_q(timezone.localdate())
        return queryset.filter(overdue) if value == YES else queryset.exclude(overdue)

    def filter_stale(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        stale = states.stale_q(timezone.localdate())
        return queryset.filter(stale) if value == YES else queryset.exclude(stale)

    def filter_money_stage(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(tracking.money_stage_q(value))

    def filter_has_milestones(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        q = tracking.has_milestones_q()
        return queryset.filter(q) if value == YES else queryset.exclude(q)

    def filter_deadline_moved(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        q = tracking.deadline_moved_q()
        return queryset.filter(q) if value == YES else queryset.exclude(q)

    def filter_official_only(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        q = tracking.official_only_q()
        return queryset.filter(q) if value == YES else queryset.exclude(q)

    def filter_corroborated(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        q = tracking.corroborated_q()
        return queryset.filter(q) if value == YES else queryset.exclude(q)

    def filter_verified_before(self, queryset: QuerySet, name: str, value: date) -> QuerySet:
        """Never verified, or the newest evidence is dated before `value`."""
        return queryset.exclude(tracking.verified_since_q(value))

    def filter_closed_in(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Pledges closed in a month (YYYY-MM): the board's fulfilment chart links here."""
        try:
            year, month = (int(part) for part in value.split("-"))
            start = date(year, month, 1)
            end = date(year + month // 12, month % 12 + 1, 1)
        except (ValueError, OverflowError):  # not a month, or one past the calendar
            return queryset.none()
        closing = ProgressUpdate.objects.filter(
            commitment=OuterRef("pk"),
            new_status__in=CLOSED_STATUSES,
            created_at__gte=selectors.local_midnight(start),
            created_at__lt=selectors.local_midnight(end),
        ).exclude(old_status__in=CLOSED_STATUSES)
        return queryset.filter(Exists(closing))
