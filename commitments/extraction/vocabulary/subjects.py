"""Nouns for an institution or a firm named without saying whose ("the ministry", "the
company"), one record each, by the kind of party an article may tie it to.

- firm: a company; read as the company the article named last ("Volkswagen will build ...
  The company will also ...").
- body: an international body, bank or fund; read as the body the article named last.
- office: a part of a state; never placed from context, so the review asks whose it is.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Institution:
    word: str
    kind: str  # firm | body | office
    plural: str = ""  # a plural that still names one party's organs ("the ministries")

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.word, self.plural) if self.plural else (self.word,)


KINDS = ("firm", "body", "office")

# Nouns for a state's own organs ("the government", "Officials said", "the Treasury"): a
# subject naming one acts for the country the article ties it to. Read with a capital or
# without, except `CAPITALISED_ORGANS` ("the Centre" in India, never "the centre").
STATE_ORGANS: tuple[str, ...] = (
    "government", "administration", "cabinet", "ministry", "department", "officials",
    "ministers", "authorities", "country", "nation", "state", "kingdom", "republic",
    "leadership", "regime", "treasury", "parliament", "congress", "commission",
    "member states", "executive",
)  # fmt: skip
CAPITALISED_ORGANS: tuple[str, ...] = ("Centre",)

# What an apposition calls a company ("VACOM, a German manufacturing company specialising in
# ..."): the name before it is a party in its own right. Every firm institution is one.
FIRM_DESCRIPTIONS: tuple[str, ...] = (
    "company", "firm", "maker", "manufacturer", "group", "automaker", "carmaker", "producer",
    "giant", "provider", "developer", "conglomerate", "operator", "startup", "start-up",
    "retailer", "lender", "insurer", "investor", "supplier", "exporter", "miner", "airline",
    "utility", "corporation",
)  # fmt: skip

INSTITUTIONS: tuple[Institution, ...] = (
    Institution("company", "firm"),
    Institution("firm", "firm"),
    Institution("group", "firm"),
    Institution("automaker", "firm"),
    Institution("carmaker", "firm"),
    Institution("developer", "firm"),
    Institution("operator", "firm"),
    Institution("corporation", "firm"),
    Institution("bloc", "body"),
    Institution("alliance", "body"),
    Institution("union", "body"),
    Institution("organisation", "body"),
    Institution("organization", "body"),
    Institution("body", "body"),
    Institution("institution", "body"),
    Institution("lender", "body"),
    Institution("bank", "body"),
    Institution("agency", "body"),
    Institution("fund", "body"),
    Institution("commission", "body"),
    Institution("board", "body"),
    Institution("grouping", "body"),
    Institution("forum", "body"),
    Institution("ministry", "office", "ministries"),
    Institution("government", "office"),
    Institution("department", "office"),
    Institution("authority", "office", "authorities"),
    Institution("administration", "office"),
    Institution("council", "office"),
    Institution("utility", "office"),
    Institution("state", "office"),
    Institution("emirate", "office"),
    Institution("province", "office"),
    Institution("country", "office"),
)
