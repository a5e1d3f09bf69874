"""`make run` (bin/run): web, worker and beat start together and stop together."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.services  # starts three processes and a broker on the file system


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                found.append(int(entry.name))
    return found


def _environ(pid: int) -> dict[str, str]:
    raw = (Path("/proc") / str(pid) / "environ").read_bytes().split(b"\0")
    return dict(item.decode().split("=", 1) for item in raw if b"=" in item)


def test_run_serves_on_its_port_links_to_it_and_stops_cleanly_on_sigterm(tmp_path):
    port = _free_port()
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'tracker.sqlite3'}",
        "CELERY_BROKER_URL": "",
        "DEMO_PASSWORD": "demo-pass",
        "PORT": str(port),
        "BIN": str(ROOT / ".venv" / "bin"),
    }
    run = subprocess.Popen(
        [str(ROOT / "bin" / "run")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    children: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert run.poll() is None, run.stdout.read() if run.stdout else ""
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("the web process never answered")
        children = _children(run.pid)
        assert len(children) == 3  # web, worker, beat
        # The worker sends the e-mails: their links point at the port the app is served on.
        assert {_environ(pid).get("SITE_URL") for pid in children} == {f"http://127.0.0.1:{port}"}
        run.send_signal(signal.SIGTERM)
        output, _ = run.communicate(timeout=60)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
    assert run.returncode == 0, output
    assert "Stopped." in output
    for bad in ("Traceback", "Segmentation fault", "WorkerLostError", "Cold shutdown"):
        assert bad not in output, output
    assert not [pid for pid in children if Path(f"/proc/{pid}").exists()]
