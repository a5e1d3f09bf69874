"""What a manager reviews before the public sees a change: the public fields and their diff.

The rule "this published pledge has changes waiting for approval" is written once, as a
query expression (`changed_since_review_q`); the per-pledge diff compares the very same
fields, so the queue and the review page cannot disagree. Money stages and milestones are
reviewed too: the public copy holds their approved sums and steps (`PublicMoney`,
`PublicMilestone`), and a record or step written since the last approval makes the pledge
pending.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, F, OuterRef, Prefetch, Q

if TYPE_CHECKING:
    from commitments.tracking import MoneyRow

# `commitments.models` reads REVIEWED_FIELDS from here, so the models and `tracking` (which
# imports the models) are imported where they are used.

# The pledge's fields the public sees, copied to its publication when a manager approves.
REVIEWED_FIELDS = (
    *("title", "actor", "counterparty", "topic", "quote"),
    *("status", "progress", "due_date", "amount", "currency"),
)
NULLABLE_FIELDS = frozenset({"due_date", "amount"})


def _differs_q(name: str) -> Q:
    mine, theirs = name, f"publication__{name}"
    if name not in NULLABLE_FIELDS:
        return ~Q(**{mine: F(theirs)})
    return (
        Q(**{f"{mine}__isnull": True, f"{theirs}__isnull": False})
        | Q(**{f"{mine}__isnull": False, f"{theirs}__isnull": True})
        | (Q(**{f"{mine}__isnull": False, f"{theirs}__isnull": False}) & ~Q(**{mine: F(theirs)}))
    )


def tracking_changed_q() -> Q:
    """A money record or a milestone written since a manager last approved the pledge's
    tracking (or never approved while it has some)."""
    from commitments.models import Milestone, MoneyRecord

    reviewed = OuterRef("publication__tracking_reviewed_at")
    money = MoneyRecord.objects.filter(commitment=OuterRef("pk"))
    steps = Milestone.objects.filter(commitment=OuterRef("pk"))
    return (
        Exists(money.filter(created_at__gt=reviewed))
        | Exists(steps.filter(updated_at__gt=reviewed))
        | (Q(publication__tracking_reviewed_at__isnull=True) & (Exists(money) | Exists(steps)))
    )


def parties_changed_q() -> Q:
    """A party linked in a role the approved copy does not have it in, or the reverse: a
    link moved to another party makes the pledge pending even when its texts stay."""
    from commitments.models import PledgeParty, PublicParty

    linked = PledgeParty.objects.filter(commitment=OuterRef("pk")).filter(
        ~Exists(
            PublicParty.objects.filter(
                publication=OuterRef("commitment"), party=OuterRef("party"), role=OuterRef("role")
            )
        )
    )
    approved = PublicParty.objects.filter(publication=OuterRef("pk")).filter(
        ~Exists(
            PledgeParty.objects.filter(
                commitment=OuterRef("publication"), party=OuterRef("party"), role=OuterRef("role")
            )
        )
    )
    return Exists(linked) | Exists(approved)


def changed_since_review_q() -> Q:
    """A pledge (with a publication) whose public fields differ from the approved copy."""
    q = tracking_changed_q() | parties_changed_q()
    for name in REVIEWED_FIELDS:
        q |= _differs_q(name)
    return q


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    public: Any
    proposed: Any


def public_diff(commitment: Any, publication: Any | None) -> list[FieldChange]:
    """The public fields that would change if a manager approved the pledge as it is now.

    With no publication yet, every public field is new.
    """
    changes = []
    for name in REVIEWED_FIELDS:
        field = commitment._meta.get_field(name)
        proposed = _shown(commitment, name)
        public = _shown(publication, name) if publication is not None else None
        if publication is None or getattr(publication, name) != getattr(commitment, name):
            changes.append(
                FieldChange(name, str(field.verbose_name).capitalize(), public, proposed)
            )
    tracked = (
        ("parties", "Parties", parties_text(commitment.pledge_parties.all()), publication_parties),
        ("money", "Money stages", money_text(proposed_money(commitment)), publication_money),
        ("milestones", "Milestones", steps_text(proposed_steps(commitment)), publication_steps),
    )
    for name, label, proposed_text, public_text in tracked:
        public = public_text(publication) if publication is not None else ""
        if proposed_text != public:
            changes.append(FieldChange(name, label, public or "None", proposed_text or "None"))
    return changes


# --- Money stages and milestones: what the review copies, and their one-line summaries.
# Each reads `.all()`, so a queue that prefetches them (`tracking_prefetch`) issues no query
# per pledge.
def tracking_prefetch() -> tuple[str | Prefetch, ...]:
    from commitments.models import PledgeParty, PublicParty

    return (
        *("money_records", "milestones", "publication__money", "publication__milestones"),
        Prefetch("pledge_parties", PledgeParty.objects.select_related("party")),
        Prefetch("publication__parties", PublicParty.objects.select_related("party")),
    )


def parties_text(links: Any) -> str:
    """Who pledged and who received, by party record, in role and position order."""
    ordered = sorted(links, key=lambda link: (link.role != "pledger", link.position))
    return "; ".join(f"{link.get_role_display()}: {link.party.name}" for link in ordered)


def publication_parties(publication: Any) -> str:
    return parties_text(publication.parties.all())


def proposed_money(commitment: Any) -> list[MoneyRow]:
    """The pledge's money per currency now, by the rule of `tracking.pledge_money`."""
    from commitments import tracking

    return tracking.pledge_money(commitment, commitment.money_records.all())


def public_money_rows(publication: Any) -> list[MoneyRow]:
    """The approved money of a public copy, per currency."""
    from commitments.tracking import MoneyRow

    rows: dict[str, MoneyRow] = {}
    for sum_ in publication.money.all():
        row = rows.setdefault(sum_.currency, MoneyRow(sum_.currency))
        row.amounts[sum_.stage] = sum_.amount
    return sorted(rows.values(), key=lambda r: r.currency)


def proposed_steps(commitment: Any) -> list[tuple[int, str, Any, str]]:
    """The pledge's milestones now, as (id, title, due date, status), in due-date order."""
    steps = [(m.pk, m.title, m.due_date, m.status) for m in commitment.milestones.all()]
    return sorted(steps, key=_step_order)


def public_steps(publication: Any) -> list[tuple[int, str, Any, str]]:
    steps = [(m.milestone_id, m.title, m.due_date, m.status) for m in publication.milestones.all()]
    return sorted(steps, key=_step_order)


def _step_order(step: tuple[int, str, Any, str]) -> tuple:
    return (step[2] is None, step[2] or 0, step[0])


def money_text(rows: list[MoneyRow]) -> str:
    return "; ".join(
        f"{row.currency} "
        + ", ".join(f"{label.lower()} {amount:,.2f}" for _s, label, amount in row.stages())
        for row in rows
    )


def steps_text(steps: list[tuple[int, str, Any, str]]) -> str:
    from commitments.models import MilestoneStatus

    labels = dict(MilestoneStatus.choices)
    return "; ".join(
        f"{title} ({labels.get(status, status).lower()}"
        + (f", due {due.isoformat()})" if due else ")")
        for _pk, title, due, status in steps
    )


def publication_money(publication: Any) -> str:
    return money_text(public_money_rows(publication))


def publication_steps(publication: Any) -> str:
    return steps_text(public_steps(publication))


def _shown(obj: Any, name: str) -> Any:
    display = getattr(obj, f"get_{name}_display", None)
    return display() if display is not None else getattr(obj, name)
