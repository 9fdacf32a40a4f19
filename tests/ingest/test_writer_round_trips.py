"""The writer's shortcuts on PostgreSQL (pipelined writes, commits not waiting for the disk,
the search vector recomputed only when its words change) change nothing a reader sees."""

from __future__ import annotations

import pytest
from django.db import connection

from articles.models import Article
from articles.services.ingest import ingest_paths, reextract_articles
from rounds.models import Delegation, DelegationMention
from tests.ingest.conftest import ROUND_14, ROUND_23, write

pytestmark = pytest.mark.django_db


def setting(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


def test_search_finds_an_updated_articles_new_words_and_keeps_finding_it(tmp_path):
    path = write(tmp_path, "a.txt", ROUND_14)
    ingest_paths([path])
    write(tmp_path, "a.txt", ROUND_14 + "\nThe delegates toured a pomegranate orchard.\n")

    ingest_paths([path])
    assert list(Article.objects.search("pomegranate").values_list("source_name", flat=True)) == [
        "a.txt"
    ]

    reextract_articles()
    assert Article.objects.search("pomegranate").count() == 1
    assert Article.objects.search("orchard Lavrentiev").count() == 1


def test_reextraction_rewrites_the_same_facts(tmp_path):
    ingest_paths([write(tmp_path, "a.txt", ROUND_14), write(tmp_path, "b.txt", ROUND_23)])
    before = sorted(
        DelegationMention.objects.values_list(
            "article__source_name", "delegation__party__name", "head__name", "sentence"
        )
    )
    heads = sorted(Delegation.objects.values_list("round__number", "party__name", "head__name"))

    report = reextract_articles()

    assert report.count("updated") == 2
    assert (
        sorted(
            DelegationMention.objects.values_list(
                "article__source_name", "delegation__party__name", "head__name", "sentence"
            )
        )
        == before
    )
    assert sorted(Delegation.objects.values_list("round__number", "party__name", "head__name")) == (
        heads
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_the_sessions_commit_setting_is_restored_after_a_run(tmp_path):
    before = setting("synchronous_commit")
    ingest_paths([write(tmp_path, "a.txt", ROUND_14)])
    assert setting("synchronous_commit") == before
    assert Article.objects.count() == 1
