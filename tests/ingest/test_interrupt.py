"""Ctrl-C during `manage.py ingest`: every stored article is whole, and a re-run completes.

Runs the real command in its own process group (with its worker processes) and sends SIGINT
to the group, as a terminal does. Always on a file SQLite database of the test's own: the
subject is the process handling, whatever database the suite runs on.

The command is started with SIGINT's default action restored: a suite started by a parent
that ignores SIGINT (a background job, some CI runners) would otherwise pass the "ignore" on
through exec, and Python never installs its KeyboardInterrupt handler then.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def command_env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DEBUG="1",
        DATA_DIR=str(data_dir),
        SPACY_MODEL="",
        INGEST_WORKERS="2",
        INGEST_BATCH_SIZE="16",
        PYTHONUNBUFFERED="1",
        DJANGO_SETTINGS_MODULE="astana_site.settings",
    )
    return env


def manage(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=command_env(data_dir),
        capture_output=True,
        text=True,
        timeout=300,
    )


def articles_by_source(data_dir: Path) -> dict[str, dict]:
    result = manage(data_dir, "export", "--format", "json")
    assert result.returncode == 0, result.stderr
    return {a["source"]: a for a in json.loads(result.stdout)["articles"]}


def as_written(article: dict) -> dict:
    delegations = [{k: v for k, v in d.items() if k != "head"} for d in article["delegations"]]
    return {**article, "delegations": delegations}


def restore_sigint() -> None:
    """Run in the child between fork and exec: SIGINT does what a terminal's Ctrl-C does,
    whatever this process inherited (an ignored SIGINT survives exec; a handler does not)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_interruptible(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    # A session of its own: SIGINT goes to the command and its workers, not to pytest.
    return subprocess.Popen(
        args,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=restore_sigint,  # runs before exec; pytest starts no threads here
    )


def generate(folder: Path, count: int) -> None:
    script = ROOT / "scripts" / "generate_articles.py"
    subprocess.run(
        [sys.executable, str(script), str(folder), "--count", str(count), "--seed", "7"],
        check=True,
        capture_output=True,
    )


def test_interrupted_ingest_leaves_whole_articles_and_resumes(tmp_path):
    files = tmp_path / "articles"
    generate(files, 300)
    interrupted, complete = tmp_path / "interrupted", tmp_path / "complete"
    for data_dir in (interrupted, complete):
        assert manage(data_dir, "migrate", "--noinput").returncode == 0

    process = start_interruptible(
        [sys.executable, "manage.py", "ingest", "--no-progress", str(files)],
        command_env(interrupted),
    )
    written = 0
    for line in process.stdout:  # one progress line per file
        written += line.startswith("new: ")
        if written == 40:
            break
    assert written == 40, "ingest ended before it could be interrupted"
    os.killpg(process.pid, signal.SIGINT)
    process.stdout.read()
    stderr = process.stderr.read()
    assert process.wait(timeout=60) == 130
    assert "Interrupted" in stderr
    assert "Traceback" not in stderr

    stored = articles_by_source(interrupted)
    assert 40 <= len(stored) < 300

    # The same files without an interrupt: every article stored above holds the same facts.
    # (Not the same canonical head names: those are the spelling most articles use, so they
    # may differ until the rest of the articles are in.)
    assert manage(complete, "ingest", "--no-progress", str(files)).returncode == 0
    expected = articles_by_source(complete)
    assert len(expected) == 300
    for source, article in stored.items():
        assert as_written(article) == as_written(expected[source]), f"{source} is not whole"

    # Going on: the re-run adds exactly the rest and ends with the complete archive.
    rerun = manage(interrupted, "ingest", "--no-progress", str(files))
    assert rerun.returncode == 0, rerun.stderr
    assert f"{300 - len(stored)} new, 0 updated, {len(stored)} unchanged, 0 failed" in rerun.stdout
    assert articles_by_source(interrupted) == expected


def test_the_command_can_be_interrupted_when_pytest_ignores_sigint():
    """As under a background job: this process ignores SIGINT; the child must not."""
    waiter = (
        "import sys, time\ntry:\n    print('ready', flush=True); time.sleep(30)\n"
        "except KeyboardInterrupt:\n    print('interrupted', flush=True); sys.exit(130)\n"
    )
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        process = start_interruptible([sys.executable, "-c", waiter], dict(os.environ))
    finally:
        signal.signal(signal.SIGINT, previous)
    assert process.stdout.readline().strip() == "ready"
    os.killpg(process.pid, signal.SIGINT)
    assert process.wait(timeout=20) == 130
    assert process.stdout.read().strip() == "interrupted"


class InterruptedFinalizer:
    """Ctrl-C arriving while Python runs a finalizer: Python raises KeyboardInterrupt inside
    `__del__`, prints "Exception ignored" and carries on as if nothing happened."""

    def __del__(self) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        sum(range(10_000))  # Python code: the pending signal's handler runs in here


@pytest.fixture
def sigint_as_on_a_terminal():
    """SIGINT handled as in a terminal for the test's duration: a suite started as a
    background job inherits it ignored, and the command rightly respects an inherited
    "ignore" (it would then never see the interrupt this test sends)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


@pytest.mark.django_db
@pytest.mark.usefixtures("sigint_as_on_a_terminal")
def test_an_interrupt_lost_in_a_finalizer_still_stops_the_run(tmp_path, monkeypatch):
    from django.core.management import call_command

    from articles.models import Article
    from articles.services import ingest
    from tests.ingest.conftest import ROUND_14, write

    for n in range(4):
        write(tmp_path, f"report-{n}.txt", f"{ROUND_14}\nUpdate number {n}.\n")
    write_one = ingest._write_one
    calls = []

    def write_then_lose_an_interrupt(*args, **kwargs):
        write_one(*args, **kwargs)
        calls.append(1)
        if len(calls) == 2:
            InterruptedFinalizer()  # dropped at once: its __del__ swallows the interrupt

    monkeypatch.setattr(ingest, "_write_one", write_then_lose_an_interrupt)
    stderr = io.StringIO()
    with pytest.raises(SystemExit) as stopped:
        call_command("ingest", "--no-progress", str(tmp_path), stdout=io.StringIO(), stderr=stderr)
    assert stopped.value.code == 130
    assert "Interrupted" in stderr.getvalue()
    # Honoured at the next safe point: after the file being written when it was lost.
    assert Article.objects.count() == 3
