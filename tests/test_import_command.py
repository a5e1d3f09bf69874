from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from commitments.models import Commitment, Source
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parent.parent / "data/articles/2022-03-31-truss-india-visit.txt"
SHORT = (
    "date 2021-06-01\n\n"
    "Japan pledges aid\n\n"
    "Japan will provide £5 million to Kenya for clean water by the end of this year. "
    "The grant follows talks in Nairobi last week.\n"
)


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_article", *[str(a) for a in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(*args) -> str:
    with pytest.raises(CommandError) as caught:
        run(*args)
    return str(caught.value)


@pytest.fixture
def seed(tmp_path) -> Path:
    return Path(shutil.copy(SEED, tmp_path / SEED.name))


@pytest.fixture
def short(tmp_path) -> Path:
    path = tmp_path / "japan.txt"
    path.write_text(SHORT, encoding="utf-8")
    return path


def test_imports_the_seed_article_with_its_pledges(seed):
    out, _ = run(seed)
    source = Source.objects.get()
    assert source.published_on == date(2022, 3, 31)
    pledges = list(source.commitments.all())
    assert pledges
    assert all(source.body[p.quote_start : p.quote_end] == p.quote for p in pledges)
    assert any(p.amount == 70_000_000 and p.currency == "GBP" for p in pledges)
    assert f"imported as source #{source.pk} with {len(pledges)} pledges" in out


def test_json_output_is_one_object_per_file_per_line(seed, short):
    out, err = run("--format", "json", seed, short)
    lines = out.splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert set(first) == {"source", "commitments"}
    assert first["source"]["path"] == str(seed)
    assert first["source"]["published_on"] == "2022-03-31"
    source = Source.objects.get(sha256=first["source"]["sha256"])
    assert first["source"]["title"] == source.title
    assert second["source"]["published_on"] == "2021-06-01"
    keys = {
        "title", "quote", "start", "end", "actor", "counterparty", "topic", "amount",
        "due_date", "due_text", "confidence", "unresolved",
    }  # fmt: skip
    for item in first["commitments"]:
        assert set(item) == keys
        assert source.body[item["start"] : item["end"]] == item["quote"]
    amounts = [c["amount"] for c in first["commitments"] if c["amount"]]
    assert {"value": 70000000, "currency": "GBP"} in amounts
    assert isinstance(amounts[0]["value"], int | float)
    # Status lines stay off stdout so every stdout line parses.
    assert "imported as source" in err


def test_table_output_is_readable(seed):
    out, _ = run("--dry-run", seed)
    assert str(seed) in out
    assert "published 2022-03-31" in out
    assert "Topic" in out and "Actor" in out and "Title" in out
    assert "GBP 70,000,000" in out
    assert "dry run, nothing written" in out


def test_dry_run_writes_nothing(seed):
    out, _ = run("--dry-run", "--format", "json", seed)
    assert json.loads(out)["commitments"]
    assert not Source.objects.exists()
    assert not Commitment.objects.exists()


def test_reimport_creates_nothing_new_and_says_so(seed):
    run(seed)
    counts = (Source.objects.count(), Commitment.objects.count())
    out, _ = run(seed)
    assert (Source.objects.count(), Commitment.objects.count()) == counts
    assert "already imported" in out and "nothing new was created" in out


def test_owner_gets_the_new_pledges(seed, owner):
    run("--owner", owner.username, seed)
    assert Commitment.objects.exists()
    assert set(Commitment.objects.values_list("owner", flat=True)) == {owner.pk}


def test_unknown_owner_is_a_clear_error(seed):
    assert refused("--owner", "nobody", seed) == "No user is called “nobody”: check the username."
    assert not Source.objects.exists()


def test_owner_without_a_role_is_refused(seed):
    UserFactory(username="reader")
    assert "not an analyst or manager" in refused("--owner", "reader", seed)
    assert not Source.objects.exists()


def test_date_option_dates_a_file_without_a_date_line(tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text(SHORT.replace("date 2021-06-01\n\n", ""), encoding="utf-8")
    run("--date", "2021-07-02", path)
    assert Source.objects.get().published_on == date(2021, 7, 2)


def test_a_bad_date_option_is_a_clear_error(short):
    assert refused("--date", "31/03/2022", short) == (
        "--date “31/03/2022” is not a date: write it as YYYY-MM-DD, e.g. 2022-03-31."
    )


# --- Bad input: one sentence naming the file, a non-zero exit, nothing written.


def assert_refused(path, *args, expect: str) -> None:
    message = refused(*args, path)
    assert message.startswith(f"{path}: ")
    assert expect.lower() in message.lower()
    assert "Traceback" not in message
    assert not Source.objects.exists()


def test_missing_file(tmp_path):
    assert_refused(tmp_path / "nope.txt", expect="no such file")


def test_a_directory_is_not_a_file(tmp_path):
    assert_refused(tmp_path, expect="not a file")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n")
    assert_refused(path, expect="empty")


def test_binary_file(tmp_path):
    path = tmp_path / "picture.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert_refused(path, expect="binary")


def test_no_date_and_no_date_option(tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text("Japan will provide aid to Kenya.", encoding="utf-8")
    assert_refused(path, expect="date")


def test_a_date_in_the_future(tmp_path):
    path = tmp_path / "future.txt"
    later = date.today() + timedelta(days=30)
    path.write_text(f"date {later.isoformat()}\n\nJapan will provide aid.", encoding="utf-8")
    assert_refused(path, expect="future")


def test_a_file_over_the_size_limit(tmp_path, settings):
    settings.IMPORT_MAX_BYTES = 2048
    path = tmp_path / "big.txt"
    path.write_text("date 2021-06-01\n\n" + "Japan will provide aid. " * 200, encoding="utf-8")
    assert_refused(path, expect="larger than 2 KB")


def test_cp1252_text_imports_with_a_warning(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(SHORT.replace("£", "€").encode("cp1252") + "Café Müller.\n".encode("cp1252"))
    _, err = run(path)
    assert "1252" in err
    assert "Café Müller" in Source.objects.get().body


def test_a_batch_with_one_bad_file_imports_the_others(tmp_path, seed, short):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_article", str(seed), str(bad), str(short), stdout=out, stderr=err)
    assert str(caught.value) == (
        f"1 of 3 files could not be imported ({bad}); the other 2 were processed."
    )
    assert f"{bad}: " in err.getvalue() and "empty" in err.getvalue().lower()
    assert Source.objects.count() == 2
    assert "imported as source" in out.getvalue()


def test_from_the_shell_bad_input_exits_non_zero_without_a_traceback(tmp_path):
    import os
    import subprocess
    import sys

    from django.conf import settings

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    env = {**os.environ, "SECRET_KEY": "test-only", "DATABASE_URL": f"sqlite:///{tmp_path}/db"}
    done = subprocess.run(
        [sys.executable, "manage.py", "import_article", str(empty)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.strip() == f"CommandError: {empty}: The file is empty."
