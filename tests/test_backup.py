"""A backup restores every pledge and every timeline entry, as the README's commands make it."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from commitments.models import Commitment, ProgressUpdate
from tests.factories import CommitmentFactory, ProgressUpdateFactory


def _make_data() -> tuple[int, int]:
    for pledge in CommitmentFactory.create_batch(5):
        ProgressUpdateFactory.create_batch(2, commitment=pledge)
    return Commitment.objects.count(), ProgressUpdate.objects.count()


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_every_pledge_and_timeline_entry(tmp_path: Path) -> None:
    pledges, updates = _make_data()
    restore = _pg_dump_and_restore if connection.vendor == "postgresql" else _sqlite_backup

    assert restore(tmp_path) == [pledges, updates]


def _pg_dump_and_restore(tmp_path: Path) -> list[int]:
    if not shutil.which("pg_dump"):
        pytest.skip("needs pg_dump and pg_restore on the PATH")
    db = connection.settings_dict
    target = f"{db['NAME']}_restored"
    server = ["-h", db["HOST"] or "127.0.0.1", "-p", db["PORT"] or "5432", "-U", db["USER"]]
    dump = tmp_path / "tracker.dump"

    # The README's commands: pg_dump -Fc, then pg_restore into an empty database.
    subprocess.run(["pg_dump", *server, "-Fc", "-f", str(dump), db["NAME"]], check=True)
    subprocess.run(["dropdb", *server, "--if-exists", target], check=True)
    subprocess.run(["createdb", *server, target], check=True)
    try:
        subprocess.run(["pg_restore", *server, "--no-owner", "-d", target, str(dump)], check=True)
        conninfo = f"host={server[1]} port={server[3]} user={db['USER']} dbname={target}"
        with psycopg.connect(conninfo) as restored:
            counts = [
                restored.execute(f"SELECT count(*) FROM {model._meta.db_table}").fetchone()[0]
                for model in (Commitment, ProgressUpdate)
            ]
    finally:
        subprocess.run(["dropdb", *server, "--if-exists", target], check=True)
    return counts


def _sqlite_backup(tmp_path: Path) -> list[int]:
    copy = tmp_path / "backup.sqlite3"

    # The README's command: the sqlite3 module's online backup, safe while the app runs.
    source = sqlite3.connect(connection.settings_dict["NAME"])
    with sqlite3.connect(copy) as target:
        source.backup(target)
    source.close()

    with sqlite3.connect(copy) as restored:
        return [
            restored.execute(f"SELECT count(*) FROM {model._meta.db_table}").fetchone()[0]
            for model in (Commitment, ProgressUpdate)
        ]
