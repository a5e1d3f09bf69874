"""Every reader of the pledge states agrees on the same boundary dates.

One table of pledges on either side of each rule's boundary; every place that decides or
counts "overdue", "due soon", "stale", "snoozed" or "needs attention" (querysets, per-pledge
checks, template filters, the list's filters, the admin's filters, the work queue, the
board, the header badge, the attention page, the reminder scan and the digest) must find
exactly the pledges the table says.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from commitments import selectors, states
from commitments.filters import CommitmentFilter
from commitments.models import Commitment, Reminder, Status
from commitments.reminders import attention, claims, digest
from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db

OVERDUE, DUE_SOON, STALE, SNOOZED, ATTENTION = (
    "overdue",
    "due soon",
    "stale",
    "snoozed",
    "needs attention",
)


def local(day, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def cases(today):
    """(name, fields, states): each pledge and the states it is in today."""
    window = settings.REMINDER_DUE_SOON_DAYS
    stale_days = settings.STALE_AFTER_DAYS
    day = timedelta(days=1)
    return [
        ("due yesterday", {"due_date": today - day}, {OVERDUE, ATTENTION}),
        ("due today", {"due_date": today}, {DUE_SOON, ATTENTION}),
        ("due on the window's last day", {"due_date": today + window * day}, {DUE_SOON, ATTENTION}),
        ("due the day after the window", {"due_date": today + (window + 1) * day}, set()),
        ("no due date, fresh", {}, set()),
        (
            "closed, past due and quiet",
            {
                "due_date": today - 5 * day,
                "status": Status.FULFILLED,
                "last_progress_at": local(today - 90 * day, time(12)),
            },
            set(),
        ),
        # 30 whole local days, though not 30 x 24 hours, since the last progress.
        (
            "progress late on the day the window began",
            {"last_progress_at": local(today - stale_days * day, time(23, 59, 59))},
            {STALE, ATTENTION},
        ),
        (
            "progress early on the day after",
            {"last_progress_at": local(today - (stale_days - 1) * day, time(0, 0, 1))},
            set(),
        ),
        (
            "past due, snoozed until tomorrow",
            {"due_date": today - day, "snoozed_until": today + day},
            {OVERDUE, SNOOZED},
        ),
        (
            "past due, snooze ends today",
            {"due_date": today - day, "snoozed_until": today},
            {OVERDUE, ATTENTION},
        ),
        (
            "quiet, snoozed until tomorrow",
            {
                "last_progress_at": local(today - 40 * day, time(12)),
                "snoozed_until": today + day,
            },
            {STALE, SNOOZED},
        ),
    ]


@pytest.fixture
def table(owner):
    today = timezone.localdate()
    long_ago = timezone.now() - timedelta(days=400)
    made = {}
    for name, fields, expected in cases(today):
        fields = {"last_progress_at": timezone.now(), **fields}
        pledge = CommitmentFactory(owner=owner, title=name, created_at=long_ago, **fields)
        made[pledge.pk] = expected
    return made


def expected(table, *wanted: str) -> set[int]:
    return {pk for pk, found in table.items() if set(wanted) <= found}


def pks(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def filtered(template: str) -> set[int]:
    rendered = Template("{% load commitment_tags %}" + template)
    return {
        c.pk for c in Commitment.objects.all() if rendered.render(Context({"c": c})).strip() == "y"
    }


def list_filter(**data) -> set[int]:
    return pks(CommitmentFilter(data, queryset=Commitment.objects.all()).qs)


def admin_count(client, staff, **query) -> int:
    client.force_login(staff)
    response = client.get(reverse("admin:commitments_commitment_changelist"), query)
    return response.context["cl"].result_count


def scanned(reason: str | None = None) -> set[int]:
    claims.reminders_claim()
    rows = Reminder.objects.all()
    found = set(rows.filter(reason=reason) if reason else rows)
    Reminder.objects.all().delete()
    return {r.commitment_id for r in found}


def page_badge_and_list(client, owner) -> tuple[int, int, bool]:
    client.force_login(owner)
    response = client.get(reverse("commitments:attention"))
    badge = re.search(
        r'id="attention-badge".*?<span class="count[^"]*">(\d+)</span>', response.text, re.S
    )
    return (
        int(badge.group(1)),
        response.context["attention"].total,
        "Nothing of yours" in response.text,
    )


def test_every_reader_agrees_on_every_boundary(table, owner, staff, client):
    today = timezone.localdate()
    queue = {c.pk: c.attention for c in selectors.work_queue(owner)}
    counts = selectors.attention_counts(owner)
    board = selectors.board()
    (workload,) = [u for u in board.workload if u.pk == owner.pk]
    week = digest.digest_build()
    sections = {
        reason: {item.commitment.pk for item in items}
        for reason, _label, items in attention.attention_for(owner).sections
    }
    badge, listed, says_nothing = page_badge_and_list(client, owner)
    pledges = list(Commitment.objects.all())

    readers = {
        OVERDUE: {
            "queryset": pks(Commitment.objects.overdue()),
            "per-pledge check": {c.pk for c in pledges if states.is_overdue(c, today)},
            "model method": {c.pk for c in pledges if c.is_overdue()},
            "template filter": filtered("{% if c|is_overdue %}y{% endif %}"),
            "list filter": list_filter(overdue="yes"),
            "admin filter": admin_count(client, staff, overdue="yes"),
            "queue counts": counts["overdue"],
            "queue group": {pk for pk, group in queue.items() if group == selectors.OVERDUE},
            "board total": board.totals["overdue"],
            "board workload": workload.overdue,
            "digest": week.overdue_count,
        },
        DUE_SOON: {
            "queryset": pks(Commitment.objects.due_soon()),
            "per-pledge check": {c.pk for c in pledges if states.is_due_soon(c, today)},
            "queue counts": counts["due_soon"],
            "queue group": {pk for pk, group in queue.items() if group == selectors.DUE_SOON},
        },
        STALE: {
            "queryset": pks(Commitment.objects.stale()),
            "per-pledge check": {c.pk for c in pledges if states.is_stale(c, today)},
            "model method": {c.pk for c in pledges if c.is_stale()},
            "template filter": filtered("{% if c|is_stale %}y{% endif %}"),
            "list filter": list_filter(stale="yes"),
            "admin filter": admin_count(client, staff, stale="yes"),
            "queue counts": counts["stale"],
            "board total": board.totals["stale"],
            "board workload": workload.stale,
            "digest": week.stale_count,
        },
        SNOOZED: {
            "queryset": pks(Commitment.objects.snoozed()),
            "per-pledge check": {c.pk for c in pledges if states.is_snoozed(c, today)},
        },
        ATTENTION: {
            "queryset": pks(Commitment.objects.needs_attention()),
            "per-pledge check": {c.pk for c in pledges if states.needs_attention(c, today)},
            "queue counts": counts["attention"],
            "header badge": badge,
            "attention page": listed,
            "attention sections": set().union(*sections.values()),
            "reminder scan": scanned(),
        },
    }
    # The scan reminds of each reason only for pledges that need attention (not snoozed).
    reminded = {
        OVERDUE: scanned("overdue"),
        DUE_SOON: scanned("due_soon"),
        STALE: scanned("stale"),
    }

    disagreements = []
    for state, by_reader in readers.items():
        want = expected(table, state)
        for reader, found in by_reader.items():
            if found != (len(want) if isinstance(found, int) else want):
                disagreements.append(f"{state} / {reader}: {found!r}, expected {want!r}")
    for state, found in reminded.items():
        want = expected(table, state, ATTENTION)
        if found != want:
            disagreements.append(f"{state} / reminder scan: {found!r}, expected {want!r}")
    assert not disagreements, "\n".join(disagreements)
    assert says_nothing == (listed == 0)
