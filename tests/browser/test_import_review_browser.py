from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from commitments.models import ImportReview, Source
from tests.browser.signing_in import sign_in
from tests.factories import AnalystFactory

SEED = Path(__file__).resolve().parents[2] / "data/articles/2022-03-31-truss-india-visit.txt"
MISSED = "The British Foreign Secretary will meet External Affairs Minister S Jaishankar"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Scroll `words` of the article into view; the screen rectangles of its first and last character.
EDGES = """(words) => {
  const body = document.querySelector(".article-body");
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(words);
    if (at < 0) continue;
    const whole = document.createRange();
    whole.setStart(node, at);
    whole.setEnd(node, at + words.length);
    window.scrollBy(0, whole.getBoundingClientRect().y - window.innerHeight / 2);
    const rect = (from, to) => {
      const range = document.createRange();
      range.setStart(node, from);
      range.setEnd(node, to);
      const r = range.getBoundingClientRect();
      return {x: r.x, y: r.y, width: r.width, height: r.height};
    };
    return [rect(at, at + 1), rect(at + words.length - 1, at + words.length)];
  }
  return null;
}"""


def test_add_a_missed_pledge_by_selecting_its_words_and_edit_a_proposal(
    live_server, page, screenshot_dir
):
    AnalystFactory(username="asha")
    sign_in(page, live_server, "asha")
    page.goto(live_server.url + reverse("commitments:import_start"))
    page.fill("textarea[name=text]", SEED.read_text(encoding="utf-8"))
    page.click("button:has-text('Find the pledges')")
    page.wait_for_selector("#import-step mark")
    proposed = page.locator("fieldset.candidate").count()

    # Unticking a proposal takes its highlight off; ticking it back puts it on again.
    page.uncheck("input[name=c2-include]")
    assert "unticked" in page.locator("#quote-2").get_attribute("class")
    page.check("input[name=c2-include]")
    assert "unticked" not in (page.locator("#quote-2").get_attribute("class") or "")

    # Select the missed pledge's words with the mouse, as a reader would.
    first, last = page.evaluate(EDGES, MISSED)
    page.mouse.move(first["x"] + 1, first["y"] + first["height"] / 2)
    page.mouse.down()
    page.mouse.move(last["x"] + last["width"] - 1, last["y"] + last["height"] / 2, steps=8)
    page.mouse.up()
    assert page.locator("#add-selection span").inner_text() == MISSED
    page.screenshot(path=str(screenshot_dir / "import-review-selection.png"))
    page.fill("input[name=add-title]", "Meet Jaishankar")
    page.fill("input[name=add-actor]", "United Kingdom")
    page.select_option("select[name=add-topic]", "diplomacy")
    page.click("button:has-text('Add this pledge')")
    added = page.locator("fieldset.candidate.added")
    added.wait_for()
    assert MISSED in added.locator("blockquote").inner_text()
    assert page.locator("fieldset.candidate").count() == proposed + 1

    # Edit a field of a proposal, then save everything.
    page.fill("input[name=c1-actor]", "Britain")
    page.fill("input[name=c1-amount]", "5000000")
    page.fill("input[name=c1-currency]", "GBP")
    page.screenshot(path=str(screenshot_dir / "import-review-added.png"), full_page=True)
    page.click("button:has-text('Save the article')")
    page.wait_for_url("**/sources/*/")

    source = Source.objects.get()
    pledge = source.commitments.get(quote=MISSED)
    assert (pledge.title, pledge.actor, pledge.topic) == (
        "Meet Jaishankar",
        "United Kingdom",
        "diplomacy",
    )
    assert source.body[pledge.quote_start : pledge.quote_end] == MISSED
    edited = source.commitments.get(actor="Britain")
    assert (edited.amount, edited.currency) == (5000000, "GBP")
    review = ImportReview.objects.get(source=source)
    assert (review.proposed, review.kept, review.added) == (proposed, proposed, 1)
    assert review.edited_fields == {"actor": 1, "amount": 1}
    assert page.locator(f"mark#q-{pledge.pk} a").inner_text() == MISSED
