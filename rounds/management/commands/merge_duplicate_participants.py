"""`manage.py merge_duplicate_participants`: join people recorded twice under one name."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from rounds.services import duplicate_participants, merge_duplicate_participants
from rounds.versioning import bump_archive_version


class Command(BaseCommand):
    help = (
        "Merge participants that share a canonical name (any case, transliteration or "
        "punctuation) into the first of each: an editor's locked name, else the oldest. "
        "Their delegations and mentions move to it; their names become its aliases."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="List the duplicates; change nothing."
        )

    def handle(self, *args, **options) -> None:
        if options["dry_run"]:
            groups = [(first, rest) for first, *rest in duplicate_participants()]
        else:
            groups = merge_duplicate_participants()
            if groups:
                bump_archive_version()
        verb = "would merge" if options["dry_run"] else "merged"
        for survivor, others in groups:
            ids = ", ".join(f"#{other.pk}" for other in others)
            self.stdout.write(f"{survivor.name} (#{survivor.pk}): {verb} {ids}")
        self.stdout.write(f"{len(groups)} name(s) with duplicates {verb}.")
