"""Word lists written as plain blocks of text, one place for the helper that reads them."""

from __future__ import annotations


def words(block: str) -> frozenset[str]:
    return frozenset(block.split())
