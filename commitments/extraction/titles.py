"""Short plain titles for pledges, written from the words after the cue."""

from __future__ import annotations

import regex

__all__ = ["make_title"]

_REPORTED = regex.compile(
    r"\b(?:said|says|told\s+\w+|announced|added|confirmed)\s+(?:that\s+)?", regex.IGNORECASE
)
_PAST_TO_BASE = {
    "pledged": "Pledge",
    "promised": "Promise",
    "vowed": "Vow",
    "announced": "Announce",
    "unveiled": "Unveil",
    "earmarked": "Earmark",
    "allocated": "Allocate",
    "committed": "Commit",
    "approved": "Approve",
    "confirmed": "Confirm",
    "launched": "Launch",
    "agreed": "Agree",
    "pledges": "Pledge",
    "announces": "Announce",
    "unveils": "Unveil",
    "confirms": "Confirm",
    "launches": "Launch",
}
_TITLE_CUT = regex.compile(
    r",\s+(?:including|which|who|where|while|whereas|but|as|with|coordinating|strengthening"
    r"|following|after|before|amid|in\s+a\s+bid|a\s|an\s|the\s|sources|officials|said|according"
    r"|(?:[A-Z][\w’'-]*\s+){1,5}(?:said|says|told|announced|added|reiterated|insisted))"
    r"|\s+and\s+(?:welcomed|noted|underlined|stressed|expressed|praised|discussed|reviewed)\b"
    r"|\s+[–—-]\s+|;|:\s"
)
_ACRONYM = regex.compile(r"((?:[A-Z][\w-]*\s+){1,6}?[A-Z][\w-]*)\s+\(([A-Z]{2,8})\)")
_DANGLING = regex.compile(
    r"\s+(?:and|or|of|to|for|the|a|an|in|on|with|by|over|next|its|their|from|at|into|across"
    r"|this|that|which|who|as|than|under|within|between)$",
    regex.IGNORECASE,
)
_SHORT_MULTIPLIER = {"million": "m", "billion": "bn", "trillion": "tn"}
_MONEY_WORD = regex.compile(
    r"([£$€¥₹]|Rs\.?\s?|US\$|A\$)(\d[\d,.]*)\s*(million|billion|trillion)\b", regex.IGNORECASE
)


def make_title(predicate: str, cue_words: str = "", limit: int = 90, subject: str = "") -> str:
    """A short plain summary of a pledge from the words after its cue (`cue_words`, e.g.
    "has pledged", turns "$5bn for schools" into "Pledge $5bn for schools"). A passive
    pledge keeps its subject: "The money will be delivered by ..." -> "Money to be
    delivered by ..."."""
    title = " ".join(predicate.split())
    passive = regex.match(r"be\s+\w+", title)
    # The passive subject, after any opening adverbial or "X said (that)".
    noun = _REPORTED.split(subject.split(",")[-1])[-1].strip()
    noun = regex.sub(r"^\W*(?:the|a|an|this|its|their)\s+", "", noun, flags=regex.I)
    if passive and noun and len(noun) < 70:
        title = f"{noun} to {title}"
    title = regex.sub(r"^(?:(?:also|further|now|then|jointly|additionally|formally|officially"
                      r"|separately|soon|to)\s+)+", "", title, flags=regex.I)  # fmt: skip
    words = cue_words.split()
    lowered = [w.lower() for w in words]
    verb = next((w for w in lowered if w in _PAST_TO_BASE), "")
    if verb and lowered[-1] not in {"to", "will", "would", "shall"}:
        # "has pledged $5bn", "agreed on a loan": the verb is the act, keep its particle.
        rest = words[lowered.index(verb) + 1 :]
        title = " ".join([_PAST_TO_BASE[verb], *rest, title])
    elif regex.search(r"commit(?:ted|ment)\s+to$", cue_words.lower()) and not regex.match(
        r"\w+ing\b", title
    ):
        title = f"Commit to {title}"  # "is committed to a free and open Indo-Pacific"
    cut = _TITLE_CUT.search(title)
    if cut and cut.start() >= 20:
        title = title[: cut.start()]
    title = _ACRONYM.sub(
        lambda m: m.group(2) if _initials(m.group(1)) == m.group(2) else m.group(0), title
    )
    title = _MONEY_WORD.sub(
        lambda m: f"{m.group(1)}{m.group(2)}{_SHORT_MULTIPLIER[m.group(3).lower()]}",
        title,
    )
    cut_short = len(title) > limit
    if cut_short:
        title = title[:limit].rsplit(" ", 1)[0]
        while True:  # do not end on "... over the next"
            shorter = _DANGLING.sub("", title)
            if shorter == title:
                break
            title = shorter
    title = title.strip(" ,;:.–—-“”\"'’")
    # The reader should see that the words go on (in the quote), not take the cut for the end.
    return title[:1].upper() + title[1:] + ("…" if cut_short else "")


def _initials(words: str) -> str:
    return "".join(w[0] for w in words.split() if w[:1].isupper())
