"""The public site: what it shows, what it never shows, and how managers control it."""

from __future__ import annotations

from datetime import date

import feedparser
import icalendar
import pytest
import vobject
from django.urls import reverse
from django.utils import timezone

from commitments import services
from commitments.models import (
    Commitment,
    Correction,
    CorrectionState,
    Milestone,
    Party,
    PledgeParty,
    ProgressUpdate,
    Publication,
    PublicEntry,
    Reminder,
    ReminderReason,
    Status,
)
from commitments.public import feeds as public_feeds
from commitments.services import corrections, publishing
from tests.factories import AnalystFactory, CommitmentFactory
from tests.test_url_access import ROUTES

pytestmark = pytest.mark.django_db

APPROVED_TITLE = "Build the Kisumu port terminal"
UNAPPROVED_TITLE = "Unapproved rename of the port pledge"
DRAFT_TITLE = "Draft pledge nobody reviewed"
INTERNAL_NOTE = "Internal: the ministry contact says this is stuck"
UNAPPROVED_NOTE = "Internal: closing this as broken"
OWNER_SURNAME = "Quillfeather"
SNOOZED_UNTIL = date(2031, 7, 19)
REMINDER_PERIOD = "2031-07-19-reminder-period"
REASON = "Funds were announced in the 2024 budget."
INTERNAL_ASSESSMENT = "Internal: the UK side is as good as done"
DRAFT_ONLY_PARTY = "Quietly Drafted Holdings"
UNREVIEWED_MILESTONE = "Tender shortlist, not yet reviewed"
MONEY_NOTE = "Internal: the treasury wants this kept quiet"

NEVER_PUBLIC = [
    UNAPPROVED_TITLE,
    DRAFT_TITLE,
    INTERNAL_NOTE,
    UNAPPROVED_NOTE,
    OWNER_SURNAME,
    "owner@example.org",
    "2031-07-19",
    "19 Jul 2031",
    "19 July 2031",
    REMINDER_PERIOD,
    INTERNAL_ASSESSMENT,
    DRAFT_ONLY_PARTY,
    UNREVIEWED_MILESTONE,
    MONEY_NOTE,
    "987,654,321",
    "987654321",
    "555,444,333",
    "555444333",
]


@pytest.fixture
def owner_named(db):
    return AnalystFactory(username="owner", first_name="Ada", last_name=OWNER_SURNAME)


def publish(pledge: Commitment, manager, reason: str = REASON) -> Publication:
    return publishing.publication_publish(
        commitment_id=pledge.pk, user=manager, public_reason=reason
    )


@pytest.fixture
def world(owner_named, manager):
    """A published pledge with an owner, an internal note, a reminder, a snooze and an
    unapproved change; and a draft."""
    published = CommitmentFactory(
        title=APPROVED_TITLE, owner=owner_named, due_date=date(2027, 6, 30), topic="trade"
    )
    services.progress_record(
        commitment_id=published.pk,
        user=owner_named,
        expected_version=1,
        status=Status.IN_PROGRESS,
        progress=20,
        note=INTERNAL_NOTE,
        evidence_url="https://news.example.org/port-works-begin",
    )
    # Parties: the UK made both; Kenya received the public one; a party to review exists only
    # on the draft. The UK's own assessment of the public pledge is internal, never approved.
    uk, kenya = party("United Kingdom"), party("Kenya")
    PledgeParty.objects.create(commitment=published, party=uk, role="pledger")
    PledgeParty.objects.create(commitment=published, party=kenya, role="counterparty")
    # Approved money (its record's note is internal).
    services.money_record_add(
        commitment_id=published.pk,
        user=owner_named,
        expected_version=None,
        stage="committed",
        amount="40000000",
        currency="GBP",
        on=date(2024, 5, 1),
        note=MONEY_NOTE,
    )
    publish(published, manager)
    # Money recorded after review: not public until approved.
    services.money_record_add(
        commitment_id=published.pk,
        user=owner_named,
        expected_version=None,
        stage="disbursed",
        amount="987654321",
        currency="GBP",
        on=date(2024, 6, 1),
    )
    PledgeParty.objects.filter(commitment=published, party=uk).update(
        status=Status.FULFILLED, note=INTERNAL_ASSESSMENT
    )
    # Changes after review: none may show until a manager approves them.
    services.commitment_edit(
        commitment_id=published.pk, user=manager, changes={"title": UNAPPROVED_TITLE}
    )
    services.progress_record(
        commitment_id=published.pk,
        user=owner_named,
        expected_version=None,
        status=Status.BROKEN,
        note=UNAPPROVED_NOTE,
    )
    services.commitment_snooze(commitment_id=published.pk, user=owner_named, until=SNOOZED_UNTIL)
    Reminder.objects.create(
        commitment=published,
        owner=owner_named,
        reason=ReminderReason.OVERDUE,
        period=REMINDER_PERIOD,
        scan_date=date(2031, 7, 19),
    )
    draft = CommitmentFactory(title=DRAFT_TITLE, owner=owner_named, due_date=date(2027, 1, 1))
    PledgeParty.objects.create(commitment=draft, party=uk, role="pledger")
    services.money_record_add(
        commitment_id=draft.pk,
        user=owner_named,
        expected_version=None,
        stage="announced",
        amount="555444333",
        currency="GBP",
        on=date(2024, 5, 1),
    )
    hidden = Party.objects.create(
        name=DRAFT_ONLY_PARTY, slug="quietly-drafted-holdings", needs_review=True
    )
    PledgeParty.objects.create(commitment=draft, party=hidden, role="pledger", position=1)
    # Milestones have no approved copy: none may reach a public page or calendar.
    Milestone.objects.create(
        commitment=published, title=UNREVIEWED_MILESTONE, due_date=SNOOZED_UNTIL
    )
    return {"published": published, "draft": draft, "parties": [uk, kenya, hidden]}


def party(name: str) -> Party:
    from django.utils.text import slugify

    return Party.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]


def public_urls(world) -> list[str]:
    urls = []
    for name, kwargs in ROUTES:
        if not name.startswith("public:") or name == "public:correction":
            continue
        if "pk" in kwargs:
            urls += [reverse(name, args=[world[kind].pk]) for kind in ("published", "draft")]
        elif "topic" in kwargs:
            urls += [reverse(name, args=[topic]) for topic in ("trade", "diplomacy")]
        elif "slug" in kwargs:
            urls += [reverse(name, args=[p.slug]) for p in world["parties"]]
        else:
            urls.append(reverse(name))
    urls += [
        f"{reverse('public:search')}?q=Unapproved",
        f"{reverse('public:search')}?q=Draft",
        f"{reverse('public:search')}?status=broken",
        f"{reverse('public:search')}?party={world['parties'][0].slug}",
        f"{reverse('public:search')}?party={world['parties'][2].slug}",
    ]
    return urls


def test_the_walk_covers_every_public_page(world):
    from django.urls import resolve

    names = {name for name, _ in ROUTES if name.startswith("public:")}
    walked = {resolve(url.split("?")[0]).view_name for url in public_urls(world)}
    assert walked == names - {"public:correction"}  # the form's POST has its own tests


def test_no_public_url_shows_a_draft_an_unapproved_change_an_owner_a_note_or_a_reminder(
    client, world
):
    shown = 0
    for url in public_urls(world):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        text = response.content.decode()
        for secret in NEVER_PUBLIC:
            assert secret not in text, f"{url} shows {secret!r}"
        shown += response.status_code == 200
    assert shown >= 8


def test_the_approved_copy_is_what_the_public_sees(client, world):
    page = client.get(reverse("public:pledge", args=[world["published"].pk]))
    text = page.content.decode()
    assert "GBP 40,000,000" in text

    assert APPROVED_TITLE in text
    assert REASON in text
    assert "In progress" in text and "20%" in text
    assert "s-broken" not in text  # the unapproved status
    assert "https://news.example.org/port-works-begin" in text  # evidence from the review
    assert "will fund a new programme" in text  # the quote, in its sentence


def test_public_pages_set_no_cookies_and_are_shareable(client, world, settings):
    settings.PUBLIC_CACHE_SECONDS = 60
    for url in public_urls(world):
        response = client.get(url)
        assert not response.cookies, f"{url} set {list(response.cookies)}"
        assert "Set-Cookie" not in response, url
        if response.status_code == 200:
            assert "public" in response["Cache-Control"], url


def test_a_draft_is_not_public_until_a_manager_publishes_it(client, world, manager):
    url = reverse("public:pledge", args=[world["draft"].pk])
    assert client.get(url).status_code == 404

    publish(world["draft"], manager, "No sign of work yet.")

    assert DRAFT_TITLE in client.get(url).content.decode()
    assert DRAFT_TITLE in client.get(reverse("public:search")).content.decode()


def test_approving_shows_the_change_and_dates_it(client, world, manager):
    pledge = world["published"]
    publish(pledge, manager, "The port authority cancelled the tender.")

    text = client.get(reverse("public:pledge", args=[pledge.pk])).content.decode()
    assert UNAPPROVED_TITLE in text
    assert "Broken" in text
    assert "The port authority cancelled the tender." in text
    assert INTERNAL_NOTE not in text and UNAPPROVED_NOTE not in text
    kinds = list(PublicEntry.objects.filter(publication=pledge.pk).values_list("kind", flat=True))
    assert kinds == ["changed", "published"]


def test_unpublishing_hides_at_once_even_from_the_cache(
    client, world, manager, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_CACHE_SECONDS = 60
    url = reverse("public:pledge", args=[world["published"].pk])
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # from the cache

    with django_capture_on_commit_callbacks(execute=True):
        publishing.publication_unpublish(commitment_id=world["published"].pk, user=manager)

    assert client.get(url).status_code == 404
    assert APPROVED_TITLE not in client.get(reverse("public:search")).content.decode()
    assert client.get(reverse("public:meter")).content.decode().count("1 public pledge") == 0


def test_the_published_queryset_and_selector_give_only_public_pledges(world, manager):
    from commitments import selectors

    assert list(Commitment.objects.published()) == [world["published"]]
    public = selectors.public_pledge(world["published"].pk)
    assert public is not None and public.title == APPROVED_TITLE
    assert selectors.public_pledge(world["draft"].pk) is None
    publishing.publication_unpublish(commitment_id=world["published"].pk, user=manager)
    assert selectors.public_pledge(world["published"].pk) is None
    assert list(Commitment.objects.published()) == []


def test_pending_review_lists_only_published_pledges_with_public_changes(world, manager):
    assert list(Commitment.objects.pending_review()) == [world["published"]]
    publish(world["published"], manager, "Cancelled.")
    assert list(Commitment.objects.pending_review()) == []
    # An owner change is not public: nothing to approve.
    services.commitment_assign_owner(
        commitment_id=world["published"].pk, user=manager, owner=manager
    )
    assert list(Commitment.objects.pending_review()) == []
    services.commitment_set_due_date(
        commitment_id=world["published"].pk, user=manager, due_date=None, reason="Dropped"
    )
    assert list(Commitment.objects.pending_review()) == [world["published"]]


# --- Services refuse what the roles forbid, and bad input changes nothing.


def test_only_managers_publish(world, owner_named):
    with pytest.raises(services.Refused):
        publish(world["draft"], owner_named)
    with pytest.raises(services.Refused):
        publishing.publication_unpublish(commitment_id=world["published"].pk, user=owner_named)
    assert not Publication.objects.filter(pk=world["draft"].pk).exists()


def test_publishing_needs_a_one_line_reason(world, manager):
    from django.core.exceptions import ValidationError

    for reason in ("", "   ", "x" * 201):
        with pytest.raises(ValidationError):
            publish(world["draft"], manager, reason)
    assert not Publication.objects.filter(pk=world["draft"].pk).exists()


def test_publishing_what_the_manager_did_not_see_is_a_conflict(world, manager):
    pledge = world["published"]
    with pytest.raises(services.CommitmentConflict):
        publishing.publication_publish(
            commitment_id=pledge.pk, user=manager, public_reason="x", expected_version=1
        )
    assert Publication.objects.get(pk=pledge.pk).title == APPROVED_TITLE


# --- Feeds and calendars.


def test_the_public_feeds_are_valid_atom_with_approved_updates_only(client, world, manager):
    publish(world["draft"], manager, "No sign of work yet.")
    for url in (reverse("public:feed"), reverse("public:topic_feed", args=["trade"])):
        response = client.get(url)
        assert response["Content-Type"].startswith("application/atom+xml")
        feed = feedparser.parse(response.content)
        assert feed.bozo == 0, feed.get("bozo_exception")
        assert feed.version == "atom10"
        titles = [entry.title for entry in feed.entries]
        assert any(APPROVED_TITLE in t for t in titles)
        assert all(entry.link.startswith("http") for entry in feed.entries)
        # Feed readers tell entries apart by their id: the entry's own permanent link.
        assert all(entry.id == entry.link for entry in feed.entries)
    trade_only = feedparser.parse(client.get(reverse("public:topic_feed", args=["trade"])).content)
    assert not any(DRAFT_TITLE in entry.title for entry in trade_only.entries)
    assert client.get(reverse("public:topic_feed", args=["no-such-topic"])).status_code == 404


def _events(content: bytes) -> dict:
    calendar = icalendar.Calendar.from_ical(content)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_the_public_calendar_parses_and_keeps_its_uid_across_a_due_date_change(
    client, world, manager
):
    pledge = world["draft"]
    publish(pledge, manager, "No sign of work yet.")
    first = client.get(reverse("public:calendar")).content
    events = _events(first)
    uid = public_feeds.event_uid(pledge.pk)
    # The other public pledge's unapproved closing does not take it off the calendar.
    assert set(events) == {uid, public_feeds.event_uid(world["published"].pk)}
    assert events[uid].decoded("dtstart") == date(2027, 1, 1)
    second_parser = vobject.readOne(first.decode())
    assert uid in [e.uid.value for e in second_parser.vevent_list]

    services.commitment_set_due_date(
        commitment_id=pledge.pk, user=manager, due_date=date(2028, 3, 31), reason="Extended"
    )
    unapproved = _events(client.get(reverse("public:calendar")).content)
    assert unapproved[uid].decoded("dtstart") == date(2027, 1, 1)
    publish(pledge, manager, "The deadline moved to 2028.")

    moved = client.get(reverse("public:calendar")).content
    event = _events(moved)[uid]
    assert event.decoded("dtstart") == date(2028, 3, 31)
    assert int(event["sequence"]) > int(events[uid]["sequence"])
    parsed = {e.uid.value: e for e in vobject.readOne(moved.decode()).vevent_list}
    assert parsed[uid].dtstart.value == date(2028, 3, 31)
    assert len(parsed) == 2  # moved, not added


# --- Embeds: framing allowed there and nowhere else.


def test_the_embed_may_be_framed_and_carries_no_script(client, world):
    response = client.get(reverse("public:embed_pledge", args=[world["published"].pk]))

    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "<script" not in response.content.decode()
    assert APPROVED_TITLE in response.content.decode()


def test_other_public_pages_refuse_framing(client, world):
    response = client.get(reverse("public:pledge", args=[world["published"].pk]))

    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    text = response.content.decode()
    assert "Copy the snippet" in text
    assert reverse("public:embed_pledge", args=[world["published"].pk]) in text


# --- Readers' corrections.


def _suggest(client, pk, **data):
    form = {"text": "The tender was cancelled in May.", "url": "", "email": "", "website": ""}
    form.update(data)
    return client.post(reverse("public:correction", args=[pk]), form, REMOTE_ADDR="203.0.113.9")


def test_a_reader_suggestion_lands_in_the_queue_and_changes_nothing(client, world):
    pledge = world["published"]
    before = Publication.objects.get(pk=pledge.pk)

    response = _suggest(client, pledge.pk, url="https://news.example.org/tender", email="r@e.org")

    assert response.status_code == 302
    assert "sent=1" in response["Location"]
    correction = Correction.objects.get()
    assert correction.state == CorrectionState.PENDING
    assert correction.url == "https://news.example.org/tender"
    assert Publication.objects.get(pk=pledge.pk).reviewed_at == before.reviewed_at
    assert "Thank you" in client.get(response["Location"]).content.decode()


def test_the_honeypot_quietly_drops_robots(client, world):
    response = _suggest(client, world["published"].pk, website="http://spam.example")
    assert response.status_code == 302
    assert not Correction.objects.exists()


def test_bad_suggestions_get_a_sentence_and_are_not_kept(client, world):
    response = _suggest(client, world["published"].pk, text="", url="not a link")
    assert response.status_code == 422
    text = response.content.decode()
    assert "Say what is wrong" in text and "starting with http" in text
    assert not Correction.objects.exists()


def test_suggestions_are_rate_limited_per_address(client, world, settings):
    settings.CORRECTIONS_PER_HOUR = 2
    from django.core.cache import cache

    cache.clear()
    assert _suggest(client, world["published"].pk).status_code == 302
    assert _suggest(client, world["published"].pk).status_code == 302
    third = _suggest(client, world["published"].pk)
    assert third.status_code == 429
    assert "try again later" in third.content.decode()
    assert Correction.objects.count() == 2


def test_drafts_take_no_suggestions(client, world):
    assert _suggest(client, world["draft"].pk).status_code == 404
    assert not Correction.objects.exists()


def _queued(world) -> Correction:
    return corrections.correction_submit(
        commitment_id=world["published"].pk,
        text="Here is the contract.",
        url="https://gov.example.org/contract.pdf",
        client_key="test",
    )


def test_a_manager_accepts_a_suggestion_as_public_evidence(client, world, manager):
    correction = _queued(world)
    client.force_login(manager)

    response = client.post(
        reverse("commitments:correction_evidence", args=[correction.pk]),
        {"public_text": "The signed contract, published by the ministry."},
    )

    assert response.status_code == 302
    client.logout()
    page = client.get(reverse("public:pledge", args=[world["published"].pk])).content.decode()
    assert "https://gov.example.org/contract.pdf" in page
    assert "The signed contract, published by the ministry." in page
    assert UNAPPROVED_TITLE not in page  # evidence is not an approval of other changes


def test_a_manager_accepts_a_suggestion_as_an_internal_note(client, world, manager):
    correction = _queued(world)
    client.force_login(manager)

    client.post(reverse("commitments:correction_note", args=[correction.pk]))

    note = ProgressUpdate.objects.filter(commitment=world["published"]).first()
    assert note is not None and "Here is the contract." in note.note
    client.logout()
    page = client.get(reverse("public:pledge", args=[world["published"].pk])).content.decode()
    assert "Here is the contract." not in page


def test_a_rejected_suggestion_changes_nothing_and_cannot_be_decided_twice(client, world, manager):
    correction = _queued(world)
    client.force_login(manager)
    entries = PublicEntry.objects.count()

    client.post(reverse("commitments:correction_reject", args=[correction.pk]))
    again = client.post(reverse("commitments:correction_note", args=[correction.pk]))

    correction.refresh_from_db()
    assert correction.state == CorrectionState.REJECTED
    assert again.status_code == 404
    assert PublicEntry.objects.count() == entries


# --- Manager pages: each view for each role.

MANAGER_PAGES = ["commitments:publishing", "commitments:corrections"]


@pytest.mark.parametrize("name", MANAGER_PAGES)
def test_manager_pages_by_role(client, world, manager, owner_named, name):
    url = reverse(name)
    assert client.get(url).status_code == 302  # anonymous: to sign in
    client.force_login(owner_named)
    assert client.get(url).status_code == 403
    client.force_login(manager)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 405


def test_the_review_page_shows_the_pending_diff(client, world, manager, owner_named):
    url = reverse("commitments:publishing_review", args=[world["published"].pk])
    client.force_login(owner_named)
    assert client.get(url).status_code == 403
    client.force_login(manager)

    text = client.get(url).content.decode()

    assert APPROVED_TITLE in text and UNAPPROVED_TITLE in text
    assert "Broken" in text and "In progress" in text
    assert client.get(reverse("commitments:publishing_review", args=[999999])).status_code == 404
    queue = client.get(reverse("commitments:publishing")).content.decode()
    assert UNAPPROVED_TITLE in queue and DRAFT_TITLE in queue


@pytest.mark.parametrize("name", ["commitments:publish", "commitments:unpublish"])
def test_publish_and_unpublish_views_by_role(client, world, manager, owner_named, name):
    pk = world["published"].pk
    url = reverse(name, args=[pk])
    data = {"public_reason": "Cancelled.", "version": world["published"].version + 0}
    world["published"].refresh_from_db()
    data["version"] = world["published"].version
    assert client.post(url, data).status_code == 302
    assert client.post(url, data)["Location"].startswith(reverse("login"))
    client.force_login(owner_named)
    assert client.post(url, data).status_code == 403
    client.force_login(manager)
    assert client.get(url).status_code == 405
    assert client.post(reverse(name, args=[999999]), data).status_code == 404

    response = client.post(url, data)

    assert response.status_code == 302
    publication = Publication.objects.get(pk=pk)
    if name == "commitments:publish":
        assert publication.title == UNAPPROVED_TITLE and publication.is_public
    else:
        assert not publication.is_public


def test_a_stale_review_publishes_nothing_and_says_why(client, world, manager):
    client.force_login(manager)
    url = reverse("commitments:publish", args=[world["published"].pk])

    response = client.post(url, {"public_reason": "Cancelled.", "version": "1"}, follow=True)

    assert "saved a change to this pledge" in response.content.decode()
    assert Publication.objects.get(pk=world["published"].pk).title == APPROVED_TITLE


def test_moderation_views_by_role(client, world, manager, owner_named):
    correction = _queued(world)
    for name in ("correction_evidence", "correction_note", "correction_reject"):
        url = reverse(f"commitments:{name}", args=[correction.pk])
        assert client.post(url)["Location"].startswith(reverse("login"))
        client.force_login(owner_named)
        assert client.post(url).status_code == 403
        client.force_login(manager)
        assert client.get(url).status_code == 405
        client.logout()
    correction.refresh_from_db()
    assert correction.state == CorrectionState.PENDING


def test_the_admin_publishes_and_unpublishes_in_bulk(client, world, manager, staff):
    ids = [str(world["published"].pk), str(world["draft"].pk)]
    client.force_login(staff)
    url = reverse("admin:commitments_commitment_changelist")

    client.post(
        url, {"action": "publish", "_selected_action": ids, "apply": "1", "reason": "Reviewed."}
    )

    assert set(Commitment.objects.published()) == {world["published"], world["draft"]}
    assert Publication.objects.get(pk=world["draft"].pk).public_reason == "Reviewed."

    client.post(url, {"action": "unpublish", "_selected_action": ids})

    assert not Commitment.objects.published().exists()


# --- Constant queries whatever the number of pledges.


def _many(manager, n: int) -> None:
    pledges = CommitmentFactory.create_batch(n, due_date=date(2027, 1, 1))
    for pledge in pledges:
        PledgeParty.objects.create(commitment=pledge, party=party("United Kingdom"), role="pledger")
        PledgeParty.objects.create(commitment=pledge, party=party("Kenya"), role="counterparty")
    publishing.publications_publish(
        commitment_ids=[p.pk for p in pledges], user=manager, public_reason="Reviewed."
    )


@pytest.mark.parametrize("extra", [1, 15])
def test_public_pages_run_a_fixed_number_of_queries(
    client, world, manager, extra, django_assert_num_queries
):
    _many(manager, extra)
    pk = world["published"].pk
    # The pledge with its source; its approved money; its approved milestones; its history.
    with django_assert_num_queries(4):
        assert client.get(reverse("public:pledge", args=[pk])).status_code == 200
    # The embed: the pledge with its source; its approved money; its approved milestones.
    with django_assert_num_queries(3):
        assert client.get(reverse("public:embed_pledge", args=[pk])).status_code == 200
    # One grouped count over the public pledges; one over their pledgers' parties.
    with django_assert_num_queries(2):
        assert client.get(reverse("public:meter")).status_code == 200
    # The count for the pager; the page of pledges.
    with django_assert_num_queries(2):
        assert client.get(reverse("public:search")).status_code == 200
    # The latest public entries with their pledges.
    with django_assert_num_queries(1):
        assert client.get(reverse("public:feed")).status_code == 200
    # The open public pledges with a due date; their dated open approved milestones.
    with django_assert_num_queries(2):
        assert client.get(reverse("public:calendar")).status_code == 200
    # The parties with a public pledge; one grouped count per party, role and status; one
    # grouped sum of approved money per party, role, currency and stage.
    with django_assert_num_queries(3):
        assert client.get(reverse("public:parties")).status_code == 200
    # Each party page: the party (if it has a public pledge); then, for the page and the embed,
    # one grouped count per role and status and one grouped sum of approved money; for the
    # feed, its latest public entries with their pledges; for the calendar, its open public
    # pledges with a due date and their dated open approved milestones.
    for name, queries in (
        ("party", 3),
        ("embed_party", 3),
        ("party_feed", 2),
        ("party_calendar", 3),
    ):
        with django_assert_num_queries(queries):
            assert client.get(reverse(f"public:{name}", args=["united-kingdom"])).status_code == 200


def test_the_reviewed_at_time_dates_the_calendar_event(world):
    assert Publication.objects.get(pk=world["published"].pk).reviewed_at <= timezone.now()


def test_signed_in_visitors_get_the_same_page_kept_out_of_shared_caches(client, world, manager):
    client.force_login(manager)
    response = client.get(reverse("public:pledge", args=[world["published"].pk]))

    assert APPROVED_TITLE in response.content.decode()
    assert UNAPPROVED_TITLE not in response.content.decode()
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_public_pages_hold_no_inline_code(client, world):
    from tests.test_security import INLINE_CODE

    checked = 0
    for url in public_urls(world):
        response = client.get(url)
        if response.status_code == 200 and "html" in response["Content-Type"]:
            assert INLINE_CODE.findall(response.content.decode()) == [], url
            assert "unsafe-inline" not in response["Content-Security-Policy"]
            checked += 1
    assert checked >= 6


def test_the_meter_counts_public_pledges_by_status_party_and_topic(client, world, manager):
    publish(world["draft"], manager, "No sign of work yet.")

    text = client.get(reverse("public:meter")).content.decode()

    assert "2 public pledges" in text
    assert "Pledges by status" in text or "Public pledges by status" in text
    assert "United Kingdom" in text and "Trade" in text and "Diplomacy" in text
    assert reverse("public:search") + "?status=in_progress" in text


def test_search_filters_and_answers_htmx_with_the_results_only(client, world, manager):
    publish(world["draft"], manager, "No sign of work yet.")
    url = reverse("public:search")

    assert APPROVED_TITLE in client.get(url, {"topic": "trade"}).content.decode()
    assert DRAFT_TITLE not in client.get(url, {"topic": "trade"}).content.decode()
    assert DRAFT_TITLE in client.get(url, {"q": "nobody reviewed"}).content.decode()
    assert "No public pledge matches" in client.get(url, {"q": "zebra"}).content.decode()
    assert "1 pledge." in client.get(url, {"status": "not_started"}).content.decode()

    fragment = client.get(url, {"q": "Kisumu"}, HTTP_HX_REQUEST="true").content.decode()
    assert APPROVED_TITLE in fragment
    assert "<html" not in fragment and 'id="results"' in fragment


# --- Parties: scorecards, embeds, feeds and calendars from the approved copies.


def test_a_party_page_scores_the_approved_status_not_the_unapproved_or_internal_one(
    client, world, manager
):
    publish(world["draft"], manager, "No sign of work yet.")
    text = client.get(reverse("public:party", args=["united-kingdom"])).content.decode()

    assert "United Kingdom" in text
    # Two pledges made: approved in progress (its unapproved change says broken, the UK's own
    # internal assessment says fulfilled) and not started.
    assert '<span class="stat-n">2</span><span class="stat-l">pledges made</span>' in text
    assert "compliance (0.00 on 1 scored)" in text  # in progress scores 0; nothing broken
    assert "fulfilment rate: none closed" in text
    assert "0 × (−1)" in text  # the unapproved "broken" is not counted
    assert reverse("public:search") + "?party=united-kingdom" in text
    assert reverse("public:embed_party", args=["united-kingdom"]) in text
    assert "Copy the snippet" in text

    kenya = client.get(reverse("public:party", args=["kenya"])).content.decode()
    assert '<span class="stat-n">1</span><span class="stat-l">pledges received</span>' in kenya


def test_approving_a_change_moves_the_party_score(client, world, manager):
    url = reverse("public:party", args=["united-kingdom"])
    assert "compliance (0.00 on 1 scored)" in client.get(url).content.decode()

    publish(world["published"], manager, "The port authority cancelled the tender.")

    text = client.get(url).content.decode()
    assert "compliance (-1.00 on 1 scored)" in text
    assert "1 × (−1)" in text


def test_a_party_with_no_public_pledge_has_no_public_page(client, world, manager):
    hidden = reverse("public:party", args=["quietly-drafted-holdings"])
    for name in ("party", "embed_party", "party_feed", "party_calendar"):
        assert (
            client.get(reverse(f"public:{name}", args=["quietly-drafted-holdings"])).status_code
            == 404
        )
        assert client.get(reverse(f"public:{name}", args=["no-such-party"])).status_code == 404
    assert DRAFT_ONLY_PARTY not in client.get(reverse("public:parties")).content.decode()

    publish(world["draft"], manager, "No sign of work yet.")

    assert DRAFT_ONLY_PARTY in client.get(hidden).content.decode()
    assert DRAFT_ONLY_PARTY in client.get(reverse("public:parties")).content.decode()


def test_the_parties_index_is_linked_from_the_meter_which_groups_by_party_records(
    client, world, manager
):
    Commitment.objects.filter(pk=world["published"].pk).update(actor="Britain")
    meter = client.get(reverse("public:meter")).content.decode()

    assert reverse("public:parties") in meter
    assert reverse("public:party", args=["united-kingdom"]) in meter
    assert reverse("public:search") + "?status=in_progress&amp;party=united-kingdom" in meter
    assert "Kenya" not in meter  # a counterparty made no pledge
    index = client.get(reverse("public:parties")).content.decode()
    assert reverse("public:party", args=["united-kingdom"]) in index
    assert reverse("public:party", args=["kenya"]) in index


def test_the_about_page_says_how_a_party_s_score_is_computed(client, world):
    text = client.get(reverse("public:about")).content.decode()
    assert "G7 Research Group" in text and "an editor approved" in text
    assert reverse("public:parties") in text


def test_search_by_party_lists_its_public_pledges_once(client, world, manager):
    publish(world["draft"], manager, "No sign of work yet.")
    PledgeParty.objects.create(
        commitment=world["published"], party=party("United Kingdom"), role="counterparty"
    )
    url = reverse("public:search")

    uk = client.get(url, {"party": "united-kingdom"}).content.decode()
    assert "2 pledges." in uk and APPROVED_TITLE in uk and DRAFT_TITLE in uk
    kenya = client.get(url, {"party": "kenya"}).content.decode()
    assert "1 pledge." in kenya and DRAFT_TITLE not in kenya


def test_the_party_embed_may_be_framed_and_carries_no_script(client, world):
    response = client.get(reverse("public:embed_party", args=["united-kingdom"]))

    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    text = response.content.decode()
    assert "<script" not in text
    assert "Pledges of United Kingdom" in text
    assert "In progress: 1" in text
    page = client.get(reverse("public:party", args=["united-kingdom"]))
    assert page["X-Frame-Options"] == "DENY"


def test_the_party_feed_is_valid_atom_with_the_party_s_approved_updates_only(
    client, world, manager
):
    other = CommitmentFactory(title="Fund the Accra rail link", actor="Ghana")
    PledgeParty.objects.create(commitment=other, party=party("Ghana"), role="pledger")
    publish(other, manager, "Reviewed.")
    PledgeParty.objects.create(commitment=world["published"], party=party("Kenya"), role="pledger")

    response = client.get(reverse("public:party_feed", args=["kenya"]))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert "Kenya" in feed.feed.title
    titles = [entry.title for entry in feed.entries]
    assert len(titles) == 1 and APPROVED_TITLE in titles[0]  # once, though in two roles
    assert all(entry.link.startswith("http") for entry in feed.entries)
    ghana = feedparser.parse(client.get(reverse("public:party_feed", args=["ghana"])).content)
    assert [e.title for e in ghana.entries] == ["Fund the Accra rail link: Not started, 0%"]


def test_the_party_calendar_parses_and_shares_the_public_calendar_s_uids(client, world, manager):
    pledge = world["draft"]
    publish(pledge, manager, "No sign of work yet.")
    url = reverse("public:party_calendar", args=["united-kingdom"])
    first = client.get(url).content
    events = _events(first)
    uid = public_feeds.event_uid(pledge.pk)
    assert set(events) == {uid, public_feeds.event_uid(world["published"].pk)}
    assert set(events) <= set(_events(client.get(reverse("public:calendar")).content))
    assert set(_events(client.get(reverse("public:party_calendar", args=["kenya"])).content)) == {
        public_feeds.event_uid(world["published"].pk)
    }
    parsed = vobject.readOne(first.decode())
    assert uid in [e.uid.value for e in parsed.vevent_list]

    services.commitment_set_due_date(
        commitment_id=pledge.pk, user=manager, due_date=date(2028, 3, 31), reason="Extended"
    )
    assert _events(client.get(url).content)[uid].decoded("dtstart") == date(2027, 1, 1)
    publish(pledge, manager, "The deadline moved to 2028.")

    moved = client.get(url).content
    assert _events(moved)[uid].decoded("dtstart") == date(2028, 3, 31)
    parsed_moved = {e.uid.value: e for e in vobject.readOne(moved.decode()).vevent_list}
    assert parsed_moved[uid].dtstart.value == date(2028, 3, 31)
    assert len(parsed_moved) == 2  # moved, not added
