"""Ingest the shared seeds and dev corpus into an empty database and score it with `evaluate`.

These are the quality bars of the ingest issue; articles nobody here has seen are scored the
same way.
"""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from tests.shared_corpus import shared_dir

pytestmark = [pytest.mark.django_db, pytest.mark.corpus]

THRESHOLDS = {"round": 1.0, "published": 1.0, "heads": 0.90, "observers": 0.90, "topics": 0.80}


@pytest.fixture
def report(ingest, capsys):
    shared = shared_dir()
    code, _, err = ingest(shared / "seeds", shared / "corpus" / "dev")
    assert code == 0, err
    call_command(
        "evaluate",
        str(shared / "seeds" / "gold.json"),
        str(shared / "corpus/dev/gold.json"),
        "--json",
    )
    return json.loads(capsys.readouterr().out)


def test_scores_meet_the_bars(report):
    scores = {name: report["fields"][name]["score"] for name in THRESHOLDS}
    misses = "\n".join(str(m) for m in report["misses"])
    for field, bar in THRESHOLDS.items():
        assert scores[field] >= bar, f"{field} {scores[field]:.3f} < {bar}\n{misses}"


def test_every_article_was_ingested(report):
    assert report["articles"] == 21
