"""`manage.py ingest PATH [PATH ...]`: a thin wrapper around the ingest service."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError

from articles.services.extraction_stage import WorkerDied
from articles.services.ingest import (
    DRY_RUN,
    FAILED,
    FileOutcome,
    IngestReport,
    ingest_paths,
    printable,
    reextract_articles,
)


class Command(BaseCommand):
    help = (
        "Ingest article files (.txt, .html), folders (recursively) or globs: extract each "
        "article's round, delegations, heads, observers and topics, with their evidence."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="*", help="Files, folders or glob patterns.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would be extracted; write nothing."
        )
        parser.add_argument(
            "--reextract",
            action="store_true",
            help="Run extraction again over the stored articles (editors' facts are kept).",
        )
        parser.add_argument("--max-bytes", type=int, help="Size limit per file.")
        parser.add_argument("--batch-size", type=int, help="Articles per spaCy batch.")
        parser.add_argument(
            "--no-progress", action="store_true", help="Plain progress lines even on a terminal."
        )

    def handle(self, *args, **options) -> None:
        paths, reextract = options["paths"], options["reextract"]
        if not paths and not reextract:
            raise CommandError("Name at least one file, folder or glob, or use --reextract.")
        if paths and reextract:
            raise CommandError("--reextract works on the stored articles; give no PATH with it.")
        progress = Progress(self, fancy=not options["no_progress"] and sys.stdout.isatty())
        try:
            with sigterm_interrupts():
                if reextract:
                    report = reextract_articles(progress=progress, batch_size=options["batch_size"])
                else:
                    report = ingest_paths(
                        paths,
                        dry_run=options["dry_run"],
                        progress=progress,
                        max_bytes=options["max_bytes"],
                        batch_size=options["batch_size"],
                    )
        except WorkerDied as error:
            progress.close()
            raise CommandError(str(error)) from None
        except KeyboardInterrupt:
            progress.close()
            self.stderr.write(
                "Interrupted: articles written so far are complete; run again to go on."
            )
            sys.exit(130)
        progress.close()
        self.print_summary(report)
        if not report.ok:
            raise CommandError(f"{len(report.failures)} file(s) failed", returncode=1)

    def print_summary(self, report: IngestReport) -> None:
        for outcome in report.failures:
            self.stderr.write(f"error: {printable(outcome.path)}: {printable(outcome.reason)}")
        for warning in report.warnings:
            self.stderr.write(f"warning: {printable(warning)}")
        self.stdout.write(f"Ingest finished: {report.summary()}.")


@contextmanager
def sigterm_interrupts() -> Iterator[None]:
    """SIGTERM (`kill`, a service manager stopping us) ends the run as Ctrl-C does: the
    article being written rolls back, the workers stop, the same message and exit status."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers belong to the main thread (call_command from a thread)
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class Progress:
    """A tqdm bar on a terminal; one line per file otherwise (logs, CI)."""

    def __init__(self, command: BaseCommand, *, fancy: bool) -> None:
        self.command = command
        self.bar = None
        if fancy:
            from tqdm import tqdm

            self.bar = tqdm(unit=" files", file=sys.stderr, dynamic_ncols=True)

    def __call__(self, outcome: FileOutcome) -> None:
        if outcome.status == DRY_RUN:
            self.command.stdout.write(describe(outcome))
        if self.bar is not None:
            self.bar.update(1)
            if outcome.status == FAILED:
                self.bar.write(
                    f"error: {printable(outcome.path)}: {printable(outcome.reason)}",
                    file=sys.stderr,
                )
        elif outcome.status != DRY_RUN:
            detail = f" ({printable(outcome.reason)})" if outcome.reason else ""
            self.command.stdout.write(f"{outcome.status}: {printable(outcome.path)}{detail}")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def describe(outcome: FileOutcome) -> str:
    """A readable account of what a dry run extracted from one file."""
    extraction = outcome.extraction
    lines = [f"== {printable(outcome.path)}"]
    if outcome.article is not None and outcome.article.title:
        lines.append(f"   title: {outcome.article.title}")
    published = extraction.published.value.isoformat() if extraction.published else "unknown"
    lines.append(f"   published: {published}")
    if extraction.round is None:
        lines.append("   round: none")
        return "\n".join(lines)
    link = extraction.round
    lines.append(f"   round: {link.number} ({link.method}, confidence {link.confidence:.2f})")
    for fact in extraction.delegations:
        head = f"{fact.head} — {fact.head_title}" if fact.head else "head not named"
        lines.append(f"   delegation: {fact.party} ({fact.role}): {head}")
    for fact in extraction.observers:
        lines.append(f"   observer: {fact.party}")
    if extraction.topics:
        lines.append("   topics: " + ", ".join(fact.slug for fact in extraction.topics))
    return "\n".join(lines)
