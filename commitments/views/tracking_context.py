"""What the pledge page shows of a pledge's tracking: money, milestones, moved due dates and
evidence, with their forms. Five queries whatever the pledge holds."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from commitments import tracking
from commitments.forms_tracking import EvidenceForm, MilestoneForm, MoneyRecordForm
from commitments.models import Commitment, EvidenceKind, MilestoneStatus, ProgressUpdate


def tracking_context(
    commitment: Commitment,
    timeline: list[ProgressUpdate],
    *,
    can_update: bool,
    update_form: Any = None,
    **forms: Any,
) -> dict[str, Any]:
    today = timezone.localdate()
    # 1-4: money records, milestones, due-date changes, evidence.
    records = list(commitment.money_records.order_by("on", "id"))
    milestones = tracking.milestones(commitment)
    changes = tracking.due_date_changes(commitment)
    grouped = tracking.evidence_by_update(commitment)
    for entry in timeline:
        entry.evidence_items = grouped.get(entry.pk, [])  # type: ignore[attr-defined]
    items = [item for group in grouped.values() for item in group]
    last_verified = tracking.last_verified(items)
    context: dict[str, Any] = {
        "money_rows": tracking.pledge_money(commitment, records),
        "money_records": records,
        "milestones": milestones,
        "milestone_statuses": MilestoneStatus.choices,
        "due_changes": changes,
        "original_due_date": tracking.original_due_date(commitment, changes),
        "fulfilled_late": tracking.is_fulfilled_late(
            commitment, changes, tracking.fulfilled_on_from(commitment, timeline)
        ),
        "last_verified": last_verified,
        "official_only": bool(items)
        and all(i.kind == EvidenceKind.OFFICIAL_STATEMENT for i in items),
        "unverified": not commitment.is_closed
        and (last_verified is None or last_verified < tracking.verified_since(today)),
    }
    if milestones and update_form is not None:
        # Progress comes from the milestones: shown, sent back unchanged, never typed.
        progress = update_form.fields["progress"]
        progress.widget.attrs["readonly"] = True
        progress.help_text = "Set by the milestones' weighted progress."
    if can_update:
        context["money_form"] = forms.get("money_form") or MoneyRecordForm.for_commitment(
            commitment, prefix="money"
        )
        context["milestone_form"] = forms.get("milestone_form") or MilestoneForm.for_commitment(
            commitment, prefix="milestone"
        )
        context["evidence_form"] = forms.get("evidence_form") or EvidenceForm.for_commitment(
            commitment, prefix="evidence"
        )
    return context
