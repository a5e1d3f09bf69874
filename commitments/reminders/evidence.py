"""New evidence to review: later reports of someone's pledge that someone else added.

They stay in the owner's attention list until the owner marks them reviewed, and go in the
owner's next reminder e-mail once (`mailed_at`).
"""

from __future__ import annotations

from django.db.models import F, Q, QuerySet

from commitments.models import PledgeSource
from commitments.people import display_name

REASON = "new_evidence"
LABEL = "New evidence to review"


def to_review(owner_id: int) -> QuerySet[PledgeSource]:
    return (
        PledgeSource.objects.filter(commitment__owner_id=owner_id, reviewed_at__isnull=True)
        .filter(~Q(added_by_id=F("commitment__owner_id")) | Q(added_by__isnull=True))
        .select_related("commitment", "source", "added_by")
        .order_by("added_at", "id")
    )


def to_mail(owner_id: int) -> QuerySet[PledgeSource]:
    return to_review(owner_id).filter(mailed_at__isnull=True)


def describe(report: PledgeSource) -> str:
    when = f"{report.source.published_on:%d %b %Y}"
    by = display_name(report.added_by, nobody="someone")
    suggests = (
        f"; suggests {report.get_suggested_status_display().lower()}"
        if report.suggested_status
        else ""
    )
    return f"reported in “{report.source.title}” ({when}), added by {by}{suggests}"
