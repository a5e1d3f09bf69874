"""The health check for load balancers."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as Late

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from tracker.celery import app as celery_app

BROKER_TIMEOUT_SECONDS = 2
# A database that hangs (a restart, a full pool) is "unreachable" after this long, whatever
# the connection and pool timeouts: load balancers want an answer within two seconds.
DATABASE_TIMEOUT_SECONDS = 1.5
_probe = ThreadPoolExecutor(max_workers=2, thread_name_prefix="healthz")


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means "not healthy", whatever its class
        return False
    finally:
        connection.close()  # the probe's thread keeps no connection out of the pool
    return True


def _database_answers_in_time() -> bool:
    try:
        return _probe.submit(_database_answers).result(timeout=DATABASE_TIMEOUT_SECONDS)
    except Late:
        return False


def _broker_answers() -> bool:
    try:
        with celery_app.connection_for_write() as broker:
            broker.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)
    except Exception:  # any broker failure means "cannot queue", whatever its class
        return False
    return True


@login_not_required
@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 when it does not; the broker is reported beside it.

    Pages work without the broker (reminders wait for the next scan), so a broker outage makes
    the site "degraded", not unhealthy.
    """
    if not _database_answers_in_time():
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    broker = "ok" if _broker_answers() else "unreachable"
    status = "ok" if broker == "ok" else "degraded"
    return JsonResponse({"status": status, "database": "ok", "broker": broker})
