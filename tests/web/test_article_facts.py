"""The article page's facts panel says what this article says, not the round's consolidation."""

from __future__ import annotations

import pytest

from rounds.models import DelegationMention

pytestmark = pytest.mark.django_db


def facts_panel(client, article) -> str:
    html = client.get(article.get_absolute_url()).content.decode()
    return html.split('aria-labelledby="facts-heading"')[1]


def test_head_title_is_the_one_this_article_wrote(client, build):
    text = "Turkey's delegation was led by Deputy Foreign Minister Sedat Onal."
    article = build.article(text, round=9)
    onal = build.participant("Sedat Onal")
    delegation = build.delegation(9, "turkey", onal, title="Ambassador to the talks")
    DelegationMention.objects.create(
        delegation=delegation,
        article=article,
        sentence=text,
        start=0,
        end=len(text),
        head=onal,
        head_title="Deputy Foreign Minister",
    )
    panel = facts_panel(client, article)
    assert "Turkey: Sedat Onal" in panel
    assert "Deputy Foreign Minister" in panel
    assert "Ambassador to the talks" not in panel
    assert "head at this round" not in panel  # the same person


def test_an_article_naming_no_head_does_not_borrow_the_rounds(client, build):
    text = "Turkey also took part in the talks."
    article = build.article(text, round=9)
    delegation = build.delegation(9, "turkey", build.participant("Sedat Onal"), title="envoy")
    DelegationMention.objects.create(
        delegation=delegation, article=article, sentence=text, start=0, end=len(text)
    )
    panel = facts_panel(client, article)
    assert "Turkey: no head named here" in panel
    assert "envoy" not in panel
    assert "head at this round:" in panel
