"""An analyst makes a token in the browser, records progress through the API with it, and the
pledge page shows it; the API's docs run from the site's own files under its CSP."""

from __future__ import annotations

import pytest

from tests.browser.signing_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_progress_recorded_with_a_token_shows_on_the_pledge_page(page, live_server, commitment):
    sign_in(page, live_server, "owner")
    page.get_by_role("link", name="API tokens").click()
    page.wait_for_url(f"{live_server.url}/tokens/")
    page.get_by_label("What it is for").fill("Field notes sync")
    page.get_by_role("button", name="Make token").click()
    secret = page.get_by_label("Token", exact=True).input_value()
    assert secret.startswith("ct_")

    response = page.request.post(
        f"{live_server.url}/api/v1/pledges/{commitment.pk}/progress",
        headers={"Authorization": f"Bearer {secret}"},
        data={"version": commitment.version, "progress": 35, "note": "Contract signed in Delhi"},
    )
    assert response.status == 200, response.text()

    page.goto(f"{live_server.url}/commitments/{commitment.pk}/")
    page.get_by_text("Contract signed in Delhi").first.wait_for()
    assert "35%" in page.content()


def test_the_docs_run_without_any_other_site(page, live_server):
    elsewhere: list[str] = []

    def only_ours(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_ours)
    page.goto(f"{live_server.url}/api/v1/docs")

    page.get_by_text("List pledges").first.wait_for()
    assert page.get_by_text("/api/v1/pledges/{pk}/progress").first.is_visible()
    assert elsewhere == []
