"""Words that frame a clause so that its "will" commits no one, or less surely, one record
each by what they do.

- opinion: a hope, belief, fear or forecast before the cue ("Officials hope the funding
  will ..."): the clause is dropped.
- hedge: the clause holds a possibility ("could", "may"): a proposal, with less confidence.
- condition: the clause holds a condition ("if", "provided that"): a proposal, with less
  confidence; `opening` ones count only as the clause's first word ("Should talks fail").
- demand: the subject asks others to act ("We encourage partners to meet their pledges",
  "calling on donors to double their pledges"): what follows is not the subject's pledge.
- tally: a sum told as a running total ("so far", "in total"): with a past-tense cue and no
  deadline, a tally and not a new pledge.
- shortfall: what came of a pledge told after it ("promised $1 billion and delivered less",
  "but has yet to disburse"): the pledge is background to its outcome, not a new one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Frame:
    words: str
    kind: str  # opinion | hedge | condition | demand | tally | shortfall
    opening: bool = False


KINDS = ("opinion", "hedge", "condition", "demand", "tally", "shortfall")


def _each(kind: str, block: str) -> tuple[Frame, ...]:
    return tuple(Frame(word, kind) for word in block.split())


FRAMES: tuple[Frame, ...] = (
    *_each(
        "opinion",
        """
        hope hopes hoped hoping want wants wanted wish wishes wished expect expects expected
        believe believes believed think thinks thought fear fears feared predict predicts
        predicted warn warns warned doubt doubts argue argues argued suggest suggests
        suggested worry worries worried speculate speculates speculated speculating
        speculation speculations say critics optimistic confident hopeful pessimistic
        sceptical skeptical unclear uncertain wonder wonders wondered wondering whether
        """,
    ),
    *_each("hedge", "could may might possibly perhaps"),
    Frame("would consider", "hedge"),
    *_each("condition", "if unless once"),
    Frame("provided that", "condition"),
    Frame("subject to", "condition"),
    Frame("on condition", "condition"),
    Frame("should", "condition", opening=True),
    *_each(
        "demand",
        """
        urge urges urged urging encourage encourages encouraged encouraging ask asks asked
        asking invite invites invited inviting press presses pressed pressing
        """,
    ),
    Frame("call on", "demand"),
    Frame("calls on", "demand"),
    Frame("called on", "demand"),
    Frame("calling on", "demand"),
    Frame("appeal to", "demand"),
    Frame("appealed to", "demand"),
    Frame("in total", "tally"),
    Frame("so far", "tally"),
    Frame("to date", "tally"),
    Frame("thus far", "tally"),
    Frame("altogether", "tally"),
    Frame("in all", "tally"),
    Frame("over the past", "tally"),
    Frame("over the last", "tally"),
    Frame("in the past", "tally"),
    *(
        Frame(f"{verb} {how}", "shortfall")
        for verb in ("delivered", "disbursed", "paid", "provided", "handed over", "released")
        for how in ("less", "little", "only", "a fraction", "none", "nothing", "half")
    ),
    Frame("fell short", "shortfall"),
    Frame("has fallen short", "shortfall"),
    Frame("have fallen short", "shortfall"),
    *(
        Frame(f"{negation} {verb}", "shortfall")
        for negation in ("yet to", "failed to", "never")
        for verb in ("deliver", "delivered", "disburse", "disbursed", "pay", "paid")
    ),
    *(
        Frame(words, "shortfall")
        for words in (
            "not kept",
            "never kept",
            "failed to honour",
            "failed to honor",
            "failed to keep",
            "broke its promise",
            "broke their promise",
            "broken promise",
            "broken promises",
        )
    ),
    Frame("yet to materialise", "shortfall"),
    Frame("yet to materialize", "shortfall"),
    Frame("never materialised", "shortfall"),
    Frame("never materialized", "shortfall"),
)
