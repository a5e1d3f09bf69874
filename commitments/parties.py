"""Free-text actors resolved to Party records, and the seed those records start from.

The extraction (`commitments.extraction.parties`) knows the table of parties and reads the
names in an actor's text; this module matches those names to rows, including the aliases
added in the admin since. It only reads: the services and the data migration write, and
both resolve through here, so an import, an edit and the migration link the same text to
the same parties. It works on anything shaped like a Party (the migration's historical
model too).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.utils.text import slugify

from commitments.extraction.parties import Party as TableParty
from commitments.extraction.parties import parties_in
from commitments.extraction.vocabulary.parties import PARTIES
from commitments.extraction.vocabulary.party_codes import BODY_KINDS, ISO_CODES

# What the table's kinds become as Party.kind ("body" is split by BODY_KINDS).
TABLE_KINDS = {"country": "country", "company": "company", "region": "other"}
# Left unlinked: what an import saves when the article did not say who pledged.
NO_PARTY_TEXTS = frozenset({"", "unknown"})


class PartyLike(Protocol):
    pk: Any
    name: str
    code: str
    aliases: list[str]
    demonyms: list[str]


def seed_records() -> list[dict[str, Any]]:
    """One row's fields per party of the extraction's table (a name listed twice is one)."""
    rows: dict[str, dict[str, Any]] = {}
    for record in PARTIES:
        row = rows.setdefault(
            record.name,
            {
                "name": record.name,
                "kind": BODY_KINDS.get(record.name) or TABLE_KINDS.get(record.kind, "other"),
                "code": ISO_CODES.get(record.name, ""),
                "aliases": [],
                "demonyms": [],
            },
        )
        for key, forms in (
            ("aliases", (*record.aliases, *record.seats)),
            ("demonyms", record.demonyms),
        ):
            row[key] += [f for f in forms if f != record.name and f not in row[key]]
    return list(rows.values())


def unique_slug(name: str, taken: set[str]) -> str:
    """A slug for a new party, not among `taken` (which it joins)."""
    base = slugify(name)[:190] or "party"
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def _form(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass
class Resolver:
    """Names to parties, from the rows given: name, code, aliases and demonyms, any case."""

    parties: Iterable[PartyLike]
    by_form: dict[str, PartyLike] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        everyone = list(self.parties)
        # Names first, so an alias never hides another party's own name.
        for party in everyone:
            self.by_form[_form(party.name)] = party
        for party in everyone:
            for form in (party.code, *party.aliases, *party.demonyms):
                if form:
                    self.by_form.setdefault(_form(form), party)

    def find(self, name: str) -> PartyLike | None:
        form = _form(name)
        found = self.by_form.get(form)
        if found is None and form.startswith("the "):  # "the UK", "the African Union"
            found = self.by_form.get(form[4:])
        return found

    def resolve(self, text: str) -> list[PartyLike | str]:
        """The parties an actor's text names, in its order, each once; a name no party goes
        by is returned as text, for the caller to create as a party to review."""
        if _form(text) in NO_PARTY_TEXTS:
            return []
        found: list[PartyLike | str] = []
        for item in parties_in(text):
            name = item.name if isinstance(item, TableParty) else item
            party = self.find(name) or name
            if party not in found:
                found.append(party)
        return found

    def add(self, party: PartyLike) -> None:
        self.by_form.setdefault(_form(party.name), party)


def resolve_party(value: str) -> Any:
    """The Party a filter value names: its slug, name, code or an alias; None if none."""
    from commitments.models import Party

    value = " ".join((value or "").split())
    if not value:
        return None
    found = Party.objects.filter(slug=value).first()
    if found is not None:
        return found
    return Resolver(Party.objects.all()).find(value)
