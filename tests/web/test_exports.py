"""CSV and JSON exports: the same rows as the filtered page, all of them, canonical names."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def body(response) -> str:
    assert response.streaming, "exports are streamed"
    return b"".join(response.streaming_content).decode()


def csv_rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body(response))))


def json_rows(response) -> list[dict]:
    return json.loads(body(response))


# Each fact's support: its sources, the best one inline, and a link to all of them.
EVIDENCE = ["sources", "best_article_url", "best_sentence", "best_confidence", "evidence_url"]

# A topic's share of its round's articles, and whether that puts it on the agenda.
TOPIC_COLUMNS = [
    *("round", "round_start", "topic", "topic_name", "mentions"),
    *("round_articles", "share", "on_agenda", "state"),
]

# (url name, columns of the CSV header, in order)
EXPORTS = [
    (
        "rounds:round-list",
        ["number", "start", "end", "city", "confirmed", "guarantor_heads", "article_count", "url"],
    ),
    (
        "rounds:delegation-grid",
        ["round", "round_start", "party", "role", "head", "head_title", "state", *EVIDENCE],
    ),
    (
        "rounds:delegation-list",
        ["round", "round_start", "party", "role", "head", "head_title", "state", *EVIDENCE],
    ),
    ("rounds:observer-grid", ["round", "round_start", "party", "mentions", "state", *EVIDENCE]),
    ("rounds:observer-list", ["round", "round_start", "party", "mentions", "state", *EVIDENCE]),
    ("rounds:topic-grid", TOPIC_COLUMNS),
    ("rounds:topic-list", TOPIC_COLUMNS),
    (
        "rounds:participant-list",
        ["name", "slug", "aliases", "parties", "rounds", "url", "articles", *EVIDENCE[1:]],
    ),
    (
        "rounds:party-list",
        [
            "name",
            "slug",
            "default_role",
            "description",
            "aliases",
            "delegation_rounds",
            "observer_rounds",
            "url",
        ],
    ),
    (
        "articles:article-list",
        [
            "id",
            "title",
            "publisher",
            "published",
            "language",
            "round",
            "round_method",
            "round_state",
            "source_name",
            "url",
        ],
    ),
]


@pytest.mark.parametrize(("name", "columns"), EXPORTS)
def test_csv_and_json_share_columns_and_rows(client, archive, name, columns):
    url = reverse(name)
    as_csv = client.get(f"{url}?format=csv")
    assert as_csv.status_code == 200
    assert as_csv["Content-Type"] == "text/csv; charset=utf-8"
    assert as_csv["Content-Disposition"].startswith("attachment; filename=")
    rows = csv_rows(as_csv)
    assert list(rows[0]) == columns
    as_json = client.get(f"{url}?format=json")
    assert as_json["Content-Type"] == "application/json; charset=utf-8"
    objects = json_rows(as_json)
    assert len(objects) == len(rows) > 0
    assert list(objects[0]) == columns


def test_delegation_export_uses_canonical_names_and_follows_filters(client, archive):
    url = reverse("rounds:delegation-list") + "?party=iran&format=json"
    facts = ("round", "round_start", "party", "role", "head", "head_title", "state")
    rows = json_rows(client.get(url))
    assert [{key: row[key] for key in facts} for row in rows] == [
        {
            "round": 12,
            "round_start": "2019-04-25",
            "party": "Iran",
            "role": "guarantor",
            "head": "Ali Asghar Khaji",
            "head_title": "",
            "state": "extracted",
        },
        {
            "round": 13,
            "round_start": "2019-08-01",
            "party": "Iran",
            "role": "guarantor",
            "head": "Ali Asghar Khaji",
            "head_title": "senior assistant to the foreign minister",
            "state": "extracted",
        },
    ]


def test_fact_exports_carry_their_best_evidence_and_a_link_to_all_of_it(client, archive):
    """One row per fact: its number of sources, best article, sentence and confidence, and
    the URL of every piece of evidence (itself exportable)."""
    rows = json_rows(client.get(reverse("rounds:delegation-list") + "?party=iran&format=json"))
    round_13 = rows[1]
    assert round_13["sources"] == 1
    assert round_13["best_sentence"].startswith("Iran's delegation was led by Ali Asghar Khaji")
    assert round_13["best_confidence"] == 1.0
    assert round_13["best_article_url"].endswith(archive["report"].get_absolute_url())
    assert round_13["evidence_url"].endswith("/rounds/13/delegations/iran/")
    observers = csv_rows(client.get(reverse("rounds:observer-list") + "?format=csv"))
    lebanon = next(row for row in observers if row["party"] == "Lebanon")
    assert lebanon["best_sentence"].startswith("Lebanon and Iraq attended")
    assert lebanon["evidence_url"].endswith("/rounds/13/observers/lebanon/")


def test_rejected_facts_are_never_exported(client, archive):
    for name in ("rounds:delegation-grid", "rounds:observer-grid", "rounds:topic-grid"):
        text = body(client.get(reverse(name) + "?format=csv"))
        assert "United States" not in text, name
        assert "sanctions" not in text, name


def test_topic_export_names_topics_by_slug(client, archive):
    rows = csv_rows(client.get(reverse("rounds:topic-grid") + "?format=csv"))
    assert {(r["round"], r["topic"], r["mentions"]) for r in rows} == {
        ("13", "idlib", "1"),
        ("13", "constitutional-committee", "1"),
    }


def test_round_export_lists_guarantor_heads(client, archive):
    rows = csv_rows(client.get(reverse("rounds:round-list") + "?year=2019&format=csv"))
    assert [r["number"] for r in rows] == ["12", "13", "14"]
    assert rows[1]["guarantor_heads"] == "Russia: Alexander Lavrentiev; Iran: Ali Asghar Khaji"
    assert rows[1]["confirmed"] == "true"
    assert rows[1]["url"] == "http://testserver/rounds/13/"
    objects = json_rows(client.get(reverse("rounds:round-list") + "?year=2019&format=json"))
    assert objects[1]["guarantor_heads"] == [
        "Russia: Alexander Lavrentiev",
        "Iran: Ali Asghar Khaji",
    ]


def test_export_holds_every_filtered_row_not_one_page(client, many_rows):
    url = reverse("articles:article-list")
    all_rows = csv_rows(client.get(f"{url}?format=csv&page=2"))
    assert len(all_rows) == 130
    english = json_rows(client.get(f"{url}?language=en&format=json"))
    assert len(english) == 104 > 50
    assert {row["language"] for row in english} == {"en"}


def test_pages_link_to_their_exports_with_the_same_filters(client, archive):
    html = client.get(reverse("articles:article-list") + "?publisher=TASS&page=1").content.decode()
    assert 'href="/articles/?publisher=TASS&amp;format=csv"' in html
    assert 'href="/articles/?publisher=TASS&amp;format=json"' in html


def test_invalid_filters_are_refused_not_exported(client, archive):
    response = client.get(reverse("rounds:delegation-grid") + "?round_from=9&round_to=2&format=csv")
    assert response.status_code == 400
    errors = json.loads(response.content)["errors"]
    assert errors["__all__"][0]["code"] == "round_range"


def test_unknown_format_is_refused(client, archive):
    response = client.get(reverse("articles:article-list") + "?format=xml")
    assert response.status_code == 400
    assert b"csv, json" in response.content
