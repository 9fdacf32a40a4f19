"""The admin shows, beside each piece of evidence, the extraction rule that read the fact there:
an editor checking a fact sees why the software believed it without running anything."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from articles.models import Article
from rounds.models import DelegationMention, ObserverMention
from tests.admin.conftest import ROUND_14_TEXT, admin_url, make_article, sentence_offsets

pytestmark = pytest.mark.django_db

HEAD_SENTENCE = "Russia's delegation was led by presidential envoy Alexander Lavrentiev."
CANDIDATES = (
    "14 (ordinal in the headline): won, score 3.2",
    "13 (ordinal in background): lost, score 0.4",
)


@pytest.fixture
def ruled_article(round14_article) -> Article:
    """The round 14 article as an ingest with rules recorded would leave it."""
    Article.objects.filter(pk=round14_article.pk).update(
        round_candidates="\n".join(CANDIDATES), published_rule="date:test-stamp"
    )
    DelegationMention.objects.filter(article=round14_article).update(
        rule="presence:test-list", head_rule="head:test-led-by"
    )
    ObserverMention.objects.filter(article=round14_article).update(rule="observer:test-as")
    round14_article.refresh_from_db()
    return round14_article


def test_article_page_lists_the_round_decision_and_each_evidence_rule(editor_client, ruled_article):
    html = editor_client.get(admin_url(ruled_article)).text
    # The round decision: every candidate line, in order.
    positions = [html.index(escape(line)) for line in CANDIDATES]
    assert positions == sorted(positions)
    assert 'class="round-candidates"' in html
    assert "date:test-stamp" in html
    # Beside the evidence: each mention's rule, and the head's rule.
    for rule in ("presence:test-list", "head:test-led-by", "observer:test-as"):
        assert f"<code>{rule}</code>" in html
    # The highlighted sentence names its rule on hover.
    assert 'title="Russia at Round 14 (rule presence:test-list)"' in html
    assert 'title="Jordan observing Round 14 (rule observer:test-as)"' in html


def test_head_named_in_another_sentence_is_highlighted_and_linked(editor_client, ruled_article):
    mention = DelegationMention.objects.get(article=ruled_article)
    presence = ROUND_14_TEXT.split(". ")[0] + "."
    start, end = sentence_offsets(ROUND_14_TEXT, presence)
    head_start, head_end = sentence_offsets(ROUND_14_TEXT, HEAD_SENTENCE)
    DelegationMention.objects.filter(pk=mention.pk).update(
        sentence=presence,
        start=start,
        end=end,
        head_sentence=HEAD_SENTENCE,
        head_start=head_start,
        head_end=head_end,
    )
    html = editor_client.get(admin_url(ruled_article)).text
    # The head's sentence is highlighted with what it supports, and the inline jumps to it.
    assert (
        'title="Head of Russia at Round 14: Alexander Lavrentiev (rule head:test-led-by)"' in html
    )
    assert f'href="#m-{head_start}-{head_end}"' in html


def test_delegation_page_shows_the_rules_beside_its_evidence(editor_client, ruled_article):
    delegation = DelegationMention.objects.get(article=ruled_article).delegation
    html = editor_client.get(admin_url(delegation)).text
    assert "<code>presence:test-list</code>" in html
    assert "<code>head:test-led-by</code>" in html
    assert "the same sentence" in html  # the head was named in the mention's own sentence


def test_evidence_browser_filters_by_rule(editor_client, ruled_article):
    url = admin_url(DelegationMention, "changelist")
    html = editor_client.get(url, {"rule": "presence:test-list"}).text
    assert escape(HEAD_SENTENCE)[:40] in html
    other = editor_client.get(url, {"rule": "presence:another"}).text
    assert escape(HEAD_SENTENCE)[:40] not in other


def test_article_text_takes_the_direction_of_its_language(editor_client):
    article = make_article("نص عربي قصير عن المحادثات.", language="ar")
    html = editor_client.get(admin_url(article)).text
    assert '<div class="article-text" lang="ar" dir="rtl">' in html
    assert "Arabic (ar)" in html
