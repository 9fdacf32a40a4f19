"""Deep pages of the article list: the rows of page N are read keys first (KeysFirstPaginator)
and must be exactly the rows the list shows there, in its order, whatever the sort or filter;
the result count comes from the facets' grouped query and must match the rows."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse

from articles.models import Article
from articles.views import KeysFirstPaginator

ARTICLES = reverse("articles:article-list")


@pytest.fixture
def crowded(build) -> list[Article]:
    """175 articles, many published on the same day (ties broken by id), some undated, some
    linked to round 12, most from TASS, all mentioning the ceasefire."""
    articles = []
    for n in range(175):
        published = None if n % 17 == 0 else date(2019, 1, 1) + timedelta(days=n // 6)
        articles.append(
            build.article(
                f"Report {n}: the ceasefire held in Idlib, envoys said.",
                title=f"Report {n:03d}",
                round=12 if n % 3 == 0 else None,
                publisher="Example News" if n % 4 == 0 else "TASS",
                published=published,
            )
        )
    return articles


def listed_ids(html: str) -> list[int]:
    body = html.split('id="article-list"')[1].split("</ol>")[0]
    return [int(pk) for pk in re.findall(r'class="article-title" href="/articles/(\d+)/"', body)]


def result_count(html: str) -> int:
    return int(re.search(r'id="result-count"><strong>(\d+)</strong>', html).group(1))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["", "sort=oldest", "sort=newest", "publisher=TASS", "round=12&sort=oldest", "q=ceasefire"],
)
def test_every_page_shows_the_rows_of_its_place_in_the_list(client, crowded, query):
    # The whole list, as one page of every row would show it: the order the pages must follow.
    everything = client.get(f"{ARTICLES}?{query}")
    expected_count = result_count(everything.content.decode())
    full = everything.context["view"].get_queryset()
    expected = list(full.values_list("pk", flat=True))
    assert len(expected) == expected_count
    assert expected_count > 50  # several pages, or the test proves nothing
    seen: list[int] = []
    pages = (expected_count + 49) // 50
    for number in range(1, pages + 1):
        html = client.get(f"{ARTICLES}?{query}&page={number}").content.decode()
        rows = listed_ids(html)
        assert rows == expected[(number - 1) * 50 : number * 50], f"page {number}"
        assert result_count(html) == expected_count
        seen += rows
    assert sorted(seen) == sorted(pk for pk in expected)


@pytest.mark.django_db
def test_a_page_number_past_the_end_shows_the_last_page(client, crowded):
    last = client.get(f"{ARTICLES}?page=4").content.decode()
    beyond = client.get(f"{ARTICLES}?page=99").content.decode()
    assert listed_ids(beyond) == listed_ids(last)
    assert len(listed_ids(last)) == 175 - 150


@pytest.mark.django_db
def test_keys_first_pages_equal_offset_pages(crowded):
    """The paginator against Django's own, page by page, on the list's ordering."""
    from django.core.paginator import Paginator

    articles = Article.objects.for_listing()
    ours, plain = KeysFirstPaginator(articles, 50, orphans=5), Paginator(articles, 50, orphans=5)
    assert ours.num_pages == plain.num_pages
    for number in plain.page_range:
        assert [a.pk for a in ours.page(number)] == [a.pk for a in plain.page(number)]
