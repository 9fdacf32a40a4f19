"""Home: the rounds on a timeline, the archive's counts, the latest ingested articles."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_timeline_groups_rounds_by_year(client, archive):
    html = client.get(reverse("rounds:home")).content.decode()
    timeline = html.split('id="timeline"')[1].split("</section>")[0]
    years = re.findall(r'<h3 id="year-(\d+)">', timeline)
    assert years == ["2017", "2018", "2019", "2021", "2022", "2023", "2024"]
    year_2019 = timeline.split('id="year-2019"')[1].split("</li>\n    </ol>")[0]
    chip_13 = timeline.split('data-round="13">')[1].split("</a>")[0]
    assert "1 Aug · Nur-Sultan" in chip_13
    assert "1 article<" in chip_13
    assert re.findall(r'data-round="(\d+)"', year_2019)[:3] == ["12", "13", "14"]


def test_counts(client, archive):
    html = client.get(reverse("rounds:home")).content.decode()
    counts = html.split('id="archive-counts"')[1].split("</ul>")[0]
    assert "<strong>22</strong> rounds" in counts
    assert "<strong>3</strong> articles" in counts
    assert "<strong>4</strong> delegations" in counts  # the rejected one is not counted
    assert "<strong>3</strong> participants" in counts


def test_latest_ingested_articles_first(client, archive, build):
    newest = build.article("Fresh news.", title="Just ingested", published=None)
    html = client.get(reverse("rounds:home")).content.decode()
    latest = html.split('id="latest-articles"')[1].split("</ol>")[0]
    titles = re.findall(r'<a href="/articles/\d+/">([^<]+)</a>', latest)
    assert titles[0] == newest.title
    assert len(titles) == 4


def test_empty_archive(client, db):
    html = client.get(reverse("rounds:home")).content.decode()
    assert "No articles have been ingested yet." in html
