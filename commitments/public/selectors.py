"""What the public site reads: only live publications and their public history.

Every function here reads `Publication` and `PublicEntry`, never a pledge's own columns,
so an unapproved change, an owner, a note or a reminder cannot reach a public page. Each
issues a fixed number of queries whatever the number of pledges.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from commitments import review
from commitments.choices import CLOSED_STATUSES, Status, Topic
from commitments.models import (
    MilestoneStatus,
    PartyRole,
    Publication,
    PublicEntry,
    PublicMilestone,
    PublicParty,
    PublicTally,
)
from commitments.tracking import MoneyRow

METER_PARTIES = 12
SEARCH_PAGE_SIZE = 50
HISTORY_LENGTH = 100
CONTEXT_LIMIT = 400
SENTENCE_ENDS = ".!?\n"


def published() -> QuerySet[Publication]:
    return Publication.objects.live()


def public_pledge(commitment_id: int) -> Publication | None:
    """One public pledge with its source, approved money and milestones, as a manager last
    approved it; None if not public. Three queries."""
    return (
        published()
        .select_related("source")
        .prefetch_related("money", "milestones")
        .filter(pk=commitment_id)
        .first()
    )


def public_money(publication: Publication) -> list[MoneyRow]:
    """The approved money stages per currency (read from the prefetched copy)."""
    return review.public_money_rows(publication)


@dataclass(frozen=True)
class PublicSteps:
    milestones: list[PublicMilestone]
    done: int
    counted: int  # dropped steps are left out, as the pledge's progress leaves them out


def public_steps(publication: Publication) -> PublicSteps:
    steps = list(publication.milestones.all())
    counted = [m for m in steps if m.status != MilestoneStatus.DROPPED]
    done = sum(m.status == MilestoneStatus.DONE for m in counted)
    return PublicSteps(steps, done, len(counted))


def public_history(publication: Publication) -> list[PublicEntry]:
    """The pledge's public history, newest first: statuses, reasons and evidence."""
    return list(publication.entries.order_by("-created_at", "-id")[:HISTORY_LENGTH])


def public_evidence(history: list[PublicEntry]) -> list[PublicEntry]:
    return [entry for entry in history if entry.evidence_url]


def quote_in_context(publication: Publication) -> dict[str, str]:
    """The approved quote with the rest of its sentence before and after it."""
    body, quote = publication.source.body, publication.quote
    start, end = publication.quote_start, publication.quote_end
    if body[start:end] != quote:
        found = body.find(quote)
        if found < 0:
            return {"before": "", "quote": quote, "after": ""}
        start, end = found, found + len(quote)
    begin = start
    floor = max(0, start - CONTEXT_LIMIT)
    while begin > floor and body[begin - 1] not in SENTENCE_ENDS:
        begin -= 1
    finish = end
    ceiling = min(len(body), end + CONTEXT_LIMIT)
    while finish < ceiling and body[finish - 1] not in SENTENCE_ENDS:
        finish += 1
    return {
        "before": body[begin:start].lstrip(),
        "quote": body[start:end],
        "after": body[end:finish].rstrip(),
    }


@dataclass
class Meter:
    total: int
    by_status: list[dict[str, Any]]
    by_party: list[dict[str, Any]]
    by_topic: list[dict[str, Any]]


def _rows(counts: dict[str, dict[str, int]], labels: dict[str, str]) -> list[dict[str, Any]]:
    rows = []
    for key, per_status in counts.items():
        rows.append(
            {
                "value": key,
                "label": labels.get(key, key),
                "total": sum(per_status.values()),
                "counts": [(s.value, s.label, per_status.get(s.value, 0)) for s in Status],
                "closed": sum(n for s, n in per_status.items() if s in CLOSED_STATUSES),
            }
        )
    return sorted(rows, key=lambda r: (-r["total"], r["label"]))


def _by_party() -> list[dict[str, Any]]:
    """Public pledges each party made (its approved links as pledger), per approved status,
    in one grouped query over the parties' tallies; keyed by the party's slug."""
    groups = (
        PublicTally.objects.filter(role=PartyRole.PLEDGER)
        .order_by()
        .values_list("party__slug", "party__name", "status")
        .annotate(n=Sum("pledges"))
    )
    per_party: dict[str, dict[str, int]] = {}
    names: dict[str, str] = {}
    for slug, name, status, n in groups:
        names[slug] = name
        row = per_party.setdefault(slug, {})
        row[status] = row.get(status, 0) + n
    return _rows(per_party, names)[:METER_PARTIES]


def meter() -> Meter:
    """The public meter: counts by status and per topic in one grouped query, per party
    (the pledgers' party records) in another."""
    groups = published().order_by().values_list("topic", "status").annotate(n=Count("pk"))
    status_counts: dict[str, int] = {}
    per_topic: dict[str, dict[str, int]] = {}
    for topic, status, n in groups:
        status_counts[status] = status_counts.get(status, 0) + n
        row = per_topic.setdefault(topic, {})
        row[status] = row.get(status, 0) + n
    return Meter(
        total=sum(status_counts.values()),
        by_status=[
            {"value": s.value, "label": s.label, "count": status_counts.get(s.value, 0)}
            for s in Status
        ],
        by_party=_by_party(),
        by_topic=_rows(per_topic, dict(Topic.choices)),
    )


def public_search(
    *, text: str = "", status: str = "", topic: str = "", actor: str = "", party: str = ""
) -> QuerySet[Publication]:
    """Public pledges matching the reader's search words and filters, soonest due first."""
    found = published()
    for word in text.split()[:8]:
        found = found.filter(
            Q(title__icontains=word) | Q(actor__icontains=word) | Q(quote__icontains=word)
        )
    if status:
        found = found.filter(status=status)
    if topic:
        found = found.filter(topic=topic)
    if actor:
        found = found.filter(actor__icontains=actor)
    if party:  # a party's slug: the pledges it made or received, each once
        found = found.filter(
            pk__in=PublicParty.objects.filter(party__slug=party).values("publication_id")
        )
    return found.order_by("due_date", "pk")


def public_entries(*, topic: str | None = None) -> QuerySet[PublicEntry]:
    """The public history across live pledges (the feeds), newest first."""
    entries = PublicEntry.objects.filter(publication__is_public=True)
    if topic:
        entries = entries.filter(publication__topic=topic)
    return entries.select_related("publication").order_by("-created_at", "-id")


def public_due_dates() -> QuerySet[Publication]:
    """Live pledges with a due date that are still open, for the public calendar."""
    return (
        published()
        .filter(due_date__isnull=False)
        .exclude(status__in=CLOSED_STATUSES)
        .order_by("due_date", "pk")
    )


def public_milestone_dates() -> QuerySet[PublicMilestone]:
    """Approved milestones still planned or under way, with a date, of live open pledges."""
    return (
        PublicMilestone.objects.filter(
            publication__is_public=True,
            due_date__isnull=False,
            status__in=(MilestoneStatus.PLANNED, MilestoneStatus.IN_PROGRESS),
        )
        .exclude(publication__status__in=CLOSED_STATUSES)
        .select_related("publication")
        .order_by("due_date", "milestone_id")
    )
