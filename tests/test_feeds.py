"""Private feeds and calendars: the page with the links, the links themselves, new links."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from commitments import services
from commitments.models import (
    Commitment,
    FeedToken,
    Milestone,
    MilestoneStatus,
    ProgressUpdate,
    Source,
    Status,
)
from commitments.services import feed_tokens
from tests.factories import CommitmentFactory, ProgressUpdateFactory, UserFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://tracker.example.org"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def feed_path(token: FeedToken) -> str:
    return reverse("commitments:updates_feed", args=[token.token])


def calendar_path(token: FeedToken) -> str:
    return reverse("commitments:due_dates_calendar", args=[token.token])


def atom_entries(response) -> list[ET.Element]:
    """Parse an Atom feed, check the elements RFC 4287 requires, return its entries."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None, f"feed has no <{required}>"
    assert root.find(f"{ATOM}author/{ATOM}name").text
    assert root.find(f"{ATOM}link[@rel='self']").get("href").startswith(SITE)
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{required}") or "").strip(), f"entry lacks {required}"
        assert entry.find(f"{ATOM}link").get("href").startswith(f"{SITE}/commitments/")
    return entries


def entry_links(response) -> set[str]:
    return {entry.find(f"{ATOM}link").get("href") for entry in atom_entries(response)}


def calendar_events(response) -> dict[str, icalendar.Event]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def pledge_url(commitment: Commitment) -> str:
    return f"{SITE}/commitments/{commitment.pk}/"


# --- The page with the links -------------------------------------------------------------


def test_strangers_are_sent_to_sign_in(client):
    response = client.get(reverse("commitments:feeds"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["owner", "other_analyst", "manager"])
def test_each_role_sees_its_own_links(client, request, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    response = client.get(reverse("commitments:feeds"))
    assert response.status_code == 200
    token = FeedToken.objects.get(user=user, revoked_at__isnull=True)
    page = response.content.decode()
    assert f"{SITE}{feed_path(token)}" in page
    assert f"{SITE}{calendar_path(token)}" in page
    assert 'data-copy="updates-feed-url"' in page
    assert "Make new links" in page
    # Coming back shows the same links.
    assert client.get(reverse("commitments:feeds")).context["token"] == token


def test_two_people_get_different_links(client, owner, other_analyst):
    assert feed_tokens.feed_token_for(user=owner) != feed_tokens.feed_token_for(user=other_analyst)
    client.force_login(owner)
    page = client.get(reverse("commitments:feeds")).content.decode()
    assert feed_tokens.feed_token_for(user=other_analyst).token not in page


def test_the_header_links_to_the_page(client, owner):
    client.force_login(owner)
    page = client.get(reverse("commitments:list")).content.decode()
    assert f'href="{reverse("commitments:feeds")}"' in page
    assert "Feeds and calendars" in page


def test_the_page_queries(client, owner, django_assert_num_queries):
    feed_tokens.feed_token_for(user=owner)
    client.force_login(owner)
    # session, user (with their roles), the active token, header attention count
    with django_assert_num_queries(4):
        assert client.get(reverse("commitments:feeds")).status_code == 200


# --- Making new links ---------------------------------------------------------------------


def test_strangers_cannot_make_new_links(client, owner):
    token = feed_tokens.feed_token_for(user=owner)
    response = client.post(reverse("commitments:feeds_renew"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    token.refresh_from_db()
    assert not token.is_revoked
    assert FeedToken.objects.count() == 1


def test_new_links_need_a_post(client, owner):
    token = feed_tokens.feed_token_for(user=owner)
    client.force_login(owner)
    assert client.get(reverse("commitments:feeds_renew")).status_code == 405
    token.refresh_from_db()
    assert not token.is_revoked


def test_new_links_need_the_csrf_token(owner):
    from django.test import Client

    token = feed_tokens.feed_token_for(user=owner)
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.post(reverse("commitments:feeds_renew")).status_code == 403
    token.refresh_from_db()
    assert not token.is_revoked


@pytest.mark.parametrize("persona", ["owner", "other_analyst", "manager"])
def test_each_role_replaces_only_its_own_links(client, request, persona, owner, other_analyst):
    user = request.getfixturevalue(persona)
    bystander = other_analyst if user != other_analyst else owner
    old = feed_tokens.feed_token_for(user=user)
    theirs = feed_tokens.feed_token_for(user=bystander)
    client.force_login(user)

    response = client.post(reverse("commitments:feeds_renew"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("commitments:feeds")
    assert "The old ones no longer work" in response.content.decode()
    new = response.context["token"]
    assert new != old and new.user == user
    client.logout()
    assert client.get(feed_path(old)).status_code == 404
    assert client.get(calendar_path(old)).status_code == 404
    assert client.get(feed_path(new)).status_code == 200
    assert client.get(calendar_path(new)).status_code == 200
    assert client.get(feed_path(theirs)).status_code == 200


def test_renewing_keeps_one_active_token(owner):
    feed_tokens.feed_token_for(user=owner)
    feed_tokens.feed_token_renew(user=owner)
    feed_tokens.feed_token_renew(user=owner)
    assert FeedToken.objects.filter(user=owner).count() == 3
    assert FeedToken.objects.filter(user=owner, revoked_at__isnull=True).count() == 1
    assert feed_tokens.feed_token_for(user=owner) == FeedToken.objects.get(
        user=owner, revoked_at__isnull=True
    )


def test_two_first_visits_at_once_share_one_token(owner, monkeypatch):
    theirs = FeedToken.objects.create(user=owner, token="made-by-the-other-request")
    # This request looked before the other one saved, so it saw no token.
    monkeypatch.setattr(feed_tokens, "_active_token_of", lambda user: None)
    assert feed_tokens.feed_token_for(user=owner) == theirs
    assert FeedToken.objects.filter(user=owner).count() == 1


def test_tokens_are_long_and_random(owner, other_analyst):
    tokens = {feed_tokens.feed_token_renew(user=u).token for u in [owner, other_analyst] * 5}
    assert len(tokens) == 10
    assert all(len(t) >= 43 for t in tokens)


# --- Tokens -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [feed_path, calendar_path])
def test_unknown_and_revoked_tokens_get_404(client, owner, path):
    revoked = feed_tokens.feed_token_for(user=owner)
    feed_tokens.feed_token_renew(user=owner)
    assert client.get(path(revoked)).status_code == 404
    assert client.get(path(FeedToken(token="no-such-token"))).status_code == 404
    assert client.get(path(FeedToken(token="x" * 200))).status_code == 404


@pytest.mark.parametrize("path", [feed_path, calendar_path])
def test_a_deactivated_user_s_links_stop_working(client, owner, path):
    token = feed_tokens.feed_token_for(user=owner)
    owner.is_active = False
    owner.save()
    assert client.get(path(token)).status_code == 404


@pytest.mark.parametrize("path", [feed_path, calendar_path])
def test_feeds_set_no_cookie_and_stay_out_of_shared_caches(client, owner, path):
    response = client.get(path(feed_tokens.feed_token_for(user=owner)))
    assert response.status_code == 200
    assert not response.cookies
    assert "private" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]


def test_the_feed_only_answers_get(client, owner):
    token = feed_tokens.feed_token_for(user=owner)
    assert client.post(feed_path(token)).status_code == 405
    assert client.post(calendar_path(token)).status_code == 405


# --- The Atom feed ------------------------------------------------------------------------


def test_an_analyst_s_feed_has_updates_on_their_pledges_only(client, owner, other_analyst):
    mine = CommitmentFactory(owner=owner, title="Open a consulate")
    theirs = CommitmentFactory(owner=other_analyst, title="Sign a treaty")
    services.progress_record(
        commitment_id=mine.pk,
        user=owner,
        expected_version=mine.version,
        status=Status.IN_PROGRESS,
        progress=30,
        note="Site chosen.",
        evidence_url="https://example.org/site",
    )
    ProgressUpdateFactory(commitment=theirs, author=other_analyst)

    response = client.get(feed_path(feed_tokens.feed_token_for(user=owner)))

    entries = atom_entries(response)
    assert len(entries) == 1
    entry = entries[0]
    assert entry.findtext(f"{ATOM}title") == "Open a consulate: In progress, 30%"
    assert entry.find(f"{ATOM}link").get("href").startswith(pledge_url(mine) + "#update-")
    # Feed readers tell entries apart by their id: the entry's own permanent link.
    assert entry.findtext(f"{ATOM}id") == entry.find(f"{ATOM}link").get("href")
    summary = entry.findtext(f"{ATOM}summary")
    assert "Site chosen." in summary and "https://example.org/site" in summary
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == owner.get_full_name()
    assert "Sign a treaty" not in response.content.decode()
    assert "Progress on" in ET.fromstring(response.content).findtext(f"{ATOM}title")


def test_a_manager_s_feed_has_updates_on_every_pledge(client, manager, owner, other_analyst):
    mine = ProgressUpdateFactory(commitment=CommitmentFactory(owner=owner))
    theirs = ProgressUpdateFactory(commitment=CommitmentFactory(owner=other_analyst))
    unowned = ProgressUpdateFactory(commitment=CommitmentFactory(owner=None))

    links = entry_links(client.get(feed_path(feed_tokens.feed_token_for(user=manager))))

    assert links == {f"{pledge_url(u.commitment)}#update-{u.pk}" for u in (mine, theirs, unowned)}


def test_the_feed_is_newest_first_and_bounded(client, owner):
    pledge = CommitmentFactory(owner=owner)
    now = timezone.now()
    updates = [
        ProgressUpdateFactory(commitment=pledge, created_at=now - timedelta(hours=h))
        for h in range(55)
    ]
    entries = atom_entries(client.get(feed_path(feed_tokens.feed_token_for(user=owner))))
    assert len(entries) == 50
    assert entries[0].find(f"{ATOM}link").get("href").endswith(f"#update-{updates[0].pk}")


def test_an_empty_feed_is_still_valid_atom(client, other_analyst):
    response = client.get(feed_path(feed_tokens.feed_token_for(user=other_analyst)))
    assert atom_entries(response) == []


# --- The calendar -------------------------------------------------------------------------


def test_the_calendar_has_the_due_dates_of_open_pledges(client, owner, other_analyst):
    due = CommitmentFactory(owner=owner, title="Open a consulate", due_date=date(2030, 5, 1))
    CommitmentFactory(owner=owner, due_date=None)
    CommitmentFactory(owner=owner, due_date=date(2030, 6, 1), status=Status.FULFILLED)
    CommitmentFactory(owner=other_analyst, title="Sign a treaty", due_date=date(2030, 5, 2))

    events = calendar_events(client.get(calendar_path(feed_tokens.feed_token_for(user=owner))))

    assert len(events) == 1
    (event,) = events.values()
    assert event.decoded("DTSTART") == date(2030, 5, 1)
    assert event.decoded("DTEND") == date(2030, 5, 2)
    assert str(event["SUMMARY"]) == "Due: Open a consulate"
    assert str(event["URL"]) == pledge_url(due)
    assert pledge_url(due) in str(event["DESCRIPTION"])


def test_the_calendar_is_well_formed_ics(client, owner):
    # RFC 5545 itself, not only what icalendar reads back: CRLF line ends, lines folded at
    # 75 octets, text escaped, one VEVENT per pledge.
    CommitmentFactory(
        owner=owner, title="Fund ports, roads; and " + "rail " * 30, due_date=date(2030, 1, 1)
    )
    body = client.get(calendar_path(feed_tokens.feed_token_for(user=owner))).content
    lines = body.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2] == b"END:VCALENDAR" and lines[-1] == b""
    assert b"\n" not in b"".join(lines)
    assert all(len(line) <= 75 for line in lines)
    assert body.count(b"BEGIN:VEVENT") == body.count(b"END:VEVENT") == 1
    unfolded = body.replace(b"\r\n ", b"")
    assert b"SUMMARY:Due: Fund ports\\, roads\\; and rail" in unfolded


def test_a_manager_s_calendar_has_the_pledges_they_own(client, manager, owner, other_analyst):
    pledges = {
        who: CommitmentFactory(owner=who, due_date=date(2030, 1, 1) + timedelta(days=i))
        for i, who in enumerate([owner, other_analyst, None, manager])
    }
    events = calendar_events(client.get(calendar_path(feed_tokens.feed_token_for(user=manager))))
    assert [str(e["URL"]) for e in events.values()] == [pledge_url(pledges[manager])]


def test_a_new_due_date_moves_the_same_event_and_closing_removes_it(client, owner, manager):
    pledge = CommitmentFactory(owner=owner, due_date=date(2030, 5, 1))
    path = calendar_path(feed_tokens.feed_token_for(user=owner))
    (uid, before), *_ = calendar_events(client.get(path)).items()

    services.commitment_set_due_date(
        commitment_id=pledge.pk,
        user=manager,
        due_date=date(2030, 9, 30),
        reason="Extended by both sides",
        expected_version=1,
    )
    after = calendar_events(client.get(path))

    assert list(after) == [uid]
    assert after[uid].decoded("DTSTART") == date(2030, 9, 30)
    assert after[uid]["SEQUENCE"] > before["SEQUENCE"]

    services.commitment_close(
        commitment_id=pledge.pk,
        user=owner,
        status=Status.FULFILLED,
        note="Opened.",
        expected_version=2,
    )
    assert calendar_events(client.get(path)) == {}


def test_the_calendar_has_the_dates_of_open_milestones_and_moves_them(client, owner, manager):
    pledge = CommitmentFactory(owner=owner, title="Open the Kisumu port", due_date=None)
    step = services.milestone_add(
        commitment_id=pledge.pk,
        user=owner,
        expected_version=1,
        title="Tender awarded",
        due_date=date(2030, 3, 1),
    )
    services.milestone_add(
        commitment_id=pledge.pk,
        user=owner,
        expected_version=2,
        title="No date yet",
        due_date=None,
    )
    path = calendar_path(feed_tokens.feed_token_for(user=owner))
    etag = client.get(path)["ETag"]
    events = calendar_events(client.get(path))

    # The pledge has no due date, but its dated step is on the calendar, linking to the pledge.
    assert len(events) == 1
    (uid, event), *_ = events.items()
    assert event.decoded("DTSTART") == date(2030, 3, 1)
    assert str(event["SUMMARY"]) == "Milestone: Tender awarded"
    assert str(event["URL"]) == pledge_url(pledge)
    assert "Open the Kisumu port" in str(event["DESCRIPTION"])

    services.milestone_update(
        milestone_id=step.pk, user=owner, expected_version=3, due_date=date(2030, 4, 15)
    )
    moved_response = client.get(path, headers={"If-None-Match": etag})
    assert moved_response.status_code == 200  # the ETag saw the change
    moved = calendar_events(moved_response)
    assert list(moved) == [uid]
    assert moved[uid].decoded("DTSTART") == date(2030, 4, 15)
    assert moved[uid]["SEQUENCE"] > event["SEQUENCE"]

    services.milestone_update(
        milestone_id=step.pk, user=owner, expected_version=4, status=MilestoneStatus.DONE
    )
    assert calendar_events(client.get(path)) == {}
    other = calendar_events(client.get(calendar_path(feed_tokens.feed_token_for(user=manager))))
    assert other == {}


# --- Query counts -------------------------------------------------------------------------


def _seed(n: int, owners: list) -> None:
    today = timezone.localdate()
    sources = Source.objects.bulk_create(
        Source(title=f"S{i}", published_on=today, body="x" * 100, sha256=f"feeds-{n}-{i}")
        for i in range(max(1, n // 20))
    )
    pledges = Commitment.objects.bulk_create(
        Commitment(
            title=f"Pledge {i}",
            source=sources[i % len(sources)],
            quote="x",
            quote_start=i,
            quote_end=i + 1,
            actor="Actor",
            status=list(Status)[i % len(Status)],
            owner=owners[i % len(owners)],
            due_date=today + timedelta(days=i % 90),
        )
        for i in range(n)
    )
    Milestone.objects.bulk_create(
        Milestone(commitment=c, title=f"Step of {c.title}", due_date=c.due_date) for c in pledges
    )
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            commitment=c,
            author=owners[0],
            version=2,
            old_status=Status.NOT_STARTED,
            new_status=c.status,
            old_progress=0,
            new_progress=10,
        )
        for c in pledges
    )


@pytest.fixture(params=[6, 300])
def seeded(request, owner, other_analyst, manager):
    _seed(request.param, [owner, other_analyst, manager, None])
    return request.param


@pytest.mark.parametrize("persona", ["owner", "manager"])
def test_feed_queries(client, request, persona, seeded, django_assert_num_queries):
    token = feed_tokens.feed_token_for(user=request.getfixturevalue(persona))
    # the token with its user, the user's role groups, the latest updates with their
    # pledges and authors
    with django_assert_num_queries(3):
        response = client.get(feed_path(token))
    assert atom_entries(response)


@pytest.mark.parametrize("persona", ["owner", "manager"])
def test_calendar_queries(client, request, persona, seeded, django_assert_num_queries):
    token = feed_tokens.feed_token_for(user=request.getfixturevalue(persona))
    # the token with its user, the calendar's ETag (one aggregate), the user's open pledges
    # with due dates, the user's open dated milestones with their pledges
    with django_assert_num_queries(4):
        response = client.get(calendar_path(token))
    events = calendar_events(response)
    assert any(uid.startswith("milestone-") for uid in events)


def test_an_unchanged_calendar_answers_304_in_two_queries(
    client, owner, manager, django_assert_num_queries
):
    pledge = CommitmentFactory(owner=owner, due_date=date(2030, 5, 1))
    path = calendar_path(feed_tokens.feed_token_for(user=owner))
    etag = client.get(path)["ETag"]

    # the token with its user, the calendar's ETag
    with django_assert_num_queries(2):
        response = client.get(path, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert "private" in response["Cache-Control"]

    services.commitment_set_due_date(
        commitment_id=pledge.pk,
        user=manager,
        due_date=date(2030, 6, 1),
        reason="Extended by both sides",
        expected_version=1,
    )
    response = client.get(path, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert b"DTSTART;VALUE=DATE:20300601" in response.content


def test_a_pledge_leaving_the_calendar_changes_its_etag(client, owner, other_analyst, manager):
    pledge = CommitmentFactory(owner=owner, due_date=date(2030, 5, 1))
    CommitmentFactory(owner=owner, due_date=date(2030, 7, 1))
    path = calendar_path(feed_tokens.feed_token_for(user=owner))
    etag = client.get(path)["ETag"]
    services.commitment_assign_owner(commitment_id=pledge.pk, user=manager, owner=other_analyst)
    response = client.get(path, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert len(calendar_events(response)) == 1


def test_a_user_without_a_role_gets_empty_but_valid_feeds(client):
    reader = UserFactory(username="reader")
    CommitmentFactory(owner=None, due_date=date(2030, 1, 1))
    ProgressUpdateFactory()
    token = feed_tokens.feed_token_for(user=reader)
    assert atom_entries(client.get(feed_path(token))) == []
    assert calendar_events(client.get(calendar_path(token))) == {}
