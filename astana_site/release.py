"""Which release of the code is serving, for validators and cache keys.

A public page depends on the archive's version and on the code that renders it: after a
deploy that changes a template, a stylesheet or a view, browsers holding an ETag and a shared
page cache (CACHE_URL) must not keep serving the old rendering until the archive next changes.
The fingerprint is a hash of the files that shape a page, read once per process.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from django.conf import settings

# What renders a page: templates, our stylesheets and the apps' Python code.
RENDERING_GLOBS = (
    "templates/**/*.html",
    "static/**/*.css",
    "astana_site/**/*.py",
    "rounds/**/*.py",
    "articles/**/*.py",
    "articles/**/*.json",
)


@cache
def code_release() -> tuple[str, datetime]:
    """A short hash of the rendering files' contents, and the newest of their times."""
    base = Path(settings.BASE_DIR)
    digest = hashlib.blake2b(digest_size=6)
    newest = 0.0
    files = sorted(
        {
            path
            for pattern in RENDERING_GLOBS
            for path in base.glob(pattern)
            if path.is_file() and "migrations" not in path.parts
        }
    )
    for path in files:
        digest.update(str(path.relative_to(base)).encode())
        digest.update(path.read_bytes())
        newest = max(newest, path.stat().st_mtime)
    return digest.hexdigest(), datetime.fromtimestamp(newest, UTC)
