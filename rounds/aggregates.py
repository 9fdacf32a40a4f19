"""Aggregates that change only with the archive's version, read once per version.

Every write to the archive bumps its version (rounds/versioning.py), so a count cached under
the version is never stale: the first request after a change reads it again. Within one
request it is read at most once, whatever number of querysets use it.
"""

from __future__ import annotations

import threading
from typing import Any

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db.models import Count

CACHE_SECONDS = 3600

# What this request has read already; only while a request is being served (a command or a
# shell has no request to bound it, and reads the version every time).
_request = threading.local()


def _start(**kwargs: Any) -> None:
    _request.memo = {}


def _finish(**kwargs: Any) -> None:
    _request.memo = None


request_started.connect(_start, dispatch_uid="rounds.aggregates.start")
request_finished.connect(_finish, dispatch_uid="rounds.aggregates.finish")


def articles_per_round() -> dict[int, int]:
    """How many articles report on each round, by round id (rounds without any left out)."""
    memo = getattr(_request, "memo", None)
    if memo is not None and "articles_per_round" in memo:
        return memo["articles_per_round"]
    from articles.models import Article
    from rounds.versioning import archive_version

    key = f"rounds:articles-per-round:{archive_version()}"
    counts = cache.get(key)
    if counts is None:
        rows = Article.objects.exclude(round=None).order_by().values("round").annotate(n=Count("*"))
        counts = dict(rows.values_list("round", "n"))
        cache.set(key, counts, CACHE_SECONDS)
    if memo is not None:
        memo["articles_per_round"] = counts
    return counts
