"""A participant's page: every article naming them (paginated, exportable), their spellings
with counts and links, and the old URL of a merged participant leading to the survivor."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from rounds.models import DelegationMention
from rounds.services import merge_participants

pytestmark = pytest.mark.django_db


@pytest.fixture
def envoy(build):
    person = build.participant("Alexander Lavrentiev", "Alexander Lavrentyev")
    delegation = build.delegation(14, "russia", person)
    for k in range(55):
        written = "Alexander Lavrentyev" if k < 5 else "Alexander Lavrentiev"
        text = f"Russia's delegation was led by {written}, report {k}."
        article = build.article(text, title=f"Report {k:02}", round=14)
        DelegationMention.objects.create(
            delegation=delegation,
            article=article,
            sentence=text,
            head=person,
            head_as_written=written,
            confidence=0.9,
        )
    return person


def listed(html: str) -> list[str]:
    feed = html.split('id="participant-articles"')[1].split("</ol>")[0]
    return re.findall(r'<li><a href="/articles/\d+/">([^<]+)</a>', feed)


def test_every_article_is_listed_page_by_page(client, envoy):
    first = client.get(envoy.get_absolute_url()).content.decode()
    second = client.get(envoy.get_absolute_url() + "?page=2").content.decode()
    assert len(listed(first)) == 50
    assert len(listed(second)) == 5
    assert not set(listed(first)) & set(listed(second))


def test_spellings_are_counted_and_lead_to_their_articles(client, envoy):
    html = client.get(envoy.get_absolute_url()).content.decode()
    names = html.split('id="aliases"')[1].split("</ul>")[0]
    assert 'Alexander Lavrentiev</a> <span class="muted">(50 articles, canonical)' in names
    assert 'Alexander Lavrentyev</a> <span class="muted">(5 articles)' in names
    narrowed = client.get(envoy.get_absolute_url() + "?spelling=Alexander+Lavrentyev")
    assert len(listed(narrowed.content.decode())) == 5


def test_articles_export_with_sentence_and_confidence(client, envoy):
    response = client.get(envoy.get_absolute_url() + "?format=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 55
    assert rows[0]["sentence"].startswith("Russia's delegation was led by")
    assert rows[0]["confidence"] == "0.9"
    assert rows[0]["round"] == "14" and rows[0]["party"] == "Russia"


def test_a_merged_participants_old_url_redirects_to_the_survivor(client, build, envoy):
    duplicate = build.participant("A. Lavrentev")
    old_url = duplicate.get_absolute_url()
    merge_participants(envoy, [duplicate])
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == envoy.get_absolute_url()
    assert client.get("/participants/never-existed/").status_code == 404


def test_participant_export_carries_articles_and_evidence(client, envoy):
    response = client.get("/participants/?format=json")
    rows = json.loads(b"".join(response.streaming_content))
    row = next(r for r in rows if r["slug"] == envoy.slug)
    assert row["articles"] == 55
    assert row["best_sentence"].startswith("Russia's delegation was led by")
    assert row["evidence_url"].endswith(envoy.get_absolute_url() + "?format=csv")


def test_participant_list_counts_people_per_party(client, envoy, build):
    build.delegation(15, "iran", build.participant("Ali Asghar Khaji"))
    html = client.get("/participants/").content.decode()
    parties = html.split('name="party"')[1].split("</select>")[0]
    assert "Russia (1)</option>" in parties and "Iran (1)</option>" in parties
    assert "Turkey (0)</option>" in parties


def test_articles_without_a_recorded_spelling_are_counted_apart(client, envoy):
    DelegationMention.objects.filter(head=envoy, head_as_written="Alexander Lavrentyev").update(
        head_as_written=""
    )
    html = client.get(envoy.get_absolute_url()).content.decode()
    assert "5 articles name them without the spelling recorded." in html
    names = html.split('id="aliases"')[1].split("</ul>")[0]
    assert 'Alexander Lavrentyev <span class="muted">(0 articles)' in names
