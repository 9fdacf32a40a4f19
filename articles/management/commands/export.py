"""`manage.py export --format json`: the whole archive as one JSON document."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from articles.management.commands._database import require_migrated
from articles.services.export import export_archive


class Command(BaseCommand):
    help = "Write the archive (rounds with their facts, articles with theirs) as JSON."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--format", choices=["json"], default="json")
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")
        parser.add_argument("--indent", type=int, default=2)

    def handle(self, *args, **options) -> None:
        require_migrated()
        document = json.dumps(export_archive(), ensure_ascii=False, indent=options["indent"])
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:
                handle.write(document + "\n")
            self.stderr.write(f"Wrote {options['output']}")
        else:
            self.stdout.write(document)
