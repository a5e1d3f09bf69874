"""The work queue, the pledge list and export, the pledge page and its forms, the source page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from commitments.models import Commitment, ProgressUpdate, Status
from tests.factories import AnalystFactory, CommitmentFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


def _update_url(c: Commitment, name: str = "update") -> str:
    return reverse(f"commitments:{name}", args=[c.pk])


# --- Home


def test_home_sends_anonymous_to_sign_in(client):
    response = client.get(reverse("commitments:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_home_is_the_work_queue_for_analysts(client, owner, commitment):
    client.force_login(owner)
    response = client.get(reverse("commitments:home"))
    assert response.status_code == 200
    assert "My pledges" in response.text
    assert commitment.title in response.text


def test_home_sends_managers_to_the_board(client, manager):
    client.force_login(manager)
    response = client.get(reverse("commitments:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("commitments:board")


def test_home_sends_users_without_a_role_to_the_list(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    response = client.get(reverse("commitments:home"))
    assert response["Location"] == reverse("commitments:list")


def test_login_lands_analyst_on_queue(client, owner):
    response = client.post(reverse("login"), {"username": "owner", "password": "password"})
    assert response.status_code == 302
    assert response["Location"] == reverse("commitments:home")


# --- Work queue


def test_work_queue_orders_by_attention(client, owner):
    now = timezone.now()
    today = timezone.localdate()
    rest = CommitmentFactory(owner=owner, title="Later", due_date=today + timedelta(days=60))
    stale = CommitmentFactory(
        owner=owner,
        title="Forgotten",
        due_date=today + timedelta(days=90),
        last_progress_at=now - timedelta(days=45),
    )
    soon = CommitmentFactory(owner=owner, title="Soon", due_date=today + timedelta(days=3))
    overdue = CommitmentFactory(owner=owner, title="Late", due_date=today - timedelta(days=12))
    CommitmentFactory(owner=owner, title="Done", status=Status.FULFILLED)
    CommitmentFactory(title="Someone else's")
    client.force_login(owner)
    response = client.get(reverse("commitments:work_queue"))
    shown = [r.commitment.title for r in response.context["rows"]]
    assert shown == [overdue.title, soon.title, stale.title, rest.title]
    assert "12 days overdue" in response.text
    assert "in 3 days" in response.text
    assert response.context["attention_counts"]["attention"] == 3


def test_work_queue_htmx_gets_fragment(client, owner, commitment):
    client.force_login(owner)
    response = client.get(reverse("commitments:work_queue"), **HX)
    assert commitment.title in response.text
    assert "<html" not in response.text


def test_work_queue_refuses_post(client, owner):
    client.force_login(owner)
    assert client.post(reverse("commitments:work_queue")).status_code == 405


def test_work_queue_empty_state(client, other_analyst):
    client.force_login(other_analyst)
    assert "you own no open pledges" in client.get(reverse("commitments:work_queue")).text


# --- Quick update (row)


def _quick(c: Commitment, **overrides) -> dict:
    data = {"version": c.version, "status": Status.IN_PROGRESS, "progress": 40, "note": "Begun"}
    data.update(overrides)
    return data


def test_quick_update_swaps_row_and_counts(client, owner):
    today = timezone.localdate()
    c = CommitmentFactory(owner=owner, due_date=today - timedelta(days=2))
    client.force_login(owner)
    response = client.post(_update_url(c, "quick_update"), _quick(c, status="fulfilled"), **HX)
    # Closing needs a note; this one has one.
    assert response.status_code == 200
    html = response.text
    assert f'id="row-{c.pk}"' in html
    assert "Saved: Fulfilled, 40%" in html
    assert 'id="queue-counts"' in html and 'hx-swap-oob="true"' in html
    assert 'id="attention-badge"' in html
    assert "<html" not in html
    c.refresh_from_db()
    assert (c.status, c.progress, c.version) == (Status.FULFILLED, 40, 2)
    assert c.updates.get().note == "Begun"


def test_quick_update_refreshes_the_counts_when_a_stale_pledge_is_updated(client, owner):
    stale = CommitmentFactory(owner=owner, last_progress_at=timezone.now() - timedelta(days=90))
    client.force_login(owner)
    response = client.post(_update_url(stale, "quick_update"), _quick(stale), **HX)
    assert response.status_code == 200
    counts = response.text.split('id="queue-counts"', 1)[1]
    assert '<span class="stat-n" data-count="stale">0</span>' in counts


def test_quick_update_without_htmx_redirects(client, owner, commitment):
    client.force_login(owner)
    response = client.post(_update_url(commitment, "quick_update"), _quick(commitment))
    assert response.status_code == 302
    assert response["Location"] == reverse("commitments:work_queue")
    commitment.refresh_from_db()
    assert commitment.progress == 40


def test_quick_update_closing_needs_note(client, owner, commitment):
    client.force_login(owner)
    response = client.post(
        _update_url(commitment, "quick_update"), _quick(commitment, status="broken", note=""), **HX
    )
    assert response.status_code == 422
    assert "a note is required" in response.text
    assert not commitment.updates.exists()


def test_quick_update_bad_progress_changes_nothing(client, owner, commitment):
    client.force_login(owner)
    response = client.post(
        _update_url(commitment, "quick_update"), _quick(commitment, progress="lots"), **HX
    )
    assert response.status_code == 422
    assert "whole number from 0 to 100" in response.text
    commitment.refresh_from_db()
    assert commitment.version == 1


def test_the_queue_row_form_shows_the_pledge_and_the_form_limits(client, owner):
    from commitments.forms import QuickUpdateForm

    c = CommitmentFactory(owner=owner, status=Status.STALLED, progress=35)
    client.force_login(owner)
    row = client.get(reverse("commitments:work_queue")).text.split(f'id="row-{c.pk}"', 1)[1]
    row = row.split("</li>", 1)[0]
    assert f'name="version" value="{c.version}"' in row
    assert '<option value="stalled" selected>Stalled</option>' in row
    assert row.count(" selected>") == 1
    assert len(re.findall("<option ", row)) == len(Status.choices)
    form = QuickUpdateForm()
    progress, note = form.fields["progress"], form.fields["note"]
    assert f'value="35" step="5" min="{progress.min_value}" max="{progress.max_value}"' in row
    assert f'maxlength="{note.max_length}"' in row and 'placeholder="Short note"' in row


def test_a_rejected_row_input_is_kept_and_its_error_linked(client, owner, commitment):
    client.force_login(owner)
    response = client.post(
        _update_url(commitment, "quick_update"), _quick(commitment, progress="400"), **HX
    )
    assert response.status_code == 422
    field = f"id_q{commitment.pk}_progress"
    assert 'value="400"' in response.text
    assert f'aria-invalid="true" aria-describedby="{field}_error"' in response.text
    assert f'<p class="field-error" id="{field}_error">' in response.text


def test_quick_update_invalid_row_keeps_its_overdue_flag(client, owner):
    late = CommitmentFactory(owner=owner, due_date=timezone.localdate() - timedelta(days=3))
    client.force_login(owner)
    for extra in (HX, {}):
        response = client.post(
            _update_url(late, "quick_update"), _quick(late, progress="lots"), **extra
        )
        assert response.status_code == 422
        row = response.text.split(f'id="row-{late.pk}"', 1)[1].split("</li>", 1)[0]
        assert '<span class="flag flag-bad">Overdue</span>' in row


def test_quick_update_saved_status_takes_the_focus(client, owner, commitment):
    client.force_login(owner)
    response = client.post(_update_url(commitment, "quick_update"), _quick(commitment), **HX)
    assert response.status_code == 200
    # htmx focuses the [autofocus] element it swaps in: the announced status, inside the row.
    assert '<p class="saved" role="status" tabindex="-1" autofocus>Saved:' in response.text


def test_quick_update_refused_for_other_analyst(client, other_analyst, commitment):
    client.force_login(other_analyst)
    response = client.post(_update_url(commitment, "quick_update"), _quick(commitment), **HX)
    assert response.status_code == 403
    assert not commitment.updates.exists()


def test_quick_update_checks_who_before_what(client, owner, other_analyst, commitment):
    client.force_login(other_analyst)
    bad = _quick(commitment, progress="lots")
    assert client.post(_update_url(commitment, "quick_update"), bad, **HX).status_code == 403
    client.force_login(owner)
    assert client.post("/commitments/999999/quick-update/", bad, **HX).status_code == 404
    commitment.refresh_from_db()
    assert commitment.version == 1


def test_quick_update_allowed_for_manager(client, manager, commitment):
    client.force_login(manager)
    response = client.post(_update_url(commitment, "quick_update"), _quick(commitment), **HX)
    assert response.status_code == 200


def test_quick_update_anonymous_and_method_and_unknown(client, owner, commitment):
    response = client.post(_update_url(commitment, "quick_update"), _quick(commitment))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    client.force_login(owner)
    assert client.get(_update_url(commitment, "quick_update")).status_code == 405
    assert client.post("/commitments/999999/quick-update/", _quick(commitment)).status_code == 404


def test_quick_update_conflict_keeps_input_and_carries_new_version(client, owner, manager):
    c = CommitmentFactory(owner=owner)
    seen = _quick(c, progress=70, note="My note")
    client.force_login(manager)
    client.post(_update_url(c, "quick_update"), _quick(c, progress=20, note="Theirs"))
    client.force_login(owner)
    response = client.post(_update_url(c, "quick_update"), seen, **HX)
    assert response.status_code == 409
    assert "saved a change to this pledge" in response.text
    assert "progress 0% → 20%" in response.text
    assert 'value="My note"' in response.text and 'value="70"' in response.text
    assert 'name="version" value="2"' in response.text
    c.refresh_from_db()
    assert c.progress == 20 and c.updates.count() == 1
    # Re-applying (the form now carries version 2) lands on top.
    again = client.post(_update_url(c, "quick_update"), dict(seen, version=2), **HX)
    assert again.status_code == 200
    c.refresh_from_db()
    assert (c.progress, c.version, c.updates.count()) == (70, 3, 2)


def test_quick_update_conflict_without_htmx_renders_queue(client, owner):
    c = CommitmentFactory(owner=owner)
    client.force_login(owner)
    client.post(_update_url(c, "quick_update"), _quick(c, progress=10))
    response = client.post(_update_url(c, "quick_update"), _quick(c, progress=90, note="Late"))
    assert response.status_code == 409
    assert "<html" in response.text
    assert "saved a change to this pledge" in response.text
    assert 'value="Late"' in response.text


# --- The pledge page


def test_detail_for_every_persona(client, owner, other_analyst, manager, commitment):
    ProgressUpdateFactory(commitment=commitment, author=owner, note="First step")
    for user, can_update, can_manage in (
        (owner, True, False),
        (other_analyst, False, False),
        (manager, True, True),
    ):
        client.force_login(user)
        response = client.get(commitment.get_absolute_url())
        assert response.status_code == 200
        assert commitment.title in response.text
        assert "First step" in response.text
        assert f"#q-{commitment.pk}" in response.text
        assert ("Record progress" in response.text) is can_update
        assert ("Reassign" in response.text) is can_manage


def test_detail_shows_quote_in_its_sentence(client, owner):
    body = "Talks ended. Leaders met in Delhi and the UK will double aid by 2030. Then lunch."
    quote = "the UK will double aid by 2030"
    start = body.index(quote)
    c = CommitmentFactory(
        owner=owner,
        source__body=body,
        quote=quote,
        quote_start=start,
        quote_end=start + len(quote),
    )
    client.force_login(owner)
    response = client.get(c.get_absolute_url())
    assert f"Leaders met in Delhi and <mark>{quote}</mark>." in response.text
    assert "Then lunch" not in response.text


def test_detail_anonymous_unknown_and_method(client, owner, commitment):
    assert client.get(commitment.get_absolute_url()).status_code == 302
    client.force_login(owner)
    assert client.get("/commitments/999999/").status_code == 404
    assert client.post(commitment.get_absolute_url()).status_code == 405


def test_detail_htmx_gets_fragment(client, owner, commitment):
    client.force_login(owner)
    response = client.get(commitment.get_absolute_url(), **HX)
    assert 'id="pledge"' in response.text and "<html" not in response.text


def _update(c: Commitment, **overrides) -> dict:
    data = {
        "version": c.version,
        "status": Status.IN_PROGRESS,
        "progress": 25,
        "note": "Budget approved",
        "evidence_url": "https://example.org/budget",
    }
    data.update(overrides)
    return data


def test_update_htmx_prepends_entry_and_refreshes_summary(client, owner, commitment):
    client.force_login(owner)
    response = client.post(_update_url(commitment), _update(commitment), **HX)
    assert response.status_code == 200
    html = response.text
    assert "Update recorded." in html
    assert 'hx-swap-oob="afterbegin:#timeline"' in html
    assert "Budget approved" in html and "https://example.org/budget" in html
    assert '<section id="summary"' in html and 'hx-swap-oob="true"' in html
    assert 'name="version" value="2"' in html
    assert "<html" not in html
    entry = ProgressUpdate.objects.get()
    assert (entry.old_status, entry.new_status, entry.new_progress) == (
        "not_started",
        "in_progress",
        25,
    )


def test_update_without_htmx_redirects(client, owner, commitment):
    client.force_login(owner)
    response = client.post(_update_url(commitment), _update(commitment))
    assert response.status_code == 302
    assert response["Location"] == commitment.get_absolute_url()
    assert "Update recorded." in client.get(response["Location"]).text


def test_update_errors_shown_in_place(client, owner, commitment):
    client.force_login(owner)
    response = client.post(
        _update_url(commitment),
        _update(commitment, status="withdrawn", note="", evidence_url="not a url"),
        **HX,
    )
    assert response.status_code == 422
    assert "Enter a valid URL" in response.text
    assert "<html" not in response.text
    response = client.post(
        _update_url(commitment), _update(commitment, status="withdrawn", note=""), **HX
    )
    assert response.status_code == 422
    assert "a note is required" in response.text
    assert not ProgressUpdate.objects.exists()


def test_update_errors_without_htmx_render_full_page(client, owner, commitment):
    client.force_login(owner)
    response = client.post(_update_url(commitment), _update(commitment, progress=150))
    assert response.status_code == 422
    assert "<html" in response.text


def test_update_refused_for_other_analyst(client, other_analyst, commitment):
    client.force_login(other_analyst)
    assert client.post(_update_url(commitment), _update(commitment)).status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_update_anonymous_method_unknown(client, owner, commitment):
    response = client.post(_update_url(commitment), _update(commitment))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    client.force_login(owner)
    assert client.get(_update_url(commitment)).status_code == 405
    assert client.post("/commitments/999999/update/", _update(commitment)).status_code == 404


def test_conflict_second_save_from_same_version_is_refused(client, owner, manager):
    """Two saves from the same version: the first is kept, the second sees who changed what."""
    c = CommitmentFactory(owner=owner)
    first = _update(c, progress=30, note="Manager's news")
    second = _update(c, status="stalled", progress=5, note="Analyst's view")
    client.force_login(manager)
    assert client.post(_update_url(c), first, **HX).status_code == 200
    client.force_login(owner)
    response = client.post(_update_url(c), second, **HX)
    assert response.status_code == 409
    manager_name = manager.get_full_name()
    assert f"{manager_name} saved a change to this pledge" in response.text
    assert "progress 0% → 30%" in response.text
    assert "Manager’s news" in response.text or "Manager&#x27;s news" in response.text
    assert "Analyst&#x27;s view" in response.text  # what they typed is kept
    assert 'name="version" value="2"' in response.text
    c.refresh_from_db()
    assert (c.progress, c.status, c.version) == (30, Status.IN_PROGRESS, 2)
    assert c.updates.count() == 1


def test_manager_reassigns_owner_and_due_date(client, manager, owner, commitment):
    new_owner = AnalystFactory(username="newbie")
    client.force_login(manager)
    response = client.post(
        _update_url(commitment, "assign_owner"),
        {"owner-version": 1, "owner-owner": new_owner.pk},
        **HX,
    )
    assert response.status_code == 200
    assert "Owner changed." in response.text
    # Every form on the page moves to the new version.
    assert 'id="id_version" hx-swap-oob="true"' in response.text
    commitment.refresh_from_db()
    assert commitment.owner == new_owner and commitment.version == 2
    response = client.post(
        _update_url(commitment, "set_due_date"),
        {"due-version": 2, "due-due_date": "2031-01-31", "due-due_text": "by early 2031"},
    )
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert str(commitment.due_date) == "2031-01-31" and commitment.due_text == "by early 2031"


def test_reassign_and_redate_refresh_the_timeline(client, manager, owner, commitment):
    new_owner = AnalystFactory(first_name="Nia", last_name="Okafor")
    client.force_login(manager)
    response = client.post(
        _update_url(commitment, "assign_owner"),
        {"owner-version": 1, "owner-owner": new_owner.pk},
        **HX,
    )
    assert response.status_code == 200
    timeline = response.text.split('<ol id="timeline"', 1)[1].split("</ol>", 1)[0]
    assert 'hx-swap-oob="true"' in timeline and "Nia Okafor" in timeline
    assert 'role="status" tabindex="-1" autofocus>Owner changed.' in response.text
    response = client.post(
        _update_url(commitment, "set_due_date"),
        {"due-version": 2, "due-due_date": "2031-01-31", "due-due_text": ""},
        **HX,
    )
    assert response.status_code == 200
    timeline = response.text.split('<ol id="timeline"', 1)[1].split("</ol>", 1)[0]
    assert "Due date: none → 2031-01-31." in timeline


def test_manager_forms_conflict_and_bad_date(client, manager, commitment):
    client.force_login(manager)
    client.post(_update_url(commitment), _update(commitment))
    response = client.post(
        _update_url(commitment, "set_due_date"),
        {"due-version": 1, "due-due_date": "2031-01-31", "due-due_text": ""},
        **HX,
    )
    assert response.status_code == 409
    assert "saved a change to this pledge" in response.text
    assert 'value="2031-01-31"' in response.text
    response = client.post(
        _update_url(commitment, "set_due_date"),
        {"due-version": 2, "due-due_date": "31/31/2031"},
        **HX,
    )
    assert response.status_code == 422
    assert "Enter the date as YYYY-MM-DD." in response.text
    commitment.refresh_from_db()
    assert commitment.due_date is None


def test_analysts_cannot_reassign_or_redate(client, owner, commitment):
    client.force_login(owner)
    for name, data in (
        ("assign_owner", {"owner-version": 1, "owner-owner": owner.pk}),
        ("set_due_date", {"due-version": 1, "due-due_date": "2031-01-01"}),
    ):
        assert client.post(_update_url(commitment, name), data).status_code == 403
        assert client.get(_update_url(commitment, name)).status_code == 405
    commitment.refresh_from_db()
    assert commitment.version == 1


def test_manager_forms_unknown_id(client, manager):
    client.force_login(manager)
    assert client.post("/commitments/999999/owner/", {}).status_code == 404


# --- Source page


def test_source_page_highlights_every_quote(client, owner):
    c = CommitmentFactory(owner=owner)
    body = c.source.body
    start = body.index(c.quote)
    Commitment.objects.filter(pk=c.pk).update(quote_start=start, quote_end=start + len(c.quote))
    client.force_login(owner)
    response = client.get(reverse("commitments:source_detail", args=[c.source_id]))
    assert response.status_code == 200
    assert f'<mark id="q-{c.pk}"' in response.text
    assert c.get_absolute_url() in response.text
    assert client.get("/sources/999999/").status_code == 404
    assert client.post(reverse("commitments:source_detail", args=[c.source_id])).status_code == 405


def test_work_queue_pages_through_long_queues(client, owner):
    today = timezone.localdate()
    for i in range(35):
        CommitmentFactory(owner=owner, title=f"Q{i:02}", due_date=today + timedelta(days=10 + i))
    client.force_login(owner)
    first = client.get(reverse("commitments:work_queue"))
    assert [r.commitment.title for r in first.context["rows"]][:2] == ["Q00", "Q01"]
    assert len(first.context["rows"]) == 30 and "1–30 of 35" in first.text
    second = client.get(reverse("commitments:work_queue") + "?page=2")
    assert [r.commitment.title for r in second.context["rows"]] == [f"Q{i}" for i in range(30, 35)]


def test_a_pledge_nobody_has_updated_says_so(client, owner):
    created = timezone.now() - timedelta(minutes=5)
    fresh = CommitmentFactory(owner=owner, created_at=created, last_progress_at=created)
    client.force_login(owner)
    detail = client.get(fresh.get_absolute_url()).text
    assert "<dt>Last update</dt><dd>none yet (added 5 min ago)</dd>" in detail
    assert "5 min ago</td>" not in client.get(reverse("commitments:list")).text
    assert (
        "last update none yet (added 5 min ago)"
        in client.get(reverse("commitments:work_queue")).text
    )
    # Once progress is recorded, its age is shown.
    ProgressUpdateFactory(commitment=fresh, author=owner)
    Commitment.objects.filter(pk=fresh.pk).update(last_progress_at=timezone.now())
    assert "<dt>Last update</dt><dd>just now</dd>" in client.get(fresh.get_absolute_url()).text


# --- How dates and people read


def test_a_closed_pledge_names_its_due_date_once(client, owner):
    closed = CommitmentFactory(
        owner=owner, status=Status.FULFILLED, progress=100, due_date=timezone.datetime(2021, 3, 31)
    )
    client.force_login(owner)
    for url in (closed.get_absolute_url(), reverse("commitments:list")):
        text = client.get(url).text
        assert text.count("31 Mar 2021") == 1, url
        assert "was due" not in text


def test_owner_choices_show_full_names(client, manager, owner, commitment, admin_client):
    name = owner.get_full_name()
    assert name and name != owner.get_username()
    client.force_login(manager)
    option = f'<option value="{owner.pk}" selected>{name}</option>'
    assert option in client.get(commitment.get_absolute_url()).text  # reassign form
    assert (
        f'<option value="{owner.pk}">{name}</option>'
        in client.get(reverse("commitments:list")).text
    )  # the list's owner filter
    change = admin_client.get(reverse("admin:commitments_commitment_change", args=[commitment.pk]))
    assert option in change.text


def test_an_entry_the_tracker_wrote_itself_shows_as_someone(client, owner, manager, commitment):
    # A write made by the tracker itself (services.SYSTEM) leaves no author on its entry.
    ProgressUpdateFactory(commitment=commitment, author=None, note="Recorded by the tracker.")
    client.force_login(owner)
    page = client.get(commitment.get_absolute_url())
    assert page.status_code == 200
    assert "Someone" in page.content.decode()
    client.force_login(manager)
    board = client.get(reverse("commitments:board"))
    assert board.status_code == 200
    assert "Someone" in board.content.decode()
