"""Small validating readers for settings that come from the environment.

Each raises ImproperlyConfigured with a sentence naming the variable, so a bad
deployment fails at start-up rather than on the first request.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}.")
    return value


_RATE_UNITS = {"s", "sec", "m", "min", "h", "hour", "d", "day"}


def env_rate(name: str, default: str) -> str:
    """A request rate, "count/unit" with unit s, m, h or d (e.g. 600/h)."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    value = raw.strip()
    count, _, unit = value.partition("/")
    if not (count.isdigit() and int(count) > 0 and unit in _RATE_UNITS):
        raise ImproperlyConfigured(
            f"{name} must be a rate such as 600/h (requests per s, m, h or d), not {raw!r}."
        )
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_url(url: str, *, base_dir: Path) -> dict:
    """Django DATABASES entry for a sqlite:/// or postgres:// URL."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        # sqlite:///relative/path or sqlite:////absolute/path
        path = unquote(parts.path[1:] if parts.path.startswith("/") else parts.path)
        if not path:
            raise ImproperlyConfigured("DATABASE_URL for SQLite needs a file path.")
        name = Path(path) if Path(path).is_absolute() else base_dir / path
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name,
            # Several processes (web, worker, beat) share the file: wait for locks.
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
            # A file, not memory, for tests too: threads and worker processes must share it.
            "TEST": {"NAME": name.with_name(f"test_{name.name}")},
        }
    if scheme in {"postgres", "postgresql", "pgsql"}:
        options = dict(parse_qsl(parts.query))
        pool_min = int(options.pop("pool_min_size", 2))
        pool_max = int(options.pop("pool_max_size", 10))
        # An unreachable database answers within seconds instead of holding requests for 30 s.
        pool_timeout = float(options.pop("pool_timeout", 5))
        options.setdefault("connect_timeout", "3")
        # A query that runs away (or waits on a lock) is cancelled instead of holding a worker.
        statement_timeout = int(options.pop("statement_timeout", 15000))  # milliseconds
        options.setdefault("options", f"-c statement_timeout={statement_timeout}")
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")) or "postgres",
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            # The pool hands out connections; persistent connections are refused with it.
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                "pool": {"min_size": pool_min, "max_size": pool_max, "timeout": pool_timeout},
                **options,
            },
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL must start with sqlite:/// or postgres://, not {scheme or url!r}."
    )


def cache_from_url(url: str, *, timeout: int) -> dict:
    """Django CACHES entry: local memory when unset, Redis for redis:// or rediss:// URLs."""
    scheme = urlsplit(url).scheme.lower() if url else ""
    if not scheme:
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "tracker",
            "TIMEOUT": timeout,
        }
    if scheme in {"redis", "rediss"}:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "TIMEOUT": timeout,
            "KEY_PREFIX": "tracker",
        }
    raise ImproperlyConfigured(f"CACHE_URL must start with redis:// or be empty, not {scheme!r}.")
