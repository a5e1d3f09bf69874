"""Who a write is made by: a signed-in person, or the app itself, named explicitly."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User


@dataclass(frozen=True)
class SystemActor:
    """The app acting on its own (commands, seeding): no permission check, recorded as nobody."""

    name: str = "system"


SYSTEM = SystemActor()

Actor = User | SystemActor


def checked(actor: object) -> Actor:
    """Every write names who makes it; a missing one is a bug, not a pass on the checks."""
    if not isinstance(actor, User | SystemActor):
        raise TypeError(f"A service needs user=<a User> or user=services.SYSTEM, not {actor!r}.")
    return actor


def person_of(actor: Actor) -> User | None:
    """The user to record as author, or None for the system."""
    return None if isinstance(actor, SystemActor) else actor


def is_system(actor: Actor) -> bool:
    return isinstance(actor, SystemActor)
