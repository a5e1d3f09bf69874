"""From article text to candidate pledges: `extract`.

Sentences are split into clauses; a clause with a pledge cue and a subject that resolves to
a party becomes a draft. Drafts get their amount, time frame, topic and counterparty from
their own words, restatements of one pledge are merged, and a short title is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

import regex

from .actors import ArticleContext, Resolution
from .amounts import MONEY_START, find_amounts, home_currency, in_pledgers_dollar, pledged_amount
from .candidate import Candidate
from .cues import CUE_HINT, Cue, find_cue, is_pledge_verb
from .dates import DueDate, find_anchor, find_due_date
from .lexicon import alternation
from .parties import Party, party_named
from .restatements import Draft, content_words, merge_restatements
from .sentences import DATELINE, Clause, Span, split_clauses, split_sentences
from .sums import run_together_items
from .titles import make_title
from .topics import article_topic, topic_for
from .visits import Visit, find_visit, visit_due
from .vocabulary.calendar import DAY_WORDS, MONTHS, SEASONS, WEEKDAYS
from .vocabulary.clauses import ADDITIONS, LEAD_ADVERBS
from .vocabulary.cues import ADVERBS
from .vocabulary.frames import FRAMES
from .vocabulary.nouns import SIGNED_DOCUMENTS, SUM_WORDS
from .vocabulary.numbers import NUMBER_WORDS
from .vocabulary.speech import forms as saying
from .vocabulary.subjects import INSTITUTIONS
from .vocabulary.subjects import KINDS as INSTITUTION_KINDS
from .vocabulary.verbs import EARLIER_PLEDGING

__all__ = ["Candidate", "extract"]


def _framed(kind: str) -> str:
    return alternation(f.words for f in FRAMES if f.kind == kind and not f.opening)


def _worth_splitting(line: str) -> bool:
    # A line without any word a cue is built from cannot hold a pledge.
    return CUE_HINT.search(line) is not None


def extract(text: str, published_on: date) -> list[Candidate]:
    ctx = ArticleContext.read(text)
    sentences = split_sentences(text, worth_splitting=_worth_splitting)
    visit = find_visit(text, sentences, ctx, published_on)
    whole: list[str] = []

    def field_of_article() -> str:
        # Read only for a pledge whose own words name no field, once per article.
        if not whole:
            whole.append(article_topic(text))
        return whole[0]

    drafts: list[Draft] = []
    previous: Resolution | None = None
    plural: Resolution | None = None
    # A line ending in a colon leads a list: "The ministry will fund a programme:" or "Both
    # sides:". Each item under it is said by the lead-in's subject, and an item with no verb
    # of its own ("– €25 million over three years for ...") takes the lead-in's cue as well.
    lead: tuple[Cue, Resolution, int] | None = None
    marked_list = False  # whether the items under the lead-in carry marks ("–", "1.")
    for sentence in sentences:
        sentence_text = text[sentence.start : sentence.end]
        if _QUESTION.search(sentence_text):
            continue  # a question commits no one
        marked = _LIST_MARK.match(sentence_text) is not None
        item = lead is not None and (
            marked
            # "The package will deliver:" then "$8 million for vaccines in Fiji" on its own
            # line: in a list without marks, a line that opens on a sum is an item.
            or (
                not marked_list
                and _OWN_LINE.match(text, sentence.start) is not None
                and _SUM_ITEM.match(sentence_text) is not None
            )
        )
        marked_list = item and (marked or marked_list)
        if not item:
            lead = None
        speaker = _speaker(ctx, sentence, previous)
        carried: tuple[Cue, Resolution, int] | None = lead if item else None
        clauses = split_clauses(text, sentence)
        if item and lead is not None and not lead[0].modal and _SUM_ITEM.match(sentence_text):
            # "Included in the Budget:" then "- $49.9m for the Provider Fund": a funding list.
            carried = (Cue("funding item", 0, 0, 0.75, True, False), lead[1], lead[2])
        if item and lead is not None and lead[0].name == "lead-in":
            # "The two leaders:" then "— continue the campaign of maximum pressure": a point
            # that opens on a pledge verb is said by the header's subject.
            mark = _LIST_MARK.match(sentence_text)
            first = regex.match(r"[a-z]+\b", sentence_text[mark.end() :]) if mark else None
            if first and _POINT_VERB(first.group(0)) and find_cue(sentence_text) is None:
                carried = (Cue("point", 0, 0, 0.7, True, False), lead[1], lead[2])
        if item and carried is not None and carried[0].modal:
            clauses[0] = replace(clauses[0], shares_subject=True)
        if sentence_text.rstrip().endswith(":"):
            lead = _lead_in(text, ctx, sentence, clauses, previous, speaker, plural)
            if _FOLLOWING.search(sentence_text):
                continue  # "agreed on the following steps:": the items are the pledges
        for index, clause in enumerate(clauses):
            draft, carried = _draft(
                text,
                ctx,
                sentence,
                clause,
                index,
                carried,
                (previous, plural, speaker),
                published_on,
                visit,
                field_of_article,
            )
            if draft is not None:
                drafts.append(draft)
                previous = draft.resolution
                if previous.joint:
                    plural = previous
    drafts = _place_unplaced_people(ctx, drafts)
    merged = merge_restatements(drafts, text)
    items = run_together_items(
        text, ctx, published_on, _last_pledger(drafts), _last_partner(drafts)
    )
    if items:
        # A run of sums reads better item by item than as the one clause it was written in.
        merged = [d for d in merged if not any(_overlap(d.candidate, i.candidate) for i in items)]
        merged += items
    return [d.candidate for d in sorted(merged, key=lambda d: d.candidate.start)]


def _overlap(a: Candidate, b: Candidate) -> bool:
    return a.start < b.end and b.start < a.end


def _last_pledger(drafts: list[Draft]) -> Callable[[int], Resolution | None]:
    def before(position: int) -> Resolution | None:
        earlier = [d for d in drafts if d.candidate.start < position and d.resolution.parties]
        if not earlier:
            return None
        last = max(earlier, key=lambda d: d.candidate.start).resolution
        return Resolution(last.parties, last.label, how="context")

    return before


def _own_giver(ctx: ArticleContext, clause: Clause) -> Resolution | None:
    """ "Japan pledged $5 million, $3 million from Korea and $2 million by Canada": a sum in
    a series that names who gives it."""
    money = _OPENS_ON_SUM.match(ctx.text, clause.start, clause.end)
    if money is None:
        return None
    giver = _GIVER_AFTER_SUM.match(ctx.text, money.end(), clause.end)
    if giver is None:
        return None
    end = ctx.first_party_end(giver.end(), min(clause.end, giver.end() + 60))
    if end is None or end > giver.end() + 60:
        return None
    return ctx.resolve(giver.end(), end)


def _last_partner(drafts: list[Draft]) -> Callable[[int], str]:
    """The other side of the last pledge before a position: "£1 billion ... pledged to the
    Northern Ireland executive. This breaks down as follows: £400 million for ..."."""

    def before(position: int) -> str:
        earlier = [d for d in drafts if d.candidate.start < position]
        return (
            max(earlier, key=lambda d: d.candidate.start).candidate.counterparty if earlier else ""
        )

    return before


def _place_unplaced_people(ctx: ArticleContext, drafts: list[Draft]) -> list[Draft]:
    """ "President Yoon unveiled plans to provide $23 million", where the article never says
    whose president he is but every other pledge in it is South Korea's: he speaks for the
    one country that pledges in his article. With none, or several, he stays as named."""
    people = {person.name for person in ctx.persons if person.party is None}
    pledgers = {
        d.resolution.parties[0]
        for d in drafts
        if len(d.resolution.parties) == 1 and d.resolution.parties[0].kind == "country"
    }
    issuer = _issuing_country(ctx.text)
    if issuer is not None:
        # "NETHERLANDS, February 27 - Minister ... Schreinemacher has made €20 million
        # available": a release datelined with a country's name is that country's.
        pledgers = {issuer}
    if not pledgers:
        # No one else pledges: the one country the article is about that no other person
        # named in it speaks for ("Prime Minister Shinzo Abe announced ... Japan's pledge",
        # with "Palauan President Tommy Remengesau" placed already).
        spoken_for = {person.party for person in ctx.persons if person.party is not None}
        pledgers = {p for p in ctx.main if p.kind == "country" and p not in spoken_for}
    if len(pledgers) != 1 or not people:
        return drafts
    (country,) = pledgers
    placed = []
    for draft in drafts:
        if not draft.resolution.parties and draft.resolution.label in people:
            resolution = Resolution((country,), how="context")
            draft = replace(
                draft,
                resolution=resolution,
                candidate=replace(
                    draft.candidate,
                    actor=resolution.actor,
                    counterparty=""
                    if draft.candidate.counterparty == resolution.actor
                    else draft.candidate.counterparty,
                ),
            )
        placed.append(draft)
    return placed


def _issuing_country(text: str) -> Party | None:
    """The country a release is datelined with by name ("NETHERLANDS, February 27 -"); a
    city ("NAIROBI, May 2 -") is where the copy was filed, not who issues it."""
    body = text.split("\n", 1)[1].lstrip() if text.startswith("date ") else text.lstrip()
    dateline = DATELINE.match(body)
    if dateline is None:
        return None
    place = regex.match(r"[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)*", body)
    if place is None:
        return None
    party = party_named(place.group(0).title())
    return party if party is not None and party.kind == "country" else None


def _lead_in(
    text: str,
    ctx: ArticleContext,
    sentence: Span,
    clauses: list[Clause],
    previous: Resolution | None,
    speaker: Resolution | None,
    plural: Resolution | None,
) -> tuple[Cue, Resolution, int] | None:
    """The subject (and cue, when it has one) a list's items inherit from its lead-in line."""
    clause = clauses[-1]
    clause_text = text[clause.start : clause.end]
    cue = find_cue(clause_text)
    signed = _SIGNED_LIST.search(clause_text)
    if cue is None and signed:
        # "The following agreements were signed:", "The two sides signed the following:":
        # each item is an agreement the article's parties made.
        cue = Cue("signed item", 0, 0, 0.7, modal=True, past=True)
        by = ctx.first_party_end(clause.start, clause.end)
        resolution = (
            (
                ctx.resolve(clause.start, by, previous=previous, sentence_start=sentence.start)
                if by is not None
                else None
            )
            or plural
            or previous
            or _article_parties(ctx)
        )
        return (cue, resolution, clause.start) if resolution is not None else None
    if cue is not None:
        subject_end = clause.start + cue.start
    else:
        # "Both sides:", "The two leaders:" name who speaks and no verb; items carry their own.
        cue = Cue("lead-in", 0, 0, 0.0, modal=False, past=False)
        subject_end = clause.end - 1
        # "Included in Canada's budget for Haiti:": the party named first speaks.
        first = ctx.first_party_end(clause.start, subject_end)
        if first is not None and not _JOINED_PARTY.match(text, first, subject_end):
            # ("India and Bhutan:" names both: they speak together.)
            subject_end = first
    resolution = ctx.resolve(
        clause.start,
        subject_end,
        previous=previous,
        speaker=speaker,
        sentence_start=sentence.start,
        plural=plural,
    )
    if resolution is None and previous is not None and _SUM_LEAD.match(clause_text):
        # "The funds will go towards several areas:" after "X announced €274 million": the
        # items share out the sum whoever pledged last just pledged.
        resolution = Resolution(previous.parties, previous.label, how="context")
    if resolution is None:
        return None
    return cue, resolution, clause.start


_JOINED_PARTY = regex.compile(r"\s*(?:,|,?\s+and|&)\s+(?:the\s+)?(?-i:[A-Z])", regex.IGNORECASE)
_SUM_LEAD = regex.compile(
    r"\W*(?:the|this|these|those|its|their)\s+(?:[\w-]+\s+){0,2}?"
    rf"(?:{alternation(SUM_WORDS)})s?\b",
    regex.IGNORECASE,
)
_SIGNED_DOCUMENT = alternation(
    form for document in SIGNED_DOCUMENTS for form in (document.word, document.plural)
)
_SIGNED_LIST = regex.compile(
    rf"\bfollowing\s+(?:[\w-]+\s+){{0,3}}?(?:{_SIGNED_DOCUMENT})\s+(?:were|have\s+been|are\s+being"
    rf"|was|has\s+been)\s+(?:signed|concluded|exchanged|agreed|inked)\b"
    rf"|\b(?:signed|concluded|exchanged|inked)\s+(?:the\s+following|these)\b",
    regex.IGNORECASE,
)


def _article_parties(ctx: ArticleContext) -> Resolution | None:
    """The parties the article is about, for a list of agreements that names no one."""
    return Resolution(tuple(ctx.main), how="context") if len(ctx.main) == 2 else None


# -- one clause -------------------------------------------------------------------------


def _draft(
    text: str,
    ctx: ArticleContext,
    sentence: Span,
    clause: Clause,
    index: int,
    carried: tuple[Cue, Resolution, int] | None,
    context: tuple[Resolution | None, Resolution | None, Resolution | None],
    published_on: date,
    visit: Visit | None,
    field_of_article: Callable[[], str],
) -> tuple[Draft | None, tuple[Cue, Resolution, int] | None]:
    previous, plural, speaker = context
    origin = carried[2] if carried is not None else clause.start
    clause_text = text[clause.start : clause.end]
    cue = _main_cue(clause_text)
    inherited = False
    about = _relative_about_party(ctx, clause, clause_text) if cue is None else None
    if about is not None:
        cue, party = about
        resolution: Resolution | None = Resolution((party,), how="named")
    elif cue is None or (clause.shares_subject and cue.start > 0 and carried is not None):
        if not (
            clause.shares_subject
            and carried is not None
            and (carried[0].modal or _OPENS_ON_SUM.match(clause_text))
        ):
            # "includes €5m for A, €3m for B": a sum in a series shares the cue of the first.
            return None, carried
        # "..., and announce a new programme": subject and modal come from the clause before.
        cue = replace(carried[0], start=0, end=0, subject_start=None, subject_end=None)
        resolution = _own_giver(ctx, clause) or carried[1]
        inherited = True
    else:
        agent = _PASSIVE_AGENT.match(clause_text, cue.end)
        if cue.subject_start is not None and cue.subject_end is not None:
            subj_start, subj_end = clause.start + cue.subject_start, clause.start + cue.subject_end
        elif agent:
            # "A new fund will be set up by the two governments": the agent pledges.
            subj_start, subj_end = clause.start + agent.start(1), clause.start + agent.end(1)
        else:
            subj_start, subj_end = clause.start, clause.start + cue.start
        dateline = DATELINE.match(text, subj_start, subj_end)
        if dateline:
            # "VIENTIANE, Laos -- President Yoon ...": where the copy was filed, not who acts.
            subj_start = dateline.end()
        terms = _UNDER_WHICH.search(text, subj_start, subj_end)
        if terms and cue.modal:
            # "signed an agreement under which Japan will build a port": the party after
            # "which" acts, on the terms of the deal.
            subj_start = terms.end()
        if not text[subj_start:subj_end].strip(" ,;:–—-") and carried is not None:
            resolution = carried[1]
        elif clause.shares_subject and not text[subj_start:subj_end].strip(" ,;:–—-"):
            # "Both leaders condemned terrorism and agreed to cooperate ...": the subject of
            # the verb before, which pledged nothing, is the subject of this one.
            head = _ATTRIBUTION_HEAD.match(text, sentence.start, clause.start)
            begin = head.end() if head else sentence.start
            opening = _OPENING_QUOTE.match(text, begin, clause.start)
            resolution = ctx.resolve(
                opening.end() if opening else begin,
                clause.start,
                previous=previous,
                speaker=speaker,
                sentence_start=sentence.start,
                plural=plural,
            )
        else:
            resolution = ctx.resolve(
                subj_start,
                subj_end,
                previous=previous,
                speaker=speaker,
                sentence_start=sentence.start,
                plural=plural,
            )
        if _is_relative_clause(text[subj_start:subj_end]) and not (
            # "an additional £1 billion in funding that has been pledged to ...": the sum
            # the relative clause is about is the pledge.
            cue.name == "has been set aside" and _SUM_THAT.search(text, subj_start, subj_end)
        ):
            # "... visited the facility of Airbus which announced its decision to ...": a
            # party right before "which" is who the relative clause tells of.
            about = _relative_about_party(ctx, clause, clause_text)
            if about is None:
                return None, carried
            cue, party = about
            resolution = Resolution((party,), how="named")
        if _OPINION_FRAME.search(text[clause.start : clause.start + cue.start]):
            return None, carried  # "Officials hope the funding will ...": a hope, not a pledge
        if _DEMAND.search(text[clause.start : clause.start + cue.start]):
            return None, carried  # "We encourage partners to meet in full pledges ..."
    if resolution is None and previous is not None and _PASSIVE_PLEDGE.match(clause_text, cue.end):
        # "A new ground station will be built in Nairobi": delivered by whoever pledged last.
        resolution = Resolution(previous.parties, previous.label, how="context")
    if (
        resolution is None
        and previous is not None
        and previous.parties
        and not inherited
        and cue.name == "will"
        and _SHARE_OF_A_SUM.fullmatch(clause_text, 0, cue.start)
    ):
        # "Additionally, $1 million will support the Red Cross", "$3 million will help Tonga
        # buy vaccines": a share of the sum just pledged, by whoever pledged it.
        resolution = Resolution(previous.parties, previous.label, how="context")
    if resolution is None and cue.name in {"has been set aside", "includes"}:
        # "$76 million will go on health", "The additional $5 million includes $2 million for
        # NGOs": whoever pledged last, or the article's own party.
        if previous is not None:
            resolution = Resolution(previous.parties, previous.label, how="context")
        elif ctx.main:
            resolution = Resolution((ctx.main[0],), how="context")
        else:
            resolution = _by_currency(ctx, clause_text) or Resolution((), how="unresolved")
    if resolution is None and not inherited and _PASSIVE_PLEDGE.match(clause_text, cue.end):
        # "A new hospital will be built in Juba" with no one named before: a pledge whose
        # actor the article does not give.
        resolution = _by_currency(ctx, clause_text) or Resolution((), how="unresolved")
    recipient = ""
    if cue.name == "receives":
        recipient = resolution.actor if resolution is not None else ""
        resolution = _giver(ctx, clause_text, resolution, previous)
    said_by = _TRAILING_ADVERBS.sub(
        "",
        # "announced the emirate will provide ...": the subject the report names
        clause_text[cue.subject_start : cue.subject_end]
        if cue.subject_start is not None and cue.subject_end is not None
        else clause_text[: cue.start],
    )
    if resolution is None and not inherited and _UNPLACED_SUBJECT.search(said_by):
        # "The ministry will build 200 schools": someone who can pledge, whom the article
        # does not place. The review asks instead of dropping the pledge.
        after = clause_text[cue.end :].split()
        # "The ministry will build ...": the verb after the modal; "The board approved a
        # loan": the cue is the act itself.
        if (after and is_pledge_verb(after[0].strip(",.;:"))) or (cue.past and after):
            resolution = Resolution((), how="unresolved")
            known = (
                ctx.last_company(clause.start)
                if _FIRM.search(said_by)
                else ctx.last_body(clause.start)
                if _BODY.search(said_by)
                else None
            )
            if known:
                # "Volkswagen will build ... The company will also set up a solar park",
                # "the bloc will ..." in an article about the EU.
                resolution = Resolution((known,), how="context")
    if resolution is None:
        return None, carried
    carried = (cue, resolution, origin if inherited else clause.start)

    quote_start, quote_end = _quote_bounds(text, clause, cue, inherited)
    if quote_end - quote_start < 12:
        return None, carried
    quote = text[quote_start:quote_end]
    predicate_start = clause.start + cue.end if not inherited else quote_start
    predicate_start = max(predicate_start, quote_start)
    predicate = text[predicate_start:quote_end]
    if not regex.search(r"[A-Za-z]{3}", predicate):
        if cue.name not in _SUM_SUBJECT_CUES:
            return None, carried
        # "A $200 million loan for Kenyan roads was also agreed": the sum's own words say
        # what it is for.
        predicate_start, predicate = quote_start, quote
    # The pledged act starts at the main verb: "will also confirm plans to hold X" is about
    # confirming; the title and the meeting-date rule read from there.
    act_start = predicate_start
    if not inherited:
        modal = _MODAL_PREFIX.match(clause_text, cue.start)
        if modal and modal.end() < cue.end and cue.name != "will":
            act_start = max(quote_start, clause.start + modal.end())
    act = text[act_start:quote_end]

    money = (
        # "Of the $2 billion, $300 million came from the UK": the sum the giver gave.
        pledged_amount(quote[: clause.start + cue.start - quote_start], after=len(quote))
        if cue.name == "came from"
        else pledged_amount(quote, after=max(0, predicate_start - quote_start))
    )
    due = _due(text, sentence, clause, index, quote_start, quote_end, published_on, inherited, cue)
    if due is None and cue.past and not inherited and _TALLY.search(quote):
        return None, None  # "in total, Australia has allocated more than AUD1 billion"
    if (
        due is None
        and cue.past
        and not inherited
        and (
            _told_as_past(quote, published_on)
            # "of $1.1 billion pledged after the Bam earthquake in 2003, only ...": the time
            # the cue's own phrase names, when the sentence opens on another one.
            or _told_as_past(
                regex.split(r"[,;]", clause_text[cue.end :], maxsplit=1)[0], published_on
            )
        )
    ):
        # "Japan pledged $5 billion to Kenya last year", "In 2019, the bank committed ...":
        # an earlier pledge told as background. With a deadline still ahead ("In May 2021
        # the leaders made a commitment ... over the next decade") it is still to be kept.
        # The sums coordinated with it ("and an additional $10 million for ...") are too.
        return None, None
    if (not cue.past or inherited or _PAST_INCLUDES.match(clause_text, cue.start)) and (
        _EARLIER_PLEDGE.search(quote) and _told_as_past(quote, published_on)
    ):
        # "China will now deliver the aid it pledged last year", "The 2020 lending included
        # $1.5 billion for ...": a pledge made before the news, told for its delivery.
        return None, None
    if cue.past and not inherited and _SHORTFALL.search(text, clause.start + cue.end, sentence.end):
        # "Qatar promised $500 million and delivered less than half": the pledge is told for
        # what came of it, background to its outcome.
        return None, None
    due_date, due_text = (due.when, due.text) if due else (None, "")
    if due is None and visit is not None and not cue.past:
        due_date, due_text = visit_due(text, sentence, act, resolution, visit)

    counterparty = recipient or ctx.counterparty(resolution, predicate_start, quote_end)
    if not counterparty and inherited:
        # "... for schools in Kenya, and another $20m for clinics": the partner named first.
        # A list item reads its lead-in line, not the items between ("Canada's support
        # includes:" then "– $10m to the WFP;" "– $1m for the ICRC").
        lead_end = text.find("\n", origin, quote_start)
        counterparty = ctx.counterparty(resolution, origin, quote_end if lead_end < 0 else lead_end)
    topic = topic_for(predicate, context=text[sentence.start : sentence.end])
    if topic == "other":
        # Money pledged for no named field goes to the field of the article ("Germany pledged
        # $118 million" at a humanitarian appeal); talks and visits name no field for money,
        # which is then a financial pledge.
        topic = field_of_article()
        if money is not None and topic in {"diplomacy", "other"}:
            topic = "finance"
    confidence = _confidence(cue, resolution, clause_text, money is not None, due is not None)
    if inherited:
        confidence -= 0.05
    candidate = Candidate(
        title=make_title(
            act,
            "" if inherited or act_start != predicate_start else clause_text[cue.start : cue.end],
            subject="" if inherited else clause_text[: cue.start],
        ),
        quote=quote,
        start=quote_start,
        end=quote_end,
        actor=resolution.actor,
        counterparty=counterparty,
        topic=topic,
        amount=(
            in_pledgers_dollar(money, [p.name for p in resolution.parties], list(ctx.counts))
            if money
            else None
        ),
        due_date=due_date,
        due_text=due_text,
        confidence=round(max(0.05, min(0.99, confidence)), 2),
        cue=cue.name,
        unresolved=("actor",) if resolution.how == "unresolved" else (),
    )
    clarity = (
        candidate.confidence
        + (0.1 if money else 0)
        + (0.05 if due else 0)
        + (0.1 if resolution.how == "named" else 0)
        - len(quote) / 2000
    )
    return Draft(candidate, resolution, content_words(predicate), clarity), carried


# Cues whose subject is the sum itself ("$49m has been set aside", "$1 billion came from
# Kuwait"): the sum's own words say what it is for and its own period comes before the verb.
_SUM_SUBJECT_CUES = frozenset({"has been set aside", "came from"})
_MODAL_PREFIX = regex.compile(
    rf"(?:will|shall|’ll|'ll)(?:\s+(?:{alternation(ADVERBS)}))*\s+", regex.IGNORECASE
)
# A single day named with a past-tense pledge is the day it was made ("Japan pledged
# $1.5bn to Kenya on Monday"), never its deadline.
_DAY_OF_THE_ACT = regex.compile(
    rf"^(?:on\s+)?(?:{alternation([*WEEKDAYS, *(d.word for d in DAY_WORDS if d.offset <= 0)])})$",
    regex.IGNORECASE,
)
_MONTH_OF_THE_ACT = regex.compile(
    rf"^(?:in\s+)?(?:early\s+|late\s+|mid-?)?(?:{alternation(m.name for m in MONTHS)})$",
    regex.IGNORECASE,
)
_ENDS_IN_TO = regex.compile(r"\bto\s*$", regex.IGNORECASE)
_SPEECH_ACT = regex.compile(
    rf"\b(?:(?:{alternation(saying('act', opening=True))})\w*|{alternation(saying('act'))})\b",
    regex.IGNORECASE,
)
_STATEMENT_TIME = regex.compile(
    rf"\b(?:{alternation(saying('dated', listener=False))}"
    rf"|(?:{alternation(saying('dated', listener=True))})\s+[\w ]{{1,30}}?)\s*,?\s*"
    # "announced this Thursday, January 22, that ...": the day of the statement
    rf"(?:(?:on|this|last)\s+)?(?:(?:{alternation(WEEKDAYS)}),?\s+)?$",
    regex.IGNORECASE,
)
_OPINION_FRAME = regex.compile(rf"\b(?:{_framed('opinion')})\b", regex.IGNORECASE)
# "calling on all current donors to double their initial pledges": others are asked to act.
_DEMAND = regex.compile(rf"\b(?:{_framed('demand')})\s+(?:\w+\s+){{0,6}}?\w+\s+to\b", regex.I)
_LEADING_ADVERBIAL = regex.compile(r"[^,]{0,60},")
# "by June", "by next year", "by summer" is a deadline, not who acts.
_TIME_WORDS = "|".join(
    [*(m.name for m in MONTHS), *(s.name for s in SEASONS), *WEEKDAYS, "next", "this", "then"]
)
_PASSIVE_AGENT = regex.compile(
    r"\s+be\s+\w+(?:\s+(?:up|out|off|down|over))?\s+by\s+"
    rf"(?!\d|the\s+end|end\b|mid\b|(?:early\s+|late\s+)?(?:{_TIME_WORDS})\b)"
    # "by A and B": both build it; "by A and in B": only A.
    r"((?:the\s+)?[^,.;:]{1,60}?(?:\s+and\s+(?:the\s+)?(?-i:[A-Z])[\w&.’'-]*"
    r"(?:\s+(?-i:[A-Z])[\w&.’'-]*)*)?)(?=\s*(?:[,.;:]|$)|\s+(?:in|on|at|from|over|within|by"
    # "will be extended by Japan through UNICEF": the channel after the agent is not it
    r"|before|after|to|for|as|and|with|under|through|via|alongside)\b)",
    regex.IGNORECASE,
)
_PASSIVE_PLEDGE = regex.compile(
    r"\s+be\s+(?!held\b|hosted\b)(?:\w+ed|built|set|given|sent|spent)\b"
)
_LIST_MARK = regex.compile(
    r"(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|--|[-•*–—·▪])\s+|-(?=[$£€¥₹\d]|[A-Z]{1,3}\$)"
)
_POINT_VERB = is_pledge_verb
_FOLLOWING = regex.compile(r"\b(?:the\s+following|as\s+follows)\b", regex.IGNORECASE)
_SUM_ITEM = regex.compile(
    r"^\W{0,3}\s*(?:(?:up\s+to|about|around|nearly|almost|over|more\s+than|some|an\s+additional"
    r"|a\s+further|another)\s+)?"
    r"(?:[$£€¥₹]|[A-Z]{1,3}\$|[A-Z]{3}\s?\d|\d[\d.,]*\s*(?:m|bn|million|billion)\b)"
)
# A sentence that starts a line of its own.
_OWN_LINE = regex.compile(r"(?<=^|\n)")
_SHARE_OF_A_SUM = regex.compile(
    rf"\W*(?:(?:{alternation(LEAD_ADVERBS)}|in\s+addition|of\s+(?:this|that|it|the\s+total)),?\s+)?"
    rf"(?:(?:{alternation(a.words for a in ADDITIONS)})\s+)?(?:{MONEY_START})[^,;:]{{0,30}}?\s*",
    regex.IGNORECASE,
)
_SUM_THAT = regex.compile(
    rf"(?:{MONEY_START}|\d[\d.,]*\s*(?:million|billion|bn|m)\b)[^,;:]{{0,30}}?\s(?:that|which)\s*$",
    regex.IGNORECASE,
)
_GIVER_AFTER_SUM = regex.compile(
    r"[\w.,-]*(?:\s+(?:million|billion|bn|m|thousand|crore))?\s+(?:will\s+be\s+\w+\s+"
    r"|(?:came|comes|will\s+come)\s+)?(?:from|by)\s+"
    r"(?:the\s+)?(?=(?-i:[A-Z]))",
    regex.IGNORECASE,
)
_OPENS_ON_SUM = regex.compile(
    rf"\W{{0,3}}(?:{MONEY_START}|\d[\d.,]*\s*(?:million|billion|bn|m)\b)", regex.IGNORECASE
)
_QUESTION = regex.compile(r"\?[”\"’']?\s*$")
_HEDGED = regex.compile(rf"\b(?:{_framed('hedge')})\b", regex.IGNORECASE)
_CONDITIONAL = regex.compile(
    rf"^\W*(?:{alternation(f.words for f in FRAMES if f.kind == 'condition')})\b"
    rf"|\b(?:{_framed('condition')})\b",
    regex.IGNORECASE,
)
_ATTRIBUTION_TAIL = regex.compile(
    r"(?:,|\s[–—-])\s*[”\"’']?\s*(?:according\s+to\b[^,]*|(?:[\w’'.-]+\s+){0,7}?"
    rf"(?:{alternation(saying('tail', listener=False))}"
    rf"|(?:{alternation(saying('tail', listener=True))})\s+[\w ]+?)"
    r"(?:\s+(?:on\s+)?(?:\w+day|today|yesterday|earlier|late\w*|in\s+a\s+statement)"
    r"(?:\s+\w+)?)?(?:\s+[^,.]{0,40})?)[.!]?[”\"’']?\s*$",
    regex.IGNORECASE,
)
_ATTRIBUTION_HEAD = regex.compile(
    r"^(?:[\w’'.-]+\s+){0,5}?"
    rf"(?:{alternation(saying('head', listener=False))}"
    rf"|(?:{alternation(saying('head', listener=True))})\s+\w+)"
    r"(?:\s+(?:on\s+)?\w+day)?,?\s+(?:that\s+)?(?=\S)",
    regex.IGNORECASE,
)


_OPENING_QUOTE = regex.compile(r"[^“\"]{0,60}?[“\"]|")


def _quote_bounds(text: str, clause: Clause, cue: Cue, inherited: bool) -> tuple[int, int]:
    start, end = clause.start, clause.end
    piece = text[start:end]
    tail = _ATTRIBUTION_TAIL.search(piece)
    if tail and tail.start() > cue.end:
        end = start + tail.start()
    head = _ATTRIBUTION_HEAD.match(piece)
    if head and head.end() <= cue.start:
        start += head.end()
    dateline = DATELINE.match(text, start, end)
    if dateline and dateline.end() - clause.start <= cue.start:
        start = dateline.end()
    numbering = _LIST_MARK.match(text, start, end)  # "4. Ghana will host ..."
    if numbering:
        start = numbering.end()
    while end > start and text[end - 1] in " ,;:–—-":
        end -= 1
    # Keep a quote's marks balanced: drop an opening mark whose closing one was cut off.
    while (
        start < end and text[start] in '“"‘' and not regex.search(r"[”\"’]", text[start + 1 : end])
    ):
        start += 1
    while (
        end > start and text[end - 1] in '”"' and not regex.search(r"[“\"]", text[start : end - 1])
    ):
        end -= 1
    while end > start and text[end - 1] in " ,;:–—-":
        end -= 1
    return start, end


def _giver(
    ctx: ArticleContext,
    clause_text: str,
    recipient: Resolution | None,
    previous: Resolution | None,
) -> Resolution:
    """Who gives what the subject "will receive": the last party that pledged, the party
    whose currency the sum is in, the article's own country, or left to the analyst."""
    given = set(recipient.parties) if recipient is not None else set()
    if previous is not None and previous.parties and not given & set(previous.parties):
        return Resolution(previous.parties, previous.label, how="context")
    by_currency = _by_currency(ctx, clause_text)
    if by_currency is not None:
        return by_currency
    own = [p for p in ctx.main if p.kind == "country" and p not in given]
    if own:
        return Resolution((own[0],), how="context")
    return Resolution((), how="unresolved")


def _by_currency(ctx: ArticleContext, clause_text: str) -> Resolution | None:
    """ "A further NZ$1 million will be provided" in an article that names New Zealand: the
    party whose own currency the sum is in."""
    money = pledged_amount(clause_text)
    if money is None or money.amount.currency == "USD":
        return None
    homes = [
        party
        for name in ctx.counts
        if (party := party_named(name)) is not None and home_currency(name) == money.amount.currency
    ]
    return Resolution((homes[0],), how="context") if len(homes) == 1 else None


def _institutions(*kinds: str) -> str:
    return alternation(f for i in INSTITUTIONS if i.kind in kinds for f in i.forms)


# Subjects that name an institution or a firm without saying whose.
_UNPLACED_SUBJECT = regex.compile(
    rf"\b(?:the|its|their)\s+(?:[\w-]+\s+){{0,2}}?(?:{_institutions(*INSTITUTION_KINDS)})\s*$",
    regex.IGNORECASE,
)
_TRAILING_ADVERBS = regex.compile(rf"(?:\s+(?:{alternation(ADVERBS)}))+\s*$", regex.IGNORECASE)
_BODY = regex.compile(rf"\b(?:{_institutions('body')})\s*$", regex.IGNORECASE)
_FIRM = regex.compile(rf"\b(?:{_institutions('firm')})\s*$", regex.IGNORECASE)


def _told_as_past(quote: str, published_on: date) -> bool:
    anchor = find_anchor(quote, published_on)
    if anchor is not None and anchor.last < published_on - _NEWS_WINDOW:
        return True
    if _LONG_AGO.search(quote):
        return True  # "Japan promised two years ago to build a port", "at last year's summit"
    # "pledged at the 2021 summit", "In its 2021 budget, Japan allocated ...": an event of
    # an earlier year.
    return any(int(m.group(1)) < published_on.year for m in _EVENT_OF_A_YEAR.finditer(quote))


_NEWS_WINDOW = timedelta(days=7)
_LONG_AGO = regex.compile(
    rf"\b(?:\d{{1,2}}|an?|a\s+few|(?:{alternation(n.word for n in NUMBER_WORDS)}))\s+"
    r"(?:years?|months?|decades?)\s+ago\b|\b(?:last|previous)\s+(?:year|month)[’']s\b",
    regex.IGNORECASE,
)
_EVENT_OF_A_YEAR = regex.compile(
    r"\b(?:at|in|during|under|through)\s+(?:the|its|their|his|her|a|an)\s+((?:19|20)\d\d)"
    r"(?:[-–/]\d{2,4})?\s+(?!to\b)[a-z]",
    regex.IGNORECASE,
)
# A pledge verb or a noun for one, with its own time: "the aid it pledged last year", "pledges
# made in 2021", "the 2020 lending".
_EARLIER_PLEDGE = regex.compile(
    rf"\b(?:{alternation(EARLIER_PLEDGING)})\b"
    r"|\b(?:19|20)\d\d\s+(?:lending|pledges?|commitments?|loans?)\b",
    regex.IGNORECASE,
)
_PAST_INCLUDES = regex.compile(r"included|comprised", regex.IGNORECASE)
_SHORTFALL = regex.compile(rf"\b(?:{_framed('shortfall')})\b", regex.IGNORECASE)
# What a party has given so far, summed: a tally, not a new pledge.
_TALLY = regex.compile(rf"\b(?:{_framed('tally')}|since\s+(?:19|20)\d\d)\b", regex.IGNORECASE)


def _main_cue(clause_text: str) -> Cue | None:
    """The first cue whose subject is not a relative clause: in "a scheme that will cover
    700 districts will be launched" the scheme's launch is the pledge."""
    cue = find_cue(clause_text)
    while (
        cue is not None
        and cue.subject_start is None
        and _RELATIVE_END.search(clause_text, 0, cue.start)
    ):
        following = find_cue(clause_text[cue.end :])
        if following is None:
            break
        shift = cue.end
        cue = replace(
            following,
            start=following.start + shift,
            end=following.end + shift,
            subject_start=None
            if following.subject_start is None
            else following.subject_start + shift,
            subject_end=None if following.subject_end is None else following.subject_end + shift,
        )
    return cue


def _relative_about_party(
    ctx: ArticleContext, clause: Clause, clause_text: str
) -> tuple[Cue, Party] | None:
    """ "The deal was welcomed by Airbus, which announced it would invest €200 million",
    "the bank, which has pledged ...": a pledge told in a relative clause set off by a comma
    after a party (or "the bank", "the company" for one the article named) is that party's."""
    for relative in _NON_RESTRICTIVE.finditer(clause_text):
        antecedent = clause_text[: relative.start()]
        if _OPINION_FRAME.search(antecedent):
            return None
        if find_amounts(antecedent) or _CHANNEL_BEFORE.search(antecedent):
            # "$5 million to Kenya, which will build ...", "through UNICEF, which will ...":
            # what the receiver or the channel of a sum does with it is not its pledge.
            return None
        named = ctx.party_ending_at(clause.start + relative.start())
        party: Party | None = None
        if named is not None:
            head, party = named[0] - clause.start, named[1]
        elif not relative.group(0).startswith(","):
            continue  # without a comma only a party's own name is what "which" tells of
        elif institution := _UNPLACED_SUBJECT.search(antecedent):
            head = institution.start()
            if _FIRM.search(antecedent):
                party = ctx.last_company(clause.start)
            elif _BODY.search(antecedent):
                party = ctx.last_body(clause.start)
        if party is None or _PLACE_OR_PARTNER.search(antecedent, 0, head):
            # "aid for Ukraine, which will ...", "talks with China, which ...": the clause is
            # about the place, the receiver or the partner of someone else's act.
            continue
        told = clause_text[relative.end() :]
        inner = find_cue(told)
        if inner is None or inner.start > 0 or inner.subject_start is not None:
            continue
        shift = relative.end()
        return replace(inner, start=inner.start + shift, end=inner.end + shift), party
    return None


_CHANNEL_BEFORE = regex.compile(
    r"\b(?:through|via)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,6}?[\w’'-]+(?:\s*\([^()]{1,20}\))?$",
    regex.IGNORECASE,
)
_PLACE_OR_PARTNER = regex.compile(
    r"\b(?:in|for|to|into|with|from|at|of|across|between|among|on|against|towards?)\s+"
    r"(?:the\s+)?$",
    regex.IGNORECASE,
)
_UNDER_WHICH = regex.compile(
    r"\b(?:under|by|through)\s+which\s+(?=(?:the\s+)?[A-Z][^,;]{0,60}$)", regex.IGNORECASE
)
_NON_RESTRICTIVE = regex.compile(r",?\s+which\s+", regex.IGNORECASE)
_RELATIVE_END = regex.compile(r"\b(?:that|which)\s*$", regex.IGNORECASE)


def _is_relative_clause(subject: str) -> bool:
    # "The summit, which will be held next month" describes, it does not pledge; so does "a
    # project ..., to which Canada is contributing $16 million".
    return bool(
        regex.search(r"\b(?:which|that)\s*$", subject.strip())
        or regex.search(r"\b(?:to|for|in|into|through|under|with)\s+which\s+[^,;]{1,40}$", subject)
    )


def _due(
    text: str,
    sentence: Span,
    clause: Clause,
    index: int,
    quote_start: int,
    quote_end: int,
    published_on: date,
    inherited: bool,
    cue: Cue,
) -> DueDate | None:
    region_start = sentence.start if index == 0 else quote_start
    region = text[region_start:quote_end]
    dateline = DATELINE.match(region)
    floor = dateline.end() if dateline else 0
    # A time named before a past-tense cue dates the pledge itself ("On Friday India and
    # Australia decided to ...", "In May 2021, the leaders made a commitment ...").
    if cue.past and not inherited and cue.name not in _SUM_SUBJECT_CUES:
        # A sum's own period comes before its verb: "€50 million over three years has been
        # set aside", so only other past cues start the search at the cue.
        floor = max(floor, clause.start + cue.start - region_start)

    cue_at = clause.start + cue.start - region_start

    # "pledged $5 billion in January": with a past cue that takes no infinitive, a month
    # named after it is when the pledge was made. "agreed to finish the road in June" is
    # a deadline.
    act_in_month = cue.past and not _ENDS_IN_TO.search(text, clause.start, clause.start + cue.end)

    def ignore(start: int, end: int) -> bool:
        # The dateline and the time of the statement ("agreed on Wednesday", "said on
        # Monday") date the news, not the pledge.
        if cue.past and _DAY_OF_THE_ACT.match(region[start:end].strip()):
            return True
        if act_in_month and _MONTH_OF_THE_ACT.match(region[start:end].strip()):
            return True
        if (
            end <= cue_at
            and _DAY_OF_THE_ACT.match(region[start:end].strip())
            and _SPEECH_ACT.search(region, end, cue_at)
        ):
            return True  # "I am here today to announce that the EU will ...": when it is said
        return start < floor or bool(_STATEMENT_TIME.search(region, 0, start))

    found = find_due_date(region, published_on, ignore=ignore)
    if found is None and inherited:
        # "Next year the UK will X, and Y": the opening time frame covers both.
        lead = _LEADING_ADVERBIAL.match(text, sentence.start, clause.start)
        if lead:
            region = lead.group(0)
            found = find_due_date(region, published_on, ignore=ignore)
    if found is not None and found.relative:
        # "In May 2021, the leaders made a commitment ... over the next decade": a period is
        # counted from the date the sentence is told from, when it names one.
        anchor = find_anchor(text[sentence.start : sentence.end], published_on)
        if anchor is not None:
            found = find_due_date(region, published_on, anchor=anchor.first, ignore=ignore)
    return found


_SPEAKER = regex.compile(
    rf"[”\"’],?\s+(?P<who>[^,.”\"]{{2,60}}?)\s+(?:{alternation(saying('quoted'))})\b"
    rf"|(?:{alternation(saying('quoting'))})\s+(?P<who2>[^,.”\"]{{2,60}}?)[.]?\s*$"
)


def _speaker(ctx: ArticleContext, sentence: Span, previous: Resolution | None) -> Resolution | None:
    sentence_text = ctx.text[sentence.start : sentence.end]
    if not regex.search(r"[“\"]", sentence_text):
        return None
    match = _SPEAKER.search(sentence_text)
    if not match:
        return previous
    group = "who" if match.group("who") else "who2"
    start, end = match.span(group)
    return (
        ctx.resolve(
            sentence.start + start,
            sentence.start + end,
            previous=previous,
            sentence_start=sentence.start,
        )
        or previous
    )


def _confidence(cue: Cue, resolution: Resolution, clause: str, money: bool, due: bool) -> float:
    score = cue.strength
    if resolution.how in {"pronoun", "context", "title"}:
        score -= 0.03
    if resolution.how == "name":
        score -= 0.1
    if _CONDITIONAL.search(clause):
        score -= 0.2
    if _HEDGED.search(clause):
        score -= 0.1
    if money:
        score += 0.05
    if due:
        score += 0.03
    return score
