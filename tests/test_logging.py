"""Every log line carries the id of its request; JSON lines parse; sessions end when idle."""

from __future__ import annotations

import json
import logging
import time

from django.urls import reverse

from tracker.logging import JsonFormatter, RequestIdFilter, request_id


def test_every_response_carries_a_request_id_and_keeps_a_proxys_one(client):
    first = client.get(reverse("login"))["X-Request-ID"]
    second = client.get(reverse("login"))["X-Request-ID"]
    given = client.get(reverse("login"), HTTP_X_REQUEST_ID="edge-1234abcd")["X-Request-ID"]
    hostile = client.get(reverse("login"), HTTP_X_REQUEST_ID="x\nforged line")["X-Request-ID"]

    assert len(first) == 32 and first != second
    assert given == "edge-1234abcd"
    assert "\n" not in hostile and hostile != "x\nforged line"


def test_log_lines_written_during_a_request_name_that_request(client, owner, caplog):
    client.force_login(owner)
    caplog.handler.addFilter(RequestIdFilter())
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/no-such-page/", HTTP_X_REQUEST_ID="req-00000042")

    assert response.status_code == 404
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert "Not Found" in record.getMessage()
    assert record.request_id == "req-00000042"
    assert request_id.get() == "-"  # nothing leaks into the next request


def test_json_lines_hold_the_fields_a_log_search_needs():
    record = logging.LogRecord("commitments", logging.ERROR, __file__, 1, "Saved %s", ("x",), None)
    token = request_id.set("abc123abc123")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id.reset(token)

    entry = json.loads(JsonFormatter().format(record))

    assert entry["level"] == "ERROR"
    assert entry["logger"] == "commitments"
    assert entry["request_id"] == "abc123abc123"
    assert entry["message"] == "Saved x"
    assert entry["time"].endswith("+00:00")


def test_a_signed_in_session_expires_after_the_idle_time_and_is_renewed_by_use(
    client, owner, settings
):
    client.force_login(owner)
    client.get(reverse("commitments:list"))
    renewed = client.session["renewed_at"]
    assert abs(renewed - time.time()) < 60
    assert settings.SESSION_COOKIE_AGE == 480 * 60

    session = client.session
    session["renewed_at"] = renewed - 3600  # last renewed an hour ago
    session.save()
    client.get(reverse("commitments:list"))

    assert client.session["renewed_at"] >= renewed
    assert 0 < client.session.get_expiry_age() <= settings.SESSION_COOKIE_AGE
