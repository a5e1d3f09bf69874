"""Scale-out on loopback: 2 gunicorn servers, 2 Celery workers and 1 beat against one
PostgreSQL and one Redis. Bounded concurrent editors load both servers while a reminder
scan runs; one worker is killed with `kill -9` mid-scan, a later scan picks up what it held.

Run against a dedicated, throwaway database whose name ends in "_bench" and a Redis
database of its own:

    createdb -h 127.0.0.1 -U postgres tracker_scale_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker_scale_bench \\
    CELERY_BROKER_URL=redis://127.0.0.1:6379/4 \\
        .venv/bin/python bench/scale_out.py --yes

It prints: requests served (per server and answer), lost updates (accepted saves missing
from the database: 0), duplicate reminders (messages the mail server got twice: 0 but for a
send caught between the server's "accepted" and our commit), and reminders sent vs claimed.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret-" + "x" * 30)

from tests import smtp  # noqa: E402
from tests.smtp import Mailbox  # noqa: E402

PORTS = (8191, 8192)
PASSWORD = "bench-password-1"
VERSION = re.compile(r'name="version" value="(\d+)"')

SEED = """
import django; django.setup()
from datetime import timedelta
from django.contrib.auth.models import Group, User
from django.utils import timezone
from commitments import roles
from commitments.models import Commitment, ProgressUpdate, Reminder, Source
roles.ensure_role_groups()
analysts = Group.objects.get(name=roles.ANALYSTS)
Reminder.objects.all().delete()
ProgressUpdate.objects.all().delete()
Commitment.objects.all().delete()
Source.objects.all().delete()
User.objects.filter(username__startswith="bench").delete()
today = timezone.localdate()
source = Source.objects.create(title="Bench", published_on=today, body="x" * 100000, sha256="bench")
for i in range({owners}):
    user = User.objects.create(username=f"bench{{i}}", email=f"bench{{i}}@example.org")
    user.set_password({password!r}); user.save(); user.groups.add(analysts)
    for j in range(3):
        n = i * 3 + j
        Commitment.objects.create(
            source=source, title=f"Pledge {{n}}", quote="x", quote_start=n, quote_end=n + 1,
            actor="United Kingdom", topic="diplomacy", owner=user,
            due_date=today + timedelta(days=j - 1),
        )
"""


def env_for(base: dict, mail_port: int) -> dict:
    return {
        **base,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(mail_port),
        "EMAIL_USE_TLS": "false",
        "EMAIL_TIMEOUT": "10",
        "PYTHONPATH": str(ROOT),
        "LOG_LEVEL": "WARNING",
    }


def spawn(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip


def django_run(code: str, env: dict) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return done.stdout


def sign_in(port: int, username: str) -> requests.Session:
    session = requests.Session()
    base = f"http://127.0.0.1:{port}"
    session.get(f"{base}/login/", timeout=10)
    session.post(
        f"{base}/login/",
        data={"username": username, "password": PASSWORD,
              "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        timeout=10, allow_redirects=False,
    )  # fmt: skip
    return session


def editor(
    port: int,
    username: str,
    pledge_ids: list[int],
    until: float,
    served: Counter,
    accepted: Counter,
) -> None:
    session = sign_in(port, username)
    base = f"http://127.0.0.1:{port}"
    while time.monotonic() < until:
        pk = random.choice(pledge_ids)
        try:
            page = session.get(f"{base}/commitments/{pk}/", timeout=10)
            served[(port, page.status_code)] += 1
            match = VERSION.search(page.text)
            if not match:
                continue
            saved = session.post(
                f"{base}/commitments/{pk}/quick-update/",
                data={"version": match.group(1), "status": "in_progress",
                      "progress": random.randint(1, 99), "note": "bench",
                      "csrfmiddlewaretoken": session.cookies["csrftoken"]},
                headers={"X-CSRFToken": session.cookies["csrftoken"]},
                timeout=10, allow_redirects=False,
            )  # fmt: skip
        except requests.RequestException:
            served[(port, "error")] += 1
            continue
        served[(port, saved.status_code)] += 1
        if saved.status_code in (200, 302):
            accepted[pk] += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--yes", action="store_true", help="empty the _bench database and seed it")
    parser.add_argument("--owners", type=int, default=60)
    parser.add_argument("--editors", type=int, default=8, help="concurrent editors in all")
    parser.add_argument("--seconds", type=int, default=30)
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not url.startswith("postgres") or not url.rstrip("/").endswith("_bench"):
        print("Refusing: set DATABASE_URL to a dedicated postgres://..._bench database.")
        return 2
    if not broker.startswith("redis://"):
        print("Refusing: set CELERY_BROKER_URL=redis://... (a Redis database of its own).")
        return 2
    if not args.yes:
        print("This empties the _bench database and fills it with made-up pledges; add --yes.")
        return 2

    server = smtp.start(reply_delay=0.05)
    env = env_for(dict(os.environ), server.server_address[1])
    logs = Path(os.environ.get("TMPDIR", "/tmp")) / "scale_out_logs"
    logs.mkdir(exist_ok=True)

    env["STATIC_ROOT"] = str(logs / "static")
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    collect = [python, "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(collect, cwd=ROOT, env=env, check=True)
    django_run(SEED.format(owners=args.owners, password=PASSWORD), env)
    django_run(
        "import django; django.setup(); from tracker.celery import app; app.control.purge()", env
    )
    pledge_ids = [int(n) for n in django_run(
        "import django; django.setup(); from commitments.models import Commitment;"
        "print(*Commitment.objects.order_by('pk').values_list('pk', flat=True)[:6])", env
    ).split()]  # fmt: skip

    processes: dict[str, subprocess.Popen] = {}
    for port in PORTS:
        processes[f"web{port}"] = spawn(
            [python, "-m", "gunicorn", "tracker.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"],
            env, logs / f"web{port}.log",
        )  # fmt: skip
    for n in (1, 2):
        processes[f"worker{n}"] = spawn(
            [python, "-m", "celery", "-A", "tracker", "worker", "-n", f"bench{n}@%h",
             "--concurrency=2", "--without-gossip", "--without-mingle", "--loglevel=WARNING"],
            env, logs / f"worker{n}.log",
        )  # fmt: skip
    processes["beat"] = spawn(
        [python, "-m", "celery", "-A", "tracker", "beat", "--loglevel=WARNING",
         "-s", str(logs / "beat-schedule")],
        env, logs / "beat.log",
    )  # fmt: skip
    try:
        for port in PORTS:
            for _ in range(120):
                try:
                    if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).ok:
                        break
                except requests.RequestException:
                    pass
                time.sleep(0.5)
        time.sleep(3)  # the workers connect

        served: Counter = Counter()
        accepted: Counter = Counter()
        began = time.monotonic()
        until = began + args.seconds
        editors = [
            threading.Thread(
                target=editor,
                args=(PORTS[i % 2], f"bench{i % 2}", pledge_ids, until, served, accepted),
            )
            for i in range(args.editors)
        ]
        for thread in editors:
            thread.start()
        scan = (
            "import django; django.setup(); from commitments.tasks import reminders_scan;"
            "reminders_scan.delay()"
        )
        django_run(scan, env)
        box: Mailbox = server.mailbox  # type: ignore[attr-defined]
        while len(box.accepted) < 3 and time.monotonic() < until:
            time.sleep(0.05)
        killed_at = len(box.accepted)
        os.killpg(processes["worker1"].pid, signal.SIGKILL)  # mid-scan
        processes["worker1"].wait()
        for thread in editors:
            thread.join()
        elapsed = time.monotonic() - began
        django_run(scan, env)  # the next scan sends what the killed worker held
        time.sleep(10)

        counts = django_run(
            "import django; django.setup();\n"
            "from commitments.models import Commitment, ProgressUpdate, Reminder\n"
            f"ids = {pledge_ids!r}\n"
            "for c in Commitment.objects.filter(pk__in=ids):\n"
            "    n = ProgressUpdate.objects.filter(commitment=c).count()\n"
            "    print('pledge', c.pk, c.version, n)\n"
            "sent = Reminder.objects.filter(sent_at__isnull=False).count()\n"
            "print('reminders', Reminder.objects.count(), sent)\n",
            env,
        )  # fmt: skip
    finally:
        for process in processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        server.shutdown()

    lost = 0
    claimed = sent = 0
    for line in counts.splitlines():
        kind, *numbers = line.split()
        if kind == "pledge":
            pk, version, updates = (int(n) for n in numbers)
            lost += max(accepted[pk] - updates, 0) + abs((version - 1) - accepted[pk])
        elif kind == "reminders":
            claimed, sent = (int(n) for n in numbers)
    messages = Counter(mid for _, mid in server.mailbox.accepted)  # type: ignore[attr-defined]
    duplicates = sum(n - 1 for n in messages.values())
    total = sum(served.values())
    print(f"load: {args.editors} editors on {len(PORTS)} servers for {elapsed:.0f} s, "
          f"one worker killed after {killed_at} messages")  # fmt: skip
    for (port, status), n in sorted(served.items(), key=str):
        print(f"  server {port}: {status}: {n}")
    print(f"requests served: {total} ({total / elapsed:.0f}/s); "
          f"saves accepted: {sum(accepted.values())}")  # fmt: skip
    print(f"lost updates: {lost}")
    print(f"duplicate reminders: {duplicates} (owners e-mailed: {len(messages)})")
    print(f"reminders sent vs claimed: {sent} / {claimed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
