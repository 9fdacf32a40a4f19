"""Turning the operator's PATH arguments (files, folders, globs) into a stream of files."""

from __future__ import annotations

import glob
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
            candidates = [path]
        elif glob.has_magic(text):
            matches = sorted(Path(m) for m in glob.glob(text, recursive=True))
            candidates = [m for m in matches if m.is_file()]
            for folder in (m for m in matches if m.is_dir()):
                candidates.extend(iter_folder(folder))
            if not candidates:
                yield MissingPath(f"{text}: no file matches this pattern")
                continue
        else:
            yield MissingPath(f"{text}: no such file or directory")
            continue
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved not in seen:
                seen.add(resolved)
                yield resolved


def iter_folder(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()
    )
