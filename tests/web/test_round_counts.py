"""The articles per round that topic shares are computed from (rounds/aggregates.py) are
cached under the archive's version: every change to the articles must show at once."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from rounds.aggregates import articles_per_round
from rounds.models import Round, RoundTopic


def share_of(number: int, slug: str) -> tuple[int, float]:
    round_topic = RoundTopic.objects.with_share().get(round__number=number, topic__slug=slug)
    return round_topic.round_article_count, round_topic.share


@pytest.mark.django_db
def test_counts_follow_every_change_of_the_articles(build):
    first = build.article("The 12th round discussed Idlib.", round=12)
    build.article("The 12th round ended.", round=12)
    build.round_topic(12, "idlib", articles=[(first, "The 12th round discussed Idlib.")])
    assert articles_per_round()[build.round(12).pk] == 2
    assert share_of(12, "idlib") == (2, 0.5)

    third = build.article("Delegates left the 12th round.", round=12)
    assert share_of(12, "idlib") == (3, pytest.approx(1 / 3))

    third.round = build.round(13)
    third.save()
    assert share_of(12, "idlib") == (2, 0.5)
    assert articles_per_round()[build.round(13).pk] == 1

    Article.objects.get(pk=third.pk).delete()
    assert build.round(13).pk not in articles_per_round()


@pytest.mark.django_db
def test_the_topic_grid_shows_the_new_share_after_an_article_arrives(build):
    first = build.article("The 12th round discussed Idlib.", round=12)
    build.round_topic(12, "idlib", articles=[(first, "The 12th round discussed Idlib.")])
    client = Client()
    assert "100%" in client.get(reverse("rounds:topic-grid")).content.decode()
    build.article("The 12th round ended.", round=12)
    html = client.get(reverse("rounds:topic-grid")).content.decode()
    assert "50%" in html and "100%" not in html


@pytest.mark.django_db
def test_the_rounds_article_counts_follow_every_change(build):
    def count(number: int) -> int:
        return Round.objects.with_article_count().get(number=number).article_count

    assert count(12) == 0
    article = build.article("The 12th round opened.", round=12)
    assert count(12) == 1
    article.round = build.round(13)
    article.save()
    assert (count(12), count(13)) == (0, 1)
