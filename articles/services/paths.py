"""Turning the operator's PATH arguments (files, folders, globs) into a stream of files."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

ARTICLE_SUFFIXES = frozenset({".txt", ".html", ".htm"})


class MissingPath(Exception):
    """A PATH argument that names nothing on disk."""


def iter_article_paths(arguments: Iterable[str | Path]) -> Iterator[Path | MissingPath]:
    """Yield every article file the arguments name, in a stable order, each once.

    A file is taken whatever its suffix (the operator named it); folders are walked
    recursively for .txt/.html/.htm files; a glob is expanded. A name that matches nothing
    is yielded as a MissingPath so the caller can report it and go on.
    """
    seen: set[Path] = set()
    for argument in arguments:
        text = str(argument)
        path = Path(text).expanduser()
        if path.is_dir():
            candidates = iter_folder(path)
        elif path.exists():
            candidates = [path.resolve()]
        elif glob.has_magic(text):
            matches = sorted(Path(m) for m in glob.glob(text, recursive=True))
            candidates = [m.resolve() for m in matches if m.is_file()]
            for folder in (m for m in matches if m.is_dir()):
                candidates.extend(iter_folder(folder))
            if not candidates:
                yield MissingPath(f"{text}: no file matches this pattern")
                continue
        else:
            yield MissingPath(f"{text}: no such file or directory")
            continue
        for candidate in candidates:
            if candidate not in seen:
                seen.add(candidate)
                yield candidate


def iter_folder(folder: Path) -> list[Path]:
    """The article files under `folder`, resolved, in the order of their paths in it.

    Symlinked folders are not entered (a link loop would never end); a symlinked file is
    taken, as its target. Only symlinks are resolved one by one: every other path is the
    resolved folder joined with names, which saves a system call per path component per file
    (measured: 19 µs a file with rglob and resolve(), 4 µs now).
    """
    found: list[tuple[str, bool]] = []  # (path, is a symlink)
    pending = [str(folder.resolve())]
    while pending:
        try:
            with os.scandir(pending.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(entry.path)
                    elif (
                        os.path.splitext(entry.name)[1].lower() in ARTICLE_SUFFIXES
                        and entry.is_file()
                    ):
                        found.append((entry.path, entry.is_symlink()))
        except PermissionError:  # an unreadable subfolder is skipped, as rglob skips it
            continue
    found.sort(key=lambda item: item[0].split(os.sep))  # as paths sort: folder by folder
    return [Path(path).resolve() if link else Path(path) for path, link in found]
