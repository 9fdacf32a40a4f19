"""Two `manage.py ingest` processes at once over overlapping folders, on SQLite and on
PostgreSQL: both succeed, the second waits for the first and says so, and the archive is
the one a single run over the union of the folders makes (no duplicate people, delegations
or topics, no article reported failed)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


def start(env: dict[str, str], *folders: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "ingest", "--no-progress", *map(str, folders)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


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
    first, second = start(concurrent, a, b), start(concurrent, b, c)
    outcomes = [(p.wait(timeout=600), *p.communicate()) for p in (first, second)]
    for code, out, err in outcomes:
        assert code == 0, err
        assert "failed:" not in out and "Traceback" not in err
        assert ", 0 failed." in out
    assert any("waiting for another ingest" in err for _, _, err in outcomes)
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
