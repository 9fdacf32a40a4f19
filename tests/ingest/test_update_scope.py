"""Updating an article touches its own evidence and the facts that evidence supported, not
the rest of the archive: what goes is only what lost its last evidence and is the machine's."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from articles.services.ingest import ingest_paths, reextract_articles
from rounds.models import Delegation, DelegationMention, Observer, ObserverMention, Round
from rounds.provenance import EditorialState
from tests.ingest.conftest import ROUND_14, ROUND_23, write

pytestmark = pytest.mark.django_db

WITHOUT_JORDAN = ROUND_14.replace("Jordan, ", "")


def jordan_at_14():
    return Observer.objects.filter(party__name="Jordan", round__number=14)


def test_a_fact_losing_its_last_evidence_goes_and_the_others_stay(tmp_path):
    a = write(tmp_path, "a.txt", ROUND_14)
    b = write(tmp_path, "b.txt", ROUND_23)
    ingest_paths([a, b])
    assert jordan_at_14().exists()
    article = Article.objects.get(source_name="a.txt")
    delegation_evidence = DelegationMention.objects.filter(article=article).count()
    other_round = set(Observer.objects.filter(round__number=23).values_list("pk", flat=True))

    write(tmp_path, "a.txt", WITHOUT_JORDAN)
    report = ingest_paths([a])

    assert report.count("updated") == 1
    assert not jordan_at_14().exists()
    assert Observer.objects.filter(party__name="Iraq", round__number=14).exists()
    assert set(Observer.objects.filter(round__number=23).values_list("pk", flat=True)) == (
        other_round
    )
    # The article's evidence was replaced, not added to.
    assert not ObserverMention.objects.filter(article=article, observer__party__name="Jordan")
    assert DelegationMention.objects.filter(article=article).count() == delegation_evidence


def test_an_editors_fact_keeps_when_its_evidence_goes(tmp_path):
    a = write(tmp_path, "a.txt", ROUND_14)
    ingest_paths([a])
    jordan_at_14().update(state=EditorialState.CONFIRMED)

    write(tmp_path, "a.txt", WITHOUT_JORDAN)
    ingest_paths([a])

    assert list(jordan_at_14().values_list("state", flat=True)) == [EditorialState.CONFIRMED]


def test_a_fact_still_supported_by_another_article_stays(tmp_path):
    a = write(tmp_path, "a.txt", ROUND_14)
    b = write(tmp_path, "b.txt", ROUND_14.replace("Wednesday", "Wednesday evening"))
    ingest_paths([a, b])
    jordan = jordan_at_14().get()

    write(tmp_path, "a.txt", WITHOUT_JORDAN)
    ingest_paths([a])

    assert jordan_at_14().get() == jordan
    assert ObserverMention.objects.filter(observer=jordan).count() == 1


def test_facts_left_without_evidence_by_a_deleted_article_go_at_the_next_run(tmp_path):
    a = write(tmp_path, "a.txt", ROUND_14)
    b = write(tmp_path, "b.txt", ROUND_23)
    ingest_paths([a, b])
    Article.objects.filter(source_name="a.txt").delete()  # as in the admin

    reextract_articles()

    round_14 = Round.objects.get(number=14)
    assert not Delegation.objects.filter(round=round_14).exists()
    assert not Observer.objects.filter(round=round_14).exists()
    assert Delegation.objects.filter(round__number=23).exists()


def test_reextracting_an_article_asks_nothing_of_other_articles_evidence(tmp_path):
    a = write(tmp_path, "a.txt", ROUND_14)
    b = write(tmp_path, "b.txt", ROUND_23)
    ingest_paths([a, b])
    article = Article.objects.get(source_name="a.txt")

    with CaptureQueriesContext(connection) as queries:
        reextract_articles([article])

    mention_tables = ("rounds_delegationmention", "rounds_observermention", "rounds_topicmention")
    for query in queries.captured_queries:
        sql = query["sql"]
        if any(f'"{table}"' in sql for table in mention_tables) and "INSERT" not in sql:
            # Every read or delete of evidence names the article or the facts concerned.
            assert "WHERE" in sql, sql
            assert "LEFT OUTER JOIN" not in sql, sql
