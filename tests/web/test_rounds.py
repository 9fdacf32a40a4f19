"""The rounds list with its filters, a round's page, and a topic's sentences at a round."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from rounds.provenance import EditorialState

pytestmark = pytest.mark.django_db


def round_numbers(response) -> list[int]:
    return [int(n) for n in re.findall(r'<tr id="round-(\d+)"', response.content.decode())]


class TestRoundList:
    url = reverse("rounds:round-list")

    def test_lists_every_round_with_guarantor_heads_and_article_count(self, client, archive):
        response = client.get(self.url)
        assert response.status_code == 200
        assert round_numbers(response) == list(range(1, 23))
        html = response.content.decode()
        row_13 = html.split('<tr id="round-13">')[1].split("</tr>")[0]
        assert "1\u20132 August 2019" in row_13
        assert "Nur-Sultan" in row_13
        assert "Alexander Lavrentiev" in row_13
        assert "Ali Asghar Khaji" in row_13
        assert f'{reverse("articles:article-list")}?round=13">1</a>' in row_13

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("year=2019", [12, 13, 14]),
            ("city=Sochi", [10, 15]),
            ("party=russia", [12, 13]),
            ("observer=lebanon", [13]),
            ("observer=jordan", [12]),
            ("topic=idlib", [13]),
            ("participant=Lavrentyev", [12, 13]),  # an alias
            ("participant=ali-asghar-khaji", [12, 13]),  # a slug
            ("year=2019&observer=jordan", [12]),
        ],
    )
    def test_filters(self, client, archive, query, expected):
        response = client.get(f"{self.url}?{query}")
        assert response.status_code == 200
        assert round_numbers(response) == expected

    def test_rejected_facts_do_not_count_as_present(self, client, archive):
        # The United States' delegation and observer seat at round 13 were both rejected.
        for query in ("party=united-states", "observer=united-states", "topic=sanctions"):
            response = client.get(f"{self.url}?{query}")
            assert round_numbers(response) == [], query

    @pytest.mark.parametrize("query", ["party=atlantis", "year=1999", "topic=nope", "city=Paris"])
    def test_bad_filter_values_show_a_form_error(self, client, archive, query):
        response = client.get(f"{self.url}?{query}")
        assert response.status_code == 400
        html = response.content.decode()
        assert 'class="errorlist"' in html
        assert "Select a valid choice" in html
        assert round_numbers(response) == []

    def test_no_match_says_so(self, client, archive):
        response = client.get(f"{self.url}?participant=Nobody+Atall")
        assert response.status_code == 200
        assert 'id="no-results"' in response.content.decode()


class TestRoundDetail:
    def url(self, number: int) -> str:
        return reverse("rounds:round-detail", kwargs={"number": number})

    def test_stable_url(self):
        assert self.url(13) == "/rounds/13/"

    def test_delegations_with_role_head_and_title(self, client, archive):
        html = client.get(self.url(13)).content.decode()
        russia = html.split('id="delegation-russia"')[1].split("</tr>")[0]
        assert "Guarantor" in russia
        assert "Alexander Lavrentiev" in russia
        assert "Russian presidential envoy for Syria" in russia
        assert archive["lavrentiev"].get_absolute_url() in russia

    def test_unconfirmed_facts_are_marked_extracted(self, client, archive):
        html = client.get(self.url(13)).content.decode()
        russia = html.split('id="delegation-russia"')[1].split("</tr>")[0]
        iran = html.split('id="delegation-iran"')[1].split("</tr>")[0]
        assert "fact-mark-extracted" not in russia  # confirmed by an editor
        assert "fact-mark-extracted" in iran
        lebanon = html.split('id="observer-lebanon"')[1].split("</tr>")[0]
        iraq = html.split('id="observer-iraq"')[1].split("</tr>")[0]
        assert "fact-mark-extracted" in lebanon
        assert "fact-mark-extracted" not in iraq

    def test_rejected_facts_are_never_shown(self, client, archive):
        html = client.get(self.url(13)).content.decode()
        assert "United States" not in html
        assert "Bashar al-Jaafari" not in html  # head of the rejected delegation
        assert "Sanctions" not in html
        assert 'id="topic-sanctions"' not in html

    def test_observers_topics_with_sentences_and_articles(self, client, archive):
        html = client.get(self.url(13)).content.decode()
        assert 'id="observer-lebanon"' in html
        assert 'id="observer-iraq"' in html
        idlib = html.split('id="topic-idlib"')[1].split('id="topic-')[0].split("</section>")[0]
        # The sentence is escaped, never interpreted as markup.
        assert "the &lt;Constitutional Committee&gt; &amp; more." in idlib
        assert archive["report"].get_absolute_url() in idlib
        articles = html.split('id="round-articles"')[1]
        assert "Astana talks: 13th round ends in Nur-Sultan" in articles
        assert "Twelfth round opens" not in articles

    def test_previous_and_next_rounds(self, client, archive):
        html = client.get(self.url(13)).content.decode()
        assert 'href="/rounds/12/" rel="prev"' in html
        assert 'href="/rounds/14/" rel="next"' in html
        first = client.get(self.url(1)).content.decode()
        assert 'rel="prev"' not in first
        last = client.get(self.url(22)).content.decode()
        assert 'rel="next"' not in last

    def test_round_without_facts_says_so(self, client, archive):
        html = client.get(self.url(5)).content.decode()
        assert "No delegation of this round is known yet." in html
        assert "No article reports on this round yet." in html

    def test_unknown_round_is_a_404(self, client, archive):
        assert client.get(self.url(99)).status_code == 404

    def test_title_and_breadcrumbs(self, client, archive):
        html = client.get(self.url(13)).content.decode()
        assert "<title>Round 13 · Astana talks archive</title>" in html
        crumbs = html.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
        assert 'href="/rounds/">Rounds</a>' in crumbs
        assert '<span aria-current="page">Round 13</span>' in crumbs


class TestRoundTopic:
    def test_lists_every_supporting_sentence(self, client, archive):
        url = reverse("rounds:round-topic", kwargs={"number": 13, "slug": "idlib"})
        assert url == "/rounds/13/topics/idlib/"
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "situation in Idlib" in html
        assert archive["report"].get_absolute_url() in html

    def test_rejected_or_absent_topic_is_a_404(self, client, archive):
        for slug in ("sanctions", "demining", "no-such-topic"):
            url = reverse("rounds:round-topic", kwargs={"number": 13, "slug": slug})
            assert client.get(url).status_code == 404, slug

    def test_editor_added_topic_without_sentences(self, client, build):
        build.round_topic(7, "demining", state=EditorialState.ADDED)
        response = client.get(
            reverse("rounds:round-topic", kwargs={"number": 7, "slug": "demining"})
        )
        assert response.status_code == 200
        assert "no article sentence supports it" in response.content.decode()


def test_round_page_shows_the_three_most_confident_sentences_of_each_fact(client, build):
    """Delegations, observers and topics each show their best evidence, most confident first
    (the oldest first among equals), and no sentence of another fact."""
    from rounds.models import DelegationMention, ObserverMention, TopicMention

    articles = [build.article(f"Report {n} from the fourth round.", round=4) for n in range(5)]
    delegation = build.delegation(4, "russia")
    observer = build.observer(4, "jordan")
    topic = build.round_topic(4, "idlib", state=EditorialState.CONFIRMED)
    build.delegation(5, "russia", article=articles[0], sentence="Another round's delegation.")
    confidences = (0.5, 0.9, 0.7, 0.95, 0.9)
    for kind, model, fact in (
        ("delegation", DelegationMention, delegation),
        ("observer", ObserverMention, observer),
        ("round_topic", TopicMention, topic),
    ):
        for n, confidence in enumerate(confidences):
            model.objects.create(
                article=articles[n],
                sentence=f"{kind} sentence {n}",
                confidence=confidence,
                **{kind: fact},
            )
    html = client.get(reverse("rounds:round-detail", kwargs={"number": 4})).content.decode()

    for kind in ("delegation", "observer", "round_topic"):
        shown = re.findall(rf"<q>{kind} sentence (\d)</q>", html)
        assert shown == ["3", "1", "4"], kind
    assert "Another round" not in html
