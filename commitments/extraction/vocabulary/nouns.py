"""Nouns for the things a pledge creates, which can be a clause's subject but never pledge
themselves: "The fund will help farmers", "The accords will give new impetus"."""

from __future__ import annotations

from dataclasses import dataclass

# What a pledge sets up or signs. A subject that names one ("The new fund will ...") stands
# for whoever pledged it, so the actor is looked for before it.
SET_UP: tuple[str, ...] = (
    "programme", "program", "scheme", "fund", "initiative", "project", "facility", "deal",
    "agreement", "partnership", "package", "plan", "platform", "centre", "center", "dialogue",
    "pact", "mission", "taskforce", "task force", "money", "funding", "investment", "grant",
    "loan", "corridor", "memorandum", "MoU", "accord", "treaty", "framework", "roadmap",
    "effort", "move", "venture", "summit",
)  # fmt: skip

VEHICLES: tuple[str, ...] = (
    *SET_UP,
    "assistance", "aid", "support", "cooperation", "co-operation", "visit", "talks",
    "contribution", "financing", "credit", "sum", "amount", "commitment", "donation",
    "measure", "reform", "policy", "policies", "step",
)  # fmt: skip

# Bodies a pledge can set up ("The new bank will lend ..."): like `SET_UP`, a subject that
# names one stands for whoever pledged it.
BODIES_SET_UP: tuple[str, ...] = ("bank", "agency", "alliance", "coalition")

# What a sum can be part of when it is pledged ("The package includes $2 million for NGOs").
SUM_HOLDERS: tuple[str, ...] = (
    "package", "budget", "plan", "funding", "pledge", "allocation", "envelope", "programme",
    "program", "commitment", "contribution", "assistance", "aid", "support", "amount", "sum",
    "total",
)  # fmt: skip

# Words for a sum just pledged, as the subject of the line that leads its items ("The funds
# will go towards several areas:"): the items share it out.
SUM_WORDS: tuple[str, ...] = (
    "fund", "money", "package", "sum", "amount", "aid", "assistance", "support", "funding",
    "allocation", "budget", "grant", "loan", "contribution",
)  # fmt: skip

# Words that point back to something named before: "This will concentrate on ...".
DEMONSTRATIVES: tuple[str, ...] = ("this", "these", "those", "that", "which")

# Social engagements and ceremonies: opening, hosting or attending one commits no one.
CEREMONIES: tuple[str, ...] = (
    "exhibition", "exhibit", "lunch", "luncheon", "dinner", "banquet", "breakfast", "reception",
    "ceremony", "gala", "concert", "festival", "party", "plaque", "wreath", "statue", "parade",
    "photo opportunity", "state visit", "toast", "tea",
)  # fmt: skip

# A journey, and the verbs a party takes one with: "is set to make her first trip to Beijing",
# "will pay a visit to Nairobi". Travelling commits no one; a stated purpose may ("to sign").
JOURNEYS: tuple[str, ...] = ("trip", "visit", "tour", "journey", "stopover", "voyage")
JOURNEY_VERBS: tuple[str, ...] = (
    "make", "pay", "undertake", "embark on", "set off on", "begin", "start", "wrap up",
    "conclude", "cut short", "go on",
)  # fmt: skip

# Principles and norms: a pledge to uphold one ("commit to uphold the UN Charter", "will support
# more effective global governance") names nothing an analyst could track, unless it has a
# figure.
PRINCIPLES: tuple[str, ...] = (
    "UN Charter", "United Nations Charter", "Charter", "international law", "rule of law",
    "rules-based", "principles", "norms", "values", "multilateralism", "human dignity",
    "human rights", "shared prosperity", "global governance", "sovereignty",
    "territorial integrity",
)  # fmt: skip


@dataclass(frozen=True)
class Document:
    """A document two parties sign or exchange; a list of them under "The following
    agreements were signed:" is a list of pledges."""

    word: str
    plural: str


SIGNED_DOCUMENTS: tuple[Document, ...] = (
    Document("agreement", "agreements"),
    Document("deal", "deals"),
    Document("memorandum", "memoranda"),
    Document("memorandum of understanding", "memoranda of understanding"),
    Document("MoU", "MoUs"),
    Document("document", "documents"),
    Document("accord", "accords"),
    Document("contract", "contracts"),
    Document("treaty", "treaties"),
    Document("protocol", "protocols"),
    Document("project", "projects"),
    Document("initiative", "initiatives"),
)


# Nouns whose future is forecast, not promised: "Prices will rise", "The economy will grow",
# "The summit will focus on ...".
FORECAST_HEADS: tuple[str, ...] = (
    "economy", "economies", "price", "prices", "inflation", "growth", "demand", "supply",
    "exports", "imports", "trade", "market", "markets", "sales", "output", "emissions",
    "temperature", "temperatures", "population", "number", "numbers", "figure", "figures",
    "rate", "rates", "cost", "costs", "weather", "volatility", "concern", "concerns", "crisis",
    "war", "conflict", "invasion", "situation", "effect", "impact", "talks", "meeting",
    "summit", "visit", "trip", "event", "conference", "move", "decision", "aim", "goal", "idea",
    "purpose", "priority", "hope", "challenge", "question", "result", "outcome", "report",
    "study", "analyst", "analysts", "expert", "experts", "critics", "observers",
)  # fmt: skip

# A subject naming parties only as a group ("Gulf donors", "Western allies", "the lenders"):
# the review asks which parties.
PARTY_GROUPS: tuple[str, ...] = (
    "allies", "donors", "donor countries", "lenders", "creditors", "partner countries",
    "member countries", "governments", "leaders", "heads of state", "heads of government",
    "member states", "states", "nations", "countries", "participants",
    "participating countries",
)  # fmt: skip
# Of those, the ones that are a body's members when the article names one body: "African
# leaders agreed to send troops" at an African Union summit is the Union.
MEMBER_GROUPS: tuple[str, ...] = (
    "leaders", "heads of state", "heads of government", "member states", "member countries",
)  # fmt: skip

# A gathering that speaks for those who took part, as communiqués write it: "The Meeting agreed
# to establish a working group". It acts for the body the article names, or is left to review.
GATHERINGS: tuple[str, ...] = (
    "meeting", "ministerial meeting", "summit", "conference", "retreat", "plenary", "session",
)  # fmt: skip

# Named places and works a country's or river's name can be part of: "the Second Niger
# Bridge", "the Niger Delta" name no party.
NAMED_WORKS: tuple[str, ...] = (
    "Bridge", "River", "Delta", "Basin", "Dam", "Valley", "Road", "Highway", "Expressway",
    "Railway", "Street", "Avenue", "Square", "Stadium", "Canal", "Corridor", "Lake",
)  # fmt: skip

# The heads of a name that makes a body in its own right, whatever country or region the
# name holds: the "Kuwait Fund for Arab Economic Development" lends, not Kuwait; the
# "Saudi Arabian Monetary Authority" acts, not Saudi Arabia. A country's agency ("Korea
# International Cooperation Agency") acts for its country, and a bank "of" a country ("the
# Central Bank of Egypt") is its state's.
OWN_BODY_HEADS: tuple[str, ...] = ("Fund", "Bank", "Authority")

# The last word of a body's name ("Afghanistan Reconstruction Trust Fund", "Brazilian
# Development Bank"): a capitalised name ending in one, after "to", "for", "with" or "into",
# is the receiver of a pledge even when no party record holds it.
BODY_HEADS: tuple[str, ...] = (
    "Fund", "Bank", "Agency", "Trust", "Facility", "Programme", "Program", "Organization",
    "Organisation", "Authority", "Foundation", "Council", "Commission", "Corporation",
    "Company", "Institute", "Alliance", "Secretariat", "Executive", "Board", "Centre",
    "Center", "Network", "Initiative", "Group", "Holding", "Holdings", "Association",
)  # fmt: skip

# What "announced" takes as a pledge when it is the object, whose it is before it ("announced
# its first loan to Myanmar", "announced a fellowship for young diplomats").
ANNOUNCED_THINGS: tuple[str, ...] = (
    "fund", "package", "programme", "program", "scheme", "initiative", "grant", "loan",
    "facility", "deal", "agreement", "investment", "partnership", "aid", "support",
    "fellowship", "scholarship", "scholarships", "network", "taskforce", "task force",
    "working group", "centre", "center", "platform", "mechanism",
)  # fmt: skip

# Nominalised acts "announced the … of" makes a pledge of: "announced the creation of a prize",
# "the adoption of its aid budget", "the extension of the programme".
NOMINAL_ACTS: tuple[str, ...] = (
    "adoption", "creation", "launch", "establishment", "setting up", "allocation", "provision",
    "deployment", "dispatch", "construction", "opening", "extension", "expansion",
    "cancellation", "building", "upgrading", "supply", "donation", "delivery", "waiver",
    "doubling", "tripling",
)  # fmt: skip
