from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from commitments.extraction import Amount, Article, Candidate
from commitments.importing import Highlight, highlight
from commitments.models import Commitment, ImportReview, Source, Topic
from commitments.services import (
    SYSTEM,
    ReviewedPledge,
    parties_seed,
    source_import,
    source_import_reviewed,
)
from tests.factories import SourceFactory, UserFactory

pytestmark = pytest.mark.django_db

SENTENCES = [
    "The UK will fund a new programme with India.",
    "Britain will confirm £70 million for solar power.",
    "India will host a summit next year.",
    "The two countries will hold joint exercises.",
    "The minister will open an office in Delhi.",
]


def make_article(count: int, *, salt: str = "") -> tuple[Article, list[Candidate]]:
    body = f"Background first{salt}. " + " ".join(SENTENCES[:count]) + " <b>&</b> the end."
    candidates = []
    for number, sentence in enumerate(SENTENCES[:count]):
        start = body.index(sentence)
        candidates.append(
            Candidate(
                title=f"Pledge {number}",
                quote=sentence,
                start=start,
                end=start + len(sentence),
                actor="United Kingdom",
                counterparty="India",
                topic=Topic.ENERGY if "£" in sentence else Topic.DIPLOMACY,
                amount=Amount(Decimal("70000000"), "GBP") if "£" in sentence else None,
                due_date=date(2023, 1, 1) if number == 2 else None,
                due_text="next year" if number == 2 else "",
                confidence=0.9,
                cue="will",
            )
        )
    article = Article(
        title="UK and India",
        published_on=date(2022, 3, 31),
        body=body,
        sha256=hashlib.sha256(body.encode()).hexdigest(),
        warnings=(),
    )
    return article, candidates


def test_import_creates_the_source_and_the_chosen_pledges(owner):
    article, candidates = make_article(3)
    result = source_import(
        article=article, candidates=candidates, user=owner, owner=owner, publisher="Example"
    )
    assert not result.already_imported
    source = Source.objects.get()
    assert result.source == source
    assert (source.title, source.publisher, source.imported_by) == (
        "UK and India",
        "Example",
        owner,
    )
    assert source.body == article.body and source.sha256 == article.sha256
    pledges = list(Commitment.objects.order_by("quote_start"))
    assert [p.quote for p in pledges] == SENTENCES[:3]
    for pledge in pledges:
        assert source.body[pledge.quote_start : pledge.quote_end] == pledge.quote
        assert pledge.owner == owner and pledge.updated_by == owner
    funded = pledges[1]
    assert (funded.amount, funded.currency, funded.topic) == (Decimal("70000000"), "GBP", "energy")
    assert (pledges[2].due_date, pledges[2].due_text) == (date(2023, 1, 1), "next year")
    assert pledges[0].confidence == pytest.approx(0.9)
    assert "3 pledges" in result.message


def test_reimport_creates_nothing_and_says_so(owner):
    article, candidates = make_article(2)
    first = source_import(article=article, candidates=candidates, user=owner)
    again = source_import(article=article, candidates=candidates, user=owner)
    assert again.already_imported
    assert again.source == first.source
    assert again.commitments == []
    assert "nothing new was created" in again.message
    assert (Source.objects.count(), Commitment.objects.count()) == (1, 2)


def test_each_candidate_can_have_its_own_owner(owner, other_analyst, manager):
    article, candidates = make_article(3)
    source_import(
        article=article,
        candidates=candidates,
        user=manager,
        owners=[owner, None, other_analyst],
    )
    owners = list(Commitment.objects.order_by("quote_start").values_list("owner", flat=True))
    assert owners == [owner.pk, None, other_analyst.pk]


def test_a_quote_that_does_not_match_the_text_writes_nothing(owner):
    article, candidates = make_article(2)
    wrong = candidates[1].__class__(**{**candidates[1].__dict__, "start": 1})
    with pytest.raises(ValidationError, match="quote no longer matches"):
        source_import(article=article, candidates=[candidates[0], wrong], user=owner)
    assert not Source.objects.exists()
    assert not Commitment.objects.exists()


def test_an_unknown_topic_is_refused(owner):
    article, candidates = make_article(1)
    odd = candidates[0].__class__(**{**candidates[0].__dict__, "topic": "gossip"})
    with pytest.raises(ValidationError, match="topic"):
        source_import(article=article, candidates=[odd], user=owner)
    assert not Source.objects.exists()


def test_two_pledges_on_the_same_words_are_refused(owner):
    article, candidates = make_article(1)
    with pytest.raises(ValidationError, match="same words"):
        source_import(article=article, candidates=[candidates[0], candidates[0]], user=owner)
    assert not Source.objects.exists()


def test_owner_must_be_an_analyst_or_manager(owner):
    article, candidates = make_article(1)
    reader = UserFactory(username="reader")
    with pytest.raises(ValidationError, match="not an analyst or manager"):
        source_import(article=article, candidates=candidates, user=owner, owner=reader)
    assert not Source.objects.exists()


def test_users_without_a_role_cannot_import(db):
    article, candidates = make_article(1)
    with pytest.raises(PermissionDenied):
        source_import(article=article, candidates=candidates, user=UserFactory())
    assert not Source.objects.exists()


def test_blank_actor_and_title_fall_back_rather_than_fail(owner):
    article, candidates = make_article(1)
    bare = candidates[0].__class__(**{**candidates[0].__dict__, "actor": " ", "title": ""})
    source_import(article=article, candidates=[bare], user=owner)
    pledge = Commitment.objects.get()
    assert pledge.actor == "Unknown"
    assert pledge.title == SENTENCES[0]


@pytest.mark.parametrize("count", [1, 5])
def test_import_queries_do_not_grow_with_the_number_of_pledges(
    count, owner, django_assert_num_queries
):
    article, candidates = make_article(count, salt=str(count))
    parties_seed(user=SYSTEM)  # as the migration leaves it, whatever flushed the table since
    # 1 role groups of the importing user, 2 SAVEPOINT (the service's transaction inside the
    # test's), 3 SELECT source by sha256, 4 owner roles, 5 INSERT source, 6 INSERT pledges (one
    # bulk insert), 7 SELECT parties, 8 INSERT the pledges' parties (one bulk insert),
    # 9 RELEASE.
    with django_assert_num_queries(9):
        result = source_import(article=article, candidates=candidates, user=owner, owner=owner)
    assert len(result.commitments) == count


def test_highlight_escapes_text_and_links_each_quote():
    body = "A <script> & B will act. Then C will pay."
    spans = [
        Highlight(start=body.index("B will"), end=body.index(" Then"), id="q-1", href="/c/1/"),
        Highlight(start=body.index("C will"), end=len(body), id="q-2", href="/c/2/", label='"x"'),
    ]
    html = highlight(body, spans)
    assert html == (
        'A &lt;script&gt; &amp; <mark id="q-1"><a href="/c/1/" title="">B will act.</a></mark>'
        ' Then <mark id="q-2"><a href="/c/2/" title="&quot;x&quot;">C will pay.</a></mark>'
    )


def test_highlight_never_repeats_text_where_quotes_overlap():
    body = "one two three four"
    html = highlight(
        body,
        [
            Highlight(start=0, end=13, id="a", href="#a"),
            Highlight(start=4, end=18, id="b", href="#b"),
            Highlight(start=4, end=8, id="c", href="#c"),  # inside a: nothing left to mark
        ],
    )
    assert html.count("two") == 1 and html.count("four") == 1
    assert 'id="c"' not in html
    assert '<mark id="b"><a href="#b" title=""> four</a></mark>' in html


def test_the_same_article_saved_meanwhile_is_reported_not_raised(owner, monkeypatch):
    from commitments.services import imports

    article, candidates = make_article(2)
    theirs = SourceFactory(body=article.body, sha256=article.sha256)
    lookups = iter([None, theirs])  # The first check misses it: it was not committed yet.
    monkeypatch.setattr(imports, "_imported_source", lambda sha256: next(lookups))
    result = source_import(article=article, candidates=candidates, user=owner)
    assert result.already_imported and result.source == theirs
    assert Source.objects.count() == 1
    assert not Commitment.objects.exists()


# --- After a review: the record of what it changed


def test_a_reviewed_import_records_kept_edited_unticked_and_added(owner, other_analyst):
    article, candidates = make_article(4)
    first, second, _third, fourth = candidates
    by_hand = replace(first, start=0, end=16, quote="Background first", title="By hand")
    result = source_import_reviewed(
        article=article,
        pledges=[
            ReviewedPledge(candidate=first, proposed=first),
            ReviewedPledge(
                candidate=replace(second, actor="Britain", amount=None, title="Solar"),
                proposed=second,
                owner=other_analyst,
                description="Checked with the ministry.",
            ),
            ReviewedPledge(candidate=replace(fourth, topic=Topic.DEFENCE), proposed=fourth),
            ReviewedPledge(candidate=by_hand),
        ],
        proposed=4,
        user=owner,
    )
    assert len(result.commitments) == 4
    solar = Commitment.objects.get(title="Solar")
    assert (solar.owner, solar.description) == (other_analyst, "Checked with the ministry.")
    review = ImportReview.objects.get(source=result.source)
    assert (review.proposed, review.kept, review.unticked, review.added) == (4, 3, 1, 1)
    assert (review.edited, review.key_edited) == (2, 1)
    assert review.edited_fields == {"actor": 1, "amount": 1, "title": 1, "topic": 1}


def test_a_reviewed_import_checks_an_added_quote_and_records_nothing_when_refused(owner):
    article, candidates = make_article(2)
    forged = replace(candidates[0], start=0, end=16, quote="Something else!!")
    with pytest.raises(ValidationError, match="quote no longer matches"):
        source_import_reviewed(
            article=article, pledges=[ReviewedPledge(candidate=forged)], proposed=2, user=owner
        )
    assert not Source.objects.exists() and not ImportReview.objects.exists()
