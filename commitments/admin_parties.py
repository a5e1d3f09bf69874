"""The admin's parties: merge two, add an alias, assign a party to pledges in bulk, and the
pledge list's filters by party, kind and role. Every write goes through the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse

from commitments import roles, scorecards, services
from commitments.admin_actions import ReadOnlyInline, form_action
from commitments.http import AuthenticatedHttpRequest
from commitments.models import Party, PartyKind, PartyRole, PledgeParty

# --- The pledge list's filters: party, kind and role apply together, as on the pledge list.

PARTY, KIND, ROLE = "party", "party_kind", "party_role"


def _party_params(request: HttpRequest) -> dict[str, str]:
    return {name: request.GET.get(name, "") for name in (PARTY, KIND, ROLE)}


class _PartyListFilter(admin.SimpleListFilter):
    def queryset(self, request, queryset):
        params = _party_params(request)
        # The first of the three given applies all three.
        first = next((name for name in (PARTY, KIND, ROLE) if params[name]), None)
        if first != self.parameter_name:
            return queryset
        party = Party.objects.filter(pk=params[PARTY]).first() if params[PARTY].isdigit() else None
        if params[PARTY] and party is None:
            return queryset.none()
        return scorecards.pledges_with_party(queryset, party, role=params[ROLE], kind=params[KIND])


class PartyFilter(_PartyListFilter):
    title = "party"
    parameter_name = PARTY

    def lookups(self, request, model_admin):
        # Only parties with pledges: one query, however many parties the table holds.
        return [
            (p.pk, p.name)
            for p in Party.objects.filter(pledge_parties__isnull=False).distinct().order_by("name")
        ]


class PartyKindFilter(_PartyListFilter):
    title = "kind of party"
    parameter_name = KIND

    def lookups(self, request, model_admin):
        return PartyKind.choices


class PartyRoleFilter(_PartyListFilter):
    title = "party's role"
    parameter_name = ROLE

    def lookups(self, request, model_admin):
        return PartyRole.choices


# --- Forms of the intermediate pages.


class AssignPartyForm(forms.Form):
    party = forms.ModelChoiceField(queryset=Party.objects.order_by("name"))
    role = forms.ChoiceField(choices=PartyRole.choices)


class MergePartiesForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Party.objects.none(),
        label="Party that stays",
        help_text="The others' pledges, names and aliases move to it; the others are deleted.",
    )

    def __init__(self, *args: Any, parties: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["target"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = parties


class AliasForm(forms.Form):
    alias = forms.CharField(max_length=200, help_text="Another name news copy uses for it.")


class PartyActionsMixin:
    """The pledge admin's "Assign party…" action."""

    message_user: Any

    @admin.action(description="Assign party…")
    def assign_party(
        self, request: AuthenticatedHttpRequest, queryset: QuerySet
    ) -> HttpResponse | None:
        if not roles.can_manage(request.user):
            raise PermissionDenied

        def write(data: dict[str, Any]) -> str:
            party, role = data["party"], data["role"]
            ids = sorted(queryset.values_list("pk", flat=True))
            changed = services.commitments_assign_party(
                commitment_ids=ids, user=request.user, party_id=party.pk, role=role
            )
            return (
                f"{party} added as {PartyRole(role).label.lower()} to {changed} of {len(ids)}"
                f" selected pledges ({len(ids) - changed} had it already)."
            )

        return form_action(
            self,
            request,
            queryset,
            AssignPartyForm,
            action="assign_party",
            title="Assign a party",
            write=write,
        )


class PledgePartyInline(ReadOnlyInline):
    """A pledge's parties, read here; they change through the texts, the actions and the
    pledge page's assessments."""

    model = PledgeParty
    fields = readonly_fields = ("party", "role", "position", "status", "note", "assessed_by")
    verbose_name_plural = "Parties"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("party", "assessed_by")


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "code", "needs_review", "pledge_count")
    list_filter = ("kind", "needs_review")
    search_fields = ("name", "code", "slug")
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "slug", "kind", "code", "aliases", "demonyms", "needs_review")
    actions = ("merge_parties", "add_alias")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_pledges=Count("pledge_parties"))

    @admin.display(description="pledges", ordering="_pledges")
    def pledge_count(self, party: Party) -> int:
        return party._pledges  # type: ignore[attr-defined]

    def has_add_permission(self, request) -> bool:
        return roles.can_manage(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return roles.can_manage(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        # A party with pledges is merged, never deleted (the links protect it).
        return False

    @admin.action(description="Merge parties…")
    def merge_parties(
        self, request: AuthenticatedHttpRequest, queryset: QuerySet
    ) -> HttpResponse | None:
        if not roles.can_manage(request.user):
            raise PermissionDenied
        if queryset.count() < 2:
            self.message_user(request, "Select two or more parties to merge.", messages.ERROR)
            return None

        def write(data: dict[str, Any]) -> str:
            target = data["target"]
            merged = [p.pk for p in queryset if p.pk != target.pk]
            services.party_merge(target_id=target.pk, merged_ids=merged, user=request.user)
            return f"{len(merged)} parties merged into {target}."

        return form_action(
            self,
            request,
            queryset,
            MergePartiesForm,
            action="merge_parties",
            title="Merge parties",
            write=write,
            form_kwargs={"parties": queryset.order_by("name")},
        )

    @admin.action(description="Add an alias…")
    def add_alias(
        self, request: AuthenticatedHttpRequest, queryset: QuerySet
    ) -> HttpResponse | None:
        if not roles.can_manage(request.user):
            raise PermissionDenied
        if queryset.count() != 1:
            self.message_user(request, "Select one party to give an alias.", messages.ERROR)
            return None

        def write(data: dict[str, Any]) -> str:
            party = queryset.get()
            services.party_add_alias(party_id=party.pk, alias=data["alias"], user=request.user)
            return f"“{data['alias']}” now names {party}."

        return form_action(
            self,
            request,
            queryset,
            AliasForm,
            action="add_alias",
            title="Add an alias",
            write=write,
        )
