"""Production start-up: scripts/start-web.sh (compose's web service) on a new database.

Migrates, collects static files under hashed names, and serves with gunicorn; a visitor gets
the home page and long-cached static files. Docker is not needed: the script runs as it
would on a host, in a new shell whose PATH does not name the virtualenv. The database is the
suite's kind: a new SQLite file when the suite runs on SQLite (no PostgreSQL needed), a new
PostgreSQL database when DATABASE_URL names PostgreSQL.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
START_TIMEOUT = 90  # seconds: migrations on an empty database, collectstatic, workers


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1"})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


class WebServer:
    def __init__(self, process: subprocess.Popen, port: int, static_root: Path, log: Path):
        self.process, self.port, self.static_root, self.log = process, port, static_root, log

    def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        return get(self.port, path)


def readme_plain_http_switches() -> dict[str, str]:
    """The variables the README's production section sets for a plain-HTTP trial."""
    readme = (BASE_DIR / "README.md").read_text()
    section = readme[readme.index("### Production") :]
    section = section[: section.index("\n## ")]
    block = section[section.index("plain-HTTP trial") :]
    block = block[block.index("```sh") : block.index("```", block.index("```sh") + 5)]
    switches = dict(re.findall(r"\b((?:SECURE|SESSION|CSRF)_[A-Z_]+)=(\S+)", block))
    assert switches, "the README names no HTTPS switch for a plain-HTTP trial"
    return switches


@pytest.fixture(scope="module")
def startup_database(request, tmp_path_factory) -> dict[str, str]:
    """Where the started site keeps its data: like the suite, SQLite or PostgreSQL."""
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        return {"DATABASE_URL": request.getfixturevalue("postgres_database")}
    return {"DATA_DIR": str(tmp_path_factory.mktemp("start-web-data"))}


@pytest.fixture(scope="module")
def web_server(startup_database: dict[str, str], tmp_path_factory) -> Iterator[WebServer]:
    tmp_path = tmp_path_factory.mktemp("start-web")
    port = free_port()
    static_root = tmp_path / "static"
    log = tmp_path / "start-web.log"
    env = {
        # A new shell: the virtualenv is not on PATH; the script finds the project's .venv
        # itself (a worktree without one names this test run's Python).
        "PATH": "/usr/bin:/bin",
        "HOME": os.environ.get("HOME", "/tmp"),
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        **startup_database,
        "STATIC_ROOT": str(static_root),
        **readme_plain_http_switches(),  # plain HTTP on loopback, as the README says
        "WEB_BIND": f"127.0.0.1:{port}",
    }
    if not (BASE_DIR / ".venv" / "bin" / "python").exists():
        env["PYTHON"] = sys.executable
    with log.open("wb") as out:
        # A session of its own, so that teardown stops gunicorn and its workers together.
        process = subprocess.Popen(
            [str(BASE_DIR / "scripts" / "start-web.sh")],
            cwd=BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = WebServer(process, port, static_root, log)
    try:
        wait_until_healthy(server)
        yield server
    finally:
        stop(process)


def wait_until_healthy(server: WebServer) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"start-web.sh exited with {server.process.returncode}:\n{log_of(server)}")
        try:
            if server.get("/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(f"start-web.sh did not answer /healthz in {START_TIMEOUT}s:\n{log_of(server)}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def log_of(server: WebServer) -> str:
    return server.log.read_text(errors="replace")[-4000:]


def test_start_web_serves_pages_and_hashed_static_files(web_server: WebServer):
    status, _, body = web_server.get("/")
    assert status == 200, log_of(web_server)
    assert b"<html" in body.lower()

    manifest = json.loads((web_server.static_root / "staticfiles.json").read_text())["paths"]
    # Static files the home page links to, or the admin's stylesheet if it links to none.
    linked = re.findall(r'(?:href|src)="/static/([^"?#]+)"', body.decode())
    hashed_names = set(manifest.values())
    assert all(name in hashed_names for name in linked), f"unhashed static links: {linked}"
    name = linked[0] if linked else manifest["admin/css/base.css"]
    assert re.search(r"\.[0-9a-f]{12}\.", name), name

    status, headers, body = web_server.get(f"/static/{name}")
    assert status == 200
    assert body
    # Hashed names never change content, so whitenoise lets browsers keep them for good.
    assert "immutable" in headers.get("Cache-Control", "")


def test_start_web_migrated_the_new_database(web_server: WebServer):
    # The vocabulary migration loaded the calendar: round 1 exists on a brand-new database.
    status, _, _ = web_server.get("/rounds/1/")
    assert status == 200, log_of(web_server)
    status, _, _ = web_server.get("/rounds/999/")
    assert status == 404


def test_a_plain_http_trial_as_the_readme_says_is_not_sent_to_https(web_server: WebServer):
    status, headers, _ = web_server.get("/rounds/")
    assert status == 200, log_of(web_server)  # not a redirect to https://
    assert "Strict-Transport-Security" not in headers
    status, headers, _ = web_server.get("/admin/login/")
    assert status == 200
    cookie = headers.get("Set-Cookie", "")
    assert "csrftoken=" in cookie
    assert "secure" not in cookie.lower()  # a browser on http:// would drop it otherwise


def test_start_web_runs_without_the_virtualenv_on_path():
    """The script names its Python itself; without one that has Django it says what to do."""
    result = subprocess.run(
        [str(BASE_DIR / "scripts" / "start-web.sh")],
        cwd=BASE_DIR,
        env={"PATH": "/usr/bin:/bin", "HOME": "/tmp", "PYTHON": "/usr/bin/false"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "make venv" in result.stderr
    assert "Traceback" not in result.stderr
