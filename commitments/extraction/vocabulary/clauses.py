"""The words that join, open and close the clauses a sentence is split into, one record
each."""

from __future__ import annotations

from dataclasses import dataclass

# After a comma or semicolon, a word that may join a second pledge to the first ("..., and
# announce Y", "..., while India will fund Z"); cut from the end of the clause before it.
# "and then" needs no record of its own: "then" is a `LEAD_ADVERBS` record.
CONJUNCTIONS: tuple[str, ...] = ("and", "but", "while", "whereas", "as well as", "with")

# Adverbs between a conjunction and the verb it coordinates ("..., and also announce Y").
LEAD_ADVERBS: tuple[str, ...] = ("also", "then", "further", "additionally", "separately")

# Openings of a series of acts under one subject ("with such measures as encouraging X,
# supporting Y", "by training X, equipping Y"): a bare comma before a gerund cuts it.
GERUND_SERIES: tuple[str, ...] = (
    "such as",
    "measures as",
    "steps as",
    "actions as",
    "including",
    "by",
)


@dataclass(frozen=True)
class Addition:
    """A word that tells a second sum from the first ("pledged $50m for schools, and another
    $20m for clinics"): the verb is understood, so the sum opens a clause of its own."""

    words: str
    after_and: bool = True  # also read in "... and another $3 million for clinics"


ADDITIONS: tuple[Addition, ...] = (
    Addition("another"),
    Addition("a further"),
    Addition("further"),
    Addition("an additional"),
    Addition("a separate", after_and=False),
    Addition("a second", after_and=False),
    Addition("a third", after_and=False),
)

# Openings of a subordinate clause ("as she seeks to strengthen ties", "in a bid to"): an aim
# told in one is the reason for a trip, not a pledge.
SUBORDINATORS: tuple[str, ...] = ("as", "while", "since", "because", "in a bid", "amid")

# Abbreviations whose full stop ends no sentence inside a quote ("schools, clinics etc. The").
ABBREVIATIONS: tuple[str, ...] = ("etc", "vs", "approx", "incl", "esp", "cf", "al", "ca")
