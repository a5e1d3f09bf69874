"""Celery tasks: thin wrappers that take ids and dates and call the reminder claims and sends.

Each send is its own task so one failing mailbox is retried on its own, with
exponential backoff, without holding up the others. Sends are enqueued after
the claim commits, never before, so a worker never looks for rows not yet there.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import date
from typing import Any

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from commitments import board_page
from commitments.reminders import claims, delivery
from commitments.services import import_jobs

logger = logging.getLogger(__name__)

# A mail server that is down, refusing or timing out: worth retrying later.
MAIL_ERRORS = (smtplib.SMTPException, OSError)
RETRY: dict[str, Any] = {
    "autoretry_for": MAIL_ERRORS,
    "retry_backoff": 60,  # 1 min, 2, 4, ... capped below
    "retry_backoff_max": 6 * 3600,
    "retry_jitter": True,
    "max_retries": 12,
}


def _day(today: str | None) -> date:
    return date.fromisoformat(today) if today else timezone.localdate()


@shared_task
def reminders_scan(today: str | None = None) -> int:
    """Claim today's reminders and queue one send per owner who has unsent ones."""
    day = _day(today)
    result = claims.reminders_claim(today=day)
    for owner_id in result.owner_ids:
        send_owner_reminders.delay_on_commit(owner_id, day.isoformat())
    return result.claimed


@shared_task(**RETRY)
def send_owner_reminders(owner_id: int, today: str) -> int:
    sent = delivery.OWNER_REMINDERS.send(owner_id, today=_day(today))
    return sum(sent.counts.values()) if sent else 0


@shared_task
def managers_digest(today: str | None = None) -> int:
    """Claim this week's digest for each manager and queue one send per manager."""
    day = _day(today)
    manager_ids = delivery.MANAGERS_DIGEST.claim(day)
    for manager_id in manager_ids:
        send_managers_digest.delay_on_commit(manager_id, day.isoformat())
    return len(manager_ids)


@shared_task(**RETRY)
def send_managers_digest(manager_id: int, today: str) -> bool:
    sent = delivery.MANAGERS_DIGEST.send(manager_id, today=_day(today))
    return bool(sent and sent.sent)


@shared_task
def import_extract(job_id: str) -> bool:
    """Find the pledges of a web import; the job records the outcome for its progress page."""
    job = import_jobs.import_job_extract(job_id=job_id)
    return job is not None and job.state == job.State.READY


@shared_task
def import_jobs_expire() -> int:
    return import_jobs.import_jobs_expire()


def import_extract_start(job_id: str) -> None:
    """Run a new job's extraction: in a worker, or here when IMPORT_INLINE is set.

    With the broker unreachable the extraction runs here instead: the input limits keep it
    to seconds, and the analyst's import is not stranded in a queue that is not there.
    """
    if settings.IMPORT_INLINE:
        import_jobs.import_job_extract(job_id=job_id)
        return
    try:
        import_extract.delay(job_id)
    except Exception:
        logger.warning("import job %s: broker unreachable, extracting in the request", job_id)
        import_jobs.import_job_extract(job_id=job_id)


@shared_task(ignore_result=True)
def board_prebuild(force: bool = False) -> bool:
    """The board for the data version now, built unless a manager or an earlier run did (or,
    with `force`, built again: its cached copy has aged)."""
    return board_page.prebuild(force=force)


def queue_board_prebuild(*, force: bool = False) -> bool:
    """Ask the worker to build the board; whether the broker took the task. A broker that is
    down costs no wait: the first manager to open the board builds it instead."""
    try:
        board_prebuild.apply_async(kwargs={"force": True} if force else {}, retry=False)
    except Exception as exc:  # whatever the broker's client raises: the caller goes on
        logger.warning("Could not queue the board's rebuild: %s", exc)
        return False
    return True
