"""The pledge page's tracking in a real browser: the money bar fills as money is recorded,
and adding a milestone then marking it done moves the progress, without a page load."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from commitments.models import Milestone, MoneyRecord
from tests.browser.signing_in import sign_in
from tests.factories import CommitmentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_money_bar_and_milestones_on_the_pledge_page(page, live_server, owner, screenshot_dir):
    pledge = CommitmentFactory(
        owner=owner, title="Fund the rail link", amount=Decimal(70_000_000), currency="GBP"
    )
    sign_in(page, live_server, "owner")
    page.goto(f"{live_server.url}{pledge.get_absolute_url()}")
    page.evaluate("window.__noReload = 'still here'")
    bar = page.locator(".money-bar")
    assert "GBP 70,000,000" in bar.inner_text()
    assert page.locator(".money-committed").get_attribute("value") == "0"

    page.get_by_text("Record money").first.click()
    page.get_by_label("Stage").select_option("committed")
    page.get_by_label("Amount").fill("20000000")
    page.get_by_label("Date", exact=True).fill(
        (timezone.localdate() - timedelta(days=3)).isoformat()
    )
    page.get_by_role("button", name="Record money").click()
    page.locator("#tracking .saved").wait_for()
    assert "Money recorded." in page.locator("#tracking .saved").inner_text()
    assert page.locator(".money-committed").get_attribute("value") == "20000000"
    assert "GBP 20,000,000" in page.locator(".money-bar").inner_text()
    assert MoneyRecord.objects.count() == 1

    page.get_by_text("Add a milestone").click()
    page.get_by_label("Milestone", exact=True).fill("Tender issued")
    page.get_by_label("Weight").fill("1")
    page.get_by_role("button", name="Add milestone").click()
    page.locator("#milestones").wait_for()
    page.get_by_text("Add a milestone").click()
    page.get_by_label("Milestone", exact=True).fill("Track laid")
    page.get_by_label("Weight").fill("3")
    page.get_by_role("button", name="Add milestone").click()
    page.locator("#milestones li:nth-child(2)").wait_for()

    first = Milestone.objects.get(title="Tender issued")
    page.get_by_label("Status of Tender issued").select_option("done")
    page.locator(f"#milestone-{first.pk}").get_by_role("button", name="Set").click()
    page.get_by_text("Milestone updated.").wait_for()
    assert page.locator("#summary .progress-text").inner_text() == "25%"
    assert page.get_by_label("Progress (%)").get_attribute("readonly") is not None
    assert "Milestone “Tender issued”: Planned → Done." in page.locator("#timeline").inner_text()
    assert page.evaluate("window.__noReload") == "still here"
    page.screenshot(path=str(screenshot_dir / "pledge-tracking.png"), full_page=True)
