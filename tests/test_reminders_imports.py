"""The reminders package imports in one direction, and e-mail building is a leaf."""

from __future__ import annotations

import ast
from pathlib import Path

import commitments

PACKAGE = Path(commitments.__file__).parent
# Each module may import only those before it.
ORDER = ["sql", "milestones", "rules", "evidence", "attention", "digest", "claims", "delivery"]


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_each_reminders_module_imports_only_those_before_it():
    on_disk = {p.stem for p in (PACKAGE / "reminders").glob("*.py")} - {"__init__"}
    assert on_disk == set(ORDER)
    for position, name in enumerate(ORDER):
        uses = {
            module.removeprefix("commitments.reminders.").split(".")[0]
            for module in imported(PACKAGE / "reminders" / f"{name}.py")
            if module.startswith("commitments.reminders.")
        }
        assert uses <= set(ORDER[:position]), f"{name} imports {uses - set(ORDER[:position])}"


def test_the_package_itself_imports_nothing():
    assert not imported(PACKAGE / "reminders" / "__init__.py") - {"__future__"}


def test_emails_know_nothing_of_the_domain():
    assert not {m for m in imported(PACKAGE / "emails.py") if m.startswith("commitments")}
