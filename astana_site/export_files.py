"""Full exports (a list's CSV or JSON without filters) served from a file.

A full export reads every row of the archive; repeated by a few clients it starves the site.
Its content changes only when the archive's version does, so the first request after a change
writes it to a file named by that version (one writer at a time; the others wait for the file)
and every later request is a file read with no query but the version. Filtered exports stay
streamed from the database: they are smaller, and too many to keep.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.db import connection

from rounds.versioning import archive_version


def open_export(
    key: str, fmt: str, write: Callable[[], Iterable[str]], version: int | None = None
) -> BinaryIO:
    """The file of export `key` (e.g. the page's path) in format `fmt` for the archive's current
    version, open for reading; written first from the chunks `write()` yields if there is none."""
    folder = Path(settings.EXPORT_CACHE_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    stem = _stem(key, fmt)
    version = archive_version() if version is None else version
    path = folder / f"{stem}-v{version}.{fmt}"
    existing = _open(path)
    if existing is not None:
        return existing
    with _locked(folder / f"{stem}.lock"):
        existing = _open(path)  # another process wrote it while this one waited
        if existing is not None:
            return existing
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{stem}-", suffix=".part")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
                for chunk in write():
                    out.write(chunk)
            # A change committed while the rows were read may show in part, as it would in a
            # streamed export; its version bump commits with it, so every request that reads
            # the new version asks for a new file, and this one serves only earlier readers.
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        handle = open(path, "rb")  # noqa: SIM115 (the response closes it)
        _remove_older(folder, stem, keep=path)
    return handle


def _open(path: Path) -> BinaryIO | None:
    try:
        return open(path, "rb")  # the response closes it
    except FileNotFoundError:
        return None


def _stem(key: str, fmt: str) -> str:
    # The database is part of the name: two databases can be at the same version number.
    db = settings.DATABASES["default"]
    identity = f"{connection.vendor}:{db.get('HOST', '')}:{db.get('PORT', '')}:{db['NAME']}"
    digest = hashlib.sha256(f"{identity}|{key}|{fmt}".encode()).hexdigest()[:16]
    readable = re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-") or "home"
    return f"{readable}-{digest}"


def _remove_older(folder: Path, stem: str, keep: Path) -> None:
    # A reader still streaming an older file keeps it open: unlinking it is safe on POSIX.
    for old in folder.glob(f"{stem}-v*.*"):
        if old != keep:
            old.unlink(missing_ok=True)


@contextmanager
def _locked(lock_path: Path):
    with open(lock_path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
