"""CI's databases (.ci/databases.sh, sourced by .ci/run): each run's names are its own, so two
runs on one PostgreSQL server never drop each other's, and a run drops all of its own."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import psycopg

BASE_DIR = Path(__file__).resolve().parent.parent


def ci_shell(script: str, run_id: str, server_url: str) -> str:
    parts = urlsplit(server_url)
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", f". .ci/databases.sh\n{script}"],
        cwd=BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            "PG_HOST": parts.hostname or "127.0.0.1",
            "PG_PORT": str(parts.port or 5432),
            "CI_RUN_ID": run_id,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def databases(server_url: str) -> set[str]:
    with psycopg.connect(server_url, autocommit=True) as conn:
        return {row[0] for row in conn.execute("SELECT datname FROM pg_database")}


def test_two_runs_have_their_own_databases_and_drop_only_theirs(postgres_server_url, request):
    first_run, second_run = uuid.uuid4().hex[:12], uuid.uuid4().hex[:12]
    request.addfinalizer(lambda: ci_shell("drop_ci_databases", second_run, postgres_server_url))
    first = ci_shell("ci_database suite", first_run, postgres_server_url)
    second = ci_shell("ci_database suite", second_run, postgres_server_url)
    assert first != second
    assert {first, second} <= databases(postgres_server_url)

    ci_shell("drop_ci_databases", first_run, postgres_server_url)
    remaining = databases(postgres_server_url)
    assert first not in remaining
    assert second in remaining  # the other run's database survived


def test_run_ids_differ_between_runs():
    ids = {
        subprocess.run(
            ["bash", "-c", '. .ci/databases.sh; echo "$CI_RUN_ID"'],
            cwd=BASE_DIR,
            env={"PATH": "/usr/bin:/bin", "PG_HOST": "127.0.0.1", "PG_PORT": "5432"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for _ in range(3)
    }
    assert len(ids) == 3


def test_ci_names_no_fixed_database():
    script = (BASE_DIR / ".ci" / "run").read_text()
    assert "CREATE DATABASE" not in script  # only ci_database creates, under the run's id
    assert "drop_ci_databases" in script.split("trap cleanup EXIT")[0]  # dropped on any exit


def test_the_sqlite_run_needs_no_postgresql():
    """The start-up test follows the suite's database: on SQLite it starts the site on a
    SQLite file, so an unreachable PostgreSQL fails nothing, even under CI=true."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "PYTEST_ADDOPTS", "PYTEST_XDIST_WORKER")
    }
    env.update(CI="true", DEBUG="1", TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:1/postgres")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-k",
            "plain_http",
            "tests/test_startup.py",
        ],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "1 passed" in result.stdout
