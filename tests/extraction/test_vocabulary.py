"""The vocabulary records agree with every pattern built from them."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest

from commitments.extraction import extract
from commitments.extraction.amounts import find_amounts, pledged_amount
from commitments.extraction.cues import CUE_HINT, find_cue
from commitments.extraction.dates import find_time_phrases
from commitments.extraction.parties import gazetteer
from commitments.extraction.topics import TOPICS
from commitments.extraction.vocabulary.calendar import PARTS, PREPOSITIONS, Preposition
from commitments.extraction.vocabulary.clauses import (
    ADDITIONS,
    CONJUNCTIONS,
    GERUND_SERIES,
    LEAD_ADVERBS,
    SUBORDINATORS,
    Addition,
)
from commitments.extraction.vocabulary.cues import (
    ADVERBS,
    CUES,
    EARLIER_ADVERBS,
    FORECAST_ADVERBS,
    Earlier,
)
from commitments.extraction.vocabulary.currencies import CURRENCIES
from commitments.extraction.vocabulary.frames import FRAMES
from commitments.extraction.vocabulary.frames import KINDS as FRAME_KINDS
from commitments.extraction.vocabulary.nouns import (
    ANNOUNCED_THINGS,
    NOMINAL_ACTS,
    OWN_BODY_HEADS,
    PARTY_GROUPS,
    SIGNED_DOCUMENTS,
    SUM_HOLDERS,
    SUM_WORDS,
    Document,
)
from commitments.extraction.vocabulary.parties import PARTIES
from commitments.extraction.vocabulary.people import (
    DELEGATES,
    MISSIONS,
    NAME_PARTICLES,
    PEOPLE,
    ROLE_HEADS,
    SHIP_PREFIXES,
    TITLES,
)
from commitments.extraction.vocabulary.speech import SAYINGS, USES, forms
from commitments.extraction.vocabulary.subjects import (
    CAPITALISED_ORGANS,
    FIRM_DESCRIPTIONS,
    INSTITUTIONS,
    STATE_ORGANS,
)
from commitments.extraction.vocabulary.subjects import KINDS as INSTITUTION_KINDS
from commitments.extraction.vocabulary.verbs import DECIDING, REPORTING, TELLING, VERBS
from commitments.models import Topic


def test_every_verb_has_one_kind_so_pledge_and_not_pledge_lists_are_disjoint() -> None:
    counts = Counter(verb.word for verb in VERBS)
    assert [word for word, n in counts.items() if n > 1] == []
    pledge = {v.word for v in VERBS if v.kind in {"pledge", "effect"}}
    not_pledge = {v.word for v in VERBS if v.kind in {"not_pledge", "itinerary", "aim"}}
    assert pledge and not_pledge and not pledge & not_pledge
    assert {v.kind for v in VERBS} == {
        "pledge",
        "effect",
        "aim",
        "itinerary",
        "not_pledge",
        "receipt",
    }


@pytest.mark.parametrize(
    ("name", "example"), [(c.name, e) for c in CUES for e in c.examples], ids=str
)
def test_every_cue_example_passes_the_pre_filter_and_is_found(name: str, example: str) -> None:
    assert CUE_HINT.search(example)
    cue = find_cue(example)
    assert cue is not None and cue.name == name


def test_every_cue_has_an_example_and_a_hint() -> None:
    assert all(c.examples and c.hint for c in CUES)
    assert len({c.name for c in CUES}) == len(CUES)


def _sums(currency_code: str) -> list[str]:
    currency = next(c for c in CURRENCIES if c.code == currency_code)
    written = [f"{symbol}40 million" for symbol in currency.symbols]
    written += [f"40 million {word}" for word in currency.words]
    written += [f"{code} 40 million" for code in (currency.code, *currency.also_codes)]
    return written


@pytest.mark.parametrize("code", [c.code for c in CURRENCIES])
def test_every_currency_is_read_wherever_amounts_are_read(code: str) -> None:
    for written in _sums(code):
        assert [(m.amount.value, m.amount.currency) for m in find_amounts(written)] == [
            (Decimal(40_000_000), code)
        ], written
        pledged = pledged_amount(f"The ministry will provide {written} for schools.", after=12)
        assert pledged is not None and pledged.amount.currency == code, written
        # "announced" counts only with money after it: every currency's sum is money.
        cue = find_cue(f"The ministry announced {written} for schools.")
        assert cue is not None and cue.name == "announced", written


def test_no_two_currencies_share_a_symbol_or_word() -> None:
    symbols = Counter(s for c in CURRENCIES for s in c.symbols)
    words = Counter(w for c in CURRENCIES for w in c.words)
    assert [s for s, n in symbols.items() if n > 1] == []
    assert [w for w, n in words.items() if n > 1] == []


def test_every_dollar_home_is_a_party() -> None:
    names = {p.name for p in PARTIES}
    assert {home for c in CURRENCIES for home in c.home} <= names


def test_every_party_form_is_found_by_the_gazetteer() -> None:
    pattern = gazetteer().pattern
    for party in PARTIES:
        for form in (party.name, *party.aliases, *party.demonyms, *party.seats):
            assert pattern.search(f"On Monday {form} said"), form
    assert {p.kind for p in PARTIES} <= {"country", "body", "company", "region"}


def test_extraction_topics_equal_the_model_topics() -> None:
    assert list(TOPICS) == list(Topic.choices)


PUBLISHED = date(2024, 5, 1)


def test_every_institution_and_frame_has_one_record_of_a_known_kind() -> None:
    forms = Counter(form for i in INSTITUTIONS for form in i.forms)
    assert [form for form, n in forms.items() if n > 1] == []
    assert {i.kind for i in INSTITUTIONS} == set(INSTITUTION_KINDS)
    frames = Counter(f.words for f in FRAMES)
    assert [words for words, n in frames.items() if n > 1] == []
    assert {f.kind for f in FRAMES} == set(FRAME_KINDS)


@pytest.mark.parametrize(
    "form", [f for i in INSTITUTIONS if i.kind == "office" for f in i.forms], ids=str
)
def test_an_office_nobody_places_is_proposed_with_its_actor_left_to_the_analyst(form: str) -> None:
    (candidate,) = extract(f"The {form} will build 200 schools in the north.", PUBLISHED)

    assert candidate.actor == "" and candidate.unresolved == ("actor",)


@pytest.mark.parametrize(
    ("form", "before", "party"),
    [
        (f, before, party)
        for i in INSTITUTIONS
        for f in i.forms
        for kind, before, party in [
            ("firm", "Volkswagen will build a plant in Spain.", "Volkswagen"),
            ("body", "The World Bank will lend $5 million to Kenya.", "World Bank"),
        ]
        if i.kind == kind
    ],
    ids=str,
)
def test_a_firm_or_body_named_by_its_kind_is_the_one_named_before(
    form: str, before: str, party: str
) -> None:
    candidates = extract(
        f"{before} The {form} will also provide $2 million for clinics.", PUBLISHED
    )

    assert [c.actor for c in candidates] == [party, party]


@pytest.mark.parametrize("document", SIGNED_DOCUMENTS, ids=lambda d: d.word)
def test_every_signed_document_leads_a_list_of_agreements(document: Document) -> None:
    text = (
        "Japan and India held talks in Tokyo on Monday.\n\n"
        f"The following {document.plural} were signed:\n\n"
        "- a memorandum on rail cooperation\n\n- an agreement on clean energy"
    )

    candidates = extract(text, PUBLISHED)

    assert [(c.quote, c.actor) for c in candidates] == [
        ("a memorandum on rail cooperation", "Japan and India"),
        ("an agreement on clean energy", "Japan and India"),
    ], document.plural


@pytest.mark.parametrize("words", [f.words for f in FRAMES if f.kind == "opinion"], ids=str)
def test_an_opinion_frame_before_the_cue_drops_the_clause(words: str) -> None:
    assert extract(f"Analysts {words} Japan will provide $5 million to Kenya.", PUBLISHED) == []


@pytest.mark.parametrize("words", [f.words for f in FRAMES if f.kind == "tally"], ids=str)
def test_a_running_total_told_in_the_past_is_not_a_new_pledge(words: str) -> None:
    assert extract(f"Japan has pledged $5 million to Kenya {words}.", PUBLISHED) == []


@pytest.mark.parametrize("words", [f.words for f in FRAMES if f.kind == "shortfall"], ids=str)
def test_a_pledge_told_with_what_came_of_it_is_background(words: str) -> None:
    assert extract(f"Japan pledged $5 million to Kenya but {words}.", PUBLISHED) == []


@pytest.mark.parametrize("verb", REPORTING, ids=str)
def test_every_reporting_verb_tells_a_decision_as_news(verb: str) -> None:
    found = extract(
        f"Yamada {verb} that Japan had decided to provide $5 million to Kenya.", PUBLISHED
    )

    assert [c.amount.value if c.amount else None for c in found] == [Decimal(5_000_000)]


def test_every_saying_is_one_record_with_known_uses_and_every_use_has_forms() -> None:
    counts = Counter(s.form for s in SAYINGS)
    assert [form for form, n in counts.items() if n > 1] == []
    assert {use for s in SAYINGS for use in s.uses} == set(USES)
    assert all(forms(use) or forms(use, opening=True) for use in USES)


@pytest.mark.parametrize(
    "said",
    [*forms("tail", listener=False), *(f"{f} reporters" for f in forms("tail", listener=True))],
    ids=str,
)
def test_every_closing_attribution_is_cut_from_the_quote(said: str) -> None:
    found = extract(
        f"Japan will provide $5 million to Kenya, the minister {said} on Monday.", PUBLISHED
    )

    assert [c.quote for c in found] == ["Japan will provide $5 million to Kenya"]


@pytest.mark.parametrize("gerund", forms("adding"), ids=str)
def test_a_second_report_after_a_comma_is_a_clause_of_its_own(gerund: str) -> None:
    found = extract(
        f"Japan will provide $5 million to Kenya, the statement noted, {gerund} that Britain"
        " will allocate $97 million for clinics.",
        PUBLISHED,
    )

    assert [c.actor for c in found] == ["Japan", "United Kingdom"]


@pytest.mark.parametrize("conjunction", CONJUNCTIONS, ids=str)
def test_every_conjunction_joins_a_second_partys_pledge(conjunction: str) -> None:
    found = extract(
        f"Japan will build a port in Kenya, {conjunction} India will fund a hospital in Goa.",
        PUBLISHED,
    )

    assert [(c.actor, c.quote) for c in found] == [
        ("Japan", "Japan will build a port in Kenya"),
        ("India", "India will fund a hospital in Goa."),
    ]


@pytest.mark.parametrize("adverb", LEAD_ADVERBS, ids=str)
def test_every_lead_adverb_before_a_coordinated_verb_is_read_through(adverb: str) -> None:
    found = extract(
        f"Japan will build a port in Kenya, and {adverb} announce a new fund for clinics.",
        PUBLISHED,
    )

    assert [c.quote for c in found] == [
        "Japan will build a port in Kenya",
        "announce a new fund for clinics.",
    ]
    assert set(LEAD_ADVERBS) <= set(ADVERBS)


@pytest.mark.parametrize("opening", GERUND_SERIES, ids=str)
def test_every_series_opening_splits_a_series_of_gerunds(opening: str) -> None:
    found = extract(
        f"Japan will support Kenya with {opening} funding schools, building clinics.", PUBLISHED
    )

    assert [c.quote for c in found][1:] == ["building clinics."]


def _amounts(text: str) -> list[Decimal | None]:
    return [c.amount.value if c.amount else None for c in extract(text, PUBLISHED)]


@pytest.mark.parametrize("addition", ADDITIONS, ids=lambda a: a.words)
def test_every_addition_opens_a_second_pledge_with_its_own_sum(addition: Addition) -> None:
    two = [Decimal(50_000_000), Decimal(20_000_000)]
    assert (
        _amounts(
            f"Japan pledged $50 million for schools in Kenya, and {addition.words} $20 million"
            " for clinics in Uganda."
        )
        == two
    )
    after_and = _amounts(
        f"Japan will provide $50 million for schools in Kenya and {addition.words} $20 million"
        " for clinics in Uganda."
    )
    assert (after_and == two) == addition.after_and


@pytest.mark.parametrize("adverb", FORECAST_ADVERBS, ids=str)
def test_a_modal_with_a_forecast_adverb_promises_nothing(adverb: str) -> None:
    assert extract(f"Japan will {adverb} provide $5 million to Kenya.", PUBLISHED) == []


@pytest.mark.parametrize("adverb", EARLIER_ADVERBS, ids=lambda a: a.word)
def test_a_pledge_dated_before_the_news_by_its_adverb_is_not_a_new_pledge(adverb: Earlier) -> None:
    assert extract(f"Japan {adverb.word} pledged $5 million to Kenya.", PUBLISHED) == []
    if adverb.inside:
        assert extract(f"Japan has {adverb.word} pledged $5 million to Kenya.", PUBLISHED) == []


# A subordinator that is also a conjunction ("while") cuts the sentence first; the clause
# after it is read on its own.
@pytest.mark.parametrize("word", [w for w in SUBORDINATORS if w not in CONJUNCTIONS], ids=str)
def test_an_aim_in_a_subordinate_clause_is_the_reason_for_a_trip(word: str) -> None:
    text = (
        f"Wong arrived in Nairobi on Monday {word} Australia seeks to strengthen ties with Kenya."
    )

    assert extract(text, PUBLISHED) == []


@pytest.mark.parametrize("verb", TELLING, ids=str)
def test_telling_of_a_pledge_the_article_already_told_is_an_itinerary_item(verb: str) -> None:
    assert extract(f"Japan will {verb} the new funding for Kenya.", PUBLISHED) == []


@pytest.mark.parametrize("holder", SUM_HOLDERS, ids=str)
def test_a_sum_a_pledged_package_includes_is_a_pledge_of_its_own(holder: str) -> None:
    text = "Japan will provide a new package for Kenya. The {} includes $2 million for clinics."

    assert [
        c.amount.value if c.amount else None for c in extract(text.format(holder), PUBLISHED)
    ] == [
        None,
        Decimal(2_000_000),
    ]


@pytest.mark.parametrize("preposition", PREPOSITIONS, ids=lambda p: p.words)
def test_every_time_preposition_is_read_with_its_phrase(preposition: Preposition) -> None:
    (phrase,) = find_time_phrases(f"Japan will act {preposition.words} June 2030.", PUBLISHED)

    assert phrase.text == f"{preposition.words} June 2030"
    # "from June 2030" names when it starts; "by June 2030" is the month's last day.
    assert phrase.deadline == (date(2030, 6, 1) if preposition.counts_from else date(2030, 6, 30))


@pytest.mark.parametrize("part", PARTS, ids=str)
def test_every_part_of_a_period_is_read_with_its_year(part: str) -> None:
    (phrase,) = find_time_phrases(f"Japan will act by {part} 2030.", PUBLISHED)

    assert phrase.text == f"by {part} 2030" and phrase.last.year == 2030


@pytest.mark.parametrize("group", PARTY_GROUPS, ids=str)
def test_parties_named_only_as_a_group_leave_the_actor_to_the_analyst(group: str) -> None:
    (candidate,) = extract(f"Gulf {group} will provide $5 million to Kenya.", PUBLISHED)

    assert candidate.actor == "" and candidate.unresolved == ("actor",)


@pytest.mark.parametrize("head", OWN_BODY_HEADS, ids=str)
def test_a_name_with_a_bodys_head_and_a_country_in_it_is_a_party_of_its_own(head: str) -> None:
    text = f"The Norwegian Peace {head} will provide $5 million to Kenya."

    assert [c.actor for c in extract(text, PUBLISHED)] == [f"Norwegian Peace {head}"]


@pytest.mark.parametrize("description", FIRM_DESCRIPTIONS, ids=str)
def test_a_name_described_as_a_company_is_a_party_of_its_own(description: str) -> None:
    text = f"VACOM, a German {description} based in Jena, will invest $5 million in Kenya."

    assert [c.actor for c in extract(text, PUBLISHED)] == ["VACOM"]


def test_every_firm_institution_is_also_a_company_description() -> None:
    firms = {form for i in INSTITUTIONS if i.kind == "firm" for form in i.forms}
    assert firms <= set(FIRM_DESCRIPTIONS)


def test_people_words_are_one_record_each_and_written_as_news_copy_writes_them() -> None:
    for records in (ROLE_HEADS, TITLES, NAME_PARTICLES, SHIP_PREFIXES, MISSIONS, PEOPLE, DELEGATES):
        counts = Counter(records)
        assert [word for word, n in counts.items() if n > 1] == []
    assert all(word[:1].isupper() for word in (*ROLE_HEADS, *TITLES, *SHIP_PREFIXES, *MISSIONS))
    assert all(word.islower() for word in (*NAME_PARTICLES, *PEOPLE, *DELEGATES))


@pytest.mark.parametrize(
    "organ",
    [
        *STATE_ORGANS,
        *(o[0].upper() + o[1:] for o in STATE_ORGANS),
        *CAPITALISED_ORGANS,
    ],
    ids=str,
)
def test_a_states_organ_acts_for_the_country_the_article_is_about(organ: str) -> None:
    text = (
        "Kenya's President William Ruto arrived in Uganda on Monday."
        f" The {organ} will build 200 schools in the north."
    )

    assert [c.actor for c in extract(text, PUBLISHED)] == ["Kenya"]


@pytest.mark.parametrize("word", SUM_WORDS, ids=str)
def test_items_under_a_line_led_by_the_sum_just_pledged_are_its_pledgers(word: str) -> None:
    text = (
        "Japan announced $274 million for Kenya on Monday.\n\n"
        f"The {word} will go towards several areas:\n\n"
        "- $100 million for schools in the north\n\n- $74 million for clinics in the south"
    )

    found = extract(text, PUBLISHED)

    assert [(c.actor, c.amount.value if c.amount else None) for c in found] == [
        ("Japan", Decimal(274_000_000)),
        ("Japan", Decimal(100_000_000)),
        ("Japan", Decimal(74_000_000)),
    ]


@pytest.mark.parametrize("thing", ANNOUNCED_THINGS)
def test_every_thing_announced_as_its_own_is_a_pledge(thing: str) -> None:
    drafts = extract(f"Japan announced its new {thing} for Kenya on Tuesday.", PUBLISHED)

    assert [d.actor for d in drafts] == ["Japan"], thing


@pytest.mark.parametrize("act", NOMINAL_ACTS)
def test_every_nominalised_act_announced_is_a_pledge(act: str) -> None:
    drafts = extract(f"Japan announced the {act} of a clinic programme for Kenya.", PUBLISHED)

    assert [d.actor for d in drafts] == ["Japan"], act


@pytest.mark.parametrize("verb", DECIDING)
def test_every_way_a_gathering_decides_speaks_for_the_body_that_met(verb: str) -> None:
    # "adopted" takes what was decided as its object.
    decided = "a $50 million fund to send" if verb == "adopted" else "to send"
    drafts = extract(
        "Ministers of the African Union met in Addis Ababa on Sunday. "
        f"The Meeting {verb} {decided} 5,000 troops to Somalia by June.",
        PUBLISHED,
    )

    assert [d.actor for d in drafts] == ["African Union"], verb
