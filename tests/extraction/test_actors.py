from __future__ import annotations

from datetime import date

import pytest

from commitments.extraction import extract

PUBLISHED = date(2023, 6, 1)


def _only(text: str):
    candidates = extract(text, PUBLISHED)
    assert len(candidates) == 1, [c.quote for c in candidates]
    return candidates[0]


def _last(text: str):
    candidates = extract(text, PUBLISHED)
    assert candidates, "no candidate"
    return candidates[-1]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "UK Foreign Secretary Liz Truss arrived in Delhi. She will sign a cyber pact.",
            "United Kingdom",
        ),
        ("The British Foreign Secretary will open a new consulate in Mumbai.", "United Kingdom"),
        (
            "UK Foreign Secretary Liz Truss met officials. The Foreign Secretary will launch a "
            "new visa scheme.",
            "United Kingdom",
        ),
        (
            "Japanese Prime Minister Fumio Kishida arrived on Monday. Kishida will announce a "
            "$2bn aid package.",
            "Japan",
        ),
        ("Washington will send two more destroyers to the region.", "United States"),
        ("Tokyo will contribute $3 billion to the fund.", "Japan"),
        ("New Delhi will allocate Rs 500 crore to the project.", "India"),
        ("Britain will double its aid to Sudan.", "United Kingdom"),
        ("Sources said the UK would join the initiative.", "United Kingdom"),
        (
            "The UK and India will agree to closer maritime co-operation.",
            "United Kingdom and India",
        ),
        ("India and the UK will carry out joint exercises.", "India and the United Kingdom"),
        (
            "Kenya's President William Ruto said his government would double geothermal output.",
            "Kenya",
        ),
        ("Tata Group will invest £4bn in a battery plant in Somerset.", "Tata Group"),
        (
            "The Government of India has decided to set up a fund for start-ups.",
            "India",
        ),
    ],
)
def test_subject_resolves_to_the_named_party(text: str, actor: str) -> None:
    assert _only(text).actor == actor


def test_a_person_quoted_on_a_sentence_speaks_for_its_subject() -> None:
    text = (
        "Australia is set to deliver A$1.2 billion to Pacific nations, Foreign Minister Penny "
        "Wong said. Wong has promised to open two new embassies by the end of the year."
    )

    assert _last(text).actor == "Australia"


def test_the_two_countries_are_the_two_parties_the_article_is_about() -> None:
    text = (
        "Kenya and Ethiopia held talks in Nairobi. Kenya wants a new road. Ethiopia wants a "
        "port. The two countries will build a joint border post by 2025."
    )

    assert _last(text).actor == "Kenya and Ethiopia"


def test_both_sides_is_a_joint_pledge() -> None:
    text = (
        "India signed the deal with the European Union. The EU will share chip designs with "
        "India. Both sides agreed to convene a working group by March 2024."
    )

    last = _last(text)
    assert last.actor == "India and the European Union"
    assert last.counterparty == ""


def test_the_programme_and_it_refer_to_whoever_launched_it() -> None:
    text = (
        "Canada will launch a new cyber programme with Brazil. The programme will train 500 "
        "analysts a year. It will also fund a research centre in Brasilia."
    )

    assert [c.actor for c in extract(text, PUBLISHED)] == ["Canada", "Canada", "Canada"]


def test_they_after_a_joint_pledge_is_the_same_partners() -> None:
    text = (
        "Nigeria and Ghana have agreed to build a gas pipeline. Ghana's President Nana "
        "Akufo-Addo has promised to cut import duties. They will also launch a joint task force."
    )

    assert _last(text).actor == "Nigeria and Ghana"


def test_a_partner_with_no_stated_country_is_the_other_party() -> None:
    text = (
        "Trade between the UK and India grew. In May 2021, British Prime Minister Boris Johnson "
        "and Prime Minister Narendra Modi made a commitment to strengthen work between UK and "
        "India over the next decade."
    )

    assert _last(text).actor == "United Kingdom and India"


def test_we_in_a_quote_is_the_speakers_party() -> None:
    text = "“We will send 50 more engineers to Kyiv,” the German chancellor said."

    assert _only(text).actor == "Germany"


def test_hms_queen_elizabeth_is_not_a_person() -> None:
    text = (
        "UK Foreign Secretary Liz Truss praised the visit by HMS Queen Elizabeth. She will "
        "also confirm a new platform for investors."
    )

    assert _last(text).actor == "United Kingdom"


@pytest.mark.parametrize(
    "text",
    [
        "India's economy will grow by 7 per cent this year.",
        "The semiconductor market in India is expected to reach $80 billion by 2028.",
        "Prices will rise further, analysts said.",
        "Critics say the plan will cost too much.",
        "Officials hope the funding will strengthen ties.",
        "The summit, which will be held next month, is the first since 2019.",
    ],
)
def test_forecasts_and_descriptions_have_no_actor(text: str) -> None:
    assert extract(text, PUBLISHED) == []


@pytest.mark.parametrize(
    ("text", "counterparty"),
    [
        ("The UK will provide £5m to Kenya for clean water.", "Kenya"),
        ("France will deepen its defence ties with India.", "India"),
        ("The UK will join India's Indo-Pacific Oceans Initiative.", "India"),
        ("The EU intends to adopt new sanctions against Russia.", "Russia"),
        ("Germany will build a new hospital in Berlin.", ""),
    ],
)
def test_counterparty_comes_from_the_clause(text: str, counterparty: str) -> None:
    assert _only(text).counterparty == counterparty


def test_counterparty_falls_back_to_the_other_country_of_the_article() -> None:
    text = (
        "Japan and Vietnam held talks in Hanoi. Vietnam asked for help. Japan will train 300 "
        "coast guard officers."
    )

    assert _last(text).counterparty == "Vietnam"


def test_passive_pledge_names_its_agent() -> None:
    text = (
        "Canada and Mexico signed a pact on Friday. A new fund worth $2bn will be set up by the "
        "two governments in 2025."
    )

    last = _last(text)
    assert last.actor == "Canada and Mexico"
    assert last.title == "New fund worth $2bn to be set up by the two governments in 2025"


def test_passive_pledge_without_agent_belongs_to_the_last_pledger() -> None:
    text = "Japan will launch a satellite. A new ground station will be built in Nairobi."

    assert [c.actor for c in extract(text, PUBLISHED)] == ["Japan", "Japan"]


def test_the_reported_party_pledges_not_the_reporter() -> None:
    text = "President Biden has promised that the US will defend Taiwan."

    only = _only(text)
    assert only.actor == "United States"
    assert only.title == "Defend Taiwan"


def test_the_government_is_the_party_the_article_opened_on() -> None:
    text = (
        "When the UK slashed its aid budget in 2021, few places felt it more than Uganda.\n\n"
        "Ministers have insisted the cut is temporary.\n\n"
        "The government also promised in 2021 to spend £1.5bn on girls' education over five "
        "years."
    )

    last = _last(text)
    assert last.actor == "United Kingdom"
    assert last.title == "Spend £1.5bn on girls' education over five years"


@pytest.mark.parametrize(
    "text",
    [
        "Japan will provide US$5 million for Kenya to build schools.",
        "Japan will provide $US5 million to Kenya.",
        "Japan will provide US $5 million to Kenya.",
    ],
)
def test_a_currency_spelt_with_a_partys_letters_names_no_party(text: str) -> None:
    pledge = _only(text)
    assert (pledge.actor, pledge.counterparty) == ("Japan", "Kenya")
    assert pledge.amount is not None and pledge.amount.currency == "USD"


def test_the_party_is_still_read_beside_its_currency() -> None:
    pledge = _only("The US will give NZ$3m to Fiji.")
    assert (pledge.actor, pledge.counterparty) == ("United States", "Fiji")


@pytest.mark.parametrize(
    ("text", "actor", "counterparty"),
    [
        (
            "The Kuwait Fund for Arab Economic Development (KFAED) will lend Egypt $100 million "
            "for a power station.",
            "Kuwait Fund for Arab Economic Development",
            "Egypt",
        ),
        (
            "The Saudi Arabian Monetary Authority will inject 30 billion riyals into the banking "
            "sector, the Saudi Press Agency reported.",
            "Saudi Arabian Monetary Authority",
            "",
        ),
        (
            "Britain will give £650 million to the African Development Fund.",
            "United Kingdom",
            "African Development Fund",
        ),
    ],
)
def test_a_fund_bank_or_authority_named_for_a_country_is_a_body_of_its_own(
    text: str, actor: str, counterparty: str
) -> None:
    pledge = _only(text)
    assert (pledge.actor, pledge.counterparty) == (actor, counterparty)


def test_a_body_named_for_a_country_is_found_again_by_its_acronym() -> None:
    text = (
        "The Kuwait Fund for Arab Economic Development (KFAED) will lend Egypt $100 million. "
        "The KFAED will also finance a water project in Jordan."
    )

    assert _last(text).actor == "Kuwait Fund for Arab Economic Development"


@pytest.mark.parametrize(
    ("text", "actor", "counterparty"),
    [
        (
            "Saudi Arabia will deposit $3 billion at the Central Bank of Pakistan.",
            "Saudi Arabia",
            "Pakistan",
        ),
        (
            "The Korea International Cooperation Agency will build a clinic in Laos.",
            "South Korea",
            "Laos",
        ),
        ("China's Exim Bank will lend $2 billion to Angola.", "China", "Angola"),
    ],
)
def test_a_states_bank_or_aid_agency_acts_for_its_state(
    text: str, actor: str, counterparty: str
) -> None:
    pledge = _only(text)
    assert (pledge.actor, pledge.counterparty) == (actor, counterparty)


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "Volkswagen said it will invest $1.5 billion in Slovakia. The German carmaker will "
            "also build a plant in Spain.",
            "Volkswagen",
        ),
        (
            "Jaguar Land Rover said it will invest $1.5 billion in Slovakia. The British luxury "
            "carmaker will also build a plant in Nitra.",
            "Jaguar Land Rover",
        ),
    ],
)
def test_a_company_described_by_its_nationality_is_the_company_not_the_country(
    text: str, actor: str
) -> None:
    assert _last(text).actor == actor


def test_a_company_described_by_its_nationality_and_named_nowhere_is_left_to_the_analyst() -> None:
    pledge = _only("The German carmaker will build a plant in Spain.")

    assert (pledge.actor, pledge.unresolved) == ("", ("actor",))


def test_an_acronym_spelling_an_unlisted_name_stands_for_that_name() -> None:
    text = (
        "Jaguar Land Rover (JLR) said it will invest $1.5 billion in Slovakia. JLR will also "
        "build a plant in Nitra."
    )

    assert [c.actor for c in extract(text, PUBLISHED)] == ["Jaguar Land Rover"] * 2


def test_it_after_a_saying_is_whoever_said_so() -> None:
    text = (
        "Jaguar Land Rover said it will invest $1.5 billion in Slovakia. The Slovak government "
        "said it approved 130 million euros in state aid for the project."
    )

    assert _last(text).actor == "Slovakia"


@pytest.mark.parametrize(
    "text",
    [
        "Participants of a virtual conference on the Sahel region have committed to allocate "
        "$1.7 billion to Burkina Faso, Niger and Mali.",
        "Donors at the Oslo conference pledged $500 million for Nigeria.",
        "Participants committed to provide $2 billion to Yemen.",
    ],
)
def test_an_unnamed_group_of_pledgers_is_left_to_the_analyst_not_guessed(text: str) -> None:
    pledge = _only(text)

    assert (pledge.actor, pledge.unresolved) == ("", ("actor",))


def test_members_of_the_one_body_named_met_somewhere_pledge_for_that_body() -> None:
    pledge = _only(
        "The African Union summit opened in Addis Ababa on Sunday. African leaders at the "
        "summit in Addis Ababa agreed to send 5,000 troops to Somalia by June."
    )

    assert pledge.actor == "African Union"


def test_the_receiver_after_the_verb_is_not_the_actor() -> None:
    pledge = _only(
        "The Kuwait Fund for Arab Economic Development (KFAED) signed an agreement with the "
        "World Food Program (WFP) for a contribution of $10m to food aid in Yemen."
    )

    assert pledge.actor == "Kuwait Fund for Arab Economic Development"


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("At its meeting in Lima, CAF approved 14 loans for 9 countries.", "CAF"),
        (
            "CAF -development bank of Latin America and the Caribbean- approved USD 2.74 billion "
            "for Argentina, Bolivia and Peru.",
            "CAF",
        ),
        (
            "CAF, the development bank of Latin America, approved USD 2.74 billion for Peru.",
            "CAF",
        ),
    ],
)
def test_a_bank_is_not_the_place_it_met_in_or_the_region_its_description_names(
    text: str, actor: str
) -> None:
    assert _only(text).actor == actor


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "The $4.3 billion battery plant will be built by Acme Batteries and Hyundai.",
            "Acme Batteries and Hyundai",
        ),
        (
            "Acme Batteries and Hyundai will build a battery plant in Georgia.",
            "Acme Batteries and Hyundai",
        ),
        ("A battery plant will be built by Hyundai and in Georgia a depot.", "Hyundai"),
    ],
)
def test_an_unlisted_company_joined_to_a_listed_one_pledges_with_it(text: str, actor: str) -> None:
    assert _only(text).actor == actor


def test_aid_for_gaza_goes_to_palestine() -> None:
    pledge = _only(
        "Australia will provide a further $5 million for humanitarian assistance in Gaza."
    )

    assert pledge.counterparty == "Palestine"


def test_they_after_the_two_nations_in_the_same_sentence_are_the_two_nations() -> None:
    text = (
        "Indian Prime Minister Narendra Modi wrapped up his visit to France that saw the two "
        "nations elevate their ties as they decided to move ahead with the Jaitapur nuclear "
        "project."
    )

    assert _only(text).actor == "India and France"


def test_a_minister_named_in_an_opening_phrase_does_not_join_the_subject() -> None:
    text = (
        "Finland is among the largest donors to the crisis.\n\n"
        "By decision of Minister for International Development Pekka Haavisto, the Ministry for "
        "Foreign Affairs has granted 14.9 million euros in humanitarian assistance to Syria."
    )

    pledge = _last(text)
    assert (pledge.actor, pledge.counterparty) == ("Finland", "Syria")
