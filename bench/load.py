"""Throughput of the quick update under concurrent clients, beside a bare UPDATE + INSERT view.

Needs a database seeded by bench/web.py (its analysts and pledges):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker_web_bench \\
        .venv/bin/python bench/load.py [--clients 16] [--seconds 8] [--rounds 3]

It starts gunicorn on 127.0.0.1 (2 workers x 4 threads, a free port), signs one analyst in,
and drives N client threads, each at a pledge of its own, in alternating rounds: the app's
quick-update endpoint (HTMX POST) and a bare view that does the same UPDATE + INSERT in one
transaction behind the same middleware (routed only in bench/load_urls.py). It prints
requests per second, p50 and p95 of each, and their ratio over all rounds and in each round,
then stops gunicorn.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.load_settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret-" + "x" * 30)
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("LOG_LEVEL", "WARNING")

VERSION = re.compile(r'name="version" value="(\d+)"')
SENT: dict[int, list[int]] = {}  # requests each client has sent so far, by client count


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("gunicorn stopped at start-up")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer /healthz")


def _round(port, paths, versions, headers, seconds, hx) -> tuple[int, list[float], int]:
    """Every client posts to its path until time is up; (requests, latencies in ms, errors)."""
    stop = time.monotonic() + seconds
    latencies: list[float] = []
    errors = [0]
    sent = SENT.setdefault(len(paths), [0] * len(paths))
    lock = threading.Lock()

    def client(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, bad = [], 0
        while time.monotonic() < stop:
            # A new progress each time, across rounds too: an unchanged one has nothing to record.
            sent[i] += 1
            progress = sent[i] % 100
            body = urlencode(
                {"version": versions[i], "status": "in_progress", "progress": progress, "note": ""}
            )
            start = time.perf_counter()
            conn.request("POST", paths[i], body, {**headers, **hx})
            response = conn.getresponse()
            text = response.read().decode()
            mine.append((time.perf_counter() - start) * 1000)
            found = VERSION.search(text)
            if response.status != 200 or not found:
                bad += 1
            if found:
                versions[i] = int(found.group(1))
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=client, args=(i,)) for i in range(len(paths))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(latencies), latencies, errors[0]


def _p95(latencies: list[float]) -> float:
    return statistics.quantiles(latencies, n=20, method="inclusive")[18]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=8, help="length of each round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each, alternating")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from commitments.models import Commitment

    analyst = get_user_model().objects.filter(username="analyst1").first()
    if analyst is None:
        print("No analyst1: seed this database with bench/web.py first.", file=sys.stderr)
        return 2
    pledges = list(
        Commitment.objects.filter(owner=analyst)
        .exclude(status__in=["fulfilled", "broken", "withdrawn", "partially_fulfilled"])
        .order_by("pk")[: args.clients]
    )
    signed_in = Client()
    signed_in.force_login(analyst)  # a session row the server reads like any other
    session = signed_in.cookies["sessionid"].value
    csrf = secrets.token_hex(16)  # a 32-character secret: cookie and header agree
    headers = {
        "Cookie": f"sessionid={session}; csrftoken={csrf}",
        "X-CSRFToken": csrf,
        "Content-Type": "application/x-www-form-urlencoded",
    }

    port = _free_port()
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "tracker.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={args.workers}",
            f"--threads={args.threads}",
            "--worker-class=gthread",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        start_new_session=True,
    )
    try:
        _wait_for(port, proc)
        cases = {
            "quick update": (
                [f"/commitments/{p.pk}/quick-update/" for p in pledges],
                {"HX-Request": "true"},
            ),
            "bare UPDATE + INSERT": ([f"/bench/bare-update/{p.pk}/" for p in pledges], {}),
        }
        versions = [p.version for p in pledges]
        results: dict[str, list] = {name: [0, 0.0, [], 0] for name in cases}
        per_round: list[dict[str, tuple[float, float]]] = []  # (req/s, p95) of each case
        for paths, hx in cases.values():  # warm-up
            _round(port, paths, versions, headers, 1.0, hx)
        for _ in range(args.rounds):
            per_round.append({})
            for name, (paths, hx) in cases.items():
                n, lat, bad = _round(port, paths, versions, headers, args.seconds, hx)
                r = results[name]
                r[0] += n
                r[1] += args.seconds
                r[2].extend(lat)
                r[3] += bad
                per_round[-1][name] = (n / args.seconds, _p95(lat))
        load = os.getloadavg()
        print(
            f"gunicorn {args.workers} workers x {args.threads} threads, {len(pledges)} clients, "
            f"{args.rounds} alternating rounds of {args.seconds:g} s; "
            f"load {load[0]:.2f} {load[1]:.2f} on {os.cpu_count()} CPUs"
        )
        rates = {}
        for name, (n, secs, lat, bad) in results.items():
            q = statistics.quantiles(lat, n=20, method="inclusive")
            rates[name] = (n / secs, q[9], q[18])
            print(
                f"  {name:22} {n / secs:7.1f} req/s  p50 {q[9]:7.1f} ms  p95 {q[18]:7.1f} ms"
                f"  ({n} requests, {bad} not 200)"
            )
        (qr, q50, q95), (br, b50, b95) = rates["quick update"], rates["bare UPDATE + INSERT"]
        print(
            f"  ratio: throughput {qr / br:.2f}x the bare view's, p50 {q50 / b50:.2f}x,"
            f" p95 {q95 / b95:.2f}x"
        )
        for i, rates_of in enumerate(per_round, 1):
            (qr, q95), (br, b95) = rates_of["quick update"], rates_of["bare UPDATE + INSERT"]
            print(f"    round {i}: throughput {qr / br:.2f}x, p95 {q95 / b95:.2f}x")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
