"""Worker processes end with the ingest process, however it ends; SIGTERM is an interrupt.

Real processes: `manage.py ingest` with two workers in a session of its own, signalled alone
(not its process group), on a file SQLite database of the test's own.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.ingest.test_interrupt import ROOT, command_env, generate, manage

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("lifetime") / "articles"
    generate(folder, 200)
    return folder


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def alive(pid: int) -> bool:
    """Running, not a zombie waiting for whichever process adopted it to reap it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def start_and_wait_for_workers(data_dir: Path, folder: Path) -> tuple[subprocess.Popen, set]:
    """Start ingest with its output in files (an orphaned worker holding a pipe would block
    the test's read for ever) and wait for its first written article."""
    assert manage(data_dir, "migrate", "--noinput").returncode == 0
    out, err = (data_dir / "stdout").open("w"), (data_dir / "stderr").open("w")
    process = subprocess.Popen(
        [sys.executable, "manage.py", "ingest", "--no-progress", str(folder)],
        cwd=ROOT,
        env=command_env(data_dir),
        stdout=out,
        stderr=err,
        text=True,
        start_new_session=True,
    )
    out.close(), err.close()
    deadline = time.monotonic() + 120
    while "new: " not in (data_dir / "stdout").read_text():  # the workers are extracting
        assert process.poll() is None and time.monotonic() < deadline, "no article written"
        time.sleep(0.05)
    workers = children(process.pid)
    assert len(workers) == 2, f"expected two workers, found {workers}"
    return process, workers


def wait_until_gone(pids: set[int], seconds: float = 15) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        left = {pid for pid in pids if alive(pid)}
        if not left:
            return left
        time.sleep(0.1)
    return {pid for pid in pids if alive(pid)}


def test_sigkill_of_ingest_ends_its_workers(articles, tmp_path):
    process, workers = start_and_wait_for_workers(tmp_path, articles)
    try:
        process.kill()
        process.wait(timeout=30)
        assert wait_until_gone(workers) == set()
    finally:
        for pid in workers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)  # don't leave them to the next test


def test_sigterm_interrupts_like_ctrl_c_and_ends_the_workers(articles, tmp_path):
    process, workers = start_and_wait_for_workers(tmp_path, articles)
    try:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 130
        stderr = (tmp_path / "stderr").read_text()
        assert "Interrupted: articles written so far are complete" in stderr
        assert "Traceback" not in stderr
        assert wait_until_gone(workers) == set()
    finally:
        for pid in workers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
