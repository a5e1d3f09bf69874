"""The reminder rules with fixed dates, exactly-once sending, and the managers' digest."""

from __future__ import annotations

import importlib
import smtplib
from datetime import date, datetime, time, timedelta

import pytest
from django.apps import apps
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from commitments import services
from commitments.models import Commitment, ProgressUpdate, Reminder, ReminderReason, Status
from commitments.reminders import claims, delivery, digest, rules
from tests.factories import AnalystFactory, CommitmentFactory, ManagerFactory, UserFactory

TODAY = date(2024, 5, 1)  # a Wednesday


def at(day: date, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def pledge(owner, *, due: date | None = None, quiet_days: int = 1, **fields):
    """A pledge whose last progress update was `quiet_days` before TODAY."""
    return CommitmentFactory(
        owner=owner, due_date=due, last_progress_at=at(TODAY - timedelta(days=quiet_days)), **fields
    )


def reasons_on(commitment, today: date = TODAY) -> list[str]:
    commitment.refresh_from_db()
    return [
        reason
        for reason, _period in rules.reasons_for(
            due_date=commitment.due_date, last_progress_at=commitment.last_progress_at, today=today
        )
    ]


def sent_to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]


# --- Rules


@pytest.mark.django_db
def test_due_soon_covers_today_to_seven_days_ahead(owner):
    today_ = pledge(owner, due=TODAY)
    in_seven = pledge(owner, due=TODAY + timedelta(days=7))
    in_eight = pledge(owner, due=TODAY + timedelta(days=8))
    delivery.reminders_run(today=TODAY)
    claimed = set(Reminder.objects.values_list("commitment_id", "reason", "period"))
    assert claimed == {
        (today_.pk, ReminderReason.DUE_SOON, TODAY.isoformat()),
        (in_seven.pk, ReminderReason.DUE_SOON, (TODAY + timedelta(days=7)).isoformat()),
    }
    assert in_eight.pk not in {pk for pk, _r, _p in claimed}
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_due_soon_is_sent_once_per_due_date(owner):
    commitment = pledge(owner, due=TODAY + timedelta(days=5))
    for offset in range(6):
        delivery.reminders_run(today=TODAY + timedelta(days=offset))
    assert len(mail.outbox) == 1
    # A new due date is a new deadline to be reminded of.
    commitment.due_date = TODAY + timedelta(days=9)
    commitment.save()
    delivery.reminders_run(today=TODAY + timedelta(days=5))
    assert len(mail.outbox) == 2


def days_reminded(days: int) -> list[int]:
    """Scan daily from TODAY; the day offsets on which an e-mail went out."""
    sent = []
    for offset in range(days):
        day = TODAY + timedelta(days=offset)
        before = len(mail.outbox)
        # Fresh progress every day, so only the overdue rule can fire.
        Commitment.objects.update(last_progress_at=at(day, 1))
        delivery.reminders_run(today=day)
        if len(mail.outbox) > before:
            sent.append(offset)
    return sent


@pytest.mark.django_db
def test_overdue_repeats_every_seven_days_and_no_more(owner):
    pledge(owner, due=TODAY - timedelta(days=1), quiet_days=0)
    # Due 30 Apr: reminded 1, 8, 15 and 22 days late, never twice within 7 days.
    assert days_reminded(22) == [0, 7, 14, 21]
    assert "overdue" in mail.outbox[0].body


@pytest.mark.django_db
def test_overdue_repeats_seven_days_after_the_last_reminder_not_in_fixed_blocks(owner):
    # Snoozed through its first five late days: reminded on day 6 late, then a week later,
    # not two days later when a block counted from the due date would have begun.
    pledge(owner, due=TODAY - timedelta(days=1), quiet_days=0, snoozed_until=TODAY + timedelta(5))
    assert days_reminded(20) == [5, 12, 19]


@pytest.mark.django_db
def test_a_pledge_overdue_and_stale_is_listed_once(owner):
    both = pledge(owner, due=TODAY - timedelta(days=4), quiet_days=45, title="Sign the deal")
    pledge(owner, quiet_days=40, title="Fund the scholarships")
    delivery.reminders_run(today=TODAY)
    (message,) = mail.outbox
    assert message.subject == "2 pledges need your attention"
    assert message.body.count(both.title) == 1
    assert "OVERDUE (1)" in message.body and "STALE (1)" in message.body
    assert "4 days overdue (was due 27 Apr 2024); no progress recorded for 45 days" in message.body
    html, _mimetype = message.alternatives[0]
    assert html.count(both.title) == 1


@pytest.mark.django_db
def test_stale_after_thirty_days_without_progress(owner):
    fresh = pledge(owner, quiet_days=29)
    stale = pledge(owner, quiet_days=30)
    assert reasons_on(fresh) == []
    assert reasons_on(stale) == [ReminderReason.STALE]
    delivery.reminders_run(today=TODAY)
    assert list(Reminder.objects.values_list("commitment_id", "reason")) == [
        (stale.pk, ReminderReason.STALE)
    ]
    assert "no progress recorded for 30 days" in mail.outbox[0].body


@pytest.mark.django_db
def test_a_progress_update_resets_staleness(owner):
    commitment = pledge(owner, quiet_days=45)
    delivery.reminders_run(today=TODAY)
    assert len(mail.outbox) == 1
    services.progress_record(
        commitment_id=commitment.pk,
        user=owner,
        expected_version=commitment.version,
        note="Spoke to the ministry.",
        now=at(TODAY),
    )
    for offset in range(1, 30):
        delivery.reminders_run(today=TODAY + timedelta(days=offset))
    assert len(mail.outbox) == 1
    # Thirty quiet days after the update, it is stale again: a new period.
    delivery.reminders_run(today=TODAY + timedelta(days=30))
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_closed_pledges_never_remind(owner):
    for status in (Status.FULFILLED, Status.BROKEN, Status.WITHDRAWN):
        pledge(owner, due=TODAY - timedelta(days=3), quiet_days=90, status=status)
    assert delivery.reminders_run(today=TODAY) == []
    assert not Reminder.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_snoozed_pledges_wait_until_the_snooze_ends(owner):
    commitment = pledge(owner, due=TODAY + timedelta(days=3), snoozed_until=TODAY + timedelta(1))
    delivery.reminders_run(today=TODAY)
    assert mail.outbox == []
    delivery.reminders_run(today=TODAY + timedelta(days=1))
    assert len(mail.outbox) == 1
    assert commitment.title in mail.outbox[0].body


@pytest.mark.django_db
def test_unowned_pledges_go_to_the_digest_not_to_an_owner(manager):
    commitment = pledge(None, due=TODAY - timedelta(days=2), quiet_days=60)
    assert delivery.reminders_run(today=TODAY) == []
    assert claims.digest_claim(today=TODAY) == [manager.pk]
    delivery.digest_send_to_manager(manager_id=manager.pk, today=TODAY)
    (digest,) = mail.outbox
    assert digest.to == [manager.email]
    assert "UNOWNED (1)" in digest.body
    assert commitment.title in digest.body


@pytest.mark.django_db
def test_one_email_per_owner_grouped_by_reason(owner, other_analyst):
    soon = pledge(owner, due=TODAY + timedelta(days=2), title="Open the consulate")
    late = pledge(owner, due=TODAY - timedelta(days=10), title="Sign the trade deal")
    quiet = pledge(owner, quiet_days=40, title="Fund the scholarships")
    pledge(other_analyst, due=TODAY, title="Other's pledge")
    deliveries = delivery.reminders_run(today=TODAY)
    assert sorted(d.recipient for d in deliveries) == [other_analyst.email, owner.email]
    (message,) = sent_to(owner.email)
    assert message.subject == "3 pledges need your attention"
    body = message.body
    assert body.index("DUE SOON (1)") < body.index(soon.title) < body.index("OVERDUE (1)")
    assert body.index("OVERDUE (1)") < body.index(late.title) < body.index("STALE (1)")
    assert body.index("STALE (1)") < body.index(quiet.title)
    assert f"http://127.0.0.1:8000/commitments/{late.pk}/" in body
    assert "Other's pledge" not in body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="http://127.0.0.1:8000/commitments/{soon.pk}/"' in html


@pytest.mark.django_db
def test_owners_without_an_email_address_or_inactive_are_skipped():
    pledge(AnalystFactory(email=""), due=TODAY)
    pledge(AnalystFactory(is_active=False), due=TODAY)
    assert delivery.reminders_run(today=TODAY) == []
    assert not Reminder.objects.exists()


# --- Exactly once


@pytest.mark.django_db
def test_scanning_twice_sends_once(owner, other_analyst):
    pledge(owner, due=TODAY, quiet_days=40)
    pledge(other_analyst, due=TODAY - timedelta(days=1))
    delivery.reminders_run(today=TODAY)
    delivery.reminders_run(today=TODAY)
    assert len(sent_to(owner.email)) == 1
    assert len(sent_to(other_analyst.email)) == 1
    assert Reminder.objects.count() == 3
    assert not Reminder.objects.filter(sent_at__isnull=True).exists()


@pytest.fixture
def mail_down_once(monkeypatch):
    """The mail server refuses the first message, then recovers."""
    real_send = EmailBackend.send_messages
    failures = []

    def flaky(self, messages):
        if not failures:
            failures.append(messages)
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    return failures


@pytest.mark.django_db
def test_a_mail_failure_then_success_sends_exactly_one_email(owner, mail_down_once):
    commitment = pledge(owner, due=TODAY)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        delivery.reminders_send_to_owner(
            owner_id=claims.reminders_claim(today=TODAY).owner_ids[0], today=TODAY
        )
    assert mail.outbox == []
    reminder = Reminder.objects.get(commitment=commitment)
    assert reminder.sent_at is None
    assert reminder.attempts == 1
    assert "SMTPServerDisconnected" in reminder.last_error

    # The retry (or tomorrow's scan) sends it, once.
    delivery.reminders_run(today=TODAY)
    delivery.reminders_run(today=TODAY)
    assert len(mail.outbox) == 1
    reminder.refresh_from_db()
    assert reminder.sent_at is not None
    assert (reminder.attempts, reminder.last_error) == (2, "")


@pytest.mark.django_db
def test_a_reminder_no_longer_true_when_retried_is_dropped(owner, mail_down_once):
    commitment = pledge(owner, due=TODAY)
    deliveries = delivery.reminders_run(today=TODAY)
    assert deliveries[0].error.startswith("SMTPServerDisconnected")
    services.commitment_close(
        commitment_id=commitment.pk,
        user=owner,
        status=Status.FULFILLED,
        note="Done.",
        expected_version=None,
    )
    assert delivery.reminders_run(today=TODAY) == []
    assert mail.outbox == []
    assert not Reminder.objects.exists()


@pytest.mark.django_db
def test_the_scan_reads_in_a_constant_number_of_queries(owner, django_assert_num_queries):
    def seed(n: int):
        for i in range(n):
            pledge(owner, due=TODAY + timedelta(days=i % 3), quiet_days=40)

    # SAVEPOINT (the scan's transaction inside the test's); CREATE TEMPORARY TABLE ... AS the
    # claims of every reason; one INSERT ... SELECT ... ON CONFLICT DO NOTHING from it that
    # counts the rows it inserted; DROP TABLE; one read of the owners with unsent rows;
    # RELEASE.
    seed(3)
    with django_assert_num_queries(6):
        claims.reminders_claim(today=TODAY)
    Reminder.objects.all().delete()
    seed(30)
    with django_assert_num_queries(6):
        result = claims.reminders_claim(today=TODAY)
    assert result.claimed == 66  # 33 pledges x (due soon + stale)
    assert result.owner_ids == [owner.pk]


@pytest.mark.django_db
def test_every_reason_is_claimed_in_the_same_queries_at_any_size(owner, django_assert_num_queries):
    def seed(n: int):
        for i in range(n):
            late = pledge(owner, due=TODAY - timedelta(days=10 + i), quiet_days=40)
            Reminder.objects.create(
                commitment=late,
                owner=owner,
                reason=ReminderReason.OVERDUE,
                period=f"earlier {i}",
                scan_date=TODAY - timedelta(days=3 + i % 8),
            )
            soon = pledge(owner, due=TODAY + timedelta(days=30))
            soon.milestones.create(title=f"Step {i}", due_date=TODAY + timedelta(days=2))

    # The same six statements as above, with overdue repeats and milestones among them.
    seed(2)
    with django_assert_num_queries(6):
        first = claims.reminders_claim(today=TODAY)
    Reminder.objects.filter(scan_date=TODAY).delete()
    seed(20)
    with django_assert_num_queries(6):
        second = claims.reminders_claim(today=TODAY)
    claimed = Reminder.objects.filter(scan_date=TODAY)
    assert claimed.filter(reason=ReminderReason.MILESTONE_DUE).count() == 22
    assert claimed.filter(reason=ReminderReason.STALE).count() == 22
    # An overdue pledge is reminded again 7 days after its last reminder: those reminded 7
    # to 10 days ago (i % 8 from 4 to 7 in the second seed), not those reminded 3 to 6 days ago.
    assert claimed.filter(reason=ReminderReason.OVERDUE).count() == 8
    assert second.claimed == claimed.count() and first.claimed > 0


@pytest.mark.django_db
def test_sending_to_an_owner_is_a_constant_number_of_queries(owner, django_assert_num_queries):
    for i in range(12):
        pledge(owner, due=TODAY + timedelta(days=i % 8), quiet_days=40)
    claims.reminders_claim(today=TODAY)
    # SAVEPOINT, SELECT ... FOR UPDATE the owner (one sender per owner), SELECT ... FOR
    # UPDATE SKIP LOCKED the unsent rows with their pledges and owner, the new evidence not
    # yet mailed, UPDATE them as sent, RELEASE SAVEPOINT.
    with django_assert_num_queries(6):
        delivery.reminders_send_to_owner(owner_id=owner.pk, today=TODAY)
    assert len(mail.outbox) == 1


# --- The managers' digest


@pytest.mark.django_db
def test_the_digest_covers_the_week_and_links_to_the_lists(manager, owner):
    newly = pledge(owner, due=TODAY - timedelta(days=3), title="Newly overdue one")
    pledge(owner, due=TODAY - timedelta(days=30), title="Long overdue one")
    stale = pledge(owner, quiet_days=50, title="Quiet one")
    unowned = pledge(None, title="Nobody's")
    done = pledge(owner, title="Done one")
    services.commitment_close(
        commitment_id=done.pk,
        user=manager,
        status=Status.FULFILLED,
        note="Delivered.",
        expected_version=None,
    )
    ProgressUpdate.objects.update(created_at=at(TODAY - timedelta(days=2)))

    assert claims.digest_claim(today=TODAY) == [manager.pk]
    delivery.digest_send_to_manager(manager_id=manager.pk, today=TODAY)
    (message,) = mail.outbox
    body = message.body
    assert message.subject == "Pledges this week: 2 overdue (1 new), 1 stale, 1 unowned"
    # Open and closed statuses are counted apart, each under its own total.
    open_part = body.split("OPEN BY STATUS (4)")[1].split("CLOSED BY STATUS")[0]
    assert "- Not started: 4" in open_part and "Fulfilled" not in open_part
    closed_part = body.split("CLOSED BY STATUS (1)")[1].split("OVERDUE")[0]
    assert "- Fulfilled: 1" in closed_part
    # Every overdue pledge is counted and listed; the new ones are marked.
    overdue_part = body.split("OVERDUE (2, 1 new this week)")[1].split("STALE")[0]
    assert f"{newly.title} (due 28 Apr 2024, new)" in overdue_part
    assert "Long overdue one (due 1 Apr 2024)" in overdue_part
    assert "STALE (1)" in body and stale.title in body
    assert "UNOWNED (1)" in body and unowned.title in body
    assert "Done one: Fulfilled" in body
    for link in (
        "http://127.0.0.1:8000/board/",
        "http://127.0.0.1:8000/commitments/?overdue=yes",
        "http://127.0.0.1:8000/commitments/?stale=yes&sort=updated",
        "http://127.0.0.1:8000/commitments/?state=open&owner=null",
        "http://127.0.0.1:8000/commitments/?status=fulfilled",
        "http://127.0.0.1:8000/commitments/?status=broken",
    ):
        assert link in body
        assert link.replace("&", "&amp;") in message.alternatives[0][0]


@pytest.mark.django_db
def test_the_digest_goes_once_a_week_to_each_manager(manager, owner):
    second = ManagerFactory(username="second")
    UserFactory(username="admin", is_superuser=True, email="admin@example.org")
    ManagerFactory(username="nomail", email="")
    pledge(None)
    monday = date(2024, 4, 29)
    for offset in range(7):
        for manager_id in claims.digest_claim(today=monday + timedelta(days=offset)):
            delivery.digest_send_to_manager(
                manager_id=manager_id, today=monday + timedelta(days=offset)
            )
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [manager.email, second.email, "admin@example.org"]
    )
    # The next week is a new digest.
    for manager_id in claims.digest_claim(today=monday + timedelta(days=7)):
        delivery.digest_send_to_manager(manager_id=manager_id, today=monday + timedelta(days=7))
    assert len(mail.outbox) == 6


@pytest.mark.django_db
def test_a_quiet_week_sends_no_digest(manager, owner):
    pledge(owner, due=TODAY + timedelta(days=60))
    assert claims.digest_claim(today=TODAY) == []
    assert not Reminder.objects.exists()


@pytest.mark.django_db
def test_the_digest_is_built_in_a_constant_number_of_queries(owner, django_assert_num_queries):
    def build():
        # Status counts, the three totals, newly overdue, stale, unowned, recent closures.
        with django_assert_num_queries(6):
            digest.digest_build(today=TODAY)

    pledge(None, quiet_days=40, due=TODAY - timedelta(days=2))
    build()
    for _ in range(15):
        pledge(None, quiet_days=40, due=TODAY - timedelta(days=2))
        pledge(owner, quiet_days=40, due=TODAY - timedelta(days=2))
    build()


# --- The default schedules


@pytest.mark.django_db
def test_the_default_schedules_exist_and_the_migration_is_idempotent_and_reversible(settings):
    from django_celery_beat.models import PeriodicTask

    migration = importlib.import_module("commitments.migrations.0004_default_schedules")
    scan = PeriodicTask.objects.get(task="commitments.tasks.reminders_scan")
    digest = PeriodicTask.objects.get(task="commitments.tasks.managers_digest")
    assert (scan.crontab.minute, scan.crontab.hour, scan.crontab.day_of_week) == ("0", "7", "*")
    assert (digest.crontab.minute, digest.crontab.hour, digest.crontab.day_of_week) == (
        "0",
        "8",
        "1",
    )
    assert str(scan.crontab.timezone) == settings.TIME_ZONE

    # Its own two schedules; later migrations add others (the import jobs' expiry).
    its_own = PeriodicTask.objects.filter(task__in=[task for _, task, *_ in migration.SCHEDULES])
    migration.create_schedules(apps, None)
    assert its_own.count() == 2
    migration.remove_schedules(apps, None)
    assert not its_own.exists()
    migration.create_schedules(apps, None)
    assert its_own.count() == 2


@pytest.mark.django_db
def test_the_digest_counts_every_overdue_pledge_not_only_the_new_ones(manager, owner):
    for weeks in (3, 5, 8):
        pledge(owner, due=TODAY - timedelta(weeks=weeks))
    claims.digest_claim(today=TODAY)
    delivery.digest_send_to_manager(manager_id=manager.pk, today=TODAY)
    (message,) = mail.outbox
    assert "OVERDUE (3, 0 new this week)" in message.body
    assert "(0)" not in message.body.split("OVERDUE")[1].split("STALE")[0]
    assert message.subject.startswith("Pledges this week: 3 overdue (0 new)")


@pytest.mark.django_db
def test_the_scan_claims_exactly_what_the_rules_say(owner):
    """The scan's claims (in SQL on PostgreSQL) are the (reason, period) pairs of
    `rules.reasons_for`, across the day boundaries of every rule and a repeat of overdue."""
    pledges = [
        pledge(owner, due=TODAY + timedelta(days=due), quiet_days=quiet, title=f"{due}/{quiet}")
        for due in (-40, -8, -7, -1, 0, 1, 7, 8, 30)
        for quiet in (0, 1, 29, 30, 31, 59, 60, 61)
    ]
    pledges.append(pledge(owner, due=None, quiet_days=45, title="no due date"))
    late = pledge(owner, due=TODAY - timedelta(days=20), quiet_days=2, title="reminded before")
    Reminder.objects.create(
        commitment=late,
        owner=owner,
        reason=ReminderReason.OVERDUE,
        period="earlier",
        scan_date=TODAY - timedelta(days=3),
    )
    expected = {
        (c.pk, reason, period)
        for c in [*pledges, late]
        for reason, period in rules.reasons_for(
            due_date=c.due_date,
            last_progress_at=c.last_progress_at,
            today=TODAY,
            last_overdue=TODAY - timedelta(days=3) if c == late else None,
        )
    }
    assert any(reason == ReminderReason.STALE for _pk, reason, _period in expected)

    result = claims.reminders_claim(today=TODAY)

    claimed = set(
        Reminder.objects.filter(scan_date=TODAY).values_list("commitment_id", "reason", "period")
    )
    assert claimed == expected
    assert result.claimed == len(expected)
    assert claims.reminders_claim(today=TODAY).claimed == 0
