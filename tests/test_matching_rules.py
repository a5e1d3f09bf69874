"""The rules that decide which tracked pledge a statement is about, read through the selector
the review step uses."""

from __future__ import annotations

import pytest

from commitments.importing import extract_candidates, extract_progress, read_bytes
from commitments.matching import find_matches, statements_of
from commitments.services import SYSTEM, source_import

pytestmark = pytest.mark.django_db


def track(text: str):
    article = read_bytes(text.encode(), filename="original.txt")
    result = source_import(article=article, candidates=extract_candidates(article), user=SYSTEM)
    assert result.commitments, "the original's pledge should be tracked"
    return result.commitments


def suggestions(text: str):
    article = read_bytes(text.encode(), filename="follow-up.txt")
    statements = statements_of(
        extract_progress(article), extract_candidates(article), published_on=article.published_on
    )
    return find_matches(statements, sha256=article.sha256)


def test_a_subsidiary_reports_on_its_parents_pledge():
    (pledge,) = track(
        "date 2022-03-10\n\nVolkswagen in Spain\n\n"
        "Volkswagen will build a battery gigafactory in Sagunto, Spain, officials said."
    )
    found = suggestions(
        "date 2023-03-17\n\nWork starts in Sagunto\n\n"
        "PowerCo has started construction of the battery gigafactory in Sagunto, Spain."
    )
    assert found and found[0].commitment == pledge
    assert "same parties" in found[0].why


def test_a_member_paying_its_share_reports_on_the_groups_pledge():
    (pledge,) = track(
        "date 2024-06-15\n\nG7 loans\n\n"
        "The G7 will provide $50 billion in Extraordinary Revenue Acceleration (ERA) loans "
        "to Ukraine."
    )
    found = suggestions(
        "date 2025-01-10\n\nFirst tranche\n\n"
        "Ukraine has received €3 billion from the European Union under the ERA loans."
    )
    assert found and found[0].commitment == pledge
    assert "European Union for the G7" in found[0].why


def test_a_leader_named_by_title_reports_for_the_country():
    (pledge,) = track(
        "date 2019-06-12\n\nDemocracy Day\n\n"
        "Nigeria will complete the Second Niger Bridge by 2022, the government said."
    )
    found = suggestions(
        "date 2023-05-24\n\nBridge opened\n\n"
        "President Muhammadu Buhari commissioned the Second Niger Bridge on Tuesday."
    )
    assert found and found[0].commitment == pledge


def test_a_grant_is_not_the_loan_however_alike():
    track(
        "date 2022-08-02\n\nCredit line\n\n"
        "India will provide a $100 million line of credit to the Maldives for the Male bridge."
    )
    assert (
        suggestions(
            "date 2024-05-02\n\nGrant\n\n"
            "India will provide a $100 million grant to the Maldives for the Male bridge."
        )
        == []
    )


def test_another_of_the_same_is_a_new_pledge():
    track(
        "date 2023-01-06\n\nPatriot\n\n"
        "Germany will send a Patriot air defence battery to Ukraine, Berlin said."
    )
    assert (
        suggestions(
            "date 2024-04-13\n\nAnother Patriot\n\n"
            "Germany will send another Patriot air defence battery to Ukraine, Berlin said."
        )
        == []
    )


def test_a_signed_loan_agreement_is_news_of_the_pledge_to_sign_it():
    (pledge,) = track(
        "date 2024-05-03\n\nMemorandum\n\n"
        "The Saudi Fund for Development and El Salvador will sign the loan agreement in the "
        "coming weeks, the fund said."
    )
    found = suggestions(
        "date 2024-06-06\n\nLoan signed\n\n"
        "The Saudi Fund for Development has inked a $83 million loan agreement with El Salvador "
        "for a water treatment plant."
    )
    assert found and found[0].commitment == pledge
    assert "the signing it promised" in found[0].why


def test_a_signing_of_another_kind_of_deal_is_not_the_pledge_to_sign():
    track(
        "date 2024-05-03\n\nMemorandum\n\n"
        "The Saudi Fund for Development and El Salvador will sign the loan agreement in the "
        "coming weeks, the fund said."
    )
    assert (
        suggestions(
            "date 2024-06-06\n\nCooperation\n\n"
            "The Saudi Fund for Development signed an agreement with El Salvador's foreign "
            "ministry on cultural cooperation."
        )
        == []
    )


def test_a_deal_for_another_number_of_the_same_things_is_another_deal():
    (pledge,) = track(
        "date 2015-04-12\n\nRafale\n\n"
        "India and France agreed on a deal for 36 Rafale fighter jets, Modi said."
    )
    assert (
        suggestions(
            "date 2025-04-28\n\nRafale Marine\n\n"
            "India and France on Monday inked an agreement to procure 26 Rafale marine jets."
        )
        == []
    )
    found = suggestions(
        "date 2022-02-23\n\nThree more\n\n"
        "Three more Rafale jets reached India from France; India has now received 35 of the "
        "36 Rafale fighter jets."
    )
    assert found and found[0].commitment == pledge  # one delivery of several is part of it


def test_a_share_that_names_the_pledges_total_is_about_it():
    (pledge,) = track(
        "date 2024-06-15\n\nG7 loans\n\n"
        "The G7 will make available USD 50 billion in loans to Ukraine by the end of the year."
    )
    found = suggestions(
        "date 2024-12-10\n\nUS share\n\n"
        "The United States has disbursed a $20 billion loan for Ukraine under the "
        "$50 billion G7 support package."
    )
    assert found and found[0].commitment == pledge
    assert "its total named" in found[0].why
    assert found[0].statement.suggests == "fulfilled"
    assert found[0].suggests == "partially_fulfilled"  # a part of the pledge's sum


def test_a_step_told_as_before_the_pledge_is_not_about_it():
    track(
        "date 2022-08-02\n\nCredit line\n\n"
        "India will provide a $100 million line of credit to the Maldives for the Male bridge."
    )
    assert (
        suggestions(
            "date 2024-05-02\n\nHistory\n\n"
            "In 2019 India signed a $100 million line of credit with the Maldives for the "
            "Male bridge."
        )
        == []
    )


def test_more_of_the_same_things_is_a_new_pledge_not_the_old_one_again():
    track(
        "date 2023-01-06\n\nPatriot\n\n"
        "Germany will join the United States in supplying an additional Patriot air defense "
        "battery to Ukraine."
    )
    found = suggestions(
        "date 2025-08-01\n\nMore\n\n"
        "Germany will transfer more Patriot air defense systems to Ukraine over the next months."
    )
    assert found == []


def test_of_two_alike_pledges_news_weeks_later_is_about_the_recent_one():
    track(
        "date 2023-01-06\n\nPatriot\n\n"
        "Germany will supply an additional Patriot air defense battery to Ukraine."
    )
    (recent,) = track(
        "date 2025-07-21\n\nFive Patriots\n\n"
        "Germany will provide Patriot air defense systems to Ukraine, the minister said."
    )
    found = suggestions(
        "date 2025-08-02\n\nDispatch\n\n"
        "Germany has delivered two Patriot air defense systems to Ukraine."
    )
    assert found and found[0].commitment == recent
    assert "pledged 12 days before" in found[0].why


def _bridges_of_three_countries():
    (pledge,) = track(
        "date 2019-06-12\n\nDemocracy Day\n\n"
        "China will help Nigeria complete the Second Niger Bridge by 2022, the government said."
    )
    track(
        "date 2020-05-02\n\nAssam\n\nIndia will build 12 new bridges in Assam, the minister said."
    )
    track(
        "date 2020-07-09\n\nTana\n\n"
        "Kenya will build a bridge over the Tana river, the ministry said."
    )
    return pledge


def test_a_word_other_countries_pledges_use_still_tells_this_countrys_pledge():
    pledge = _bridges_of_three_countries()

    found = suggestions(
        "date 2022-12-15\n\nOpen for the holidays\n\n"
        "Nigeria and China have opened the bridge to traffic for the holidays, the minister said. "
        "Nigeria and China finished the approach roads to the bridge in November, he added."
    )

    assert [m.commitment for m in found] == [pledge, pledge]
    assert "words rare among these parties' pledges" in found[0].why


def test_a_word_only_this_countrys_pledge_uses_needs_a_second_statement_behind_it():
    _bridges_of_three_countries()

    found = suggestions(
        "date 2022-12-15\n\nOpen for the holidays\n\n"
        "Nigeria and China have opened the bridge to traffic for the holidays, the minister said."
    )

    assert found == []


# News of progress in wording no progress phrase has, which the progress model reads.
LEARNED = (
    "date 2024-06-01\n\nRailway City\n\n"
    "Work on the second phase of the Railway City station in Nairobi has now reached 60 "
    "percent, the United Kingdom and Kenya said."
)


def test_news_only_the_progress_model_reads_is_matched_to_the_pledge_it_is_about():
    (pledge,) = track(
        "date 2022-12-07\n\nRailway City\n\n"
        "The UK and Kenya will jointly build a green railroad station in Nairobi called "
        "Railway City."
    )
    (statement,) = extract_progress(read_bytes(LEARNED.encode(), filename="follow-up.txt"))
    assert statement.learned and statement.needs_match

    found = suggestions(LEARNED)

    assert [m.commitment for m in found] == [pledge]
    assert found[0].suggests == "in_progress"


def test_a_statement_the_progress_model_proposes_yields_to_a_pledge_on_its_sentence():
    article = read_bytes(LEARNED.encode(), filename="follow-up.txt")
    (statement,) = extract_progress(article)
    pledge = read_bytes(
        b"date 2024-06-01\n\nRailway City\n\nKenya will provide $5 million to finish the "
        b"Railway City station in Nairobi by 2026.",
        filename="pledge.txt",
    )
    (candidate,) = extract_candidates(pledge)
    assert candidate.start < statement.end and statement.start < candidate.end

    statements = statements_of([statement], [candidate], published_on=article.published_on)

    assert [s.kind for s in statements] == ["restated"]
