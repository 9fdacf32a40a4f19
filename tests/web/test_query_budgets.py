"""No page's query count grows with its rows: each page is measured with many rows in the
database (three pages of articles, every round with delegations, observers and topics) and
must stay within a fixed budget."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article

# (url name, kwargs, query string, budget). A budget is the page's whole cost: filter-form
# choices (kept per archive version and read here cold: one query per model offered, the
# article filters' publishers, languages and years one more), the count and the page of rows,
# one query per prefetch.
# Every public page first reads the archive's version for the page cache (a miss here).
VERSION_READ = 1
# Pages that count a round's articles (or weigh topics by their share of them) read the
# articles per round (rounds/aggregates.py) on a cold cache: one grouped count, keyed on the
# version the page cache read (no second read of it).
ROUND_COUNTS = 1
# Unfiltered lists and grids keep their facet counts per archive version (the same version);
# a cold cache counts them, within the page's own budget.
FACETS_KEPT = 0

PAGES = [
    ("rounds:home", {}, "", 5 + ROUND_COUNTS),
    # Five grouped counts for the facets (year, city, party, observer, topic); the parties
    # read once for the two selects that offer them.
    ("rounds:round-list", {}, "", 12 + ROUND_COUNTS),
    (
        "rounds:round-list",
        {},
        "?year=2019&party=russia&topic=idlib&participant=person",
        14 + ROUND_COUNTS,
    ),
    # The round, its delegations, observers and topics, their best evidence (one query for
    # the three), each delegation's heads counted with the best quotes per head (one query),
    # the articles quoted, the round's articles, and the calendar (kept per archive version,
    # read here cold).
    ("rounds:round-detail", {"number": 13}, "", 9 + ROUND_COUNTS),
    ("rounds:round-topic", {"number": 13, "slug": "humanitarian-aid"}, "", 3),
    ("rounds:delegation-evidence", {"number": 13, "slug": "russia"}, "", 5),
    ("rounds:observer-evidence", {"number": 13, "slug": "jordan"}, "", 3),
    # The fact grids and lists count their facets: party and role; party; topic.
    ("rounds:delegation-grid", {}, "", 5 + FACETS_KEPT),
    ("rounds:delegation-grid", {}, "?party=russia&role=guarantor&round_from=2&round_to=20", 6),
    ("rounds:delegation-list", {}, "", 5 + FACETS_KEPT),
    ("rounds:observer-grid", {}, "", 4 + FACETS_KEPT),
    ("rounds:observer-list", {}, "?party=jordan", 5),
    ("rounds:topic-grid", {}, "", 4 + ROUND_COUNTS),
    ("rounds:topic-list", {}, "?topic=idlib", 5 + ROUND_COUNTS),
    # One grouped count for the party facet.
    ("rounds:participant-list", {}, "", 6 + FACETS_KEPT),
    ("rounds:participant-list", {}, "?q=person&party=russia", 7),
    # Its articles are paginated (a count) and its spellings counted (one grouped query).
    ("rounds:participant-detail", {"slug": "person-001"}, "", 6),
    ("rounds:party-list", {}, "", 3),
    ("rounds:party-detail", {"slug": "russia"}, "", 4),
    # The article list also counts, per facet (round, year, publisher, language, party (two),
    # topic), what each choice would leave: seven grouped counts, and the party and topic
    # choices; a search reads every person's spellings once (on PostgreSQL its statements
    # are wrapped in SET and RESET of the planner's scans).
    ("articles:article-list", {}, "", 10),
    ("articles:article-list", {}, "?q=Syria&round=5&publisher=Publisher+5&language=en", 16),
    ("articles:article-list", {}, "?unlinked=on&published_from=2017-01-01", 10),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "kwargs", "query", "budget"), PAGES)
def test_page_queries_stay_within_budget(
    client, many_rows, name, kwargs, query, budget, django_assert_max_num_queries
):
    url = reverse(name, kwargs=kwargs) + query
    with django_assert_max_num_queries(budget + VERSION_READ):
        response = client.get(url)
    assert response.status_code == 200


# Unfiltered pages once their facet counts are kept (a second visit, the archive unchanged,
# the page cache off): (url name, budget). The counts' grouped queries are gone (five on the
# rounds list, two on the delegations' pages, one on the others), and so are the articles
# per round, the filter forms' choices (the rounds list's years, cities, parties and
# topics; the parties or topics of the others; the article list's rounds, parties, topics,
# publishers, languages and years) and the grids' columns (the calendar): a grid is its
# facts, one query.
WARM_PAGES = [
    ("rounds:round-list", 3),
    ("rounds:delegation-grid", 1),
    ("rounds:delegation-list", 2),
    ("rounds:observer-grid", 1),
    ("rounds:observer-list", 2),
    ("rounds:topic-grid", 1),
    ("rounds:topic-list", 2),
    ("rounds:participant-list", 4),
    ("articles:article-list", 1),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "budget"), WARM_PAGES)
def test_unfiltered_pages_keep_their_facet_counts(
    client, many_rows, settings, name, budget, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0  # the page itself made again, its counts kept
    url = reverse(name)
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(budget + VERSION_READ):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.django_db
def test_article_page_queries_stay_within_budget(client, many_rows, django_assert_max_num_queries):
    article = Article.objects.filter(delegationmentions__isnull=False).first()
    with django_assert_max_num_queries(5 + VERSION_READ):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "budget"),
    [
        ("rounds:round-list", 6 + ROUND_COUNTS),
        ("rounds:delegation-grid", 6),
        ("rounds:observer-grid", 6),
        ("rounds:topic-grid", 6),
        ("rounds:participant-list", 6),
        ("articles:article-list", 6),
    ],
)
def test_export_queries_do_not_grow_with_rows(client, many_rows, name, budget):
    """An export reads in chunks: a few queries per thousand rows, never one per row."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name) + "?format=csv")
        rows = b"".join(response.streaming_content).count(b"\n") - 1
    assert rows > 20
    assert len(queries) <= budget
