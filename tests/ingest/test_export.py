"""`manage.py export --format json`: the schema researchers' scripts rely on."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from rounds.models import Observer
from rounds.provenance import EditorialState
from tests.ingest.conftest import ROUND_14, ROUND_23, write

pytestmark = pytest.mark.django_db


def export(tmp_path) -> dict:
    out = tmp_path / "archive.json"
    call_command("export", "--format", "json", "--output", str(out))
    return json.loads(out.read_text(encoding="utf-8"))


def test_export_schema_and_values(tmp_path, ingest):
    write(tmp_path, "in/r14.txt", ROUND_14)
    write(tmp_path, "in/r23.txt", ROUND_23)
    ingest(tmp_path / "in")
    document = export(tmp_path)
    assert set(document) == {"rounds", "articles"}
    numbers = [r["number"] for r in document["rounds"]]
    assert numbers == list(range(1, 24))
    round_14 = document["rounds"][13]
    assert set(round_14) == {
        "number",
        "start",
        "end",
        "city",
        "confirmed",
        "delegations",
        "observers",
        "topics",
    }
    assert (round_14["start"], round_14["end"], round_14["city"]) == (
        "2019-12-10",
        "2019-12-11",
        "Nur-Sultan",
    )
    assert round_14["confirmed"] is True
    assert document["rounds"][22]["confirmed"] is False
    russia = next(d for d in round_14["delegations"] if d["party"] == "Russia")
    assert set(russia) == {"party", "role", "head", "head_title"}
    assert russia["role"] == "guarantor"
    assert russia["head"] == "Alexander Lavrentiev"
    article = next(a for a in document["articles"] if a["source"] == "r14.txt")
    assert set(article) == {
        "source",
        "title",
        "published",
        "language",
        "round",
        "delegations",
        "observers",
        "topics",
    }
    assert article["published"] == "2019-12-11"
    assert article["language"] == "en"
    assert article["round"] == 14
    iran = next(d for d in article["delegations"] if d["party"] == "Iran")
    assert set(iran) == {"party", "role", "head", "head_as_written"}
    assert iran["head_as_written"] == "Ali Asghar Khaji"
    assert "Jordan" in article["observers"]
    assert "idlib" in article["topics"]


def test_rejected_facts_are_not_exported(tmp_path, ingest):
    write(tmp_path, "r14.txt", ROUND_14)
    ingest(tmp_path)
    Observer.objects.filter(party__name="Iraq").update(state=EditorialState.REJECTED)
    document = export(tmp_path)
    assert "Iraq" not in document["rounds"][13]["observers"]
    assert "Iraq" not in document["articles"][0]["observers"]


def test_export_query_count_does_not_grow_with_articles(
    tmp_path, ingest, django_assert_max_num_queries
):
    for n in range(6):
        write(tmp_path, f"r{n}.txt", ROUND_14.replace("2019-12-11", f"2019-12-1{n}"))
    ingest(tmp_path)
    with django_assert_max_num_queries(12):
        export(tmp_path)
