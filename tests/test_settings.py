"""Settings read from the environment: loud failures, a safe production profile, the database.

Each case loads the settings in a new Python process with a clean environment, as a
deployment would, so nothing leaks in from the test run's own settings.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "archive.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://archive.example.org",
}

PRINT_DATABASE = (
    "import json; from django.conf import settings; db = settings.DATABASES['default']; "
    "print(json.dumps({k: str(db.get(k)) for k in ('ENGINE', 'NAME', 'HOST', 'PORT', 'USER')}))"
)


def run_python(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Python in the project folder with only PATH, HOME and the given variables set."""
    clean = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "astana_site.settings",
        # manage.py would read a developer's .env (written by `make run`): none here.
        "ENV_FILE": "",
        **env,
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def database_settings(**env: str) -> dict[str, str]:
    result = run_python("-c", f"import django; django.setup(); {PRINT_DATABASE}", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_debug_off_without_secret_key_refuses_to_start():
    result = run_python("manage.py", "check", ALLOWED_HOSTS="archive.example.org")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "DEBUG=1" in result.stderr  # the message says how to run locally


def test_debug_off_without_allowed_hosts_refuses_to_start():
    result = run_python("manage.py", "check", SECRET_KEY=PRODUCTION["SECRET_KEY"])

    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


@pytest.mark.parametrize("value", ["maybe", "2", "enabled"])
def test_bad_boolean_is_refused_naming_the_variable(value):
    result = run_python("-c", "import django; django.setup()", DEBUG=value)

    assert result.returncode != 0
    assert f"DEBUG must be one of 1/0, true/false, yes/no, on/off; got {value!r}" in result.stderr


def test_bad_number_is_refused_naming_the_variable():
    result = run_python("manage.py", "check", DEBUG="1", CONN_MAX_AGE="a minute")

    assert result.returncode != 0
    assert "CONN_MAX_AGE must be a whole number" in result.stderr


def test_deploy_check_reports_no_warnings_in_production():
    result = run_python("manage.py", "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_development_mode_runs_without_secret_key():
    result = run_python("manage.py", "check", DEBUG="1")

    assert result.returncode == 0, result.stderr


def test_sqlite_is_the_default_inside_the_data_folder():
    db = database_settings(DEBUG="1")

    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(db["NAME"]) == BASE_DIR / "data" / "archive.sqlite3"


def test_blank_data_dir_means_the_default(tmp_path):
    # A variable copied blank from .env.example must not put the database in the cwd.
    assert Path(database_settings(DEBUG="1", DATA_DIR="")["NAME"]).parent == BASE_DIR / "data"
    moved = database_settings(DEBUG="1", DATA_DIR=str(tmp_path))
    assert Path(moved["NAME"]) == tmp_path / "archive.sqlite3"


def test_database_url_switches_to_postgresql():
    db = database_settings(
        DEBUG="1", DATABASE_URL="postgres://archivist:secret@db.internal:5433/astana"
    )

    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["HOST"], db["PORT"], db["USER"]) == (
        "astana",
        "db.internal",
        "5433",
        "archivist",
    )


def test_env_example_lists_every_variable_the_settings_read():
    read = set(
        re.findall(
            r'env_(?:str|bool|int|list)\(\s*"([A-Z0-9_]+)"',
            (BASE_DIR / "astana_site" / "settings.py").read_text(),
        )
    )
    listed = set(re.findall(r"^([A-Z0-9_]+)=", (BASE_DIR / ".env.example").read_text(), flags=re.M))

    assert read, "no env_*() calls found in settings.py"
    assert read - listed == set(), "variables missing from .env.example"
