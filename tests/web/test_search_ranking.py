"""Ranked search on PostgreSQL: results ranked by the title and the lead (each article's
stored rank vector), every match found wherever its words are, snippets from the lead or the
whole text, and the rank vector kept current by ingest, re-extraction, an editor's change of
title and the migration that added it. SQLite has no ranking (the fallback: test_search.py)."""

from __future__ import annotations

import re
from datetime import date
from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse

from articles.models import RANK_LEAD_CHARS, Article
from articles.services.ingest import reextract_articles
from tests.admin.conftest import post_change_form
from tests.ingest.conftest import ROUND_14, write

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's ranked search"),
]

ARTICLES = reverse("articles:article-list")
# Text without the searched words, longer than the lead the rank vector holds.
FILLER = "The delegations met again in the capital and spoke to the press. " * 20
assert len(FILLER) > RANK_LEAD_CHARS


def results(client, query: str) -> list[tuple[str, str]]:
    """(title, snippet HTML) of each result, in the page's order."""
    html = client.get(f"{ARTICLES}?{query}").content.decode()
    body = html.split('id="article-list"')[1]
    found = re.findall(r'class="article-title" href="[^"]+">([^<]+)</a>', body)
    snippets = [s.split("</p>")[0] for s in body.split('class="snippet"')[1:]]
    return list(zip(found, snippets, strict=True))


def rank_document(article: Article) -> str | None:
    return Article.objects.filter(pk=article.pk).values_list("rank_document", flat=True).get()


@pytest.fixture
def three_articles(build) -> dict[str, Article]:
    """The word in a title, in a lead, and only far down a text: newest last in that order,
    so that date order alone would list them the other way round."""
    return {
        "title": build.article(
            "The talks went on. " + FILLER, title="Detainees freed", published=date(2017, 5, 4)
        ),
        "lead": build.article(
            "Detainees were exchanged on Monday. " + FILLER,
            title="Lead story",
            published=date(2018, 5, 4),
        ),
        "body": build.article(
            FILLER + "Both sides spoke of detainees.",
            title="Body story",
            published=date(2019, 5, 4),
        ),
    }


def test_title_then_lead_then_the_rest_of_the_text(client, three_articles):
    ranked = [title for title, _snippet in results(client, "q=detainees")]
    assert ranked == ["Detainees freed", "Lead story", "Body story"]


def test_every_match_is_found_wherever_its_words_are(client, three_articles):
    # The rank vector holds the lead only; matching reads the whole text.
    assert {title for title, _ in results(client, "q=detainees&sort=newest")} == {
        "Detainees freed",
        "Lead story",
        "Body story",
    }
    assert [title for title, _ in results(client, 'q="spoke of detainees"')] == ["Body story"]


def test_snippets_mark_the_words_in_the_lead_or_far_down_the_text(client, three_articles):
    snippets = dict(results(client, "q=detainees"))
    assert re.search(r"<mark>Detainees</mark> were exchanged", snippets["Lead story"])
    assert re.search(r"spoke of <mark>detainees</mark>", snippets["Body story"])


def test_a_search_leaves_the_planner_settings_as_it_found_them(client, three_articles):
    results(client, "q=detainees")
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"


def test_ingest_and_reextraction_write_the_rank_vector(tmp_path, settings):
    from django.core.management import call_command

    call_command("ingest", "--no-progress", str(write(tmp_path, "round14.txt", ROUND_14)))
    article = Article.objects.get()
    assert "lavrentiev" in rank_document(article)
    Article.objects.update(search_document=None, rank_document=None)  # as before a migration
    reextract_articles()
    assert "lavrentiev" in rank_document(article)


def test_an_editors_new_title_is_ranked(client, admin_client, three_articles):
    post_change_form(admin_client, three_articles["body"], {"title": "Detainees home at last"})
    assert "detaine" in rank_document(three_articles["body"])
    ranked = [title for title, _ in results(client, "q=detainees")]
    assert ranked.index("Detainees home at last") < ranked.index("Lead story")


def test_the_migration_fills_the_rank_vectors_of_stored_articles(three_articles):
    Article.objects.update(rank_document=None)
    migration = import_module("articles.migrations.0007_rank_document")
    with connection.schema_editor() as editor:
        migration.fill_rank_documents(apps, editor)
    assert "detaine" in rank_document(three_articles["title"])
    assert "detaine" in rank_document(three_articles["lead"])
    assert "detaine" not in rank_document(three_articles["body"])  # beyond the lead


def test_the_first_page_is_the_first_fifty_of_the_ranked_list(client, build):
    # Ranked in the facets' statement (KeysFirstPaginator.first_page_keys): the same rows, in
    # the same order, as the ranked query itself gives, ties included (same rank, same day).
    for n in range(70):
        build.article(
            "Detainees. " * (n % 4) + FILLER + ("Detainees." if n % 4 == 0 else ""),
            title=f"Detainees report {n}" if n % 5 == 0 else f"Report {n}",
            published=date(2019, 1, 1 + n % 6) if n % 7 else None,
        )
    view = client.get(f"{ARTICLES}?q=detainees&page=70").context["view"]
    ranked = list(view.get_queryset().values_list("title", flat=True))
    assert len(set(ranked[:50])) == 50 and len(ranked) == 70
    assert [title for title, _ in results(client, "q=detainees")] == ranked[:50]
    assert [title for title, _ in results(client, "q=detainees&page=2")] == ranked[50:]


def test_the_stored_vectors_hold_every_word_of_the_page_once_parsed(build):
    """The writer parses the lead and the rest apart (one pass over the text for both
    vectors): together they hold every word the whole text's vector holds, a word at the
    lead's edge included, and the rank vector is exactly what rank_vector() gives."""
    from articles.models import rank_vector

    edge = "x" * (RANK_LEAD_CHARS - 7) + " ceasefire monitoring continued. " + FILLER
    article = build.article(edge, title="Edge")
    Article.objects.filter(pk=article.pk).refresh_search_documents()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array(SELECT unnest(tsvector_to_array(search_document)) ORDER BY 1),"
            " array(SELECT unnest(tsvector_to_array("
            "  to_tsvector('english', title) || to_tsvector('english', text))) ORDER BY 1)"
            " FROM articles_article WHERE id = %s",
            [article.pk],
        )
        stored, whole = cursor.fetchone()
    assert stored == whole
    assert "ceasefir" in stored
    expected = (
        Article.objects.filter(pk=article.pk).annotate(r=rank_vector()).values_list("r", flat=True)
    )
    assert rank_document(article) == expected.get()
    assert "ceasefir" not in rank_document(article)  # past the lead's last space
