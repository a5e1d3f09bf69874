"""The project's topic vocabulary and a keyword scorer that files a pledge under one topic."""

from __future__ import annotations

import regex

__all__ = ["TOPICS", "article_topic", "topic_for"]

TOPICS: tuple[tuple[str, str], ...] = (
    ("defence", "Defence"),
    ("cyber_security", "Cyber security"),
    ("technology", "Technology"),
    ("maritime_security", "Maritime security"),
    ("trade", "Trade"),
    ("investment", "Investment"),
    ("energy", "Energy"),
    ("climate", "Climate"),
    ("finance", "Finance"),
    ("health", "Health"),
    ("education", "Education"),
    ("migration", "Migration"),
    ("infrastructure", "Infrastructure and transport"),
    ("humanitarian", "Humanitarian aid"),
    ("agriculture", "Agriculture and food"),
    ("diplomacy", "Diplomacy"),
    ("other", "Other"),
)

# (weight, pattern). A word that names the field outright weighs more than one that merely
# occurs in it ("technology" turns up in every list of sectors).
_KEYWORDS: dict[str, list[tuple[float, str]]] = {
    "cyber_security": [
        (3, r"cyber[\s-]?security|cyber[\s-]?attacks?|cyber[\s-]?crime|cybercriminals?"),
        (2, r"cyber\w*|ransomware|hack(?:ers?|ing)|malware|online\s+infrastructure"),
    ],
    "maritime_security": [
        (3, r"maritime|naval\s+(?:cooperation|co-operation|patrols?|exercises?)"),
        (2, r"sea\s+lanes|shipping\s+lanes|freedom\s+of\s+navigation|coast\s*guards?|piracy"),
        (1, r"indo-pacific|oceans?|seas?|navy|navies"),
    ],
    "defence": [
        (2, r"defen[cs]e[\w-]*|military|armed\s+forces|troops|soldiers|weapons?|arms|missiles?"),
        (2, r"ammunition|fighter\s+jets?|warships?|submarines?|tanks|artillery|air\s+defen[cs]e"),
        (1, r"army|air\s+force|deterrence|security\s+(?:cooperation|co-operation|pact|ties)"),
        (1, r"drones?|aukus|peacekeep\w*|patrols?|jets|bases?|deployments?"),
        (2, r"nato|police\s+(?:officers|forces|units)|security\s+forces"),
        (2, r"(?:counter-?)?terror\w*|extremis\w+|insurgen\w+|jihadis\w+|militants?"),
    ],
    "energy": [
        (2, r"energy|renewables?|solar|wind\s+(?:power|farms?|energy)|hydrogen|electricity"),
        (2, r"power\s+(?:plants?|stations?|grid)|grids?|lng|natural\s+gas|nuclear\s+power|oil"),
        (1, r"gas|coal|fuel|pipelines?|batteries|power"),
        (3, r"nuclear\s+(?:power|plants?|projects?|reactors?|energy)|reactors?"),
    ],
    "climate": [
        (3, r"climate|net[\s-]zero|emissions|carbon|decarboni[sz]\w*|(?:rising\s+)?sea\s+levels?"),
        (1, r"green|clean|deforestation|biodiversity|environment\w*|adaptation|cop\d+"),
    ],
    "health": [
        (3, r"health\w*|vaccines?|vaccinations?|hospitals?|malaria"),
        # A pandemic is as often the setting of a loan or a liquidity measure ("to support
        # its fight against COVID-19", "post-pandemic recovery") as the field of the pledge.
        (3, r"pandemic\s+(?:fund|preparedness|prevention|response)|pandemics"),
        (1, r"pandemic|covid[\w-]*"),
        (2, r"medical|medicines?|disease|clinics?|doctors|nurses|hiv|polio|tuberculosis"),
        (3, r"psycholog\w*|psychosocial|mental\s+health|trauma\s+care"),
    ],
    "education": [
        (3, r"education|schools?|universit(?:y|ies)|students?|scholarships?|teachers?"),
        (1, r"skills|train|training|academic|research\s+fellowships?|civil\s+servants"),
    ],
    "migration": [
        (3, r"migration|migrants?|asylum|visas?|deportations?|illegal\s+entry"),
        (2, r"borders?|mobility|people[\s-]smuggling|returns\s+agreement"),
    ],
    "technology": [
        (2, r"tech\b|artificial\s+intelligence|\bai\b|semiconductors?|chips?|quantum|5g|6g"),
        (2, r"electronics|software|data\s+centres?"),
        (2, r"telecoms?|satellites?|space|critical\s+minerals|digital"),
        (3, r"broadband|fibre[\s-]optic|fiber[\s-]optic|mobile\s+networks?"),
        (1, r"technolog\w*|innovation|science|research"),
    ],
    "trade": [
        (3, r"free\s+trade|trade\s+(?:deal|agreement|pact|talks|negotiations)|fta|tariffs?"),
        (2, r"trade|exports?|imports?|market\s+access|customs|supply\s+chains?|wto"),
        (1, r"buy|purchases?|sell|markets?|goods"),
        (2, r"shipping\s+(?:lines?|routes?)|freight|logistics|trade\s+centres?"),
    ],
    "infrastructure": [
        (3, r"rail(?:ways?|roads?)?|railway\s+lines?|metro|high-speed\s+rail"),
        (2, r"infrastructures?"),
        (3, r"roads?|highways?|motorways?|bridges?|ports?|airports?|harbou?rs?|transport\w*"),
        (
            3,
            r"water\s+(?:supply|supplies|treatment|plants?|pipelines?|infrastructure|projects?|systems?)",
        ),
        (2, r"drinking\s+water|sanitation|sewerage|dams?|canals?|tracks|trains|buses|corridors?"),
        (2, r"housing|houses|construction|terminals?|logistics\s+hubs?|shipyards?|concessions"),
        (2, r"(?:direct\s+)?flights|air\s+(?:links|routes|connectivity)|aviation"),
    ],
    "humanitarian": [
        (3, r"humanitarian|relief|emergency\s+(?:aid|assistance|food|supplies)|famine"),
        (
            3,
            r"food\s+(?:aid|assistance|parcels|rations)|malnutrition|nutritional\s+(?:aid|assistance)",
        ),
        (3, r"world\s+food\s+program(?:me)?|wfp|unhcr|emergency\s+appeals?"),
        # Refugees are more often the people aid reaches than the subject of a migration policy.
        (2, r"refugees?"),
        (3, r"displaced|disaster|earthquake|floods?|cyclones?|hurricanes?|drought"),
        (2, r"shelters?|tents|blankets|lifesaving|life-saving|reconstruction|refugee\s+camps?"),
        (2, r"rebuild(?:ing)?"),
        # Basic needs named together ("water, food and medical care") are relief.
        (3, r"food,?\s+(?:and\s+)?water|water,?\s+(?:and\s+)?food|food\s+and\s+shelter"),
        (3, r"(?:war|conflict)\s+victims|victims\s+of\s+(?:the\s+)?(?:war|conflict|fighting)"),
        (1, r"crisis|victims|survivors|affected\s+(?:people|communities)"),
        (2, r"civilians|(?:people|those)\s+in\s+need"),
    ],
    "agriculture": [
        (3, r"farm(?:s|ers?|ing)?|crops?|food\s+security|fertili[sz]ers?"),
        (2, r"agricultur\w*"),
        (3, r"irrigation|livestock|fisher(?:y|ies|men)|harvests?|grain|wheat|rice|maize|seeds"),
        (2, r"food|nutrition|hunger|agri-?food|agribusiness|smallholders?"),
    ],
    "investment": [
        (2, r"invest\w*|fdi"),
        (1, r"business(?:es)?|companies|venture|capital"),
        # Support a state gives a company to build here ("130 million euros in state aid").
        (2, r"state\s+aid|investment\s+incentives|tax\s+incentives"),
    ],
    "finance": [
        (3, r"loans?|credit\s+lines?|oda|official\s+development\s+assistance"),
        # Budget support is a way of paying, whatever the budget is then spent on.
        (10, r"(?:general\s+)?budget\s+support"),
        (2, r"fiscal"),
        (2, r"credit|debt|budget|financ\w*|bonds?|currency\s+swap|imf|world\s+bank"),
        (2, r"liquidity|banking(?:\s+sectors?)?|balance\s+of\s+payments"),
        (1, r"fund(?:s|ing)?|grants?|aid|money|banks?"),
    ],
    "diplomacy": [
        (2, r"relations|ties|bilateral|diplomatic|embass(?:y|ies)|consulates?|roadmap"),
        (2, r"strategic\s+partnership|work\s+between|ceasefire|sanctions?|accession"),
        (2, r"peace\s+(?:talks|process|deal|agreement|plan|negotiations)"),
        (1, r"partnership|dialogue|summits?|talks|cooperation|co-operation|visits?|meetings?"),
        (2, r"security\s+council|united\s+nations|diplomats?|envoys?"),
        (1, r"working\s+groups?|joint\s+commission|consultations"),
    ],
}
# On a tie the narrower field wins: a cyber pledge is also "cooperation".
_ORDER = [
    "cyber_security",
    "maritime_security",
    "health",
    "education",
    "humanitarian",
    "migration",
    "climate",
    "energy",
    "defence",
    "technology",
    "trade",
    "agriculture",
    "infrastructure",
    "investment",
    "finance",
    "diplomacy",
]
# One pass over the text: each keyword is a named group "<topic>__<n>" whose weight is
# looked up when it matches.
_WEIGHTS: dict[str, tuple[str, float]] = {}
_ALTERNATIVES: list[str] = []
for _code, _patterns in _KEYWORDS.items():
    for _n, (_weight, _pattern) in enumerate(_patterns):
        _WEIGHTS[f"{_code}__{_n}"] = (_code, _weight)
        _ALTERNATIVES.append(rf"(?P<{_code}__{_n}>{_pattern})")
_KEYWORD_RE = regex.compile(rf"\b(?:{'|'.join(_ALTERNATIVES)})\b", regex.IGNORECASE)


def article_topic(text: str) -> str:
    """The field the article as a whole is most about, for a pledge whose own sentence names
    none ("— continue the campaign of maximum pressure" in a summit's list of points)."""
    return topic_for(text)


def topic_for(text: str, context: str = "") -> str:
    """The topic code for a pledge's wording; `context` (the sentence around it) is read
    only when the wording itself names no field."""
    purpose = _PURPOSE.search(text, 0, _OBJECT_SPAN)
    scores = _score(text, head=purpose.start() if purpose else _OBJECT_SPAN)
    if not scores and context:
        scores = _score(context)
    if not scores:
        return "other"
    best = max(scores.values())
    return next(code for code in _ORDER if scores.get(code) == best)


def _score(text: str, head: int = 0) -> dict[str, float]:
    """Keyword weights summed per topic; a field's keyword in the first `head` characters
    (the object of the pledge verb) counts double: "ten million euros in humanitarian aid to
    help fight hunger and improve public health" is humanitarian aid."""
    scores: dict[str, float] = {}
    for match in _KEYWORD_RE.finditer(text):
        code, weight = _WEIGHTS[match.lastgroup or ""]
        if match.start() < head and code not in _INSTRUMENTS:
            weight *= 2
        scores[code] = scores.get(code, 0) + weight
    return scores


_OBJECT_SPAN = 80
# Where the object of the verb ends and its purpose or a description begins.
_PURPOSE = regex.compile(
    r"\s(?:to\s+(?-i:[a-z]+)\b(?<!\bto\s+(?:the|a|an|its|their|his|her|this|these|those))"
    r"|in\s+order\s+to|so\s+as\s+to|so\s+that|aimed\s+at|which|who)\b|[,;](?=\s)",
    regex.IGNORECASE,
)
# How a sum is given ("a loan", "a grant") is not what it is for: such words do not gain
# from standing next to the verb.
_INSTRUMENTS = {"finance"}
