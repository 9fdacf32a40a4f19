"""The archive's version: bumped by every write, read by the public page cache."""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from django.db.models import F
from django.db.models.functions import Now
from django.utils import timezone

from rounds.models import ArchiveState

_held = contextvars.ContextVar("archive_version_held", default=False)


def archive_version() -> int:
    version = ArchiveState.objects.filter(pk=1).values_list("version", flat=True).first()
    return version or 0


def archive_state() -> tuple[int, datetime | None]:
    """The archive's version and when it last changed (None before the first change)."""
    row = ArchiveState.objects.filter(pk=1).values_list("version", "changed_at").first()
    return row if row else (0, None)


def bump_archive_version() -> None:
    """Mark the archive changed (inside the writer's transaction, so it commits with it)."""
    if not ArchiveState.objects.filter(pk=1).update(version=F("version") + 1, changed_at=Now()):
        ArchiveState.objects.update_or_create(
            pk=1, defaults={"version": 1, "changed_at": timezone.now()}
        )


@contextmanager
def bumps_held() -> Iterator[None]:
    """Within this block, saves do not bump the version one by one: the writer (ingest)
    bumps once per article it commits."""
    token = _held.set(True)
    try:
        yield
    finally:
        _held.reset(token)


def on_archive_change(sender, **kwargs) -> None:
    """Signal receiver for saves and deletes of archive models and admin history entries."""
    if not _held.get() and sender is not ArchiveState:
        bump_archive_version()
