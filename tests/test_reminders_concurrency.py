"""Two scans at the same moment: one Reminder per pledge and reason, one e-mail per owner.

On PostgreSQL the unique constraint and the SKIP LOCKED row locks decide; on SQLite
(a file database in tests too) IMMEDIATE transactions serialise the writers.
"""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import connection

from commitments.models import Reminder
from commitments.reminders import claims, delivery
from tests.factories import AnalystFactory, CommitmentFactory

TODAY = date(2024, 5, 1)


def run_together(count: int, target) -> list:
    barrier = threading.Barrier(count)
    results, errors = [], []

    def work():
        try:
            barrier.wait(timeout=10)
            results.append(target())
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a scan did not finish within a minute"
    assert errors == []
    return results


@pytest.mark.django_db(transaction=True)
def test_concurrent_scans_send_each_reminder_once():
    owners = [AnalystFactory(username=f"analyst{i}") for i in range(4)]
    for i, owner in enumerate(owners):
        for j in range(5):
            CommitmentFactory(owner=owner, due_date=TODAY + timedelta(days=j - 2 + i % 2))
    expected = 4 * 5  # each pledge is due soon or overdue, one reason each

    results = run_together(2, lambda: delivery.reminders_run(today=TODAY))

    assert all(d.error == "" for deliveries in results for d in deliveries)
    assert Reminder.objects.count() == expected
    assert not Reminder.objects.filter(sent_at__isnull=True).exists()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(o.email for o in owners)
    # Between them the two scans sent each owner's e-mail exactly once.
    assert sorted(d.recipient for deliveries in results for d in deliveries) == sorted(
        o.email for o in owners
    )


@pytest.mark.django_db(transaction=True)
def test_concurrent_sends_for_one_owner_send_once(owner):
    for j in range(6):
        CommitmentFactory(owner=owner, due_date=TODAY + timedelta(days=j))
    claims.reminders_claim(today=TODAY)

    results = run_together(
        3, lambda: delivery.reminders_send_to_owner(owner_id=owner.pk, today=TODAY)
    )

    assert len(mail.outbox) == 1
    assert len([r for r in results if r is not None]) == 1
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 6
