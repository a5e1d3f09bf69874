"""Playwright driving Debian's Chromium against pytest-django's live server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
OUTPUT = Path(__file__).resolve().parents[2] / "test-output"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Browser tests need Chromium at {CHROMIUM}.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser):
    """Pages in separate browser contexts (separate cookies), closed after the test.

    Every page fails its test if the browser refused anything under the Content Security
    Policy: a blocked script or style would be a feature that silently does not work.
    """
    contexts = []
    refused: list[str] = []

    def make(width: int = 1280, height: int = 900):
        context = browser.new_context(viewport={"width": width, "height": height})
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                refused.append(f"{message.location.get('url')}: {message.text[:70]}")
                if "Content Security Policy" in message.text
                else None
            ),
        )
        return page

    yield make
    for context in contexts:
        context.close()
    assert refused == [], f"the browser refused content under the CSP: {refused[:3]}"


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def screenshot_dir() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT
