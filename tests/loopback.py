"""Private servers on loopback for tests that stop them: a PostgreSQL cluster of its own
(initdb into a temporary folder), a Redis of its own, and gunicorn serving the project.

Never the shared servers: each runs on a free port and is removed afterwards.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition: Callable[[], bool], *, seconds: float, what: str) -> None:
    """Poll until the condition holds; generous limits, since CI machines are loaded."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {seconds:.0f} s waiting for {what}")


def postgres_bin() -> Path | None:
    """The folder of PostgreSQL's server programs, or None when they are not installed."""
    pg_config = shutil.which("pg_config")
    if pg_config:
        found = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        folder = Path(found.stdout.strip())
        if (folder / "initdb").exists():
            return folder
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / "initdb").exists():
            return folder
    return None


class PrivatePostgres:
    """A throwaway cluster. As root it runs as the `postgres` user: initdb refuses root."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="tracker-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self._as: list[str] = []
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            os.chown(self.folder, account.pw_uid, account.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres",
                  "-E", "UTF8", "--no-sync")  # fmt: skip

    def _run(self, program: str, *args: str) -> None:
        # Output to a file, never a pipe: the server pg_ctl starts inherits it and keeps it open.
        with (self.folder / "pg_ctl.log").open("a") as output:
            done = subprocess.run(
                [*self._as, str(self.bindir / program), *args],
                stdout=output, stderr=subprocess.STDOUT, timeout=180,
            )  # fmt: skip
        log = (self.folder / "pg_ctl.log").read_text()[-2000:]
        assert done.returncode == 0, f"{program} failed: {log}"

    def url(self, name: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def _options(self) -> list[str]:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        return ["-D", str(self.data), "-o", options, "-l", str(self.log), "-w", "-t", "120"]

    def start(self) -> None:
        self._run("pg_ctl", *self._options(), "start")

    def stop(self) -> None:
        """Stop at once, as a crash or an operator would: sessions are cut off."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "120", "stop")

    def restart(self) -> None:
        self._run("pg_ctl", *self._options(), "-m", "fast", "restart")

    def create_database(self, name: str) -> None:
        done = subprocess.run(
            [str(self.bindir / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U",
             "postgres", name], capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr

    def remove(self) -> None:
        subprocess.run(
            [*self._as, str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
             "stop"], capture_output=True, timeout=120,
        )  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)


class PrivateRedis:
    """A Redis with no persistence, on a port of its own; stopped and started again at will."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(self.answers, seconds=30, what="the private Redis to answer")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.process = None


def server_env(*, database_url: str, broker_url: str, static_root: Path) -> dict[str, str]:
    """Production-like settings for project processes on loopback."""
    return {
        "PATH": os.environ["PATH"],
        "HOME": str(static_root.parent),
        "VAR_DIR": str(static_root.parent / "var"),
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        "SECRET_KEY": "loopback-only-not-a-secret-" + "x" * 30,
        "DEBUG": "false",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": str(static_root),
        "LOG_LEVEL": "WARNING",
    }


def django_run(code: str, env: dict[str, str]) -> str:
    """Run Python with the project's settings loaded; its standard output."""
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def manage(env: dict[str, str], *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def gunicorn(env: dict[str, str], port: int, log: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "tracker.wsgi", "-b", f"127.0.0.1:{port}", *args],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip


def celery_worker(env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "tracker", "worker", "--pool=solo",
         "--without-gossip", "--without-mingle", "--loglevel=INFO"],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip


def stop_process(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def sign_in(base: str, username: str, password: str) -> requests.Session:
    session = requests.Session()
    session.get(f"{base}/login/", timeout=30)
    signed_in = session.post(
        f"{base}/login/",
        data={"username": username, "password": password,
              "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        timeout=30, allow_redirects=False,
    )  # fmt: skip
    assert signed_in.status_code == 302, f"{username} could not sign in"
    return session


def post_form(session: requests.Session, url: str, data: dict, **kwargs) -> requests.Response:
    """A form post as the browser sends it, with the CSRF token."""
    token = session.cookies["csrftoken"]
    return session.post(
        url, data={**data, "csrfmiddlewaretoken": token}, headers={"X-CSRFToken": token},
        allow_redirects=False, **kwargs,
    )  # fmt: skip
