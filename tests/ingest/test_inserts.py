"""Ingest's plain inserts store exactly what the ORM would have stored."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article
from articles.services.inserts import insert_instance, update_rows
from rounds.models import Round

pytestmark = pytest.mark.django_db

# Timestamps that `pre_save` fills at insert time, so they differ between the two rows.
STAMPS = {"id", "ingested_at", "updated_at"}


def new_article(name: str) -> Article:
    return Article(
        source_path=f"/articles/{name}",
        source_name=name,
        content_hash=name.ljust(64, "0"),
        title="Astana talks end",
        publisher="Wire",
        published=date(2019, 12, 11),
        published_sentence="date 2019-12-11",
        text="The 14th round of the Astana talks ended on Wednesday.",
        round=Round.objects.get(number=14),
        round_method="ordinal",
        round_sentence="The 14th round of the Astana talks ended on Wednesday.",
        round_start=0,
        round_end=55,
        round_confidence=0.9,
        extracted_at=timezone.now(),
    )


def stored(article: Article) -> dict:
    row = Article.objects.filter(pk=article.pk).values().get()
    return {name: value for name, value in row.items() if name not in STAMPS}


# PostgreSQL always has RETURNING; SQLite before 3.35 does not, and falls back to lastrowid.
@pytest.mark.parametrize("returning", [True] + ([False] if connection.vendor == "sqlite" else []))
def test_insert_instance_stores_what_save_stores(monkeypatch, returning):
    monkeypatch.setattr(connection.features, "can_return_columns_from_insert", returning)
    by_orm, raw = new_article("a.txt"), new_article("b.txt")
    by_orm.save()
    raw.extracted_at = by_orm.extracted_at

    insert_instance(raw)

    assert raw.pk is not None and raw.pk != by_orm.pk
    assert not raw._state.adding
    names = {"source_path": "/articles/b.txt", "source_name": "b.txt"}
    assert stored(raw) == stored(by_orm) | names | {"content_hash": "b.txt".ljust(64, "0")}
    fresh = Article.objects.get(pk=raw.pk)
    assert fresh.ingested_at is not None and fresh.updated_at is not None
    assert fresh.round.number == 14 and fresh.published == date(2019, 12, 11)


def test_update_rows_sets_the_fields_of_each_row_by_primary_key_and_nothing_else(
    django_assert_num_queries,
):
    first = Round.objects.create(number=90, city="Astana", confirmed=False)
    second = Round.objects.create(number=91, city="Sochi", confirmed=False)
    untouched = Round.objects.create(number=92, city="Tehran", confirmed=False)

    update_rows(
        Round, ("city", "confirmed"), [("Nur-Sultan", True, first.pk), ("Ankara", False, second.pk)]
    )

    rows = dict(Round.objects.filter(number__gte=90).values_list("number", "city"))
    assert rows == {90: "Nur-Sultan", 91: "Ankara", 92: "Tehran"}
    assert Round.objects.get(pk=first.pk).confirmed
    assert not Round.objects.get(pk=untouched.pk).confirmed
    with django_assert_num_queries(0):
        update_rows(Round, ("city",), [])
