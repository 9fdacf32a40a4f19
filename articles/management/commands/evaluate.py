"""`manage.py evaluate GOLD.json`: score the stored archive against a gold annotation file."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.extraction.evaluation import score
from articles.management.commands._database import require_migrated
from articles.services.export import export_articles


class Command(BaseCommand):
    help = (
        "Score the stored archive against a gold file (the format of shared/seeds/gold.json): "
        "precision, recall and F1 per field, and the misses."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("gold", nargs="+", help="One or more gold.json files.")
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(self, *args, **options) -> None:
        require_migrated()
        gold = {"articles": []}
        for name in options["gold"]:
            path = Path(name)
            try:
                gold["articles"].extend(json.loads(path.read_text(encoding="utf-8"))["articles"])
            except (OSError, ValueError, KeyError) as error:
                raise CommandError(f"{path}: not a readable gold file ({error})") from error
        sources = {entry["source"] for entry in gold["articles"]}
        predicted = [item for item in export_articles() if item["source"] in sources]
        report = score(predicted, gold)
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
        else:
            self.stdout.write(report.as_text())
