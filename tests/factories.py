from __future__ import annotations

import hashlib
from datetime import date

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from commitments.models import Commitment, ProgressUpdate, Source, Status, Topic
from commitments.roles import ANALYSTS, MANAGERS


def _joins(default_group: str | None):
    """A post-generation hook adding the user to a role group (override with role=...)."""

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        name = extracted or default_group
        if create and name:
            user.groups.add(Group.objects.get_or_create(name=name)[0])

    return role


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("password")

    role = _joins(None)


class AnalystFactory(UserFactory):
    role = _joins(ANALYSTS)


class ManagerFactory(UserFactory):
    role = _joins(MANAGERS)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Article {n}")
    publisher = "Example News"
    published_on = date(2022, 3, 31)
    body = factory.Sequence(
        lambda n: f"Article {n}. The UK will fund a new programme with India. " * 3
    )
    sha256 = factory.LazyAttribute(lambda s: hashlib.sha256(s.body.encode()).hexdigest())


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    source = factory.SubFactory(SourceFactory)
    title = factory.Sequence(lambda n: f"Fund programme {n}")
    quote = "The UK will fund a new programme with India."
    quote_start = factory.Sequence(lambda n: n * 50)
    quote_end = factory.LazyAttribute(lambda c: c.quote_start + len(c.quote))
    actor = "United Kingdom"
    counterparty = "India"
    topic = Topic.DIPLOMACY
    status = Status.NOT_STARTED
    progress = 0
    # As the services create them: no progress recorded since the pledge was created.
    created_at = factory.LazyFunction(timezone.now)
    last_progress_at = factory.LazyAttribute(lambda c: c.created_at)


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    commitment = factory.SubFactory(CommitmentFactory)
    version = 2
    old_status = Status.NOT_STARTED
    new_status = Status.IN_PROGRESS
    old_progress = 0
    new_progress = 10
    note = "Work has begun."
