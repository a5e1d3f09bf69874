"""Who may do what. Services and views ask here; templates only read the answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import Group

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from commitments.models import Commitment

ANALYSTS = "Analysts"
MANAGERS = "Managers"
ROLE_GROUPS = (ANALYSTS, MANAGERS)


def ensure_role_groups() -> list[Group]:
    """Create the role groups if missing; safe to run any number of times."""
    return [Group.objects.get_or_create(name=name)[0] for name in ROLE_GROUPS]


def _group_names(user) -> frozenset[str]:
    # Cached on the user object: one query per request however often roles are asked.
    cached = getattr(user, "_role_group_names", None)
    if cached is None:
        if not user.is_authenticated:
            cached = frozenset()
        else:
            cached = frozenset(user.groups.values_list("name", flat=True))
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
