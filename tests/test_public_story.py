"""The whole public story through the site's own URLs, as its users would walk it.

A manager publishes a pledge on the web; a signed-out reader finds it on the meter, its
party's page, the embed, the Atom feed and the party's calendar; its owner makes a token on
/tokens/ and records progress through the API, and the web shows it; a manager approves it
and the reader sees it; the reader suggests a correction and it reaches the moderation queue.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import feedparser
import icalendar
import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from commitments import services
from commitments.models import Correction, CorrectionState, MoneyStage, PledgeParty
from tests.factories import CommitmentFactory
from tests.test_public import party

pytestmark = pytest.mark.django_db
TITLE = "Fund the Mombasa solar grid"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_publish_read_record_through_the_api_approve_and_suggest(owner, manager):
    pledge = CommitmentFactory(
        owner=owner,
        title=TITLE,
        due_date=date(2027, 12, 31),
        amount=Decimal(50_000_000),
        currency="GBP",
    )
    PledgeParty.objects.create(commitment=pledge, party=party("United Kingdom"), role="pledger")
    PledgeParty.objects.create(commitment=pledge, party=party("Kenya"), role="counterparty")
    services.money_record_add(
        commitment_id=pledge.pk,
        user=owner,
        expected_version=1,
        stage=MoneyStage.COMMITTED,
        amount="20000000",
        currency="GBP",
        on=date(2024, 9, 1),
    )
    reader, editor, analyst = Client(), Client(), Client()
    editor.force_login(manager)
    analyst.force_login(owner)
    meter, kenya = reverse("public:meter"), reverse("public:party", args=["kenya"])
    assert TITLE not in reader.get(reverse("public:search")).content.decode()
    assert reader.get(kenya).status_code == 404

    # 1. A manager publishes it from the review page, as reviewed.
    review = editor.get(reverse("commitments:publishing_review", args=[pledge.pk]))
    assert TITLE in review.content.decode() and "Money stages" in review.content.decode()
    editor.post(
        reverse("commitments:publish", args=[pledge.pk]),
        {"public_reason": "The grant agreement was signed.", "version": 2},
    )

    # 2. A reader sees it everywhere the public looks.
    shown_meter = reader.get(meter).content.decode()
    assert reverse("public:party", args=["united-kingdom"]) in shown_meter
    assert "1 public pledge," in shown_meter and "1 pledge made" in shown_meter
    assert "GBP 20,000,000" in reader.get(kenya).content.decode()
    embed = reader.get(reverse("public:embed_pledge", args=[pledge.pk])).content.decode()
    assert TITLE in embed and "0 disbursed of 50,000,000 announced" in embed
    feed = feedparser.parse(reader.get(reverse("public:feed")).content)
    assert [e.title for e in feed.entries if TITLE in e.title]
    party_feed = reverse("public:party_feed", args=["united-kingdom"])
    assert any(TITLE in e.title for e in feedparser.parse(reader.get(party_feed).content).entries)
    calendar = reader.get(reverse("public:party_calendar", args=["kenya"])).content
    events = icalendar.Calendar.from_ical(calendar).walk("VEVENT")
    assert [e.decoded("dtstart") for e in events if TITLE in str(e["summary"])] == [
        date(2027, 12, 31)
    ]

    # 3. Its owner makes a token on the web and records progress through the API.
    made = analyst.post(reverse("commitments:tokens"), {"name": "field script"}, follow=True)
    secret = re.search(r"ct_[A-Za-z0-9_-]+", made.content.decode()).group(0)
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    version = api.get(f"/api/v1/pledges/{pledge.pk}").json()["version"]
    answer = api.post(
        f"/api/v1/pledges/{pledge.pk}/progress",
        {"version": version, "status": "in_progress", "progress": 35, "note": "Panels shipped"},
        content_type="application/json",
    )
    assert answer.status_code == 200
    web = analyst.get(reverse("commitments:detail", args=[pledge.pk])).content.decode()
    assert "Panels shipped" in web and "35%" in web

    # 4. The public copy waits for a manager; approved, the reader sees the new status.
    public_page = reverse("public:pledge", args=[pledge.pk])
    assert "35%" not in reader.get(public_page).content.decode()
    editor.post(
        reverse("commitments:publish", args=[pledge.pk]),
        {"public_reason": "The first panels were shipped.", "version": version + 1},
    )
    shown = reader.get(public_page).content.decode()
    assert "35%" in shown and "The first panels were shipped." in shown
    assert "Panels shipped" not in shown  # the internal note stays internal

    # 5. The reader suggests a correction; it waits in the managers' queue.
    reader.post(
        reverse("public:correction", args=[pledge.pk]),
        {"text": "The grid's second phase was cancelled.", "url": "https://news.example.org/x"},
    )
    assert Correction.objects.get().state == CorrectionState.PENDING
    queue = editor.get(reverse("commitments:corrections")).content.decode()
    assert "second phase was cancelled" in queue
    assert "cancelled" not in reader.get(public_page).content.decode()
