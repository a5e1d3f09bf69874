"""Helpers that turn word lists into what the patterns need."""

from __future__ import annotations

from collections.abc import Iterable

import regex


def words(block: str) -> frozenset[str]:
    return frozenset(block.split())


def alternation(forms: Iterable[str]) -> str:
    """A regex alternation of `forms`, longest first so "memorandum of understanding" wins
    over "memorandum", with any run of spaces standing for any whitespace."""
    ordered = sorted(set(forms), key=len, reverse=True)
    return "|".join(r"\s+".join(regex.escape(part) for part in f.split()) for f in ordered)
