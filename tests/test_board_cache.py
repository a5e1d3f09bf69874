"""The board is cached per data version: shared by managers, never stale after a save."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from commitments import page_cache, services
from commitments.models import Status
from commitments.services import data_version
from tests.factories import AnalystFactory, CommitmentFactory, ManagerFactory

BOARD = reverse("commitments:board")


def _stat(response, label: str) -> int:
    """A headline figure as the manager reads it on the page."""
    found = re.search(
        rf'<span class="stat-n">(\d+)</span><span class="stat-l">{label}</span>',
        response.content.decode(),
    )
    assert found, f"no {label!r} figure on the board"
    return int(found.group(1))


@pytest.mark.django_db(transaction=True)
def test_the_board_shows_a_save_at_once(client):
    """Real commits: the on-commit bump runs as it does in production."""
    owner, manager = AnalystFactory(), ManagerFactory()
    yesterday = timezone.localdate() - timedelta(days=1)
    pledge = CommitmentFactory(owner=owner, due_date=yesterday, status=Status.IN_PROGRESS)
    client.force_login(manager)
    assert _stat(client.get(BOARD), "overdue") == 1
    assert _stat(client.get(BOARD), "overdue") == 1  # served from the cache

    analyst = client.__class__()
    analyst.force_login(owner)
    response = analyst.post(
        reverse("commitments:quick_update", args=[pledge.pk]),
        {"version": pledge.version, "status": Status.FULFILLED, "progress": 100, "note": "Done."},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200

    board = client.get(BOARD)
    assert _stat(board, "overdue") == 0
    assert _stat(board, "open") == 0


@pytest.mark.django_db(transaction=True)
def test_a_second_manager_gets_the_same_board_without_recomputing(
    client, django_assert_num_queries
):
    CommitmentFactory(owner=AnalystFactory(), status=Status.IN_PROGRESS)
    first, second = ManagerFactory(), ManagerFactory()
    client.force_login(first)
    assert _stat(client.get(BOARD), "open") == 1
    client.force_login(second)
    # session, user (with their roles), data version, header attention count: no board queries
    with django_assert_num_queries(4):
        assert _stat(client.get(BOARD), "open") == 1


@pytest.mark.django_db
def test_a_committed_write_moves_the_version_on_once(
    owner, manager, django_capture_on_commit_callbacks
):
    pledges = CommitmentFactory.create_batch(3, owner=owner, status=Status.IN_PROGRESS)
    before = data_version.current()
    with django_capture_on_commit_callbacks(execute=True):
        services.commitments_set_status(
            commitment_ids=[p.pk for p in pledges], user=manager, status=Status.STALLED, note="x"
        )
    # Three pledges in one transaction: one bump.
    assert data_version.current() == before + 1


@pytest.mark.django_db
def test_a_refused_write_leaves_the_version(owner, django_capture_on_commit_callbacks):
    pledge = CommitmentFactory(owner=owner, status=Status.IN_PROGRESS)
    before = data_version.current()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.progress_record(
            commitment_id=pledge.pk,
            user=owner,
            expected_version=pledge.version,
            status=Status.FULFILLED,  # closing without a note is refused
        )
    assert data_version.current() == before


@pytest.mark.django_db
def test_the_board_follows_a_write_within_one_transaction_too(
    client, owner, manager, django_capture_on_commit_callbacks
):
    pledge = CommitmentFactory(owner=owner, status=Status.IN_PROGRESS)
    client.force_login(manager)
    assert _stat(client.get(BOARD), "open") == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.commitment_close(
            commitment_id=pledge.pk,
            user=owner,
            status=Status.WITHDRAWN,
            note="Dropped.",
            expected_version=pledge.version,
        )
    assert _stat(client.get(BOARD), "open") == 0


@pytest.mark.django_db
def test_the_board_is_rebuilt_on_a_new_day(client, owner, manager, monkeypatch):
    today = timezone.localdate()
    CommitmentFactory(owner=owner, due_date=today, status=Status.IN_PROGRESS)
    client.force_login(manager)
    assert _stat(client.get(BOARD), "overdue") == 0
    tomorrow = today + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: tomorrow)
    assert _stat(client.get(BOARD), "overdue") == 1


@pytest.mark.django_db
def test_actor_suggestions_follow_a_new_pledge(
    client, owner, manager, django_capture_on_commit_callbacks
):
    from commitments.models import Commitment
    from tests.factories import SourceFactory

    CommitmentFactory(owner=owner, actor="India")
    client.force_login(manager)
    assert client.get(reverse("commitments:list")).context["actor_names"] == ["India"]
    source = SourceFactory()
    quote = "The UK will fund a new programme with India."
    start = source.body.index(quote)
    with django_capture_on_commit_callbacks(execute=True):
        services.commitment_create(
            commitment=Commitment(
                title="Fund a programme",
                source=source,
                quote=quote,
                quote_start=start,
                quote_end=start + len(quote),
                actor="United Kingdom",
            ),
            user=manager,
        )
    names = client.get(reverse("commitments:list")).context["actor_names"]
    assert names == ["India", "United Kingdom"]


# --- Writes the admin makes without a service move the version on too.


def _workload_names(response) -> list[str]:
    return [w.user.get_username() for w in response.context["board"].workload]


@pytest.mark.django_db
def test_the_board_follows_a_change_of_groups(client, manager, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import Group

    from commitments.roles import ANALYSTS
    from tests.factories import UserFactory

    newcomer = UserFactory(username="newcomer")
    client.force_login(manager)
    assert "newcomer" not in _workload_names(client.get(BOARD))
    with django_capture_on_commit_callbacks(execute=True):
        newcomer.groups.add(Group.objects.get(name=ANALYSTS))  # what the admin's user form does
    assert "newcomer" in _workload_names(client.get(BOARD))
    with django_capture_on_commit_callbacks(execute=True):
        newcomer.groups.clear()
    assert "newcomer" not in _workload_names(client.get(BOARD))


@pytest.mark.django_db
def test_the_board_follows_an_analyst_renamed_or_deactivated(
    client, owner, manager, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    assert "Renamed" not in client.get(BOARD).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        owner.first_name, owner.last_name = "Renamed", "Analyst"
        owner.save()
    assert "Renamed Analyst" in client.get(BOARD).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        owner.is_active = False
        owner.save()
    assert "owner" not in _workload_names(client.get(BOARD))


@pytest.mark.django_db
def test_a_party_renamed_in_the_admin_shows_on_the_board(
    client, staff, manager, django_capture_on_commit_callbacks
):
    from commitments.models import Party
    from commitments.services.party_links import linker

    services.parties_seed(user=services.SYSTEM)
    linker().link(CommitmentFactory(actor="Kenya", status=Status.IN_PROGRESS))
    kenya = Party.objects.get(name="Kenya")
    client.force_login(manager)
    assert "Republic of Kenya" not in client.get(BOARD).content.decode()
    admin = client.__class__()
    admin.force_login(staff)
    form = {
        "name": "Republic of Kenya",
        "slug": kenya.slug,
        "kind": kenya.kind,
        "code": kenya.code,
        "aliases": json.dumps(kenya.aliases),
        "demonyms": json.dumps(kenya.demonyms),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(reverse("admin:commitments_party_change", args=[kenya.pk]), form)
    assert response.status_code == 302
    assert "Republic of Kenya" in client.get(BOARD).content.decode()


@pytest.mark.django_db
def test_signing_in_leaves_the_version(owner, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import update_last_login

    before = data_version.current()
    with django_capture_on_commit_callbacks(execute=True):
        update_last_login(None, owner)
    assert data_version.current() == before


# --- The worker builds the board after a write, so a manager rarely waits for it.


@pytest.mark.django_db
def test_after_a_write_the_worker_builds_the_board_before_any_manager_asks(
    client,
    owner,
    manager,
    settings,
    monkeypatch,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    from commitments import tasks

    settings.BOARD_PREBUILD = True
    queued: list[str] = []
    monkeypatch.setattr(
        tasks.board_prebuild, "apply_async", lambda **options: queued.append("board")
    )
    pledge = CommitmentFactory(owner=owner, status=Status.IN_PROGRESS)
    client.force_login(manager)
    assert _stat(client.get(BOARD), "open") == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.commitment_close(
            commitment_id=pledge.pk,
            user=owner,
            status=Status.WITHDRAWN,
            note="Dropped.",
            expected_version=pledge.version,
        )
    assert queued == ["board"]
    assert tasks.board_prebuild() is True  # what the worker runs
    assert tasks.board_prebuild() is False  # already built for this version
    # session, user (with their roles), data version, header attention count: no board queries
    with django_assert_num_queries(4):
        assert _stat(client.get(BOARD), "open") == 0


@pytest.mark.django_db
def test_a_write_stands_when_the_board_cannot_be_queued(
    client, owner, manager, settings, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from commitments import tasks

    settings.BOARD_PREBUILD = True

    def broker_down(**options):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(tasks.board_prebuild, "apply_async", broker_down)
    pledge = CommitmentFactory(owner=owner, status=Status.IN_PROGRESS)
    with django_capture_on_commit_callbacks(execute=True):
        services.commitment_close(
            commitment_id=pledge.pk,
            user=owner,
            status=Status.WITHDRAWN,
            note="Dropped.",
            expected_version=pledge.version,
        )
    assert "Could not queue the board's rebuild" in caplog.text
    client.force_login(manager)
    assert _stat(client.get(BOARD), "open") == 0


def _clock(now: float) -> SimpleNamespace:
    """The board cache's clock, stopped at `now`."""
    return SimpleNamespace(time=lambda: now)


@pytest.mark.django_db
def test_an_aged_board_is_served_while_the_worker_rebuilds_it(
    client, owner, manager, settings, monkeypatch, django_assert_num_queries
):
    """Time passing alone (no write) never makes a manager wait for the board's queries
    when a worker can rebuild it: the aged copy is served and one rebuild is queued."""
    import time

    from commitments import tasks

    settings.BOARD_PREBUILD = True
    queued: list[dict] = []
    monkeypatch.setattr(
        tasks.board_prebuild, "apply_async", lambda **options: queued.append(options["kwargs"])
    )
    CommitmentFactory(owner=owner, status=Status.IN_PROGRESS)
    client.force_login(manager)
    assert _stat(client.get(BOARD), "open") == 1
    built = time.time()
    monkeypatch.setattr(page_cache, "time", _clock(built + settings.CACHE_SECONDS + 1))
    # session, user (with their roles), data version, header attention count: no board queries
    with django_assert_num_queries(4):
        assert _stat(client.get(BOARD), "open") == 1
    assert _stat(client.get(BOARD), "open") == 1  # a second manager meanwhile: no second task
    assert queued == [{"force": True}]

    assert tasks.board_prebuild(force=True) is True  # what the worker runs
    with django_assert_num_queries(4):  # fresh again: served without queueing
        assert _stat(client.get(BOARD), "open") == 1
    assert queued == [{"force": True}]


@pytest.mark.django_db
def test_an_aged_board_is_built_in_the_request_when_no_worker_can(
    client, owner, manager, settings, monkeypatch, caplog
):
    import time

    from commitments import tasks

    def broker_down(**options):
        raise ConnectionError("broker unreachable")

    CommitmentFactory(owner=owner, status=Status.IN_PROGRESS)
    client.force_login(manager)
    assert _stat(client.get(BOARD), "open") == 1
    built = time.time()
    monkeypatch.setattr(page_cache, "time", _clock(built + settings.CACHE_SECONDS + 1))
    # Without a worker (BOARD_PREBUILD off) the aged copy is rebuilt here, as after a write.
    settings.BOARD_PREBUILD = False
    response = client.get(BOARD)
    assert response.context["board"].totals["open"] == 1  # the figures of a fresh build
    # With a worker whose broker is down, likewise, and the write path's warning is logged.
    settings.BOARD_PREBUILD = True
    monkeypatch.setattr(tasks.board_prebuild, "apply_async", broker_down)
    monkeypatch.setattr(page_cache, "time", _clock(built + 3 * settings.CACHE_SECONDS))
    response = client.get(BOARD)
    assert response.context["board"].totals["open"] == 1
    assert "Could not queue the board's rebuild" in caplog.text


@pytest.mark.django_db
def test_the_board_is_rebuilt_after_midnight_by_the_beat_schedule(settings):
    import importlib

    from django.apps import apps as django_apps
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="commitments.tasks.board_prebuild")
    assert (task.crontab.minute, task.crontab.hour, task.crontab.day_of_week) == ("1", "0", "*")
    assert str(task.crontab.timezone) == settings.TIME_ZONE
    migration = importlib.import_module("commitments.migrations.0020_board_rebuild_at_midnight")
    migration.create_schedule(django_apps, None)  # idempotent
    assert PeriodicTask.objects.filter(task="commitments.tasks.board_prebuild").count() == 1
    migration.remove_schedule(django_apps, None)
    assert not PeriodicTask.objects.filter(task="commitments.tasks.board_prebuild").exists()
