"""Decoding, dating and extracting batches of articles, in this process or in worker processes.

Ingest is two kinds of work: reading and extraction (pure CPU, no database) and writing
(the database, one transaction per article). With worker processes the first runs on the
other cores while this process writes, and at most a few batches are in flight, so memory
stays flat however many files a run has.

No Django here on purpose: a worker imports this module and the extraction package only.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
import weakref
from collections import deque
from collections.abc import Collection, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from articles.extraction.dates import find_publication_date
from articles.extraction.language import load_model as load_language_model
from articles.extraction.pipeline import Extractor
from articles.extraction.reader import UnreadableArticle, read_article
from articles.extraction.types import (
    ArticleText,
    DateFinding,
    Extraction,
    PartyInfo,
    PersonInfo,
    RoundInfo,
)


class WorkerDied(RuntimeError):
    """A worker process ended without finishing its batch (killed, out of memory)."""


@dataclass(frozen=True)
class ExtractorConfig:
    """What an extractor is built from; equal configs build equal extractors."""

    calendar: tuple[RoundInfo, ...]
    parties: tuple[PartyInfo, ...]
    model: str | None
    people: tuple[PersonInfo, ...] = ()  # the heads the archive knows, to find in any spelling

    def build(self) -> Extractor:
        return Extractor(
            calendar=self.calendar, parties=self.parties, model=self.model, people=self.people
        )


@dataclass
class Job:
    """One article to extract: a file's bytes to decode, or a stored article's text."""

    path: Path
    data: bytes | None = None
    text: ArticleText | None = None


@dataclass
class Done:
    """A job's outcome, in the job's place: the decoded text, its date and the extraction, or
    why it failed."""

    text: ArticleText | None = None
    published: DateFinding | None = None
    extraction: Extraction | None = None
    error: str = ""


def extract_batch(extractor: Extractor, jobs: Sequence[Job], max_bytes: int) -> list[Done]:
    """Decode, date and extract a batch with one `nlp.pipe`; a bad article fails alone."""
    results = [_prepare(job, max_bytes) for job in jobs]
    for done in results:
        if not done.error:
            done.error = fit_length(extractor, done.text)
    ready = [done for done in results if not done.error]
    try:
        _extract_all(extractor, ready)
    except Exception:  # one article broke the batch: extract one by one to find it
        for done in ready:
            try:
                _extract_all(extractor, [done])
            except Exception as error:
                done.error = f"extraction failed: {type(error).__name__}: {error}"
    return results


# Components of our blank pipelines: rules over tokens, with no memory per character beyond
# the tokens themselves (spaCy's max_length guards its parser's and recogniser's memory).
_RULE_COMPONENT_PREFIX = "astana_"


def fit_length(extractor: Extractor, text: ArticleText) -> str:
    """Make the text's pipeline take a text this long, or say why it cannot ("" when it can).

    A blank pipeline (the default: our rule components only) gets a `max_length` the text
    fits, which is bounded by INGEST_MAX_BYTES (a decoded text has no more characters than
    its file has bytes). A pipeline with a trained model keeps its limit, and a longer text
    is refused with the numbers, instead of failing with spaCy's E088.
    """
    nlp = extractor.pipeline(text.language)
    length = len(text.text)
    if length <= nlp.max_length:
        return ""
    if all(name.startswith(_RULE_COMPONENT_PREFIX) for name in nlp.pipe_names):
        nlp.max_length = length
        return ""
    return (
        f"text is {length:,} characters, over the {nlp.max_length:,}-character limit of "
        f"the spaCy pipeline with a trained model (nlp.max_length; components: "
        f"{', '.join(nlp.pipe_names)})"
    )


def _prepare(job: Job, max_bytes: int) -> Done:
    data, job.data = job.data, None  # free the bytes as soon as they are decoded
    try:
        text = job.text or read_article(data or b"", job.path.name, max_bytes=max_bytes)
        return Done(text=text, published=find_publication_date(text))
    except UnreadableArticle as error:
        return Done(error=str(error))
    except Exception as error:  # a page the reader cannot cope with fails alone
        return Done(error=f"cannot read: {type(error).__name__}: {error}")


def _extract_all(extractor: Extractor, ready: list[Done]) -> None:
    items = ((done.text, done.published, done) for done in ready)
    with memory_zones(extractor, [done.text.language for done in ready if done.text]):
        for extraction, done in extractor.extract_many(items, batch_size=max(len(ready), 1)):
            done.extraction = extraction


# Articles each pipeline extracts before its batches go into memory zones: the words they
# bring (most of the words of any later article) stay in the vocabulary and the tokenizer's
# cache. With zones from the first article every batch added them all again: extraction
# took 60% longer (4.6 against 2.9 ms an article, generated articles, one process).
WARM_UP_ARTICLES = 1000

_warmed: weakref.WeakKeyDictionary[Language, int] = weakref.WeakKeyDictionary()


@contextmanager
def memory_zones(extractor: Extractor, languages: Sequence[str]) -> Iterator[None]:
    """Within this block, the strings and lexemes that the pipelines of `languages` (one per
    article of the batch) add to their vocabularies are forgotten at its end (spaCy's
    `memory_zone`), once a pipeline has extracted its first WARM_UP_ARTICLES.

    Every article brings new strings (figures, names, typos) to spaCy's string store, which
    otherwise keeps them for the life of the process: a worker's memory grew with every
    article of a long run. Nothing made in the block outlives it but the extractions, plain
    dataclasses of `str` and numbers; Docs are used only inside it. What is built lazily and
    kept (the known heads' matcher, whose keys are strings of the vocabulary) is built
    before the zone opens.
    """
    per_pipeline: dict[Language, int] = {}
    for language in languages:
        nlp = extractor.pipeline(language)
        per_pipeline[nlp] = per_pipeline.get(nlp, 0) + 1
    with ExitStack() as zones:
        for nlp, count in per_pipeline.items():
            seen = _warmed.get(nlp, 0)
            if seen < WARM_UP_ARTICLES:
                _warmed[nlp] = seen + count
                continue
            extractor.known_heads.matcher(nlp)  # built now: its keys outlive the zone
            zones.enter_context(nlp.memory_zone())
        yield


def build_before_fork(extractor: Extractor, languages: Collection[str] | None = None) -> None:
    """Build in this process what every worker would otherwise build for itself the first
    time it meets an article in a language: the pipelines of `languages` (None: every
    supported language; spaCy's French tokenizer alone takes over 2 s), their known-heads
    matchers, and the language model (half a second). Forked workers share them,
    copy-on-write: built once, at the start of a run, not once a worker in the middle of it.
    A language left out is built by each worker that meets it, as before."""
    extractor.build_all(languages)
    load_language_model()


def _freeze_long_lived_objects() -> None:
    """Exempt everything built so far (Django, spaCy's vocabulary, the matchers) from the
    garbage collector's scans.

    A run allocates many short-lived objects; each full collection would otherwise walk the
    whole extractor again and again (measured: a twelfth of the writing process's time).
    Workers stay frozen for their life; the writing process unfreezes after the run.
    """
    gc.freeze()


def default_workers() -> int:
    """Worker processes for a large run: one per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_batches(
    batches: Iterable[list[Job]],
    extractor: Extractor,
    config: ExtractorConfig,
    *,
    max_bytes: int,
    workers: int,
    languages: Collection[str] | None = None,
) -> Iterator[list[Done]]:
    """Yield each batch's results in order.

    With `workers` > 1 and more than one batch, extraction runs in a pool of worker
    processes while the caller writes, which share the pipelines of `languages` (None:
    every language) built before they start; a single batch (an editor's re-link, a small
    import) is extracted here, as starting workers would cost more than it saves.
    """
    stream = iter(batches)
    first = next(stream, None)
    if first is None:
        return
    second = next(stream, None)
    if second is None or workers <= 1:
        for batch in _chain(first, second, stream):
            yield extract_batch(extractor, batch, max_bytes)
        return
    yield from _run_in_pool(
        _chain(first, second, stream), extractor, config, max_bytes, workers, languages
    )


def _chain(first: list[Job], second: list[Job] | None, rest: Iterator[list[Job]]):
    yield first
    if second is not None:
        yield second
        yield from rest


# The extractor of a worker process: inherited from the parent when the pool forks, built
# from the config when it spawns.
_worker_extractor: tuple[ExtractorConfig, Extractor] | None = None


def _init_worker(config: ExtractorConfig, parent: int) -> None:
    global _worker_extractor
    # Ctrl-C reaches the whole process group (and a service manager's SIGTERM every process
    # of the service): the ingest process stops the run (and rolls back the article it was
    # writing); workers just stop being fed, without tracebacks, and end with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    die_with_parent(parent)
    # The writing process is the pipeline's narrow end: on a busy machine it goes first.
    os.nice(5)
    if _worker_extractor is None or _worker_extractor[0] != config:
        _worker_extractor = (config, config.build())
    _freeze_long_lived_objects()


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_PARENT_POLL_SECONDS = 1.0


def die_with_parent(parent: int) -> None:
    """End this worker when the process that started it ends, however it ends (SIGKILL,
    an out-of-memory kill): an orphaned worker would go on holding memory, the database
    files and the ingest lock's descriptor.

    On Linux the kernel sends SIGKILL at the parent's death (prctl PR_SET_PDEATHSIG); a
    thread also watches the parent id, elsewhere and in case the parent died before the prctl.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no prctl in this libc: the thread alone
            pass
    if os.getppid() != parent:  # the parent is gone already
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(_PARENT_POLL_SECONDS)
        if os.getppid() != parent:
            os._exit(1)


def _extract_in_worker(jobs: list[Job], max_bytes: int) -> list[Done]:
    assert _worker_extractor is not None, "worker started without _init_worker"
    return extract_batch(_worker_extractor[1], jobs, max_bytes)


def _run_in_pool(
    batches: Iterator[list[Job]],
    extractor: Extractor,
    config: ExtractorConfig,
    max_bytes: int,
    workers: int,
    languages: Collection[str] | None,
) -> Iterator[list[Done]]:
    global _worker_extractor
    # fork shares the parent's extractor for free (its matchers take a while to build).
    methods = multiprocessing.get_all_start_methods()
    forks = "fork" in methods
    context = multiprocessing.get_context("fork" if forks else "spawn")
    if forks:
        build_before_fork(extractor, languages)
    _worker_extractor = (config, extractor)
    # Two batches a worker in flight: none waits for work, and memory stays bounded.
    window = 2 * workers
    pending: deque[Future] = deque()
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(config, os.getpid()),
    )
    finished = False
    # The writing process is long-lived too: its Django, extractor and caches are left out of
    # the collector's scans for the run (and forked workers start with them frozen), unless
    # the process froze objects of its own, which are not ours to thaw.
    thaw = gc.get_freeze_count() == 0
    _freeze_long_lived_objects()
    try:
        for batch in batches:
            pending.append(pool.submit(_extract_in_worker, batch, max_bytes))
            if len(pending) >= window:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())
        finished = True
    finally:
        # Stopped early (an interrupt, an error): drop the batches not started, don't wait.
        pool.shutdown(wait=finished, cancel_futures=True)
        if thaw:
            gc.unfreeze()


def _result(future: Future) -> list[Done]:
    try:
        return future.result()
    except BrokenProcessPool:
        raise WorkerDied(
            "an extraction worker process died (killed, or out of memory?); the articles "
            "written so far are complete: run the same command again to go on, with "
            "INGEST_WORKERS=1 to keep everything in one process"
        ) from None
