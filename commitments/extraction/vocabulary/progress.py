"""Progress wording, one record per phrase: what it says happened to an earlier pledge.

- kind: done | under_way | delayed | scaled_back | reaffirmed (restatements are pledge
  candidates that match a tracked pledge, so they are found by the pledge cues instead).
- suggests: the status the statement suggests when it is about the whole pledge; `done`
  becomes partially fulfilled when the sentence speaks of one part (`PART_WORDS`).
- pattern: a regular expression fragment, matched case-insensitively at word boundaries.
- needs_match: the phrase reports progress only when a tracked pledge is about it. A signing
  is either the step a pledge promised ("the loan agreement will be signed") or the making of
  a new pledge ("the fund signed a $12.8 million loan agreement"); only the tracked pledges
  tell which, as for a restatement.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProgressPhrase:
    pattern: str
    kind: str
    suggests: str
    example: str
    needs_match: bool = False


_PERFECT = r"(?:(?:has|have|had)\s+(?:now\s+|already\s+|officially\s+|formally\s+|also\s+)?)?"

PROGRESS_PHRASES: tuple[ProgressPhrase, ...] = (
    # done
    ProgressPhrase(
        _PERFECT + r"(?:signed|inked)\b(?!\s+(?:into\s+law|the\s+\d{4}))",
        "done",
        "fulfilled",
        "Kenya signed an agreement with the U.K.",
        needs_match=True,
    ),
    ProgressPhrase(
        r"(?:concluded|sealed)\s+(?:the|an?|its)\s+(?:deal|agreement|accord|treaty)",
        "done",
        "fulfilled",
        "The two sides concluded the agreement.",
        needs_match=True,
    ),
    ProgressPhrase(
        r"(?:has|have|had)\s+(?:officially\s+)?(?:launched|opened)",
        "done",
        "fulfilled",
        "The ministry has launched the fund.",
    ),
    ProgressPhrase(
        _PERFECT + r"(?<!being\s)(?:delivered|disbursed|transferred|handed\s+over)\b",
        "done",
        "fulfilled",
        "The EU has disbursed the first tranche.",
    ),
    ProgressPhrase(
        r"(?:was|were|has\s+been|have\s+been)\s+(?:also\s+|now\s+|finally\s+|fully\s+)?(?:completed|delivered"
        r"|disbursed|handed\s+over|ratified)",
        "done",
        "fulfilled",
        "The bridge was completed.",
    ),
    ProgressPhrase(
        r"(?:was|were|has\s+been|have\s+been)\s+(?:also\s+|now\s+|finally\s+|formally\s+)?"
        r"(?:signed|inked)\b",
        "done",
        "fulfilled",
        "The loan agreement was signed in Riyadh.",
        needs_match=True,
    ),
    ProgressPhrase(
        r"(?:(?:has|have)\s+)?(?:entered|enters?|comes?|came)\s+into\s+force",
        "done",
        "fulfilled",
        "The agreement enters into force.",
    ),
    ProgressPhrase(
        r"(?:now\s+)?ratified\s+by",
        "done",
        "fulfilled",
        "The agreement, now ratified by both Parliaments, ...",
    ),
    ProgressPhrase(
        r"exchanged\s+(?:the\s+)?ratification",
        "done",
        "fulfilled",
        "The ministers today exchanged ratification documents.",
    ),
    ProgressPhrase(
        _PERFECT + r"(?:officially\s+)?(?:inaugurated|commissioned)\b",
        "done",
        "fulfilled",
        "The President inaugurated the airport.",
    ),
    ProgressPhrase(
        r"(?:official\s+)?commissioning\s+of\s+the\s+newly",
        "done",
        "fulfilled",
        "I am here to perform the official commissioning of the newly built terminal.",
    ),
    ProgressPhrase(
        r"(?:touched\s+down|(?:have|has)\s+landed|(?:have|has)\s+arrived)",
        "done",
        "fulfilled",
        "The jets touched down at the airbase.",
    ),
    ProgressPhrase(
        r"(?:has|have)\s+received\s+(?:€|\$|£|US\$|[\d.]+)",
        "done",
        "fulfilled",
        "Ukraine has received €3 billion from the EU.",
    ),
    ProgressPhrase(
        r"(?:contributed|provided\s+\w+\s+with)\s+(?:€|\$|£|US\$|[\d.]+)",
        "done",
        "fulfilled",
        "The US contributed $20 billion to the initiative.",
    ),
    ProgressPhrase(
        r"(?:is|was)\s+the\s+first\s+tranche",
        "done",
        "partially_fulfilled",
        "This is the first tranche from the European Union.",
    ),
    ProgressPhrase(
        r"a\s+completed\s+part\s+of",
        "done",
        "partially_fulfilled",
        "The project includes a completed part of the expressway.",
    ),
    ProgressPhrase(
        r"(?:was|were|has\s+been|have\s+been)\s+(?:formally\s+|officially\s+|now\s+|finally\s+"
        r"|temporarily\s+)?(?:launched"
        r"|opened|inaugurated|commissioned|unveiled|released|transferred|paid|finalised"
        r"|finalized)\b",
        "done",
        "fulfilled",
        "The new terminal was officially opened on Monday.",
    ),
    ProgressPhrase(
        r"(?:has|have|had)\s+(?:now\s+|already\s+|also\s+)?(?:paid|released|completed"
        r"|finished|rolled\s+out)\b",
        "done",
        "fulfilled",
        "Ukraine has completed the purchase of the systems.",
    ),
    ProgressPhrase(
        r"(?:received|receives)\s+(?:the|its|their)\s+(?:first|second|third|final|last|latest"
        r"|next)\s+(?:\w+\s+)?(?:tranche|batch|delivery|instalment|installment|shipment"
        r"|consignment|payment)",
        "done",
        "partially_fulfilled",
        "Ukraine received the first batch of the promised tanks.",
    ),
    ProgressPhrase(
        r"took\s+delivery\s+of|(?:became|become|is\s+now|are\s+now)\s+operational"
        r"|(?:went|came|comes)\s+into\s+(?:operation|service)",
        "done",
        "fulfilled",
        "The navy took delivery of the first ship.",
    ),
    ProgressPhrase(
        r"(?:took|takes|came|comes)\s+into\s+effect|(?:took|takes)\s+effect",
        "done",
        "fulfilled",
        "The agreement took effect on 1 January.",
    ),
    ProgressPhrase(
        r"(?:received|receives)\s+(?:€|\$|£|US\$|USD|EUR|[\d.,]+\s|about\s+[€$£\d]"
        r"|more\s+than\s+[€$£\d]|over\s+[€$£\d]|nearly\s+[€$£\d])",
        "done",
        "fulfilled",
        "Ukraine received €4 billion from the European Union.",
    ),
    ProgressPhrase(
        r"(?:landed|touched\s+down)\s+(?:at|in|on)\b",
        "done",
        "fulfilled",
        "The first five jets landed at the airbase.",
    ),
    ProgressPhrase(
        r"(?:completed|finished|unveiled)\s+(?:the|its|their)\b|opened\s+the\s+(?:new\s+)?"
        r"(?:bridge|airport|terminal|road|railway|line|plant|factory|hospital|school|port"
        r"|station|centre|center|office)",
        "done",
        "fulfilled",
        "The minister opened the new bridge on Friday.",
    ),
    ProgressPhrase(
        r"(?:arrived|arrives)\s+in\s+(?-i:[A-Z])\w+|reached\s+(?-i:[A-Z])\w+"
        r"|opened\s+to\s+(?:traffic|vehicular|the\s+public|motorists|commuters|passengers|users)",
        "done",
        "fulfilled",
        "Three more Rafale fighter aircraft reached India yesterday evening from France.",
    ),
    ProgressPhrase(
        r"(?:received|delivered|disbursed|paid)\s+(?:a\s+total\s+(?:of\s+)?)?\d+\s+(?:of|out\s+of)"
        r"\s+(?:the\s+)?\d+|\d+\s*(?:%|per\s*cent|percent)\s+of\s+the\s+(?:promised|pledged"
        r"|committed|agreed)",
        "done",
        "partially_fulfilled",
        "India has now received a total 35 of the 36 Rafales it ordered.",
    ),
    ProgressPhrase(
        r"(?:is|are|was|were)\s+(?:now\s+)?(?:finished|complete)\b|completed\s+(?:the\s+)?"
        r"deliver(?:y|ies)\b",
        "done",
        "fulfilled",
        "The President approved that since the bridge is finished an access road is built.",
    ),
    ProgressPhrase(
        r"(?:participated\s+in|attended|performed|witnessed)\s+the\s+(?:official\s+)?"
        r"(?:inauguration|commissioning|opening|handover|handing\s+over)\s+of"
        r"|signing\s+of\s+the\s+(?:\w+\s+){0,3}(?:agreement|deal|accord|contract|treaty)\s+"
        r"(?:took\s+place|was\s+held)",
        "done",
        "fulfilled",
        "The fund participated in the inauguration of three road projects in Rwanda.",
    ),
    ProgressPhrase(
        r"(?:received|receives|got|gets|paid\s+out|released|disbursed|transferred)\s+(?:the|its"
        r"|their)\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|final"
        r"|last|latest|next)\b",
        "done",
        "partially_fulfilled",
        "Ukraine received the ninth tranche of the loan.",
    ),
    ProgressPhrase(
        r"(?:was|were|has\s+been|have\s+been)\s+(?:shipped|dispatched|sent|flown)\s+to\b"
        r"|(?:ratified|ratifies)\s+(?:the|its)\b",
        "done",
        "fulfilled",
        "The vaccines were shipped to Ghana.",
    ),
    # under way
    ProgressPhrase(
        r"(?:is|are|was|were)\s+(?:now\s+|still\s+)?in\s+talks\s+(?:on|over|about|for|with)\b"
        r"|(?:broke|breaks|broken)\s+ground\b",
        "under_way",
        "in_progress",
        "India and France are in talks on a financing mechanism for the plant.",
    ),
    ProgressPhrase(
        r"(?:have|has|had)\s+(?:reached|entered)\s+(?:an?\s+|the\s+)?(?:advanced|final)\s+stages?"
        r"|embarked\s+on\b|(?:haven['\u2019]t|have\s+not|hasn['\u2019]t|has\s+not)\s+(?:yet\s+)?"
        r"(?:finished|completed)\b",
        "under_way",
        "in_progress",
        "The main bridge and access roads have reached advanced stages.",
    ),
    ProgressPhrase(
        _PERFECT + r"(?:began|begun|started|commenced)\b(?!\s+(?:in|on)\s+\d{4})",
        "under_way",
        "in_progress",
        "PowerCo has started construction.",
    ),
    ProgressPhrase(
        r"(?:commencement|start)\s+of\s+(?:the\s+)?(?:construction|work)",
        "under_way",
        "in_progress",
        "the commencement of the construction activities",
    ),
    ProgressPhrase(
        r"(?:is|are)\s+(?:currently\s+|now\s+|still\s+|already\s+)?(?:being\s+(?:built"
        r"|constructed|implemented|tested)|under\s+way|underway|on\s+track)",
        "under_way",
        "in_progress",
        "4000 flats are being built.",
    ),
    ProgressPhrase(
        r"(?:turning\s+of\s+the\s+sod|(?:lay|laid)\s+the\s+(?:first|foundation)\s+stone"
        r"|starting\s+signal|ground-?breaking)",
        "under_way",
        "in_progress",
        "the King laid the first stone",
    ),
    ProgressPhrase(
        r"reached\s+(?:a\s+consensus|an\s+agreement)\s+on\s+how\s+to",
        "under_way",
        "in_progress",
        "The G7 have reached a consensus on how to deliver the loans.",
    ),
    ProgressPhrase(
        r"(?:have|has)\s+implemented",
        "under_way",
        "in_progress",
        "only 13 countries have implemented the tax",
    ),
    ProgressPhrase(
        r"made\s+(?:a\s+lot\s+of\s+|good\s+|significant\s+|much\s+)?progress",
        "under_way",
        "in_progress",
        "The companies had made a lot of progress on the agreement.",
    ),
    ProgressPhrase(
        r"(?:announced|held)\s+(?:the\s+)?(?:early\s+works|first\s+round)",
        "under_way",
        "in_progress",
        "Kenya Railways has announced early works.",
    ),
    ProgressPhrase(
        r"agreed\s+to\s+(?:officially\s+)?(?:start|open|launch)",
        "under_way",
        "in_progress",
        "the EU agreed to officially start accession negotiations",
    ),
    ProgressPhrase(
        r"welcomed\s+\w+(?:'s|’s)\s+decision\s+to\s+provide",
        "under_way",
        "in_progress",
        "NATO welcomed Germany's decision to provide two systems.",
    ),
    ProgressPhrase(
        r"(?:is|are)\s+(?:now\s+)?(?:being\s+(?:delivered|rolled\s+out|finalised|finalized"
        r"|prepared|negotiated|disbursed|transferred|paid)|in\s+progress|ongoing|progressing)",
        "under_way",
        "in_progress",
        "The works are ongoing at the site.",
    ),
    ProgressPhrase(
        r"(?:kicked\s+off|began\s+implementing|started\s+implementing|(?:has|have)\s+begun"
        r"\s+(?:work|talks|negotiations|construction))",
        "under_way",
        "in_progress",
        "The ministry kicked off the programme in March.",
    ),
    ProgressPhrase(
        r"(?:finalised|finalized)\s+the\s+(?:draft|text|terms)",
        "under_way",
        "in_progress",
        "The negotiators finalised the draft of the agreement.",
    ),
    ProgressPhrase(
        r"(?:reviewed|reviews|review|took\s+stock\s+of|discussed|assessed)\s+(?:the\s+)?"
        r"(?:progress|implementation|status)",
        "under_way",
        "in_progress",
        "The ministers reviewed the progress of the housing projects.",
    ),
    ProgressPhrase(
        r"(?:gave|given|received|got|won)\s+(?:the\s+|its\s+|their\s+|a\s+)?(?:final\s+)?(?:green\s+light|nod"
        r"|go-ahead|approval)|(?:approved|cleared)\s+(?:the\s+)?(?:release|disbursement"
        r"|purchase|sale|contract|financing|funding|transfer)",
        "under_way",
        "in_progress",
        "The cabinet gave the green light to the purchase.",
    ),
    ProgressPhrase(
        r"(?:(?:is|are|was|were)\s+(?:now\s+)?(?:in\s+(?:the\s+)?(?:final|advanced)\s+stages?"
        r"|working\s+on)|negotiations\s+(?:are|were)\s+(?:progressing|continuing|under\s+way))",
        "under_way",
        "in_progress",
        "The two sides are in the final stages of the negotiations.",
    ),
    ProgressPhrase(
        r"(?:is|are)\s+(?:now\s+|still\s+)?being\s+(?:trained|installed|upgraded|developed"
        r"|deployed|refurbished|renovated|laid|set\s+up|equipped|manufactured|produced)\b",
        "under_way",
        "in_progress",
        "The soldiers are being trained in Germany.",
    ),
    ProgressPhrase(
        r"(?:held|holding|began|begun|started|opened|resumed)\s+(?:the\s+)?(?:\w+\s+)?(?:talks"
        r"|negotiations|discussions)\s+(?:on|over|about)\b",
        "under_way",
        "in_progress",
        "The two governments held talks on the financing of the plant.",
    ),
    ProgressPhrase(
        r"(?:is|are|was|were|remains?|remained)\s+(?:still\s+|now\s+)?under\s+construction"
        r"|\d+\s*(?:per\s*cent|percent|%)\s+(?:complete|completed|completion|done)",
        "under_way",
        "in_progress",
        "The terminal is still under construction.",
    ),
    ProgressPhrase(
        r"awarded\s+(?:the\s+|a\s+)?(?:\w+\s+)?contracts?|(?:issued|floated|launched)\s+"
        r"(?:a\s+|the\s+)?tenders?|feasibility\s+stud(?:y|ies)\s+(?:was|were|has\s+been)"
        r"\s+(?:completed|conducted)",
        "under_way",
        "in_progress",
        "The ministry awarded the construction contract to a local firm.",
    ),
    # delayed
    ProgressPhrase(
        r"(?:postponed|delayed|slipped|pushed\s+back|stalled)",
        "delayed",
        "stalled",
        "The launch was postponed to next year.",
    ),
    ProgressPhrase(
        r"(?:yet\s+to\s+(?:begin|start|arrive|materiali[sz]e|reach|receive)|unlikely\s+to\s+meet|dragging\s+(?:their|its)\s+feet"
        r"|on\s+hold)",
        "delayed",
        "stalled",
        "work on which is yet to begin",
    ),
    ProgressPhrase(
        r"(?:behind\s+schedule|missed\s+(?:the|its|a)\s+(?:deadline|target)|has\s+not\s+yet"
        r"\s+(?:been|begun|started)|have\s+not\s+yet\s+(?:been|begun|started)|deferred)",
        "delayed",
        "stalled",
        "The project is behind schedule.",
    ),
    ProgressPhrase(
        r"(?:delays?\s+in|(?:has|have|had)\s+been\s+held\s+up|hampered\s+by|still\s+awaited"
        r"|(?:has|have)\s+not\s+(?:yet\s+)?materiali[sz]ed|remains?\s+unfulfilled"
        r"|slow\s+progress)",
        "delayed",
        "stalled",
        "Delays in the disbursement have angered the government.",
    ),
    ProgressPhrase(
        r"(?:has|have|had)\s+(?:still\s+)?not\s+(?:yet\s+)?(?:been\s+(?:paid|disbursed"
        r"|delivered|released|implemented|built|completed)|arrived|received|started|begun)"
        r"|(?:is|are|was|were)\s+yet"
        r"\s+to\s+be\s+\w+",
        "delayed",
        "stalled",
        "The money has still not been disbursed.",
    ),
    # scaled back or broken
    ProgressPhrase(
        r"(?:has\s+been|have\s+been|was|were)\s+(?:cancelled|canceled|withdrawn"
        r"|abandoned|scrapped|cut)",
        "scaled_back",
        "withdrawn",
        "The loan has been cancelled.",
    ),
    ProgressPhrase(
        r"(?:failed\s+to\s+(?:deliver|pay|meet|honour|honor)|scaled?\s+back)",
        "scaled_back",
        "broken",
        "The government failed to deliver the aid.",
    ),
    ProgressPhrase(
        r"(?:simply|only|just)\s+one\s+of\s+(?:two|2|three|3)\s+planned",
        "scaled_back",
        "partially_fulfilled",
        "will construct only one of two planned lines",
    ),
    ProgressPhrase(
        r"(?:withdrew|pulled\s+out\s+of|backed\s+out\s+of|backed\s+(?:off|away)\s+from|backs\s+"
        r"(?:off|away)\s+from|reneged\s+on|(?:cut|slashed|reduced|pulled)\s+(?:its|their|the)\s+"
        r"(?:\w+\s+)?(?:aid|funding|financing|contribution|pledge|support|budget|investment|order)"
        r"|shelved|scrapped|halved)\b",
        "scaled_back",
        "withdrawn",
        "The bank pulled out of the project.",
    ),
    ProgressPhrase(
        r"(?:cancelled|canceled|abandoned|scrapped|dropped)\s+(?:the|its|their|a|an|plans)\b",
        "scaled_back",
        "withdrawn",
        "The government cancelled the contract in March.",
    ),
    # reaffirmed
    ProgressPhrase(
        r"(?:reaffirmed|reiterated|renewed)\s+(?:its|their|his|her|our)\s+(?:commitment"
        r"|pledge|promise)\s+to\s+(?!the\s+development)",
        "reaffirmed",
        "in_progress",
        "Japan reaffirmed its commitment to the fund.",
    ),
    ProgressPhrase(
        r"(?:recommitted|restated|underlined|underscored|emphasi[sz]ed|stressed|renewed)\s+(?:its"
        r"|their|his|her|our)\s+(?:\w+\s+)?(?:commitment|pledge|promise)\s+to\b",
        "reaffirmed",
        "in_progress",
        "Japan restated its firm commitment to provide the loan.",
    ),
    ProgressPhrase(
        r"confirmed\s+(?:its|their|his|her|the)\s+(?:plans?|intention|commitment|decision)\s+to"
        r"|(?:reiterated|reaffirmed|reconfirmed|reiterates|reaffirms)\s+that\b",
        "reaffirmed",
        "in_progress",
        "Volkswagen confirmed its plan to invest €10 billion in Spain.",
    ),
    ProgressPhrase(
        r"fulfil+s\s+the\s+commitment|now\s+delivering\s+the|still\s+planning",
        "reaffirmed",
        "in_progress",
        "the G7 fulfills the commitment they made in June",
    ),
    ProgressPhrase(
        r"(?:remains?|remained|is\s+still|are\s+still)\s+(?:fully\s+|firmly\s+)?committed\s+to"
        r"|(?:reaffirmed|reiterated|confirmed)\s+(?:its|their|his|her|our)\s+(?:strong\s+|full"
        r"\s+|continued\s+)?(?:support|commitment)",
        "reaffirmed",
        "in_progress",
        "Japan remains committed to the fund.",
    ),
    ProgressPhrase(
        r"(?:reiterated|reiterates|reaffirmed|reaffirms)\b(?=[^.;]{0,80}\b(?:commitment|pledge"
        r"|promise|support|readiness|determination|resolve)\b)|(?:strong|firm|full|unwavering)"
        r"\s+commitment\s+to|(?:stands?|stood)\s+by\s+(?:its|their|the|his|her|our)"
        r"\s+(?:commitment|pledge|promise)",
        "reaffirmed",
        "in_progress",
        "The minister reiterated Germany's full support for the programme.",
    ),
    ProgressPhrase(
        r"(?:kept|keeping|honoured|honored|fulfilled|delivered\s+on|delivering\s+on)\s+"
        r"(?:its|their|his|her|our|the)\s+(?:\w+\s+)?(?:promise|pledge|commitment)",
        "done",
        "fulfilled",
        "The government has delivered on its promise.",
    ),
)

# A sentence with one of these words reports on one part of a pledge: done means partly done.
PART_WORDS: tuple[str, ...] = (
    "tranche",
    "first",
    "second",
    "part",
    "phase",
    "five",
    "instalment",
    "installment",
    "batch",
    "one of",
    "new terminal",
    "newly constructed terminal",
)

# Wording that makes a progress phrase a forecast, a hope or a condition, not news.
FORECAST_WORDS: tuple[str, ...] = (
    "will",
    "would",
    "shall",
    "expected to",
    "expects to",
    "set to",
    "scheduled to",
    "due to",
    "likely to",
    "could",
    "may",
    "might",
    "plans to",
    "planned to",
    "is to",
    "are to",
    "hopes to",
    "aims to",
    "intends to",
    "once",
    "if",
    "when it",
)

# Words any pledge, or any report of one, uses: sharing them says nothing about which pledge
# a statement is about, so matching does not count them.
GENERIC_WORDS: tuple[str, ...] = (
    "project",
    "projects",
    "agreement",
    "agreements",
    "deal",
    "billion",
    "million",
    "development",
    "additional",
    "signed",
    "president",
    "minister",
    "government",
    "year",
    "years",
    "next",
    "provide",
    "provided",
    "providing",
    "support",
    "total",
    "worth",
    "first",
    "second",
    "three",
    "pledge",
    "pledged",
    "committed",
    "commitment",
    "announced",
    "countries",
    "country",
    "review",
    "reviewed",
)

# Kinds of money a pledge gives, one record per kind: a statement about one kind is not news
# of a pledge of another ("a $100 million grant" is not "a $100 million line of credit").
INSTRUMENTS: dict[str, tuple[str, ...]] = {
    "grant": ("grant", "grants", "grant-in-aid"),
    "loan": ("loan", "loans", "soft loan", "concessional loan"),
    "credit line": ("line of credit", "lines of credit", "credit line", "credit lines"),
    "currency swap": ("currency swap", "swap agreement", "swap arrangement"),
    "guarantee": ("guarantee", "guarantees", "loan guarantee"),
    "equity": ("equity investment", "equity stake"),
    "debt relief": ("debt relief", "debt cancellation", "debt swap"),
}

# Acts a pledge can promise and a progress statement report, one record per act: a statement
# whose phrase reports the very act the pledge promised ("the loan agreement will be signed",
# "has inked a $83 million loan agreement") is about it, even when they share no other word.
# Each act lists the stems of the pledge's verb and of the statement's phrase.
ACTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "signing": (("sign", "ink", "conclud", "seal"), ("sign", "ink", "conclud", "seal")),
    "ratification": (("ratif",), ("ratif",)),
    "entry into force": (("into force", "take effect"), ("into force", "effect")),
}

# Words that make a pledge a new one of the same kind ("another Patriot system"), so that it
# is not the earlier pledge reported again.
# "more systems" (but not "more than $1 billion") too.
ANOTHER_WORDS: tuple[str, ...] = ("another", "a fresh", "a further", "a new round of", "more")


@dataclass(frozen=True)
class NotNews:
    """A shape of sentence that uses a progress phrase without reporting on any pledge.

    - pattern: a regular expression fragment, matched case-insensitively at word boundaries.
    - where: "before" (in the sentence before the progress phrase), "left" (the words right
      before it), "after" (in the few words after it: its object), "clause" (the rest of its
      clause), "around" (its subject just before, or its object after) or "setting" (before
      it, while the phrase itself names the occasion: "at the signing").
    - why: the reason a reader gives, as in the matching set's `not_progress`.
    - kinds: the kinds of progress phrase the shape rules out.
    """

    pattern: str
    where: str
    why: str
    example: str
    kinds: tuple[str, ...] = ("done", "under_way", "delayed", "scaled_back", "reaffirmed")


# Things that begin, open or are signed without being any pledge: events and laws.
NOT_NEWS: tuple[NotNews, ...] = (
    NotNews(r"exercises?", "around", "background", "The naval exercise began on Monday."),
    NotNews(r"drills?", "around", "background", "The joint drill started off the coast."),
    NotNews(r"manoeuvres|maneuvers", "around", "background", "The manoeuvres began at dawn."),
    NotNews(r"conferences?", "around", "background", "The minister opened a conference."),
    NotNews(r"summit", "around", "background", "The summit opened in Addis Ababa."),
    NotNews(r"forum", "around", "background", "The president has opened the forum."),
    NotNews(r"session", "around", "background", "The session began with a minute of silence."),
    NotNews(r"(?:state\s+)?visit", "around", "background", "The state visit began in Nairobi."),
    NotNews(r"war|invasion|offensive", "around", "other party", "Russia started this war."),
    NotNews(r"(?:an?\s+)?appeal", "after", "background", "The agency launched an appeal."),
    NotNews(
        r"investigation|inquiry|probe", "around", "background", "The police opened an inquiry."
    ),
    NotNews(r"bill|budget|appropriation", "after", "background", "The President signed the bill."),
    NotNews(
        r"stand\s+(?:by|with)|solidarity|friendship",
        "clause",
        "opinion",
        "They reiterated their unwavering commitment to stand by Ukraine.",
    ),
    # The phrase describing a noun rather than telling news: "the deal which was signed in
    # London ... will ensure", "the newly inaugurated airport would drive growth".
    NotNews(
        r"which",
        "left",
        "background",
        "The deal which was signed in London in December will ensure duty-free access.",
        kinds=("done",),  # "work on which is yet to begin" is the news itself
    ),
    NotNews(
        r"(?:newly|recently)",
        "left",
        "background",
        "The President said the newly inaugurated airport would drive growth.",
    ),
    # Feelings and descriptions: the news inside them is told as a reason to be glad.
    NotNews(
        r"expressed\s+(?:his|her|their|its|great\s+)?(?:happiness|satisfaction|delight|joy"
        r"|gratitude|pride)|(?:happy|glad|proud|delighted|pleased)\s+that",
        "before",
        "opinion",
        "The President expressed happiness that the project was inaugurated during his tenure.",
    ),
    NotNews(
        r"described\s+(?:the|it|him|her|them)\b[^.;]{0,60}\bas\b",
        "before",
        "opinion",
        "He described the terminal as world-class and reaffirmed his commitment to similar works.",
    ),
    # The event as the setting of a remark: "made the remarks ... at the groundbreaking".
    NotNews(
        r"(?:made|gave|delivered)\s+(?:the|these|this|his|her)\s+(?:remarks?|speech|address)"
        r"|spoke|speaking|said\s+this",
        "setting",
        "background",
        "The governor made the remarks on Thursday at the groundbreaking of the plant.",
    ),
)


@dataclass(frozen=True)
class ProgressWord:
    """A word the progress model reads as a sign of what a sentence tells, beside the words
    themselves (`progress_model.py`).

    - word: lower case, as news copy writes it; words of a phrase separated by one space.
    - sign: what it says of the sentence: "perfect" and "past" (told as done), "ongoing" (going
      on now), "done" (a thing handed over, finished or opened), "start" (work begun), "delay"
      (late or not moving), "cut" (cut, dropped), "future" (not yet: a forecast or a plan),
      "pledge" (a promise being made), "now" (news of the day), "part" (one part of a whole),
      "opinion" (praise, thanks, a judgement).
    - kind and suggests: the progress kind and status a sentence the model takes is given when
      it carries the word ("" when the word tells none).
    """

    word: str
    sign: str
    kind: str = ""
    suggests: str = ""


def _words(sign: str, words: str, kind: str = "", suggests: str = "") -> tuple[ProgressWord, ...]:
    return tuple(ProgressWord(w.replace("_", " "), sign, kind, suggests) for w in words.split())


PROGRESS_WORDS: tuple[ProgressWord, ...] = (
    *_words("perfect", "has have had has_been have_been had_been has_now have_now has_already"),
    *_words("past", "was were did"),
    *_words("ongoing", "is_being are_being under_way underway ongoing continuing progressing"),
    *_words(
        "done",
        "signed inked sealed completed finished delivered disbursed transferred received"
        " handed_over commissioned"
        " inaugurated opened unveiled launched released allocated paid arrived landed"
        " installed deployed handed ratified approved finalised finalized concluded"
        " operational in_operation in_service open_to",
        "done",
        "fulfilled",
    ),
    *_words(
        "start",
        "started began begun commenced kicked_off broke_ground groundbreaking construction"
        " works building progress implementation implementing",
        "under_way",
        "in_progress",
    ),
    *_words(
        "delay",
        "delayed delays stalled postponed behind_schedule yet_to not_yet on_hold slow"
        " suspended halted missed",
        "delayed",
        "stalled",
    ),
    *_words(
        "cut",
        "cancelled canceled scrapped abandoned withdrawn withdrew dropped scaled_back cut halved",
        "scaled_back",
        "withdrawn",
    ),
    *_words(
        "future",
        "will would shall expected scheduled plans planned intends aims hopes set_to due_to"
        " likely could may might next upcoming",
    ),
    *_words("pledge", "pledged pledges promised promise commit commits announced vowed"),
    *_words("now", "today yesterday now so_far already this_week last_week recently finally"),
    *_words("part", "tranche first second batch phase instalment installment part remaining"),
    *_words("opinion", "welcomed praised thanked hailed commended lauded appreciated"),
)
