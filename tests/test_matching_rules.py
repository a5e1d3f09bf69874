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
