"""Who pledged, and to whom: named parties behind pronouns, titles and shorthand.

An `ArticleContext` reads the whole article once: which parties it is about, which people
it names and for which country they speak. A clause's subject is then resolved to the
named party ("She" -> the last person named -> her country; "the two countries" -> the two
parties the article is about; "the programme" -> whoever launched it).
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

import regex

from .lexicon import alternation, words
from .parties import Party, display, gazetteer, party_named
from .vocabulary.calendar import WEEKDAYS
from .vocabulary.currencies import CURRENCIES
from .vocabulary.nouns import (
    BODIES_SET_UP,
    BODY_HEADS,
    FORECAST_HEADS,
    GATHERINGS,
    MEMBER_GROUPS,
    OWN_BODY_HEADS,
    PARTY_GROUPS,
    SET_UP,
)
from .vocabulary.people import (
    DELEGATES,
    MISSIONS,
    NAME_PARTICLES,
    PEOPLE,
    ROLE_HEADS,
    SHIP_PREFIXES,
    TITLES,
)
from .vocabulary.speech import forms as saying
from .vocabulary.subjects import CAPITALISED_ORGANS, FIRM_DESCRIPTIONS, INSTITUTIONS, STATE_ORGANS
from .vocabulary.verbs import DECIDING, REPORTING

# A currency sign spelt with a party's letters ("US$", "NZ$", "$US"), before its figure.
_LETTERED_SIGN = regex.compile(
    "(?:"
    + alternation(
        symbol for c in CURRENCIES for symbol in c.symbols if any(ch.isalpha() for ch in symbol)
    )
    + r")(?=\s?\d)"
)

__all__ = ["ArticleContext", "Person", "Resolution"]

_ROLE_HEAD = rf"(?:{alternation(ROLE_HEADS)})"
_ROLE = (
    rf"(?:(?:[A-Z][\w-]+|of|for)\s+){{0,4}}?{_ROLE_HEAD}"
    r"(?:\s+(?:of|for)\s+(?:[A-Z][\w-]+(?:\s+and)?\s?){1,3})?"
)
_NAME_WORD = r"[A-Z][a-zà-öø-ÿ'’-]+(?:[A-Z][a-zà-öø-ÿ'’-]+)?"  # "Ruto", "McCully", "DeSantis"
_NAME = (
    rf"(?:[A-Z]\.?\s+){{0,2}}{_NAME_WORD}"
    rf"(?:\s+(?:(?:{alternation(NAME_PARTICLES)})\s+)*{_NAME_WORD}){{0,2}}"
)
_NOT_NAMES = words(
    """
    The A An This That These Those It He She They We I On In At During After Before Since
    Sources Source Officials Monday Tuesday Wednesday Thursday Friday Saturday Sunday And But
    Minister Secretary President Government Will Would Has Have Had Said Says New Year
    """
)
_PERSON_PATTERNS = [
    # "UK Foreign Secretary Liz Truss", "India's External Affairs Minister S Jaishankar": the
    # country in front is read from the party mentions found before.
    regex.compile(rf"(?P<role>{_ROLE})\s+(?P<name>{_NAME})"),
    # "Penny Wong, Australia's foreign minister," / "Liz Truss, the British foreign secretary"
    regex.compile(
        rf"(?P<name>{_NAME}),\s+(?:the\s+|a\s+)?(?:(?P<pre>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)"
        rf"(?:['’]s)?\s+)?(?P<role>(?i:(?:[a-z-]+\s+){{0,3}}?{_ROLE_HEAD}))\b"
        # "Nkosazana Dlamini-Zuma, the current chair of the African Union Commission"
        rf"(?:\s+of\s+(?:the\s+)?(?P<of>[A-Z][\w-]+(?:\s+[A-Z][\w-]+){{0,4}}))?"
    ),
    # "Australia's foreign minister, Penny Wong,", "Australia's Minister for Foreign Affairs,
    # Penny Wong,"
    regex.compile(
        rf"(?P<pre>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)(?:['’]s)?\s+(?P<role>(?i:(?:[a-z-]+\s+)"
        rf"{{0,3}}?{_ROLE_HEAD})(?:\s+(?:for|of)\s+(?:[A-Z][\w-]+(?:\s+and)?\s?){{1,4}})?)"
        rf",?\s+(?P<name>{_NAME})"
    ),
]
_POSSESSIVE_PERSON = regex.compile(r"\b(?:his|her)\s+$", regex.IGNORECASE)
_THEIR = regex.compile(r"\btheir\s+(?:respective\s+|two\s+|own\s+)?$", regex.IGNORECASE)
# From a sentence boundary, at most three words before a party: it is the sentence's subject.
_SENTENCE_OPENING = regex.compile(r"(?:^|[.!?]\s+|\n)(?:[\w’'-]+\s+){0,3}$")
_OF_PARTY = regex.compile(r"\s+of\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}")
_ITS = regex.compile(r"\bits\s+$", regex.IGNORECASE)
_JOINT_STATEMENT = regex.compile(r"\bjoint\s+(?:statement|declaration|communiqu[eé])\b", regex.I)
_PLACE_OPENING = regex.compile(
    r"\W*(?:In|For|Across|Throughout|Within)\s+(?:the\s+)?(?-i:[A-Z])[^,;]{1,60},\s+"
)
_OURS = regex.compile(r"\W*(?:our|my)\s+(?:[\w-]+\s+){0,3}?[\w-]+\s*$", regex.IGNORECASE)
_SAYS_AFTER = regex.compile(rf"^,?\s+(?:{alternation(saying('after_name'))})\b")
_ANNOUNCES_THAT = regex.compile(
    rf",?\s+(?:has\s+|have\s+)?(?:{alternation(saying('that'))})"
    r"(?:\s+on\s+\w+day)?\s+(?:that\s+)?(?:the\s+)?"
)
_SAYS_BEFORE = regex.compile(rf"\b(?:{alternation(saying('before_name'))}|according\s+to)\s+$")
_SHIP = regex.compile(rf"\b(?:{alternation(SHIP_PREFIXES)})\s")
_ACRONYM_GIVEN = regex.compile(r"\s*\(((?-i:[A-Z][A-Za-z]{1,9}))\)")
_THEIR_PEOPLE = regex.compile(
    r"(?:^|[,;:]\s*|\band\s+)\W*(?:their|its|our)\s+(?:respective\s+)?(?:[\w-]+\s+){0,2}?"
    rf"(?:{alternation(DELEGATES)})\s*$",
    regex.IGNORECASE,
)
_PEOPLE_NOUN = regex.compile(rf"\b(?:{alternation(PEOPLE)})\b", regex.IGNORECASE)
_OF_BETWEEN = regex.compile(r"\)?\s*(?:,\s*)?of\s+(?:the\s+)?")
_POSSESSIVE_GAP = regex.compile(r"(?:['’]s)?\s+")
_TO_ANTECEDENT = regex.compile(r"(?:\s*\([^()]{1,20}\))?")
_ROLE_BEFORE = regex.compile(rf"(?:{_ROLE})\s+$")
_TITLES = rf"(?:{alternation(TITLES)})\.?"

_PRONOUN = regex.compile(r"\b(?:[Ss]he|[Hh]e|[Tt]hey|[Ii]t|[Ww]e|I|[Ww]ho)\b")
_COLLECTIVE = regex.compile(
    r"\b[Tt]he\s+(?:two\s+)?(?:leaders|prime\s+ministers|premiers|foreign\s+ministers|presidents"
    r"|heads\s+of\s+(?:state|government))\b|"
    r"(?i:\b(?:(?:the\s+)?(?:two|three|four|five)|both)\s+(?:countries|nations|sides|governments|leaders|partners"
    r"|states|ministers|prime\s+ministers|premiers|foreign\s+ministers|allies|neighbours|neighbors"
    r"|capitals|democracies|economies|delegations))\b|\b[Tt]he\s+pair\b|\b[Bb]oth\b(?=\s*$)",
)
_VEHICLE = regex.compile(
    r"\b(?:[Tt]his|[Tt]hese|(?:[Tt]he|[Aa]n?)\s+(?:new\s+)?(?:[\w-]+\s+){0,2}?"
    rf"(?:{alternation([*SET_UP, *BODIES_SET_UP])}))\b"
)
_ORGAN_FORMS = [form for o in STATE_ORGANS for form in (o, o[0].upper() + o[1:])]
_GOVERNMENT = regex.compile(
    rf"\b(?:{alternation([*_ORGAN_FORMS, *CAPITALISED_ORGANS])})\b"
    # "their respective governments will ...": the governments of the parties just named
    r"|(?<=\btheir\s+(?:respective\s+|two\s+|own\s+)?)governments\b"
)
# The subject's own noun phrase, before any prepositional phrase or verb.
_HEAD_NOUN_PHRASE = regex.compile(
    r"^\W*(?:(?:the|a|an|this|its|their|his|her|our)\s+)?((?:[\w’'-]+\s+){0,3}?[\w’'-]+)"
    r"(?=\s+(?:in|of|for|to|with|from|at|on|is|are|was|were|has|have|had|will|would|and)\b"
    r"|\s*,|\s*$)",
    regex.IGNORECASE,
)
_MISSION_BEFORE = regex.compile(rf"\b(?:{alternation(MISSIONS)})(?:\s+(?:in|at))?\s+$")
# Subjects that stand for a party named elsewhere; with none to point to, the actor is open.
_GUESSED = frozenset({"title", "pronoun", "vehicle", "government", "collective"})
_INSTITUTION = regex.compile(r"\b(?:bank|agency|fund)\s*$", regex.IGNORECASE)
# "The new bank will lend ...": a body the pledge sets up, not one named before.
_NEW_BODY = regex.compile(r"\b(?:new|proposed|planned|joint)\b", regex.IGNORECASE)
_RECIPIENT_BEFORE = regex.compile(r"\b(?:to|for|with)\s+(?:the\s+)?$", regex.IGNORECASE)
_COLLECTIVE_SIZE = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}
_AS_ROLE = regex.compile(
    r"(?<=\w),?\s+as\s+(?:a|an|the|its|their|his|her)\s+[^,]{0,40}?\b(?:of|to)\s+[^,]{1,40},?\s*$"
)
_TRAILING_TIME = regex.compile(
    rf"(?:\s+(?:on\s+)?(?:today|yesterday|tonight|earlier|recently|{alternation(WEEKDAYS)}"
    r"|(?:this|last)\s+week))+\s*$",
    regex.IGNORECASE,
)
_COMPANY_APPOSITION = regex.compile(
    r"^\W*(?P<name>[A-Z][\w&.’'-]*(?:\s+(?:[A-Z&][\w&.’'-]*|of|and))*),\s+(?:a|an|the)\s+"
    rf"[^,]{{0,80}}?\b(?:{alternation(FIRM_DESCRIPTIONS)})\b[^,]{{0,80}},?\s*$"
)
# "The British luxury carmaker", "the German company": a nationality describing a firm.
_DESCRIBED_FIRM = regex.compile(
    rf"\s+(?:[\w-]+\s+){{0,2}}?(?:{alternation(FIRM_DESCRIPTIONS)})\s*", regex.IGNORECASE
)
# "The Saudi Fund for Development (SFD) and Serbia": an acronym in brackets may come between.
_JOINER = regex.compile(
    r"^\s*(?:\([A-Z][A-Za-z]{1,9}\)\s*|\)\s*)?(?:,|,?\s*and|&|-|–|/)\s*(?:the\s+|The\s+)?$"
)
# Nouns whose future is forecast, not promised: "Prices will rise", "The economy will grow".
_FORECAST_HEADS = regex.compile(rf"\b(?:{alternation(FORECAST_HEADS)})\s*$", regex.IGNORECASE)

# A subject naming parties only as a group: "Gulf donors", "Western allies", "the lenders".
_GROUP_OF_PARTIES = regex.compile(rf"\b(?:{alternation(PARTY_GROUPS)})\s*$", regex.IGNORECASE)
_FIRM_WORDS = alternation(f for i in INSTITUTIONS if i.kind == "firm" for f in i.forms)
_FIRM_AFTER = regex.compile(rf"\s+(?:[\w-]+\s+)?(?:{_FIRM_WORDS})\s*$", regex.IGNORECASE)
_INSTITUTION_WORDS = frozenset(f.lower() for i in INSTITUTIONS for f in i.forms)
_MEMBERS = regex.compile(rf"\b(?:{alternation(MEMBER_GROUPS)})\s*$", regex.IGNORECASE)
_GATHERING = regex.compile(
    rf"^\W*the\s+(?:[\w-]+\s+){{0,2}}?(?:{alternation(GATHERINGS)})\s*$", regex.IGNORECASE
)
_AGREED = regex.compile(
    rf"\s*(?:also\s+)?(?:{alternation(DECIDING)})\b",
    regex.IGNORECASE,
)
# "Participants of a conference on the Sahel", "Donors at the Oslo conference": a group
# followed by where it met, whose places name no pledger. (A bare group is read in
# `_unnamed`.)
_GROUP_HEAD = regex.compile(
    rf"\W*(?:the\s+|(?:[\w-]+\s+)?)(?P<group>{alternation(PARTY_GROUPS)})"
    r"\s+(?:of|at|in|attending)\b",
    regex.IGNORECASE,
)
_CAPITAL_WORD = r"(?-i:[A-Z])[\w’'&-]*"
# "Kuwait Fund for Arab Economic Development", "Saudi Arabian Monetary Authority",
# "Development Bank of Latin America and the Caribbean": capitalised words up to a body's
# head, and what it is "of" or "for".
# A word of a body's name: no possessive, so "Saudi Arabia's Public Investment Fund" is the
# country's fund.
_NAME_PART = r"(?-i:[A-Z])[\w&-]*"
_OWN_BODY_NAME = regex.compile(
    rf"(?<![\w’'-])(?:The\s+)?(?P<name>(?:{_NAME_PART}\s+){{1,5}}"
    rf"(?P<head>{alternation(OWN_BODY_HEADS)})(?![\w-])"
    rf"(?:\s+(?:for|of)\s+(?:the\s+)?{_NAME_PART}"
    rf"(?:\s+(?:and\s+(?:the\s+)?)?{_NAME_PART}){{0,5}})?)"
)


_UNLISTED_PARTNER = regex.compile(
    r"\W*(?:the\s+)?(?P<name>(?-i:[A-Z])[\w&.’'-]*(?:\s+(?-i:[A-Z])[\w&.’'-]*){0,3})"
    r"\s*(?:,|and|&)\s*(?:the\s+)?"
)
_TWO_SIDES = regex.compile(
    r"\b(?:the\s+)?(?:two|both)\s+(?:countries|nations|sides|governments|leaders)\b",
    regex.IGNORECASE,
)
_BRACKET_OPENS = regex.compile(r"\s*\(\s*")
_OPENING_ADVERBIAL = regex.compile(
    r"\W*(?:At|During|On|After|Following|Under|Before|Since|Earlier|Later|Meanwhile|By\s+decision"
    r"|On\s+the\s+decision|Upon)\b"
    r"[^,;]{0,80},\s+"
)
_NAME_OPENS = regex.compile(r"(?:the\s+)?(?-i:[A-Z])[\w&.’'-]*", regex.IGNORECASE)
# "CAF -development bank of Latin America-", "CAF, the development bank of Latin America,":
# a name its apposition calls a bank, a fund or a lender.
_BODY_APPOSITION = regex.compile(
    r"\W*(?P<name>(?-i:[A-Z])[\w&.’'-]*(?:\s+(?-i:[A-Z])[\w&.’'-]*){0,3})\s*(?:,|-|–|—|\()\s*"
    r"(?:the\s+|a\s+|an\s+)?[^,()–—]{0,40}?\b(?:bank|fund|lender)\b[^,()–—]{0,80}?"
    r"(?:,|-|–|—|\))\s*$",
    regex.IGNORECASE,
)
_REPORTED_PRONOUN = regex.compile(
    rf"\s+(?:{alternation(REPORTING)})\s+(?:[\w-]+\s+){{0,2}}?(?:that\s+)?"
    r"(?P<pronoun>(?-i:it|they|he|she))\s*$"
)
_ACRONYM_AFTER = regex.compile(r"\s*\((?-i:[A-Z][A-Za-z&]{1,9})\)\s*$")
_SPELT_OUT = regex.compile(
    rf"(?P<name>{_CAPITAL_WORD}(?:\s+(?:(?:of|for|and|&)\s+)?{_CAPITAL_WORD}){{1,5}})"
    r"\s*\((?P<acronym>(?-i:[A-Z]{2,8}))\)"
)


@dataclass(frozen=True)
class Person:
    name: str
    surname: str
    role: str
    party: Party | None
    start: int


@dataclass(frozen=True)
class Resolution:
    """A resolved subject: named parties, or a name when the pledger is not a country or
    body (a company, an unplaced person)."""

    parties: tuple[Party, ...]
    label: str = ""
    how: str = "named"  # named | pronoun | title | collective | context | name | unresolved

    @property
    def actor(self) -> str:
        return display(list(self.parties)) if self.parties else self.label

    @property
    def joint(self) -> bool:
        return len(self.parties) > 1


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    kind: str  # party | person | title | pronoun | collective | vehicle | government
    parties: tuple[Party, ...] = ()
    person: Person | None = None
    text: str = ""


@dataclass
class ArticleContext:
    text: str
    party_mentions: list[tuple[int, int, Party, str]] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    person_refs: list[tuple[int, int, Person]] = field(default_factory=list)
    main: list[Party] = field(default_factory=list)
    # Every party the article names, by name: the table's and the bodies read from the text.
    party_by_name: dict[str, Party] = field(default_factory=dict)
    # The countries and regions a body read from the text is named for ("Kuwait" for the
    # Kuwait Fund): its home, never the other side of its pledge.
    homes: dict[Party, frozenset[Party]] = field(default_factory=dict)
    # Acronyms the article spells out for a name no party record holds: "JLR" -> "Jaguar
    # Land Rover".
    spelt_out: dict[str, str] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    # Start offsets of the two lists above, for bisection.
    _mention_starts: list[int] = field(default_factory=list, repr=False)
    _ref_starts: list[int] = field(default_factory=list, repr=False)
    # A joint statement speaks in the first person plural of its authors.
    joint_statement: bool = False

    @classmethod
    def read(cls, text: str) -> ArticleContext:
        ctx = cls(text)
        ctx._scan()
        return ctx

    # -- reading the article ------------------------------------------------------------

    def _scan(self) -> None:
        gaz = gazetteer()
        signs = [m.span() for m in _LETTERED_SIGN.finditer(self.text)]
        for match in gaz.pattern.finditer(self.text):
            if _overlaps(match.start(), match.end(), signs):
                continue  # "US$5 million", "$US5m": a currency, not the United States
            party, how = gaz.lookup[match.group(0)]
            self.party_mentions.append((match.start(), match.end(), party, how))
        self._read_body_names()
        self._read_acronyms()
        self._read_spelt_out()
        self._mention_starts = [m[0] for m in self.party_mentions]
        self.joint_statement = _JOINT_STATEMENT.search(self.text) is not None
        self._scan_people()
        for _, _, party, _ in self.party_mentions:
            self.counts[party.name] += 1
        for _, _, person in self.person_refs:
            if person.party is not None:
                self.counts[person.party.name] += 1
        parties = {party.name: party for _, _, party, _ in self.party_mentions}
        common = self.counts.most_common()
        ranked = [parties[name] for name, n in common if n >= 2]
        if len(ranked) < 2:
            # A short release may name its partner once ("the EU will share ... with India").
            ranked += [parties[name] for name, n in common if n == 1][: 2 - len(ranked)]
        # Blocs and the UN are usually the setting, not a side; prefer countries for "the two".
        countries = [p for p in ranked if p.kind == "country"]
        self.main = (countries + [p for p in ranked if p.kind != "country"])[:2]
        self.party_by_name = parties
        self._ref_starts = [r[0] for r in self.person_refs]

    def _read_body_names(self) -> None:
        """A fund, bank, authority or agency whose name holds a country or a region is a body
        in its own right: "the Kuwait Fund for Arab Economic Development (KFAED) will grant"
        is the fund's pledge, not Kuwait's. A name the parties hold whole is left to them."""
        bodies: list[tuple[int, int, Party, str]] = []
        for match in _OWN_BODY_NAME.finditer(self.text):
            start, end = match.span("name")
            name = match.group("name")
            inside = [m for m in self.party_mentions if start <= m[0] and m[1] <= end]
            if not inside or any(
                m[2].kind not in {"country", "region"} or (m[0], m[1]) == (start, end)
                for m in inside
            ):
                continue
            head = match.start("head")
            if not any(m[0] < head or m[2].kind == "region" for m in inside):
                continue  # "the Central Bank of Egypt", "the State Bank of Pakistan": its state's
            body = Party(name, kind="body")
            bodies.append((start, end, body, "name"))
            self.homes[body] = frozenset(m[2] for m in inside)
        if not bodies:
            return
        spans = [(b[0], b[1]) for b in bodies]
        self.party_mentions = sorted(
            [m for m in self.party_mentions if not _overlaps(m[0], m[1], spans)] + bodies,
            key=lambda m: m[0],
        )

    def _read_spelt_out(self) -> None:
        """ "Jaguar Land Rover (JLR) ... JLR will also": an acronym spelling the initials of
        the name before it stands for that name, also when no party record holds it."""
        for match in _SPELT_OUT.finditer(self.text):
            name, acronym = match.group("name"), match.group("acronym")
            initials = "".join(w[0] for w in name.split() if w[0].isupper())
            if initials == acronym and acronym not in gazetteer().lookup:
                self.spelt_out.setdefault(acronym, name)

    def _read_acronyms(self) -> None:
        """ "The New Development Bank (NDB) ... The NDB will also provide": an acronym the
        article gives in brackets after a party's name stands for that party in it."""
        acronyms: dict[str, Party] = {}
        for _start, end, party, _how in self.party_mentions:
            given = _ACRONYM_GIVEN.match(self.text, end)
            if given and given.group(1) not in gazetteer().lookup:
                acronyms.setdefault(given.group(1), party)
        if not acronyms:
            return
        taken = {(m[0], m[1]) for m in self.party_mentions}
        names = "|".join(regex.escape(a) for a in sorted(acronyms, key=len, reverse=True))
        for match in regex.finditer(rf"\b(?:{names})\b", self.text):
            if (match.start(), match.end()) not in taken and not any(
                m[0] <= match.start() < m[1] for m in self.party_mentions
            ):
                self.party_mentions.append(
                    (match.start(), match.end(), acronyms[match.group(0)], "acronym")
                )
        self.party_mentions.sort(key=lambda m: m[0])

    def _scan_people(self) -> None:
        gaz = gazetteer()
        found: dict[str, Person] = {}
        spans: list[tuple[int, int, str, str, Party | None]] = []
        for pattern in _PERSON_PATTERNS:
            for match in pattern.finditer(self.text):
                name = _trim_name(match.group("name"))
                if not name or name.split()[0] in _NOT_NAMES or name in gaz.lookup:
                    continue
                role = " ".join(match.group("role").split())
                if _SHIP.search(self.text, max(0, match.start() - 6), match.end()):
                    continue  # "HMS Queen Elizabeth" is a ship
                pre = match.groupdict().get("pre")
                if _DATELINE_DASH.match(role):
                    # "VIENTIANE, Laos -- President Yoon": the dateline names where the copy
                    # was filed, not whose president he is.
                    role, pre = role.lstrip("-–— "), None
                if pre and pre not in gaz.lookup:
                    if pattern is _PERSON_PATTERNS[2]:
                        continue
                    pre = None
                party: Party | None
                if pre:
                    party = gaz.lookup[pre][0]
                else:
                    # "UK Foreign Secretary": the country opens the title or stands before it.
                    party = self._party_at(match.start("role"), match.end("role"))
                    if party is None and _ITS.search(
                        self.text, max(0, match.start("role") - 8), match.start("role")
                    ):
                        # "Volkswagen AG plans to invest ..., its CEO Herbert Diess said": the
                        # company's officer speaks for the company.
                        party = self.last_company(match.start("role"))
                    if party is None and match.groupdict().get("of"):
                        party = self._party_after(match.start("of"), match.start("of") + 1)
                    if not _DATELINE_DASH.match(match.group("role")):
                        party = party or self._party_just_before(match.start("role"))
                spans.append((match.start(), match.end(), name, role, party))
        spans.sort()
        for start, _end, name, role, party in spans:
            surname = name.split()[-1]
            known = found.get(surname)
            if known is None:
                found[surname] = Person(name, surname, role, party, start)
            elif known.party is None and party is not None:
                found[surname] = Person(known.name, surname, known.role, party, known.start)
        self.persons = sorted(
            (self._place_speaker(p) for p in found.values()), key=lambda p: p.start
        )
        if not self.persons:
            return
        by_form: dict[str, Person] = {}
        for person in self.persons:
            by_form[person.name] = person
            by_form.setdefault(person.surname, person)
        names = "|".join(regex.escape(f) for f in sorted(by_form, key=len, reverse=True))
        ref = regex.compile(rf"(?:{_TITLES}\s+)?(?P<n>{names})(?:['’]s)?\b")
        refs: list[tuple[int, int, Person]] = []
        for match in ref.finditer(self.text):
            start = match.start()
            # Take in the title and country in front: "British Prime Minister Boris Johnson".
            role_match = _ROLE_BEFORE.search(self.text, max(0, start - 80), start)
            if role_match:
                start = role_match.start()
                party_start = self._party_start_just_before(start)
                if party_start is not None:
                    start = party_start
            refs.append((start, match.end(), by_form[match.group("n")]))
        refs.sort(key=lambda r: (r[0], -(r[1] - r[0])))
        kept: list[tuple[int, int, Person]] = []
        for r in refs:
            if kept and r[0] < kept[-1][1]:
                continue
            kept.append(r)
        self.person_refs = kept

    def _place_speaker(self, person: Person) -> Person:
        """A person with no stated country who is quoted on their own sentence ("Australia
        is set to ..., Foreign Minister Penny Wong said") speaks for that sentence's
        subject."""
        if person.party is not None:
            return person
        at = self.text.find(person.name, person.start)
        if at < 0:
            return person
        after = self.text[at + len(person.name) : at + len(person.name) + 20]
        before = self.text[max(0, person.start - 12) : person.start]
        reported = _ANNOUNCES_THAT.match(self.text, at + len(person.name))
        if reported:
            # "Foreign Minister Murray McCully has announced that New Zealand will provide":
            # the party whose decision the person reports is the one the person speaks for.
            named = self._party_after(reported.end(), reported.end() + 1)
            if named is not None:
                return Person(person.name, person.surname, person.role, named, person.start)
        if not (_SAYS_AFTER.match(after) or _SAYS_BEFORE.search(before)):
            return person
        sentence_start = max(self.text.rfind(". ", 0, person.start) + 1, 0)
        sentence_start = max(sentence_start, self.text.rfind("\n", 0, person.start) + 1)
        first = self._party_after(sentence_start, person.start)
        if first is None:
            return person
        return Person(person.name, person.surname, person.role, first, person.start)

    def _party_at(self, start: int, end: int) -> Party | None:
        for m_start, m_end, party, _how in self._party_mentions_in(start, end):
            if m_start == start and m_end < end:
                return party
        return None

    def _party_just_before(self, position: int) -> Party | None:
        start = self._party_start_just_before(position)
        if start is None:
            return None
        i = bisect.bisect_left(self._mention_starts, start)
        return self.party_mentions[i][2]

    def _party_start_just_before(self, position: int) -> int | None:
        i = bisect.bisect_left(self._mention_starts, position) - 1
        if i < 0:
            return None
        m_start, m_end, _party, _how = self.party_mentions[i]
        if m_end <= position and _POSSESSIVE_GAP.fullmatch(self.text, m_end, position):
            return m_start
        return None

    # -- resolving a clause's subject ---------------------------------------------------

    def resolve(
        self,
        start: int,
        end: int,
        *,
        previous: Resolution | None = None,
        speaker: Resolution | None = None,
        sentence_start: int = 0,
        plural: Resolution | None = None,
    ) -> Resolution | None:
        """The party behind the subject text `self.text[start:end]`, or None when the
        subject is not someone who can pledge (a forecast: "Prices will rise")."""
        subject = self.text[start:end]
        role = _AS_ROLE.search(subject)
        if role:
            # "China as a firm friend of Uganda will ...": the role names the friend, not the
            # one who acts.
            end = start + role.start()
            subject = subject[: role.start()]
        company = _COMPANY_APPOSITION.search(subject)
        if company:
            # "VACOM, a German manufacturing company specialising in ..., announced": the
            # company speaks, not the country its description names.
            named = party_named(company.group("name"))
            if named is not None:
                return Resolution((named,), how="named")
            return Resolution((), label=company.group("name"), how="name")
        opening = _OPENING_ADVERBIAL.match(subject)
        if opening and _NAME_OPENS.match(subject, opening.end()):
            # "At its meeting in Lima, CAF approved ...": where or when it acted, then who.
            start += opening.end()
            subject = subject[opening.end() :]
        body = _BODY_APPOSITION.match(subject)
        if body and not self._mentions(start, start + body.end("name")):
            # "CAF -development bank of Latin America and the Caribbean- approved": the bank
            # its description names the region of.
            return Resolution((), label=body.group("name"), how="name")
        place = _PLACE_OPENING.match(subject)
        if place and self._mentions(start + place.end(), end):
            # "In Asia and Latin America, EU aid worth €111 million will ...": where the
            # pledge goes, not who makes it.
            start += place.end()
            subject = subject[place.end() :]
        head = _GROUP_HEAD.match(subject)
        if head and not _COLLECTIVE.search(subject):
            made_up = self.last_body(start) if _MEMBERS.search(head.group("group")) else None
            if made_up is not None:
                # "African leaders at the summit in Addis agreed ...": the body they make up.
                return Resolution((made_up,), how="context")
            # "Participants of a conference on the Sahel have committed ...", "Donors at the
            # conference in Oslo pledged ...": parties the text does not name; say so.
            return Resolution((), how="unresolved")
        reported = _REPORTED_PRONOUN.search(subject)
        if reported and reported.start("pronoun") > 0:
            # "The Slovak government said it approved ...": "it" is whoever said so.
            said_by = self.resolve(
                start,
                start + reported.start(),
                previous=previous,
                speaker=speaker,
                sentence_start=sentence_start,
                plural=plural,
            )
            if said_by is not None and (said_by.parties or said_by.label):
                return said_by
        mentions = self._mentions(start, end)
        if not mentions and speaker is not None and speaker.parties and _OURS.match(subject):
            # "“Our relief package will make $1 million available,” Mr McCully says": what
            # the speaker calls ours is the speaker's party's.
            return Resolution(speaker.parties, speaker.label, how="pronoun")
        if not mentions and _GATHERING.search(subject) and _AGREED.match(self.text, end):
            # "The Meeting agreed to ...": those who met, the body the article names. What a
            # meeting "will" do is its agenda ("The summit will discuss ...").
            met = self.last_body(start)
            return Resolution((met,), how="context") if met else Resolution((), how="unresolved")
        if not mentions:
            return self._unnamed(subject, previous, sentence_start, start)
        if (
            mentions[-1].kind == "party"
            and all(p.kind == "country" for p in mentions[-1].parties)
            and _FIRM_AFTER.match(self.text, mentions[-1].end, end)
        ):
            # "The German automaker will build ...": the company named before, not Germany.
            named_before = self.last_company(start)
            if named_before is not None:
                return Resolution((named_before,), how="context")
        if len(mentions) > 1 and mentions[-1].kind == "pronoun" and mentions[-1].text == "who":
            # "Modi and Hollande, who held talks, pledged": "who" is the people before it.
            mentions = mentions[:-1]
        while len(mentions) > 1 and _RECIPIENT_BEFORE.search(
            self.text, max(0, mentions[-1].start - 12), mentions[-1].start
        ):
            # "A $200 million Japanese loan for Kenyan roads was agreed": who receives is
            # named after "for"; the subject is the one named before.
            mentions = mentions[:-1]
        if (
            len(mentions) > 2
            and mentions[-1].parties
            and mentions[-1].parties == mentions[-2].parties
            and _BRACKET_OPENS.fullmatch(self.text, mentions[-2].end, mentions[-1].start)
            and _RECIPIENT_BEFORE.search(
                self.text, max(0, mentions[-2].start - 12), mentions[-2].start
            )
        ):
            # "QFFD signed an agreement with the World Food Program (WFP)": the receiver with
            # its acronym, and what was signed, are no subject.
            mentions = mentions[:-2]
            while len(mentions) > 1 and mentions[-1].kind == "vehicle":
                mentions = mentions[:-1]
        while (
            len(mentions) > 1
            and mentions[-2].kind == "party"
            and _OF_BETWEEN.fullmatch(self.text, mentions[-2].end, mentions[-1].start)
        ):
            # "The New Development Bank (NDB) of the BRICS countries": the party named after
            # "of" says whose it is; the one before it acts.
            mentions = mentions[:-1]
        group = [mentions[-1]]
        for mention in reversed(mentions[:-1]):
            between = self.text[mention.end : group[0].start]
            if _JOINER.match(between) and mention.kind in {"party", "person", "title"}:
                group.insert(0, mention)
            else:
                break
        if self._describes_a_firm(group[-1], end):
            # "The British luxury carmaker said it will ...": the company its nationality
            # describes, the one named last, not the country.
            firm = self.last_company(start)
            if firm is not None:
                return Resolution((firm,), how="context")
            if previous is not None and not previous.parties and previous.label:
                return Resolution((), label=previous.label, how="context")
            return Resolution((), how="unresolved")
        if group[-1].kind in {"party", "person", "title"} and _FORECAST_HEADS.search(
            self.text[group[-1].end : end]
        ):
            return None  # "India's economy will grow"
        # After any opening adverbial: "During her trip, Truss" is about Truss.
        head = _HEAD_NOUN_PHRASE.match(subject.rsplit(",", 1)[-1])
        if head and _FORECAST_HEADS.search(head.group(1)):
            return None  # "The semiconductor market in India is expected to reach ..."
        partner = _UNLISTED_PARTNER.fullmatch(self.text, start, group[0].start)
        if partner and group[0].kind == "party" and group[0].parties[0].kind == "company":
            # "built by L-G Energy Solution and Hyundai": a company the parties do not hold,
            # joined to one they do, pledges with it.
            unlisted = Party(partner.group("name"), kind="company")
            group.insert(0, _Mention(start, partner.end("name"), "party", (unlisted,)))
        slots: list[tuple[Party, ...] | str] = []
        how = "named"
        for mention in group:
            parties, label, how_one = self._resolve_mention(
                mention, previous, speaker, sentence_start, plural, self._rest_of_sentence(end)
            )
            if how_one != "named":
                how = how_one
            slots.append(parties or label)
        if len(group) > 1 and any(isinstance(slot, str) for slot in slots):
            # "British PM Boris Johnson and Prime Minister Narendra Modi": the unplaced
            # partner speaks for the other country the article is about.
            placed = {p for slot in slots if not isinstance(slot, str) for p in slot}
            spare = [p for p in self.main if p not in placed]
            slots = [(spare.pop(0),) if isinstance(slot, str) and spare else slot for slot in slots]
        resolved: list[Party] = []
        unplaced: list[str] = []
        for slot in slots:
            if isinstance(slot, str):
                if slot:
                    unplaced.append(slot)
            else:
                resolved.extend(p for p in slot if p not in resolved)
        if resolved:
            return Resolution(tuple(resolved), how=how)
        if unplaced:
            return Resolution((), label=" and ".join(unplaced), how="name")
        if any(m.kind in _GUESSED for m in group):
            # "The bank approved a loan to Kenya" with no bank named before: someone pledges,
            # and the article does not say who. The review asks instead of a guess.
            return Resolution((), how="unresolved")
        return None

    def _describes_a_firm(self, mention: _Mention, end: int) -> bool:
        if mention.kind != "party":
            return False
        surface = self.text[mention.start : mention.end]
        found = gazetteer().lookup.get(surface)
        return (
            found is not None
            and found[1] == "demonym"
            and _DESCRIBED_FIRM.fullmatch(self.text, mention.end, end) is not None
        )

    def _unnamed(
        self, subject: str, previous: Resolution | None, sentence_start: int, start: int
    ) -> Resolution | None:
        # "General Motors today announced ...": when it was said is not who said it.
        subject = _TRAILING_TIME.sub("", subject)
        # "Jaguar Land Rover (JLR) confirmed ...": the name, not its acronym in brackets.
        subject = _ACRONYM_AFTER.sub("", subject)
        words = subject.strip().strip(",").split()
        if not words:
            return previous
        if _FORECAST_HEADS.search(subject.strip()):
            return None
        if _GROUP_OF_PARTIES.search(subject.strip()):
            body = self.last_body(start) if _MEMBERS.search(subject.strip()) else None
            if body is not None:
                return Resolution((body,), how="context")
            # "Gulf Arab allies pledged ...": parties the text does not name; say so.
            return Resolution((), how="unresolved")
        if previous is not None and previous.parties and _THEIR_PEOPLE.search(subject):
            # "...; their financial teams will continue dialogue": the people of whoever was
            # just named act for them.
            return Resolution(previous.parties, previous.label, how="pronoun")
        # A capitalised name we have no entry for: a company, an agency, a person.
        proper = regex.search(
            r"((?:[A-Z][\w&.’'-]*|of|for|and|&)(?:\s+(?:[A-Z][\w&.’'-]*|of|for|and|&)){0,5})\s*$",
            subject.strip(),
        )
        if proper:
            label = proper.group(1).strip()
            label = regex.sub(r"^(?:The|A|An|On|In|During|But|And|So)\s+", "", label)
            label = regex.sub(r"\s+(?:and|of|for|&)$", "", label)
            if label.lower() in _INSTITUTION_WORDS:
                return None  # "The Bank will provide ...": an institution, read as one
            if label and label.split()[0] not in _NOT_NAMES and label[:1].isupper():
                # "the South" in an article about South Korea: the short form of a party
                # the article names.
                short = [
                    party
                    for name in self.counts
                    if (party := gazetteer().parties.get(name)) is not None
                    and name.startswith(label + " ")
                ]
                if len(short) == 1:
                    return Resolution((short[0],), how="named")
                return Resolution((), label=self.spelt_out.get(label, label), how="name")
        return None

    def _resolve_mention(
        self,
        mention: _Mention,
        previous: Resolution | None,
        speaker: Resolution | None,
        sentence_start: int,
        plural: Resolution | None = None,
        rest: _Rest | None = None,
    ) -> tuple[tuple[Party, ...], str, str]:
        if mention.kind == "party":
            return mention.parties, "", "named"
        if mention.kind == "person":
            person = mention.person
            assert person is not None
            if person.party is not None:
                return (person.party,), "", "named"
            return (), person.name, "named"
        if mention.kind == "title":
            if mention.parties:
                return mention.parties, "", "title"
            person = self._person_with_role(mention.text, mention.start)
            if person and person.party:
                return (person.party,), "", "title"
            return self._fallback(previous, rest), "", "title"
        if mention.kind == "pronoun":
            word = mention.text.lower()
            if word in {"she", "he"}:
                person = self._last_person(mention.start)
                if person and person.party:
                    return (person.party,), "", "pronoun"
                if person:
                    return (), person.name, "pronoun"
                return self._fallback(previous, rest), "", "pronoun"
            if word in {"we", "i"} and speaker is not None:
                return speaker.parties, speaker.label, "pronoun"
            if word == "we" and len(self.main) >= 2 and self.joint_statement:
                # "Joint Statement by President Bush and President Putin ... We are stepping up
                # our efforts": outside a quote, "we" of a joint statement is its authors.
                return tuple(self.main[:2]), "", "pronoun"
            if word == "they":
                # "They" after a joint pledge is the same partners; else the two sides.
                if plural is not None:
                    return plural.parties, plural.label, "pronoun"
                if previous is not None and previous.joint:
                    return previous.parties, previous.label, "pronoun"
                if len(self.main) == 2 and (
                    previous is None or _TWO_SIDES.search(self.text, sentence_start, mention.start)
                ):
                    # "They agreed to ..." before any pledge, or "... saw the two nations
                    # elevate their ties as they agreed to ...": the two the article is about.
                    return tuple(sorted(self.main, key=self._first_mention)), "", "pronoun"
            if word == "who":
                before = self._party_before(mention.start, sentence_start)
                person = self._last_person(mention.start)
                if person and person.party and person.start >= sentence_start:
                    return (person.party,), "", "pronoun"
                if before:
                    return (before,), "", "pronoun"
            if previous is not None:
                return previous.parties, previous.label, "pronoun"
            if word == "it":
                before = self._party_before(mention.start, 0)
                if before:
                    return (before,), "", "pronoun"
            return self._fallback(None, rest), "", "pronoun"
        if mention.kind == "collective":
            # "The two countries": the article's two parties, in the order it introduced them;
            # "the three nations", "the leaders" after a joint pledge of three: those three.
            words = mention.text.lower().split()
            size = _COLLECTIVE_SIZE.get(words[-2], 0) if len(words) > 1 else 0
            if plural is not None and size in {0, len(plural.parties)}:
                return plural.parties, plural.label, "collective"
            if size > 2:
                ranked = [self.party_by_name[n] for n, _c in self.counts.most_common(size)]
                return tuple(sorted(ranked, key=self._first_mention)), "", "collective"
            if size == 2 and _PEOPLE_NOUN.search(mention.text):
                # "Xi Jinping and Joe Biden ... the two presidents agreed": the two people
                # named last, whatever else the article is about.
                met = self._last_two_people(mention.start)
                if met:
                    return met, "", "collective"
            return tuple(sorted(self.main, key=self._first_mention)), "", "collective"
        if mention.kind == "vehicle":
            body = self.last_body(mention.start) if _INSTITUTION.search(mention.text) else None
            if body is not None and not _NEW_BODY.search(mention.text):
                # "The development bank will provide ...": the one bank the article named.
                return (body,), "", "context"
            if previous is not None:
                return previous.parties, previous.label, "context"
            guess = self._fallback(None, rest)
            if _INSTITUTION.search(mention.text) and any(p.kind == "country" for p in guess):
                return (), "", "context"  # "The bank approved ...": a bank, not a country
            return guess, "", "context"
        if mention.kind == "government":
            if _THEIR.search(self.text, max(0, mention.start - 24), mention.start):
                # "Bush and Putin issued a statement, pledging that their respective
                # governments will ...": the parties named before it in the sentence.
                named = self._parties_between(sentence_start, mention.start)
                if len(named) >= 2:
                    return named, "", "context"
            if _POSSESSIVE_PERSON.search(self.text, max(0, mention.start - 12), mention.start):
                # "Ramaphosa said his government intends to ...": the speaker's country.
                person = self._last_person(mention.start)
                if person is not None and person.party is not None:
                    return (person.party,), "", "context"
            eu = party_named("European Union")
            if mention.text.lower() == "commission" and eu and eu.name in self.counts:
                return (eu,), "", "context"  # "the Commission" in EU copy
            near = self._party_before(mention.start, sentence_start)
            of_party = _OF_PARTY.match(self.text, mention.end)
            if of_party:  # "the Government of India"
                near = self._party_after(mention.end, of_party.end() + 1) or near
            if near:
                return (near,), "", "context"
            if previous is None:
                subject = self._last_subject_party(mention.start)
                if subject is not None:
                    return (subject,), "", "context"
            return self._fallback(previous, rest), "", "context"
        return (), "", "named"

    def _mentions(self, start: int, end: int) -> list[_Mention]:
        found: list[_Mention] = []
        taken: list[tuple[int, int]] = []
        i = bisect.bisect_left(self._ref_starts, start)
        while i < len(self.person_refs) and self.person_refs[i][0] < end:
            r_start, r_end, person = self.person_refs[i]
            if r_end <= end:
                found.append(_Mention(r_start, r_end, "person", person=person))
                taken.append((r_start, r_end))
            i += 1
        text = self.text[start:end]
        gaz = gazetteer()
        title_re = _title_pattern()
        for match in title_re.finditer(text):
            s, e = start + match.start(), start + match.end()
            if _overlaps(s, e, taken):
                continue
            pre = match.group("pre")
            parties = (gaz.lookup[pre][0],) if pre else ()
            found.append(_Mention(s, e, "title", parties, text=match.group("role").lower()))
            taken.append((s, e))
        for m_start, m_end, party, how in self._party_mentions_in(start, end):
            if _overlaps(m_start, m_end, taken):
                continue
            if how == "seat" and _MISSION_BEFORE.search(self.text, max(0, m_start - 30), m_start):
                continue  # "The British High Commission Nairobi": where the mission sits
            found.append(_Mention(m_start, m_end, "party", (party,)))
            taken.append((m_start, m_end))
        for kind, pattern in (
            ("collective", _COLLECTIVE),
            ("vehicle", _VEHICLE),
            ("government", _GOVERNMENT),
            ("pronoun", _PRONOUN),
        ):
            for match in pattern.finditer(text):
                s, e = start + match.start(), start + match.end()
                if _overlaps(s, e, taken):
                    continue
                found.append(_Mention(s, e, kind, text=match.group(0)))
                taken.append((s, e))
        found.sort(key=lambda m: m.start)
        return found

    # -- counterparty -------------------------------------------------------------------

    def counterparty(self, actor: Resolution, start: int, end: int) -> str:
        """The other side of a pledge: a party named in the clause ("with India", "to
        Kenya", "India's initiative"), else the other country the article is about."""
        own = set(actor.parties).union(*(self.homes.get(p, ()) for p in actor.parties))
        named: list[Party] = []
        mentions = [
            m
            for m in self._party_mentions_in(start, end)
            if m[2] not in own and not self._is_channel(m) and not self._passing_body(m)
        ]
        if actor.joint:
            # "The two leaders: continue the pressure until North Korea denuclearizes": a
            # joint pledge's other side is a third party named in it, or none.
            return mentions[0][2].name if mentions else ""
        for _s, _e, party, _how in mentions:
            if party not in named:
                named.append(party)
        if len(mentions) > 1:
            # "supporting Malawi and Zimbabwe": partners named together are one other side.
            together = [mentions[0]]
            for mention in mentions[1:]:
                if not _JOINER.match(self.text[together[-1][1] : mention[0]]):
                    break
                together.append(mention)
            parties = list(dict.fromkeys(m[2] for m in together))
            if len(parties) > 1:
                return display(parties)
        unknown = self._recipient_by_name(actor, start, end)
        for _s, _e, party, _how in mentions:
            if unknown is not None and unknown[0] <= _s:
                break
            # "will work with the African Union", "a loan to Kenya": the party the act is
            # done with or for, named first, is the other side.
            if _WITH_OR_TO.search(self.text, max(0, _s - 12), _s):
                return party.name
        if unknown is not None:
            return unknown[1]
        for party in named:
            if party in self.main:
                return party.name
        if named:
            return named[0].name
        if own and own & set(self.main) and len(self.main) == 2:
            # Only a partner the article keeps coming back to; one passing mention is not
            # the other side of every pledge.
            other = [
                p
                for p in self.main
                if p not in own and self.counts[p.name] >= 2 and not self.homes.get(p, set()) & own
            ]
            if other:
                return other[0].name
        return ""

    def _recipient_by_name(self, actor: Resolution, start: int, end: int) -> tuple[int, str] | None:
        """ "EUR 70 million to Afghanistan Reconstruction Trust Fund", "inject 100 billion
        reais into the Brazilian Development Bank": a body's name that the party vocabulary
        does not hold (or holds only a part of), after the word that names the receiver, is
        the other side, for the analyst to review."""
        for match in _RECIPIENT_NAME.finditer(self.text, start, end):
            name_start, name_end = match.span("name")
            name = match.group("name")
            if match.group(0).startswith("for") and _NAME_BEFORE.search(
                self.text, max(0, match.start() - 40), match.start()
            ):
                continue  # "Bank for Investment": the word is inside a name
            if _POSSESSIVE.match(self.text, name_end) or name in {p.name for p in actor.parties}:
                continue
            if not _BODY_HEAD.search(name):
                continue
            inside = self._party_mentions_in(name_start, name_end)
            if any(m[0] == name_start and m[1] >= name_end for m in inside):
                return None  # the whole name is a known party: the mentions decide
            if self._is_channel((name_start, name_end, Party(name, kind="body"), "name")):
                continue
            return name_start, name
        return None

    def _passing_body(self, mention: tuple[int, int, Party, str]) -> bool:
        """ "..., the Saudi Press Agency reported": a body read from the text is the other side
        only where the clause gives to it or works with it."""
        start, _end, party, _how = mention
        return party in self.homes and not _RECIPIENT_NAME_BEFORE.search(
            self.text, max(0, start - 16), start
        )

    def _is_channel(self, mention: tuple[int, int, Party, str]) -> bool:
        """ "$7 million ... through the World Food Program", "to the World Health
        Organization's projects": the body that delivers the aid, not its other side."""
        start, end, party, _how = mention
        if _THROUGH.search(self.text, max(0, start - 16), start):
            return True
        return party.kind == "body" and _BODYS_WORK.match(self.text, end) is not None

    # -- helpers ------------------------------------------------------------------------

    def party_ending_at(self, position: int) -> tuple[int, Party] | None:
        """Where the party whose name ends at `position` starts, and the party ("Airbus" in
        "Airbus, which ..."), the parenthesis of an acronym after it allowed ("the World
        Bank (WB)")."""
        i = bisect.bisect_left(self._mention_starts, position) - 1
        if i < 0:
            return None
        start, end, party, _how = self.party_mentions[i]
        return (start, party) if _TO_ANTECEDENT.fullmatch(self.text, end, position) else None

    def first_party_end(self, start: int, end: int) -> int | None:
        """Where the first party named in `text[start:end]` ends, if one is."""
        mentions = self._party_mentions_in(start, end)
        return mentions[0][1] if mentions else None

    def _party_mentions_in(self, start: int, end: int) -> list[tuple[int, int, Party, str]]:
        i = bisect.bisect_left(self._mention_starts, start)
        out = []
        while i < len(self.party_mentions) and self.party_mentions[i][0] < end:
            if self.party_mentions[i][1] <= end:
                out.append(self.party_mentions[i])
            i += 1
        return out

    def _parties_between(self, start: int, end: int) -> tuple[Party, ...]:
        """The parties named, or spoken for by a person named, in `text[start:end]`."""
        found = [(m[0], m[2]) for m in self._party_mentions_in(start, end)]
        found += [
            (r[0], r[2].party) for r in self.person_refs if start <= r[0] < end and r[2].party
        ]
        return tuple(dict.fromkeys(party for _at, party in sorted(found, key=lambda f: f[0])))

    def last_body(self, position: int) -> Party | None:
        """The one international body or bank the article has named before `position`: who
        "the bloc" or "the lender" is. With two, none."""
        i = bisect.bisect_left(self._mention_starts, position)
        bodies = {m[2] for m in self.party_mentions[:i] if m[2].kind not in {"country", "company"}}
        return bodies.pop() if len(bodies) == 1 else None

    def last_company(self, position: int) -> Party | None:
        """The company the article named last before `position`: who "the company" is."""
        i = bisect.bisect_left(self._mention_starts, position) - 1
        while i >= 0:
            if self.party_mentions[i][2].kind == "company":
                return self.party_mentions[i][2]
            i -= 1
        return None

    def _party_before(self, position: int, floor: int) -> Party | None:
        i = bisect.bisect_left(self._mention_starts, position) - 1
        if i >= 0 and self.party_mentions[i][0] >= floor:
            return self.party_mentions[i][2]
        return None

    def _party_after(self, position: int, limit: int) -> Party | None:
        i = bisect.bisect_left(self._mention_starts, position)
        if i < len(self.party_mentions) and self.party_mentions[i][0] < limit:
            return self.party_mentions[i][2]
        return None

    def _last_two_people(self, position: int) -> tuple[Party, ...]:
        i = bisect.bisect_left(self._ref_starts, position) - 1
        parties: list[Party] = []
        while i >= 0 and len(parties) < 2:
            party = self.person_refs[i][2].party
            if party is not None and party not in parties:
                parties.append(party)
            i -= 1
        return tuple(sorted(parties, key=self._first_mention)) if len(parties) == 2 else ()

    def _last_person(self, position: int) -> Person | None:
        i = bisect.bisect_left(self._ref_starts, position) - 1
        return self.person_refs[i][2] if i >= 0 else None

    def _person_with_role(self, role: str, position: int) -> Person | None:
        role = " ".join(role.lower().split())
        head = role.split()[-1]
        best: Person | None = None
        for r_start, _e, person in self.person_refs:
            if r_start >= position:
                break
            if role in person.role.lower() or head in person.role.lower():
                best = person
        if best is None:
            for person in self.persons:
                if role in person.role.lower():
                    return person
        return best

    def _last_subject_party(self, position: int) -> Party | None:
        """The last party to open a sentence before `position` ("When the UK slashed its
        aid ... The government also promised ..."): who "the government" is, in an article
        that has not yet named anyone pledging."""
        i = bisect.bisect_left(self._mention_starts, position) - 1
        while i >= 0:
            start, _end, party, _how = self.party_mentions[i]
            opening = _SENTENCE_OPENING.search(self.text, max(0, start - 40), start)
            if opening is not None or start == 0:
                return party
            i -= 1
        return None

    def _first_mention(self, party: Party) -> int:
        for start, _end, mentioned, _how in self.party_mentions:
            if mentioned == party:
                return start
        return len(self.text)

    def _fallback(
        self, previous: Resolution | None, sentence: _Rest | None = None
    ) -> tuple[Party, ...]:
        """Who an unnamed subject stands for: whoever pledged last; else the one party the
        rest of its sentence names without giving to it ("The Albanese government will
        increase aid ... in Australia's budget"); else the one party the article is about
        that the sentence does not give to. With none, or two, no one: the review asks."""
        if previous is not None and previous.parties:
            return previous.parties
        given = sentence.given if sentence else frozenset()
        named = [p for p in sentence.named if p not in given] if sentence else []
        if len(set(named)) == 1:
            return (named[0],)
        left = [p for p in self.main if p not in given]
        return tuple(left) if len(left) == 1 else ()

    def _rest_of_sentence(self, position: int) -> _Rest:
        """The parties named after a subject in its sentence, and those given to ("... a
        $200 million loan to Kenya")."""
        stop = _SENTENCE_END.search(self.text, position, position + 300)
        limit = stop.start() if stop else min(len(self.text), position + 300)
        named, given = [], set()
        for start, _end, party, _how in self._party_mentions_in(position, limit):
            named.append(party)
            if _RECIPIENT_BEFORE.search(self.text, max(0, start - 12), start):
                given.add(party)
        return _Rest(tuple(named), frozenset(given))


@dataclass(frozen=True)
class _Rest:
    named: tuple[Party, ...]
    given: frozenset[Party]


_SENTENCE_END = regex.compile(r"[.!?](?:\s|$)|\n")


@cache
def _title_pattern() -> regex.Pattern[str]:
    forms = gazetteer().pattern.pattern
    return regex.compile(
        rf"\b(?:[Tt]he\s+)?(?:(?P<pre>{forms})(?:['’]s)?\s+)?(?P<role>(?i:"
        rf"(?:(?:foreign|defence|defense|trade|finance|home|interior|external\s+affairs"
        rf"|commerce|energy|health|education|prime|deputy|vice|chief|state|cabinet|junior"
        rf"|development|environment|climate)\s+){{0,2}}{_ROLE_HEAD}))\b"
    )


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < t_end and t_start < end for t_start, t_end in taken)


def _trim_name(name: str) -> str:
    name = regex.sub(r"['’]s$", "", name.strip())
    words = name.split()
    while words and words[-1] in _NOT_NAMES:
        words.pop()
    return " ".join(words)


_THROUGH = regex.compile(r"\b(?:through|via|channell?ed\s+through)\s+(?:the\s+)?$")
_BODYS_WORK = regex.compile(
    r"[’']s\s+(?:\w+\s+)?(?:projects?|programmes?|programs?|appeals?|operations|work)\b"
)
_DATELINE_DASH = regex.compile(r"\s*(?:--?|[–—])")
_WITH_OR_TO = regex.compile(r"\b(?:with|to)\s+(?:the\s+)?$")
_BODY_NAME_WORD = r"(?-i:[A-Z])[\w&-]*"
_RECIPIENT_NAME = regex.compile(
    rf"\b(?:to|for|with|into)\s+(?:the\s+)?(?P<name>{_BODY_NAME_WORD}"
    rf"(?:[ \t]+(?:(?:of|for|and|on)[ \t]+)?{_BODY_NAME_WORD})*)"
)
_RECIPIENT_NAME_BEFORE = regex.compile(r"\b(?:to|for|with|into)\s+(?:the\s+)?$", regex.I)
_NAME_BEFORE = regex.compile(r"(?-i:[A-Z])[\w&-]*\s+$")
_POSSESSIVE = regex.compile(r"[’']s\b")
_BODY_HEAD = regex.compile(rf"\b(?:{alternation(BODY_HEADS)})$")
