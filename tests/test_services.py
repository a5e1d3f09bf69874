from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from commitments import services
from commitments.models import Commitment, ProgressUpdate, Status
from commitments.services import data_version, statements
from tests.factories import AnalystFactory, CommitmentFactory, SourceFactory

pytestmark = pytest.mark.django_db


def record(commitment, user, **kwargs):
    kwargs.setdefault("expected_version", commitment.version)
    return services.progress_record(commitment_id=commitment.pk, user=user, **kwargs)


def test_recording_progress_changes_the_pledge_and_appends_to_the_timeline(commitment, owner):
    before = timezone.now()
    update = record(commitment, owner, status=Status.IN_PROGRESS, progress=40, note="Talks began")

    commitment.refresh_from_db()
    assert (commitment.status, commitment.progress, commitment.version) == ("in_progress", 40, 2)
    assert commitment.last_progress_at >= before
    assert commitment.updated_by == owner
    assert (update.old_status, update.new_status) == ("not_started", "in_progress")
    assert (update.old_progress, update.new_progress, update.version) == (0, 40, 2)
    assert update.author == owner and update.note == "Talks began"
    assert list(commitment.updates.all()) == [update]


def test_a_stale_version_is_refused_and_writes_nothing(commitment, owner, manager):
    seen = commitment.version
    record(commitment, manager, expected_version=seen, progress=30, note="Manager's change")

    with pytest.raises(services.CommitmentConflict) as conflict:
        record(commitment, owner, expected_version=seen, progress=90, status=Status.STALLED)

    commitment.refresh_from_db()
    assert (commitment.progress, commitment.status, commitment.version) == (30, "not_started", 2)
    assert ProgressUpdate.objects.count() == 1
    message = str(conflict.value)
    assert f"{manager.get_full_name()} saved a change" in message
    assert "progress 0% → 30%" in message and "Manager's change" in message
    assert [u.new_progress for u in conflict.value.updates] == [30]


def _columns(row) -> dict:
    return {field.attname: getattr(row, field.attname) for field in type(row)._meta.concrete_fields}


def _written_by(pledge, user, now, **change):
    """What recording `change` on `pledge` wrote: the pledge's changed columns, the timeline
    entry's columns (as returned and as stored) and the data version's moves."""
    before = _columns(Commitment.objects.get(pk=pledge.pk))
    version_before = data_version.current()
    update = record(pledge, user, now=now, **change)
    after = _columns(Commitment.objects.get(pk=pledge.pk))
    entry = {k: v for k, v in _columns(update).items() if k not in ("id", "commitment_id")}
    stored = _columns(ProgressUpdate.objects.get(pk=update.pk))
    return (
        {name: value for name, value in after.items() if before[name] != value},
        entry,
        {k: v for k, v in stored.items() if k not in ("id", "commitment_id")},
        update.commitment_id == pledge.pk == stored["commitment_id"],
        data_version.current() - version_before,
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the one-statement write is PostgreSQL's"
)
@pytest.mark.parametrize(
    "change",
    [
        {"status": Status.IN_PROGRESS, "progress": 40, "note": "Talks began"},
        {"progress": 0, "note": "Looked at it", "evidence_url": "https://example.org/report"},
        {"status": Status.FULFILLED, "note": "Delivered in full"},
    ],
)
@pytest.mark.django_db(transaction=True)  # each write commits, and moves the data version
def test_progress_written_in_one_statement_is_what_the_orm_writes(owner, monkeypatch, change):
    now = timezone.now()
    one, other = CommitmentFactory(owner=owner), CommitmentFactory(owner=owner)
    in_one_statement = _written_by(one, owner, now, **change)
    monkeypatch.setattr(statements, "writes_progress_in_one_statement", lambda: False)
    through_the_orm = _written_by(other, owner, now, **change)

    assert in_one_statement == through_the_orm
    changed, entry, stored, same_pledge, bumps = in_one_statement
    assert entry == stored and same_pledge and bumps == 1
    assert changed["version"] == 2 and changed["updated_by_id"] == owner.pk
    assert changed["updated_at"] == changed["last_progress_at"] == now


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the one-statement write is PostgreSQL's"
)
def test_a_write_in_one_statement_from_a_stale_version_writes_nothing(commitment, owner):
    record(commitment, owner, progress=30, note="First")
    entry = ProgressUpdate(
        commitment=commitment,
        author=owner,
        created_at=timezone.now(),
        version=2,
        old_status=Status.NOT_STARTED,
        new_status=Status.IN_PROGRESS,
        old_progress=0,
        new_progress=60,
    )
    assert not statements.progress_saved(entry, seen_version=1)
    commitment.refresh_from_db()
    assert (commitment.progress, commitment.version) == (30, 2)
    assert entry.pk is None and ProgressUpdate.objects.count() == 1


def test_closing_needs_a_note(commitment, owner):
    with pytest.raises(ValidationError) as error:
        record(commitment, owner, status=Status.FULFILLED)
    assert "note is required" in str(error.value)
    commitment.refresh_from_db()
    assert commitment.status == Status.NOT_STARTED and commitment.version == 1
    assert not ProgressUpdate.objects.exists()


def test_fulfilling_sets_progress_to_100_unless_given(commitment, owner):
    services.commitment_close(
        commitment_id=commitment.pk,
        user=owner,
        status=Status.FULFILLED,
        note="Signed",
        expected_version=1,
    )
    commitment.refresh_from_db()
    assert (commitment.status, commitment.progress) == ("fulfilled", 100)


def test_close_refuses_an_open_status(commitment, owner):
    with pytest.raises(ValidationError):
        services.commitment_close(
            commitment_id=commitment.pk,
            user=owner,
            status=Status.IN_PROGRESS,
            note="x",
            expected_version=1,
        )


@pytest.mark.parametrize("progress", [-1, 101, "lots"])
def test_progress_outside_0_to_100_is_refused(commitment, owner, progress):
    with pytest.raises(ValidationError) as error:
        record(commitment, owner, progress=progress)
    assert "0 to 100" in str(error.value)
    assert not ProgressUpdate.objects.exists()


def test_an_unknown_status_is_refused(commitment, owner):
    with pytest.raises(ValidationError):
        record(commitment, owner, status="done-ish")


def test_bad_evidence_url_is_refused(commitment, owner):
    with pytest.raises(ValidationError) as error:
        record(commitment, owner, progress=5, evidence_url="javascript:alert(1)")
    assert "web address" in str(error.value)
    assert not ProgressUpdate.objects.exists()


def test_an_update_with_nothing_in_it_is_refused(commitment, owner):
    with pytest.raises(ValidationError):
        record(commitment, owner)


def test_a_note_alone_is_an_update_and_resets_staleness(commitment, owner):
    Commitment.objects.filter(pk=commitment.pk).update(
        last_progress_at=timezone.now() - timedelta(days=60)
    )
    assert Commitment.objects.stale().filter(pk=commitment.pk).exists()
    record(commitment, owner, note="Checked with the ministry: no news.")
    assert not Commitment.objects.stale().filter(pk=commitment.pk).exists()


def test_another_analyst_cannot_update(commitment, other_analyst):
    with pytest.raises(PermissionDenied):
        record(commitment, other_analyst, progress=50)
    assert not ProgressUpdate.objects.exists()


def test_a_manager_can_update_any_pledge(commitment, manager):
    record(commitment, manager, progress=50)
    commitment.refresh_from_db()
    assert commitment.progress == 50


def test_only_managers_reassign(commitment, owner, other_analyst, manager):
    with pytest.raises(PermissionDenied):
        services.commitment_assign_owner(
            commitment_id=commitment.pk, user=owner, owner=other_analyst
        )
    last_progress = commitment.last_progress_at
    services.commitment_assign_owner(commitment_id=commitment.pk, user=manager, owner=other_analyst)
    commitment.refresh_from_db()
    assert commitment.owner == other_analyst and commitment.version == 2
    entry = commitment.updates.get()
    assert entry.note == f"Owner: {owner.get_full_name()} → {other_analyst.get_full_name()}."
    assert (entry.old_status, entry.old_progress) == (entry.new_status, entry.new_progress)
    # A reassignment is not progress: the pledge does not look freshly worked on.
    assert commitment.last_progress_at == last_progress


def test_owner_must_be_an_analyst_or_manager(commitment, manager, django_user_model):
    nobody = django_user_model.objects.create_user("reader")
    with pytest.raises(ValidationError):
        services.commitment_assign_owner(commitment_id=commitment.pk, user=manager, owner=nobody)


def test_only_managers_set_due_dates(commitment, owner, manager):
    with pytest.raises(PermissionDenied):
        services.commitment_set_due_date(
            commitment_id=commitment.pk, user=owner, due_date=date(2030, 1, 1)
        )
    services.commitment_set_due_date(
        commitment_id=commitment.pk, user=manager, due_date=date(2030, 1, 1), due_text="by 2030"
    )
    commitment.refresh_from_db()
    assert (commitment.due_date, commitment.due_text) == (date(2030, 1, 1), "by 2030")
    assert commitment.updates.get().note == "Due date: none → 2030-01-01."


def test_edit_routes_status_through_the_timeline(commitment, owner):
    services.commitment_edit(
        commitment_id=commitment.pk,
        user=owner,
        changes={"title": "Better title", "status": Status.IN_PROGRESS},
    )
    commitment.refresh_from_db()
    assert commitment.title == "Better title"
    assert commitment.updates.get().new_status == Status.IN_PROGRESS


def test_edit_by_an_analyst_cannot_reassign(commitment, owner, other_analyst):
    with pytest.raises(PermissionDenied):
        services.commitment_edit(
            commitment_id=commitment.pk, user=owner, changes={"owner": other_analyst}
        )


def test_edit_refuses_unknown_fields(commitment, manager):
    with pytest.raises(ValidationError):
        services.commitment_edit(commitment_id=commitment.pk, user=manager, changes={"version": 9})


def test_snooze_needs_a_future_date(commitment, owner):
    with pytest.raises(ValidationError):
        services.commitment_snooze(
            commitment_id=commitment.pk, user=owner, until=timezone.localdate()
        )
    until = timezone.localdate() + timedelta(days=10)
    services.commitment_snooze(commitment_id=commitment.pk, user=owner, until=until)
    commitment.refresh_from_db()
    assert commitment.snoozed_until == until
    # Not a change to the pledge: open forms stay valid, the timeline stays quiet.
    assert commitment.version == 1
    assert not commitment.updates.exists()
    services.commitment_snooze(commitment_id=commitment.pk, user=owner, until=None)
    commitment.refresh_from_db()
    assert commitment.snoozed_until is None


def test_another_analyst_cannot_snooze(commitment, other_analyst):
    with pytest.raises(PermissionDenied):
        services.commitment_snooze(
            commitment_id=commitment.pk,
            user=other_analyst,
            until=timezone.localdate() + timedelta(days=3),
        )


def test_bulk_status_writes_one_entry_per_changed_pledge(manager):
    pledges = CommitmentFactory.create_batch(3)
    already = CommitmentFactory(status=Status.STALLED)
    changed = services.commitments_set_status(
        commitment_ids=[p.pk for p in [*pledges, already]],
        user=manager,
        status=Status.STALLED,
        note="Talks suspended",
    )
    assert changed == 3
    assert ProgressUpdate.objects.count() == 3
    assert set(Commitment.objects.values_list("status", flat=True)) == {"stalled"}


def test_bulk_status_is_all_or_nothing(owner):
    mine = CommitmentFactory(owner=owner)
    theirs = CommitmentFactory(owner=AnalystFactory())
    with pytest.raises(PermissionDenied):
        services.commitments_set_status(
            commitment_ids=[mine.pk, theirs.pk], user=owner, status=Status.STALLED, note=""
        )
    assert not ProgressUpdate.objects.exists()
    mine.refresh_from_db()
    assert mine.status == Status.NOT_STARTED


def _new_pledge(source, **fields) -> Commitment:
    start = source.body.index("The UK will")
    quote = "The UK will fund a new programme with India."
    values = {
        "source": source,
        "title": "Fund the programme",
        "quote": quote,
        "quote_start": start,
        "quote_end": start + len(quote),
        "actor": "United Kingdom",
        **fields,
    }
    return Commitment(**values)


def test_create_saves_a_pledge_quoted_from_its_source(manager, owner):
    source = SourceFactory()
    pledge = services.commitment_create(commitment=_new_pledge(source, owner=owner), user=manager)
    pledge.refresh_from_db()
    assert (pledge.version, pledge.updated_by, pledge.owner) == (1, manager, owner)
    assert source.body[pledge.quote_start : pledge.quote_end] == pledge.quote


def test_create_refuses_words_not_in_the_source(manager):
    source = SourceFactory()
    with pytest.raises(ValidationError, match="not found in the source"):
        services.commitment_create(
            commitment=_new_pledge(source, quote="The UK will fund a different thing."),
            user=manager,
        )
    assert not Commitment.objects.exists()


def test_create_is_for_managers(owner):
    with pytest.raises(PermissionDenied):
        services.commitment_create(commitment=_new_pledge(SourceFactory()), user=owner)
    assert not Commitment.objects.exists()


def test_a_deactivated_analyst_cannot_be_given_pledges(commitment, manager, other_analyst):
    other_analyst.is_active = False
    other_analyst.save()
    with pytest.raises(ValidationError, match="not an analyst or manager"):
        services.commitment_assign_owner(
            commitment_id=commitment.pk, user=manager, owner=other_analyst
        )
    commitment.refresh_from_db()
    assert commitment.owner != other_analyst


# --- Who writes: a user or the system, never nobody.


@pytest.mark.parametrize("nobody", [None, "owner", 0])
def test_a_write_without_a_user_is_an_error_not_a_pass(commitment, nobody):
    with pytest.raises(TypeError, match="services.SYSTEM"):
        record(commitment, nobody, progress=50, note="Who am I?")
    with pytest.raises(TypeError):
        services.commitment_set_due_date(
            commitment_id=commitment.pk, user=nobody, due_date=date(2031, 1, 1)
        )
    commitment.refresh_from_db()
    assert (commitment.progress, commitment.version, commitment.due_date) == (0, 1, None)


def test_the_system_writes_without_a_permission_check_and_is_recorded_as_nobody(commitment):
    update = record(commitment, services.SYSTEM, progress=50, note="Imported figure")
    services.commitment_assign_owner(commitment_id=commitment.pk, user=services.SYSTEM, owner=None)
    commitment.refresh_from_db()
    assert update.author is None and commitment.updated_by is None
    assert commitment.progress == 50 and commitment.owner is None


def test_refusals_carry_codes(commitment, owner, other_analyst):
    with pytest.raises(ValidationError) as closing:
        record(commitment, owner, status=Status.BROKEN)
    assert services.error_codes(closing.value) == {services.Code.CLOSING_NEEDS_NOTE}
    with pytest.raises(services.Refused) as refused:
        record(commitment, other_analyst, progress=10)
    assert services.error_codes(refused.value) == {services.Code.NOT_ALLOWED}
    with pytest.raises(ValidationError) as nothing:
        record(commitment, owner)
    assert services.error_codes(nothing.value) == {services.Code.NOTHING_TO_RECORD}


# --- Fulfilled means all of it; partially fulfilled means some.


def test_fulfilling_sets_100_percent_unless_another_value_is_given(commitment, owner):
    # The forms always send a progress: left at the stored 0%, fulfilling means 100%.
    record(commitment, owner, status=Status.FULFILLED, progress=0, note="Delivered")
    commitment.refresh_from_db()
    assert (commitment.status, commitment.progress) == (Status.FULFILLED, 100)

    other = CommitmentFactory(owner=owner, progress=20)
    record(other, owner, status=Status.FULFILLED, progress=90, note="Nearly all of it")
    other.refresh_from_db()
    assert other.progress == 90

    bulk = CommitmentFactory(owner=owner)
    services.commitments_set_status(
        commitment_ids=[bulk.pk], user=owner, status=Status.FULFILLED, note="Done"
    )
    bulk.refresh_from_db()
    assert bulk.progress == 100


@pytest.mark.parametrize("progress", [0, 100])
def test_partially_fulfilled_needs_1_to_99_percent(commitment, owner, progress):
    with pytest.raises(ValidationError) as refused:
        record(commitment, owner, status=Status.PARTIALLY_FULFILLED, progress=progress)
    assert "from 1 to 99%" in " ".join(refused.value.messages)
    commitment.refresh_from_db()
    assert (commitment.status, commitment.version) == (Status.NOT_STARTED, 1)
    record(commitment, owner, status=Status.PARTIALLY_FULFILLED, progress=60)
    commitment.refresh_from_db()
    assert (commitment.status, commitment.progress) == (Status.PARTIALLY_FULFILLED, 60)


def test_every_field_edit_is_audited_on_the_timeline_without_counting_as_progress(
    commitment, manager
):
    before = commitment.last_progress_at
    services.commitment_edit(
        commitment_id=commitment.pk,
        user=manager,
        changes={
            "title": "Fund 40 schools",
            "actor": "Kenya",
            "amount": Decimal("5000000.00"),
            "currency": "USD",
        },
    )

    entry = commitment.updates.get()
    lines = entry.note.splitlines()
    assert f"Title: {commitment.title} → Fund 40 schools." in lines
    assert f"Actor: {commitment.actor} → Kenya." in lines
    assert any(line.startswith("Amount: ") and line.endswith("→ 5000000.00.") for line in lines)
    assert any(line.startswith("Currency: ") and line.endswith("→ USD.") for line in lines)
    assert entry.author == manager
    commitment.refresh_from_db()
    assert commitment.last_progress_at == before
