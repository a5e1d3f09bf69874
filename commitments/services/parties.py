"""Writes about parties: a signatory's own assessment, linking pledges to parties, and the
admin's merge, alias and bulk-assign.

Assessments change what a pledge says, so they take the pledge's version check and leave a
timeline entry; the party records themselves (merge, alias) are reference data for managers.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from commitments.models import Commitment, Party, PartyRole, PledgeParty, PublicParty, Status
from commitments.parties import seed_records, unique_slug
from commitments.public.cache import invalidate_on_commit
from commitments.services import publishing
from commitments.services.actors import Actor, checked, person_of
from commitments.services.data_version import writing
from commitments.services.party_links import linker
from commitments.services.pledges import _check_version, _lock, _require_manager, _require_update
from commitments.services.pledges import _write as _write_pledge


@writing()
def party_assessment_record(
    *,
    pledge_party_id: int,
    user: Actor,
    expected_version: int | None,
    status: str,
    note: str = "",
    evidence_url: str = "",
    now: datetime | None = None,
) -> PledgeParty:
    """Assess one signatory of a pledge on its own; a blank status returns it to the pledge's.

    Whoever may update the pledge may assess its signatories. The pledge's version is checked
    and bumped, and its timeline says whose assessment changed and why.
    """
    try:
        pledge_party = PledgeParty.objects.select_related("party").get(pk=pledge_party_id)
    except PledgeParty.DoesNotExist:
        raise ValidationError("This signatory is no longer on the pledge.") from None
    commitment = _lock(pledge_party.commitment_id)
    _require_update(user, commitment)
    _check_version(commitment, expected_version)
    if pledge_party.role != PartyRole.PLEDGER:
        raise ValidationError(
            "Only the parties that made a pledge are assessed; its counterparties are not."
        )
    status = (status or "").strip()
    note = (note or "").strip()
    if status and status not in Status.values:
        raise ValidationError({"status": f"“{status}” is not a status; choose one from the list."})
    if status == pledge_party.status and not note:
        raise ValidationError("Nothing to record: change the assessment or add a note.")
    shown = Status(status).label if status else f"as the pledge ({commitment.get_status_display()})"
    was = Status(pledge_party.status).label if pledge_party.status else "as the pledge"
    line = f"Assessment of {pledge_party.party.name}: {was} → {shown}."
    _write_pledge(
        commitment,
        user=user,
        changes={},
        note="\n".join(filter(None, [note, line])),
        evidence_url=evidence_url,
        now=now,
    )
    pledge_party.status = status
    pledge_party.note = note
    pledge_party.evidence_url = (evidence_url or "").strip()
    pledge_party.assessed_by = person_of(user)
    pledge_party.assessed_at = now or timezone.now()
    pledge_party.save()
    return pledge_party


def commitment_link_parties(*, commitment: Commitment, user: Actor) -> None:
    """Link a pledge to the parties its actor and counterparty texts name (after an import
    or an edit of those texts); names that match no party become parties to review."""
    checked(user)
    linker().link(commitment)


def _party_count(ids: list[int]) -> list[Party]:
    parties = list(Party.objects.filter(pk__in=ids))
    if len(parties) != len(set(ids)):
        raise ValidationError("One of these parties no longer exists.")
    return parties


@writing()
def _move_links(model: type[PledgeParty | PublicParty], pledge: str, merged, target) -> None:
    """Point `merged` parties' links at `target`; one link per pledge and role stays."""
    taken = set(model.objects.filter(party=target).values_list(pledge, "role"))
    for link in model.objects.filter(party__in=merged):
        key = (getattr(link, pledge), link.role)
        if key in taken:
            link.delete()
        else:
            taken.add(key)
            link.party = target
            link.save(update_fields=["party"])


def party_merge(*, target_id: int, merged_ids: list[int], user: Actor) -> Party:
    """Fold parties into one: their pledges, names and aliases move to `target`, which stays.

    A pledge that named both keeps one link per role (the target's, with its assessment).
    """
    _require_manager(user, "merge parties")
    merged_ids = [pk for pk in merged_ids if pk != target_id]
    if not merged_ids:
        raise ValidationError("Choose at least one party to merge into the one that stays.")
    target = Party.objects.select_for_update().get(pk=target_id)
    merged = _party_count(merged_ids)
    aliases = list(target.aliases)
    for party in merged:
        for form in (party.name, *party.aliases):
            if form != target.name and form not in aliases:
                aliases.append(form)
        target.demonyms += [d for d in party.demonyms if d not in target.demonyms]
        if not target.code and party.code:
            target.code = party.code
    _move_links(PledgeParty, "commitment_id", merged, target)
    _move_links(PublicParty, "publication_id", merged, target)  # the approved copies too
    publishing.public_tallies_count({target.pk})
    invalidate_on_commit()
    # Deleted before the target saves, so a code it takes over is free by then.
    Party.objects.filter(pk__in=[p.pk for p in merged]).delete()
    target.aliases = aliases
    target.needs_review = target.needs_review and all(p.needs_review for p in merged)
    target.save()
    return target


@writing()
def party_add_alias(*, party_id: int, alias: str, user: Actor) -> Party:
    """Another name for a party: the next import or edit that uses it links to this party."""
    _require_manager(user, "add party aliases")
    alias = " ".join((alias or "").split())
    if not alias:
        raise ValidationError({"alias": "Type the other name the party goes by."})
    party = Party.objects.select_for_update().get(pk=party_id)
    clash = Party.objects.exclude(pk=party.pk).filter(name__iexact=alias).first()
    if clash is not None:
        raise ValidationError(
            {"alias": f"“{alias}” is the name of another party ({clash}); merge them instead."}
        )
    if alias.casefold() not in {a.casefold() for a in (party.name, *party.aliases)}:
        party.aliases = [*party.aliases, alias]
        party.save(update_fields=["aliases"])
    return party


def commitments_assign_party(
    *, commitment_ids: list[int], user: Actor, party_id: int, role: str
) -> int:
    """Add a party to pledges in a role (the admin's bulk action). All or nothing; each pledge
    it changes gets a new version and a timeline line."""
    if role not in PartyRole.values:
        raise ValidationError({"role": "Choose pledger or counterparty."})
    changed = 0
    with writing():
        party = Party.objects.get(pk=party_id)
        for commitment_id in commitment_ids:
            commitment = _lock(commitment_id)
            _require_update(user, commitment)
            existing = PledgeParty.objects.filter(commitment=commitment, role=role)
            if existing.filter(party=party).exists():
                continue
            PledgeParty.objects.create(
                commitment=commitment, party=party, role=role, position=existing.count()
            )
            _write_pledge(
                commitment,
                user=user,
                changes={},
                note=f"{PartyRole(role).label} added: {party.name}.",
            )
            changed += 1
    return changed


@writing()
def commitment_set_parties(
    *,
    commitment_id: int,
    user: Actor,
    role: str,
    party_ids: list[int],
    expected_version: int | None = None,
) -> bool:
    """Make a pledge's parties in a role exactly these, in this order (a spreadsheet row's
    column). A party that stays keeps its own assessment; a change bumps the version and
    says on the timeline who was added and removed. Returns whether anything changed."""
    if role not in PartyRole.values:
        raise ValidationError({"role": "Choose pledger or counterparty."})
    commitment = _lock(commitment_id)
    _require_update(user, commitment)
    _check_version(commitment, expected_version)
    wanted = list(dict.fromkeys(party_ids))
    parties = {p.pk: p for p in _party_count(wanted)}
    existing = {
        pp.party_id: pp
        for pp in PledgeParty.objects.filter(commitment=commitment, role=role).select_related(
            "party"
        )
    }
    if list(existing) == wanted and all(existing[pk].position == n for n, pk in enumerate(wanted)):
        return False
    added = [parties[pk].name for pk in wanted if pk not in existing]
    removed = [pp.party.name for pk, pp in existing.items() if pk not in parties]
    PledgeParty.objects.filter(
        pk__in=[pp.pk for pk, pp in existing.items() if pk not in parties]
    ).delete()
    for position, pk in enumerate(wanted):
        if pk in existing:
            PledgeParty.objects.filter(pk=existing[pk].pk).update(position=position)
        else:
            PledgeParty.objects.create(
                commitment=commitment, party_id=pk, role=role, position=position
            )
    label = PartyRole(role).label
    lines = [f"{label} added: {', '.join(added)}."] if added else []
    lines += [f"{label} removed: {', '.join(removed)}."] if removed else []
    _write_pledge(
        commitment, user=user, changes={}, note="\n".join(lines) or f"{label}s reordered."
    )
    return True


@writing()
def parties_seed(*, user: Actor) -> int:
    """Create the parties of the extraction's table that are missing: after the data
    migration, those the table gained since, or all of them in a database emptied since. A
    name that is another party's alias (a party merged away) is known and stays merged.
    Returns how many it created."""
    _require_manager(user, "seed parties")
    known = {
        name.casefold()
        for name, aliases in Party.objects.values_list("name", "aliases")
        for name in (name, *(aliases or []))
    }
    taken = set(Party.objects.values_list("slug", flat=True))
    created = Party.objects.bulk_create(
        Party(slug=unique_slug(row["name"], taken), **row)
        for row in seed_records()
        if row["name"].casefold() not in known
    )
    return len(created)
