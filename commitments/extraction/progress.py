"""Statements of progress on earlier pledges: article text in, progress statements out.

A sentence reports progress when it carries a phrase of `vocabulary/progress.py` that is not
a forecast or a condition ("is expected to sign") and not history told as background (a year
before the article's). Each statement gets its verbatim span, the parties it names, its sum
and the status it suggests, like a pledge candidate. Plain Python, no Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import regex

from . import progress_model
from .actors import ArticleContext
from .amounts import Amount, pledged_amount
from .dates import find_time_phrases
from .relations import stand_ins
from .sentences import split_sentences
from .vocabulary.nouns import NAMED_WORKS
from .vocabulary.progress import (
    FORECAST_WORDS,
    NOT_NEWS,
    PART_WORDS,
    PROGRESS_PHRASES,
    NotNews,
    ProgressPhrase,
)

__all__ = ["KINDS", "ProgressStatement", "find_progress"]

KINDS = ("done", "under_way", "delayed", "scaled_back", "reaffirmed", "restated")


@dataclass(frozen=True)
class ProgressStatement:
    quote: str  # verbatim: text[start:end] == quote
    start: int
    end: int
    kind: str
    suggests: str  # a status code of commitments.choices.Status
    phrase: str  # the words that made it progress: "has been cancelled"
    actor: str
    counterparty: str
    amount: Amount | None
    reported_on: date
    parties: tuple[str, ...] = ()  # every party the sentence names
    needs_match: bool = False  # progress only if a tracked pledge is about it (a signing)
    learned: bool = False  # proposed by the progress model, not by a phrase


_PHRASES: tuple[tuple[regex.Pattern[str], ProgressPhrase], ...] = tuple(
    (regex.compile(rf"\b{p.pattern}", regex.IGNORECASE), p) for p in PROGRESS_PHRASES
)
# Case matters for one word: "may" is a hedge, "May" a month ("In May, the EU disbursed").
_FORECAST = regex.compile(
    r"\b(?:"
    + "|".join(
        "(?i:" + regex.escape(w[0]) + ")" + regex.escape(w[1:]).replace(r"\ ", r"\s+")
        if w != "may"
        else "may"
        for w in FORECAST_WORDS
    )
    + r")\b"
)
_PART = regex.compile(
    r"\b(?:" + "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in PART_WORDS) + r")\b",
    regex.IGNORECASE,
)
_YEAR = regex.compile(r"\b(?:in|since|of|from)\s+(?:\w+\s+){0,2}((?:19|20)\d\d)\b", regex.I)
_HISTORY = regex.compile(
    r"\b(?:had\s+already|was\s+first|were\s+first|first\s+announced)\b", regex.I
)
_NEGATED = regex.compile(r"\b(?:not|never|no\s+longer)\b|n['’]t\b", regex.I)
_QUESTION = regex.compile(r"\?[”\"’']?\s*$")
_NOT_NEWS: tuple[tuple[regex.Pattern[str], NotNews], ...] = tuple(
    (
        regex.compile(
            rf"\b(?:{n.pattern})$" if n.where == "left" else rf"\b(?:{n.pattern})\b",
            regex.IGNORECASE,
        ),
        n,
    )
    for n in NOT_NEWS
)
_SUBJECT_WORDS = 3  # how far before a phrase its subject is looked for
_OBJECT_WORDS = 4  # how far after it its object
_OCCASION = regex.compile(r"\b(?:at|during)\s+(?:the|a|an)\s+(?:\w+\s+)?$", regex.I)
# A present tense that reads as news only on the day: "comes into force on 1 January" in a
# text of 31 December is a forecast.
_PRESENT = regex.compile(r"\b(?:comes|enters|takes|opens|starts|begins|come|enter|take)\b", regex.I)
_AUXILIARY_END = regex.compile(r"(?:\s+(?:was|were|is|are|has|have|had|been|also))+$", regex.I)
_NAMED_WORK = regex.compile(r"\s+(?:" + "|".join(NAMED_WORKS) + r")\b")
_WORK_BEFORE = regex.compile(r"\b(?:" + "|".join(NAMED_WORKS) + r")\s+$")  # "the River Niger"
_CLAUSE_END = regex.compile(r"[,;:()—]")


def find_progress(
    text: str, published_on: date, *, learned: bool = True
) -> list[ProgressStatement]:
    """The statements the progress phrases find and, with `learned`, those the progress model
    proposes among the sentences no phrase takes (progress only if a tracked pledge is about
    them, as a signing is)."""
    ctx = ArticleContext.read(text)
    found: list[ProgressStatement] = []
    in_names = _only_in_names_of_works(text, ctx)
    # Follow-ups often name a party once, or only through its leader ("President Buhari").
    article_parties = [p.name for p in ctx.main[:3] if p.name not in in_names]
    for person in ctx.persons:
        if person.party is not None and person.party.name not in article_parties:
            article_parties.append(person.party.name)
    # The subsidiary doing the work, the agency, the leader named by title ("King Felipe").
    standing = stand_ins(text, published_on.year)
    for _s, _e, name in standing:
        if name not in article_parties:
            article_parties.append(name)
    for sentence in split_sentences(text):
        sentence_text = text[sentence.start : sentence.end]
        if _QUESTION.search(sentence_text) or _HISTORY.search(sentence_text):
            continue
        hit = _first_phrase(sentence_text, published_on)
        if hit is not None:
            phrase, match = hit
            kind, suggests, said = phrase.kind, phrase.suggests, match.group(0)
            needs_match = phrase.needs_match
        elif learned and progress_model.proposes(sentence_text, published_on):
            kind, suggests, said = progress_model.kind_of(sentence_text)
            needs_match = True
        else:
            continue
        start, end = _trim(text, sentence.start, sentence.end)
        if kind == "done" and suggests == "fulfilled" and _PART.search(sentence_text):
            suggests = "partially_fulfilled"
        parties = ctx._party_mentions_in(start, end)
        names: list[str] = []
        for _s, _e, party, _t in parties:
            if party.name not in names and party.name not in in_names:
                names.append(party.name)
        for s_start, _e, name in standing:
            if start <= s_start < end and name not in names:
                names.append(name)
        # Follow-ups often name the parties once, in the lead: the article's own count too.
        for name in article_parties:
            if name not in names:
                names.append(name)
        money = pledged_amount(sentence_text)
        found.append(
            ProgressStatement(
                quote=text[start:end],
                start=start,
                end=end,
                kind=kind,
                suggests=suggests,
                phrase=said,
                actor=names[0] if names else "",
                counterparty=names[1] if len(names) > 1 else "",
                amount=money.amount if money else None,
                reported_on=published_on,
                parties=tuple(names),
                needs_match=needs_match,
                learned=hit is None,
            )
        )
    return found


def _only_in_names_of_works(text: str, ctx: ArticleContext) -> set[str]:
    """Parties the text names only inside the name of a work or place ("the Second Niger
    Bridge"): no party of the article."""
    seen: dict[str, bool] = {}
    for start, end, party, _t in ctx._party_mentions_in(0, len(text)):
        inside = bool(_NAMED_WORK.match(text, end) or _WORK_BEFORE.search(text, 0, start))
        seen[party.name] = seen.get(party.name, True) and inside
    return {name for name, inside in seen.items() if inside}


def _first_phrase(
    sentence: str, published_on: date
) -> tuple[ProgressPhrase, regex.Match[str]] | None:
    for pattern, phrase in _PHRASES:
        match = pattern.search(sentence)
        if match is None:
            continue
        # The clause leading up to the phrase decides whether it is news or a forecast.
        clause_start = max(sentence.rfind(mark, 0, match.start()) for mark in (",", ";", "—"))
        before = sentence[clause_start + 1 : match.start()]
        if _FORECAST.search(before[-40:]) and phrase.kind not in {"scaled_back"}:
            continue
        if _NEGATED.search(before[-25:]) and phrase.kind in {"done", "under_way"}:
            continue  # "has still not been disbursed" is a delay, not a delivery
        # The years of the phrase's own clause: "have implemented the tax that was adopted in
        # 2016" is news of now about a decision of then.
        told = regex.split(r"\b(?:that|which|who)\b|[;—]", sentence[match.end() :], maxsplit=1)
        years = [int(y) for y in _YEAR.findall(sentence[: match.end()] + told[0])]
        if years and max(years) < published_on.year - 1 and phrase.kind in _TOLD_AS_HISTORY:
            continue  # "The first memorandum was inked in 2009": history, not news
        if _not_news(sentence, match, phrase.kind) is not None:
            continue
        if _PRESENT.search(match.group(0)) and _names_a_later_day(sentence, published_on):
            continue
        return phrase, match
    return None


_TOLD_AS_HISTORY = {"done", "under_way", "reaffirmed"}


def _not_news(sentence: str, match: regex.Match[str], kind: str) -> NotNews | None:
    """The shape that makes the phrase something other than news of a pledge, if any."""
    before = sentence[: match.start()]
    after = sentence[match.end() :]
    cut = _CLAUSE_END.search(after)
    obj = " ".join((after[: cut.start()] if cut else after).split()[:_OBJECT_WORDS])
    clause_start = max(before.rfind(mark) for mark in (",", ";", "—", "("))
    subject = " ".join(before[clause_start + 1 :].split()[-_SUBJECT_WORDS:])
    for pattern, shape in _NOT_NEWS:
        if kind not in shape.kinds:
            continue
        if shape.where == "after":
            found = pattern.search(obj)
        elif shape.where == "clause":
            found = pattern.search(after[: cut.start()] if cut else after)
        elif shape.where == "left":
            found = pattern.search(_AUXILIARY_END.sub("", before.rstrip()))
        elif shape.where == "around":
            found = pattern.search(obj) or pattern.search(subject)
        elif shape.where == "setting":
            found = pattern.search(before) if _OCCASION.search(before) else None
        else:
            found = pattern.search(before)
        if found is not None:
            return shape
    return None


def _names_a_later_day(sentence: str, published_on: date) -> bool:
    return any(
        not p.relative and p.first > published_on
        for p in find_time_phrases(sentence, published_on, future=True)
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n“\"‘'":
        start += 1
    while end > start and text[end - 1] in " \t\n”\"’'":
        end -= 1
    return start, end
