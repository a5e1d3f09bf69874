"""Import jobs: an article given to the web import waits in the database between its steps.

Created when the article is read (its limits already checked), extracted by a background
task within a time budget, reviewed, then removed when its article is saved or when it
expires. Each write is its own short transaction; extraction itself holds none.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils import timezone

from commitments import roles
from commitments.extraction import Article, Candidate
from commitments.importing import (
    OverBudget,
    candidates_to_data,
    extract_candidates,
    pending_from_job,
    time_budget,
)
from commitments.models import ImportJob
from commitments.services.data_version import writing
from commitments.services.errors import Refused
from commitments.services.imports import ImportResult, ReviewedPledge, source_import_reviewed

logger = logging.getLogger(__name__)

State = ImportJob.State


def over_budget_message(seconds: int) -> str:
    return (
        f"Finding the pledges took longer than {seconds} seconds, so it was stopped: "
        "split the article into parts and import each."
    )


FAILED_MESSAGE = (
    "The pledges could not be found in this article because of an error on our side: "
    "nothing was saved; try again, or import it as plain text."
)


@writing()
def import_job_create(
    *, article: Article, user: User, publisher: str = "", url: str = "", now: datetime | None = None
) -> ImportJob:
    """Hold `article` for `user`'s review; expired jobs, anyone's, are removed on the way."""
    if not roles.can_import(user):
        raise Refused("Only analysts and managers can import articles.")
    if article.published_on is None:
        raise ValueError("read_article refuses an article without a publication date")
    now = now or timezone.now()
    import_jobs_expire(now=now)
    return ImportJob.objects.create(
        id=uuid.uuid4(),
        created_by=user,
        created_at=now,
        expires_at=now + timedelta(hours=settings.IMPORT_JOB_HOURS),
        title=article.title,
        published_on=article.published_on,
        body=article.body,
        sha256=article.sha256,
        warnings=list(article.warnings),
        publisher=(publisher or "").strip()[:200],
        url=(url or "").strip(),
    )


def import_job_extract(*, job_id: uuid.UUID | str) -> ImportJob | None:
    """Find the job's pledges within IMPORT_TIME_BUDGET; None when the job is gone.

    Safe to run twice (a redelivered task): a finished job is left as it is, and a job
    left running by a killed worker is extracted again from its stored text.
    """
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None or job.is_done:
        return job
    ImportJob.objects.filter(pk=job.pk).update(state=State.RUNNING)
    budget = settings.IMPORT_TIME_BUDGET
    state, error, candidates = State.READY, "", []
    try:
        with time_budget(budget):
            candidates = extract_candidates(pending_from_job(job).article)
    except OverBudget:
        state, error = State.FAILED, over_budget_message(budget)
        logger.warning("import job %s: extraction over its %s s budget", job.pk, budget)
    except Exception:
        state, error = State.FAILED, FAILED_MESSAGE
        logger.exception("import job %s: extraction failed", job.pk)
    ImportJob.objects.filter(pk=job.pk).update(
        state=state, error=error, candidates=candidates_to_data(candidates)
    )
    job.refresh_from_db()
    return job


def import_job_add_pledge(*, job: ImportJob, candidate: Candidate) -> ImportJob:
    """Add a pledge the analyst marked by hand (its quote already checked) to the review."""
    job.added = [*job.added, *candidates_to_data([candidate])]
    job.save(update_fields=["added"])
    return job


@writing()
def import_job_save(
    *, job: ImportJob, article: Article, pledges: list[ReviewedPledge], user: User
) -> ImportResult:
    """Store the reviewed article and its pledges and remove the job, all or nothing."""
    pending = pending_from_job(job)
    result = source_import_reviewed(
        article=article,
        pledges=pledges,
        proposed=len(pending.candidates),
        user=user,
        publisher=job.publisher,
        url=job.url,
    )
    ImportJob.objects.filter(pk=job.pk).delete()
    return result


def import_jobs_expire(
    *, now: datetime | None = None, among: QuerySet[ImportJob] | None = None
) -> int:
    """Remove every job past its expiry (of those `among`, when given); returns how many."""
    jobs = ImportJob.objects.all() if among is None else among
    deleted, _ = jobs.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted
