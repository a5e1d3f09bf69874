from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from commitments.models import Commitment, Status
from tests.factories import CommitmentFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("progress", [101, 250])
def test_progress_above_100_is_refused_by_the_database(progress):
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitmentFactory(progress=progress)


def test_unknown_status_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitmentFactory(status="maybe")


def test_unknown_topic_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitmentFactory(topic="gardening")


def test_quote_span_is_unique_within_its_source():
    source = SourceFactory()
    CommitmentFactory(source=source, quote_start=10, quote_end=40)
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitmentFactory(source=source, quote_start=10, quote_end=40)
    # The same span in another article is another pledge.
    CommitmentFactory(quote_start=10, quote_end=40)


def test_empty_quote_span_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitmentFactory(quote_start=10, quote_end=10)


def test_amount_needs_a_currency():
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitmentFactory(amount=70_000_000, currency="")
    assert CommitmentFactory(amount=70_000_000, currency="GBP").amount == 70_000_000


def test_one_article_is_stored_once():
    source = SourceFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceFactory(sha256=source.sha256)


def test_open_overdue_due_soon_and_stale_querysets():
    today = date(2026, 6, 15)
    now = timezone.make_aware(timezone.datetime(2026, 6, 15, 9))
    overdue = CommitmentFactory(due_date=today - timedelta(days=1), last_progress_at=now)
    due_soon = CommitmentFactory(due_date=today + timedelta(days=7), last_progress_at=now)
    later = CommitmentFactory(due_date=today + timedelta(days=8), last_progress_at=now)
    stale = CommitmentFactory(last_progress_at=now - timedelta(days=31))
    fresh = CommitmentFactory(last_progress_at=now - timedelta(days=29))
    closed_overdue = CommitmentFactory(
        due_date=today - timedelta(days=5), status=Status.FULFILLED, last_progress_at=now
    )
    closed_stale = CommitmentFactory(
        status=Status.BROKEN, last_progress_at=now - timedelta(days=90)
    )

    objects = Commitment.objects
    assert set(objects.overdue(today=today)) == {overdue}
    assert set(objects.due_soon(today=today)) == {due_soon}
    assert set(objects.stale(today=today)) == {stale}
    assert set(objects.closed()) == {closed_overdue, closed_stale}
    assert set(objects.open()) == {overdue, due_soon, later, stale, fresh}
    assert overdue.is_overdue(today) and not closed_overdue.is_overdue(today)
    assert stale.is_stale(today) and not fresh.is_stale(today) and not closed_stale.is_stale(today)


def test_stale_follows_the_setting(settings):
    settings.STALE_AFTER_DAYS = 10
    now = timezone.now()
    pledge = CommitmentFactory(last_progress_at=now - timedelta(days=11))
    assert list(Commitment.objects.stale(today=timezone.localdate(now))) == [pledge]
