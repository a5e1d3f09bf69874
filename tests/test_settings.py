from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from tracker.env import cache_from_url, database_from_url, env_bool, env_int

ROOT = Path(__file__).resolve().parent.parent


def load_settings(**env: str) -> subprocess.CompletedProcess:
    """Import the settings in a fresh interpreter with only the given variables."""
    code = (
        "import json, tracker.settings as s;"
        "print(json.dumps({'debug': s.DEBUG, 'engine': s.DATABASES['default']['ENGINE'],"
        "'broker': s.CELERY_BROKER_URL, 'email': s.EMAIL_BACKEND, 'stale': s.STALE_AFTER_DAYS}))"
    )
    clean = {"PATH": os.environ["PATH"], "VAR_DIR": env.pop("VAR_DIR", "")}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
    )


def test_embedded_defaults(tmp_path):
    result = load_settings(SECRET_KEY="x" * 50, VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert '"debug": false' in result.stdout
    assert '"engine": "django.db.backends.sqlite3"' in result.stdout
    assert '"broker": "filesystem://"' in result.stdout
    assert "filebased.EmailBackend" in result.stdout
    assert '"stale": 30' in result.stdout
    assert (tmp_path / "broker" / "queue").is_dir()


def test_secret_key_is_required_when_debug_is_off(tmp_path):
    result = load_settings(VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_a_bad_number_names_the_variable(tmp_path):
    result = load_settings(DEBUG="1", STALE_AFTER_DAYS="soon", VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "STALE_AFTER_DAYS must be a whole number" in result.stderr


def test_postgres_url_uses_the_connection_pool():
    db = database_from_url("postgres://u:p%40ss@db.example:5433/tracker", base_dir=ROOT)
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["USER"], db["PASSWORD"], db["HOST"], db["PORT"], db["NAME"]) == (
        "u",
        "p@ss",
        "db.example",
        "5433",
        "tracker",
    )
    assert db["OPTIONS"]["pool"] == {"min_size": 2, "max_size": 10, "timeout": 5.0}
    assert db["OPTIONS"]["connect_timeout"] == "3"
    assert db["OPTIONS"]["options"] == "-c statement_timeout=15000"
    assert db["CONN_MAX_AGE"] == 0 and db["CONN_HEALTH_CHECKS"] is True


def test_postgres_waits_are_bounded_and_can_be_set_in_the_url():
    db = database_from_url(
        "postgres://db.example/tracker?pool_timeout=1.5&connect_timeout=1&statement_timeout=500",
        base_dir=ROOT,
    )
    assert db["OPTIONS"]["pool"]["timeout"] == 1.5
    assert db["OPTIONS"]["connect_timeout"] == "1"
    assert db["OPTIONS"]["options"] == "-c statement_timeout=500"


def test_sqlite_url_relative_to_the_project():
    assert (
        database_from_url("sqlite:///var/x.sqlite3", base_dir=ROOT)["NAME"]
        == ROOT / "var/x.sqlite3"
    )


def test_unknown_database_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL must start with"):
        database_from_url("mysql://localhost/db", base_dir=ROOT)


def test_env_readers(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    monkeypatch.setenv("COUNT", "-3")
    assert env_bool("FLAG") is True
    with pytest.raises(ImproperlyConfigured, match="COUNT must be at least 0"):
        env_int("COUNT", 1)
    monkeypatch.setenv("FLAG", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="FLAG must be true or false"):
        env_bool("FLAG")


def test_cache_defaults_to_local_memory_and_takes_redis():
    local = cache_from_url("", timeout=300)
    assert local["BACKEND"].endswith("LocMemCache") and local["TIMEOUT"] == 300
    shared = cache_from_url("redis://127.0.0.1:6379/3", timeout=60)
    assert shared["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert shared["LOCATION"] == "redis://127.0.0.1:6379/3"


def test_unknown_cache_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        cache_from_url("memcached://127.0.0.1", timeout=60)
