"""The admin's bulk edits: list edits, actions, import and export all write through the services."""

from __future__ import annotations

import io
from datetime import date, timedelta

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from commitments.models import Commitment, ProgressUpdate, Status
from commitments.resources import CommitmentResource
from tests.factories import AnalystFactory, CommitmentFactory, ProgressUpdateFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:commitments_commitment_changelist")
CSV_FORMAT, XLSX_FORMAT = "0", "1"  # Their places in CommitmentAdmin.formats.


def change_url(commitment: Commitment) -> str:
    return reverse("admin:commitments_commitment_change", args=[commitment.pk])


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def listed(response) -> set[int]:
    return {c.pk for c in response.context["cl"].result_list}


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def analyst_staff(db):
    """Staff who may use the admin but is only an analyst, not a manager."""
    user = AnalystFactory(username="deskanalyst", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_commitment", "change_commitment", "view_source"]
        )
    )
    return user


def changelist_post(response, edits: dict[int, dict[str, str]]) -> dict[str, str]:
    """The list's formset as the page rendered it, with some rows' editable columns changed."""
    formset = response.context["cl"].formset
    data = {
        "form-TOTAL_FORMS": str(formset.total_form_count()),
        "form-INITIAL_FORMS": str(formset.initial_form_count()),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    for i, form in enumerate(formset.forms):
        pk = form.instance.pk
        row = {
            "id": str(pk),
            "status": form.instance.status,
            "owner": str(form.instance.owner_id or ""),
            "due_date": form.instance.due_date.isoformat() if form.instance.due_date else "",
        }
        row.update(edits.get(pk, {}))
        data.update({f"form-{i}-{name}": value for name, value in row.items()})
    return data


def change_form_post(commitment: Commitment, **overrides: str) -> dict[str, str]:
    data = {
        "title": commitment.title,
        "description": commitment.description,
        "actor": commitment.actor,
        "counterparty": commitment.counterparty,
        "topic": commitment.topic,
        "owner": str(commitment.owner_id or ""),
        "status": commitment.status,
        "progress": str(commitment.progress),
        "due_date": commitment.due_date.isoformat() if commitment.due_date else "",
        "due_text": commitment.due_text,
        "snoozed_until": "",
        "amount": "",
        "currency": commitment.currency,
        "timeline_note": "",
        "evidence_url": "",
        "seen_version": str(commitment.version),
        # The read-only timeline inline still posts its management form.
        "updates-TOTAL_FORMS": "0",
        "updates-INITIAL_FORMS": "0",
        "updates-MIN_NUM_FORMS": "0",
        "updates-MAX_NUM_FORMS": "0",
        "pledge_parties-TOTAL_FORMS": "0",
        "pledge_parties-INITIAL_FORMS": "0",
        "pledge_parties-MIN_NUM_FORMS": "0",
        "pledge_parties-MAX_NUM_FORMS": "0",
        "_save": "Save",
    }
    # So do the read-only tracking inlines.
    for prefix in ("money_records", "milestones", "due_date_changes", "evidence"):
        for part in ("TOTAL", "INITIAL", "MIN_NUM", "MAX_NUM"):
            data[f"{prefix}-{part}_FORMS"] = "0"
    data.update(overrides)
    return data


# --- The list ----------------------------------------------------------------------------------


def test_site_header_names_the_tracker(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert "Commitment tracker admin" in response.text


def test_changelist_shows_the_columns(admin_client, commitment, owner):
    response = admin_client.get(CHANGELIST)
    assert response.status_code == 200
    for heading in ("Title", "Actor", "Topic", "Owner", "Status", "Progress", "Due date"):
        assert heading in response.text
    assert commitment.title in response.text


def test_overdue_filter_lists_open_pledges_past_due(admin_client):
    today = timezone.localdate()
    overdue = CommitmentFactory(due_date=today - timedelta(days=3))
    CommitmentFactory(due_date=today - timedelta(days=3), status=Status.FULFILLED, progress=100)
    CommitmentFactory(due_date=today + timedelta(days=3))
    CommitmentFactory(due_date=None)

    response = admin_client.get(CHANGELIST, {"overdue": "yes"})

    assert listed(response) == {overdue.pk}


def test_stale_filter_lists_open_pledges_without_recent_progress(admin_client, settings):
    settings.STALE_AFTER_DAYS = 30
    long_ago = timezone.now() - timedelta(days=45)
    stale = CommitmentFactory()
    closed = CommitmentFactory(status=Status.BROKEN)
    CommitmentFactory()  # Fresh.
    Commitment.objects.filter(pk__in=[stale.pk, closed.pk]).update(last_progress_at=long_ago)

    response = admin_client.get(CHANGELIST, {"stale": "yes"})

    assert listed(response) == {stale.pk}


def test_search_finds_a_pledge_by_its_quote(admin_client):
    wanted = CommitmentFactory(quote="India will double its offshore wind capacity.")
    CommitmentFactory()

    response = admin_client.get(CHANGELIST, {"q": "offshore wind"})

    assert listed(response) == {wanted.pk}


@pytest.mark.parametrize("size", [5, 50])
def test_changelist_issues_a_constant_number_of_queries(
    admin_client, django_assert_num_queries, owner, size
):
    for i in range(size):
        commitment = CommitmentFactory(owner=owner if i % 2 else None)
        ProgressUpdateFactory(commitment=commitment, author=owner)
    # 1 session, 2 user (with their roles, for the actions), 3 owner filter choices, 4 source
    # filter choices, 5 filtered count, 6 total count, 7 owner choices for the editable column
    # (once for every row), 8 the page of pledges with their owners, 9-10 date hierarchy
    # (date range, then years), 11 actor filter values, 12 the parties with pledges (party
    # filter choices).
    with django_assert_num_queries(12):
        response = admin_client.get(CHANGELIST)
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == size


# --- Editing from the list and the change form -------------------------------------------------


def test_list_edit_of_status_writes_one_timeline_entry_and_bumps_version(
    admin_client, commitment, staff
):
    page = admin_client.get(CHANGELIST)

    response = admin_client.post(
        CHANGELIST, changelist_post(page, {commitment.pk: {"status": Status.IN_PROGRESS}})
    )

    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == Status.IN_PROGRESS
    assert commitment.version == 2
    (entry,) = commitment.updates.all()
    assert (entry.old_status, entry.new_status, entry.author) == (
        Status.NOT_STARTED,
        Status.IN_PROGRESS,
        staff,
    )


def test_list_edit_closing_without_a_note_saves_no_row(admin_client, owner, manager):
    first = CommitmentFactory(owner=owner)
    second = CommitmentFactory(owner=owner)
    page = admin_client.get(CHANGELIST)

    response = admin_client.post(
        CHANGELIST,
        changelist_post(
            page,
            {
                first.pk: {"owner": str(manager.pk)},
                second.pk: {"status": Status.FULFILLED},
            },
        ),
    )

    assert response.status_code == 302
    assert any("Nothing was saved" in m and "note is required" in m for m in messages_of(response))
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.owner == owner  # The good row rolled back with the bad one.
    assert (first.version, second.version) == (1, 1)
    assert second.status == Status.NOT_STARTED
    assert not ProgressUpdate.objects.exists()


def test_change_form_closing_without_note_shows_error_and_writes_nothing(admin_client, commitment):
    response = admin_client.post(
        change_url(commitment), change_form_post(commitment, status=Status.FULFILLED)
    )

    assert response.status_code == 200
    assert "a note is required" in response.text
    commitment.refresh_from_db()
    assert (commitment.status, commitment.version) == (Status.NOT_STARTED, 1)
    assert not commitment.updates.exists()


def test_change_form_closing_with_note_writes_the_timeline(admin_client, commitment, staff):
    response = admin_client.post(
        change_url(commitment),
        change_form_post(
            commitment,
            status=Status.FULFILLED,
            timeline_note="Signed in Delhi.",
            evidence_url="https://example.org/signed",
        ),
    )

    assert response.status_code == 302
    commitment.refresh_from_db()
    assert (commitment.status, commitment.progress, commitment.version) == (
        Status.FULFILLED,
        100,
        2,
    )
    (entry,) = commitment.updates.all()
    assert entry.note == "Signed in Delhi."
    assert entry.evidence_url == "https://example.org/signed"
    assert entry.author == staff


def test_change_form_refuses_an_edit_over_someone_elses_save(admin_client, commitment, manager):
    seen = change_form_post(commitment, status=Status.IN_PROGRESS)
    Commitment.objects.filter(pk=commitment.pk).update(version=2, updated_by=manager)

    response = admin_client.post(change_url(commitment), seen)

    assert response.status_code == 302
    name = manager.get_full_name()
    assert any("Nothing was saved" in m and name in m for m in messages_of(response))
    commitment.refresh_from_db()
    assert commitment.status == Status.NOT_STARTED
    assert not commitment.updates.exists()


def test_change_form_edit_by_analyst_staff_of_someone_elses_pledge_is_refused(
    client, analyst_staff, commitment
):
    client.force_login(analyst_staff)

    response = client.post(
        change_url(commitment), change_form_post(commitment, status=Status.IN_PROGRESS)
    )

    assert response.status_code == 302
    assert any("owner or a manager" in m for m in messages_of(response))
    commitment.refresh_from_db()
    assert commitment.status == Status.NOT_STARTED


def test_change_form_shows_the_timeline_read_only(admin_client, commitment, owner):
    ProgressUpdateFactory(commitment=commitment, author=owner, note="Talks began in May.")

    response = admin_client.get(change_url(commitment))

    assert response.status_code == 200
    assert "Talks began in May." in response.text
    assert 'name="updates-0-note"' not in response.text


def test_unknown_pledge_change_page_redirects_to_the_index(admin_client):
    response = admin_client.get(reverse("admin:commitments_commitment_change", args=[999999]))
    assert response.status_code == 302


# --- Bulk actions ------------------------------------------------------------------------------


def test_assign_owner_action_shows_a_form_then_reassigns(admin_client, owner, other_analyst):
    pledges = [CommitmentFactory(owner=owner), CommitmentFactory(owner=other_analyst)]
    selection = {"action": "assign_owner", "_selected_action": [c.pk for c in pledges]}

    page = admin_client.post(CHANGELIST, selection)
    assert page.status_code == 200
    assert "Assign an owner" in page.text
    assert all(c.title in page.text for c in pledges)

    response = admin_client.post(CHANGELIST, {**selection, "apply": "1", "owner": other_analyst.pk})

    assert response.status_code == 302
    assert (
        f"1 of 2 selected pledges reassigned to {other_analyst.get_full_name()}"
        in messages_of(response)[0]
    )
    first, second = (Commitment.objects.get(pk=c.pk) for c in pledges)
    assert first.owner == second.owner == other_analyst
    assert (first.version, second.version) == (2, 1)  # Unchanged pledges keep their version.
    # The reassigned pledge's timeline says so; the unchanged one's stays empty.
    assert [u.note for u in first.updates.all()] == [
        f"Owner: {owner.get_full_name()} → {other_analyst.get_full_name()}."
    ]
    assert not second.updates.exists()


def test_assign_owner_refuses_someone_without_a_role(admin_client, commitment, owner):
    outsider = UserFactory(username="outsider")
    response = admin_client.post(
        CHANGELIST,
        {
            "action": "assign_owner",
            "_selected_action": [commitment.pk],
            "apply": "1",
            "owner": outsider.pk,
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    commitment.refresh_from_db()
    assert commitment.owner == owner


def test_set_status_action_writes_one_timeline_entry_per_changed_pledge(admin_client, staff):
    pledges = [
        CommitmentFactory(),
        CommitmentFactory(),
        CommitmentFactory(status=Status.STALLED),
    ]
    selection = {"action": "set_status", "_selected_action": [c.pk for c in pledges]}
    assert admin_client.post(CHANGELIST, selection).status_code == 200

    response = admin_client.post(
        CHANGELIST, {**selection, "apply": "1", "status": Status.STALLED, "note": "Talks paused."}
    )

    assert response.status_code == 302
    assert "on 2 of 3 selected pledges (1 already had it)" in messages_of(response)[0]
    assert ProgressUpdate.objects.count() == 2
    for commitment in pledges[:2]:
        (entry,) = ProgressUpdate.objects.filter(commitment=commitment)
        assert (entry.new_status, entry.note, entry.author) == (
            Status.STALLED,
            "Talks paused.",
            staff,
        )
    assert not ProgressUpdate.objects.filter(commitment=pledges[2]).exists()


def test_set_status_action_closing_needs_a_note(admin_client, commitment):
    response = admin_client.post(
        CHANGELIST,
        {
            "action": "set_status",
            "_selected_action": [commitment.pk],
            "apply": "1",
            "status": Status.BROKEN,
            "note": "",
        },
    )
    assert response.status_code == 200
    assert "a note is required" in response.text
    commitment.refresh_from_db()
    assert commitment.status == Status.NOT_STARTED
    assert not ProgressUpdate.objects.exists()


def test_staff_who_is_not_a_manager_cannot_run_bulk_actions(client, analyst_staff, owner):
    pledge = CommitmentFactory(owner=analyst_staff)
    client.force_login(analyst_staff)

    page = client.get(CHANGELIST)
    assert page.status_code == 200
    assert "Assign owner" not in page.text and "Set status" not in page.text

    for action, fields in [
        ("set_status", {"status": Status.STALLED, "note": "x"}),
        ("assign_owner", {"owner": owner.pk}),
    ]:
        response = client.post(
            CHANGELIST,
            {"action": action, "_selected_action": [pledge.pk], "apply": "1", **fields},
        )
        # No action is on offer, so the post just shows the list again.
        assert response.status_code == 200
        assert "Assign an owner" not in response.text
    pledge.refresh_from_db()
    assert (pledge.status, pledge.owner, pledge.version) == (
        Status.NOT_STARTED,
        analyst_staff,
        1,
    )
    assert not ProgressUpdate.objects.exists()


# --- Export ------------------------------------------------------------------------------------


def test_csv_export_contains_the_rows(admin_client, owner):
    pledge = CommitmentFactory(
        owner=owner, due_date=date(2030, 1, 31), amount="1000000.00", currency="GBP"
    )

    response = admin_client.post(
        reverse("admin:commitments_commitment_export"), {"format": CSV_FORMAT, "resource": "0"}
    )

    assert response.status_code == 200
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("id,source,source_title,title,actor")
    (row,) = lines[1:]
    assert row.startswith(f"{pledge.pk},{pledge.source_id},{pledge.source.title},{pledge.title},")
    assert ",owner,not_started,0,2030-01-31," in row
    assert "1000000.00,GBP" in row


def test_xlsx_export_opens_with_a_header(admin_client, commitment):
    response = admin_client.post(
        reverse("admin:commitments_commitment_export"), {"format": XLSX_FORMAT, "resource": "0"}
    )

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("id", "source", "source_title", "title", "actor")
    assert rows[1][0] == commitment.pk
    assert rows[1][3] == commitment.title


def test_xlsx_export_imports_back_skipping_unchanged_rows_and_applying_changed_ones(
    admin_client, staff
):
    # Blank text cells (description, counterparty, due text) come back from XLSX as empty.
    kept = CommitmentFactory(description="", counterparty="", due_text="")
    changed = CommitmentFactory(description="", counterparty="")
    export = admin_client.post(
        reverse("admin:commitments_commitment_export"), {"format": XLSX_FORMAT, "resource": "0"}
    )
    book = openpyxl.load_workbook(io.BytesIO(export.content))
    sheet = book.active
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == changed.pk:
            row[header.index("status")].value = "in_progress"
            row[header.index("progress")].value = 30
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("pledges.xlsx", buffer.getvalue())

    preview = admin_client.post(
        reverse("admin:commitments_commitment_import"),
        {"import_file": upload, "format": XLSX_FORMAT, "resource": "0"},
    )

    assert preview.status_code == 200
    assert not preview.context["result"].invalid_rows, preview.context["result"].invalid_rows
    confirm_form = preview.context["confirm_form"]
    response = admin_client.post(
        reverse("admin:commitments_commitment_process_import"),
        {name: confirm_form[name].value() for name in confirm_form.fields},
    )
    assert response.status_code == 302
    kept.refresh_from_db()
    changed.refresh_from_db()
    assert kept.version == 1 and (kept.description, kept.due_text) == ("", "")
    assert (changed.status, changed.progress, changed.version) == (Status.IN_PROGRESS, 30, 2)
    assert changed.description == "" and changed.updates.get().author == staff


def test_export_and_import_are_for_managers_only(client, analyst_staff, commitment):
    client.force_login(analyst_staff)
    export = reverse("admin:commitments_commitment_export")
    assert client.post(export, {"format": CSV_FORMAT}).status_code == 403
    assert client.get(reverse("admin:commitments_commitment_import")).status_code == 403


# --- Import ------------------------------------------------------------------------------------


def csv_file(
    rows: list[str], header: str = "id,status,progress,note,version"
) -> SimpleUploadedFile:
    text = "\n".join([header, *rows]) + "\n"
    return SimpleUploadedFile("pledges.csv", text.encode(), content_type="text/csv")


def test_import_previews_then_confirms_and_writes_the_timeline(admin_client, staff):
    first, second, untouched = CommitmentFactory(), CommitmentFactory(), CommitmentFactory()
    upload = csv_file(
        [
            f"{first.pk},in_progress,20,,1",
            f"{second.pk},Fulfilled,,Signed in Delhi.,1",
            f"{untouched.pk},not_started,0,,1",
        ]
    )

    preview = admin_client.post(
        reverse("admin:commitments_commitment_import"),
        {"import_file": upload, "format": CSV_FORMAT, "resource": "0"},
    )

    assert preview.status_code == 200
    confirm_form = preview.context["confirm_form"]
    assert confirm_form is not None
    assert not ProgressUpdate.objects.exists()  # The preview wrote nothing.
    assert Commitment.objects.get(pk=first.pk).version == 1

    response = admin_client.post(
        reverse("admin:commitments_commitment_process_import"),
        {name: confirm_form[name].value() for name in confirm_form.fields},
    )

    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    untouched.refresh_from_db()
    assert (first.status, first.progress, first.version) == (Status.IN_PROGRESS, 20, 2)
    assert (second.status, second.progress, second.version) == (Status.FULFILLED, 100, 2)
    assert untouched.version == 1
    assert ProgressUpdate.objects.count() == 2
    assert second.updates.get().note == "Signed in Delhi."
    assert first.updates.get().author == staff


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        ("{pk},in_progress,150,,1", "Progress is a whole number from 0 to 100."),
        ("{pk},finished,,,1", "“finished” is not a status"),
        ("{pk},broken,,,1", "a note is required"),
    ],
)
def test_import_with_a_bad_row_names_it_and_writes_nothing(admin_client, bad_row, message):
    good, bad = CommitmentFactory(), CommitmentFactory()
    upload = csv_file([f"{good.pk},in_progress,10,,1", bad_row.format(pk=bad.pk)])

    preview = admin_client.post(
        reverse("admin:commitments_commitment_import"),
        {"import_file": upload, "format": CSV_FORMAT, "resource": "0"},
    )

    assert preview.status_code == 200
    assert preview.context.get("confirm_form") is None
    result = preview.context["result"]
    (invalid,) = result.invalid_rows
    assert invalid.number == 2
    assert message in " ".join(invalid.error.messages)
    assert message in preview.text
    assert "<td>2 </td>" in preview.text  # The row column of the failed-rows table.
    assert not ProgressUpdate.objects.exists()
    assert set(Commitment.objects.values_list("version", flat=True)) == {1}


def run_import(text: str, user) -> object:
    """The confirm step's call: a real import, one transaction, rolled back on a bad row."""
    import tablib

    return CommitmentResource().import_data(
        tablib.Dataset().load(text, format="csv"),
        dry_run=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
        user=user,
    )


def test_confirmed_import_with_a_bad_row_rolls_back_the_good_ones(staff):
    good, bad = CommitmentFactory(), CommitmentFactory()

    result = run_import(
        f"id,status,progress\n{good.pk},in_progress,10\n{bad.pk},in_progress,101\n", staff
    )

    assert [row.number for row in result.invalid_rows] == [2]
    good.refresh_from_db()
    assert (good.status, good.version) == (Status.NOT_STARTED, 1)
    assert not ProgressUpdate.objects.exists()


def test_import_refuses_a_row_exported_before_someone_elses_save(staff, manager):
    pledge = CommitmentFactory()
    Commitment.objects.filter(pk=pledge.pk).update(version=3, updated_by=manager)

    result = run_import(f"id,status,version\n{pledge.pk},stalled,1\n", staff)

    (invalid,) = result.invalid_rows
    # The same sentence as on the pages: who, and the version the sheet was exported at.
    message = " ".join(invalid.error.messages)
    assert f"{manager.get_full_name()} saved a change to this pledge" in message
    assert "after you opened or exported it (version 1 → 3)" in message
    pledge.refresh_from_db()
    assert pledge.status == Status.NOT_STARTED


def test_import_row_without_id_needs_source_and_quote(staff):
    result = run_import("id,title,actor,status\n,New pledge,India,not_started\n", staff)

    (invalid,) = result.invalid_rows
    assert "A new pledge needs a source id, its quote" in " ".join(invalid.error.messages)
    assert not Commitment.objects.exists()


def test_import_row_without_id_creates_a_pledge_from_its_quote(staff, commitment):
    source = commitment.source
    quote = "The UK will fund a new programme with India."
    start = source.body.index(quote, 1)
    text = (
        "id,source,title,actor,topic,status,quote,quote_start,quote_end\n"
        f',{source.pk},Fund programme,United Kingdom,Trade,in_progress,"{quote}",'
        f"{start},{start + len(quote)}\n"
    )

    result = run_import(text, staff)

    assert not result.has_validation_errors() and not result.has_errors()
    created = Commitment.objects.exclude(pk=commitment.pk).get()
    assert (created.topic, created.status, created.version) == ("trade", "in_progress", 1)
    assert created.updated_by == staff


def test_import_of_a_new_row_with_a_misplaced_quote_is_refused(staff, commitment):
    text = (
        "id,source,title,actor,quote,quote_start,quote_end\n"
        f",{commitment.source_id},X,UK,Not in the article,0,18\n"
    )
    result = run_import(text, staff)

    (invalid,) = result.invalid_rows
    assert "The quote is not found in the source" in " ".join(invalid.error.messages)


def test_import_names_a_progress_that_is_not_a_number(staff, commitment):
    result = run_import(f"id,progress\n{commitment.pk},half\n", staff)

    (invalid,) = result.invalid_rows
    assert invalid.number == 1
    assert "progress" in invalid.error.message_dict
    assert not ProgressUpdate.objects.exists()


def test_import_names_an_unknown_owner(staff, commitment):
    result = run_import(f"id,owner\n{commitment.pk},nobody\n", staff)

    (invalid,) = result.invalid_rows
    assert "There is no user named “nobody”." in invalid.error.messages


# --- Sources and the timeline ------------------------------------------------------------------


def test_source_list_counts_pledges_and_inlines_them(admin_client, commitment):
    CommitmentFactory(source=commitment.source, quote_start=900, quote_end=944)

    listing = admin_client.get(reverse("admin:commitments_source_changelist"))
    assert listing.status_code == 200
    (source,) = listing.context["cl"].result_list
    assert source.pledge_count == 2

    page = admin_client.get(reverse("admin:commitments_source_change", args=[commitment.source_id]))
    assert page.status_code == 200
    assert commitment.title in page.text


def test_source_autocomplete_searches_titles(admin_client, commitment):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": commitment.source.title,
            "app_label": "commitments",
            "model_name": "commitment",
            "field_name": "source",
        },
    )
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == [str(commitment.source_id)]


def test_timeline_admin_is_read_only(admin_client, commitment, owner):
    update = ProgressUpdateFactory(commitment=commitment, author=owner)

    listing = admin_client.get(reverse("admin:commitments_progressupdate_changelist"))
    assert listing.status_code == 200
    assert listing.context["cl"].result_list[0] == update

    assert admin_client.get(reverse("admin:commitments_progressupdate_add")).status_code == 403
    change = reverse("admin:commitments_progressupdate_change", args=[update.pk])
    response = admin_client.post(change, {"note": "rewritten"})
    assert response.status_code == 403
    update.refresh_from_db()
    assert update.note == "Work has begun."


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_add_form_creates_a_pledge(admin_client, commitment, staff):
    add = reverse("admin:commitments_commitment_add")
    assert "Timeline note" not in admin_client.get(add).text

    source = commitment.source
    start = source.body.index(commitment.quote, 1)
    response = admin_client.post(
        add,
        {
            "title": "A second pledge",
            "actor": "India",
            "topic": "trade",
            "source": source.pk,
            "quote": commitment.quote,
            "quote_start": start,
            "quote_end": start + len(commitment.quote),
            "status": Status.NOT_STARTED,
            "progress": "0",
            "_save": "Save",
        },
    )

    assert response.status_code == 302
    created = Commitment.objects.get(title="A second pledge")
    assert (created.source, created.version, created.updated_by) == (source, 1, staff)


def test_add_form_refuses_a_quote_not_in_its_source(admin_client, commitment):
    response = admin_client.post(
        reverse("admin:commitments_commitment_add"),
        {
            "title": "Made up",
            "actor": "India",
            "topic": "trade",
            "source": commitment.source_id,
            "quote": "Words the article never said.",
            "quote_start": "0",
            "quote_end": "29",
            "status": Status.NOT_STARTED,
            "progress": "0",
            "_save": "Save",
        },
    )

    assert response.status_code == 200
    assert "The quote is not found in the source" in response.text
    assert not Commitment.objects.filter(title="Made up").exists()


def test_running_a_schedule_with_the_broker_down_says_so_instead_of_failing(
    admin_client, monkeypatch
):
    from django_celery_beat.models import PeriodicTask
    from kombu.exceptions import OperationalError

    from tracker.celery import app

    schedule = PeriodicTask.objects.first()
    assert schedule is not None  # the reminder schedules come with the migrations

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(app.amqp, "send_task_message", broker_down)
    response = admin_client.post(
        reverse("admin:django_celery_beat_periodictask_changelist"),
        {"action": "run_tasks", "_selected_action": [schedule.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert "could not be queued" in response.content.decode()
