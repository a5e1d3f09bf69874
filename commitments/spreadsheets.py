"""Cells that a spreadsheet would run as formulas are written as text, in every export."""

from __future__ import annotations

from typing import Any

# What a spreadsheet reads as the start of a formula; tab and CR hide one in a cell.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: Any) -> Any:
    """A string that would start a formula, prefixed with an apostrophe; anything else as is."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def formula_unescaped(value: Any) -> Any:
    """The value `formula_safe` was given, so that an exported sheet re-imports unchanged."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(_FORMULA_STARTS):
        return value[1:]
    return value
