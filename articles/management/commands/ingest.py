"""`manage.py ingest PATH [PATH ...]`: a thin wrapper around the ingest service."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError

from articles.management.commands._database import require_migrated
from articles.services.explain import CannotExplain, explain_file
from articles.services.explain import describe as describe_extraction
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
            "--dry-run",
            action="store_true",
            help="Print what would be extracted, each fact with its rule; write nothing.",
        )
        parser.add_argument(
            "--explain",
            metavar="FILE",
            help="For one file, write nothing and print why each fact was extracted: the "
            "language, the date, the round decision with its candidates, and every "
            "delegation, head, observer and topic with its rule and sentence.",
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
        require_migrated()
        paths, reextract = options["paths"], options["reextract"]
        if options["explain"]:
            if paths or reextract:
                raise CommandError("--explain takes one FILE; give no other PATH with it.")
            try:
                self.stdout.write(explain_file(options["explain"], max_bytes=options["max_bytes"]))
            except CannotExplain as error:
                raise CommandError(str(error)) from None
            return
        if not paths and not reextract:
            raise CommandError("Name at least one file, folder or glob, or use --reextract.")
        if paths and reextract:
            raise CommandError("--reextract works on the stored articles; give no PATH with it.")
        interrupt = InterruptRequest()
        progress = Progress(
            self, fancy=not options["no_progress"] and sys.stdout.isatty(), interrupt=interrupt
        )
        try:
            interrupt.start()
            with sigterm_interrupts(interrupt):
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
            if not interrupt.requested:  # a worker ended by our own interrupt is no crash
                progress.close()
                raise CommandError(str(error)) from None
        except KeyboardInterrupt:
            interrupt.requested = True
        finally:
            interrupt.stop()
        if interrupt.requested:
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
def sigterm_interrupts(request: InterruptRequest) -> Iterator[None]:
    """SIGTERM (`kill`, a service manager stopping us) ends the run as Ctrl-C does: the
    article being written rolls back, the workers stop, the same message and exit status.
    The request is recorded as Ctrl-C's is, so an interrupt that lands where it is lost or
    turned into another error (a finalizer, a database driver cancelling its query) still
    ends the run with the interrupt's status."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers belong to the main thread (call_command from a thread)
        return

    def interrupt(signum, frame):
        request.requested = True
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class InterruptRequest:
    """Ctrl-C as a request that the run honours even when Python loses the exception.

    Python raises KeyboardInterrupt wherever the main thread happens to be. When that is a
    finalizer (a `__del__` or weakref callback run while an article is written), Python only
    prints "Exception ignored ... KeyboardInterrupt" and the run goes on to the end, exit 0:
    the rare failure of tests/ingest/test_interrupt.py. So the handler also records the
    request, and the progress callback (called after each file, outside any transaction)
    raises it again; a run that ends anyway still reports the interrupt (exit 130)."""

    def __init__(self) -> None:
        self.requested = False
        self._previous = None

    def start(self) -> None:
        # An inherited "ignore" (nohup-like launchers) is respected, as Python itself does;
        # handlers can only be set from the main thread (call_command elsewhere skips this).
        if threading.current_thread() is not threading.main_thread():
            return
        if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
            return
        self._previous = signal.signal(signal.SIGINT, self._on_sigint)

    def stop(self) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
            self._previous = None

    def _on_sigint(self, signum: int, frame: object) -> None:
        self.requested = True
        raise KeyboardInterrupt

    def check(self) -> None:
        """Raise the interrupt at a safe point if an earlier one was swallowed."""
        if self.requested:
            raise KeyboardInterrupt


class Progress:
    """A tqdm bar on a terminal; one line per file otherwise (logs, CI)."""

    def __init__(
        self,
        command: BaseCommand,
        *,
        fancy: bool,
        interrupt: InterruptRequest | None = None,
    ) -> None:
        self.command = command
        self.interrupt = interrupt
        self.bar = None
        if fancy:
            from tqdm import tqdm

            self.bar = tqdm(unit=" files", file=sys.stderr, dynamic_ncols=True)

    def __call__(self, outcome: FileOutcome) -> None:
        self.report(outcome)
        if self.interrupt is not None:
            self.interrupt.check()

    def report(self, outcome: FileOutcome) -> None:
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
    """A readable account of what a dry run extracted from one file, with each fact's rule."""
    assert outcome.extraction is not None
    return describe_extraction(outcome.path, outcome.article, outcome.extraction)
