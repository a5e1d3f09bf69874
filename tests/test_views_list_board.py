"""The pledge list with its filters and export, and the managers' board."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from commitments import links, selectors, services
from commitments.models import ProgressUpdate, Status, Topic
from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}
LIST = "/commitments/"


def _titles(response) -> list[str]:
    return [c.title for c in response.context["page"].object_list]


@pytest.fixture
def pledges(owner, other_analyst):
    today = timezone.localdate()
    return {
        "late": CommitmentFactory(
            title="Late defence deal",
            owner=owner,
            topic=Topic.DEFENCE,
            actor="France",
            due_date=today - timedelta(days=5),
        ),
        "soon": CommitmentFactory(
            title="Trade office opening",
            owner=other_analyst,
            topic=Topic.TRADE,
            actor="India",
            due_date=today + timedelta(days=20),
            status=Status.IN_PROGRESS,
        ),
        "stale": CommitmentFactory(
            title="Climate fund",
            topic=Topic.CLIMATE,
            actor="United Kingdom",
            quote="The UK will pay into the green fund.",
            last_progress_at=timezone.now() - timedelta(days=90),
        ),
        "done": CommitmentFactory(
            title="Scholarships",
            owner=owner,
            topic=Topic.EDUCATION,
            actor="India",
            status=Status.FULFILLED,
            due_date=today - timedelta(days=30),
        ),
    }


def test_list_for_every_persona(client, owner, other_analyst, manager, pledges):
    for user in (owner, other_analyst, manager):
        client.force_login(user)
        response = client.get(LIST)
        assert response.status_code == 200
        assert len(_titles(response)) == 4
        assert ("Export CSV" in response.text) is (user == manager)


def test_list_anonymous_and_method(client, owner):
    assert client.get(LIST).status_code == 302
    client.force_login(owner)
    assert client.post(LIST).status_code == 405


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=in_progress", ["Trade office opening"]),
        ("state=closed", ["Scholarships"]),
        ("topic=defence", ["Late defence deal"]),
        ("actor=india", ["Scholarships", "Trade office opening"]),
        ("overdue=yes", ["Late defence deal"]),
        ("stale=yes", ["Climate fund"]),
        ("q=green+fund", ["Climate fund"]),  # found in the quote
        ("q=defence", ["Late defence deal"]),
        ("q=united", ["Climate fund"]),  # found in the actor
        ("owner=null", ["Climate fund"]),
    ],
)
def test_list_filters(client, owner, pledges, query, expected):
    client.force_login(owner)
    response = client.get(f"{LIST}?{query}")
    assert sorted(_titles(response)) == sorted(expected)


def test_list_source_filter_offers_only_the_chosen_article(client, owner, pledges):
    client.force_login(owner)
    chosen = pledges["soon"].source

    def source_options(response) -> list[str]:
        select = re.search(r'<select name="source".*?</select>', response.text, re.S).group(0)
        return re.findall(r"<option[^>]*>([^<]*)</option>", select)

    assert source_options(client.get(LIST)) == ["Any source"]
    # The link on an article's page keeps working, and the form shows which article it is.
    page = client.get(reverse("commitments:source_detail", args=[chosen.pk]))
    assert f'href="{LIST}?source={chosen.pk}"' in page.text
    response = client.get(f"{LIST}?source={chosen.pk}")
    assert _titles(response) == ["Trade office opening"]
    assert f'<option value="{chosen.pk}" selected>{chosen}</option>' in response.text
    assert source_options(response) == ["Any source", str(chosen)]
    # An article that does not exist filters nothing and says so.
    missing = client.get(f"{LIST}?source=999999")
    assert missing.context["filter"].form.errors["source"]


def test_list_owner_source_and_due_range(client, owner, pledges):
    client.force_login(owner)
    assert sorted(_titles(client.get(f"{LIST}?owner={owner.pk}"))) == [
        "Late defence deal",
        "Scholarships",
    ]
    source = pledges["soon"].source_id
    assert _titles(client.get(f"{LIST}?source={source}")) == ["Trade office opening"]
    today = timezone.localdate()
    window = f"due_after={today}&due_before={today + timedelta(days=30)}"
    assert _titles(client.get(f"{LIST}?{window}")) == ["Trade office opening"]


def test_list_bad_filter_input_is_explained_not_crashed(client, owner, pledges):
    client.force_login(owner)
    response = client.get(f"{LIST}?due_after=someday&status=bogus")
    assert response.status_code == 200
    assert "Enter a valid date." in response.text
    assert "Select a valid choice" in response.text


def test_list_sorting(client, owner, pledges):
    client.force_login(owner)
    by_update = _titles(client.get(f"{LIST}?sort=-updated"))
    assert by_update[-1] == "Climate fund"
    by_status = _titles(client.get(f"{LIST}?sort=status"))
    assert by_status[0] == "Scholarships"  # fulfilled sorts before in_progress and not_started


def test_list_empty_state_and_htmx_fragment(client, owner, pledges):
    client.force_login(owner)
    response = client.get(f"{LIST}?q=nothing-like-this", **HX)
    assert "No pledges match these filters" in response.text
    assert "<html" not in response.text and 'id="results"' in response.text
    # A back-button restore asks for the whole page.
    restore = client.get(
        f"{LIST}?q=x", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in restore.text


def test_list_paginates(client, owner):
    CommitmentFactory.create_batch(30)
    client.force_login(owner)
    first = client.get(LIST)
    assert len(_titles(first)) == 25 and "Page 1 of 2" in first.text
    second = client.get(f"{LIST}?page=2")
    assert len(_titles(second)) == 5
    assert not set(_titles(first)) & set(_titles(second))


def test_export_is_exactly_the_filtered_set(client, manager, pledges):
    CommitmentFactory.create_batch(30, actor="India")  # more than a page
    client.force_login(manager)
    response = client.get(reverse("commitments:export") + "?actor=India")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 32
    assert {r["actor"] for r in rows} == {"India"}


def test_export_neutralises_formulas(client, manager):
    CommitmentFactory(title="=HYPERLINK(1)")
    client.force_login(manager)
    body = b"".join(client.get(reverse("commitments:export")).streaming_content).decode()
    assert "'=HYPERLINK(1)" in body


def test_export_refused_for_analysts_and_anonymous(client, owner):
    assert client.get(reverse("commitments:export")).status_code == 302
    client.force_login(owner)
    assert client.get(reverse("commitments:export")).status_code == 403
    assert client.post(reverse("commitments:export")).status_code == 405


# --- Board


def test_board_refused_for_analysts_and_anonymous(client, owner):
    assert client.get(reverse("commitments:board")).status_code == 302
    client.force_login(owner)
    assert client.get(reverse("commitments:board")).status_code == 403


def test_board_refuses_post(client, manager):
    client.force_login(manager)
    assert client.post(reverse("commitments:board")).status_code == 405


def test_board_numbers_link_to_matching_lists(client, manager, owner, pledges):
    client.force_login(manager)
    response = client.get(reverse("commitments:board"))
    assert response.status_code == 200
    board = response.context["board"]
    assert board.totals["overdue"] == 1 and board.totals["stale"] == 1
    html = response.text
    assert f'href="{LIST}?overdue=yes"' in html
    assert f"{LIST}?topic=defence&amp;status=not_started" in html
    assert f"{LIST}?owner={owner.pk}&amp;overdue=yes" in html
    assert f"{LIST}?status=fulfilled" in html
    # Following a number gives a list of the same size.
    listed = client.get(f"{LIST}?owner={owner.pk}&overdue=yes")
    workload = {u.pk: u for u in board.workload}
    assert listed.context["page"].paginator.count == workload[owner.pk].overdue == 1
    assert "<svg" in html and "Pledges by status" in html


def test_board_figures_leave_out_closed_pledges_past_due_or_stale(client, manager, owner):
    today = timezone.localdate()
    long_ago = timezone.now() - timedelta(days=90)
    for status in (Status.FULFILLED, Status.BROKEN, Status.WITHDRAWN):
        CommitmentFactory(
            actor="Kenya", owner=owner, status=status, due_date=today - timedelta(days=3)
        )
        CommitmentFactory(actor="Kenya", status=status, last_progress_at=long_ago)
        CommitmentFactory(actor="Kenya", status=status, due_date=today + timedelta(days=3))
    CommitmentFactory(actor="Kenya", owner=owner, due_date=today - timedelta(days=3))
    CommitmentFactory(actor="Kenya", status=Status.STALLED, last_progress_at=long_ago)
    CommitmentFactory(actor="Kenya", owner=owner, due_date=today + timedelta(days=3))
    client.force_login(manager)
    board = client.get(reverse("commitments:board")).context["board"]

    assert board.totals == {
        "total": 12,
        "open": 3,
        "overdue": 1,
        "stale": 1,
        "due_next": 1,
        "unassigned": 1,
    }
    [kenya] = board.actors
    assert (kenya["open"], kenya["overdue"]) == (3, 1)
    [workload] = [w for w in board.workload if w.user == owner]
    assert (workload.open, workload.overdue, workload.stale) == (2, 1, 0)
    # Each figure is the size of the list it links to.
    window_end = today + timedelta(days=selectors.BOARD_DUE_WINDOW_DAYS)
    lists = {
        "overdue": links.pledge_list(overdue=True),
        "stale": links.pledge_list(stale=True),
        "due_next": links.pledge_list(state="open", due_from=today, due_to=window_end),
        "unassigned": links.pledge_list(state="open", owner=links.UNASSIGNED),
    }
    for figure, url in lists.items():
        listed = client.get(url).context["page"].paginator.count
        assert listed == board.totals[figure], figure


def test_board_fulfilment_counts_closing_updates(client, manager, owner):
    c = CommitmentFactory(owner=owner)
    services.commitment_close(
        commitment_id=c.pk, user=manager, status=Status.BROKEN, note="Cancelled", expected_version=1
    )
    client.force_login(manager)
    response = client.get(reverse("commitments:board"))
    this_month = response.context["board"].fulfilment[-1]
    assert this_month["counts"]["broken"] == 1
    month = timezone.localdate().strftime("%Y-%m")
    link = f"{LIST}?status=broken&amp;closed_in={month}"
    assert link in response.text
    listed = client.get(f"{LIST}?status=broken&closed_in={month}")
    assert _titles(listed) == [c.title]


@pytest.mark.parametrize("zone", ["UTC", "Pacific/Auckland", "America/New_York"])
def test_board_fulfilment_months_start_at_local_midnight(client, manager, owner, settings, zone):
    settings.TIME_ZONE = zone
    today = timezone.localdate()
    first_month = selectors.board(today=today).fulfilment[0]["month"]
    midnight = timezone.make_aware(datetime.combine(first_month, time.min))
    closed_at = {"at midnight": midnight, "a second before": midnight - timedelta(seconds=1)}
    for title, created_at in closed_at.items():
        c = CommitmentFactory(owner=owner, title=title, status=Status.FULFILLED)
        ProgressUpdate.objects.create(
            commitment=c,
            created_at=created_at,
            version=2,
            old_status=Status.IN_PROGRESS,
            new_status=Status.FULFILLED,
            old_progress=50,
            new_progress=100,
        )
    board = selectors.board(today=today)
    assert board.fulfilment[0]["counts"]["fulfilled"] == 1
    client.force_login(manager)
    month = f"{first_month:%Y-%m}"
    assert _titles(client.get(f"{LIST}?closed_in={month}")) == ["at midnight"]


def test_board_empty(client, manager):
    client.force_login(manager)
    response = client.get(reverse("commitments:board"))
    assert response.status_code == 200
    assert "No pledges yet" in response.text


def test_every_list_filter_has_a_readable_label(client, owner):
    client.force_login(owner)
    html = client.get(LIST).text
    assert "[invalid name]" not in html
    assert '<label for="id_overdue">Overdue</label>' in html
    assert '<label for="id_stale">Stale</label>' in html


def test_board_counts_a_joint_actor_once_whatever_order_it_was_written_in(client, manager):
    CommitmentFactory(actor="United Kingdom and India")
    CommitmentFactory(actor="India and the United Kingdom", status=Status.FULFILLED)
    CommitmentFactory(actor="India and the United Kingdom")
    client.force_login(manager)
    actors = client.get(reverse("commitments:board")).context["board"].actors
    assert [(a["actor"], a["total"], a["fulfilled"]) for a in actors] == [
        ("India and the United Kingdom", 3, 1)
    ]
    # The row's link lists all three, under either spelling.
    for spelling in ("India and the United Kingdom", "United Kingdom and India"):
        listed = client.get(LIST, {"actor": spelling})
        assert listed.context["page"].paginator.count == 3


def test_a_search_of_too_many_words_is_refused_with_a_sentence_not_an_error(client, owner):
    client.force_login(owner)

    response = client.get(reverse("commitments:list"), {"q": " ".join(["word"] * 1000)})

    assert response.status_code == 200
    assert "Search for at most 10 words" in response.content.decode()


@pytest.mark.parametrize("month", ["9999-12", "0-1", "2024-13", "99999999999999999999-1"])
def test_a_closed_in_month_at_the_edge_of_the_calendar_lists_nothing(client, manager, month):
    CommitmentFactory()
    client.force_login(manager)

    page = client.get(reverse("commitments:list"), {"closed_in": month})
    export = client.get(reverse("commitments:export"), {"closed_in": month})

    assert page.status_code == 200
    assert export.status_code == 200
    assert len(b"".join(export.streaming_content).decode().splitlines()) == 1  # the header


EDGE_VALUES = ["99999999999999999999", "-1", "0", "9999-12-31", "0001-01-01", "\u202e\u0301" * 50]


@pytest.mark.parametrize(
    "name", ["owner", "source", "status", "topic", "due_after", "due_before", "sort", "page"]
)
@pytest.mark.parametrize("value", EDGE_VALUES)
def test_every_filter_value_at_an_edge_answers_200(client, manager, name, value):
    CommitmentFactory()
    client.force_login(manager)

    assert client.get(reverse("commitments:list"), {name: value}).status_code == 200
    export = client.get(reverse("commitments:export"), {name: value})
    assert export.status_code == 200
    b"".join(export.streaming_content)  # the stream completes


@pytest.mark.parametrize("sort", ["", "due", "-due"])
def test_undated_pledges_sort_after_dated_ones(client, owner, sort):
    today = timezone.localdate()
    CommitmentFactory(title="Undated", due_date=None)
    CommitmentFactory(title="Overdue", due_date=today - timedelta(days=9))
    CommitmentFactory(title="Later", due_date=today + timedelta(days=40))
    client.force_login(owner)
    titles = _titles(client.get(f"{LIST}?sort={sort}" if sort else LIST))
    assert titles[-1] == "Undated"
    assert titles[0] == ("Later" if sort == "-due" else "Overdue")


def test_the_count_agrees_with_its_noun(client, owner):
    CommitmentFactory(title="Only one", actor="Japan")
    CommitmentFactory(title="Another", actor="Kenya")
    client.force_login(owner)
    assert "pledge matches these filters" in client.get(f"{LIST}?actor=Japan").text
    assert "pledges match these filters" in client.get(f"{LIST}?q=o").text
