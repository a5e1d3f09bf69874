"""Reminders through faults, with real worker processes on the embedded defaults and a mail
server in this test: a worker killed with `kill -9` while a mail server is accepting its
message, and a mail server down then up. Every reminder ends sent; a message is sent twice
only for a send caught between the server accepting it and our commit (at most one per
killed process, with the same Message-ID), never because a scan re-sent rows in flight."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter

import pytest

from tests import smtp
from tests.smtp import Mailbox
from tests.test_worker import ROOT, TODAY, embedded  # noqa: F401 - the fixture

OWNERS = ["analyst0@example.org", "analyst1@example.org", "analyst2@example.org"]
WORKERS = 2  # pool processes in the worker that gets killed


@pytest.fixture
def mail_server():
    server = smtp.start()
    yield server
    server.shutdown()
    server.server_close()


def with_mail(env: dict, port: int) -> dict:
    return {**env, "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(port),
            "EMAIL_USE_TLS": "false", "EMAIL_TIMEOUT": "10"}  # fmt: skip


def start_worker(env: dict, concurrency: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "tracker", "worker", "--pool=prefork",
         f"--concurrency={concurrency}", "--without-gossip", "--without-mingle",
         "--loglevel=INFO"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,  # its own process group, so kill -9 reaches every process
    )  # fmt: skip


def scan(env: dict) -> None:
    sender = subprocess.run(
        [sys.executable, "-c", "import django; django.setup();"
         "from commitments.tasks import reminders_scan;"
         f"reminders_scan.delay({TODAY!r})"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert sender.returncode == 0, sender.stderr


def unsent(tmp_path) -> int:
    with sqlite3.connect(tmp_path / "tracker.sqlite3") as db:
        ((count,),) = db.execute(
            "SELECT COUNT(*) FROM commitments_reminder WHERE sent_at IS NULL"
        ).fetchall()
    return count


def wait_for(condition, *, seconds: float, worker: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        if worker is not None:
            assert worker.poll() is None, worker.stdout.read() if worker.stdout else ""
        time.sleep(0.2)
    raise AssertionError("timed out")


def stop(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=5)


@pytest.mark.services
def test_a_worker_killed_mid_send_ends_with_every_reminder_sent_and_no_rescan_duplicate(
    embedded,  # noqa: F811
    mail_server,
):
    env, tmp_path = embedded
    env = with_mail(env, mail_server.server_address[1])
    box: Mailbox = mail_server.mailbox
    box.reply_delay = 30  # the first sends hang after the server has their message

    doomed = start_worker(env, WORKERS)
    try:
        scan(env)
        wait_for(lambda: len(box.accepted) >= 1, seconds=60, worker=doomed)
        time.sleep(0.5)  # let the other pool process reach its send too
    finally:
        os.killpg(doomed.pid, signal.SIGKILL)
        doomed.wait(timeout=10)
    caught_in_the_gap = len(box.accepted)
    assert 1 <= caught_in_the_gap <= WORKERS

    box.reply_delay = 0
    worker = start_worker(env, 1)
    try:
        scan(env)  # the next scan finds the rows the killed worker never marked
        wait_for(lambda: unsent(tmp_path) == 0, seconds=90, worker=worker)
        time.sleep(1.5)  # a duplicate would arrive now
        scan(env)  # and a later scan sends nothing more
        time.sleep(3)
    finally:
        stop(worker)

    per_owner = Counter(recipient for recipient, _ in box.accepted)
    assert sorted(per_owner) == OWNERS
    duplicates = sum(count - 1 for count in per_owner.values())
    assert duplicates <= caught_in_the_gap
    for owner, count in per_owner.items():
        if count > 1:
            ids = {mid for recipient, mid in box.accepted if recipient == owner}
            assert len(ids) == 1, f"{owner}'s resend has a new Message-ID: {ids}"


@pytest.mark.services
def test_mail_server_down_then_up_ends_with_every_reminder_sent_once(
    embedded,  # noqa: F811
    mail_server,
):
    env, tmp_path = embedded
    port = mail_server.server_address[1]
    down = with_mail(env, 1)  # nothing listens on port 1: the mail server is down
    worker = start_worker(down, 1)
    try:
        scan(down)
        time.sleep(8)
        assert unsent(tmp_path) == 12  # nothing marked sent that was not sent
    finally:
        stop(worker)

    up = with_mail(env, port)
    worker = start_worker(up, 1)
    try:
        scan(up)
        wait_for(lambda: unsent(tmp_path) == 0, seconds=90, worker=worker)
        time.sleep(3)
    finally:
        stop(worker)
    assert sorted(r for r, _ in mail_server.mailbox.accepted) == OWNERS
