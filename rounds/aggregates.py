"""Aggregates that change only with the archive's version, read once per version.

Every write to the archive bumps its version (rounds/versioning.py), so a count cached under
the version is never stale: the first request after a change reads it again. Within one
request it is read at most once, whatever number of querysets use it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db.models import Count, Expression, IntegerField

CACHE_SECONDS = 3600
T = TypeVar("T")

# What this request has read already; only while a request is being served (a command or a
# shell has no request to bound it, and reads the version every time).
_request = threading.local()


def _start(**kwargs: Any) -> None:
    _request.memo = {}


def _finish(**kwargs: Any) -> None:
    _request.memo = None


request_started.connect(_start, dispatch_uid="rounds.aggregates.start")
request_finished.connect(_finish, dispatch_uid="rounds.aggregates.finish")


def use_request_version(version: int) -> None:
    """The version the page cache has read for this (public) request: the aggregates key on
    it too, so a page and the counts it shows are of the same version, read once."""
    memo = getattr(_request, "memo", None)
    if memo is not None:
        memo["version"] = version


def request_archive_version() -> int:
    """The archive's version, read once a request however many aggregates key on it."""
    from rounds.versioning import archive_version

    memo = getattr(_request, "memo", None)
    if memo is None:
        return archive_version()
    if "version" not in memo:
        memo["version"] = archive_version()
    return memo["version"]


def per_version(name: str, compute: Callable[[], T], seconds: int = CACHE_SECONDS) -> T:
    """`compute()`, kept in the cache under `name` and the archive's version: read from the
    database once per version (and at most once a request)."""
    memo = getattr(_request, "memo", None)
    if memo is not None and name in memo:
        return memo[name]
    key = f"{name}:{request_archive_version()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    if memo is not None:
        memo[name] = value
    return value


def articles_per_round() -> dict[int, int]:
    """How many articles report on each round, by round id (rounds without any left out)."""
    return per_version("rounds:articles-per-round", _count_articles_per_round)


def _count_articles_per_round() -> dict[int, int]:
    from articles.models import Article

    rows = Article.objects.exclude(round=None).order_by().values("round").annotate(n=Count("*"))
    return dict(rows.values_list("round", "n"))


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
