"""A user's private Atom feed of progress updates and ICS calendar of due and milestone dates.

The feed covers a user's own pledges, or every pledge for a manager; the calendar covers the
pledges the user owns: their due dates, and the dates of their open milestones. Each is built
in a fixed number of queries whatever the number of pledges. Every link is absolute, from
SITE_URL.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Sum
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from commitments import links, roles, services
from commitments.models import (
    Commitment,
    FeedToken,
    Milestone,
    MilestoneStatus,
    ProgressUpdate,
    Status,
)

FEED_LENGTH = 50
CALENDAR_PRODID = "-//Commitment tracker//Pledge due dates//EN"
CALENDAR_FORMAT = 2  # Bump when events change shape, so clients fetch them anew.
# What an event needs; the quote and description stay in the database.
CALENDAR_FIELDS = (
    *("id", "title", "actor", "status", "progress"),
    *("due_date", "due_text", "version", "updated_at"),
)


def followed_updates(user) -> QuerySet:
    """The feed's updates: on every pledge for a manager, on their own pledges for others."""
    if roles.is_manager(user):
        return ProgressUpdate.objects.all()
    return ProgressUpdate.objects.filter(commitment__owner=user)


def calendar_commitments(user) -> QuerySet:
    """The calendar's pledges: the user's own open pledges with a due date, whatever the role.

    Managers follow everyone's progress in the feed, but a calendar of every deadline would
    bury their own; the board lists what is due across the team.
    """
    return Commitment.objects.owned_by(user).open().filter(due_date__isnull=False)


OPEN_MILESTONES = (MilestoneStatus.PLANNED, MilestoneStatus.IN_PROGRESS)


def calendar_milestones(user) -> QuerySet[Milestone]:
    """The calendar's milestones: dated, still planned or under way, on the user's open pledges."""
    return Milestone.objects.filter(
        commitment__in=Commitment.objects.owned_by(user).open(),
        due_date__isnull=False,
        status__in=OPEN_MILESTONES,
    )


def _calendar_pledges(user) -> QuerySet:
    """Every pledge with an event on the calendar: a due date, or a dated open milestone."""
    dated = calendar_milestones(user).filter(commitment=OuterRef("pk"))
    return (
        Commitment.objects.owned_by(user).open().filter(Q(due_date__isnull=False) | Exists(dated))
    )


def _name(user) -> str:
    if user is None:
        return "Someone"
    return user.get_full_name() or user.get_username()


def _whose(user) -> str:
    return f"{_name(user)}’s pledges"


def updates_feed_url(token: FeedToken) -> str:
    return links.absolute(reverse("commitments:updates_feed", args=[token.token]))


def due_dates_calendar_url(token: FeedToken) -> str:
    return links.absolute(reverse("commitments:due_dates_calendar", args=[token.token]))


def _update_url(update: ProgressUpdate) -> str:
    return f"{links.absolute(links.pledge(update.commitment_id))}#update-{update.pk}"


class UpdatesFeed(Feed):
    """Atom 1.0: the latest progress updates on the pledges a user follows, newest first."""

    feed_type = Atom1Feed
    author_name = "Commitment tracker"

    def get_object(self, request, token: FeedToken) -> FeedToken:
        return token

    def title(self, obj: FeedToken) -> str:
        if roles.is_manager(obj.user):
            return "Progress on all pledges"
        return f"Progress on {_whose(obj.user)}"

    def subtitle(self, obj: FeedToken) -> str:
        return f"The latest {FEED_LENGTH} updates recorded in the commitment tracker."

    def link(self, obj: FeedToken) -> str:
        if roles.is_manager(obj.user):
            return links.absolute(links.pledge_list())
        return links.absolute(reverse("commitments:work_queue"))

    def feed_url(self, obj: FeedToken) -> str:
        return updates_feed_url(obj)

    def feed_guid(self, obj: FeedToken) -> str:
        # Stable across new links: the feed is the same feed, only its address changed.
        return links.absolute(f"{reverse('commitments:feeds')}#user-{obj.user_id}")

    def items(self, obj: FeedToken) -> list[ProgressUpdate]:
        return list(
            followed_updates(obj.user)
            .select_related("commitment", "author")
            .order_by("-created_at", "-id")[:FEED_LENGTH]
        )

    def item_title(self, item: ProgressUpdate) -> str:
        state = f"{Status(item.new_status).label}, {item.new_progress}%"
        return f"{item.commitment.title}: {state}"

    def item_description(self, item: ProgressUpdate) -> str:
        change = services.describe_update(item)
        text = f"{change[:1].upper()}{change[1:]}."
        if item.evidence_url:
            text += f" Evidence: {item.evidence_url}"
        return text

    def item_link(self, item: ProgressUpdate) -> str:
        return _update_url(item)

    # The link is also the entry's id (the Feed default), and a permanent one.
    item_guid_is_permalink = True

    def item_author_name(self, item: ProgressUpdate) -> str:
        return _name(item.author)

    def item_pubdate(self, item: ProgressUpdate):
        return item.created_at

    def item_updateddate(self, item: ProgressUpdate):
        return item.created_at


updates_feed = UpdatesFeed()


def _event_uid(commitment_id: int) -> str:
    # One pledge, one event: a new due date (or title) updates it instead of adding another.
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"commitment-{commitment_id}@{host}"


def due_dates_calendar_etag(token: FeedToken) -> str:
    """Changes whenever the calendar would: one aggregate query, so polls are cheap.

    Any change to a pledge bumps its version and `updated_at`; a pledge that joins the set was
    just written (or created) and one that leaves changes the count. Milestone writes bump
    their pledge's version too, so the pledges with a dated milestone count here as well.
    """
    state = _calendar_pledges(token.user).aggregate(
        count=Count("id"), ids=Sum("id"), versions=Sum("version"), latest=Max("updated_at")
    )
    parts = [CALENDAR_FORMAT, token.token, _name(token.user), settings.SITE_URL, *state.values()]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def _milestone_uid(milestone_id: int) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"milestone-{milestone_id}@{host}"


def due_dates_calendar(token: FeedToken) -> bytes:
    """ICS: one all-day event on the due date of each open pledge the user owns, and one on
    the date of each of their open milestones."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", CALENDAR_PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Due dates of {_whose(token.user)}")
    pledges = calendar_commitments(token.user).only(*CALENDAR_FIELDS).order_by("due_date", "id")
    for commitment in pledges:
        link = links.absolute(links.pledge(commitment.pk))
        event = icalendar.Event()
        event.add("uid", _event_uid(commitment.pk))
        event.add("dtstamp", commitment.updated_at)
        event.add("last-modified", commitment.updated_at)
        event.add("sequence", commitment.version)
        event.add("dtstart", commitment.due_date)
        event.add("dtend", commitment.due_date + timedelta(days=1))
        event.add("summary", f"Due: {commitment.title}")
        details = [
            f"{commitment.actor}: {commitment.get_status_display()}, {commitment.progress}%.",
            f"Due “{commitment.due_text}”." if commitment.due_text else "",
            link,
        ]
        event.add("description", "\n".join(filter(None, details)))
        event.add("url", link)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    milestones = (
        calendar_milestones(token.user)
        .select_related("commitment")
        .only(
            *("id", "title", "due_date", "status", "updated_at"),
            *("commitment__title", "commitment__version"),
        )
        .order_by("due_date", "id")
    )
    for milestone in milestones:
        assert milestone.due_date is not None
        link = links.absolute(links.pledge(milestone.commitment_id))
        event = icalendar.Event()
        event.add("uid", _milestone_uid(milestone.pk))
        event.add("dtstamp", milestone.updated_at)
        event.add("last-modified", milestone.updated_at)
        # Every milestone write bumps its pledge's version: SEQUENCE grows as it must.
        event.add("sequence", milestone.commitment.version)
        event.add("dtstart", milestone.due_date)
        event.add("dtend", milestone.due_date + timedelta(days=1))
        event.add("summary", f"Milestone: {milestone.title}")
        details = [
            f"A step of “{milestone.commitment.title}”: {milestone.get_status_display()}.",
            link,
        ]
        event.add("description", "\n".join(details))
        event.add("url", link)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
