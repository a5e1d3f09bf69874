"""The import's review step: every field editable, missed pledges added, and what it records."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from commitments.importing import read_bytes
from commitments.models import Commitment, ImportReview, Source, Topic
from commitments.services import SYSTEM, parties_seed, source_import
from tests.factories import SourceFactory, UserFactory
from tests.test_import_views import (
    HTMX,
    NO_JOB,
    SEED_TEXT,
    review_data,
    review_url,
    start_import,
)

pytestmark = pytest.mark.django_db


def missed_sentence(client, url: str) -> tuple[int, int, str]:
    """A sentence of the article that no proposal quotes: (start, end, its words)."""
    context = client.get(url).context
    body = context["article"].body
    taken = [(f.candidate.start, f.candidate.end) for f in context["candidate_forms"]]
    for value, _label in context["add_form"].fields["sentence"].choices[1:]:
        start, end = (int(n) for n in value.split("-"))
        if all(end <= s or start >= e for s, e in taken) and " will " in body[start:end]:
            return start, end, body[start:end]
    raise AssertionError("every sentence is already proposed")


def added_data(start: int, end: int, quote: str | None = None, **fields) -> dict[str, str]:
    """The add-a-pledge block as the page's script fills it from a selection."""
    data = {
        "add": "1",
        "add-start": str(start),
        "add-end": str(end),
        "add-quote": quote,
        "add-title": "Meet Jaishankar",
        "add-actor": "United Kingdom",
        "add-topic": Topic.DIPLOMACY,
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


# --- Who may review


def test_anonymous_users_cannot_add_or_save(client):
    url = review_url(NO_JOB)
    for response in (client.get(url), client.post(url, {"add": "1"})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_users_without_a_role_cannot_add_a_pledge(client, owner):
    client.force_login(owner)
    url = start_import(client)
    client.force_login(UserFactory(username="reader"))
    assert client.post(url, {"add": "1", "add-sentence": "0-10"}).status_code == 403


@pytest.mark.parametrize("persona", ["owner", "manager"])
def test_the_review_shows_every_field_the_cue_and_what_was_not_resolved(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    url = start_import(client)
    response = client.get(url)
    assert response.status_code == 200
    forms = response.context["candidate_forms"]
    for name in (
        "title",
        "actor",
        "counterparty",
        "topic",
        "amount",
        "currency",
        "due_date",
        "description",
        "owner",
    ):
        assert f'name="c1-{name}"' in response.text
    # Why each was proposed.
    assert f"Proposed for “{forms[0].candidate.cue}”" in response.text
    # A proposal with no due date says so.
    undated = next(f for f in forms if f.candidate.due_date is None)
    assert "no due date" in undated.unresolved()
    assert response.text.count('class="unresolved"') == sum(1 for f in forms if f.unresolved())
    # The add-a-pledge block lists the article's sentences for use without the script.
    assert 'name="add-sentence"' in response.text and "import-review.js" in response.text


# --- Editing proposals


def test_every_field_of_a_proposal_is_saved_and_the_edits_are_recorded(
    client, owner, other_analyst
):
    client.force_login(owner)
    url = start_import(client)
    data = review_data(client, url)
    proposed = sum(1 for key in data if key.endswith("-include"))
    del data["c2-include"]
    data.update(
        {
            "c1-title": "Develop defence trade",
            "c1-actor": "UK",
            "c1-counterparty": "Republic of India",
            "c1-topic": Topic.TRADE,
            "c1-amount": "12500000",
            "c1-currency": "gbp",
            "c1-due_date": "2023-06-30",
            "c1-description": "Talks in New Delhi.",
            "c1-owner": str(other_analyst.pk),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302
    source = Source.objects.get()
    first = source.commitments.order_by("quote_start").first()
    assert (first.title, first.actor, first.counterparty, first.topic) == (
        "Develop defence trade",
        "UK",
        "Republic of India",
        Topic.TRADE,
    )
    assert (first.amount, first.currency, first.due_date) == (
        Decimal("12500000.00"),
        "GBP",
        date(2023, 6, 30),
    )
    assert (first.description, first.owner) == ("Talks in New Delhi.", other_analyst)

    review = ImportReview.objects.get(source=source)
    assert (review.proposed, review.kept, review.unticked, review.added) == (
        proposed,
        proposed - 1,
        1,
        0,
    )
    assert (review.edited, review.key_edited, review.reviewed_by) == (1, 1, owner)
    assert review.edited_fields == {
        "title": 1,
        "actor": 1,
        "counterparty": 1,
        "topic": 1,
        "amount": 1,
        "due_date": 1,
    }


def test_an_untouched_review_records_every_proposal_kept_and_none_edited(client, manager):
    client.force_login(manager)
    url = start_import(client)
    data = review_data(client, url)
    proposed = sum(1 for key in data if key.endswith("-include"))
    client.post(url, data)
    review = ImportReview.objects.get()
    assert (review.proposed, review.kept, review.edited, review.unticked) == (
        proposed,
        proposed,
        0,
        0,
    )
    assert review.edited_fields == {} and review.reviewed_by == manager


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"c1-amount": "5000"}, "Give the amount&#x27;s currency"),
        ({"c1-currency": "US$", "c1-amount": "5"}, "three-letter code"),
        ({"c1-currency": "EUR"}, "Give the amount, or clear the currency."),
        ({"c1-amount": "-3", "c1-currency": "EUR"}, "greater than or equal to 0"),
    ],
)
def test_a_bad_amount_is_one_sentence_and_nothing_is_saved(client, owner, fields, message):
    client.force_login(owner)
    url = start_import(client)
    data = review_data(client, url)
    data.pop("c1-amount", None), data.pop("c1-currency", None)
    data.update(fields)
    response = client.post(url, data, **HTMX)
    assert response.status_code == 422
    assert message in response.text and "<html" not in response.text
    assert not Source.objects.exists() and not ImportReview.objects.exists()


def test_an_unticked_proposal_is_not_highlighted_and_can_be_ticked_back(client, owner):
    client.force_login(owner)
    url = start_import(client)
    data = review_data(client, url)
    del data["c2-include"]
    data["c1-actor"] = ""  # an error, so the page comes back with what was sent
    response = client.post(url, data, **HTMX)
    assert response.status_code == 422
    assert '<mark id="quote-2" class="unticked">' in response.text
    assert '<mark id="quote-1">' in response.text
    assert (
        'name="c2-include"' in response.text and 'id="id_c2-include" checked' not in response.text
    )
    # Ticked back and corrected, it is saved.
    data.update({"c2-include": "on", "c1-actor": "United Kingdom"})
    assert client.post(url, data).status_code == 302
    assert ImportReview.objects.get().unticked == 0


# --- Adding a pledge the extraction missed


@pytest.mark.parametrize("persona", ["owner", "manager"])
def test_add_a_missed_pledge_by_choosing_its_sentence_without_js(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    url = start_import(client)
    start, end, quote = missed_sentence(client, url)
    data = review_data(client, url)
    data.update(
        {
            "add": "1",
            "add-sentence": f"{start}-{end}",
            "add-actor": "United Kingdom",
            "add-topic": Topic.DIPLOMACY,
            "add-due_date": "2022-04-30",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "<html" in response.text and "added by hand" in response.text
    added = response.context["candidate_forms"][-1]
    assert added.added and added.candidate.quote == quote
    # The new pledge is highlighted in the article like the proposals.
    assert f'<mark id="quote-{added.number}">' in response.text

    save = review_data(client, url)  # the page as it now stands, the added pledge ticked
    response = client.post(url, save)
    assert response.status_code == 302
    source = Source.objects.get()
    pledge = source.commitments.get(quote_start=start)
    assert (pledge.quote, pledge.quote_end, pledge.actor) == (quote, end, "United Kingdom")
    assert pledge.due_date == date(2022, 4, 30)
    assert pledge.title == " ".join(quote.split())[:300]  # no title given: its words
    review = ImportReview.objects.get()
    assert review.added == 1
    assert review.kept + review.unticked == review.proposed


def test_add_a_missed_pledge_by_selecting_its_words_over_htmx(client, owner):
    client.force_login(owner)
    url = start_import(client)
    start, end, quote = missed_sentence(client, url)
    words = quote[: quote.index(" will ") + 5]
    data = review_data(client, url)
    data.update(added_data(start, start + len(words), words))
    response = client.post(url, data, **HTMX)
    assert response.status_code == 200
    assert "<html" not in response.text and 'id="import-step"' not in response.text
    assert f"“{words}”" in response.text and "added by hand" in response.text
    number = len(client.get(url).context["candidate_forms"])
    assert f"Pledge {number}</a> added: check its fields, then save." in response.text
    assert not Source.objects.exists()  # added to the review, not saved yet
    # A selection made and saved in one go is kept too.
    data = review_data(client, url)
    data.update(added_data(end - 10, end, quote[-10:], **{"add-title": "The tail"}))
    del data["add"]
    assert client.post(url, data, **HTMX).status_code == 200  # HX-Redirect to the source
    source = Source.objects.get()
    assert source.commitments.filter(quote=words, actor="United Kingdom").exists()
    assert source.commitments.filter(quote=quote[-10:], title="The tail").exists()
    assert ImportReview.objects.get().added == 2


@pytest.mark.parametrize(
    "tamper",
    [
        lambda start, end, quote: (start + 1, end, quote),
        lambda start, end, quote: (start, end, quote.upper()),
        lambda start, end, quote: (start, 10**6, quote),
    ],
)
def test_a_tampered_selection_is_refused_and_nothing_is_added(client, owner, tamper):
    client.force_login(owner)
    url = start_import(client)
    start, end, quote = missed_sentence(client, url)
    data = review_data(client, url)
    data.update(added_data(*tamper(start, end, quote)))
    response = client.post(url, data, **HTMX)
    assert response.status_code == 422
    assert "The selected words are not the article&#x27;s at these offsets" in response.text
    assert "added by hand" not in response.text
    # Nor does a save carry it in.
    del data["add"]
    assert client.post(url, data).status_code == 422
    assert not Source.objects.exists()
    assert not any(f.added for f in client.get(url).context["candidate_forms"])


def test_adding_needs_words_and_an_actor(client, owner):
    client.force_login(owner)
    url = start_import(client)
    response = client.post(url, {"add": "1", "add-topic": Topic.OTHER}, **HTMX)
    assert response.status_code == 422
    assert "Select the pledge&#x27;s words in the article, or choose its sentence" in response.text
    start, end, _quote = missed_sentence(client, url)
    response = client.post(url, {"add": "1", "add-sentence": f"{start}-{end}", "add-topic": "x"})
    assert response.status_code == 422
    assert "Select a valid choice" in response.text
    response = client.post(
        url, {"add": "1", "add-sentence": f"{start}-{end}", "add-topic": Topic.OTHER}
    )
    assert "Give who pledged, or untick this pledge." in response.text


def test_a_tampered_span_of_an_added_pledge_is_refused_on_save(client, owner):
    client.force_login(owner)
    url = start_import(client)
    start, end, quote = missed_sentence(client, url)
    data = review_data(client, url)
    data.update(added_data(start, end, quote))
    client.post(url, data)
    data = review_data(client, url)
    data["h1-end"] = str(end + 3)
    response = client.post(url, data)
    assert response.status_code == 422
    number = len(client.get(url).context["candidate_forms"])
    assert f"Pledge {number}&#x27;s quote does not match the article" in response.text
    assert not Source.objects.exists() and not ImportReview.objects.exists()


def test_a_proposed_pledge_cannot_be_added_twice(client, owner):
    client.force_login(owner)
    url = start_import(client)
    first = client.get(url).context["candidate_forms"][0].candidate
    data = review_data(client, url)
    data.update(added_data(first.start, first.end, first.quote))
    response = client.post(url, data, **HTMX)
    assert response.status_code == 422
    assert "These words are already a pledge on this page" in response.text


def test_adding_keeps_what_was_typed_in_the_proposals(client, owner):
    client.force_login(owner)
    url = start_import(client)
    start, end, quote = missed_sentence(client, url)
    data = review_data(client, url)
    data["c1-title"] = "Typed before adding"
    data.update(added_data(start, end, quote))
    response = client.post(url, data, **HTMX)
    assert 'value="Typed before adding"' in response.text
    # The add block is empty again, ready for the next one.
    assert re.search(r'name="add-quote"[^>]*value=', response.text) is None


# --- The quality loop on the board and in the admin


def _review(days_ago: int, **counts) -> ImportReview:
    values = {"proposed": 10, "kept": 8, "unticked": 2, "edited": 3, "key_edited": 2, "added": 1}
    values.update(counts)
    return ImportReview.objects.create(
        source=SourceFactory(),
        reviewed_at=timezone.now() - timedelta(days=days_ago),
        edited_fields={"actor": 2, "title": 1},
        **values,
    )


def test_the_board_shows_the_last_30_days_of_reviews(client, manager):
    _review(1)
    _review(29, proposed=10, kept=2, key_edited=0, added=3)
    _review(31, proposed=100, kept=0, key_edited=0, added=50)  # too old to count
    client.force_login(manager)
    response = client.get(reverse("commitments:board"))
    assert response.status_code == 200
    panel = response.text[response.text.index('id="import-quality"') :]
    panel = panel[: panel.index("</section>")]
    assert '50% <span class="muted">10 of 20</span>' in panel  # proposals kept
    assert '20% <span class="muted">2 of 10</span>' in panel  # kept with key fields fixed
    assert '4 <span class="muted">in 2 articles</span>' in panel  # added by hand
    # Field by field: each of the two recent reviews corrected 2 actors.
    assert 'Actor corrected</dt><dd>40% <span class="muted">4 of 10</span>' in panel
    assert 'Due date corrected</dt><dd>0% <span class="muted">0 of 10</span>' in panel


def test_the_board_says_when_there_were_no_reviews(client, manager):
    client.force_login(manager)
    response = client.get(reverse("commitments:board"))
    assert "No article was imported through the review in the last 30 days." in response.text


def test_analysts_and_strangers_do_not_see_the_board(client, owner):
    assert client.get(reverse("commitments:board"))["Location"].startswith(reverse("login"))
    client.force_login(owner)
    assert client.get(reverse("commitments:board")).status_code == 403


@pytest.mark.parametrize("reviews", [1, 12])
def test_board_queries_do_not_grow_with_reviews(
    client, manager, reviews, django_assert_num_queries
):
    for days in range(reviews):
        _review(days)
    client.force_login(manager)
    # session, user (with their roles), the data version, the board's seven queries, the import
    # reviews' totals, by party (the parties, their grouped pass, their money records and
    # pledge amounts), the tracking counts, money records and pledge amounts by currency,
    # the header attention count
    with django_assert_num_queries(19):
        response = client.get(reverse("commitments:board"))
    assert response.context["board"].import_quality.imports == reviews


def test_the_admin_lists_each_import_review(client, staff, owner):
    review = _review(2)
    client.force_login(staff)
    response = client.get(reverse("admin:commitments_importreview_changelist"))
    assert response.status_code == 200
    assert review.source.title in response.text and "actor ×2, title ×1" in response.text
    assert client.get(reverse("admin:commitments_importreview_add")).status_code == 403
    client.force_login(owner)
    assert client.get(reverse("admin:commitments_importreview_changelist")).status_code == 302


def test_a_plain_import_records_no_review(owner):
    article = read_bytes(SEED_TEXT.encode("utf-8"))
    source_import(article=article, candidates=[], user=owner)
    assert Source.objects.count() == 1 and not ImportReview.objects.exists()
    assert not Commitment.objects.exists()


SHORT_TEXT = "date 2022-03-31\n\nJapan will fund a new port in Kenya by 2025."


@pytest.mark.parametrize("text", [SHORT_TEXT, SEED_TEXT])
def test_review_queries_do_not_grow_with_proposals(client, owner, text, django_assert_num_queries):
    client.force_login(owner)
    url = start_import(client, text)
    # session, user (with their roles), the import job, owner choices, the header attention
    # count; the tracked pledges the article may be about (the search's ids and those linked to
    # two of its parties; none are tracked here, so no pledges to load) and the suggestions
    # turned down
    with django_assert_num_queries(8):
        response = client.get(url)
    assert response.context["candidate_forms"]
    data = review_data(client, url)
    parties_seed(user=SYSTEM)  # as the migration leaves it, whatever flushed the table since
    # session, user (with their roles), the import job, owner choices, the matching (search,
    # pledges linked to two of its parties, turned-down suggestions), the chosen owners; then the
    # job's save in a transaction (savepoint) holding the import's own (savepoint): is the
    # article already in, are the owners assignable, inserts of the source, its pledges (one
    # bulk insert), the parties, inserts of the pledges' parties (one bulk insert) and its
    # review record, release; the job deleted, release. The session is no longer written:
    # the article is not in it.
    with django_assert_num_queries(20):
        response = client.post(url, data)
    assert response.status_code == 302
