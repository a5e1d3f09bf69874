"""Real workers: a Celery worker in this process against Redis, and worker and scan
processes on the embedded defaults (file-system broker, SQLite file, mail to files)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from commitments.models import Reminder
from tests.factories import CommitmentFactory

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2024-05-01"

SEED = """
import django; django.setup()
from datetime import date, timedelta
from django.core.management import call_command
from tests.factories import AnalystFactory, CommitmentFactory
call_command("migrate", verbosity=0)
for i in range(3):
    owner = AnalystFactory(username=f"analyst{i}")
    for j in range(4):
        CommitmentFactory(owner=owner, due_date=date(2024, 5, 1) + timedelta(days=j - 1))
"""


@pytest.fixture
def embedded(tmp_path):
    """Environment for project processes on the embedded defaults, all under tmp_path."""
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'tracker.sqlite3'}",
        "CELERY_BROKER_URL": "",
        "SECRET_KEY": "x" * 50,
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        "PYTHONPATH": str(ROOT),
    }
    seeded = subprocess.run(
        [sys.executable, "-c", SEED], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert seeded.returncode == 0, seeded.stderr
    return env, tmp_path


def sent_messages(var_dir: Path) -> list[str]:
    """The To: lines of every message the file backend wrote."""
    folder = var_dir / "mail"
    if not folder.is_dir():
        return []
    return sorted(
        line
        for path in folder.iterdir()
        for line in path.read_text().splitlines()
        if line.startswith("To: ")
    )


def stop(process: subprocess.Popen) -> str:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
    return process.stdout.read() if process.stdout else ""


def test_a_worker_process_runs_a_scan_sent_from_another_process(embedded):
    env, tmp_path = embedded
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "tracker", "worker", "--pool=solo",
         "--concurrency=1", "--without-gossip", "--without-mingle", "--loglevel=INFO"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    log = ""
    try:
        sender = subprocess.run(
            [sys.executable, "-c", "import django; django.setup();"
             "from commitments.tasks import reminders_scan;"
             f"reminders_scan.delay({TODAY!r})"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert sender.returncode == 0, sender.stderr
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(sent_messages(tmp_path / "var")) < 3:
            assert worker.poll() is None, "the worker exited early"
            time.sleep(0.5)
    finally:
        log = stop(worker)
    assert sent_messages(tmp_path / "var") == [
        "To: analyst0@example.org",
        "To: analyst1@example.org",
        "To: analyst2@example.org",
    ], log
    with sqlite3.connect(tmp_path / "tracker.sqlite3") as db:
        ((unsent, sent),) = db.execute(
            "SELECT SUM(sent_at IS NULL), SUM(sent_at IS NOT NULL) FROM commitments_reminder"
        ).fetchall()
    assert (unsent, sent) == (0, 12)


def test_two_scan_processes_at_once_send_each_reminder_once(embedded):
    env, tmp_path = embedded
    command = [sys.executable, "manage.py", "send_reminders", "--date", TODAY]
    scans = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [scan.communicate(timeout=120)[0] for scan in scans]
    assert [scan.returncode for scan in scans] == [0, 0], outputs
    assert sent_messages(tmp_path / "var") == [
        "To: analyst0@example.org",
        "To: analyst1@example.org",
        "To: analyst2@example.org",
    ]
    with sqlite3.connect(tmp_path / "tracker.sqlite3") as db:
        rows = db.execute(
            "SELECT commitment_id, reason, COUNT(*) FROM commitments_reminder "
            "GROUP BY commitment_id, reason"
        ).fetchall()
    assert len(rows) == 12 and {count for *_key, count in rows} == {1}


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_against_redis_runs_a_scan_end_to_end(owner, other_analyst):
    if not settings.CELERY_BROKER_URL.startswith("redis://"):
        pytest.skip("needs CELERY_BROKER_URL=redis://... (a Redis broker for a real worker)")
    from celery.contrib.testing.worker import start_worker

    from commitments.tasks import reminders_scan
    from tracker.celery import app

    today = timezone.localdate()
    CommitmentFactory(owner=owner, due_date=today + timedelta(days=2))
    CommitmentFactory(owner=owner, due_date=today - timedelta(days=3))
    CommitmentFactory(owner=other_analyst, due_date=today)
    app.control.purge()  # leftovers from an earlier run must not count
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        reminders_scan.delay()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (
            len(mail.outbox) < 2 or Reminder.objects.filter(sent_at__isnull=True).exists()
        ):
            time.sleep(0.2)
        time.sleep(0.5)  # a duplicate would arrive now
    assert sorted(m.to[0] for m in mail.outbox) == [other_analyst.email, owner.email]
    assert Reminder.objects.count() == 3
    assert not Reminder.objects.filter(sent_at__isnull=True).exists()
