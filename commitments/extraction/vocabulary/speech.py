"""The forms of saying that tell who spoke and when, one record per form, by where a
pattern reads them.

- act: names the act of stating ("I am here today to announce that ..."): a day named
  before it is when it is said, not a deadline. An `opening` record is a word opening that
  any ending completes ("announc" reads "announces" and "announcement").
- dated: the statement or pledge a time phrase right after dates ("said on Monday", "agreed
  this Thursday, January 22, that"), which is news time, not a deadline.
- tail: closes a quote's attribution ("..., the minister said on Monday"), cut from the quote.
- head: opens a quote's attribution ("He said that ..."), cut from the quote.
- quoted: follows a closing quote mark and its speaker ("” Mr McCully says").
- quoting: precedes the speaker at a sentence's end ("..., says Mr McCully.").
- after_name: right after a person's name, makes the person the speaker ("Wong said").
- that: right after a person's name, reports what the person's side does ("Wong announced
  that Australia will ...").
- before_name: right before a person's name ("said Wong", "according to Wong").
- adding: a gerund after a comma that opens a second report ("..., the statement noted,
  adding that London will allocate $97m"): a clause of its own.

`listener` marks a form the one told can follow ("told reporters"); a pattern that reads
through the listener places it after the form. Verbs whose report makes a decision the news
("conveyed that Japan had decided to") are `verbs.REPORTING`.
"""

from __future__ import annotations

from dataclasses import dataclass

USES = (
    "act",
    "dated",
    "tail",
    "head",
    "quoted",
    "quoting",
    "after_name",
    "that",
    "before_name",
    "adding",
)


@dataclass(frozen=True)
class Saying:
    form: str
    uses: frozenset[str]
    opening: bool = False
    listener: bool = False


def _saying(form: str, uses: str, *, opening: bool = False, listener: bool = False) -> Saying:
    return Saying(form, frozenset(uses.split()), opening=opening, listener=listener)


SAYINGS: tuple[Saying, ...] = (
    _saying("said", "act dated tail head quoted quoting after_name that before_name"),
    _saying("says", "act dated tail head quoted quoting after_name that before_name"),
    _saying("say", "act tail head"),
    _saying("tell", "act"),
    _saying("told", "act dated tail head quoted after_name", listener=True),
    _saying("state", "act"),
    _saying("states", "act"),
    _saying("stated", "act dated tail head after_name that"),
    _saying("announc", "act", opening=True),
    _saying("confirm", "act", opening=True),
    _saying("declar", "act", opening=True),
    _saying("reveal", "act", opening=True),
    _saying("announced", "dated tail after_name that"),
    _saying("announces", "that"),
    _saying("confirmed", "dated tail head that"),
    _saying("declared", "dated that"),
    _saying("added", "dated tail head quoted quoting after_name"),
    _saying("agreed", "dated"),
    _saying("pledged", "dated"),
    _saying("promised", "dated"),
    _saying("signed", "dated"),
    _saying("unveiled", "dated"),
    _saying("vowed", "dated"),
    _saying("reported", "dated tail"),
    _saying("reiterated", "tail"),
    _saying("insisted", "tail"),
    _saying("stressed", "tail"),
    _saying("noted", "tail"),
    _saying("explained", "tail"),
    _saying("wrote", "tail"),
    _saying("tweeted", "tail"),
    _saying("posted", "tail"),
    _saying("adding", "adding"),
    _saying("noting", "adding"),
    _saying("saying", "adding"),
    _saying("stressing", "adding"),
    _saying("explaining", "adding"),
)


def forms(use: str, *, listener: bool | None = None, opening: bool = False) -> tuple[str, ...]:
    """The forms of `use`; with `listener` given, only those that take (or do not take) the
    one told after them."""
    return tuple(
        s.form
        for s in SAYINGS
        if use in s.uses and s.opening == opening and (listener is None or s.listener == listener)
    )
