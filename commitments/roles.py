"""Who may do what. Services and views ask here; templates only read the answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from commitments.models import Commitment

ANALYSTS = "Analysts"
MANAGERS = "Managers"
ROLE_GROUPS = (ANALYSTS, MANAGERS)


def ensure_role_groups() -> list[Group]:
    """Create the role groups if missing; safe to run any number of times."""
    return [Group.objects.get_or_create(name=name)[0] for name in ROLE_GROUPS]


def _role_flag(group: str) -> str:
    return f"in_role_{group.lower()}"


def with_roles(users: QuerySet[User]) -> QuerySet[User]:
    """The users with their role groups read in the same query: an EXISTS per role.

    Written as SQL because this runs on every request: building the same test from
    `Exists(Group.objects.filter(...))` costs more Python than the separate query it saves.
    """
    memberships = users.model.groups.through._meta.db_table
    groups = Group._meta.db_table
    people = users.model._meta.db_table
    test = (
        f"EXISTS (SELECT 1 FROM {memberships} m JOIN {groups} g ON g.id = m.group_id"
        f" WHERE m.user_id = {people}.id AND g.name = %s)"
    )
    return users.annotate(
        **{
            _role_flag(name): RawSQL(test, [name], output_field=BooleanField())
            for name in ROLE_GROUPS
        }
    )


class UserWithRolesBackend(ModelBackend):
    """Django's model backend, loading the signed-in user of each request `with_roles`, so
    asking for roles costs that request no query of its own."""

    def get_user(self, user_id):
        try:
            user = with_roles(get_user_model()._default_manager.all()).get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


def _group_names(user) -> frozenset[str]:
    """The user's role groups: read with the user, or one query the first time asked."""
    # Cached on the user object: one query per request however often roles are asked.
    cached = getattr(user, "_role_group_names", None)
    if cached is None:
        if not user.is_authenticated:
            cached = frozenset()
        elif all(hasattr(user, _role_flag(name)) for name in ROLE_GROUPS):
            cached = frozenset(name for name in ROLE_GROUPS if getattr(user, _role_flag(name)))
        else:
            cached = frozenset(
                user.groups.filter(name__in=ROLE_GROUPS).values_list("name", flat=True)
            )
        user._role_group_names = cached
    return cached


def is_manager(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and (user.is_superuser or MANAGERS in _group_names(user))


def is_analyst(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and ANALYSTS in _group_names(user)


def role_label(user: User | AnonymousUser) -> str:
    if is_manager(user):
        return "Manager"
    if is_analyst(user):
        return "Analyst"
    if user.is_authenticated and user.is_staff:
        return "Staff"
    return "Reader"


def can_update(user: User | AnonymousUser, commitment: Commitment) -> bool:
    """Record progress or change status: the owning analyst, or any manager."""
    if is_manager(user):
        return True
    return is_analyst(user) and commitment.owner_id == user.pk


def can_manage(user: User | AnonymousUser) -> bool:
    """Reassign owners, set due dates, read the board, export."""
    return is_manager(user)


def can_import(user: User | AnonymousUser) -> bool:
    return is_manager(user) or is_analyst(user)
