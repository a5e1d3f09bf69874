"""The follow-up flow in a browser: import a pledge, then an article reporting progress on it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from commitments.models import Commitment, PledgeSource
from tests.browser.signing_in import sign_in
from tests.factories import AnalystFactory
from tests.test_matches import FOLLOW_UP, ORIGINAL

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _import(page, live_server, text: str) -> None:
    page.goto(live_server.url + reverse("commitments:import_start"))
    page.fill("textarea[name=text]", text)
    page.click("button:has-text('Find the pledges')")
    page.wait_for_selector("#import-step mark")


def test_a_follow_up_article_records_evidence_on_the_tracked_pledge(
    live_server, page, screenshot_dir
):
    AnalystFactory(username="asha")
    sign_in(page, live_server, "asha")

    # The first article: its pledge is saved and tracked.
    _import(page, live_server, ORIGINAL)
    page.click("button:has-text('Save the article and the kept pledges')")
    page.wait_for_url("**/sources/**")
    pledge = Commitment.objects.get()

    # The second article: the review suggests the tracked pledge, with its reasons.
    _import(page, live_server, FOLLOW_UP)
    section = page.locator("#matches")
    assert "About pledges you already track" in section.inner_text()
    first = section.locator("article.match").first
    assert pledge.title in first.inner_text()
    assert "same parties" in first.inner_text()
    page.screenshot(path=str(screenshot_dir / "import-review-matches.png"))
    first.locator("button:has-text('Record as evidence')").click()
    page.wait_for_selector("text=Recorded as evidence")

    pledge.refresh_from_db()
    assert pledge.status == "fulfilled"
    report = PledgeSource.objects.get(commitment=pledge)

    # The pledge page lists the later source; its timeline links to the highlighted span.
    page.goto(live_server.url + pledge.get_absolute_url())
    assert "Lamu port loan signed" in page.locator("#sources").inner_text()
    page.click("text=The evidence in its article")
    page.wait_for_url(f"**/sources/{report.source_id}/**")
    assert "signed" in page.locator(f"#r-{report.pk}").inner_text()
