from __future__ import annotations

import pytest

from commitments.extraction.cues import find_cue


@pytest.mark.parametrize(
    ("clause", "cue"),
    [
        ("The UK will provide £5m to Kenya", "will"),
        ("Member states shall contribute €5bn", "will"),
        ("Britain is to send 200 troops to Estonia", "is to"),
        ("Japan is set to announce a $3bn fund", "is set to"),
        ("The government plans to build 20 schools", "plans to"),
        ("India intends to ratify the treaty", "plans to"),
        ("The two countries plan to hold a joint naval exercise", "plans to"),
        ("Canada has pledged C$500m for vaccines", "pledged"),
        ("The president promised to cut tariffs", "pledged"),
        ("Ghana has promised to cut import duties", "pledged"),
        ("The leaders agreed to deepen defence cooperation", "pledged"),
        ("The US and Japan agreed on Wednesday to deepen ties", "pledged"),
        ("Kenya is committed to making the region safer", "is committed to"),
        ("France remains firmly committed to the alliance", "is committed to"),
        ("The leaders made a commitment to strengthen work", "made a commitment to"),
        # The passive of any pledge verb, read by its stem: "launch" gives "launched".
        ("A farm mechanisation scheme will be launched in 700 districts", "will"),
        ("The old port will be rehabilitated by 2026", "will"),
        ("The ministry announced it would open three consulates", "announced it would"),
        ("Tinubu said Nigeria would invest N500 billion", "announced it would"),
        ("The minister will confirm plans to hold a summit", "will confirm plans to"),
        ("The bank announced a new $2bn facility", "announced"),
        ("Australia unveiled A$300m in climate funding", "announced"),
        ("The Commission aims to conclude talks within two years", "aims to"),
        ("The programme will aim to protect infrastructure", "aims to"),
        ("with Washington pledging to upgrade its command", "pledging"),
        ("India and Japan signed an agreement to build a rail line", "signed an agreement to"),
        ("Japan expressed its intention to provide grant aid", "expressed its intention to"),
        (
            "The leaders reaffirmed their commitment to open 12 consulates",
            "reaffirmed its commitment to",
        ),
        ("They signed a memorandum of understanding to share data", "signed an agreement to"),
        ("The funding will be delivered over five years", "will"),
        ("Truss will hold talks to develop defence-related trade", "will"),
        ("They will hold a joint exercise next month", "will"),
    ],
)
def test_recognises_pledge_wording(clause: str, cue: str) -> None:
    found = find_cue(clause)

    assert found is not None
    assert found.name == cue


@pytest.mark.parametrize(
    "clause",
    [
        "She wants to counter Russia's aggression",
        "The minister hopes to visit soon",
        "The CSG took part in the exercise",
        "Strengthening ties has been a priority",
        "This is her second trip to the country",
        "Prices will likely rise",
        "The deal will be difficult",
        "Liz Truss will be in India on Thursday",
        "The Foreign Secretary will meet her counterpart and convey her concerns",
        "The leaders will discuss trade",
        "The plan will help exports",
        "The leaders reaffirmed their commitment to open markets",
        "It will not open a new office",
        "India has not agreed to the terms",
        "The roadmap was agreed last year",
        "The UK should do more",
        "Japan could provide more aid",
        "The bank announced his resignation",
        "William Ruto said the talks were useful",
        "The two leaders plan to meet again next month",
        "They will stress the importance of the alliance",
        "The summit was held in Rome",
        "The leaders signed a deal on Friday",
        "The G20 summit will be held in Delhi next month",
    ],
)
def test_rejects_wishes_forecasts_itineraries_and_past_events(clause: str) -> None:
    assert find_cue(clause) is None


def test_past_pledges_are_marked_past() -> None:
    cue = find_cue("In 2021 the two leaders made a commitment to strengthen ties")

    assert cue is not None
    assert cue.past


def test_reported_subject_is_located() -> None:
    clause = "Sources said the UK would join the initiative"
    cue = find_cue(clause)

    assert cue is not None
    assert cue.subject_start is not None
    assert cue.subject_end is not None
    assert clause[cue.subject_start : cue.subject_end] == "the UK"


def test_weaker_cues_are_weaker() -> None:
    strong = find_cue("India has pledged to cut emissions")
    weak = find_cue("India aims to cut emissions")

    assert strong is not None
    assert weak is not None
    assert weak.strength < strong.strength
