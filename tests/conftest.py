"""Fixtures shared by every test module."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

# Where a test that needs its own PostgreSQL database (start-up script, benchmarks) connects
# when the suite itself runs on SQLite; CI provides this server.
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes", "on"}


def unavailable(reason: str) -> None:
    """Skip a test whose service is missing here; under CI=true, fail it instead."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: required, not skipped)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        username="staff", password="staff-pass-123", is_staff=True, is_superuser=True
    )


@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    """URL of a reachable PostgreSQL server's maintenance database, for tests that create
    databases of their own: the server DATABASE_URL names, or the local one."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = os.environ.get("TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    parts = urlsplit(url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    try:
        psycopg.connect(admin_url, connect_timeout=5).close()
    except psycopg.OperationalError as error:
        unavailable(f"PostgreSQL is unreachable at {parts.hostname}:{parts.port or 5432}: {error}")
    return admin_url


@pytest.fixture(scope="module")
def postgres_database(postgres_server_url: str, request) -> Iterator[str]:
    """A new, empty PostgreSQL database for one test module; dropped afterwards. Yields its URL.

    Separate from the test database pytest-django manages, for processes started by a test."""
    module = request.module.__name__.rsplit(".", 1)[-1]
    name = re.sub(r"[^a-z0-9_]", "_", f"astana_{module}_{os.getpid()}".lower())
    with psycopg.connect(postgres_server_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(urlsplit(postgres_server_url)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(postgres_server_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: a rolled-back database can repeat an archive
    version number, and a page cached under it in another test would be served stale."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _version_read_every_request(settings):
    """Tests check that a change shows on the next request, so no worker-side version TTL."""
    settings.PAGE_CACHE_VERSION_SECONDS = 0


@pytest.fixture(autouse=True)
def _export_files_of_the_test(settings, tmp_path):
    """Full exports are files named by the archive version: each test writes its own, since a
    rolled-back database can repeat a version number another test's file was named by."""
    settings.EXPORT_CACHE_DIR = tmp_path / "exports"
