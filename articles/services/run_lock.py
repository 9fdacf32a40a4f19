"""One ingest writes to a database at a time; a second one says so and waits its turn.

Two runs over overlapping folders would otherwise race for the same articles, delegations,
topics and people: each would see the other's rows as conflicts, and on SQLite they would
starve each other of the write lock. Serialised, the second run finds the first one's
articles stored ("unchanged") and writes only what is left, the same archive as one run.

PostgreSQL: a session advisory lock, which any machine reaching the server shares. SQLite: an
exclusive `flock` on a file next to the database file (SQLite is one machine's anyway).
Either is released by the operating system or the server when the process ends, however it
ends. An in-memory database has no other process to wait for.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

# pg_advisory_lock's key: a constant of our own (any bigint), from the name "astana-ingest".
ADVISORY_LOCK_KEY = int.from_bytes(hashlib.sha256(b"astana-ingest").digest()[:8], "big") >> 1

WAITING = "waiting for another ingest into this database to finish (it holds the ingest lock)"


def _tell_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextmanager
def ingest_lock(on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the database's ingest lock for the block; `on_wait` hears once if it must wait."""
    on_wait = on_wait or _tell_stderr
    if connection.vendor == "postgresql":
        with _advisory_lock(on_wait):
            yield
    elif connection.vendor == "sqlite" and (lock_file := _sqlite_lock_file()) is not None:
        with _file_lock(lock_file, on_wait):
            yield
    else:
        yield


@contextmanager
def _advisory_lock(on_wait: Callable[[str], None]) -> Iterator[None]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_LOCK_KEY])
        if not cursor.fetchone()[0]:
            on_wait(WAITING)
            cursor.execute("SELECT pg_advisory_lock(%s)", [ADVISORY_LOCK_KEY])
    try:
        yield
    finally:
        if connection.connection is not None:  # closed: the server released it already
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_LOCK_KEY])


def _sqlite_lock_file() -> Path | None:
    name = str(connection.settings_dict["NAME"] or "")
    if not name or name == ":memory:" or "mode=memory" in name:
        return None
    return sqlite_lock_file(Path(name))


def sqlite_lock_file(database: Path) -> Path:
    """The lock file of a SQLite database file: beside it, or in the temporary folder (named
    after the database) when its folder is read-only."""
    database = database.resolve()
    if os.access(database.parent, os.W_OK):
        return database.with_name(database.name + ".ingest-lock")
    digest = hashlib.sha256(str(database).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"astana-ingest-{digest}.lock"


@contextmanager
def _file_lock(path: Path, on_wait: Callable[[str], None]) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock (SQLite's own busy timeout still applies)
        yield
        return
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait(WAITING)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
