"""What a person sees in a real browser: inline updates, filters and history, conflicts, board."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from commitments.models import Commitment, Status, Topic
from tests.browser.signing_in import sign_in
from tests.factories import CommitmentFactory, ProgressUpdateFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def mark_window(page) -> None:
    """A marker that only survives if the page is never reloaded."""
    page.evaluate("window.__noReload = 'still here'")


def assert_no_reload(page) -> None:
    assert page.evaluate("window.__noReload") == "still here"


def test_analyst_updates_inline_without_page_load(page, live_server, owner):
    today = timezone.localdate()
    late = CommitmentFactory(
        owner=owner, title="Open the trade office", due_date=today - timedelta(days=4)
    )
    CommitmentFactory(owner=owner, title="Later pledge", due_date=today + timedelta(days=90))
    sign_in(page, live_server, "owner")
    assert page.url == f"{live_server.url}/"
    row = page.locator(f"#row-{late.pk}")
    counts = page.locator("#queue-counts")
    assert counts.locator("[data-count=overdue]").inner_text() == "1"
    assert page.locator("#attention-badge .count").inner_text() == "1"
    mark_window(page)

    row.get_by_label("Status").select_option("fulfilled")
    row.get_by_label("Progress %").fill("100")
    row.get_by_label("Note").fill("Office opened on Monday")
    row.get_by_role("button", name="Save").click()

    page.locator(f"#row-{late.pk} .saved").wait_for()
    assert "Saved: Fulfilled, 100%" in page.locator(f"#row-{late.pk}").inner_text()
    assert "Fulfilled" in page.locator(f"#row-{late.pk} .badge").inner_text()
    assert counts.locator("[data-count=overdue]").inner_text() == "0"
    assert counts.locator("[data-count=open]").inner_text() == "1"
    assert page.locator("#attention-badge .count").inner_text() == "0"
    assert_no_reload(page)

    # The pledge page's form adds to the timeline and refreshes the summary in place.
    page.get_by_role("link", name="Later pledge").click()
    page.wait_for_load_state()
    mark_window(page)
    page.get_by_label("Progress (%)").fill("35")
    page.get_by_label("Note").fill("Budget line agreed")
    page.get_by_role("button", name="Save update").click()
    page.locator("#update-form .saved").wait_for()
    first_entry = page.locator("#timeline li").first
    assert "Budget line agreed" in first_entry.inner_text()
    assert "0% → 35%" in first_entry.inner_text()
    assert "35%" in page.locator("#summary").inner_text()
    assert page.locator("#timeline-empty").count() == 0
    assert_no_reload(page)

    # Closing without a note is refused in place.
    page.get_by_label("Status").select_option("broken")
    page.get_by_role("button", name="Save update").click()
    page.get_by_text("a note is required").wait_for()
    assert Commitment.objects.get(title="Later pledge").status == Status.NOT_STARTED
    assert_no_reload(page)


def test_filter_list_and_back_button(page, live_server, owner):
    CommitmentFactory(title="Defence pact", topic=Topic.DEFENCE, actor="France")
    CommitmentFactory(
        title="Defence drills", topic=Topic.DEFENCE, actor="India", status=Status.STALLED
    )
    CommitmentFactory(title="Trade deal", topic=Topic.TRADE, actor="India")
    sign_in(page, live_server, "owner")
    page.goto(f"{live_server.url}/commitments/")
    results = page.locator("#results")
    assert "3 pledges" in results.inner_text()
    mark_window(page)

    page.get_by_label("Search").fill("defence")
    page.wait_for_url(re.compile(r"q=defence"))
    page.get_by_text("2 pledges match these filters").wait_for()
    page.get_by_label("Status", exact=True).select_option("stalled")
    page.wait_for_url(re.compile(r"status=stalled"))
    page.get_by_text("1 pledge matches these filters").wait_for()
    assert "Defence drills" in results.inner_text()
    assert_no_reload(page)

    page.go_back()
    page.wait_for_url(re.compile(r"q=defence(?!.*status=stalled)"))
    page.get_by_text("2 pledges match these filters").wait_for()
    assert page.get_by_label("Search").input_value() == "defence"
    page.go_back()
    page.wait_for_url(f"{live_server.url}/commitments/")
    page.get_by_text("3 pledges").wait_for()
    assert page.get_by_label("Search").input_value() == ""

    page.get_by_label("Search").fill("nothing of the sort")
    page.get_by_text("No pledges match these filters").wait_for()


def test_conflict_seen_from_two_browsers(new_page, live_server, owner, manager, screenshot_dir):
    pledge = CommitmentFactory(
        owner=owner,
        title="Double the scholarships",
        amount=5000000,
        currency="GBP",
        due_text="by the end of next year",
        due_date=timezone.localdate() + timedelta(days=200),
    )
    ProgressUpdateFactory(commitment=pledge, author=owner, note="Ministry confirmed the plan.")
    analyst_page, manager_page = new_page(), new_page()
    sign_in(analyst_page, live_server, "owner")
    sign_in(manager_page, live_server, "boss")
    url = f"{live_server.url}{pledge.get_absolute_url()}"
    analyst_page.goto(url)
    manager_page.goto(url)

    manager_page.get_by_label("Progress (%)").fill("50")
    manager_page.get_by_label("Note").fill("Half the places funded")
    manager_page.get_by_role("button", name="Save update").click()
    manager_page.locator("#update-form .saved").wait_for()

    mark_window(analyst_page)
    analyst_page.get_by_label("Status").select_option("stalled")
    analyst_page.get_by_label("Progress (%)").fill("20")
    analyst_page.get_by_label("Note").fill("Treasury froze the budget")
    analyst_page.get_by_role("button", name="Save update").click()
    conflict = analyst_page.locator("#update-form .conflict")
    conflict.wait_for()
    text = conflict.inner_text()
    assert f"{manager.get_full_name()} saved a change to this pledge" in text
    assert "progress 0% → 50%" in text and "Half the places funded" in text
    # What the analyst typed is still there, and the summary shows the manager's change.
    assert analyst_page.get_by_label("Note").input_value() == "Treasury froze the budget"
    assert analyst_page.get_by_label("Progress (%)").input_value() == "20"
    assert "50%" in analyst_page.locator("#summary").inner_text()
    pledge.refresh_from_db()
    assert (pledge.progress, pledge.updates.count()) == (50, 2)  # seeded entry + manager
    analyst_page.screenshot(path=str(screenshot_dir / "pledge-conflict.png"), full_page=True)

    analyst_page.get_by_role("button", name="Apply mine again").click()
    analyst_page.locator("#update-form .saved").wait_for()
    assert "Treasury froze the budget" in analyst_page.locator("#timeline li").first.inner_text()
    assert_no_reload(analyst_page)
    pledge.refresh_from_db()
    assert (pledge.status, pledge.progress, pledge.updates.count()) == (Status.STALLED, 20, 3)
    analyst_page.screenshot(path=str(screenshot_dir / "pledge.png"), full_page=True)


def test_manager_follows_board_number(page, live_server, manager, owner, screenshot_dir):
    today = timezone.localdate()
    for i, topic in enumerate([Topic.DEFENCE, Topic.TRADE, Topic.CLIMATE, Topic.HEALTH] * 3):
        CommitmentFactory(
            title=f"Pledge {i}",
            owner=owner if i % 2 else None,
            topic=topic,
            actor=["United Kingdom", "India", "France"][i % 3],
            status=list(Status)[i % 7],
            due_date=today + timedelta(days=(i * 9) - 40),
        )
    sign_in(page, live_server, "boss")
    assert page.url == f"{live_server.url}/board/"
    page.screenshot(path=str(screenshot_dir / "board.png"), full_page=True)
    overdue = page.locator(".stat-row .stat", has_text="overdue")
    expected = overdue.locator(".stat-n").inner_text()
    overdue.click()
    page.wait_for_url(re.compile(r"/commitments/\?overdue=yes"))
    assert f"{expected} pledge" in page.locator(".results-count").inner_text()
    assert page.locator("#id_overdue").input_value() == "yes"
