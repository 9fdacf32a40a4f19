"""Two `manage.py ingest` processes at once over overlapping folders, on SQLite and on
PostgreSQL: both succeed, the second waits for the first and says so, and the archive is
the one a single run over the union of the folders makes (no duplicate people, delegations
or topics, no article reported failed)."""

from __future__ import annotations

import fcntl
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

from articles.services.run_lock import ADVISORY_LOCK_KEY, sqlite_lock_file
from tests.ingest.test_interrupt import ROOT, as_written, command_env, generate

COUNT = 90  # three folders of 30: the runs share the middle one


def env_for(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = command_env(data_dir)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def start(env: dict[str, str], log: Path, *folders: Path) -> subprocess.Popen:
    """Start an ingest with its output in files `log`.out and `log`.err."""
    with open(f"{log}.out", "w") as out, open(f"{log}.err", "w") as err:
        return subprocess.Popen(
            [sys.executable, "manage.py", "ingest", "--no-progress", *map(str, folders)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=err,
            text=True,
        )


@contextmanager
def ingest_lock_held(data_dir: Path, database_url: str | None) -> Iterator[None]:
    """Hold the lock an ingest takes, as a running ingest would."""
    if database_url is None:
        with open(sqlite_lock_file(data_dir / "archive.sqlite3"), "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield
    else:
        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute("SELECT pg_advisory_lock(%s)", [ADVISORY_LOCK_KEY])
            yield


def archive(env: dict[str, str]) -> tuple[dict[str, dict], list]:
    result = manage(env, "export", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    articles = {Path(a["source"]).name: as_written(a) for a in data["articles"]}
    people = manage(
        env,
        "shell",
        "-c",
        "from rounds.models import Participant, Delegation, RoundTopic;"
        "print(Participant.objects.count(), Delegation.objects.count(),"
        " RoundTopic.objects.count())",
    )
    assert people.returncode == 0, people.stderr
    return articles, people.stdout.split()


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> tuple[Path, Path, Path]:
    """Three folders of generated articles (the same seed as the interrupt test)."""
    root = tmp_path_factory.mktemp("concurrent")
    generate(root / "all", COUNT)
    files = sorted((root / "all").rglob("*.*"))
    assert len(files) == COUNT
    parts = [root / name for name in ("a", "b", "c")]
    for index, path in enumerate(files):
        target = parts[index * 3 // COUNT]
        target.mkdir(exist_ok=True)
        shutil.copy(path, target / path.name)
    return parts[0], parts[1], parts[2]


def check_two_runs_at_once(
    folders: tuple[Path, Path, Path], tmp_path: Path, database_url: str | None
) -> None:
    a, b, c = folders
    concurrent = env_for(tmp_path / "concurrent", database_url)
    assert manage(concurrent, "migrate", "--noinput").returncode == 0
    logs = [tmp_path / "first", tmp_path / "second"]
    # Both runs start while the lock is held, and both say they wait; released, they race.
    with ingest_lock_held(tmp_path / "concurrent", database_url):
        runs = [start(concurrent, logs[0], a, b), start(concurrent, logs[1], b, c)]
        deadline = time.monotonic() + 180
        while not all(
            "waiting for another ingest" in Path(f"{log}.err").read_text() for log in logs
        ):
            assert time.monotonic() < deadline, "the runs did not wait for the lock"
            assert all(run.poll() is None for run in runs), "a run ended without the lock"
            time.sleep(0.1)
    codes = [run.wait(timeout=600) for run in runs]
    outcomes = [
        (code, Path(f"{log}.out").read_text(), Path(f"{log}.err").read_text())
        for code, log in zip(codes, logs, strict=True)
    ]
    for code, out, err in outcomes:
        assert code == 0, err
        assert "failed:" not in out and "Traceback" not in err
        assert ", 0 failed." in out
    # Every file is new in exactly one of the runs; the shared folder is unchanged in the other.
    new = [line for _, out, _ in outcomes for line in out.splitlines() if line.startswith("new: ")]
    assert len(new) == COUNT

    # One run over all three folders, into a database of its own (SQLite), gives the same
    # archive.
    single = env_for(tmp_path / "single", None)
    assert manage(single, "migrate", "--noinput").returncode == 0
    reference = manage(single, "ingest", "--no-progress", str(a), str(b), str(c))
    assert reference.returncode == 0, reference.stderr
    assert archive(concurrent) == archive(single)


def test_two_ingests_at_once_on_sqlite(folders, tmp_path):
    check_two_runs_at_once(folders, tmp_path, None)


def test_two_ingests_at_once_on_postgresql(folders, tmp_path, postgres_database):
    check_two_runs_at_once(folders, tmp_path, postgres_database)


# --- Writers without the lock (an editor's re-extraction during a run) -------------------


@pytest.mark.django_db
def test_a_fact_another_writer_created_meanwhile_is_reused(tmp_path, ingest, monkeypatch):
    from articles.services import ingest as service
    from rounds.models import Delegation, Participant, RoundTopic
    from tests.ingest.conftest import ROUND_14, write

    stale = service.FactCache.load()  # what a run saw before the other writer's commit
    assert ingest(write(tmp_path / "other", "a.txt", ROUND_14))[0] == 0
    load = service.FactCache.load
    calls = iter([stale])
    monkeypatch.setattr(service.FactCache, "load", lambda: next(calls, None) or load())
    code, out, err = ingest(write(tmp_path, "b.txt", ROUND_14.replace("Wednesday", "Tuesday")))
    assert code == 0, err
    assert "new: " in out
    assert Delegation.objects.filter(round__number=14, party__name="Russia").count() == 1
    assert RoundTopic.objects.filter(round__number=14).count() >= 1
    assert Participant.objects.filter(name__icontains="Lavrentiev").count() == 1


@pytest.mark.django_db
def test_an_article_another_run_stored_meanwhile_is_unchanged(tmp_path, ingest, monkeypatch):
    from articles.models import Article
    from articles.services import ingest as service
    from tests.ingest.conftest import ROUND_14, write

    path = write(tmp_path, "a.txt", ROUND_14)
    assert ingest(path)[0] == 0
    # As if the other run committed it after this one looked for it.
    monkeypatch.setattr(service, "_skip_known", lambda loaded, record: loaded)
    code, out, err = ingest(write(tmp_path / "copy", "a.txt", ROUND_14))
    assert code == 0, err
    assert "unchanged: " in out and "stored by another ingest meanwhile" in out
    assert Article.objects.count() == 1
