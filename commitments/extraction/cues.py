"""The wording that makes a clause a pledge, and the wording that rules one out.

A cue is the verb group that commits a party ("will", "has pledged", "made a commitment to");
its strength is how sure the reader can be that a pledge follows. Predictions, wishes,
itineraries and reported speech use the same modals, so `find_cue` also checks what the cue
governs before accepting it.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .amounts import MONEY_START
from .lexicon import words

__all__ = ["BASE_VERBS", "Cue", "find_cue", "is_base_verb"]

# Verbs a pledge is made of, in their base form. Used to tell "..., and announce a new
# programme" (a second pledge sharing the subject) from "..., and business opportunities".
BASE_VERBS = words(
    """
    accelerate accept achieve add address adopt advance agree aid allocate allow announce apply
    appoint approve arrange assist back ban bid boost bring broaden build buy carry channel
    conduct confirm connect conclude construct contribute continue convene cooperate
    co-operate coordinate co-ordinate cover create cut debate decide deepen defend deliver
    deploy design develop donate double draft drive earmark ease educate eliminate enable end
    engage enhance ensure enter equip establish examine expand expedite explore extend facilitate
    finalise finalize finance fund give grant grow halt halve hand help hire hold host implement
    improve include increase initiate install institute integrate introduce invest issue join
    keep launch lead lease lend lift lower maintain make manufacture match modernise modernize
    move negotiate offer open operate organise organize oversee partner pay phase pilot place
    plant pledge post prioritise prioritize procure produce promote protect provide publish pursue
    put raise ratify reach rebuild recruit reduce reform reinforce release relocate remove renew
    repair replace resettle restore resume return review roll run scale scrap secure seek sell
    send set share ship sign simplify speed sponsor spend stage start station step strengthen
    streamline supply support sustain table take target tackle train transfer triple unveil
    upgrade use waive welcome widen work write
    """
)

# Verbs after "will" that report speech, travel or a forecast rather than commit anyone.
_NOT_PLEDGE_VERBS = words(
    """
    be become remain stay seem appear look face need depend likely probably certainly surely
    meet visit travel arrive fly attend tour see watch say tell speak address discuss talk
    convey stress emphasise emphasize highlight underline underscore argue warn urge call
    note reiterate express mention insist claim believe think hope want wish expect feel
    mean cost have get come go result lead happen take_place help allow enable benefit affect
    hurt harm damage suffer lose win rise fall grow decline drop increase_in likely
    """
)

# "will be provided", "will be set up": a pledge in the passive voice.
_PLEDGE_PARTICIPLES = words(
    """
    provided delivered spent invested allocated deployed built established launched set created
    given sent used opened funded financed offered supplied signed implemented introduced
    announced unveiled extended expanded doubled tripled increased raised
    donated channelled channeled disbursed earmarked shipped transferred upgraded constructed
    rolled stationed trained recruited released waived cut lifted scrapped
    """
)

# Subject-less uses of a modal that forecast rather than promise.
_HEDGES = regex.compile(r"^(?:likely|probably|possibly|perhaps|certainly|surely)\b", regex.I)

# "agreed on Wednesday to ...": when the pledge was made, between the verb and its "to".
_WHEN_WORD = (
    r"\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today"
    r"|yesterday|last\s+\w+|this\s+\w+|earlier\s+\w+|in\s+[A-Z]\w+|in\s+\d{4})"
)
_WHEN = rf"(?:{_WHEN_WORD})?"
_ADV = (
    r"(?:\s+(?:also|further|now|soon|jointly|additionally|then|formally|officially|separately"
    r"|initially|immediately|together|each|both|all|still|again|shortly|swiftly|quickly|first"
    r"|publicly|reportedly|firmly|fully|strongly|today|this\s+week))*"
)


@dataclass(frozen=True)
class Cue:
    name: str  # normalised cue, e.g. "will", "made a commitment to"
    start: int  # span of the cue words in the clause
    end: int
    strength: float
    modal: bool  # carries over to a coordinated verb ("will X, and Y")
    past: bool
    # "Sources said the UK would ...": the pledger is the reported subject, not the speaker.
    subject_start: int | None = None
    subject_end: int | None = None


@dataclass(frozen=True)
class _CueForm:
    name: str
    pattern: regex.Pattern[str]
    strength: float
    modal: bool = True
    past: bool = False
    needs_object: bool = False  # "announced" counts only with money or a plan after it


def _form(name: str, pattern: str, strength: float, **kw: bool) -> _CueForm:
    return _CueForm(name, regex.compile(pattern, regex.IGNORECASE), strength, **kw)


_FORMS: list[_CueForm] = [
    _form(
        "made a commitment to",
        rf"\b(?:has\s+|have\s+|had\s+)?made{_ADV}\s+(?:a|an)\s+(?:\w+\s+)?(?:commitment|pledge"
        rf"|promise|undertaking)s?\s+to\b",
        0.9,
        past=True,
    ),
    _form(
        "expressed its intention to",
        r"\b(?:expressed|announced|stated|confirmed|signalled|signaled|declared)\s+(?:its|their|his"
        r"|her|our|a\s+firm|a\s+strong)\s+(?:intention|readiness|willingness|determination|resolve"
        r"|plans?)\s+to\b",
        0.65,
        past=True,
    ),
    _form(
        "reaffirmed its commitment to",
        r"\b(?:reaffirmed|reiterated|renewed|restated|underlined|affirmed)\s+(?:its|their|his|her"
        r"|our|a|the)\s+(?:\w+\s+)?(?:commitment|pledge|determination)s?\s+to\b",
        0.6,
        past=True,
    ),
    _form(
        "is committed to",
        rf"\b(?:is|are|remains?|was|were|'s|’s){_ADV}\s+(?:\w+ly\s+)?committed\s+to\b",
        0.85,
    ),
    _form(
        "will confirm plans to",
        rf"\b(?:will|shall){_ADV}\s+(?:confirm|announce|unveil|set\s+out|outline)\s+"
        rf"(?:new\s+|its\s+|their\s+)?plans\s+(?:to|for)\b",
        0.8,
    ),
    _form(
        "announced it would",
        rf"\b(?:(?:has|have|had)\s+)?(?:announced|confirmed|declared|said|stated|revealed"
        rf"|promised|pledged|vowed|agreed"
        rf"|added|told\s+\w+(?:\s+\w+)?|reiterated|insisted){_WHEN},?\s+(?:that\s+)?(?P<subj>it"
        rf"|they|he|she|we|I|(?:the|his|her|its|their|our)\s+\w+(?:\s+\w+)?"
        rf"|[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?)\s+(?:would|will|is\s+to)\b",
        0.8,
        past=True,
    ),
    _form(
        "pledged",
        rf"\b(?:has\s+|have\s+|had\s+)?(?:pledged|promised|vowed|undertook|(?:has|have)\s+"
        rf"undertaken|committed(?:\s+(?:itself|themselves|himself|herself))?|resolved|decided"
        rf"|offered|agreed){_WHEN}\s+to\b|\b(?:has\s+|have\s+)?(?:pledged|promised|agreed\s+on"
        rf"|agreed(?=\s+(?:an?|the)\s))(?!{_WHEN_WORD})",
        0.85,
        past=True,
    ),
    _form(
        "signed an agreement to",
        r"\b(?:(?:has|have)\s+)?(?:signed|struck|reached|sealed|concluded)\s+(?:an?|the)\s+(?:[\w-]+\s+)"
        r"{0,3}?(?:agreement|deal|pact|memorandum(?:\s+of\s+understanding)?|MoU|accord|treaty"
        r"|contract)s?\s+(?:\w+\s+){0,4}?to\b(?=\s+[a-z])",
        0.75,
        past=True,
    ),
    _form(
        "pledging",
        r"\b(?:pledging|promising|vowing|committing(?:\s+(?:itself|themselves))?|agreeing)"
        r"\s+to\b",
        0.8,
    ),
    _form(
        "pledges",
        r"\b(?:pledges|promises|vows|commits(?:\s+itself|\s+themselves)?\s+to|agrees\s+to"
        r"|agree\s+to|commit\s+to)(?:\s+to\b)?",
        0.85,
    ),
    _form(
        "announced",
        r"\b(?:has\s+|have\s+)?(?:announced|unveiled|earmarked|allocated|committed|approved"
        r"|confirmed|announces|unveils|earmarks|allocates|approves|confirms|launched|launches)\b",
        0.75,
        past=True,
        needs_object=True,
    ),
    _form("will", rf"\b(?:will|shall|’ll|'ll)\b{_ADV}(?!\s+not\b|n['’]t)", 0.75),
    _form(
        "is set to",
        rf"\b(?:is|are|'s|’s){_ADV}\s+(?:set|poised|slated|scheduled|due)\s+to\b",
        0.65,
    ),
    _form("is to", rf"\b(?:is|are){_ADV}\s+to(?=\s+[a-z])", 0.7),
    _form("is going to", rf"\b(?:is|are|'s|’s){_ADV}\s+going\s+to\b", 0.65),
    _form(
        "plans to",
        rf"\b(?:plans|plan|planned|(?:is|are|was|were)\s+planning|intends|intend|intended|"
        rf"(?:is|are)\s+intending|has\s+plans|have\s+plans){_ADV}\s+to\b",
        0.7,
    ),
    _form(
        "aims to",
        rf"\b(?:aims|aim|aimed|(?:is|are)\s+aiming|seeks|seek|(?:is|are)\s+seeking|strives)"
        rf"{_ADV}\s+to\b",
        0.5,
    ),
    _form(
        "is expected to",
        rf"\b(?:is|are){_ADV}\s+(?:expected|likely)\s+to\b",
        0.45,
    ),
    _form(
        "stands ready to",
        rf"\b(?:stands?|stood|is|are|was|were){_ADV}\s+(?:ready|prepared|willing)\s+to\b",
        0.5,
    ),
]

_NEGATION_BEFORE = regex.compile(
    r"(?:\bnot|n['’]t|\bnever|\bno\s+longer|\bno|\bwithout|\brefused\s+to|\bfailed\s+to"
    r"|\bdeclined\s+to)\s+(?:\w+\s+){0,1}$",
    regex.IGNORECASE,
)
_NEGATION_AFTER = regex.compile(r"^\s*(?:not|never|n['’]t)\b", regex.IGNORECASE)
_ANNOUNCE_OBJECT = regex.compile(
    rf"^\s*(?:.{{0,30}}?{MONEY_START}|(?:an?\s+)?(?:\w+\s+)?(?:outlay"
    r"|budget|allocation|spending|package|fund)|that|plans?|a\s+new|new|an?\s+(?:\w+\s+){0,3}?"
    r"(?:fund|package|programme|program|scheme|initiative|grant|loan|facility|deal|agreement"
    r"|investment|partnership|aid|support)|funding|support|aid|investment|grants?|loans?"
    rf"|{MONEY_START}|\d)",
    regex.IGNORECASE,
)
_PURPOSE = regex.compile(r"\b(?:to|in\s+order\s+to|so\s+as\s+to|aimed\s+at)\s+(\w+)", regex.I)
_TALKS = regex.compile(
    r"(?:(?:further|more|new|bilateral|formal|high-level|direct)\s+)*(?:talks|meetings?|a\s+meeting"
    r"|discussions|a\s+(?:phone\s+)?call|consultations|a\s+press\s+conference)\b",
    regex.IGNORECASE,
)
_PHRASE_END = regex.compile(r"\s+(?:and|that|while|where)\s+|[,;:]")
_AIM_VERBS = frozenset({"aim", "seek", "try", "strive", "endeavour", "endeavor", "look"})
_ITINERARY = frozenset({"meet", "visit", "travel", "arrive", "fly", "attend", "tour", "hold"})


def find_cue(clause: str) -> Cue | None:
    """The first cue in `clause` that commits its subject, or None."""
    best: Cue | None = None
    for form in _FORMS:
        for match in form.pattern.finditer(clause):
            cue = _accept(form, match, clause)
            if cue is None:
                continue
            if best is None or cue.start < best.start:
                best = cue
            break
    return best


def is_base_verb(word: str) -> bool:
    return word.lower() in BASE_VERBS


def _check_verb(form: _CueForm, after: str) -> Cue | bool | None:
    """What the cue governs: None to accept, False to reject (a forecast, an itinerary, a
    speech act), or a replacement cue ("will aim to" is an aim)."""
    words = after.split()
    first = words[0].lower().strip(",.;:") if words else ""
    if not first or _HEDGES.match(after.strip()):
        return False
    if form.name == "is to" and not is_base_verb(first):
        return False
    if first == "be":
        participle = words[1].lower().strip(",.;:") if len(words) > 1 else ""
        return None if participle in _PLEDGE_PARTICIPLES else False
    if first == "hold" and not _TALKS.match(after.split(None, 1)[1] if len(words) > 1 else ""):
        return None  # "hold an exercise", "hold the first dialogue": an undertaking
    if first in _ITINERARY:
        # A meeting or a visit is an itinerary; it becomes a pledge only with a purpose
        # stated in the same verb phrase ("hold talks to develop trade").
        phrase = _PHRASE_END.split(after, maxsplit=1)[0]
        purpose = _PURPOSE.search(phrase)
        if not purpose or purpose.group(1).lower() in _NOT_PLEDGE_VERBS | {"discuss"}:
            return False
        return None
    if first in _NOT_PLEDGE_VERBS:
        return False
    if first in _AIM_VERBS and form.name == "will":
        return Cue("aims to", 0, 0, 0.5, True, False)
    return None


def _accept(form: _CueForm, match: regex.Match[str], clause: str) -> Cue | None:
    before = clause[: match.start()]
    after = clause[match.end() :]
    if _NEGATION_BEFORE.search(before) or _NEGATION_AFTER.search(after):
        return None
    if form.needs_object and not _ANNOUNCE_OBJECT.search(after):
        return None
    if form.name == "pledged" and regex.search(r"\b(?:was|were|been|being)\s+$", before, regex.I):
        return None  # "the roadmap was agreed last year" reports a past agreement
    strength, name = form.strength, form.name
    if form.modal:
        verdict = _check_verb(form, after)
        if verdict is False:
            return None
        if isinstance(verdict, Cue):
            strength, name = verdict.strength, verdict.name
    subject_start = subject_end = None
    embedded = match.groupdict().get("subj")
    if embedded and embedded.lower() not in {"it", "they", "he", "she", "we", "i"}:
        subject_start, subject_end = match.span("subj")
    return Cue(
        name=name,
        start=match.start(),
        end=match.end(),
        strength=strength,
        modal=form.modal,
        past=form.past,
        subject_start=subject_start,
        subject_end=subject_end,
    )
