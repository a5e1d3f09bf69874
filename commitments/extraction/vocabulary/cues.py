"""The cues that make a clause a pledge, one record each, strongest reading first.

`pattern` is the verb group; `strength` how sure the reader can be that a pledge follows;
`modal` carries over to a coordinated verb ("will X, and Y"); `past` dates the pledge rather
than its deadline; `needs_object` counts the cue only with money or a plan after it. `hint`
lists word openings of which every match holds one: the pre-filter that decides whether a
paragraph can hold a pledge is built from them. `examples` are sentences the cue must find,
checked by the tests.
"""

from __future__ import annotations

from dataclasses import dataclass

from .calendar import DAY_WORDS, MONTHS, WEEKDAYS
from .verbs import GIVING, VERBS


@dataclass(frozen=True)
class CueRecord:
    name: str
    pattern: str
    strength: float
    modal: bool = True
    past: bool = False
    needs_object: bool = False
    money_subject: bool = False  # counts only with a sum before it: "$49m has been set aside"
    hint: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()


# Adverbs that may stand between a cue's words ("will also", "is now set to").
ADVERBS: tuple[str, ...] = (
    "also", "further", "now", "soon", "jointly", "additionally", "then", "formally",
    "officially", "separately", "initially", "immediately", "together", "each", "both", "all",
    "still", "again", "shortly", "swiftly", "quickly", "first", "publicly", "reportedly",
    "firmly", "fully", "strongly", "today", "this week", "always",
)  # fmt: skip

# "will likely ...", "will certainly ...": a modal with one of these forecasts, it does not promise.
FORECAST_ADVERBS: tuple[str, ...] = (
    "likely", "probably", "possibly", "perhaps", "certainly", "surely",
)  # fmt: skip


@dataclass(frozen=True)
class Earlier:
    """An adverb that dates a pledge before the news ("the amount they originally pledged",
    "has already committed")."""

    word: str
    inside: bool = True  # also read inside the verb group: "has already committed"


EARLIER_ADVERBS: tuple[Earlier, ...] = (
    Earlier("already"),
    Earlier("previously"),
    Earlier("originally"),
    Earlier("formerly", inside=False),
    Earlier("once"),
    Earlier("earlier", inside=False),
)

# "agreed on Wednesday to ...": when the pledge was made, between the verb and its "to".
_DAYS = "|".join([*WEEKDAYS, *(d.word for d in DAY_WORDS)])
_WHEN_WORD = (
    rf"\s+(?:on\s+)?(?:{_DAYS}"
    r"|last\s+\w+|this\s+\w+|earlier\s+\w+|in\s+[A-Z]\w+|in\s+\d{4})"
)
_WHEN = rf"(?:{_WHEN_WORD})?"
_MONTH_ALT = "|".join(m.name for m in MONTHS)
_ADVERB_ALT = "|".join(a.replace(" ", r"\s+") for a in ADVERBS)
_ADV = rf"(?:\s+(?:{_ADVERB_ALT}))*"


def _third_person(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


# "provides", "gives", "donates": pledge verbs that give something, in the present simple.
_PRESENT = tuple(_third_person(v.word) for v in VERBS if v.kind == "pledge" and v.word in GIVING)


CUES: tuple[CueRecord, ...] = (
    CueRecord(
        "made a commitment to",
        rf"\b(?:has\s+|have\s+|had\s+)?made{_ADV}\s+(?:a|an)\s+(?:\w+\s+)?(?:commitment|pledge"
        rf"|promise|undertaking)s?\s+to\b",
        0.9,
        past=True,
        hint=("made",),
        examples=("The UK has made a commitment to fund 500 places.",),
    ),
    CueRecord(
        "expressed its intention to",
        r"\b(?:expressed|announced|stated|confirmed|signalled|signaled|declared)\s+(?:its|their|his"
        r"|her|our|a\s+firm|a\s+strong|the)\s+(?:intention|readiness|willingness|determination|resolve"
        # "announced the decision of the kingdom to allocate €274 million"
        r"|plans?|decision)(?:\s+of\s+(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+)?)?\s+to\b",
        0.65,
        past=True,
        hint=(
            "intention",
            "readiness",
            "willingness",
            "determination",
            "resolve",
            "plan",
            "decision",
        ),
        examples=(
            "Japan expressed its intention to open a consulate in Lagos.",
            "Airbus announced its decision to raise its sourcing in India to 2 billion euros.",
        ),
    ),
    CueRecord(
        "reaffirmed its commitment to",
        r"\b(?:reaffirmed|reiterated|renewed|restated|underlined|affirmed)\s+(?:its|their|his|her"
        r"|our|a|the)\s+(?:\w+\s+)?(?:commitment|pledge|determination)s?\s+to\b",
        0.6,
        past=True,
        hint=("commitment", "pledge", "determination"),
        examples=("Canada reaffirmed its commitment to train 300 nurses.",),
    ),
    CueRecord(
        "is committed to",
        rf"\b(?:is|are|remains?|was|were|'s|’s){_ADV}\s+(?:\w+ly\s+)?(?:committed|determined)\s+to\b",
        0.85,
        hint=("committed", "determined"),
        examples=(
            "Norway is committed to doubling its support.",
            "Japan is determined to build a port in Kenya.",
        ),
    ),
    CueRecord(
        "will confirm plans to",
        rf"\b(?:will|shall){_ADV}\s+(?:confirm|announce|unveil|set\s+out|outline)\s+"
        rf"(?:new\s+|its\s+|their\s+)?plans\s+(?:to|for)\b",
        0.8,
        hint=("will", "shall"),
        examples=("The minister will confirm plans to open a trade office.",),
    ),
    CueRecord(
        "announced it would",
        rf"\b(?:(?:has|have|had)\s+)?(?:announced|confirmed|declared|said|stated|revealed"
        rf"|promised|pledged|vowed|agreed|saying|adding|announcing|stating|conveyed|assured"
        rf"|explained|noted|stressed|informed\s+\w+(?:\s+\w+)?"
        rf"|added|told\s+\w+(?:\s+\w+)?|reiterated|insisted){_WHEN},?\s+(?:that\s+)?(?P<subj>it"
        rf"|they|he|she|we|I|(?:the|his|her|its|their|our)\s+\w+(?:\s+\w+)?"
        rf"|[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?)\s+(?:would|will|is\s+to)\b",
        0.8,
        past=True,
        hint=("would", "will", "is to"),
        examples=(
            "The ministry said on Monday that Germany would build two schools.",
            "The minister continued by saying he would allocate £1 billion for humanitarian aid.",
        ),
    ),
    CueRecord(
        "pledged",
        rf"\b(?:has\s+|have\s+|had\s+)?(?:pledged|promised|vowed|undertook|(?:has|have)\s+"
        rf"undertaken|committed(?:\s+(?:itself|themselves|himself|herself))?|resolved|decided"
        rf"|offered|agreed){_WHEN}\s+to\b|\b(?:has\s+|have\s+)?(?:pledged|promised|agreed\s+on"
        rf"|agreed(?=\s+(?:an?|the)\s))(?!{_WHEN_WORD})"
        # "The leaders agreed that their ministers would meet yearly": what was agreed follows.
        rf"|\b(?:has\s+|have\s+)?(?:agreed|decided|resolved){_WHEN}\s+that\b"
        rf"(?=[^.;:]{{1,80}}?\b(?:would|will|shall|should)\s)"
        # "promised on Tuesday a further NOK 200 million": the time between verb and object.
        rf"|\b(?:has\s+|have\s+)?(?:pledged|promised|offered){_WHEN_WORD}(?=,?\s+(?:an?|another"
        rf"|further|more|fresh|new|additional|up\s+to)\b|,?\s+\S{{0,4}}\d)"
        # "pledged in the Joint Statement on ... to build up trust": where it was pledged,
        # between the verb and its "to".
        rf"|\b(?:has\s+|have\s+)?(?:pledged|promised|vowed|agreed|decided|resolved|undertook)"
        rf"\s+(?:in|at|during|under|through)\s+(?:the|a|an|its|their|his|her)\s+[^,.;:]{{1,70}}?"
        rf"\s+to\b(?=\s+[a-z])(?!\s+(?:the|a|an|its|their|his|her)\b)"
        # "agreed with Kenya to set up a joint committee": the partner between verb and "to".
        rf"|\b(?:has\s+|have\s+)?(?:agreed|decided|undertook)\s+with\s+(?:the\s+)?(?-i:[A-Z])[\w’'.-]*"
        rf"(?:\s+(?-i:[A-Z])[\w’'.-]*){{0,3}}\s+to\b(?=\s+(?-i:[a-z]))"
        # "has offered US$77 million to Uganda", "offered a loan": the offer is its object.
        # "offered Kenya a $5 million loan": the receiver before the object.
        rf"|\b(?:has\s+|have\s+)?offered(?=(?:\s+(?:the\s+)?[A-Z][\w’'-]*){{0,3}}\s+(?:an?|another"
        rf"|further|more|fresh|new|additional|up\s+to)\s|\s+\S{{0,4}}\d)",
        0.85,
        past=True,
        hint=("pledg", "promis", "vow", "undert", "commit", "resolv", "decid", "offer", "agree"),
        examples=(
            "The bank pledged to lend $40 million.",
            "Ghana and Togo agreed on Friday to reopen the border.",
            "Norway promised on Tuesday a further NOK 200 million for the grid.",
            "The leaders agreed that their ministers would meet every year.",
            "China has offered US$77 million to Uganda.",
            "The three nations pledged in the joint statement to step up high-level contacts.",
            "Japan agreed with Kenya to set up a joint committee on trade.",
        ),
    ),
    CueRecord(
        "signed an agreement to",
        r"\b(?:(?:has|have)\s+)?(?:signed|struck|reached|sealed|concluded)\s+(?:an?|the)\s+(?:[\w-]+\s+)"
        r"{0,3}?(?:agreement|deal|pact|memorandum(?:\s+of\s+understanding)?|MoU|accord|treaty"
        r"|contract)s?\s+(?:\w+\s+){0,4}?to\b(?=\s+[a-z])",
        0.75,
        past=True,
        hint=("signed", "struck", "reached", "sealed", "concluded"),
        examples=("The two sides signed an agreement to build a rail link.",),
    ),
    CueRecord(
        # A pledge stated as a noun inside a signing report: "the sides exchanged notes
        # covering a €20m loan for ...". Counts only with money after it.
        "signed notes covering",
        r"\b(?:(?:has|have)\s+)?(?:signed|exchanged|inked|concluded|struck|sealed)\s+"
        r"(?:[\w$£€¥₹.,-]+\s+){0,4}?"
        r"(?:notes|agreements?|deals?|memorand(?:um|a)(?:\s+of\s+understanding)?|MoUs?|accords?"
        r"|contracts?|letters?|documents?|loans?|grants?|(?:loan\s+|credit\s+)?facilit(?:y|ies)"
        r"|credit\s+lines?|lines?\s+of\s+credit)\s+(?:covering|for|on|providing|worth"
        r"|including|totall?ing|valued\s+at|amounting\s+to|of|with|to)\b",
        0.7,
        past=True,
        needs_object=True,
        hint=("signed", "exchanged", "inked", "concluded", "struck", "sealed"),
        examples=(
            "Japan and Laos exchanged notes covering a $20m loan for a water plant.",
            "Pakistan and the bank signed six loan and grant agreements totaling $1.54 billion.",
            "The bank signed a $400 million loan facility with China Exim Bank.",
        ),
    ),
    CueRecord(
        # "The two sides signed a memorandum of understanding on building a port", "signed an
        # MoU on port construction": a signed document that says what it commits to. Not the
        # day it was signed ("signed an agreement on Tuesday").
        "signed an MoU on",
        r"\b(?:(?:has|have)\s+)?(?:signed|inked|concluded)\s+(?:an?|the|two|three|four|five|several"
        r"|\d+)\s+(?:[\w-]+\s+){0,3}?(?:agreements?|memorand(?:um|a)(?:\s+of\s+(?:understanding"
        r"|cooperation))?|MoUs?|accords?|pacts?|protocols?)\s+(?:on|for)\s+"
        rf"(?!(?:the\s+)?(?:{_DAYS}|{_MONTH_ALT}|sidelines|occasion|presence|behalf|margins?)\b|\d)"
        r"(?=(?:the\s+|an?\s+)?[a-z])",
        0.6,
        past=True,
        hint=("signed", "inked", "concluded"),
        examples=("The two sides signed a memorandum of understanding on building a port.",),
    ),
    CueRecord(
        # A sum as the subject of an allocation: "An initial $49m has been set aside for ...",
        # "$76 million will go on health services", "the fund receives $13.7m".
        "has been set aside",
        r"\b(?:(?:(?:has|have|had)\s+(?:also\s+)?been|(?:is|are|was|were)(?:\s+also)?\s+being"
        # "€50 million over three years would be provided to ...", "$2 million was pledged to"
        r"|(?:will|would|shall)\s+(?:also\s+)?be|(?:was|were)(?:\s+also)?"
        # "A further CHF 175 million is to be allocated to ..."
        r"|(?:is|are)\s+(?:also\s+)?to\s+be)"
        r"\s+(?:set\s+aside|allocated|earmarked|committed|pledged|budgeted|provided|made\s+available"
        r"|approved|announced|agreed|signed|promised|offered|granted|extended|unveiled)"
        r"|(?:will|would)\s+(?:also\s+)?go\s+(?:on|to|towards|into)"
        r"|(?:is|are)\s+(?:also\s+)?(?:now\s+)?available\s+(?:for|to)"
        # "The remaining $3 million is for United Nations agencies": a share of a sum pledged.
        r"|(?:is|are)\s+(?:earmarked\s+|intended\s+|set\s+aside\s+)?for(?=\s+(?:the\s+)?[A-Za-z]))\b",
        0.75,
        past=True,
        money_subject=True,
        hint=("been", "being", "go", "available", "is for", "are for"),
        examples=(
            "An initial $49m has been set aside for building 300 houses.",
            "A big chunk of that, $76 million will go on Pacific health services.",
            "A further NZ$10 million is also available for water supply.",
            "He said €50 million over three years would be provided to a nutrition initiative.",
            "A $200 million Japanese loan for Kenyan roads was also agreed.",
            "The remaining $3 million is for United Nations agencies.",
            "A further CHF 175 million is to be allocated to the World Health Organization.",
        ),
    ),
    CueRecord(
        # A sum and who gives it: "The largest pledge, $1 billion, came from Kuwait", "$50
        # million will come from the World Bank". The party after "from" gives.
        "came from",
        r"\b(?:came|comes|come|(?:will|would)\s+(?:also\s+)?come|(?:is|are)\s+coming)\s+from\s+"
        r"(?P<subj>(?:the\s+)?(?-i:[A-Z])[\w.’'-]*(?:\s+(?:of\s+|for\s+|and\s+)?(?-i:[A-Z])[\w.’'-]*){0,4})",
        0.65,
        modal=False,
        past=True,
        money_subject=True,
        hint=("came", "come"),
        examples=(
            "The largest pledge, $1 billion, came from Kuwait.",
            "A further $50 million will come from the World Bank.",
        ),
    ),
    CueRecord(
        "pledging",
        r"\b(?:pledging|promising|vowing|committing(?:\s+(?:itself|themselves))?|agreeing)"
        r"\s+to\b",
        0.8,
        hint=("pledg", "promis", "vow", "commit", "agree"),
        examples=("Kenya closed the talks, pledging to cut tariffs.",),
    ),
    CueRecord(
        "pledges",
        # "pledges of more than $3 billion", "promises made in 2019": the noun, not the verb.
        r"\b(?:(?:pledges|promises|vows)(?!\s+(?:of|from|made|worth|were|have|had|are|and|that"
        r"|which|totall?ing|amounting|received|announced)\b)"
        r"|commits(?:\s+itself|\s+themselves)?\s+to|agrees\s+to"
        r"|agree\s+to|commit\s+to"
        # Joint statements in the present: "The two sides pledge to", "We undertake to".
        r"|(?<!(?:\b(?:their|its|his|her|our|the|a|and|of|new|fresh)|[’']s)\s+)(?:pledge|promise|vow|undertake"
        r"|undertakes|resolve|resolves|decide|decides)\s+to"
        r"|(?:take|takes|took)\s+(?:it\s+)?upon\s+(?:themselves|itself|ourselves|himself"
        r"|herself)\s+to)"
        r"(?:\s+to\b)?",
        0.85,
        hint=("pledg", "promis", "vow", "commit", "agree", "undert", "resolv", "decid", "upon"),
        examples=(
            "Chile pledges to plant a million trees.",
            "The two sides undertake to reopen the crossing.",
            "The two sides take upon themselves to return to normalcy.",
        ),
    ),
    CueRecord(
        "announced",
        r"\b(?:has\s+|have\s+)?(?:announced|unveiled|earmarked|allocated|committed|approved"
        r"|confirmed|announces|unveils|earmarks|allocates|approves|confirms|launched|launches"
        r"|extended|extends|granted|grants|set\s+aside|sets\s+aside|budgeted|mobili[sz]ed"
        r"|mobili[sz]es|ring-?fenced|outlined|outlines|rolled\s+out|rolls\s+out|adopted|adopts"
        r"|set\s+up|sets\s+up|established|establishes|created|creates|cleared|clears"
        r"|signed\s+off\s+on|signs\s+off\s+on"
        # "authorised the deployment of", not "an authorized capital of"
        r"|authori[sz](?:ed|es)(?=\s+(?:the|an?|its|their)\s)"
        # "has made €20 million available for the victims": the sum between the verb's words
        r"|(?:makes|made)(?=\s+(?:an?\s+)?(?:additional\s+|further\s+|another\s+)?\S{0,4}\d[^.;]{0,30}?"
        r"\savailable\b))\b",
        0.75,
        past=True,
        needs_object=True,
        hint=(
            "announc",
            "unveil",
            "earmark",
            "allocat",
            "commit",
            "approv",
            "confirm",
            "launch",
            "extend",
            "grant",
            "set",
            "budget",
            "mobili",
            "ring",
            "outline",
            "roll",
            "adopt",
            "establish",
            "creat",
            "clear",
            "sign",
            "authori",
        ),  # fmt: skip
        examples=(
            "The EU announced €40 million for water supply.",
            "The government has set aside $20 million for flood defences.",
            "Japan set up a $300 million fund for Kenyan farmers.",
            "The cabinet signed off on a $40 million grant for Fiji.",
            "The minister has made €20 million available for flood victims in Kenya.",
            "The AU Peace and Security Council authorised the deployment of 7,500 troops.",
        ),
    ),
    CueRecord(
        # A funding announcement in the present progressive: "New Zealand is providing $5
        # million for ...", "is providing a package of budget support". Counts only with money
        # or aid after it.
        "is providing",
        rf"\b(?:is|are){_ADV}\s+(?:providing|giving|contributing|donating|sending|offering"
        r"|allocating|committing|investing|extending|lending|funding|granting|channelling"
        r"|channeling|making\s+available)\b",
        0.7,
        modal=False,
        past=True,
        needs_object=True,
        hint=(
            "providing",
            "giving",
            "contributing",
            "donating",
            "sending",
            "offering",
            "allocating",
            "committing",
            "investing",
            "extending",
            "lending",
            "funding",
            "granting",
            "channel",
            "making",
        ),  # fmt: skip
        examples=("New Zealand is providing $5 million for water tanks in Tonga.",),
    ),
    CueRecord(
        # The present simple of a pledge verb with a sum after it, as releases and wire copy
        # write a new pledge: "Japan provides $5 million to Kenya", "The EU gives €40m".
        "provides",
        r"\b(?:" + "|".join(_PRESENT) + r")\b",
        0.65,
        modal=False,
        past=True,
        needs_object=True,
        hint=tuple(sorted({w[:5] for w in _PRESENT})),
        examples=("Japan provides $5 million to Kenya for flood relief.",),
    ),
    CueRecord(
        # "The agreement provides for Japan to build a port": the terms of a deal name who acts.
        "provides for",
        r"\b(?:provides|provided|provide|calls|called|allows|allowed)\s+for\s+"
        r"(?P<subj>(?:the\s+)?[A-Z][\w.’'-]*(?:\s+(?:and\s+)?[A-Z][\w.’'-]*){0,3})\s+to\b(?=\s+[a-z])",
        0.7,
        modal=False,
        hint=("provide", "call", "allow"),
        examples=("The agreement provides for Japan to build a port in Mombasa.",),
    ),
    CueRecord(
        # "Japan would provide $5 million to Kenya, the minister said": a pledge reported with
        # its speaker after it. A bare "would" elsewhere is a condition or a wish.
        "would, he said",
        r"\bwould\b(?!\s+(?:not|never|like|love|have|be\s+(?!\w+ed\b)))(?=[^.;:“”\"]{5,200}?,\s*[”\"]?\s*"
        r"(?:(?:the|a|an)\s+)?(?:[\w’'.-]+\s+){0,6}?(?:said|says|told\s+\w+|announced|added|stated)\b)",
        0.7,
        hint=("would",),
        examples=("Japan would provide $5 million to Kenya, the minister said.",),
    ),
    CueRecord(
        # The present progressive of any pledge verb with money or aid after it: "the ADB is
        # supporting reforms under the $3 billion programme", "Japan is financing a $40m port".
        "is doing",
        rf"\b(?:is|are){_ADV}\s+(?:\w+ly\s+)?(?P<gerund>[a-z]+ing)\b",
        0.65,
        modal=False,
        past=True,
        needs_object=True,
        hint=("is", "are"),
        examples=("Japan is financing a $40 million port in Mombasa.",),
    ),
    CueRecord(
        # A sum named inside a package already pledged: "This year's package includes €400
        # million for programmes in Africa", "This includes 200 million pounds provided to".
        "includes",
        r"\b(?:(?:will|would)\s+(?:also\s+)?include|includes|included|comprises|comprised)\b(?=\s+(?:an?\s+|another\s+|a\s+further\s+"
        r"|some\s+|over\s+|up\s+to\s+|nearly\s+|more\s+than\s+)?(?:[$£€¥₹]|[A-Z]{1,3}\$|[A-Z]{3}\s?\d|\d))",
        0.65,
        modal=False,
        needs_object=True,
        hint=("includ", "compris"),
        examples=(
            "The package includes €40 million for schools in Malawi.",
            "The amount will include EUR 120 million for water projects in Chad.",
        ),
    ),
    CueRecord(
        "will",
        rf"\b(?:will|shall|’ll|'ll)\b{_ADV}(?!\s+not\b|n['’]t)",
        0.75,
        hint=("will", "shall", "'ll", "’ll"),
        examples=("Australia will provide A$20 million for schools.",),
    ),
    CueRecord(
        # A pledge named as a noun after its sum and whose it is: "Japan's $5bn pledge to
        # Kenya", "the bank's $300 million loan for roads".
        "'s pledge",
        r"(?<=\b(?P<subj>(?-i:[A-Z])[\w.-]*(?:\s+(?-i:[A-Z])[\w.-]*){0,3}))[’']s\s+(?:new\s+|fresh\s+"
        r"|additional\s+|latest\s+)?(?:[$£€¥₹]|[A-Z]{1,3}\$|[A-Z]{3}\s?)\d[\d.,]*\s*(?:-\s*)?(?:m|bn"
        r"|million|billion|trillion|crore)?\s+(?:[\w-]+\s+){0,2}?(?:pledge|commitment|offer"
        r"|contribution|grant|loan|package)\s+(?:to|for)\b",
        0.6,
        modal=False,
        past=True,
        hint=("pledge", "commitment", "offer", "contribution", "grant", "loan", "package"),
        examples=("Japan's $5bn pledge to Kenya is the largest this year.",),
    ),
    CueRecord(
        # A pledge named as a noun with its sum: "Japan's pledge of $200 million for roads",
        # "a Japanese offer of ¥5 billion". Counts only with money after it.
        "pledge of",
        r"\b(?:pledge|promise|commitment|offer|contribution)\s+of\s+(?=(?:an?\s+)?(?:additional\s+"
        r"|further\s+|another\s+|up\s+to\s+|more\s+than\s+|about\s+|some\s+)?(?:[$£€¥₹]|[A-Z]{1,3}\$"
        r"|[A-Z]{3}\s?\d|\d))",
        0.6,
        modal=False,
        past=True,
        needs_object=True,
        hint=("pledge", "promise", "commitment", "offer", "contribution"),
        examples=("Japan's pledge of $200 million for Kenyan roads is the largest this year.",),
    ),
    CueRecord(
        # "Under the agreement, Japan would provide $500 million": the terms of a plan told
        # in the conditional. A bare "would" elsewhere is a condition or a wish.
        "would under a plan",
        r"(?<=(?:^|[.;:]\s+)\W*(?:Under|As\s+part\s+of|Through)\s+(?:the|this|that|a|an|its|their)"
        r"\s+[^,.;]{1,60},\s+(?:[^,.;]{1,60}\s)?)would\b(?!\s+(?:not|never|like|be\s+(?!\w+ed\b)))",
        0.7,
        hint=("would",),
        examples=("Under the agreement, Japan would provide $500 million to Kenya for roads.",),
    ),
    CueRecord(
        # "The deal will see Japan build a new port": the party after "see" acts.
        "will see",
        r"\b(?:will|would)\s+see\s+(?P<subj>(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})"
        r"\s+(?=[a-z]+\b)",
        0.7,
        modal=False,
        hint=("will", "would"),
        examples=("The deal will see Japan build a new port in Mombasa.",),
    ),
    CueRecord(
        "is set to",
        rf"\b(?:is|are|'s|’s){_ADV}\s+(?:set|poised|slated|scheduled|due)\s+to\b",
        0.65,
        hint=("set", "poised", "slated", "scheduled", "due"),
        examples=("Brazil is set to open two clinics.",),
    ),
    CueRecord(
        "is to",
        rf"\b(?:is|are){_ADV}\s+to(?=\s+[a-z])",
        0.7,
        hint=("is to", "are to"),
        examples=("India is to build a port in Chabahar.",),
    ),
    CueRecord(
        # A lead written as a headline: "Japan to provide $5 million to Kenya for roads",
        # "- Ghana to host the summit in June". Only at the start of a line or sentence.
        "X to do",
        r"(?:^|(?<=[.!?:]\s)|(?<=\n))\W{0,3}(?P<subj>(?-i:(?:The\s+)?[A-Z][\w.’'-]*(?:\s+(?:and\s+)?"
        r"[A-Z][\w.’'-]*){0,3}))\s+to(?=\s+(?-i:[a-z]+)\s)",
        0.6,
        hint=("to",),
        examples=("Japan to provide $5 million to Kenya for roads.",),
    ),
    CueRecord(
        "is going to",
        rf"\b(?:is|are|'s|’s){_ADV}\s+going\s+to\b",
        0.65,
        hint=("going",),
        examples=("The company is going to be spending €12m on a plant.",),
    ),
    CueRecord(
        "plans to",
        rf"\b(?:plans|plan|planned|(?:is|are|was|were){_ADV}\s+planning|intends|intend|intended|"
        rf"(?:is|are){_ADV}\s+intending|has\s+plans|have\s+plans|(?:is|are){_ADV}\s+preparing)"
        rf"{_ADV}\s+to\b",
        0.7,
        hint=("plan", "intend", "preparing"),
        examples=(
            "Vietnam plans to build a new airport.",
            "Japan is also planning to open a consulate in Mombasa.",
            "Japan is preparing to provide a loan of about $550 million.",
        ),
    ),
    CueRecord(
        "aims to",
        rf"\b(?:aims|aim|aimed|(?:is|are)\s+aiming|seeks|seek|(?:is|are)\s+seeking|strives)"
        rf"{_ADV}\s+to\b",
        0.5,
        hint=("aim", "seek", "strive"),
        examples=("Peru aims to double its exports.",),
    ),
    CueRecord(
        "is expected to",
        rf"\b(?:is|are){_ADV}\s+(?:expected|likely)\s+to\b",
        0.45,
        hint=("expected", "likely"),
        examples=("The bank is expected to approve a loan.",),
    ),
    CueRecord(
        "stands ready to",
        rf"\b(?:stands?|stood|is|are|was|were){_ADV}\s+(?:ready|prepared|willing)\s+to\b",
        0.5,
        hint=("ready", "prepared", "willing"),
        examples=("Sweden stands ready to send experts.",),
    ),
)
