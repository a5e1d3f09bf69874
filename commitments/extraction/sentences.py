"""Sentences and the coordinated clauses inside them, as character spans of the article.

pysbd finds sentences; clauses are split here because one sentence often carries two
pledges that share a subject: "She will also work to deepen X, and announce a new Y".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import pysbd
import regex

from .amounts import MONEY_START, find_amounts
from .cues import find_cue, is_base_verb, is_pledge_gerund, is_pledge_verb
from .lexicon import alternation
from .vocabulary.clauses import (
    ABBREVIATIONS,
    ADDITIONS,
    CONJUNCTIONS,
    GERUND_SERIES,
    LEAD_ADVERBS,
)
from .vocabulary.speech import forms as saying

__all__ = ["DATELINE", "Clause", "Span", "split_clauses", "split_sentences"]


# "WASHINGTON, April 10 (Reuters) - ", "VIENTIANE, Laos -- ", "ABUJA — ", "New Delhi: ",
# "MOSCOW (Sputnik - 7 May, 2022) " open wire and agency copy.
DATELINE = regex.compile(
    r"^(?:[A-Z][A-Z.'’-]{2,}(?:\s+[A-Z][A-Z.'’-]+)*|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?=\s*"
    r"(?:\([^)]{1,40}\)\s*)?[:—–]))(?:,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?=\s*(?:--?|[:—–])\s))?"
    r"(?:,\s*[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"(?:\s*(?:\([^)]{1,40}\))?\s*(?:[:—–]|--?(?=\s))\s*"
    # "MOSCOW (UrduPoint News / Sputnik - 07th December, 2022) UK Foreign Secretary ...": the
    # agency and date in brackets close the dateline.
    r"|\s*\([^)]{0,60}\d[^)]{0,60}\)\s+(?=\p{Lu}))",
    # A dateline opens its own line, also when the text has a line before it.
    regex.MULTILINE,
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    # True when the clause opens on a verb whose subject (and modal) are in the clause
    # before it: "..., and announce a new programme".
    shares_subject: bool = False


# A sentence can only end inside a line at terminal punctuation followed by a space and a
# capital, digit or opening quote; a line without one is a single sentence and skips pysbd.
_MAY_END_INSIDE = regex.compile(r"[.!?…][\"”’')\]]*\s+[\"“‘'(\[]?[\p{Lu}\d]")


@cache
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def split_sentences(
    text: str, *, worth_splitting: Callable[[str], bool] | None = None
) -> list[Span]:
    """Sentence spans, never crossing a line break (each line of article text is a paragraph
    or a heading).

    Lines go to pysbd in blocks of a few thousand characters: one call per line costs more in
    overhead than the segmenting, and one call for a long article costs more than linear
    time. A line for which `worth_splitting` says no is returned whole, unsegmented: pysbd
    is most of the cost of reading an article, and background paragraphs need no sentences.
    So is a line with nowhere a sentence could end before its last character.
    """
    spans: list[Span] = []
    segmenter = _segmenter()
    pending: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            if (worth_splitting is None or worth_splitting(line)) and _MAY_END_INSIDE.search(
                line.rstrip()
            ):
                pending.append((offset, line))
            else:
                start, end = _strip(line, 0, len(line))
                spans.append(Span(offset + start, offset + end))
        offset += len(line) + 1
    for block_start, block in _blocks(pending, 3000):
        for piece in segmenter.segment(block):
            for start, end in _split_at_newlines(block, piece.start, piece.end):
                spans.append(Span(block_start + start, block_start + end))
    spans.sort(key=lambda span: span.start)
    return [piece for span in _repair(text, spans) for piece in _split_quoted(text, span)]


# pysbd keeps a quoted passage whole, so two pledges quoted in one breath ("The UK will
# contribute £650m ... This includes £200m ...") would share one span. A full stop after a
# lower-case word or a figure, then a capital, ends a sentence inside the marks too.
_INNER_END = regex.compile(
    r"(?<=(?<![\p{L}.])(?:[a-z]{2,}|\d{2,}|[a-z]+\))[.!?])\s+(?=[“\"‘]?\p{Lu}\p{Ll})"
)
_ABBREVIATION = regex.compile(rf"\b(?:{alternation(ABBREVIATIONS)})[.]$", regex.IGNORECASE)


def _split_quoted(text: str, span: Span) -> list[Span]:
    piece = text[span.start : span.end]
    if not regex.search(r"[“\"]", piece):
        return [span]
    out: list[Span] = []
    start = 0
    for match in _INNER_END.finditer(piece):
        if _ABBREVIATION.search(piece, 0, match.start()):
            continue
        if len(piece[start : match.start()].split()) < 4 or len(piece[match.end() :].split()) < 4:
            continue
        out.append(Span(span.start + start, span.start + match.start()))
        start = match.end()
    out.append(Span(span.start + start, span.end))
    return out


def _blocks(lines: list[tuple[int, str]], size: int) -> list[tuple[int, str]]:
    """Join lines into blocks of about `size` characters. Lines that were adjacent in the
    article stay joined by their newline; a gap (a skipped line) starts a new block, so
    offsets inside a block map straight back to the article."""
    blocks: list[tuple[int, str]] = []
    for offset, line in lines:
        if blocks:
            start, block = blocks[-1]
            if start + len(block) + 1 == offset and len(block) < size:
                blocks[-1] = (start, block + "\n" + line)
                continue
            if start + len(block) + 2 == offset and len(block) < size:
                blocks[-1] = (start, block + "\n\n" + line)
                continue
        blocks.append((offset, line))
    return blocks


def _split_at_newlines(block: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for line in regex.finditer(r"[^\n]+", block[start:end]):
        s, e = _strip(block, start + line.start(), start + line.end())
        if e > s:
            out.append((s, e))
    return out


def _repair(text: str, spans: list[Span]) -> list[Span]:
    # pysbd leaves a closing quote's attribution as its own sentence when the quote ends
    # in a full stop inside the marks ('"We will." Then...' is fine, but
    # '“We will do it.” the minister said' is one sentence).
    out: list[Span] = []
    for span in spans:
        piece = text[span.start : span.end]
        if out and regex.match(r"^[a-z]", piece) and text[out[-1].end - 1] in "”\"’'":
            out[-1] = Span(out[-1].start, span.end)
        else:
            out.append(span)
    return out


_SUM = rf"{MONEY_START}|\d[\d.,]*\s*(?:million|billion|bn|m)\b"
_CONJUNCTION_ALT = alternation(CONJUNCTIONS)
_LEAD_ADVERB_ALT = alternation(LEAD_ADVERBS)
_AND_MORE = alternation(a.words for a in ADDITIONS if a.after_and)
# Additions read only after a comma ("..., and a separate $20 million") are kept to that.
_COMMA_ONLY_ADDITION = rf"(?:{alternation(a.words for a in ADDITIONS if not a.after_and)})\s"
_CONJUNCTION = regex.compile(
    rf"(?:,|;)\s+(?:{_CONJUNCTION_ALT})\s+"
    # "..., the statement noted, adding that London will allocate $97m": a second report
    rf"|,\s+(?:{alternation(saying('adding'))})\s+that\s+"
    r"|\s+and\s+(?=to\s+[a-z]+\b)"  # "to cut red tape and to launch a line": two pledges
    r"|;\s+|\s+and\s+(?=(?:also\s+|further\s+)?(?:will|shall|plans\s+to|intends\s+to"
    r"|pledged|promised|agreed\s+to|decided\s+to|vowed\s+to|undertook\s+to|resolved\s+to"
    r"|(?:has|have)\s+(?:also\s+)?(?:committed|pledged|promised|agreed|decided))\b)"
    # "such measures as encouraging X, supporting Y": a series of acts, one subject
    r"|,\s+(?=[a-z]+ing\b)"
    # "will offer X, dispatch Y and train Z": a series of acts under one modal
    r"|,\s+(?=[a-z]+\s)"
    # "$5 million for schools in Kenya and $3 million for clinics in Uganda": a second sum
    # with a purpose of its own
    rf"|\s+(?:and|as\s+well\s+as|plus)\s+(?=(?:(?:{_AND_MORE})\s+)?"
    rf"(?:{_SUM})[^,;]{{0,40}}?\s(?:for|to|towards|into?)\s)"
    # "Japan will build a port while India will fund a hospital": a second party's pledge
    r"|\s+(?:while|whereas)\s+"
    # "EUR 120 million for projects, 47.6 million euros for training and ...": a series of
    # sums, each with its own purpose
    rf"|,\s+(?=(?:{_SUM})[^,;]{{0,40}}?\s(?:for|to|towards|into?)\s)"
    # "a farm scheme will be launched as well as the Livestock Development Project": a
    # second named undertaking under the same verb
    r"|\s+as\s+well\s+as\s+(?=(?:the|a|an)\s+(?:new\s+)?[A-Z][\w-]+\s+[A-Z][\w-]+)"
    # "The UK will open a consulate in Lagos and India will open one in Manchester"
    r"|\s+and\s+(?=(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}\s+(?:will|shall|is\s+to"
    r"|are\s+to|plans\s+to|pledged|promised|agreed\s+to)\b)"
    # "a $50 billion bank and a $100 billion reserve pool", "a loan of ¥10 billion for X and a
    # grant of ¥2 billion for Y": a second thing with its own sum.
    rf"|\s+(?:and|as\s+well\s+as|plus)\s+(?!{_COMMA_ONLY_ADDITION})"
    rf"(?=an?\s+(?:[\w-]+\s+){{0,3}}?(?:of\s+)?(?:{_SUM}))"
    # "will provide $100 million in aid this year and expand its ODA": a second act.
    r"|\s+(?P<bare>and)\s+(?=(?:also\s+)?[a-z]+\s)",
)
_GERUND_SERIES = regex.compile(rf"\b(?:{alternation(GERUND_SERIES)})\s+[a-z]+ing\b", regex.I)
_MORE_MONEY = regex.compile(
    rf"(?:{alternation(a.words for a in ADDITIONS)})\s+"
    rf"(?:{MONEY_START}|\d[\d.,]*\s*(?:million|billion|bn|m)\b)",
    regex.IGNORECASE,
)
_LEAD_ADVERBS = regex.compile(rf"(?:(?:{_LEAD_ADVERB_ALT})\s+)*(?:to\s+)?")


def _opens_on_a_cue(rest: str) -> bool:
    # "..., and is preparing to provide a loan": a verb group that is a cue of its own.
    cue = find_cue(rest[:200])
    return cue is not None and cue.start == 0 and cue.subject_start is None


def split_clauses(text: str, sentence: Span) -> list[Clause]:
    """Split a sentence at coordinations that start a new pledge: a shared-subject verb
    ("..., and announce Y"), a new subject with its own cue ("..., and Japan will fund Z"),
    a semicolon, or "and will"."""
    piece = text[sentence.start : sentence.end]
    cuts: list[tuple[int, bool]] = []
    for match in _CONJUNCTION.finditer(piece):
        if _inside_brackets(piece, match.start()):
            continue
        rest_start = match.end()
        lead = _LEAD_ADVERBS.match(piece, rest_start)
        verb_at = lead.end() if lead else rest_start
        word = regex.match(r"[A-Za-z-]+", piece[verb_at:])
        rest = piece[rest_start:]
        if match.group("bare") is not None:
            if word and _second_act(piece, match.start(), verb_at, word.group(0)):
                cuts.append((verb_at, True))
            continue
        if (
            match.group(0).strip() == "and"
            and regex.match(r"(?:the\s+)?[A-Z]", rest)
            and find_cue(piece[: match.start()]) is None
        ):
            continue  # "The UK and India will ...": one joint subject, not two clauses
        if match.group(0).rstrip().endswith("with"):
            # "..., with Washington pledging to X": only a new subject and cue start a clause.
            if _has_own_subject_and_cue(rest):
                cuts.append((rest_start, False))
            continue
        if match.group(0).strip() == ",":
            # A bare comma cuts only inside a series of acts ("with such measures as
            # encouraging X, supporting Y") or of sums ("€5m for A, €3m for B").
            if regex.match(_SUM, rest):
                cuts.append((rest_start, True))
            elif word and is_pledge_gerund(word.group(0)) and _GERUND_SERIES.search(piece):
                cuts.append((verb_at, True))
            elif word and _verb_series(piece, match.start(), verb_at, word.group(0)):
                # "will offer food aid to Africa, dispatch 500 experts and train ...": a
                # series of acts under one modal; the last one follows "and".
                cuts.append((verb_at, True))
                last = _SERIES_END.search(piece, verb_at + len(word.group(0)))
                if (
                    last
                    and is_pledge_verb(last.group(1))
                    and not _inside_brackets(piece, last.start())
                ):
                    cuts.append((last.start(1), True))
            continue
        if regex.match(r"(?:also\s+|further\s+)?(?:will|shall|plans|intends|pledged|promised"
                       r"|agreed|decided\s+to|vowed\s+to|undertook\s+to|resolved\s+to"
                       r"|(?:has|have)\s+(?:also\s+)?(?:committed|pledged|promised|agreed"
                       r"|decided))\b",
                       rest) or _opens_on_a_cue(rest):  # fmt: skip
            cuts.append((rest_start, True))
        elif (
            _MORE_MONEY.match(rest)
            or regex.match(_SUM, rest)
            or (_THING_WITH_SUM.match(rest) and find_amounts(piece[: match.start()]))
            or (
                " ".join(match.group(0).split()) == "as well as"
                and regex.match(r"(?:the|an?)\s", rest)
            )
        ):
            # "... as well as the Livestock Development Project": a second named undertaking.
            # "pledged $50m for schools, and another $20m for clinics": the verb is understood.
            cuts.append((rest_start, True))
        elif (
            word
            and (is_base_verb(word.group(0)) or is_pledge_gerund(word.group(0)))
            and word.group(0).islower()
        ):
            cuts.append((verb_at, True))
        elif _has_own_subject_and_cue(rest) or match.group(0).strip().startswith(";"):
            cuts.append((rest_start, False))
    if not cuts:
        return [Clause(sentence.start, sentence.end)]
    cuts = sorted(dict(cuts).items())
    clauses: list[Clause] = []
    start, shares = 0, False
    for cut, cut_shares in cuts:
        end = _rstrip_conjunction(piece, start, cut)
        if end > start:
            clauses.append(Clause(sentence.start + start, sentence.start + end, shares))
        start, shares = cut, cut_shares
    clauses.append(Clause(sentence.start + start, sentence.end, shares))
    return clauses


_SERIES_MODAL = regex.compile(
    r"\b(?:will|shall|would|pledged\s+to|agreed\s+to|plans\s+to)\s", regex.I
)
_INFINITIVE = regex.compile(r"\bto\s+((?-i:[a-z])[a-z]+)", regex.I)
_SERIES_END = regex.compile(r"\s+and\s+(?:also\s+)?([a-z]+)\s+(?=[a-z\d$£€¥₹])")
_SERIES_OBJECT = regex.compile(r"\s+(?:an?|the|more|new|\d|[$£€¥₹]|its|their|up|\w+\s+\w)")


def _verb_series(piece: str, comma: int, verb_at: int, word: str) -> bool:
    """A bare comma before a pledge verb with its object, in a sentence that has a modal
    before the comma: the second item of a series of acts."""
    if not word.islower() or not is_pledge_verb(word) or verb_at != comma + 2:
        return False  # ", to improve ...": a purpose, not a second act
    modals = list(_SERIES_MODAL.finditer(piece, 0, comma))
    if not modals:
        return False
    between = piece[modals[-1].end() : comma]
    if any(is_base_verb(m.group(1)) for m in _INFINITIVE.finditer(between)):
        return False  # "to support the country to recover, rebuild ...": the purpose's series
    return _SERIES_OBJECT.match(piece, verb_at + len(word)) is not None


_THING_WITH_SUM = regex.compile(rf"an?\s+(?:[\w-]+\s+){{0,3}}?(?:of\s+)?(?:{_SUM})", regex.I)


def _second_act(piece: str, at: int, verb_at: int, word: str) -> bool:
    """ "Korea will provide $100 million in aid this year and expand its ODA": a pledge verb
    with its own object after a cue whose own act already has one ("build and operate the
    port" is one act)."""
    if not word.islower() or not is_pledge_verb(word) or _inside_brackets(piece, at):
        return False
    cue = find_cue(piece[:at])
    if cue is None or len(piece[cue.end : at].split()) < 3:
        return False
    # Each act with its own sum: "will work together and support each other" is one pledge.
    second = regex.split(r"[,;]|\s+and\s", piece[verb_at:], maxsplit=1)[0]
    if not (find_amounts(piece[cue.end : at]) and find_amounts(second)):
        return False
    return _SERIES_OBJECT.match(piece, verb_at + len(word)) is not None


def _has_own_subject_and_cue(rest: str) -> bool:
    head = rest[:160]
    cue = find_cue(head)
    if cue is None or cue.start == 0:
        return False
    subject = head[: cue.start]
    return "," not in subject and len(subject.split()) <= 8


def _rstrip_conjunction(piece: str, start: int, cut: int) -> int:
    segment = piece[start:cut]
    match = regex.search(
        rf"(?:[,;]?\s*(?:{_CONJUNCTION_ALT})?\s*(?:(?:{_LEAD_ADVERB_ALT})\s+)*(?:to\s+)?|[,;]\s*)$",
        segment,
    )
    end = start + (match.start() if match else len(segment))
    while end > start and piece[end - 1] in " ,;":
        end -= 1
    return end


def _inside_brackets(piece: str, position: int) -> bool:
    before = piece[:position]
    return before.count("(") > before.count(")")


def _strip(line: str, start: int, end: int) -> tuple[int, int]:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    return start, end
