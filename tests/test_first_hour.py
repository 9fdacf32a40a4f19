"""The README's commands, run as written in a new shell after `make run`: manage.py reads the
local .env that `make run` writes, and a missing SECRET_KEY is one line, not a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def fresh_shell(*args: str, cwd: Path = BASE_DIR, **env: str) -> subprocess.CompletedProcess[str]:
    """A command with only PATH and HOME set, as in a new terminal (no DEBUG, no SECRET_KEY)."""
    clean = {"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/tmp"), **env}
    return subprocess.run(
        list(args), cwd=cwd, env=clean, capture_output=True, text=True, timeout=300
    )


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return fresh_shell(sys.executable, "manage.py", *args, **env)


def test_make_run_writes_the_local_env_first():
    dry_run = fresh_shell("make", "-n", "-B", "run")
    assert dry_run.returncode == 0, dry_run.stderr
    lines = dry_run.stdout.splitlines()
    writes = next(i for i, line in enumerate(lines) if "write-local-env.sh" in line)
    serves = next(i for i, line in enumerate(lines) if "serve.sh" in line)
    assert writes < serves


def test_the_local_env_is_written_once(tmp_path):
    env_file = tmp_path / ".env"
    first = fresh_shell(str(BASE_DIR / "scripts" / "write-local-env.sh"), str(env_file))
    assert first.returncode == 0, first.stderr
    content = env_file.read_text()
    assert "DEBUG=1" in content.splitlines()
    key = next(line for line in content.splitlines() if line.startswith("SECRET_KEY="))
    assert len(key) > len("SECRET_KEY=") + 40
    assert oct(env_file.stat().st_mode & 0o777) == "0o600"  # a secret: the owner's only
    fresh_shell(str(BASE_DIR / "scripts" / "write-local-env.sh"), str(env_file))
    assert env_file.read_text() == content  # never overwritten


def test_readme_commands_work_in_a_new_shell_with_the_local_env(tmp_path):
    env_file = tmp_path / ".env"
    fresh_shell(str(BASE_DIR / "scripts" / "write-local-env.sh"), str(env_file))
    env = {"ENV_FILE": str(env_file), "DATA_DIR": str(tmp_path / "data")}
    for args in (("migrate", "--noinput"), ("create_editor", "alice", "--no-input")):
        result = manage(*args, **env)
        assert result.returncode == 0, result.stdout + result.stderr
    assert "alice" in manage("create_editor", "alice", "--no-input", **env).stdout
    out = tmp_path / "archive.json"
    result = manage("export", "--format", "json", "--output", str(out), **env)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(out.read_text())["rounds"]) >= 22


def test_the_environment_wins_over_the_local_env(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DEBUG=1\nCONN_MAX_AGE=not-a-number\n")
    result = manage("check", ENV_FILE=str(env_file), CONN_MAX_AGE="5")
    assert result.returncode == 0, result.stderr
    result = manage("check", ENV_FILE=str(env_file))
    assert "CONN_MAX_AGE must be a whole number" in result.stderr  # the file was read


def test_a_missing_secret_key_is_one_line_not_a_traceback():
    result = manage("create_editor", "alice", ENV_FILE="")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "make run" in result.stderr  # says how to get a local .env
    assert "Traceback" not in result.stderr
    assert "KeyError" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
