"""The app's URLs plus the benchmark's reference: the same UPDATE + INSERT as a quick update,
written bare in one transaction, behind the same middleware (session, sign-in, CSRF)."""

from __future__ import annotations

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_POST


@require_POST
def bare_update(request: HttpRequest, pk: int) -> HttpResponse:
    progress = int(request.POST["progress"])
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE commitments_commitment SET progress = %s, version = version + 1,"
            " updated_at = now(), last_progress_at = now() WHERE id = %s RETURNING version,"
            " status",
            [progress, pk],
        )
        version, status = cursor.fetchone()
        cursor.execute(
            "INSERT INTO commitments_progressupdate (commitment_id, author_id, created_at,"
            " version, old_status, new_status, old_progress, new_progress, note, evidence_url)"
            " VALUES (%s, %s, now(), %s, %s, %s, 0, %s, %s, '')",
            [pk, request.user.pk, version, status, status, progress, request.POST["note"]],
        )
    return HttpResponse(f'<input type="hidden" name="version" value="{version}">')


urlpatterns = [
    path("bench/bare-update/<int:pk>/", bare_update),
    path("", include("tracker.urls")),
]
