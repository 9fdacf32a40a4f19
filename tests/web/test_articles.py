"""The article list (filters, search, pagination) and an article with its facts highlighted."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from rounds.models import ObserverMention
from rounds.provenance import EditorialState
from rounds.templatetags.archive import Span, highlight, locate

ARTICLES = reverse("articles:article-list")


def listed_titles(html: str) -> list[str]:
    if 'id="article-list"' not in html:
        return []
    body = html.split('id="article-list"')[1].split("</ol>")[0]
    return re.findall(r'class="article-title" href="[^"]+">([^<]+)</a>', body)


@pytest.mark.django_db
class TestArticleList:
    def test_lists_articles_newest_first(self, client, archive):
        html = client.get(ARTICLES).content.decode()
        assert listed_titles(html) == [
            "Ankara summit on Syria",
            "Astana talks: 13th round ends in Nur-Sultan",
            "Twelfth round opens",
        ]

    @pytest.mark.parametrize(
        ("query", "titles"),
        [
            ("round=13", ["Astana talks: 13th round ends in Nur-Sultan"]),
            ("unlinked=on", ["Ankara summit on Syria"]),
            ("publisher=TASS", ["Twelfth round opens"]),
            (
                "published_from=2019-08-01&published_to=2019-08-31",
                ["Astana talks: 13th round ends in Nur-Sultan"],
            ),
            ("published_from=2019-09-01", ["Ankara summit on Syria"]),
            ("language=en&round=12", ["Twelfth round opens"]),
            ("q=Ankara", ["Ankara summit on Syria"]),
            ("q=observers+Lebanon", ["Astana talks: 13th round ends in Nur-Sultan"]),
            ("q=Nur-Sultan&round=12", ["Twelfth round opens"]),
            ("q=nothingmatcheszz", []),
        ],
    )
    def test_filters_and_search(self, client, archive, query, titles):
        response = client.get(f"{ARTICLES}?{query}")
        assert response.status_code == 200
        assert listed_titles(response.content.decode()) == titles

    def test_language_filter_and_undated_articles(self, client, archive, build):
        build.article("Русский текст", title="Russian text", language="ru", published=None)
        html = client.get(f"{ARTICLES}?language=ru").content.decode()
        assert listed_titles(html) == ["Russian text"]
        assert "undated" in html

    @pytest.mark.parametrize(
        ("query", "message"),
        [
            ("published_from=yesterday", "Enter a valid date."),
            ("round=99", "Select a valid choice."),
            ("publisher=Nobody", "Select a valid choice."),
            ("published_from=2020-01-01&published_to=2019-01-01", "comes after the end date"),
            ("round=13&unlinked=on", "not both"),
        ],
    )
    def test_bad_filters_show_a_form_error(self, client, archive, query, message):
        response = client.get(f"{ARTICLES}?{query}")
        assert response.status_code == 400
        html = response.content.decode()
        assert message in html
        assert listed_titles(html) == []
        assert '<form class="filters"' in html

    def test_paginates_by_fifty_keeping_filters(self, client, many_rows):
        html = client.get(f"{ARTICLES}?language=en").content.decode()
        assert len(listed_titles(html)) == 50
        assert "showing 1\u201350" in html
        assert 'href="?language=en&amp;page=2" rel="next"' in html
        page_3 = client.get(f"{ARTICLES}?language=en&page=3").content.decode()
        assert 0 < len(listed_titles(page_3)) <= 50

    @pytest.mark.parametrize("page", ["999", "abc", "-1"])
    def test_out_of_range_pages_show_a_page_not_an_error(self, client, many_rows, page):
        response = client.get(f"{ARTICLES}?page={page}")
        assert response.status_code == 200
        assert listed_titles(response.content.decode())


@pytest.mark.django_db
class TestArticleDetail:
    def test_text_with_facts_highlighted_and_escaped(self, client, archive):
        response = client.get(archive["report"].get_absolute_url())
        assert response.status_code == 200
        html = response.content.decode()
        text = html.split('id="article-text"')[1].split("</div>")[0]
        assert '<mark class="hl hl-round"' in text
        assert '<mark class="hl hl-date"' in text
        assert '<mark class="hl hl-delegation"' in text
        assert '<mark class="hl hl-observer"' in text
        assert "the &lt;Constitutional Committee&gt; &amp; more." in text
        assert "<Constitutional" not in text
        # Two topics share one sentence: one mark carries both.
        assert text.count('class="hl hl-topic"') == 1
        legend = html.split('class="legend-box"')[1].split("</div>")[0]
        for meaning in ("Round the article reports on", "Delegation and its head", "Observer"):
            assert meaning in legend

    def test_every_fact_links_to_its_place_in_the_text(self, client, archive):
        html = client.get(archive["report"].get_absolute_url()).content.decode()
        facts = html.split('aria-labelledby="facts-heading"')[1]
        anchors = re.findall(r'class="jump" href="#([^"]+)"', facts)
        assert len(anchors) == 8  # round, date, two delegations, two observers, two topics
        for anchor in anchors:
            assert f'id="{anchor}"' in html
        assert "Russia: Alexander Lavrentiev" in facts
        assert "Iran: Ali Asghar Khaji" in facts

    def test_rejected_facts_are_neither_listed_nor_marked(self, client, archive):
        report = archive["report"]
        sentence = "The parties discussed the situation in Idlib"
        ObserverMention.objects.create(
            observer=archive["rejected_observer"], article=report, sentence=sentence, start=0, end=0
        )
        html = client.get(report.get_absolute_url()).content.decode()
        assert "United States" not in html
        assert "hl-observer hl-topic" not in html

    def test_unlinked_article(self, client, archive):
        html = client.get(archive["unlinked"].get_absolute_url()).content.decode()
        assert "not linked to a round" in html
        assert 'id="no-facts"' in html
        assert "<mark" not in html.split('id="article-text"')[1]

    def test_extracted_round_link_is_marked(self, client, archive, build):
        article = build.article("Round 13.", round=13, round_state=EditorialState.CONFIRMED)
        html = client.get(article.get_absolute_url()).content.decode()
        meta = html.split('id="article-meta"')[1].split("</dl>")[0]
        assert "fact-mark-extracted" not in meta
        html = client.get(archive["report"].get_absolute_url()).content.decode()
        meta = html.split('id="article-meta"')[1].split("</dl>")[0]
        assert "fact-mark-extracted" in meta

    def test_unknown_article_is_a_404(self, client, archive):
        assert client.get("/articles/999999/").status_code == 404


class TestHighlight:
    def test_plain_text_is_escaped(self):
        assert highlight("<script>x</script> & y", []) == "&lt;script&gt;x&lt;/script&gt; &amp; y"

    def test_marks_a_span_with_an_anchor(self):
        html = highlight("Alpha beta gamma", [Span(6, 10, "topic", "Topic: B", "fact-topic-1")])
        assert html == (
            'Alpha <span class="anchor" id="fact-topic-1"></span>'
            '<mark class="hl hl-topic" title="Topic: B">beta</mark> gamma'
        )

    def test_overlapping_spans_stay_well_formed(self):
        spans = [
            Span(0, 10, "delegation", "D", "a"),
            Span(5, 15, "topic", "T", "b"),
        ]
        html = highlight("0123456789ABCDEFGHIJ", spans)
        assert html.count("<mark") == html.count("</mark>") == 3
        assert '<mark class="hl hl-delegation" title="D">01234</mark>' in html
        assert '<mark class="hl hl-delegation hl-topic hl-multi" title="D; T">56789</mark>' in html
        assert '<mark class="hl hl-topic" title="T">ABCDE</mark>FGHIJ' in html

    def test_labels_are_escaped(self):
        html = highlight("abc", [Span(0, 3, "topic", '"><img src=x>', "x")])
        assert "<img" not in html
        assert "&quot;&gt;&lt;img src=x&gt;" in html

    def test_spans_outside_the_text_are_ignored(self):
        assert (
            highlight("abc", [Span(2, 10, "topic", "T", "x"), Span(3, 3, "topic", "T", "y")])
            == "abc"
        )

    def test_locate_trusts_offsets_that_still_hold(self):
        text = "One. Two three. Two three."
        assert locate(text, 16, 26, "Two three.") == (16, 26)

    def test_locate_finds_a_sentence_whose_offsets_are_stale(self):
        text = "A new first line. Then the sentence."
        assert locate(text, 0, 13, "Then the sentence.") == (18, 36)

    def test_locate_gives_up_rather_than_mark_the_wrong_text(self):
        assert locate("Entirely different text.", 0, 10, "Gone sentence.") is None


def test_date_filter_boundaries_are_inclusive(db, build):
    from articles.filters import ArticleFilter
    from articles.models import Article

    build.article("a", title="On the day", published=date(2019, 8, 1))
    data = {"published_from": "2019-08-01", "published_to": "2019-08-01"}
    filterset = ArticleFilter(data=data, queryset=Article.objects.all())
    assert filterset.is_valid()
    assert [a.title for a in filterset.qs] == ["On the day"]
