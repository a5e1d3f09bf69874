"""A party's scorecard and a joint pledge's page in a real browser, with screenshots in
test-output/ for the closing note."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from commitments import services
from commitments.models import PledgeParty, Status
from commitments.services.party_links import linker
from tests.browser.signing_in import sign_in
from tests.factories import CommitmentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def joint_pledges(owner):
    services.parties_seed(user=services.SYSTEM)  # the transactional test emptied the table
    today = timezone.localdate()
    rows = [
        (
            "Build the Kenya rail link",
            "United Kingdom and India",
            "Kenya",
            Status.FULFILLED,
            -40,
            "70000000",
            "GBP",
        ),
        (
            "Fund solar mini-grids",
            "India and the United Kingdom",
            "Kenya",
            Status.IN_PROGRESS,
            -5,
            "12000000",
            "USD",
        ),
        ("Train 500 nurses", "the UK", "", Status.BROKEN, -90, None, ""),
        ("Open a trade office", "United Kingdom", "India", Status.NOT_STARTED, 60, None, ""),
    ]
    pledges = []
    for title, actor, counterparty, status, days, amount, currency in rows:
        pledge = CommitmentFactory(
            owner=owner,
            title=title,
            actor=actor,
            counterparty=counterparty,
            status=status,
            progress=100 if status == Status.FULFILLED else 40,
            due_date=today + timedelta(days=days),
            amount=Decimal(amount) if amount else None,
            currency=currency,
        )
        linker().link(pledge)
        pledges.append(pledge)
    # The rail link's money is partly paid: £40m committed, £25m disbursed.
    for stage, amount in (("committed", "40000000"), ("disbursed", "25000000")):
        services.money_record_add(
            commitment_id=pledges[0].pk,
            user=owner,
            expected_version=None,
            stage=stage,
            amount=amount,
            currency="GBP",
            on=today,
        )
    return pledges


def test_a_scorecard_shows_its_numbers_and_each_opens_its_list(
    page, live_server, owner, joint_pledges, screenshot_dir
):
    sign_in(page, live_server, "owner")
    page.get_by_role("link", name="Parties").first.click()
    page.get_by_role("link", name="United Kingdom", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "United Kingdom"
    made = page.locator(".stat", has_text="pledges made")
    assert made.locator(".stat-n").inner_text() == "4"
    # Fulfilled +1, in progress 0, broken −1 over 3 scored: 0, that is 50%.
    assert "50%" in page.locator(".stat", has_text="compliance").inner_text()
    money = page.get_by_role("table", name="Money, per currency").first
    gbp = money.get_by_role("row", name="GBP")
    assert [c.inner_text() for c in gbp.get_by_role("cell").all()] == [
        "GBP 70,000,000",
        "GBP 40,000,000",
        "GBP 25,000,000",
    ]
    assert "USD 12,000,000" in money.get_by_role("row", name="USD").inner_text()
    page.screenshot(path=str(screenshot_dir / "party-scorecard.png"), full_page=True)

    gbp.get_by_role("link", name="GBP 25,000,000").click()
    page.wait_for_load_state()
    assert page.locator("tbody tr").count() == 1
    assert "Build the Kenya rail link" in page.locator("tbody").inner_text()
    page.go_back()

    page.locator(".stat", has_text="pledges made").click()
    page.wait_for_load_state()
    assert page.locator("tbody tr").count() == 4


def test_the_pledge_page_shows_each_signatory_and_saves_one_assessment(
    page, live_server, owner, joint_pledges, screenshot_dir
):
    pledge = joint_pledges[0]
    sign_in(page, live_server, "owner")
    page.goto(f"{live_server.url}{pledge.get_absolute_url()}")
    signatories = page.locator("#signatories")
    assert "United Kingdom" in signatories.inner_text() and "Kenya" in signatories.inner_text()
    india = PledgeParty.objects.get(commitment=pledge, party__name="India")
    row = page.locator(f"#signatory-{india.pk}")
    row.locator("summary").click()
    row.get_by_label("Status").select_option("partially_fulfilled")
    row.get_by_label("Note").fill("India delivered half of the rolling stock.")
    row.get_by_role("button", name="Save assessment").click()
    page.locator(f"#signatory-{india.pk} .saved").wait_for()
    assert "its own assessment" in page.locator(f"#signatory-{india.pk}").inner_text()
    assert "Assessment of India" in page.locator("#timeline").inner_text()
    page.screenshot(path=str(screenshot_dir / "pledge-signatories.png"), full_page=True)
