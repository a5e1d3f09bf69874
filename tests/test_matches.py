"""Follow-up articles in the review step: suggestions about tracked pledges and their actions."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.urls import reverse

from commitments.choices import Status
from commitments.importing import read_bytes
from commitments.models import (
    Commitment,
    MatchRejection,
    PledgeSource,
    PledgeSourceKind,
    ProgressUpdate,
    Source,
)
from commitments.reminders.attention import attention_for
from commitments.reminders.delivery import reminders_run
from commitments.services import SYSTEM, source_import
from tests.test_import_views import review_data, start_import

pytestmark = pytest.mark.django_db

ORIGINAL = (
    "date 2023-01-10\n\nLamu port deal\n\n"
    "Japan will fund a new container port at Lamu in Kenya with a $300 million loan, "
    "Japanese officials said on Tuesday."
)
FOLLOW_UP = (
    "date 2024-05-02\n\nLamu port loan signed\n\n"
    "Japan and Kenya signed the $300 million loan agreement for the new container port at "
    "Lamu on Wednesday. The two governments said construction would begin next year."
)
SECOND_OUTLET = (
    "date 2023-01-11\n\nJapan to fund Lamu port\n\n"
    "Japan has pledged to fund a new container port at Lamu in Kenya with a $300 million loan."
)
UNRELATED = (
    "date 2024-06-01\n\nKenya and Japan hold talks on tea\n\n"
    "Kenya and Japan held talks on tea exports, officials said, and praised their friendship."
)


def track(text: str, owner) -> Commitment:
    """The original article imported, its pledge owned by `owner`."""
    article = read_bytes(text.encode(), filename="original.txt")
    from commitments.importing import extract_candidates

    result = source_import(
        article=article, candidates=extract_candidates(article), user=SYSTEM, owner=owner
    )
    assert len(result.commitments) == 1
    return result.commitments[0]


def matches_on(client, url: str) -> list:
    return client.get(url).context["match_rows"]


def action(client, url: str, row, name: str, **extra):
    match = row["match"]
    data = {
        "action": name,
        "commitment": match.commitment.pk,
        "start": match.statement.start,
        "end": match.statement.end,
        **extra,
    }
    return client.post(url.rstrip("/") + "/matches/", data)


class _MatchForms(HTMLParser):
    """Each suggestion form's fields as the page fills them in, by the form's action."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: dict[str, dict[str, str]] = {}
        self._form: dict[str, str] | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("hx-target") == "#import-step":
            self._form = {}
        elif self._form is not None and tag == "input" and a.get("name"):
            self._form[a["name"]] = a.get("value", "")
            if a["name"] == "action":
                self.forms[a["value"]] = self._form
        elif self._form is not None and tag == "select":
            self._select = a["name"]
        elif self._select and tag == "option" and "selected" in a:
            assert self._form is not None
            self._form[self._select] = a["value"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def match_forms(client, url: str) -> dict[str, dict[str, str]]:
    parser = _MatchForms()
    parser.feed(client.get(url).content.decode())
    return parser.forms


@pytest.fixture
def pledge(owner):
    return track(ORIGINAL, owner)


# --- What is suggested


def test_a_follow_up_suggests_its_tracked_pledge_with_reasons(client, owner, pledge):
    client.force_login(owner)
    url = start_import(client, FOLLOW_UP)
    rows = matches_on(client, url)
    assert rows, "the signing of the loan should be matched to the pledge"
    first = rows[0]["match"]
    assert first.commitment == pledge
    assert first.action == "record_evidence"
    assert first.statement.suggests == Status.FULFILLED
    assert "same parties" in first.why and "same amount" in first.why
    page = client.get(url).content.decode()
    assert "About pledges you already track" in page
    assert "Record as evidence" in page
    # The statement is highlighted in the article, linked to its suggestion.
    assert 'id="match-quote-1"' in page and 'href="#match-1"' in page


def test_an_unrelated_article_about_the_same_parties_suggests_nothing(client, owner, pledge):
    client.force_login(owner)
    url = start_import(client, UNRELATED)
    assert matches_on(client, url) == []


def test_a_second_outlet_is_a_possible_duplicate_left_unticked(client, owner, pledge):
    client.force_login(owner)
    url = start_import(client, SECOND_OUTLET)
    context = client.get(url).context
    rows = context["match_rows"]
    assert rows and rows[0]["match"].action == "add_source"
    number = rows[0]["match"].statement.proposal
    assert number in context["possible_duplicates"]
    form = context["candidate_forms"][number - 1]
    assert form.initial["include"] is False
    assert "possible duplicate" in client.get(url).content.decode()


# --- The actions


def test_record_as_evidence_writes_a_progress_update_linked_to_the_span(client, owner, pledge):
    client.force_login(owner)
    url = start_import(client, FOLLOW_UP)
    row = matches_on(client, url)[0]
    response = action(client, url, row, "record", version=pledge.version, status=Status.FULFILLED)
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.status == Status.FULFILLED and pledge.progress == 100
    assert pledge.version == 2
    report = PledgeSource.objects.get(commitment=pledge)
    assert report.kind == PledgeSourceKind.EVIDENCE
    assert report.progress_update == ProgressUpdate.objects.get(commitment=pledge)
    assert report.quote == report.source.body[report.quote_start : report.quote_end]
    assert "signed" in report.quote
    # The pledge page links the timeline entry to the highlighted span of its source.
    page = client.get(pledge.get_absolute_url()).content.decode()
    assert f"#r-{report.pk}" in page
    source_page = client.get(reverse("commitments:source_detail", args=[report.source_id]))
    assert f'id="r-{report.pk}"' in source_page.content.decode()


def test_saving_the_review_after_recording_evidence_keeps_the_articles_own_pledges(
    client, owner, pledge
):
    client.force_login(owner)
    url = start_import(client, SECOND_OUTLET)
    row = matches_on(client, url)[0]
    action(client, url, row, "source")
    data = review_data(client, url)
    data[f"c{row['match'].statement.proposal}-include"] = "on"  # the analyst keeps it anyway
    response = client.post(url, data)
    assert response.status_code == 302
    source = Source.objects.get(title__contains="Japan to fund")
    assert source.commitments.count() == 1
    assert source.pledge_reports.count() == 1


def test_add_as_another_source_changes_no_status(client, owner, pledge):
    client.force_login(owner)
    url = start_import(client, SECOND_OUTLET)
    row = matches_on(client, url)[0]
    assert action(client, url, row, "source").status_code == 302
    pledge.refresh_from_db()
    assert pledge.status == Status.NOT_STARTED and pledge.version == 1
    report = PledgeSource.objects.get(commitment=pledge)
    assert report.kind == PledgeSourceKind.REPORT
    page = client.get(pledge.get_absolute_url()).content.decode()
    assert "Japan to fund Lamu port" in page  # listed among the pledge's sources


def test_not_this_one_is_remembered(client, owner, pledge):
    client.force_login(owner)
    url = start_import(client, FOLLOW_UP)
    rows = matches_on(client, url)
    assert action(client, url, rows[0], "reject").status_code == 302
    assert MatchRejection.objects.filter(commitment=pledge).count() == 1
    remaining = matches_on(client, url)
    assert all(
        (r["match"].commitment, r["match"].statement.start)
        != (pledge, rows[0]["match"].statement.start)
        for r in remaining
    )
    pledge.refresh_from_db()
    assert pledge.version == 1


def test_the_suggestion_forms_post_the_statement_they_show(client, owner, pledge):
    client.force_login(owner)
    url = start_import(client, FOLLOW_UP)
    statement = matches_on(client, url)[0]["match"].statement
    forms = match_forms(client, url)
    assert set(forms) == {"record", "source", "reject"}
    for form in forms.values():
        assert form["commitment"] == str(pledge.pk)
        assert (form["start"], form["end"]) == (str(statement.start), str(statement.end))
        assert "csrfmiddlewaretoken" in form
    assert forms["record"]["version"] == str(pledge.version)
    response = client.post(url.rstrip("/") + "/matches/", forms["record"])
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.status == Status.FULFILLED
    assert PledgeSource.objects.get(commitment=pledge).kind == PledgeSourceKind.EVIDENCE


def test_a_stale_review_gets_the_conflict_page_and_writes_nothing(client, owner, pledge):
    client.force_login(owner)
    url = start_import(client, FOLLOW_UP)
    row = matches_on(client, url)[0]
    Commitment.objects.filter(pk=pledge.pk).update(version=2, status=Status.IN_PROGRESS)
    response = action(client, url, row, "record", version=1, status=Status.FULFILLED)
    assert response.status_code == 409
    assert "after you opened it" in response.content.decode()
    pledge.refresh_from_db()
    assert pledge.status == Status.IN_PROGRESS
    assert (
        not PledgeSource.objects.exists()
        and not Source.objects.filter(title__contains="signed").exists()
    )


def test_bad_input_gets_a_message_and_changes_nothing(client, owner, pledge):
    client.force_login(owner)
    url = start_import(client, FOLLOW_UP)
    response = client.post(url.rstrip("/") + "/matches/", {"action": "record"})
    assert response.status_code == 422
    assert "Nothing was saved" in response.content.decode()
    assert not PledgeSource.objects.exists()


# --- Who may do what


def test_only_the_owner_or_a_manager_records_evidence(
    client, owner, other_analyst, manager, pledge
):
    client.force_login(other_analyst)
    url = start_import(client, FOLLOW_UP)
    row = matches_on(client, url)[0]
    assert row["can_record"] is False
    response = action(client, url, row, "record", version=1, status=Status.FULFILLED)
    assert response.status_code == 403
    pledge.refresh_from_db()
    assert pledge.version == 1

    client.force_login(manager)
    url = start_import(client, FOLLOW_UP)
    row = matches_on(client, url)[0]
    assert row["can_record"] is True
    assert action(client, url, row, "record", version=1, status=Status.FULFILLED).status_code == 302
    pledge.refresh_from_db()
    assert pledge.status == Status.FULFILLED


def test_any_analyst_adds_a_source_and_the_owner_hears_once(
    client, owner, other_analyst, pledge, settings
):
    client.force_login(other_analyst)
    url = start_import(client, FOLLOW_UP)
    row = matches_on(client, url)[0]
    assert action(client, url, row, "source", status=Status.FULFILLED).status_code == 302
    report = PledgeSource.objects.get(commitment=pledge)
    assert report.reviewed_at is None

    # The owner's attention list has it; the other analyst's does not.
    sections = {reason: items for reason, _label, items in attention_for(owner).sections}
    assert [i.commitment for i in sections["new_evidence"]] == [pledge]
    assert not any(r == "new_evidence" for r, _l, _i in attention_for(other_analyst).sections)

    # The next reminder e-mail carries it once. A due date makes the owner due a reminder.
    Commitment.objects.filter(pk=pledge.pk).update(due_date=date(2026, 12, 3))
    reminders_run(today=date(2026, 12, 1))
    reminders_run(today=date(2026, 12, 2))
    bodies = [m.body for m in mail.outbox if owner.email in m.to]
    assert sum("New evidence to review".upper() in body for body in bodies) == 1

    # Once reviewed, it leaves the attention list.
    client.force_login(owner)
    reviewed = reverse("commitments:report_reviewed", args=[pledge.pk, report.pk])
    assert client.post(reviewed).status_code == 302
    assert not any(r == "new_evidence" for r, _l, _i in attention_for(owner).sections)


def test_another_analyst_cannot_mark_someone_elses_evidence_reviewed(
    client, owner, other_analyst, pledge
):
    client.force_login(owner)
    url = start_import(client, SECOND_OUTLET)
    action(client, url, matches_on(client, url)[0], "source")
    report = PledgeSource.objects.get()
    client.force_login(other_analyst)
    reviewed = reverse("commitments:report_reviewed", args=[pledge.pk, report.pk])
    assert client.post(reviewed).status_code == 403
    assert client.get(reviewed).status_code == 405


def test_users_without_a_role_cannot_act_on_matches(client, pledge):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="reader"))
    response = client.post(
        reverse("commitments:import_match_action", args=["00000000-0000-0000-0000-000000000001"]),
        {},
    )
    assert response.status_code == 403


def test_wrong_method_and_unknown_import(client, owner, pledge):
    client.force_login(owner)
    target = reverse(
        "commitments:import_match_action", args=["00000000-0000-0000-0000-000000000001"]
    )
    assert client.get(target).status_code == 405
    assert client.post(target, {}).status_code == 404


# --- Constant queries


@pytest.mark.parametrize("tracked", [1, 12])
def test_matching_queries_do_not_grow_with_tracked_pledges(
    client, owner, tracked, django_assert_num_queries
):
    for n in range(tracked):
        track(ORIGINAL.replace("Lamu", f"Lamu{n}" if n else "Lamu"), owner)
    client.force_login(owner)
    url = start_import(client, FOLLOW_UP)
    # session, user (with their roles), the import job, owner choices, the header attention
    # count; the full-text search (the best-ranked ids), the pledges linked to two of the
    # article's parties, those pledges with their owners and sources, their linked parties,
    # the turned-down suggestions
    with django_assert_num_queries(10):
        response = client.get(url)
    assert response.context["match_rows"]


# --- The command line


def test_dry_run_json_prints_progress_statements_and_matches(tmp_path, owner, pledge):
    import json
    from io import StringIO

    from django.core.management import call_command

    path = tmp_path / "follow-up.txt"
    path.write_text(FOLLOW_UP, encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command(
        "import_article", str(path), "--dry-run", "--format", "json", stdout=out, stderr=err
    )
    (line,) = out.getvalue().splitlines()
    printed = json.loads(line)
    done = [p for p in printed["progress"] if p["kind"] == "done"]
    assert done and all(p["found_by"] == "phrase" for p in done)
    assert {p["found_by"] for p in printed["progress"]} <= {"phrase", "model"}
    (first, *_rest) = printed["matches"]
    assert first["commitment_id"] == pledge.pk
    assert first["action"] == "record_evidence"
    assert first["suggests"] == Status.FULFILLED
    assert first["score"] > 0 and "same parties" in first["why"]
    assert not Source.objects.filter(title__contains="signed").exists()
