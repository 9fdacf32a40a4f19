"""The benchmark's generated articles are understood: each links to its true round and date,
names its true heads (one Participant per person, whichever spelling or typography the
article uses), its observers and its agenda. A benchmark over articles the rules misread
would measure the wrong thing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
COUNT = 60


@pytest.fixture
def generated(tmp_path: Path) -> tuple[Path, list[dict]]:
    folder, manifest = tmp_path / "articles", tmp_path / "truth.jsonl"
    script = ROOT / "scripts" / "generate_articles.py"
    command = [sys.executable, str(script), str(folder), "--count", str(COUNT), "--seed", "11"]
    subprocess.run([*command, "--manifest", str(manifest)], check=True, capture_output=True)
    return folder, [json.loads(line) for line in manifest.read_text().splitlines()]


def test_generated_articles_yield_their_true_facts(generated, ingest, tmp_path: Path) -> None:
    folder, truth = generated
    code, out, err = ingest(folder)
    assert code == 0, err
    assert f"{COUNT} new, 0 updated, 0 unchanged, 0 failed" in out
    out_file = tmp_path / "archive.json"
    call_command("export", "--format", "json", "--output", str(out_file))
    articles = {a["source"]: a for a in json.loads(out_file.read_text())["articles"]}
    assert sorted(articles) == sorted(t["source"] for t in truth)

    person_of_participant: dict[str, str] = {}
    for record in truth:
        article = articles[record["source"]]
        assert (article["round"], article["published"]) == (
            record["round"],
            record["published"],
        ), record["source"]
        heads = {d["party"]: d["head"] for d in article["delegations"] if d["head"]}
        assert heads == {party: heads.get(party) for party in record["heads"]}, record["source"]
        for party, person in record["heads"].items():
            # The same person always resolves to the same participant, and no two people to one.
            assert person_of_participant.setdefault(heads[party], person) == person
        assert sorted(article["observers"]) == sorted(record["observers"]), record["source"]
        assert set(record["topics"]) <= set(article["topics"]), record["source"]
    assert len(person_of_participant) == len({p for t in truth for p in t["heads"].values()})
