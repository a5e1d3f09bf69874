"""The copy buttons on "Feeds and calendars", with and without JavaScript."""

from __future__ import annotations

import pytest

from commitments.models import FeedToken
from tests.browser.signing_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_copy_puts_the_feed_address_on_the_clipboard(page, live_server, owner):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    sign_in(page, live_server, "owner")
    page.get_by_role("link", name="Feeds and calendars").click()
    page.wait_for_url(f"{live_server.url}/feeds/")

    address = page.get_by_label("Feed address").input_value()
    assert FeedToken.objects.get(user=owner).token in address
    page.get_by_role("button", name="Copy").first.click()

    page.get_by_text("Copied.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == address


def test_without_javascript_the_addresses_are_there_to_copy_by_hand(browser, live_server, owner):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        sign_in(page, live_server, "owner")
        page.goto(f"{live_server.url}/feeds/")
        token = FeedToken.objects.get(user=owner).token
        assert token in page.get_by_label("Feed address").input_value()
        assert token in page.get_by_label("Calendar address").input_value()
        assert not page.get_by_role("button", name="Copy").first.is_visible()

        page.get_by_role("button", name="Make new links").click()
        page.wait_for_url(f"{live_server.url}/feeds/")
        page.get_by_text("The old ones no longer work").wait_for()
        assert token not in page.get_by_label("Feed address").input_value()
    finally:
        context.close()
