"""The pledge page's signatories: each party with its own assessment and, for whoever may
update the pledge, the form to change it."""

from __future__ import annotations

from dataclasses import dataclass

from commitments.forms import PartyAssessmentForm
from commitments.models import Commitment, PartyRole, PledgeParty, Status
from commitments.views.responses import Conflict, Posted


@dataclass
class SignatoryRow:
    link: PledgeParty
    form: PartyAssessmentForm | None
    conflict: Conflict | None = None
    saved: bool = False

    @property
    def status(self) -> str:
        return self.link.assessed_status()

    @property
    def status_label(self) -> str:
        return Status(self.status).label


def signatory_rows(
    commitment: Commitment,
    *,
    can_update: bool,
    posted: tuple[int, Posted[PartyAssessmentForm]] | None = None,
) -> list[tuple[str, list[SignatoryRow]]]:
    """Pledgers and counterparties, in the order the text names them: one query."""
    rows: dict[str, list[SignatoryRow]] = {role.value: [] for role in PartyRole}
    links = PledgeParty.objects.filter(commitment=commitment).select_related("party", "assessed_by")
    for link in links.order_by("role", "position", "id"):
        link.commitment = commitment  # its assessed status reads the pledge's
        row = SignatoryRow(link, None)
        if posted is not None and posted[0] == link.pk and not posted[1].saved:
            row.form, row.conflict = posted[1].form, posted[1].conflict
        elif can_update and link.role == PartyRole.PLEDGER:
            row.form = PartyAssessmentForm(
                initial={
                    "version": commitment.version,
                    "status": link.status,
                    "note": link.note,
                    "evidence_url": link.evidence_url,
                },
                prefix=f"p{link.pk}",
            )
        row.saved = posted is not None and posted[0] == link.pk and posted[1].saved
        rows[link.role].append(row)
    labels = {"pledger": "Pledged by", "counterparty": "Pledged to"}
    return [(labels[role], found) for role, found in rows.items() if found]
