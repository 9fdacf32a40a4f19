"""A researcher's main paths through the archive, in a real Chromium, on the sample articles.

The data is what `make run` shows: the vocabulary migration's calendar, and the sample
articles in articles/samples/ put through the real ingest command. Each path saves
screenshots of its pages in build/screenshots/ for review.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Article
from rounds.models import Round
from tests.browser.conftest import screenshot

SAMPLES = Path(__file__).resolve().parents[2] / "articles" / "samples"

pytestmark = [
    pytest.mark.browser,
    # The live server runs in another thread, so tests commit their data; the vocabulary
    # rows from the data migration are restored after each test for the tests that follow.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def archive() -> dict[str, int]:
    """The sample articles ingested as `make run` does; returns their count."""
    # The calendar from the data migration, as on a real site (restored after each test).
    assert Round.objects.filter(confirmed=True).count() == 22
    out = io.StringIO()
    call_command("ingest", str(SAMPLES), stdout=out, stderr=io.StringIO())
    count = Article.objects.count()
    assert count == len([p for p in SAMPLES.iterdir() if p.name != "README.md"]), out.getvalue()
    return {"articles": count}


def heading(page) -> str:
    return page.locator("main h1").inner_text().strip()


def test_home_to_round_to_participant_to_article(page, archive):
    page.goto("/")
    assert heading(page) == "The Astana talks on Syria"
    assert re.search(rf"\b{archive['articles']}\s+articles\b", page.inner_text("#archive-counts"))
    assert page.locator("#timeline a.round-chip").count() == 22
    screenshot(page, "01-home")

    page.click('#timeline a.round-chip[data-round="9"]')
    page.wait_for_url("**/rounds/9/")
    assert heading(page) == "Round 9"
    summary = page.inner_text("#round-summary")
    assert "May 2018" in summary and "Astana" in summary
    # The sample article on round 9 names Russia's envoy; his name links to his page.
    russia = page.locator("#delegation-russia")
    head = russia.locator('td[data-label="Head"] a')
    head_name = head.inner_text().strip()
    assert "Lavrentiev" in head_name
    assert page.locator("#round-articles li").count() >= 1
    screenshot(page, "02-round-9")

    head.click()
    page.wait_for_url("**/participants/*/")
    assert heading(page) == head_name
    attended = page.locator("#attendance-table tbody tr")
    assert attended.count() >= 1
    assert "Round 9" in page.inner_text("#attendance-table")
    screenshot(page, "03-participant")

    article_link = page.locator("#participant-articles a").first
    title = article_link.inner_text().strip()
    article_link.click()
    page.wait_for_url(re.compile(r"/articles/\d+/$"))
    assert heading(page) == title
    assert page.locator("#article-text").inner_text().strip()
    # The sentence that named the head is highlighted in the text.
    assert "Lavrentiev" in page.inner_text("#article-text")
    screenshot(page, "04-article")


def test_filter_articles_and_download_csv(page, archive, live_server):
    page.goto("/articles/")
    assert page.locator("#article-list > li").count() == archive["articles"]
    screenshot(page, "05-articles")

    page.select_option("#id_round", "15")
    page.click("#filters button[type=submit]")
    page.wait_for_url(re.compile(r"[?&]round=15\b"))
    items = page.locator("#article-list > li")
    expected = list(Article.objects.for_round(15).order_by("-published", "-pk"))
    assert items.count() == len(expected) >= 1
    for i, article in enumerate(expected):
        assert article.title in items.nth(i).inner_text()
        assert "Round 15" in items.nth(i).inner_text()
    assert page.inner_text("#result-count").startswith(f"{len(expected)} article")
    screenshot(page, "06-articles-round-15")

    with page.expect_download() as download_info:
        page.click('#exports a[data-format="csv"]')
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["id", "title", "publisher"]
    assert {"round", "published", "url", "source_name"} <= set(header)
    assert len(body) == len(expected)
    records = [dict(zip(header, row, strict=True)) for row in body]
    assert {r["title"] for r in records} == {a.title for a in expected}
    assert {r["round"] for r in records} == {"15"}
    assert all(r["url"].startswith(live_server.url + "/articles/") for r in records)


def test_search_with_no_match_says_so(page, archive):
    page.goto("/articles/")
    page.fill("#id_q", "zeppelin")
    page.click("#filters button[type=submit]")
    page.wait_for_url(re.compile(r"[?&]q=zeppelin"))
    assert page.locator("#article-list").count() == 0
    assert "zeppelin" in page.inner_text("#no-results")


def test_round_by_round_grids(page, archive):
    page.goto("/delegations/")
    grid = page.locator("#delegation-grid")
    assert "Russia" in grid.locator("#party-russia th").inner_text()
    assert "Lavrentiev" in grid.locator("#party-russia").inner_text()
    screenshot(page, "07-delegations-grid")

    page.goto("/topics/")
    assert page.locator("main table, main .grid").count() >= 1
    screenshot(page, "08-topics-grid")

    page.goto("/observers/")
    assert page.locator("main table, main .grid").count() >= 1
    screenshot(page, "09-observers-grid")

    page.goto("/rounds/")
    assert page.locator("#rounds-table tbody tr").count() == 22
    assert "Lavrentiev" in page.inner_text("#round-9")
    screenshot(page, "10-rounds")

    page.goto("/parties/russia/")
    assert heading(page) == "Russia"
    screenshot(page, "11-party-russia")


def test_invalid_filter_is_explained_on_the_page(page, archive):
    page.goto("/articles/?published_from=2024-01-01&published_to=2017-01-01")
    alert = page.locator("#filters-errors")
    assert alert.is_visible()
    assert "comes after" in alert.inner_text()
