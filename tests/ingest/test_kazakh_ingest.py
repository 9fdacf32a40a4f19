"""A Kazakh page through `manage.py ingest`: stored as "kk" with its facts, not counted among
the languages without rules."""

from __future__ import annotations

import pytest

from articles.models import Article
from rounds.models import DelegationMention, ObserverMention, TopicMention
from tests.extraction.test_kazakh import ROUND_20
from tests.ingest.conftest import write

pytestmark = pytest.mark.django_db


def test_a_kazakh_wire_story_is_ingested_with_its_facts(tmp_path, ingest):
    path = write(tmp_path, "kk.txt", ROUND_20)
    code, out, _ = ingest(path)
    assert code == 0
    article = Article.objects.get()
    assert article.language == "kk" and article.has_extraction_rules
    assert article.round is not None and article.round.number == 20
    assert str(article.published) == "2023-06-20"
    heads = dict(
        DelegationMention.objects.filter(article=article).values_list(
            "delegation__party__name", "head__name"
        )
    )
    assert heads["Russia"] == "Александр Лаврентьев"
    assert {"Turkey", "Iran", "Syrian government", "Syrian opposition"} <= heads.keys()
    observers = ObserverMention.objects.filter(article=article)
    assert set(observers.values_list("observer__party__name", flat=True)) == {
        "Jordan",
        "Lebanon",
        "Iraq",
    }
    topics = set(
        TopicMention.objects.filter(article=article).values_list(
            "round_topic__topic__slug", flat=True
        )
    )
    assert {"ceasefire", "humanitarian-aid", "constitutional-committee"} <= topics
    assert "without rules" not in out
