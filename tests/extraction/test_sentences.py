from __future__ import annotations

from datetime import date

import pytest

from commitments.extraction import extract
from commitments.extraction.sentences import Span, split_clauses, split_sentences


def _clauses(sentence: str) -> list[str]:
    return [sentence[c.start : c.end] for c in split_clauses(sentence, Span(0, len(sentence)))]


def test_sentences_are_verbatim_spans() -> None:
    text = (
        "The UK will provide £5m to Kenya. Mr. Smith said the U.S. would help.\n\n"
        "“We will do it,” the minister said. It was agreed."
    )

    spans = split_sentences(text)

    assert [text[s.start : s.end] for s in spans] == [
        "The UK will provide £5m to Kenya.",
        "Mr. Smith said the U.S. would help.",
        "“We will do it,” the minister said.",
        "It was agreed.",
    ]


def test_sentences_never_cross_a_paragraph() -> None:
    text = "A heading without a full stop\n\nThe body starts here. It goes on."

    spans = split_sentences(text)

    assert [text[s.start : s.end] for s in spans][0] == "A heading without a full stop"


def test_lines_not_worth_splitting_come_back_whole() -> None:
    text = "Background one. Background two.\nThe UK will act. It will pay."

    spans = split_sentences(text, worth_splitting=lambda line: "will" in line)

    assert [text[s.start : s.end] for s in spans] == [
        "Background one. Background two.",
        "The UK will act.",
        "It will pay.",
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "She will also work to deepen cybersecurity and defence cooperation between the two "
            "countries, and announce a new joint cybersecurity programme, sources said.",
            [
                "She will also work to deepen cybersecurity and defence cooperation between the "
                "two countries",
                "announce a new joint cybersecurity programme, sources said.",
            ],
        ),
        (
            "The US will send troops, and Japan will provide funding.",
            ["The US will send troops", "Japan will provide funding."],
        ),
        (
            "The bank will lend $2bn; it will also train 500 engineers.",
            ["The bank will lend $2bn", "it will also train 500 engineers."],
        ),
        (
            "Kenya will build the road and will also open two clinics.",
            ["Kenya will build the road", "will also open two clinics."],
        ),
        (
            "The EU pledged to expand trade, and to reduce tariffs by 2026.",
            ["The EU pledged to expand trade", "reduce tariffs by 2026."],
        ),
        (
            "His government intends to cut red tape within 18 months and to launch a line.",
            ["His government intends to cut red tape within 18 months", "launch a line."],
        ),
        (
            "They agreed to deepen ties, with Washington pledging to upgrade its command.",
            ["They agreed to deepen ties", "Washington pledging to upgrade its command."],
        ),
    ],
)
def test_coordinated_pledges_become_clauses(sentence: str, expected: list[str]) -> None:
    assert _clauses(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "India and the UK will work together to increase cyber security and carry out joint "
        "exercises, sources said.",
        "She will confirm plans for a platform to bid for green infrastructure, technology, and "
        "business opportunities in India.",
        "The UK will join the initiative and become a lead partner on maritime security issues.",
        "It will fund roads, schools, and hospitals.",
        "The plan, which includes loans and grants, will cost $5bn.",
        "It will provide aid (food, and shelter) to the region.",
        "The fund will invest, with support from Japan, in solar power.",
    ],
)
def test_lists_and_single_pledges_stay_whole(sentence: str) -> None:
    assert _clauses(sentence) == [sentence]


def test_shared_subject_clauses_are_marked() -> None:
    sentence = "Truss will visit Delhi, and sign a trade pact."

    first, second = split_clauses(sentence, Span(0, len(sentence)))

    assert (first.shares_subject, second.shares_subject) == (False, True)


def test_clause_offsets_are_article_offsets() -> None:
    text = "Intro. The UK will build a port, and Kenya will run it."
    (_, sentence) = split_sentences(text)

    clauses = split_clauses(text, sentence)

    assert [text[c.start : c.end] for c in clauses] == [
        "The UK will build a port",
        "Kenya will run it.",
    ]


def test_adding_that_starts_a_second_report_with_its_own_pledge() -> None:
    text = (
        "Chile and Peru will jointly build a border clinic, the statement noted, adding that "
        "Santiago will allocate $12 million for its equipment."
    )
    found = extract(text, date(2024, 5, 6))
    assert [c.actor for c in found] == ["Chile and Peru", "Chile"]


def test_and_decided_to_starts_a_second_pledge_of_the_same_subject() -> None:
    assert _clauses(
        "The two nations agreed on a deal for 12 patrol boats and decided to build a port."
    ) == ["The two nations agreed on a deal for 12 patrol boats", "decided to build a port."]
