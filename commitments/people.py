"""How a person is named everywhere: full name, or the username when there is none."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django_filters.fields import ModelChoiceField as FilterModelChoiceField
from django_filters.filters import ModelChoiceFilter


def display_name(user: User | None, nobody: str = "Someone") -> str:
    if user is None:
        return nobody
    return user.get_full_name() or user.get_username()


class PersonChoiceField(forms.ModelChoiceField):
    """A choice of user, each shown by name."""

    def label_from_instance(self, obj: Any) -> str:
        return display_name(obj)


class PersonFilterField(FilterModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return display_name(obj)


class PersonFilter(ModelChoiceFilter):
    field_class = PersonFilterField
