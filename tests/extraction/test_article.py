from __future__ import annotations

import hashlib
from datetime import date

import pytest

from commitments.extraction import ArticleError, extract, read_article
from tests.extraction.expectations import DATA, ROOT

TODAY = date(2024, 6, 1)
SEED = ROOT / "data" / "articles" / "2022-03-31-truss-india-visit.txt"


def test_seed_style_date_opens_the_first_line() -> None:
    article = read_article(SEED.read_bytes(), filename=SEED.name, today=TODAY)

    assert article.published_on == date(2022, 3, 31)
    assert article.body.startswith("UK Foreign Secretary Liz Truss will be in India on Thursday")
    assert "date 2022" not in article.body


def test_date_on_a_line_of_its_own() -> None:
    raw = b"date 2023-05-20\n\nNigeria will build a pipeline.\n"

    article = read_article(raw, today=TODAY)

    assert article.published_on == date(2023, 5, 20)
    assert article.body == "Nigeria will build a pipeline."


def test_explicit_date_overrides_the_file() -> None:
    raw = b"date 2023-05-20\n\nNigeria will build a pipeline."

    article = read_article(raw, published_on=date(2023, 5, 21), today=TODAY)

    assert article.published_on == date(2023, 5, 21)


def test_explicit_date_serves_a_file_without_one() -> None:
    article = read_article(b"Kenya will build a road.", published_on=date(2023, 1, 2), today=TODAY)

    assert article.published_on == date(2023, 1, 2)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "The file is empty."),
        (b"   \n\t \r\n", "The file is empty."),
        (b"\x00\x01\x02binary\x00junk", "The file looks binary"),
        (bytes(range(1, 9)) * 50, "The file looks binary"),
        (b"date 2023-02-01\n\n" + b"Kenya will build a road. " * 3000 + b"\x00", "looks binary"),
        (b"Kenya will build a road.", "No publication date: start the file with 'date YYYY-MM-DD'"),
        (b"date 2031-01-01\n\nKenya will build a road.", "The publication date 2031-01-01 is in"),
        (b"date 2023-02-30\n\nKenya will build a road.", "is not a real date"),
        (b"date 2023-02-01\n\n", "no article text"),
    ],
)
def test_bad_input_gets_one_clear_sentence(raw: bytes, message: str) -> None:
    with pytest.raises(ArticleError) as caught:
        read_article(raw, today=TODAY)

    text = str(caught.value)
    assert message in text
    assert text.endswith(".")
    assert "\n" not in text


def test_future_date_message_names_the_date() -> None:
    with pytest.raises(ArticleError, match=r"^The publication date 2031-01-01 is in the future\.$"):
        read_article(b"date 2031-01-01\n\nText.", today=TODAY)


def test_over_size_is_refused_before_reading() -> None:
    raw = b"date 2023-01-01\n\n" + b"a" * 2000

    with pytest.raises(ArticleError, match="larger than"):
        read_article(raw, today=TODAY, max_bytes=1000)


def test_five_megabytes_is_the_default_limit() -> None:
    raw = b"date 2023-01-01\n\n" + b"word " * (1024 * 1024 + 10)

    with pytest.raises(ArticleError, match="5 MB"):
        read_article(raw, today=TODAY)


def test_utf8_with_bom_is_read_without_warning() -> None:
    raw = "\ufeffdate 2023-01-01\n\nThe UK will give £5m “now”.".encode()

    article = read_article(raw, today=TODAY)

    assert article.body == "The UK will give £5m “now”."
    assert article.warnings == ()


def test_cp1252_falls_back_with_a_warning() -> None:
    raw = "date 2023-01-01\n\nThe UK will give £5m to Côte d’Ivoire.".encode("cp1252")

    article = read_article(raw, today=TODAY)

    assert article.body == "The UK will give £5m to Côte d’Ivoire."
    assert len(article.warnings) == 1
    assert "Windows-1252" in article.warnings[0]


def test_undecodable_bytes_are_refused() -> None:
    raw = b"date 2023-01-01\n\nThe UK \x81\x8d\x8f\x90\x9d will give."

    with pytest.raises(ArticleError, match="neither UTF-8 nor Windows-1252"):
        read_article(raw, today=TODAY)


def test_body_is_normalised_and_hashed() -> None:
    raw = "date 2023-01-01\r\n\r\nThe UK   will\tgive £5m.\r\n\r\n\r\n\r\nIt will help.  \r\n"
    raw = raw.encode()

    article = read_article(raw, today=TODAY)

    assert article.body == "The UK will give £5m.\n\nIt will help."
    assert article.sha256 == hashlib.sha256(article.body.encode()).hexdigest()


def test_hard_wrapped_lines_are_joined_into_sentences() -> None:
    raw = (
        b"date 2023-01-01\n\nThe UK will provide GBP 5 million to Kenya over the\n"
        b"next three years, officials said.\n\nA second paragraph."
    )

    article = read_article(raw, today=TODAY)

    assert article.body == (
        "The UK will provide GBP 5 million to Kenya over the next three years, officials said."
        "\n\nA second paragraph."
    )


def test_sums_written_one_to_a_line_under_a_lead_in_keep_their_lines() -> None:
    raw = (
        b"date 2023-01-01\n\nNew Zealand announced a package of support. "
        b"The package will deliver:\n"
        b"$8 million for vaccine distribution in Fiji and Samoa\n"
        b"$5 million to the World Health Organization for surveillance\n"
    )

    article = read_article(raw, today=TODAY)

    assert article.body.splitlines()[1:] == [
        "$8 million for vaccine distribution in Fiji and Samoa",
        "$5 million to the World Health Organization for surveillance",
    ]
    items = [c for c in extract(article.body, article.published_on) if c.cue == "funding item"]
    assert [(c.actor, c.counterparty) for c in items] == [
        ("New Zealand", "Fiji and Samoa"),
        ("New Zealand", "World Health Organization"),
    ]


def test_headline_becomes_the_title_and_leaves_the_body() -> None:
    raw = b"date 2023-09-12\n\nIndia and the EU sign chip pact\n\nThe EU will share designs."

    article = read_article(raw, today=TODAY)

    assert article.title == "India and the EU sign chip pact"
    assert article.body == "The EU will share designs."


def test_title_falls_back_to_a_trimmed_first_sentence() -> None:
    long_sentence = "The United Kingdom " + "and its partners " * 12 + "will act."
    raw = f"date 2023-01-01\n\n{long_sentence} Then more.".encode()

    article = read_article(raw, today=TODAY)

    assert len(article.title) <= 121
    assert article.title.endswith("…")
    assert long_sentence.startswith(article.title[:-1])


def test_title_skips_a_wire_dateline() -> None:
    raw = b"date 2024-04-10\n\nWASHINGTON, April 10 (Reuters) - Japan will pay $3bn. More."

    article = read_article(raw, today=TODAY)

    assert article.title == "Japan will pay $3bn."


def test_html_page_furniture_is_stripped() -> None:
    path = DATA / "articles" / "2023-11-01-uk-kenya-gov-page.html"

    article = read_article(path.read_bytes(), filename=path.name, today=TODAY)

    assert article.title == "UK announces £40 million for Kenya clean energy"
    assert article.published_on == date(2023, 11, 1)
    assert article.body.startswith("The UK will provide £40 million to help Kenya")
    for furniture in ("weekly updates", "Related", "Crown copyright", "var promise", "editor"):
        assert furniture not in article.body
    assert "\n\n" in article.body  # paragraphs survive as blank lines


def test_html_detected_without_an_html_filename() -> None:
    raw = (
        b"<html><head><title>Deal</title></head><body><article><p>One.</p>"
        b"<time datetime='2023-02-03'>3 Feb</time><p>Japan will pay.</p></article></body></html>"
    )

    article = read_article(raw, filename="upload.txt", today=TODAY)

    assert article.title == "Deal"
    assert article.published_on == date(2023, 2, 3)
    assert article.body == "One.\n\n3 Feb\n\nJapan will pay."


def test_html_prefers_the_article_element() -> None:
    raw = (
        b"<html><body><div>Menu: we will call you</div><article><h1>Headline</h1>"
        b"<p>India will fund it.</p></article><div>Other story: Japan will act.</div>"
        b"</body></html>"
    )

    article = read_article(raw, filename="page.html", published_on=date(2023, 1, 1), today=TODAY)

    assert article.body == "India will fund it."
    assert article.title == "Headline"


def test_html_date_line_in_text_is_also_read() -> None:
    raw = b"<p>date 2023-03-04</p><p>Kenya will build a road.</p>"

    article = read_article(raw, filename="a.html", today=TODAY)

    assert article.published_on == date(2023, 3, 4)
    assert article.body == "Kenya will build a road."


def test_quotes_from_extract_index_into_the_body() -> None:
    article = read_article(SEED.read_bytes(), filename=SEED.name, today=TODAY)
    assert article.published_on is not None

    candidates = extract(article.body, article.published_on)

    assert candidates
    for candidate in candidates:
        assert article.body[candidate.start : candidate.end] == candidate.quote


def test_a_page_title_longer_than_a_source_holds_is_cut_at_a_word() -> None:
    long_title = "Minister announces " + "a very long headline " * 30
    raw = f"<html><head><title>{long_title}</title></head><body><p>Kenya will build a road.</p>"
    article = read_article(raw.encode(), filename="a.html", published_on=TODAY, today=TODAY)

    assert len(article.title) <= 300
    assert article.title.endswith("…")
    assert article.title.startswith("Minister announces a very long headline")
