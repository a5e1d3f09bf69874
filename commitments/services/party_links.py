"""A pledge's actor and counterparty texts linked to Party rows, creating what matches none.

Written against the model classes it is handed, so the data migration (historical models)
and the services (today's) link the same text the same way.
"""

from __future__ import annotations

from typing import Any

from commitments.parties import Resolver, unique_slug

ROLE_FIELDS = (("pledger", "actor"), ("counterparty", "counterparty"))


class Linker:
    """Links pledges to parties; one per batch, so the parties are read once."""

    def __init__(self, *, party_model: Any, pledge_party_model: Any) -> None:
        self.party_model = party_model
        self.pledge_party_model = pledge_party_model
        parties = list(party_model.objects.all())
        self.resolver = Resolver(parties)
        self.slugs = {p.slug for p in parties}
        self.created: list[Any] = []

    def parties_for(self, text: str) -> list[Any]:
        """The rows a text names; a name that matches none becomes a party to review."""
        rows = []
        for item in self.resolver.resolve(text):
            if isinstance(item, str):
                item = self.party_model.objects.create(
                    name=item[:200],
                    slug=unique_slug(item, self.slugs),
                    kind="other",
                    needs_review=True,
                )
                self.resolver.add(item)
                self.created.append(item)
            if item not in rows:
                rows.append(item)
        return rows

    def link_new(self, commitments: list[Any]) -> None:
        """Link pledges that have no parties yet, in two inserts at most however many: the
        new parties to review, then every link."""
        texts = [
            (c, role, self.resolver.resolve(getattr(c, name)))
            for c in commitments
            for role, name in ROLE_FIELDS
        ]
        missing = list(
            dict.fromkeys(i for _, _, items in texts for i in items if isinstance(i, str))
        )
        if missing:
            new = self.party_model.objects.bulk_create(
                self.party_model(
                    name=name[:200],
                    slug=unique_slug(name, self.slugs),
                    kind="other",
                    needs_review=True,
                )
                for name in missing
            )
            for party in new:
                self.resolver.add(party)
            self.created += new
        links = []
        for commitment, role, items in texts:
            parties = []
            for item in items:
                party = self.resolver.find(item) if isinstance(item, str) else item
                if party not in parties:
                    parties.append(party)
            links += [
                self.pledge_party_model(commitment=commitment, party=party, role=role, position=n)
                for n, party in enumerate(parties)
            ]
        if links:
            self.pledge_party_model.objects.bulk_create(links)

    def link(self, commitment: Any, *, fields: tuple[str, ...] = ("actor", "counterparty")) -> None:
        """(Re)link the roles whose text fields are named; a party kept in its role keeps its
        own assessment."""
        for role, name in ROLE_FIELDS:
            if name not in fields:
                continue
            wanted = self.parties_for(getattr(commitment, name))
            existing = {
                pp.party_id: pp
                for pp in self.pledge_party_model.objects.filter(commitment=commitment, role=role)
            }
            for position, party in enumerate(wanted):
                kept = existing.pop(party.pk, None)
                if kept is None:
                    self.pledge_party_model.objects.create(
                        commitment=commitment, party=party, role=role, position=position
                    )
                elif kept.position != position:
                    kept.position = position
                    kept.save(update_fields=["position"])
            if existing:
                self.pledge_party_model.objects.filter(
                    pk__in=[pp.pk for pp in existing.values()]
                ).delete()


def linker() -> Linker:
    from commitments.models import Party, PledgeParty

    return Linker(party_model=Party, pledge_party_model=PledgeParty)
