"""Logging: the id of the request on every line, text or JSON, and 403s without a traceback."""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime

from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

request_id: ContextVar[str] = ContextVar("request_id", default="-")

# An id a proxy in front already gave the request is kept if it looks like one.
_INCOMING_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def request_id_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id.set(incoming if _INCOMING_ID.match(incoming) else uuid.uuid4().hex)
        response = get_response(request)
        response["X-Request-ID"] = request_id.get()
        return response

    return middleware


@receiver(request_finished)
def _forget_request_id(**kwargs: object) -> None:
    # Not at the end of the middleware: Django logs a 404 or 500 after the middleware returns.
    request_id.set("-")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, request id, message (and the traceback)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class RefusalWithoutTraceback(logging.Filter):
    """A 403 is the app saying no, not a fault: one line, without the exception's traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
