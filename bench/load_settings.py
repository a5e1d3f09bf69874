"""Settings for bench/load.py's gunicorn: the app's own, plus a bare view routed only here."""

from tracker.settings import *  # noqa: F403

ROOT_URLCONF = "bench.load_urls"
# No collectstatic for a benchmark: plain static storage, no manifest to read.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
