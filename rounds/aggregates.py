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
from django.db.models import Count, Expression, IntegerField

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


class CountOf(Expression):
    """The count `counts` gives for the row's `key` column (0 for a key it lacks), written
    into the query as one simple CASE: `CASE key WHEN 1 THEN 212 WHEN 2 THEN 198 ... END`.

    One expression with one column under it, cheap to copy and compile (a Case of When()
    per key is copied and resolved as many times as the queryset is cloned)."""

    def __init__(self, key: Expression, counts: dict[int, int]) -> None:
        super().__init__(output_field=IntegerField())
        self.key = key
        self.counts = sorted(counts.items())

    def get_source_expressions(self) -> list[Expression]:
        return [self.key]

    def set_source_expressions(self, expressions: list[Expression]) -> None:
        (self.key,) = expressions

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        key_sql, key_params = compiler.compile(self.key)
        if not self.counts:
            return "0", []
        whens = " ".join(["WHEN %s THEN %s"] * len(self.counts))
        params = [value for pair in self.counts for value in pair]
        return f"(CASE {key_sql} {whens} ELSE 0 END)", [*key_params, *params]
