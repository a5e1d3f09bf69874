"""Two people saving the same pledge at the same moment: one wins, the other is told."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from commitments import services
from commitments.models import Commitment, ProgressUpdate
from tests.factories import CommitmentFactory, ManagerFactory


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_from_one_version_keep_exactly_one():
    manager = ManagerFactory(username="m1")
    second = ManagerFactory(username="m2")
    pledge = CommitmentFactory()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def save(user, progress):
        try:
            barrier.wait(timeout=5)
            services.progress_record(
                commitment_id=pledge.pk, user=user, expected_version=1, progress=progress
            )
            outcomes.append("saved")
        except services.CommitmentConflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(manager, 40)),
        threading.Thread(target=save, args=(second, 60)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["conflict", "saved"]
    pledge = Commitment.objects.get(pk=pledge.pk)
    update = ProgressUpdate.objects.get()
    assert pledge.version == 2
    assert pledge.progress == update.new_progress
