from __future__ import annotations

import re
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commitments.importing import read_bytes
from commitments.models import Commitment, ImportJob, Source, Topic
from tests.factories import CommitmentFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parent.parent / "data/articles/2022-03-31-truss-india-visit.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
START = reverse("commitments:import_start")
HTMX = {"HTTP_HX_REQUEST": "true"}


def review_url(job_id: uuid.UUID | str) -> str:
    return reverse("commitments:import_review", args=[job_id])


NO_JOB = uuid.UUID(int=1)


def start_import(client, text: str = SEED_TEXT, **extra) -> str:
    """Step 1 without JS; returns the review page's URL."""
    response = client.post(START, {"text": text, **extra})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def review_data(client, url: str) -> dict[str, str]:
    """The review form as the browser would submit it untouched."""
    form = client.get(url).context["candidate_forms"]
    review = client.get(url).context["review"]
    data = {
        "title": review.initial["title"],
        "published_on": review.initial["published_on"].isoformat(),
    }
    for f in form:
        for name, value in f.initial.items():
            if value is None or value is False:
                continue
            key = f.add_prefix(name)
            data[key] = "on" if value is True else str(value)
    return data


# --- Who may import


def test_anonymous_users_are_sent_to_sign_in(client):
    for url in (START, review_url(NO_JOB)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["owner", "manager"])
def test_analysts_and_managers_see_the_import_form(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(START)
    assert response.status_code == 200
    assert "<html" in response.text
    assert 'name="text"' in response.text and 'name="file"' in response.text
    assert f'hx-post="{START}"' in response.text


def test_users_without_a_role_are_refused(client):
    client.force_login(UserFactory(username="reader"))
    assert client.get(START).status_code == 403
    assert client.post(START, {"text": SEED_TEXT}).status_code == 403
    assert client.post(review_url(NO_JOB), {}).status_code == 403
    assert not Source.objects.exists()


def test_wrong_methods_are_refused(client, owner):
    client.force_login(owner)
    assert client.delete(START).status_code == 405
    assert client.put(review_url(NO_JOB)).status_code == 405


# --- Step 1: the article


def test_paste_then_review_without_js(client, owner):
    client.force_login(owner)
    url = start_import(client)
    response = client.get(url)
    assert response.status_code == 200
    forms = response.context["candidate_forms"]
    assert forms
    # Every candidate's quote is highlighted in the article and linked to its row.
    marks = re.findall(r'<mark id="quote-(\d+)"><a href="#candidate-\1"', response.text)
    assert len(marks) == len(forms)
    assert "70 million" in response.text
    assert not Source.objects.exists()  # nothing is written before the user saves


def test_htmx_step_one_swaps_in_the_review_and_pushes_its_url(client, manager):
    client.force_login(manager)
    response = client.post(START, {"text": SEED_TEXT}, **HTMX)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "<mark" in response.text and 'name="c1-include"' in response.text
    job = ImportJob.objects.get()
    assert job.sha256 == read_bytes(SEED_TEXT.encode("utf-8")).sha256
    assert response["HX-Push-Url"] == review_url(job.pk)


def test_upload_a_file_with_details(client, owner):
    client.force_login(owner)
    upload = SimpleUploadedFile("truss.txt", SEED_TEXT.encode("utf-8"), "text/plain")
    response = client.post(
        START,
        {
            "file": upload,
            "title": "Truss in India",
            "publisher": "Example Times",
            "url": "https://example.org/truss",
        },
    )
    assert response.status_code == 302
    review = client.get(response["Location"])
    assert review.context["review"].initial["title"] == "Truss in India"
    assert "Example Times" in review.text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "   "}, "Paste the article&#x27;s text or upload a file."),
        ({"text": "Japan will send aid to Kenya."}, "No publication date"),
        ({"text": "Japan will send aid.", "published_on": "2999-01-01"}, "in the future"),
        ({"text": "Japan will send aid.", "published_on": "31/31/2020"}, "Enter a valid date"),
    ],
)
def test_bad_input_is_one_sentence_on_the_form(client, owner, data, message):
    client.force_login(owner)
    response = client.post(START, data)
    assert response.status_code == 422
    assert message in response.text
    assert "<html" in response.text
    htmx = client.post(START, data, **HTMX)
    assert htmx.status_code == 422  # swapped in place: see htmx-config in base.html
    assert message in htmx.text and "<html" not in htmx.text
    assert not Source.objects.exists()


def test_text_and_file_together_are_refused(client, owner):
    client.force_login(owner)
    upload = SimpleUploadedFile("a.txt", b"date 2022-01-01\n\nThe UK will act.")
    response = client.post(START, {"text": SEED_TEXT, "file": upload})
    assert "Paste the text or upload a file, not both." in response.text


def test_binary_and_oversize_uploads_are_refused(client, owner, settings):
    client.force_login(owner)
    binary = SimpleUploadedFile("x.pdf", b"%PDF-1.4\x00\x01\x02" + bytes(range(256)) * 8)
    assert "binary" in client.post(START, {"file": binary}).text
    settings.IMPORT_MAX_BYTES = 1024
    big = SimpleUploadedFile("big.txt", b"date 2022-01-01\n\n" + b"The UK will act. " * 100)
    assert "larger than 1 KB" in client.post(START, {"file": big}).text
    assert not Source.objects.exists()


def test_an_imported_article_goes_straight_to_its_source(client, owner):
    client.force_login(owner)
    url = start_import(client)
    client.post(url, review_data(client, url))
    source = Source.objects.get()
    response = client.post(START, {"text": SEED_TEXT})
    assert response.status_code == 302
    assert response["Location"] == reverse("commitments:source_detail", args=[source.pk])
    assert Source.objects.count() == 1


# --- Step 2: review and save


def test_save_keeps_the_ticked_pledges_with_their_edits(client, owner, other_analyst):
    client.force_login(owner)
    url = start_import(client)
    data = review_data(client, url)
    count = sum(1 for key in data if key.endswith("-include"))
    assert count >= 2
    del data["c2-include"]  # untick the second
    data.update(
        {
            "title": "Truss visits India",
            "c1-title": "Deepen defence trade",
            "c1-actor": "United Kingdom",
            "c1-topic": Topic.TRADE,
            "c1-due_date": "2022-12-31",
            "c1-owner": str(other_analyst.pk),
        }
    )
    response = client.post(url, data)
    source = Source.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("commitments:source_detail", args=[source.pk])
    assert source.title == "Truss visits India" and source.imported_by == owner
    pledges = list(source.commitments.order_by("quote_start"))
    assert len(pledges) == count - 1
    first = pledges[0]
    assert (first.title, first.actor, first.topic) == (
        "Deepen defence trade",
        "United Kingdom",
        Topic.TRADE,
    )
    assert (first.due_date, first.owner) == (date(2022, 12, 31), other_analyst)
    # An analyst importing owns the rest by default.
    assert {p.owner for p in pledges[1:]} == {owner}
    for pledge in pledges:
        assert source.body[pledge.quote_start : pledge.quote_end] == pledge.quote
    # The pending article is gone: the review page now sends the user back to step 1.
    assert client.get(url)["Location"] == START


def test_htmx_save_redirects_the_browser_to_the_source(client, manager):
    client.force_login(manager)
    url = start_import(client)
    response = client.post(url, review_data(client, url), **HTMX)
    source = Source.objects.get()
    assert response["HX-Redirect"] == reverse("commitments:source_detail", args=[source.pk])
    # A manager hands work out: nothing is owned until assigned.
    assert set(source.commitments.values_list("owner", flat=True)) == {None}


def test_a_tampered_quote_span_is_refused_and_nothing_is_saved(client, owner):
    client.force_login(owner)
    url = start_import(client)
    data = review_data(client, url)
    data["c1-start"] = str(int(data["c1-start"]) + 5)
    response = client.post(url, data)
    assert response.status_code == 422
    assert "Pledge 1&#x27;s quote does not match the article" in response.text
    assert not Source.objects.exists()
    assert not Commitment.objects.exists()


def test_review_errors_are_shown_and_nothing_is_saved(client, owner):
    client.force_login(owner)
    url = start_import(client)
    data = review_data(client, url)
    data["c1-actor"] = " "
    data["published_on"] = (date.today() + timedelta(days=3)).isoformat()
    response = client.post(url, data, **HTMX)
    assert response.status_code == 422
    assert "<html" not in response.text
    assert "Give who pledged, or untick this pledge." in response.text
    assert "is in the future" in response.text
    assert not Source.objects.exists()


def test_an_owner_without_a_role_is_refused(client, owner):
    client.force_login(owner)
    url = start_import(client)
    data = review_data(client, url)
    data["c1-owner"] = str(UserFactory(username="reader").pk)
    response = client.post(url, data)
    assert response.status_code == 422
    assert not Source.objects.exists()


def test_another_users_pending_import_is_not_theirs(client, owner, other_analyst):
    client.force_login(owner)
    url = start_import(client)
    client.force_login(other_analyst)
    response = client.post(url, {"title": "x"})
    assert response.status_code == 302 and response["Location"] == START
    assert not Source.objects.exists()


# --- The source page


def test_source_page_highlights_every_quote_and_links_it(client, owner):
    source = SourceFactory(body="Intro <b>bold</b> & more. The UK will fund it. India will host.")
    first = CommitmentFactory(
        source=source, quote="The UK will fund it.", quote_start=26, quote_end=46
    )
    second = CommitmentFactory(
        source=source, quote="India will host.", quote_start=47, quote_end=63
    )
    client.force_login(UserFactory(username="reader"))  # any signed-in user may read
    response = client.get(reverse("commitments:source_detail", args=[source.pk]))
    assert response.status_code == 200
    for pledge in (first, second):
        assert (
            f'<mark id="q-{pledge.pk}"><a href="{pledge.get_absolute_url()}" '
            f'title="{pledge.title}">{pledge.quote}</a></mark>'
        ) in response.text
    assert "Intro &lt;b&gt;bold&lt;/b&gt; &amp; more." in response.text


def test_source_page_for_anonymous_unknown_and_wrong_method(client, owner):
    source = SourceFactory()
    url = reverse("commitments:source_detail", args=[source.pk])
    assert client.get(url)["Location"].startswith(reverse("login"))
    client.force_login(owner)
    assert client.get(reverse("commitments:source_detail", args=[source.pk + 1])).status_code == 404
    assert client.post(url).status_code == 405


@pytest.mark.parametrize("pledges", [1, 8])
def test_source_page_queries_do_not_grow_with_pledges(
    client, manager, pledges, django_assert_num_queries
):
    source = SourceFactory(body="x" * 2000)
    for number in range(pledges):
        CommitmentFactory(
            source=source, owner=manager, quote="x" * 10, quote_start=number * 20,
            quote_end=number * 20 + 10,
        )  # fmt: skip
    client.force_login(manager)
    # 1 session, 2 user (with their roles), 3 the source with its importer, 4 its pledges
    # with their owners, 5 its reports of pledges first reported elsewhere (with those
    # pledges), 6 the header's count of pledges needing attention.
    with django_assert_num_queries(6):
        response = client.get(reverse("commitments:source_detail", args=[source.pk]))
    assert response.text.count("<mark id=") == pledges


def test_an_undated_paste_asks_for_the_date_field_not_a_command_flag(client, owner):
    client.force_login(owner)
    response = client.post(START, {"text": "Japan will send aid to Kenya."})
    assert response.status_code == 422
    assert "No publication date: give it here" in response.text
    assert "--date" not in response.text
    assert response.context["form"].errors["published_on"]
