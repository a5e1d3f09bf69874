"""Phone-sized screens and keyboard use, in a real browser."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from commitments.models import Status, Topic
from tests.browser.signing_in import sign_in
from tests.factories import CommitmentFactory, ProgressUpdateFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def _pledges(owner) -> None:
    today = timezone.localdate()
    for i, status in enumerate([*Status] * 2):
        pledge = CommitmentFactory(
            owner=owner,
            title=f"Set up the joint working group on critical minerals supply chains {i}",
            actor="United Kingdom and the Republic of India",
            counterparty="The Government of the Republic of India",
            status=status,
            topic=list(Topic)[i % len(Topic)],
            due_date=today + timedelta(days=30 * i - 60),
        )
        ProgressUpdateFactory(commitment=pledge, author=owner, new_status=status)


def _page_width(page) -> tuple[int, int]:
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


@pytest.mark.parametrize(("who", "path"), [("manager", "/board/"), ("owner", "/commitments/")])
def test_no_page_scrolls_sideways_on_a_phone(
    new_page, live_server, owner, manager, who, path, screenshot_dir
):
    _pledges(owner)
    page = new_page(**PHONE)
    sign_in(page, live_server, {"owner": owner, "manager": manager}[who].username)
    for url in (path, "/", "/attention/"):
        page.goto(f"{live_server.url}{url}")
        page.wait_for_load_state()
        assert page.locator("nav[aria-label=Main]").count() == 1, f"not signed in at {url}"
        scroll_width, viewport = _page_width(page)
        if scroll_width > viewport:
            page.screenshot(path=screenshot_dir / f"phone{url.replace('/', '-')}.png")
        assert scroll_width <= viewport, f"{url} is {scroll_width}px wide on a {viewport}px screen"
    if path == "/board/":
        page.goto(f"{live_server.url}{path}")
        # The status chart's legend stays readable: its text is drawn at least 11px tall.
        heights = page.evaluate(
            "[...document.querySelectorAll('svg.chart text')]"
            ".filter(t => t.getClientRects().length)"
            ".map(t => t.getBoundingClientRect().height)"
        )
        assert heights and min(heights) >= 11, heights


def test_focus_returns_to_the_saved_row_with_its_status_announced(page, live_server, owner):
    pledge = CommitmentFactory(owner=owner, title="Open the trade office")
    sign_in(page, live_server, "owner")
    row = page.locator(f"#row-{pledge.pk}")
    row.get_by_label("Progress %").fill("40")
    row.get_by_label("Note").fill("Lease signed")
    row.get_by_role("button", name="Save").click()
    page.locator(f"#row-{pledge.pk} .saved").wait_for()
    # Focus moves once the swapped row has settled; a busy machine may take a moment.
    page.wait_for_function(
        "document.activeElement && document.activeElement.classList.contains('saved')",
        timeout=5000,
    )

    focused = page.evaluate(
        "[document.activeElement.className, document.activeElement.getAttribute('role'),"
        f" !!document.activeElement.closest('#row-{pledge.pk}')]"
    )
    assert focused == ["saved", "status", True]
    page.keyboard.press("Tab")
    # The next Tab stays in the row (its form), not back at "Skip to content".
    assert page.evaluate(f"!!document.activeElement.closest('#row-{pledge.pk}')")
    assert page.evaluate("document.activeElement.className") != "skip-link"
