"""Playwright driving Debian's Chromium (/usr/bin/chromium) against pytest-django's live server.

Playwright never downloads a browser here: it launches the system one by path. Without it,
the browser tests skip with the reason, and fail under CI=true. Screenshots of the pages go to
build/screenshots/ for a person to look at.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import DEFAULT_DB_ALIAS, connections

from tests.conftest import unavailable

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
# As root Chromium needs --no-sandbox; the network flags stop it calling Google's services,
# which this machine's closed network refuses (slowly).
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture(scope="session")
def browser(django_db_setup) -> Iterator:
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        unavailable(
            f"Chromium not found at {CHROMIUM}: install Debian's chromium and chromium-driver "
            "(make test does so as root), or set CHROMIUM_PATH"
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread; Django's ORM, called
    # by the test between page actions, would otherwise refuse to run beside it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # Once Playwright runs, this thread sees new Django connection objects (asgiref's
    # context-local storage), without the snapshot of the test database that
    # serialized_rollback restores from; hand it over so that the data migrations' rows
    # (the calendar, the vocabulary) come back for every browser test.
    snapshot = connections[DEFAULT_DB_ALIAS].__dict__.get("_test_serialized_contents")
    try:
        with sync_playwright() as playwright:
            if snapshot is not None:
                connections[DEFAULT_DB_ALIAS]._test_serialized_contents = snapshot
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server) -> Iterator:
    """A fresh browser tab whose relative URLs go to the live server."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the pages: {errors}"


def screenshot(page, name: str) -> Path:
    """Saves the whole page as build/screenshots/<name>.png for review."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
