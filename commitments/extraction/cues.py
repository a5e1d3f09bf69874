"""The wording that makes a clause a pledge, and the wording that rules one out.

A cue is the verb group that commits a party ("will", "has pledged", "made a commitment to");
its strength is how sure the reader can be that a pledge follows. Predictions, wishes,
itineraries and reported speech use the same modals, so `find_cue` also checks what the cue
governs before accepting it.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .amounts import MONEY_START, find_amounts
from .lexicon import alternation
from .vocabulary.calendar import WEEKDAYS
from .vocabulary.clauses import SUBORDINATORS
from .vocabulary.cues import ADVERBS, CUES, EARLIER_ADVERBS, FORECAST_ADVERBS
from .vocabulary.nouns import (
    ANNOUNCED_THINGS,
    CEREMONIES,
    DEMONSTRATIVES,
    JOURNEY_VERBS,
    JOURNEYS,
    NOMINAL_ACTS,
    PRINCIPLES,
    SUM_HOLDERS,
    VEHICLES,
)
from .vocabulary.verbs import REPORTING, TELLING, VERBS

__all__ = [
    "BASE_VERBS",
    "CUE_HINT",
    "Cue",
    "find_cue",
    "is_base_verb",
    "is_pledge_gerund",
    "is_pledge_verb",
]

# Built from the verb and cue records; nothing is listed here.
_KINDS = {verb.word: verb.kind for verb in VERBS}
# Verbs a pledge is made of, in their base form. Used to tell "..., and announce a new
# programme" (a second pledge sharing the subject) from "..., and business opportunities".
BASE_VERBS = frozenset(w for w, kind in _KINDS.items() if kind in {"pledge", "effect"})
_NOT_PLEDGE_VERBS = frozenset(w for w, kind in _KINDS.items() if kind == "not_pledge")
_ITINERARY = frozenset(w for w, kind in _KINDS.items() if kind == "itinerary")
_AIM_VERBS = frozenset(w for w, kind in _KINDS.items() if kind == "aim")
_EFFECT_VERBS = frozenset(w for w, kind in _KINDS.items() if kind == "effect")
_REPORTING = alternation(REPORTING)
_RECEIPT_VERBS = frozenset(w for w, kind in _KINDS.items() if kind == "receipt")
# "will be provided", "will be set up": a pledge in the passive voice.
_PLEDGE_PARTICIPLES = frozenset(p for verb in VERBS for p in verb.passive)
# Any word a cue is built from; a paragraph without one cannot hold a pledge.
CUE_HINT = regex.compile(
    rf"\b(?:{alternation(h for cue in CUES for h in cue.hint)})", regex.IGNORECASE
)

_VEHICLE_ALT = rf"(?:{alternation(VEHICLES)})s?"
_DEMONSTRATIVE_ALT = alternation(DEMONSTRATIVES)
# A subject that is a thing already pledged, or a word pointing back to one: "This will
# concentrate on ...", "Those will be delivered through ...", "the accords will give ...".
_POINTING_SUBJECT = regex.compile(
    rf"(?:^|[,;:]\s*|\b(?:and|but)\s+)\W*(?:{_DEMONSTRATIVE_ALT})(?:\s+(?:\w+\s+){{0,2}}?"
    rf"(?:{_VEHICLE_ALT}))?\s*$",
    regex.IGNORECASE,
)
_THING_SUBJECT = regex.compile(
    # "the accords", "UAE’s contribution": a thing pledged, whoever's it is.
    rf"(?:^|[,;:]\s*|\bthat\s+)\W*(?:the|its|their|this|these|those|that|such|[A-Z][\w.-]*[’']s)"
    rf"\s+(?:[\w-]+\s+){{0,3}}?(?:{_VEHICLE_ALT})"
    # "the commitment we have made today will ensure ...": the pledge just told
    r"(?:\s+(?:we|it|they|he|she)\s+(?:have|has|had)\s+(?:\w+\s+)?(?:made|given|announced|pledged)"
    r"(?:\s+today)?)?\s*$",
    regex.IGNORECASE,
)
_CEREMONY_ALT = alternation(CEREMONIES)
# "will host a lunch", "is expected to open an exhibition", "will lay a wreath".
_CEREMONY = regex.compile(
    rf"^\s*[a-z]+\s+(?:(?:an?|the|his|her|its|their|official|state|working|joint|private)\s+)*"
    rf"(?:[\w-]+\s+){{0,2}}?(?:{_CEREMONY_ALT})(?:s|es)?\b",
    regex.IGNORECASE,
)
# "is set to make her first trip to Beijing", "will pay a state visit": a journey, an itinerary.
_JOURNEY = regex.compile(
    rf"^\s*(?:{alternation(JOURNEY_VERBS)})\s+(?:(?:an?|the|his|her|its|their|our|official|state"
    rf"|working|first|second|maiden|historic|long-awaited|two-day|three-day)\s+)*"
    rf"(?:[\w-]+\s+){{0,2}}?(?:{alternation(JOURNEYS)})s?\b",
    regex.IGNORECASE,
)
# "as she seeks to strengthen ties": an aim in a subordinate clause, the reason for a trip.
_SUBORDINATE = regex.compile(
    rf"\b(?:{alternation(SUBORDINATORS)})\s+(?:[\w’'-]+\s+){{0,4}}$", regex.IGNORECASE
)
_KEPT_PROMISE = regex.compile(
    r"\b(?:meet(?:s|ing)?|met|fulfil(?:s|ling|led)?|fulfill(?:s|ing|ed)?|honou?r(?:s|ing|ed)?"
    r"|keep(?:s|ing)?|kept|deliver(?:s|ing|ed)?\s+on|mak(?:es|ing)\s+good\s+on)\s+(?:on\s+)?"
    r"(?:the|its|their|his|her|our|a|an)\s+(?:\w+\s+)?(?:promise|pledge|commitment)s?\b",
    regex.IGNORECASE,
)
_EARLIER_EVENT = regex.compile(
    r"\b(?:after|since)\s+[^,;:]{0,40}$"
    # "the $525m increase that Labor promised": a relative clause about a noun, not a report
    rf"|\b(?!(?:{_REPORTING})\b)"
    r"(?-i:[a-z])\w*\s+(?:that|which)\s+(?:the\s+)?(?:(?-i:[A-Z])[\w’'-]*\s+){1,3}$",
    regex.IGNORECASE,
)
_FIGURE = regex.compile(r"\d")
# "The government said it had decided to provide ...": the decision is the news, told in
# reported speech.
_REPORTED = regex.compile(
    rf"\b(?:{_REPORTING})(?:\s+\w+)??\s+(?:in\s+a\s+statement\s+)?(?:on\s+\w+day\s+)?(?:that\s+)?"
    r"(?:it|they|he|she|we|(?:the\s+)?(?:[\w’'-]+\s+){0,4}?[\w’'-]+)?\s*$",
    regex.IGNORECASE,
)
# "announced at a summit on Saturday a fresh aid package": where and when the cue was said,
# between the verb and its object.
_ADVERBIAL_BEFORE_OBJECT = regex.compile(
    r"^\s*(?:(?:at|during|in)\s+[^,.;]{1,60}?\s+)?(?:on\s+)?"
    rf"(?:{alternation(WEEKDAYS)}|today|yesterday)\s+",
    regex.IGNORECASE,
)
# Announcing something the article has already told ("will announce the extra funding") is
# an itinerary item; the pledge is the one told before.
_ANNOUNCING_THE_KNOWN = regex.compile(
    rf"^\s*(?:also\s+)?(?:{alternation(TELLING)})\s+(?:the|this|these"
    r"|those|its|their|his|her)\b",
    regex.IGNORECASE,
)
# What a sum can be part of when it is pledged: a package or budget, or "This" pointing to one.
_PACKAGE_SUBJECT = regex.compile(
    rf"(?:\b(?:{alternation(SUM_HOLDERS)})s?|^\W*(?:this|it|that|these)"
    # "The additional $5 million includes up to $2 million for NGOs": a sum and its share.
    r"|\d\s*(?:million|billion|bn|m))\s*$",
    regex.IGNORECASE,
)
_PRINCIPLE_ALT = alternation(PRINCIPLES)
_PRINCIPLE = regex.compile(rf"\b(?:{_PRINCIPLE_ALT})\b", regex.IGNORECASE)
# An effect verb ("help", "allow") pledges only with someone as its subject.
_INANIMATE_SUBJECT = regex.compile(
    # "the funding announced will help ...": the thing pledged, named by its participle too.
    rf"\b(?:{_VEHICLE_ALT}|{_DEMONSTRATIVE_ALT})(?:\s+[a-z]+ed)?\s*$|^\W*it\s*$",
    regex.IGNORECASE,
)

# "how many jobs will be created", "whether Japan will join": a question told inside a
# sentence, which commits no one.
_EMBEDDED_QUESTION = regex.compile(
    r"\b(?:how\s+(?:many|much|soon|far)|whether)\b[^,;:]{0,50}$", regex.IGNORECASE
)
# "the amount they originally pledged", "which it had previously promised", "has already
# committed": a pledge made before the news.
_EARLIER_ADVERB = regex.compile(
    rf"\b(?:{alternation(a.word for a in EARLIER_ADVERBS)})\s+(?:been\s+)?$", regex.IGNORECASE
)
_HAD_BEFORE = regex.compile(r"\bhad\s+(?:\w+ly\s+|also\s+)?$", regex.IGNORECASE)
_EARLIER_ADVERB_INSIDE = regex.compile(
    rf"^(?:has|have|had)\s+(?:{alternation(a.word for a in EARLIER_ADVERBS if a.inside)})\b",
    regex.IGNORECASE,
)

# Subject-less uses of a modal that forecast rather than promise.
_HEDGES = regex.compile(rf"^(?:{alternation(FORECAST_ADVERBS)})\b", regex.I)


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
    money_subject: bool = False


_FORMS: list[_CueForm] = [
    _CueForm(
        c.name,
        regex.compile(c.pattern, regex.IGNORECASE),
        c.strength,
        modal=c.modal,
        past=c.past,
        needs_object=c.needs_object,
        money_subject=c.money_subject,
    )
    for c in CUES
]

_ASIDE = regex.compile(r"\s*,[^,;:.]{2,60},\s*(?=[a-z])")
_NEGATION_BEFORE = regex.compile(
    r"(?:\bnot|n['’]t|\bnever|\bno\s+longer|\bno|\bwithout|\brefused\s+to|\bfailed\s+to"
    r"|\bdeclined\s+to)\s+(?:\w+\s+){0,1}$",
    regex.IGNORECASE,
)
_NEGATION_AFTER = regex.compile(
    r"^\s*(?:not|never|n['’]t|by\s+no\s+means|in\s+no\s+way)\b", regex.IGNORECASE
)
# "China will not cut its aid pledges": a cue word after a negated verb is negated with it.
_NEGATED_BEFORE = regex.compile(
    r"\b(?:will|would|shall|can|does|do|did)\s+(?:not|never|by\s+no\s+means)\b|\b(?:won|wouldn"
    r"|can|doesn|don|didn)['’]t\b",
    regex.IGNORECASE,
)
_COUNT_BEFORE = regex.compile(
    r"\d[\d,.]*(?:\s*(?:million|billion|thousand|crore|m|bn))?\s+$", regex.I
)
_ANNOUNCE_OBJECT = regex.compile(
    rf"^\s*(?:.{{0,30}}?{MONEY_START}|(?:an?\s+)?(?:\w+\s+)?(?:outlay"
    r"|budget|allocation|spending|package|fund)|that|plans?|a\s+new|new"
    # "approved its first loan to Myanmar": whose the new thing is, before it
    r"|(?:an?|its|their|his|her)\s+(?:\w+\s+){0,3}?"
    rf"(?:{alternation(ANNOUNCED_THINGS)})|funding|support|aid|investment|grants?|loans?"
    # "announced a significant boost in financial support": a rise in what it gives
    r"|an?\s+(?:\w+\s+){0,2}?(?:boost|increase|rise|top-up)\s+(?:in|to|of)\b"
    # "announced the creation of a prize", "the adoption of its aid budget": a nominalised act
    rf"|the\s+(?:{alternation(NOMINAL_ACTS)})\s+of"
    rf"|{MONEY_START}|\d)",
    regex.IGNORECASE,
)
# The purpose of a trip is a verb: "travel to Sendai to visit a plant" goes to Sendai.
_PURPOSE = regex.compile(
    r"\b(?:to|in\s+order\s+to|so\s+as\s+to|aimed\s+at)\s+(?!(?:the|a|an|its|their)\b)"
    r"((?-i:[a-z]\w*))",
    regex.I,
)
_TALKS = regex.compile(
    r"(?:(?:further|more|new|bilateral|formal|high-level|direct)\s+)*(?:talks|meetings?|a\s+meeting"
    r"|discussions|a\s+(?:phone\s+)?call|consultations|a\s+press\s+conference)\b",
    regex.IGNORECASE,
)
_AND_VERB = regex.compile(r"^[^,;:]{0,80}?\s+and\s+(?:also\s+|then\s+)?([a-z]+)\b")
_PHRASE_END = regex.compile(r"\s+(?:and|that|while|where)\s+|[,;:]")


def find_cue(clause: str) -> Cue | None:
    """The first cue in `clause` that commits its subject, or None."""
    if _KEPT_PROMISE.search(clause):
        return None  # "is thereby meeting the promise it made in 2019": progress, not a pledge
    best: Cue | None = None
    for form in _FORMS:
        for match in form.pattern.finditer(clause):
            cue = _accept(form, match, clause)
            if cue is None:
                continue
            if best is None or cue.start < best.start:
                best = cue
            break
    if best is not None and _NEGATED_BEFORE.search(clause, 0, best.start):
        return None
    return best


def is_base_verb(word: str) -> bool:
    return word.lower() in BASE_VERBS


def is_pledge_verb(word: str) -> bool:
    """A verb that commits its subject whatever that subject is ("continue", "sign")."""
    return _KINDS.get(word.lower()) == "pledge"


def _check_verb(form: _CueForm, after: str, before: str = "") -> Cue | bool | None:
    """What the cue governs: None to accept, False to reject (a forecast, an itinerary, a
    speech act), or a replacement cue ("will aim to" is an aim)."""
    aside = _ASIDE.match(after)
    if aside:
        # "China will, over the next three years, provide ...": the verb after the aside.
        after = after[aside.end() :]
        if _NEGATION_AFTER.search(after):
            return False
    words = after.split()
    first = words[0].lower().strip(",.;:") if words else ""
    # "It will significantly improve ...": the verb after an adverb says what the cue governs.
    verb = next((w.lower().strip(",.;:") for w in words[:3] if not _is_adverb(w)), first)
    if not first or _HEDGES.match(after.strip()):
        return False
    if form.name in {"is to", "X to do"} and not (is_base_verb(verb) or verb in _RECEIPT_VERBS):
        return False
    if _POINTING_SUBJECT.search(before):
        return False  # describes what was pledged before: "This will concentrate on ..."
    if verb in _EFFECT_VERBS and _INANIMATE_SUBJECT.search(before):
        return False  # "The fund will help farmers": an effect of a pledge, not a new one
    if _CEREMONY.match(after):
        return False  # a ceremony or a social engagement
    if first in {"start", "begin", "continue"} and len(words) > 1:
        # "will start receiving the vaccine": what is started decides, as the verb would.
        kind = _gerund_kind(words[1].lower().strip(",.;:"))
        if kind in {"receipt", "not_pledge"}:
            return False
    if first == "be":
        participle = words[1].lower().strip(",.;:") if len(words) > 1 else ""
        if (
            participle in _PLEDGE_PARTICIPLES
            or _progressive_pledge(participle)
            or _passive_pledge(participle)
        ):
            return None  # "will be provided", "will be launched"; "is going to be spending"
        if participle.endswith("ing") and any(m.start < 60 for m in find_amounts(after[:120])):
            return None  # "will be jacking up its aid to Afghanistan by $115 million"
        return False
    if _THING_SUBJECT.search(before) and not _has_figure(after):
        # "the accords will give new impetus": what a pledge will do. With a figure it is the
        # pledge's own detail: "The programme will train 500 analysts a year".
        return False
    if first == "hold" and not _TALKS.match(after.split(None, 1)[1] if len(words) > 1 else ""):
        return None  # "hold an exercise", "hold the first dialogue": an undertaking
    if first in _ITINERARY or first == "hold" or _JOURNEY.match(after):
        # A meeting or a visit is an itinerary; it becomes a pledge only with a purpose
        # stated in the same verb phrase ("hold talks to develop trade").
        phrase = _PHRASE_END.split(after, maxsplit=1)[0]
        purpose = _PURPOSE.search(phrase)
        if not purpose or purpose.group(1).lower() in _NOT_PLEDGE_VERBS | _ITINERARY:
            # "will tour the port and sign a memorandum": the itinerary goes, the pledge stays.
            also = _AND_VERB.search(after)
            if also and _KINDS.get(also.group(1).lower()) == "pledge":
                return Cue(form.name, 0, also.start(1), form.strength, True, False)
            return False
        return None
    if _ANNOUNCING_THE_KNOWN.match(after) and not _FIGURE.search(_PHRASE_END.split(after, 1)[0]):
        return False  # "will announce the extra funding during a speech": when, not what
    if first in _RECEIPT_VERBS:
        # "South-east Asia is set to gain a $470m increase in aid": given, by someone else.
        if not any(m.start < 40 for m in find_amounts(after[:90])):
            return False
        return Cue("receives", 0, 0, form.strength - 0.1, form.modal, False)
    if first in _NOT_PLEDGE_VERBS or verb in _NOT_PLEDGE_VERBS:
        return False
    if first in _AIM_VERBS and form.name == "will":
        return Cue("aims to", 0, 0, 0.5, True, False)
    return None


def _has_figure(text: str) -> bool:
    """A number, or a sum in words ("three million euros")."""
    return bool(_FIGURE.search(text) or find_amounts(text))


def _is_adverb(word: str) -> bool:
    word = word.lower().strip(",.;:")
    return (word.endswith("ly") and word not in _KINDS) or word in ADVERBS


def is_pledge_gerund(word: str) -> bool:
    """ "supporting", "launching": the -ing form of a pledge verb."""
    return _progressive_pledge(word.lower())


def _gerund_kind(word: str) -> str | None:
    if not word.endswith("ing") or len(word) < 6:
        return None
    stem = word[:-3]
    forms = [stem, stem + "e", *([stem[:-1]] if len(stem) > 2 and stem[-1] == stem[-2] else [])]
    return next((_KINDS[f] for f in forms if f in _KINDS), None)


def _passive_pledge(word: str) -> bool:
    """ "launched", "upgraded", "planned": the participle of a pledge verb, read by its stem
    so a verb recorded once serves every form."""
    if not word.endswith("ed") or len(word) < 5:
        return False
    stem = word[:-2]
    forms = {stem, stem + "e", word[:-1]}
    if len(stem) > 2 and stem[-1] == stem[-2]:
        forms.add(stem[:-1])  # "planned"
    if stem.endswith("i"):
        forms.add(stem[:-1] + "y")  # "supplied"
    return any(_KINDS.get(form) == "pledge" for form in forms)


def _progressive_pledge(word: str) -> bool:
    if not word.endswith("ing") or len(word) < 6:
        return False
    stem = word[:-3]
    forms = {stem, stem + "e"} | ({stem[:-1]} if len(stem) > 2 and stem[-1] == stem[-2] else set())
    return any(_KINDS.get(form) == "pledge" for form in forms)


def _accept(form: _CueForm, match: regex.Match[str], clause: str) -> Cue | None:
    before = clause[: match.start()]
    after = clause[match.end() :]
    if _NEGATION_BEFORE.search(before) or _NEGATION_AFTER.search(after):
        return None
    gerund = match.groupdict().get("gerund")
    if gerund is not None and not is_pledge_gerund(gerund):
        return None  # "is seeing", "are going": only a pledge verb's progressive pledges
    if form.needs_object and form.past and _COUNT_BEFORE.search(before):
        return None  # "more than 360,000 confirmed infections": a participle describing a count
    if form.needs_object:
        adverbial = _ADVERBIAL_BEFORE_OBJECT.match(after)
        obj = after[adverbial.end() :] if adverbial else after
        if not (
            _ANNOUNCE_OBJECT.search(obj)
            or any(m.start < 40 for m in find_amounts(obj[:80]))
            # "signed a €200 million loan with Morocco": the sum inside the cue's own words
            or (form.name == "signed notes covering" and find_amounts(match.group(0)))
        ):
            return None
    if _EMBEDDED_QUESTION.search(before):
        return None
    if form.past and (
        (regex.match(r"had\b", match.group(0), regex.I) and not _REPORTED.search(before))
        or ((had := _HAD_BEFORE.search(before)) and not _REPORTED.search(before, 0, had.start()))
        or _EARLIER_EVENT.search(before)
        or _EARLIER_ADVERB.search(before)
        or _EARLIER_ADVERB_INSIDE.search(match.group(0))
    ):
        # "Last month, Japan had agreed to ...", "a few days after Yoon pledged to ...": an
        # earlier pledge told as background.
        return None
    if form.money_subject:
        if not find_amounts(before):
            return None
        giver = match.span("subj") if "subj" in form.pattern.groupindex else (None, None)
        return Cue(form.name, match.start(), match.end(), form.strength, False, True, *giver)
    if form.name == "pledged" and regex.search(r"\b(?:was|were|been|being)\s+$", before, regex.I):
        return None  # "the roadmap was agreed last year" reports a past agreement
    strength, name = form.strength, form.name
    end = match.end()
    if form.modal:
        verdict = _check_verb(form, after, before)
        if verdict is False:
            return None
        if isinstance(verdict, Cue):
            strength, name = verdict.strength, verdict.name
            end += verdict.end  # the pledged verb after a coordinated itinerary
    if name == "plans to" and regex.search(r"\b(?:is|are|was|were|be|been)\s+$", before, regex.I):
        return None  # "This contribution is intended to respond ...": a purpose
    governed = regex.split(r"[.;]\s", after, maxsplit=1)[0][:80]
    if _PRINCIPLE.search(governed) and not _has_figure(governed):
        return None  # "commit to uphold the UN Charter": a principle, nothing to track
    if name == "includes" and not _PACKAGE_SUBJECT.search(before):
        return None  # "the partnership, valued at $5bn, includes ...": a tally, not a package
    if name == "reaffirmed its commitment to" and not _has_figure(after):
        return None  # a general commitment restated, with nothing to count or date
    if name == "aims to" and (
        _THING_SUBJECT.search(before)
        or _SUBORDINATE.search(before)
        or regex.fullmatch(r"\W*(?:it|this|that)\s*", before, regex.I)
    ):
        # "the partnership aims to double exports", "as she seeks to strengthen ties": the
        # purpose of something, not a pledge of someone.
        return None
    subject_start = subject_end = None
    embedded = match.groupdict().get("subj")
    if embedded and embedded.lower() not in {"it", "they", "he", "she", "we", "i"}:
        subject_start, subject_end = match.span("subj")
    return Cue(
        name=name,
        start=match.start(),
        end=end,
        strength=strength,
        modal=form.modal,
        past=form.past,
        subject_start=subject_start,
        subject_end=subject_end,
    )
