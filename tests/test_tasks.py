"""The Celery tasks: thin, enqueued after commit, retried with backoff on mail failures."""

from __future__ import annotations

import smtplib
from datetime import date, timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import CommandError, call_command
from django.utils import timezone

from commitments import tasks
from commitments.models import Reminder
from tests.factories import CommitmentFactory

TODAY = date(2024, 5, 1)


@pytest.mark.django_db
def test_the_scan_queues_one_send_per_owner_after_commit(
    owner, other_analyst, django_capture_on_commit_callbacks
):
    CommitmentFactory(owner=owner, due_date=TODAY)
    CommitmentFactory(owner=owner, due_date=TODAY + timedelta(days=1))
    CommitmentFactory(owner=other_analyst, due_date=TODAY)
    with (
        mock.patch.object(tasks.send_owner_reminders, "delay") as delay,
        django_capture_on_commit_callbacks() as callbacks,
    ):
        assert tasks.reminders_scan.apply(args=[TODAY.isoformat()]).get() == 3
        delay.assert_not_called()  # nothing is queued before the claim commits
    for callback in callbacks:
        callback()
    assert sorted(c.args for c in delay.call_args_list) == sorted(
        [(owner.pk, "2024-05-01"), (other_analyst.pk, "2024-05-01")]
    )


@pytest.mark.django_db
def test_a_failed_send_is_retried_with_backoff_and_sent_once(owner, monkeypatch):
    CommitmentFactory(owner=owner, due_date=TODAY)
    tasks.claims.reminders_claim(today=TODAY)
    real_send = EmailBackend.send_messages
    calls = []

    def down_once(self, messages):
        calls.append(messages)
        if len(calls) == 1:
            raise smtplib.SMTPConnectError(421, "Service not available")
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", down_once)
    # Eager apply() runs the retry at once, as a worker would after the countdown.
    result = tasks.send_owner_reminders.apply(args=[owner.pk, TODAY.isoformat()])
    assert result.get() == 1
    assert len(calls) == 2
    assert len(mail.outbox) == 1
    reminder = Reminder.objects.get()
    assert reminder.sent_at is not None and reminder.attempts == 2
    # Running the task again (a redelivery) sends nothing more.
    assert tasks.send_owner_reminders.apply(args=[owner.pk, TODAY.isoformat()]).get() == 0
    assert len(mail.outbox) == 1


def test_send_tasks_back_off_exponentially_on_mail_errors():
    for task in (tasks.send_owner_reminders, tasks.send_managers_digest):
        assert smtplib.SMTPException in task.autoretry_for
        assert OSError in task.autoretry_for
        assert task.retry_backoff == 60
        assert task.retry_backoff_max == 6 * 3600
        assert task.max_retries == 12


@pytest.mark.django_db
def test_the_digest_task_queues_one_send_per_manager(
    manager, owner, django_capture_on_commit_callbacks
):
    CommitmentFactory(owner=None)
    with (
        mock.patch.object(tasks.send_managers_digest, "delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert tasks.managers_digest.apply(args=[TODAY.isoformat()]).get() == 1
    delay.assert_called_once_with(manager.pk, "2024-05-01")
    assert tasks.send_managers_digest.apply(args=[manager.pk, "2024-05-01"]).get() is True
    assert tasks.send_managers_digest.apply(args=[manager.pk, "2024-05-01"]).get() is False
    assert [m.to for m in mail.outbox] == [[manager.email]]


# --- The send_reminders command


@pytest.mark.django_db
def test_send_reminders_prints_who_gets_what(owner, capsys):
    CommitmentFactory(owner=owner, due_date=TODAY)
    CommitmentFactory(owner=owner, due_date=TODAY - timedelta(days=3))
    call_command("send_reminders", "--date", "2024-05-01")
    out = capsys.readouterr().out
    assert "owner@example.org: 1 due soon, 1 overdue" in out
    assert "Sent 1 e-mail(s) for 01 May 2024." in out
    assert len(mail.outbox) == 1
    call_command("send_reminders", "--date", "2024-05-01")
    assert "Sent 0 e-mail(s)" in capsys.readouterr().out
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_send_reminders_dry_run_records_and_sends_nothing(owner, manager, capsys):
    CommitmentFactory(owner=owner, due_date=TODAY)
    CommitmentFactory(owner=None)
    call_command("send_reminders", "--date", "2024-05-01", "--dry-run", "--digest")
    out = capsys.readouterr().out
    assert "owner@example.org: 1 due soon" in out
    assert "boss@example.org: 1 managers' digest" in out
    assert "Would send 2 e-mail(s)" in out
    assert mail.outbox == []
    assert not Reminder.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["2024-13-01", "tomorrow", "01/05/2024"])
def test_send_reminders_refuses_a_bad_date(owner, bad):
    CommitmentFactory(owner=owner, due_date=TODAY)
    with pytest.raises(CommandError, match=r"--date must be a day as YYYY-MM-DD"):
        call_command("send_reminders", "--date", bad)
    assert not Reminder.objects.exists()


@pytest.mark.django_db
def test_send_reminders_reports_a_mail_failure_and_exits_non_zero(owner, monkeypatch, capsys):
    CommitmentFactory(owner=owner, due_date=TODAY)

    def down(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(EmailBackend, "send_messages", down)
    with pytest.raises(CommandError, match="1 e-mail"):
        call_command("send_reminders", "--date", "2024-05-01")
    assert "it will be retried" in capsys.readouterr().err
    assert Reminder.objects.get().sent_at is None


@pytest.mark.django_db
def test_send_reminders_refuses_a_future_date_unless_dry_run(owner, capsys):
    tomorrow = timezone.localdate() + timedelta(days=1)
    CommitmentFactory(owner=owner, due_date=tomorrow)
    with pytest.raises(CommandError, match=r"is in the future: add --dry-run"):
        call_command("send_reminders", "--date", tomorrow.isoformat())
    assert not Reminder.objects.exists() and mail.outbox == []
    # Looking ahead is fine: nothing is recorded, so the day itself still sends.
    call_command("send_reminders", "--date", tomorrow.isoformat(), "--dry-run")
    assert f"Would send 1 e-mail(s) for {tomorrow:%d %b %Y}." in capsys.readouterr().out
    assert not Reminder.objects.exists() and mail.outbox == []
