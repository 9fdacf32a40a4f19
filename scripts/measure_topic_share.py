"""Measure the share threshold that puts a topic on a round's agenda (TOPIC_SHARE_THRESHOLD).

Ingest the development pages (never the held-out ones) into a database, then run
    DEBUG=1 DATA_DIR=<that data folder> python scripts/measure_topic_share.py
For each threshold it keeps the extracted round topics whose share of the round's articles
reaches it, and scores them against the gold topics of the round's articles (P/R/F1).
"""

from __future__ import annotations

import json
import os
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "astana_site.settings")

import django  # noqa: E402

django.setup()

from articles.models import Article  # noqa: E402
from rounds.models import RoundTopic  # noqa: E402

GOLD = ROOT.parent / "shared" / "corpus" / "real" / "gold.json"
THRESHOLDS = (0.0, 0.2, 0.25, 0.3, 0.34, 0.4, 0.5, 0.6, 0.67, 0.75, 1.0)


def main() -> None:
    gold_path = Path(os.environ.get("GOLD", GOLD))
    ingested = set(Article.objects.values_list("source_name", flat=True))
    gold: dict[int, set[str]] = defaultdict(set)
    for entry in json.loads(gold_path.read_text())["articles"]:
        # Only pages in this database: the held-out pages must never be ingested here.
        if Path(entry["source"]).name in ingested and entry.get("round"):
            gold[entry["round"]].update(entry.get("topics", []))
    facts = [
        (t.round.number, t.topic.slug, t.share)
        for t in RoundTopic.objects.public().with_share().select_related("round", "topic")
    ]
    total = sum(len(topics) for topics in gold.values())
    print(f"{len(facts)} extracted round topics; {total} in gold")
    for threshold in THRESHOLDS:
        kept = [(number, slug) for number, slug, share in facts if share >= threshold]
        right = sum(slug in gold[number] for number, slug in kept)
        precision = right / len(kept) if kept else 0.0
        recall = right / total if total else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores = f"P {precision:.2f}  R {recall:.2f}  F1 {f1:.2f}"
        print(f"{threshold:.2f}  kept {len(kept):3}  {scores}")


if __name__ == "__main__":
    main()
