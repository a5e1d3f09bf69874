"""The public Atom feeds (every public update, one topic's or one party's) and the public
calendars (every open public pledge's due date, or one party's).

Built from the public history and the approved copies only. Links are absolute, from
SITE_URL; each is built in a fixed number of queries.
"""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from commitments import links
from commitments.choices import Status, Topic
from commitments.models import Party, Publication, PublicEntry, PublicMilestone
from commitments.public import parties, selectors

FEED_LENGTH = 50
CALENDAR_PRODID = "-//Commitment tracker//Public pledge due dates//EN"


def _entry_url(entry: PublicEntry) -> str:
    return f"{links.absolute(links.public_pledge(entry.publication_id))}#entry-{entry.pk}"


class PublicUpdatesFeed(Feed):
    """Atom 1.0: the latest public updates, on every public pledge or one topic's."""

    feed_type = Atom1Feed
    author_name = "Commitment tracker"

    def get_object(self, request, topic: str | None = None) -> str | None:
        if topic is not None and topic not in Topic.values:
            raise Http404("No such topic.")
        return topic

    def title(self, obj: str | None) -> str:
        if obj:
            return f"Pledge updates: {Topic(obj).label}"
        return "Pledge updates"

    def subtitle(self, obj: str | None) -> str:
        return f"The latest {FEED_LENGTH} reviewed updates on the public pledges."

    def link(self, obj: str | None) -> str:
        return links.absolute(links.public_search(topic=obj or ""))

    def feed_url(self, obj: str | None) -> str:
        if obj:
            return links.absolute(reverse("public:topic_feed", args=[obj]))
        return links.absolute(reverse("public:feed"))

    def items(self, obj: str | None) -> list[PublicEntry]:
        return list(selectors.public_entries(topic=obj)[:FEED_LENGTH])

    def item_title(self, item: PublicEntry) -> str:
        state = f"{Status(item.status).label}, {item.progress}%"
        return f"{item.publication.title}: {state}"

    def item_description(self, item: PublicEntry) -> str:
        text = f"{item.get_kind_display()}: {item.text}"
        if item.evidence_url:
            text += f" Source: {item.evidence_url}"
        return text

    def item_link(self, item: PublicEntry) -> str:
        return _entry_url(item)

    # The link is also the entry's id (the Feed default), and a permanent one.
    item_guid_is_permalink = True

    def item_pubdate(self, item: PublicEntry):
        return item.created_at

    def item_updateddate(self, item: PublicEntry):
        return item.created_at


public_updates_feed = PublicUpdatesFeed()


class PartyUpdatesFeed(PublicUpdatesFeed):
    """Atom 1.0: the latest public updates on the pledges one party made or received."""

    def get_object(self, request, party: Party) -> Party:  # type: ignore[override]
        return party

    def title(self, obj: Party) -> str:  # type: ignore[override]
        return f"Pledge updates: {obj.name}"

    def subtitle(self, obj: Party) -> str:  # type: ignore[override]
        return f"The latest {FEED_LENGTH} reviewed updates on the public pledges of {obj.name}."

    def link(self, obj: Party) -> str:  # type: ignore[override]
        return links.absolute(links.public_party(obj.slug))

    def feed_url(self, obj: Party) -> str:  # type: ignore[override]
        return links.absolute(links.public_party_feed(obj.slug))

    def items(self, obj: Party) -> list[PublicEntry]:  # type: ignore[override]
        return list(parties.party_entries(obj)[:FEED_LENGTH])


party_updates_feed = PartyUpdatesFeed()


def event_uid(commitment_id: int) -> str:
    # One pledge, one event: a new due date moves it instead of adding another.
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"public-pledge-{commitment_id}@{host}"


def due_dates_calendar(party: Party | None = None) -> bytes:
    """ICS: one all-day event on the due date of each open public pledge (of one party).

    A party's calendar uses the same UIDs as the whole one, so a reader subscribed to both
    sees one event per pledge, and a moved due date moves it in both.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", CALENDAR_PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if party is None:
        calendar.add("x-wr-calname", "Pledge due dates")
        pledges = selectors.public_due_dates()
        steps = selectors.public_milestone_dates()
    else:
        calendar.add("x-wr-calname", f"Pledge due dates: {party.name}")
        pledges = parties.party_due_dates(party)
        steps = parties.party_milestone_dates(party)
    for publication in pledges:
        calendar.add_component(_due_date_event(publication))
    for step in steps:
        calendar.add_component(_milestone_event(step))
    return calendar.to_ical()


def milestone_uid(milestone_id: int) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"public-milestone-{milestone_id}@{host}"


def _milestone_event(step: PublicMilestone) -> icalendar.Event:
    assert step.due_date is not None
    publication = step.publication
    link = links.absolute(links.public_pledge(publication.pk))
    event = _all_day(
        milestone_uid(step.milestone_id), publication, step.due_date, f"Milestone: {step.title}"
    )
    event.add("description", f"{publication.title}: {step.get_status_display()}.\n{link}")
    event.add("url", link)
    return event


def _all_day(uid: str, publication: Publication, day: date, summary: str) -> icalendar.Event:
    """An all-day event dated by the review that approved it; a new approval raises its
    sequence, so calendars replace the event instead of adding one."""
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", publication.reviewed_at)
    event.add("last-modified", publication.reviewed_at)
    event.add("sequence", publication.reviewed_version)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("transp", "TRANSPARENT")
    return event


def _due_date_event(publication: Publication) -> icalendar.Event:
    assert publication.due_date is not None
    link = links.absolute(links.public_pledge(publication.pk))
    event = _all_day(
        event_uid(publication.pk), publication, publication.due_date, f"Due: {publication.title}"
    )
    event.add(
        "description",
        f"{publication.actor}: {publication.get_status_display()}, "
        f"{publication.progress}%.\n{link}",
    )
    event.add("url", link)
    return event
