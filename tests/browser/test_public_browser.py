"""A manager publishes a pledge and a reader, not signed in, sees it on the public site."""

from __future__ import annotations

import pytest

from tests.browser.signing_in import sign_in
from tests.factories import CommitmentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_publishes_and_a_reader_sees_it(new_page, live_server, manager, settings):
    settings.PUBLIC_CACHE_SECONDS = 60  # the reader's first visit is cached; publishing empties it
    pledge = CommitmentFactory(title="Open twelve rural clinics")
    reader = new_page()
    reader.goto(f"{live_server.url}/p/")
    reader.get_by_text("0 public pledges").wait_for()

    staff = new_page()
    sign_in(staff, live_server, manager.username)
    staff.get_by_role("link", name="Publishing").click()
    staff.get_by_role("link", name="Open twelve rural clinics").click()
    staff.get_by_label("Public reason for the status (one line)").fill(
        "The health ministry has not named the sites yet."
    )
    staff.get_by_role("button", name="Publish").click()
    staff.get_by_text("Published: the public site shows the pledge").wait_for()

    reader.reload()
    reader.get_by_text("1 public pledge,").wait_for()
    reader.get_by_role("link", name="All pledges", exact=True).click()
    reader.get_by_role("link", name="Open twelve rural clinics").click()
    reader.wait_for_url(f"{live_server.url}/p/pledges/{pledge.pk}/")
    reader.get_by_text("The health ministry has not named the sites yet.", exact=True).wait_for()
    assert reader.context.cookies() == []

    reader.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    reader.get_by_role("button", name="Copy the snippet").click()
    reader.get_by_text("Copied.").wait_for()
    snippet = reader.evaluate("navigator.clipboard.readText()")
    assert f"/p/embed/pledge/{pledge.pk}/" in snippet

    reader.goto(f"{live_server.url}/p/embed/pledge/{pledge.pk}/")
    reader.get_by_text("Open twelve rural clinics").wait_for()
