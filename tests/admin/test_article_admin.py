"""The article page: highlighted evidence, and the round link an editor confirms or changes."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from articles.admin import Span, highlight
from articles.models import Article, RoundLinkMethod
from rounds.models import Round
from rounds.provenance import EditorialState

from .conftest import (
    ROUND_14_TEXT,
    admin_url,
    history,
    make_article,
    post_action,
    post_change_form,
)

# --- highlight(): a pure function ---------------------------------------------------------

TEXT = "First sentence. Second <b>sentence</b>. Third one."


def test_highlight_marks_each_span_with_its_anchor_and_escapes_the_rest():
    html = highlight(TEXT, [Span(16, 38, "Russia at Round 14", "Second <b>sentence</b>.")])
    assert html == (
        "First sentence. "
        '<mark id="m-16-38" title="Russia at Round 14">Second &lt;b&gt;sentence&lt;/b&gt;.</mark>'
        " Third one."
    )


def test_highlight_joins_facts_that_share_a_sentence():
    html = highlight(TEXT, [Span(0, 15, "Round link"), Span(0, 15, "Idlib at Round 14")])
    assert html.count("<mark") == 1
    assert 'title="Round link; Idlib at Round 14"' in html


def test_highlight_merges_overlapping_spans_keeping_both_anchors():
    html = highlight(TEXT, [Span(0, 15, "a"), Span(6, 38, "b")])
    assert html.count("<mark") == 1
    assert 'id="m-0-15"' in html and 'id="m-6-38"' in html


def test_highlight_finds_a_sentence_whose_offsets_are_stale():
    html = highlight("Preface added. " + TEXT, [Span(0, 15, "a", "First sentence.")])
    assert '<mark id="m-0-15" title="a">First sentence.</mark>' in html


def test_highlight_skips_spans_that_are_nowhere():
    html = highlight(TEXT, [Span(500, 600, "a"), Span(0, 5, "b", "Not in the text.")])
    assert html == escape(TEXT)


# --- The article page ---------------------------------------------------------------------


@pytest.mark.django_db
def test_article_page_shows_text_with_every_evidence_sentence_highlighted(
    editor_client, round14_article
):
    response = editor_client.get(admin_url(round14_article))
    html = response.text
    assert html.count("<mark ") == 4  # round link, delegation, observer, topic
    assert 'title="Round link: Round 14 (rule ordinal)"' in html
    assert 'title="Russia at Round 14"' in html
    assert 'title="Jordan observing Round 14"' in html
    # The round link and the metadata are form fields; the text and provenance are read-only.
    assert list(response.context["adminform"].form.fields) == [
        "round",
        "title",
        "publisher",
        "published",
        "metadata_locked",
    ]
    assert 'name="_confirm"' in html
    # The view-on-site link to the public page.
    assert f"/admin/r/{response.context['content_type_id']}/{round14_article.pk}/" in html


@pytest.mark.django_db
def test_editor_relinks_an_article_to_another_round(editor_client, round14_article):
    round13 = Round.objects.get(number=13)
    response = post_change_form(editor_client, round14_article, {"round": round13.pk})
    assert response.status_code == 302
    article = Article.objects.get(pk=round14_article.pk)
    assert article.round == round13
    assert article.round_state == EditorialState.CHANGED
    assert article.round_method == RoundLinkMethod.EDITOR
    assert article.round_sentence == ""  # the machine's evidence was for the old link
    assert "Round" in history(article)[-1].get_change_message()


@pytest.mark.django_db
def test_editor_relinks_an_article_to_no_round(editor_client, round14_article):
    post_change_form(editor_client, round14_article, {"round": ""})
    article = Article.objects.get(pk=round14_article.pk)
    assert article.round is None
    assert (article.round_state, article.round_method) == ("changed", "editor")


@pytest.mark.django_db
def test_correcting_the_metadata_locks_it(editor_client, round14_article):
    response = post_change_form(
        editor_client,
        round14_article,
        {"title": "Astana talks resume", "published": "2019-12-11", "publisher": "Kazinform"},
    )
    assert response.status_code == 302
    article = Article.objects.get(pk=round14_article.pk)
    assert (article.title, str(article.published), article.publisher) == (
        "Astana talks resume",
        "2019-12-11",
        "Kazinform",
    )
    assert article.metadata_locked
    assert article.round_state == EditorialState.EXTRACTED  # the round link is another matter
    assert Article.objects.search("resume").filter(pk=article.pk).exists()


@pytest.mark.django_db
def test_confirm_button_confirms_the_round_link(editor_client, round14_article):
    post_change_form(editor_client, round14_article, _confirm="Save and confirm the round link")
    article = Article.objects.get(pk=round14_article.pk)
    assert article.round.number == 14
    assert (article.round_state, article.round_method) == ("confirmed", "ordinal")


@pytest.mark.django_db
def test_confirm_and_unlink_actions(editor_client, round14_article):
    other = make_article(
        "The 13th round of Astana talks on Syria ended.", round=Round.objects.get(number=13)
    )
    post_action(editor_client, Article, "confirm_round_links", [round14_article, other])
    assert set(Article.objects.values_list("round_state", flat=True)) == {"confirmed"}
    post_action(editor_client, Article, "unlink_from_round", [other])
    other.refresh_from_db()
    assert other.round is None and other.round_state == "changed"
    assert history(other)[-1].change_message == "Unlinked from Round 13 (list action)."


@pytest.mark.django_db
def test_editor_cannot_add_or_delete_articles(editor_client, round14_article):
    assert editor_client.get(admin_url(Article, "add")).status_code == 403
    assert editor_client.get(admin_url(round14_article, "delete")).status_code == 403


@pytest.mark.django_db
def test_article_changelist_date_hierarchy_filters_and_search(editor_client, round14_article):
    make_article("Unrelated text about the weather.", published=None)
    url = admin_url(Article, "changelist")
    response = editor_client.get(url)
    assert response.context["cl"].date_hierarchy == "published"
    assert editor_client.get(url, {"linked": "no"}).context["cl"].result_count == 1
    assert (
        editor_client.get(url, {"round_state__exact": "extracted"}).context["cl"].result_count == 2
    )
    found = editor_client.get(url, {"q": "Lavrentiev"}).context["cl"].result_list
    assert [a.pk for a in found] == [round14_article.pk]
    assert ROUND_14_TEXT[:20] not in response.text  # the list does not carry article texts
