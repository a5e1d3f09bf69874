from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from commitments.models import Source
from tests.browser.signing_in import sign_in
from tests.factories import AnalystFactory

SEED = Path(__file__).resolve().parents[2] / "data/articles/2022-03-31-truss-india-visit.txt"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_paste_untick_save_and_land_on_the_highlighted_source(live_server, page, screenshot_dir):
    AnalystFactory(username="asha")
    sign_in(page, live_server, "asha")
    page.goto(live_server.url + reverse("commitments:import_start"))

    page.fill("textarea[name=text]", SEED.read_text(encoding="utf-8"))
    page.click("button:has-text('Find the pledges')")
    # htmx swaps the review into the page and pushes its address.
    page.wait_for_selector("#import-step mark")
    assert "/import/" in page.url and page.url.rstrip("/") != (
        live_server.url + reverse("commitments:import_start")
    ).rstrip("/")
    proposed = page.locator("fieldset.candidate").count()
    assert proposed >= 2
    page.uncheck("input[name=c2-include]")
    page.screenshot(path=str(screenshot_dir / "import-review.png"), full_page=True)

    page.click("button:has-text('Save the article')")
    page.wait_for_url("**/sources/*/")
    source = Source.objects.get()
    assert page.url.endswith(reverse("commitments:source_detail", args=[source.pk]))
    kept = list(source.commitments.all())
    assert len(kept) == proposed - 1
    marks = page.locator(".article-body mark a")
    assert marks.count() == len(kept)
    first = kept[0]
    link = page.locator(f"mark#q-{first.pk} a")
    assert link.get_attribute("href") == first.get_absolute_url()
    assert link.inner_text() == first.quote
    assert "pledges" in page.locator(".messages").inner_text()
    page.screenshot(path=str(screenshot_dir / "import-source.png"), full_page=True)
