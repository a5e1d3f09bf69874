from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.management import call_command

from commitments import roles

pytestmark = pytest.mark.django_db


def test_role_groups_exist_after_migrations_and_setup_is_idempotent():
    assert set(Group.objects.values_list("name", flat=True)) >= {"Analysts", "Managers"}
    call_command("setup_roles")
    call_command("setup_roles")
    assert Group.objects.filter(name__in=roles.ROLE_GROUPS).count() == 2


def test_who_may_update(commitment, owner, other_analyst, manager, staff):
    anonymous = AnonymousUser()
    assert roles.can_update(owner, commitment)
    assert not roles.can_update(other_analyst, commitment)
    assert roles.can_update(manager, commitment)
    assert roles.can_update(staff, commitment)  # superusers manage
    assert not roles.can_update(anonymous, commitment)


def test_who_may_manage(owner, manager, staff):
    assert not roles.can_manage(owner)
    assert roles.can_manage(manager) and roles.can_manage(staff)
    assert not roles.can_manage(AnonymousUser())
    assert roles.role_label(owner) == "Analyst" and roles.role_label(manager) == "Manager"


def test_role_lookups_cost_one_query_per_user(owner, django_assert_num_queries):
    with django_assert_num_queries(1):  # the user's group names, then cached
        for _ in range(5):
            roles.is_manager(owner)
            roles.is_analyst(owner)


def test_seed_demo_is_idempotent(monkeypatch, django_user_model):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-123")
    call_command("seed_demo")
    call_command("seed_demo")
    assert django_user_model.objects.count() == 4
    admin = django_user_model.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("demo-pass-123")
    assert roles.is_analyst(django_user_model.objects.get(username="analyst1"))
    assert roles.is_manager(django_user_model.objects.get(username="manager"))


def test_the_signed_in_user_loads_with_their_roles(
    owner, manager, staff, django_assert_num_queries
):
    backend = roles.UserWithRolesBackend()
    with django_assert_num_queries(3):  # one each: the roles come in the user's own query
        analyst, boss, superuser = (backend.get_user(u.pk) for u in (owner, manager, staff))
        assert roles.is_analyst(analyst) and not roles.is_manager(analyst)
        assert roles.is_manager(boss) and roles.role_label(boss) == "Manager"
        assert roles.is_manager(superuser) and not roles.is_analyst(superuser)
    manager.groups.clear()  # what the admin's user form does
    assert not roles.is_manager(backend.get_user(manager.pk))


def test_a_deactivated_user_is_signed_out(owner):
    owner.is_active = False
    owner.save()
    assert roles.UserWithRolesBackend().get_user(owner.pk) is None
