"""The article list's facet counts, read together (one grouped query, or on PostgreSQL with
a search one statement over the matched articles), must equal each facet counted alone."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from articles.filters import ArticleFilter
from articles.models import Article
from rounds.filters import ArchiveFilterSet


def counted_alone(filterset: ArticleFilter) -> dict[str, dict[str, int]]:
    """The reference: every list's way, one grouped query per facet (rounds/filters.py)."""
    counts = ArchiveFilterSet.facet_counts(filterset)
    return {facet: {k: n for k, n in keys.items() if n} for facet, keys in counts.items()}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {},
        {"q": "Idlib"},
        {"q": "delegation -007"},
        {"q": "Idlib", "language": "ru"},
        {"q": "headed", "party": "russia", "topic": "idlib"},
        {"round": "5", "publisher": "Publisher 3"},
        {"unlinked": "on"},
    ],
)
def test_facets_read_together_equal_each_facet_alone(many_rows, query):
    request = RequestFactory().get("/articles/", query)
    filterset = ArticleFilter(
        data=request.GET, queryset=Article.objects.for_listing(), request=request
    )
    assert filterset.is_valid(), filterset.errors
    together = filterset.facet_counts()
    together = {facet: {k: n for k, n in keys.items() if n} for facet, keys in together.items()}
    assert together == counted_alone(filterset)
    assert any(together.values())  # something was counted, or the comparison proves nothing
    if filterset.matched is not None:
        assert filterset.matched == filterset.qs.count()


@pytest.mark.django_db
def test_the_whole_archives_facets_follow_every_change(client, build):
    """Kept per archive version: a new or re-linked article shows in the counts at once."""
    build.article("The 12th round opened.", round=12, publisher="TASS")

    def labels() -> str:
        return client.get("/articles/").content.decode()

    html = labels()
    assert "TASS (1)" in html and "Round 12 (1)" in html and "Round 13 (0)" in html
    moved = build.article("The 12th round closed.", round=12, publisher="TASS")
    html = labels()
    assert "TASS (2)" in html and "Round 12 (2)" in html and "<strong>2</strong>" in html
    moved.round = build.round(13)
    moved.save()
    html = labels()
    assert "Round 12 (1)" in html and "Round 13 (1)" in html
