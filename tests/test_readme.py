"""The commands the README shows work as written, and a bad setting is one sentence."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = [
    ["send_reminders", "--dry-run", "--date", "2024-05-01"],
    ["send_reminders", "--digest"],
    ["import_article", "data/articles/2022-03-31-truss-india-visit.txt"],
    ["seed_demo"],
    ["migrate"],
    ["check"],
]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'tracker.sqlite3'}",
        "CELERY_BROKER_URL": "",
        **extra,
    }


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize(
    ("extra", "sentence"),
    [
        ({}, "Settings: SECRET_KEY must be set when DEBUG is off: set SECRET_KEY, or DEBUG=true"),
        ({"DEBUG": "maybe"}, "Settings: DEBUG must be true or false, not 'maybe'."),
    ],
    ids=["no-secret-key", "bad-boolean"],
)
def test_a_settings_error_is_one_sentence_for_every_command(tmp_path, command, extra, sentence):
    result = subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env=_env(tmp_path, **extra),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.startswith(sentence)
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL)
    lines = [line.split("  #")[0].strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line.startswith("DEBUG=true .venv/bin/python manage.py")]


def test_the_readme_management_commands_work_as_written(tmp_path):
    commands = _readme_commands()
    assert len(commands) >= 5
    env = _env(tmp_path, DEMO_PASSWORD="demo-pass")
    # What `make run` does first on a fresh checkout.
    first = [f"DEBUG=true .venv/bin/python manage.py {step}" for step in ("migrate", "seed_demo")]
    for command in first + commands:
        result = subprocess.run(
            ["bash", "-c", command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, (command, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr, (command, result.stderr)
