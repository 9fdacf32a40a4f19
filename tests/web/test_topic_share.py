"""Round-level topics are significant, not saturated: a topic is on a round's agenda when a
large enough share of the round's articles put it there; the heat map shades that share."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from rounds.models import TOPIC_SHARE_THRESHOLD, RoundTopic
from rounds.provenance import EditorialState
from tests.web.test_grids import grid_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(build) -> dict:
    """Round 9: ten articles, half on Idlib, one touching sanctions. Round 10: two articles,
    both on Idlib."""
    round_9 = [build.article(f"Report {k} on the ninth round.", round=9) for k in range(10)]
    round_10 = [build.article(f"Report {k} on the tenth round.", round=10) for k in range(2)]
    return {
        "idlib_9": build.round_topic(9, "idlib", articles=[(a, "Idlib.") for a in round_9[:5]]),
        "sanctions_9": build.round_topic(9, "sanctions", articles=[(round_9[0], "Sanctions.")]),
        "idlib_10": build.round_topic(10, "idlib", articles=[(a, "Idlib.") for a in round_10]),
    }


def test_share_is_the_part_of_the_rounds_articles(agenda):
    shares = {
        (t.round.number, t.topic.slug): (t.mention_count, t.round_article_count, t.share)
        for t in RoundTopic.objects.with_share().select_related("round", "topic")
    }
    assert shares[(9, "idlib")] == (5, 10, 0.5)
    assert shares[(9, "sanctions")] == (1, 10, 0.1)
    assert shares[(10, "idlib")] == (2, 2, 1.0)
    significant = {(t.round.number, t.topic.slug) for t in RoundTopic.objects.significant()}
    assert significant == {(9, "idlib"), (10, "idlib")}


def test_an_editors_topic_is_on_the_agenda_whatever_its_share(agenda):
    RoundTopic.objects.filter(pk=agenda["sanctions_9"].pk).update(state=EditorialState.CONFIRMED)
    assert RoundTopic.objects.significant().filter(topic__slug="sanctions").exists()


def test_heat_map_shades_the_share_not_the_volume(client, agenda):
    html = client.get(reverse("rounds:topic-grid")).content.decode()
    rows = grid_rows(html, "topic-grid")
    assert "topic-sanctions" not in rows  # one article in ten: not on the agenda
    idlib = rows["topic-idlib"]
    assert ">50%<" in idlib[8] and 'aria-hidden="true">5</span>' in idlib[8]
    assert ">100%<" in idlib[9] and 'aria-hidden="true">2</span>' in idlib[9]
    cell = r'<td class="cell heat-(\d)[^"]*"><a href="/rounds/(\d+)/topics/idlib/'
    cells = re.findall(cell, html)
    shade = {int(number): int(level) for level, number in cells}
    assert shade[10] > shade[9]  # two of two articles outweigh five of ten


def test_minor_topics_can_be_shown_on_request(client, agenda):
    html = client.get(reverse("rounds:topic-grid") + "?minor=on").content.decode()
    assert "topic-sanctions" in grid_rows(html, "topic-grid")
    response = client.get(reverse("rounds:topic-list") + "?minor=on&format=json")
    listed = json.loads(b"".join(response.streaming_content))
    sanctions = next(row for row in listed if row["topic"] == "sanctions")
    assert sanctions["share"] == 0.1 and sanctions["on_agenda"] is False


def test_round_filter_by_topic_uses_the_same_rule(client, agenda):
    url = reverse("rounds:round-list")
    idlib = client.get(url + "?topic=idlib").content.decode()
    assert re.findall(r'<tr id="round-(\d+)"', idlib) == ["9", "10"]
    sanctions = client.get(url + "?topic=sanctions").content.decode()
    assert re.findall(r'<tr id="round-(\d+)"', sanctions) == []


def test_round_page_separates_the_agenda_from_passing_mentions(client, agenda):
    html = client.get(reverse("rounds:round-detail", kwargs={"number": 9})).content.decode()
    agenda_part, minor_part = html.split('id="minor-topics"')
    assert "50% of the articles (5 of 10)" in agenda_part
    assert "Sanctions" in minor_part.split("</ul>")[0]
    assert f"{TOPIC_SHARE_THRESHOLD:.0%}" in agenda_part


def test_round_list_choices_show_facet_counts(client, agenda):
    html = client.get(reverse("rounds:round-list") + "?topic=idlib").content.decode()
    topics = html.split('name="topic"')[1].split("</select>")[0]
    assert "Idlib (2)" in topics  # rounds 9 and 10, by the same rule as the filter
    assert "Sanctions (0)" in topics  # on no round's agenda
    years = html.split('name="year"')[1].split("</select>")[0]
    assert ">2018 (2)<" in years  # rounds 9 and 10 both in 2018, with Idlib on the agenda
