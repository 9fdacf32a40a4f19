"""Ingest: article files in, articles and their facts out.

`ingest_paths` streams the files in batches: read each and skip what is already stored
(same content hash), decode, date and extract the batch with `nlp.pipe` (in worker processes
when the run has several batches, see extraction_stage.py), then write each article and its
facts in a transaction of its own, so an error or an interrupted run leaves no half-written
article. Re-running over the same files changes nothing.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from articles.extraction.pipeline import Extractor, supported_languages
from articles.extraction.types import (
    ArticleText,
    DateFinding,
    Extraction,
    PartyInfo,
    PersonInfo,
    RoundInfo,
)
from articles.models import Article
from articles.services.extraction_stage import (
    Done,
    ExtractorConfig,
    Job,
    default_workers,
    run_batches,
)
from articles.services.facts import (
    FactCache,
    FactWriter,
    refresh_derived,
    refresh_participant_names,
)
from articles.services.inserts import insert_instance, pipelined, unflushed_commits
from articles.services.paths import MissingPath, file_kind, iter_article_paths
from articles.services.run_lock import ingest_lock
from rounds.models import Delegation, Participant, Party, Round
from rounds.provenance import EditorialState
from rounds.services import duplicate_participants
from rounds.versioning import bump_archive_version, bumps_held

NEW, UPDATED, UNCHANGED, FAILED, DRY_RUN = "new", "updated", "unchanged", "failed", "dry-run"


@dataclass
class FileOutcome:
    """What happened to one file (or one stored article, when re-extracting)."""

    path: str
    status: str
    reason: str = ""
    article_id: int | None = None
    # What a dry run extracted (a written article's facts are in the database instead).
    extraction: Extraction | None = None
    article: ArticleText | None = None
    language: str = ""  # of an article extracted in this run (written or dry run)


ProgressCallback = Callable[[FileOutcome], None]

# Characters that would break a one-line message or act on the terminal: control characters
# (newline, carriage return, ESC starting a colour or cursor sequence ...), Unicode line
# separators, the bidirectional overrides that reorder what follows them, and the surrogates
# that stand for a file name's bytes that are not UTF-8 (printing them would raise).
_UNPRINTABLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def printable(text: str) -> str:
    """`text` with those characters escaped as Python writes them (\\n, \\r, \\x1b), for
    error and progress lines: a file name is whatever bytes the file system allowed."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


@dataclass
class IngestReport:
    outcomes: list[FileOutcome] = field(default_factory=list)
    progress: ProgressCallback | None = None
    # Things the operator should know that are no file's failure (possible duplicates).
    warnings: list[str] = field(default_factory=list)

    def record(self, outcome: FileOutcome) -> None:
        self.outcomes.append(outcome)
        if self.progress is not None:
            self.progress(outcome)

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def failures(self) -> list[FileOutcome]:
        return [outcome for outcome in self.outcomes if outcome.status == FAILED]

    @property
    def ok(self) -> bool:
        return not self.failures

    def summary(self) -> str:
        parts = [f"{self.count(s)} {s}" for s in (NEW, UPDATED, UNCHANGED, FAILED)]
        if self.count(DRY_RUN):
            parts.append(f"{self.count(DRY_RUN)} extracted without writing (dry run)")
        line = ", ".join(parts)
        unsupported = self.without_rules()
        if unsupported:
            counts = ", ".join(f"{code} ({n})" for code, n in unsupported.most_common())
            total = sum(unsupported.values())
            articles = "article" if total == 1 else "articles"
            line += f"; {total} {articles} in languages without rules: {counts}"
        return line

    def without_rules(self) -> Counter[str]:
        """Articles extracted in this run whose language has no word data (date only, no
        facts), by language code."""
        supported = supported_languages()
        return Counter(
            outcome.language
            for outcome in self.outcomes
            if outcome.language and outcome.language not in supported
        )


@dataclass
class _Pending:
    """A file or stored article on its way to extraction, and what the writer needs of it."""

    path: Path
    digest: str
    existing: Article | None
    text: ArticleText | None = None
    published: DateFinding | None = None


_extractor_cache: dict[ExtractorConfig, Extractor] = {}


def extractor_config() -> ExtractorConfig:
    """The database's current calendar, party aliases and known heads, and the configured
    model."""
    calendar = tuple(
        RoundInfo(number=r.number, start=r.start, end=r.end, city=r.city)
        for r in Round.objects.filter(confirmed=True).order_by("number")
    )
    parties = tuple(
        PartyInfo(
            name=p.name,
            role=p.default_role,
            aliases=tuple(sorted(alias.name for alias in p.aliases.all())),
        )
        for p in Party.objects.prefetch_related("aliases")
    )
    return ExtractorConfig(calendar, parties, settings.SPACY_MODEL or None, known_heads())


# The editorial states in which an editor stands behind a delegation's head.
VOUCHED_STATES = (EditorialState.CONFIRMED, EditorialState.CHANGED, EditorialState.ADDED)


def known_heads() -> tuple[PersonInfo, ...]:
    """Every participant an editor vouched for as a delegation's head (confirmed, changed or
    added): one entry per party they headed, with the rounds, and every spelling the archive
    has of them (editors' aliases included), so the extractor recognises them wherever and
    however an article names them.

    Heads that only extraction found are left out on purpose: the facts of an article must
    not depend on which articles happened to be ingested before it (an interrupted run
    resumed, two runs at once, a folder in another order all give the same archive). The
    heads our annotated material shows ship with the extractor (patterns/heads.json)."""
    rounds_of: dict[tuple[int, str], set[int]] = {}
    headed = (
        Delegation.objects.public()
        .filter(head__isnull=False, state__in=VOUCHED_STATES)
        .values_list("head_id", "party__name", "round__number")
    )
    for person_id, party, number in headed:
        rounds_of.setdefault((person_id, party), set()).add(number)
    people = Participant.objects.filter(pk__in={person_id for person_id, _ in rounds_of})
    names = {
        person.pk: (person.name, tuple(sorted({alias.name for alias in person.aliases.all()})))
        for person in people.prefetch_related("aliases")
    }
    return tuple(
        PersonInfo(
            name=names[person_id][0],
            party=party,
            aliases=names[person_id][1],
            rounds=tuple(sorted(numbers)),
        )
        for (person_id, party), numbers in sorted(rounds_of.items())
    )


def build_extractor(config: ExtractorConfig | None = None) -> Extractor:
    """The extractor for the database's current calendar and party aliases.

    Built once per process for a given calendar and alias set (building the matchers is the
    costly part); editors' new aliases produce a new config and so a new extractor.
    """
    config = config or extractor_config()
    if config not in _extractor_cache:
        _extractor_cache.clear()
        _extractor_cache[config] = config.build()
    return _extractor_cache[config]


def prebuilt_languages() -> set[str] | None:
    """The languages whose pipelines a run with workers builds before they start: those of
    the articles the archive holds, or every language (None) for an empty archive, whose
    first run is the large one. An archive of English articles does not pay seconds a run
    for the other languages; a new language is built by each worker that meets it."""
    languages = set(Article.objects.order_by().values_list("language", flat=True).distinct())
    return languages or None


def ingest_paths(
    paths: Iterable[str | Path],
    *,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    max_bytes: int | None = None,
    batch_size: int | None = None,
    workers: int | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> IngestReport:
    """Ingest files, folders (recursively) and globs; return what happened to each file.

    `workers` processes read and extract while this one writes (None: INGEST_WORKERS, whose
    0 means one per core); runs of a single batch are extracted here. One run writes to a
    database at a time: another waits for it, after telling `on_wait` (default: stderr).
    """
    stage = _Stage(
        max_bytes or settings.INGEST_MAX_BYTES,
        batch_size or settings.INGEST_BATCH_SIZE,
        worker_count(workers),
    )
    with nullcontext() if dry_run else ingest_lock(on_wait), bumps_held():
        return _ingest_paths(paths, dry_run, progress, stage)


@dataclass(frozen=True)
class _Stage:
    max_bytes: int
    batch_size: int
    workers: int


def worker_count(workers: int | None = None) -> int:
    """Worker processes an ingest uses: `workers`, else INGEST_WORKERS, 0 meaning one a core."""
    workers = settings.INGEST_WORKERS if workers is None else workers
    return workers or default_workers()


def _ingest_paths(
    paths: Iterable[str | Path],
    dry_run: bool,
    progress: ProgressCallback | None,
    stage: _Stage,
) -> IngestReport:
    report = IngestReport(progress=progress)
    record = report.record
    writer = None if dry_run else FactWriter(FactCache.load())
    seen_digests: set[str] = set()

    def batches() -> Iterator[list[tuple[_Pending, Job]]]:
        for chunk in _chunks(iter_article_paths(paths), stage.batch_size):
            loaded: list[_Loaded] = []
            for item in chunk:
                if isinstance(item, MissingPath):
                    record(FileOutcome(item.path, FAILED, reason=item.reason))
                    continue
                outcome_or_loaded = _load(item, stage.max_bytes, seen_digests)
                if isinstance(outcome_or_loaded, FileOutcome):
                    record(outcome_or_loaded)
                else:
                    loaded.append(outcome_or_loaded)
            fresh = loaded if dry_run else _skip_known(loaded, record)
            if fresh:
                yield [
                    (_Pending(item.path, item.digest, item.existing), Job(item.path, item.data))
                    for item in fresh
                ]

    try:
        _extract_and_write(batches(), writer, record, dry_run, stage)
    finally:
        # Also after an interrupt: the articles committed so far get their majority heads.
        if writer is not None:
            _settle(writer)
    if writer is not None:
        report.warnings.extend(duplicate_warnings())
    return report


def duplicate_warnings() -> list[str]:
    """One line per name that several participants share (made before the name was unique):
    ingest resolves the name to the first of them, but the others split the person's record."""
    return [
        f"{len(group)} participants are named {group[0].name!r} "
        f"(#{', #'.join(str(p.pk) for p in group)}): run `manage.py "
        "merge_duplicate_participants` or merge them in the admin"
        for group in duplicate_participants()
    ]


def reextract_articles(
    articles: Iterable[Article] | None = None,
    *,
    progress: ProgressCallback | None = None,
    batch_size: int | None = None,
    workers: int | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> IngestReport:
    """Run extraction again over stored articles (after the rules improved).

    Editors' facts and links survive: only machine facts are replaced. A run over the whole
    archive waits for another ingest to finish (see `ingest_paths`); a few articles (an
    editor's re-link) go ahead, their writes retried if they collide with a run's.
    """
    stage = _Stage(
        settings.INGEST_MAX_BYTES, batch_size or settings.INGEST_BATCH_SIZE, worker_count(workers)
    )
    report = IngestReport(progress=progress)
    source = articles if articles is not None else Article.objects.order_by("pk").iterator(1000)
    batches = (
        [
            (
                _Pending(Path(article.source_path), article.content_hash, article),
                Job(Path(article.source_path), text=_stored_text(article)),
            )
            for article in chunk
        ]
        for chunk in _chunks(source, stage.batch_size)
    )
    with ingest_lock(on_wait) if articles is None else nullcontext(), bumps_held():
        writer = FactWriter(FactCache.load())  # after the wait: what the other run wrote
        try:
            _extract_and_write(batches, writer, report.record, False, stage)
        finally:
            _settle(writer)
    return report


def _settle(writer: FactWriter) -> None:
    """After a run: machine facts left without evidence go (an article deleted meanwhile
    leaves some), majority heads and names; one transaction."""
    with transaction.atomic():
        writer.delete_all_orphans()
        refresh_derived(writer.touched_delegations)
        refresh_participant_names(writer.touched_people)
        bump_archive_version()


def reextract_article(article: Article) -> None:
    """Re-extract one article, e.g. after an editor re-linked it to another round."""
    report = reextract_articles([article])
    if report.failures:
        raise RuntimeError(report.failures[0].reason)


_END = object()  # `next`'s default: the iterable is exhausted


def _chunks(iterable: Iterable, size: int) -> Iterator[list]:
    """Batches of `size`, smaller at both ends: the writer waits for the first batch to be
    extracted, so small first ones (an eighth, a quarter, a half) get it writing sooner; and
    the last ones halve what is left, so no worker (or the writer) ends the run alone with a
    whole batch while the other cores idle.

    Looks ahead at most two batches of items (paths, or stored articles when re-extracting),
    so the input is still streamed.
    """
    iterator = iter(iterable)
    smallest = max(size // 8, 1)
    step = smallest
    ahead: deque = deque()
    exhausted = False
    while True:
        while not exhausted and len(ahead) < 2 * size:
            item = next(iterator, _END)
            if item is _END:
                exhausted = True
            else:
                ahead.append(item)
        if not ahead:
            return
        take = step
        if exhausted:  # the end is in sight: half of what is left, all of a small rest
            take = len(ahead) if len(ahead) < 2 * smallest else min(step, len(ahead) // 2)
        yield [ahead.popleft() for _ in range(min(take, len(ahead)))]
        step = min(step * 2, size)


@dataclass
class _Loaded:
    """A file's bytes, before we know whether the archive has them already."""

    path: Path
    data: bytes
    digest: str
    existing: Article | None = None


def _load(path: Path, max_bytes: int, seen_digests: set[str]) -> FileOutcome | _Loaded:
    name = str(path)
    try:
        data = read_regular_file(path, max_bytes)
    except Refused as refused:
        return FileOutcome(name, FAILED, str(refused))
    except OSError as error:
        return FileOutcome(name, FAILED, f"cannot read: {error.strerror or error}")
    if not data.strip():  # before the digest: two empty files are two failures, not one
        return FileOutcome(name, FAILED, "empty file")
    digest = hashlib.sha256(data).hexdigest()
    if digest in seen_digests:
        return FileOutcome(name, UNCHANGED, "same content as another file in this run")
    seen_digests.add(digest)
    return _Loaded(path, data, digest)


class Refused(Exception):
    """A file ingest does not read; the message is the one-line reason."""


_READ_CHUNK = 1 << 20


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`, else `Refused`.

    A FIFO would block the read for ever and a device (/dev/zero) would never end, so only a
    regular file is opened (checked before opening, as opening some devices acts on them,
    and again on the open file, which cannot change under us); O_NONBLOCK keeps the open
    itself from waiting. The read stops past `max_bytes` whatever size the file reported
    (files under /proc report 0, a growing log more than it had).
    """
    limit = f"the {_size(max_bytes)} limit (INGEST_MAX_BYTES)"
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise Refused(f"not a regular file ({file_kind(mode)}): only files are read")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise Refused(f"not a regular file ({file_kind(status.st_mode)}): only files are read")
        if status.st_size > max_bytes:
            raise Refused(f"file is {_size(status.st_size)}, over {limit}")
        chunks, total = [], 0
        while chunk := os.read(descriptor, min(_READ_CHUNK, max_bytes + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise Refused(f"file is over {limit} (it grew while it was read)")
    finally:
        os.close(descriptor)
    return b"".join(chunks)


def _size(n: int) -> str:
    """A size in MB and exactly: "5.1 MB (5,300,000 bytes)"."""
    return f"{n / 1_048_576:.1f} MB ({n:,} bytes)"


def _skip_known(loaded: list[_Loaded], record: ProgressCallback) -> list[_Loaded]:
    """Drop the files the archive already holds: two queries for the whole batch, a third
    for the changed files at known paths."""
    names = [str(item.path) for item in loaded]
    by_path = {
        a.source_path: a
        for a in Article.objects.filter(source_path__in=names).only(
            "pk", "source_path", "content_hash"
        )
    }
    by_hash = dict(
        Article.objects.filter(content_hash__in=[item.digest for item in loaded]).values_list(
            "content_hash", "source_path"
        )
    )
    fresh = []
    for item in loaded:
        name = str(item.path)
        known = by_path.get(name)
        if known is not None and known.content_hash == item.digest:
            record(FileOutcome(name, UNCHANGED, article_id=known.pk))
        elif item.digest in by_hash:
            record(FileOutcome(name, UNCHANGED, f"same content as {by_hash[item.digest]}"))
        else:
            item.existing = known
            fresh.append(item)
    # Changed files at known paths: their whole rows, as they are about to be rewritten.
    changed = Article.objects.in_bulk([item.existing.pk for item in fresh if item.existing])
    for item in fresh:
        if item.existing is not None:
            item.existing = changed[item.existing.pk]
    return fresh


# A leading " date 2019-04-26 " header and an agency dateline ("NUR-SULTAN, Dec 11 (Wire) -").
_LEAD_PREFIX = re.compile(
    r"^\s*(?:date\s+\d{4}-\d{2}-\d{2}\s+)?(?:[A-Z][A-Z .'-]{2,40}(?:,[^-\u2013\u2014]{0,40})?"
    r"\s*[-\u2013\u2014]\s+)?"
)


def lead_title(text: str, max_chars: int = 90) -> str:
    """A readable label for an article without a headline: its opening words, marked with an
    ellipsis so nobody takes them for the publisher's headline."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    lead = " ".join(_LEAD_PREFIX.sub("", first_line, count=1).split())
    sentence = re.split(r"(?<=[.!?])\s", lead, maxsplit=1)[0]
    if len(sentence) <= max_chars and sentence != lead:
        return sentence.rstrip(".") + " …"
    cut = lead[:max_chars].rsplit(" ", 1)[0] if len(lead) > max_chars else lead
    return cut.rstrip(" ,;:.") + " …"


def _stored_text(article: Article) -> ArticleText:
    return ArticleText(
        text=article.text,
        title=article.title or None,
        publisher=article.publisher or None,
        language=article.language,
        encoding=article.encoding,
        meta_published=article.meta_published,
    )


def _extract_and_write(
    batches: Iterable[list[tuple[_Pending, Job]]],
    writer: FactWriter | None,
    record: ProgressCallback,
    dry_run: bool,
    stage: _Stage,
) -> None:
    """Extract the batches (in worker processes when there are several) and write each
    article in a transaction of its own, in the order the files came."""
    waiting: deque[list[_Pending]] = deque()

    def jobs() -> Iterator[list[Job]]:
        for batch in batches:
            waiting.append([pending for pending, _ in batch])
            yield [job for _, job in batch]

    config = extractor_config()
    extractor = build_extractor(config)
    results = run_batches(
        jobs(),
        extractor,
        config,
        max_bytes=stage.max_bytes,
        workers=stage.workers,
        languages=prebuilt_languages() if stage.workers > 1 else None,
    )
    # closing(): an interrupt stops the worker processes now, not when the frame is freed.
    with closing(results), nullcontext() if writer is None else unflushed_commits():
        for done_batch in results:
            pending = waiting.popleft()
            try:
                for item, done in zip(pending, done_batch, strict=True):
                    _write_one(item, done, writer, record, dry_run)
            finally:
                if writer is not None:
                    # One bump a batch, after its articles committed: cached pages show them.
                    with transaction.atomic():
                        bump_archive_version()


def _write_one(
    item: _Pending,
    done: Done,
    writer: FactWriter | None,
    record: ProgressCallback,
    dry_run: bool,
) -> None:
    name = str(item.path)
    if done.error:
        record(FileOutcome(name, FAILED, done.error))
        return
    item.text, item.published, extraction = done.text, done.published, done.extraction
    if dry_run or writer is None:
        record(
            FileOutcome(
                name, DRY_RUN, extraction=extraction, article=item.text, language=item.text.language
            )
        )
        return
    for attempt in range(1, _WRITE_ATTEMPTS + 1):
        try:
            with transaction.atomic():
                article, status = _save_article(item, extraction, writer)
            break
        except IntegrityError as error:
            # Another writer (an editor's re-extraction, a run without the lock) stored a row
            # this one meant to create: read what it wrote and try again.
            writer.cache = FactCache.load()
            stored = _stored_meanwhile(item)
            if stored is not None:
                record(FileOutcome(name, UNCHANGED, _STORED_MEANWHILE, article_id=stored))
                return
            if attempt == _WRITE_ATTEMPTS:
                record(FileOutcome(name, FAILED, f"{type(error).__name__}: {error}"))
                return
            if item.existing is not None:
                item.existing = Article.objects.filter(pk=item.existing.pk).first()
        except Exception as error:  # one bad article must not stop the run
            # The transaction rolled back: forget rows the cache saw created inside it.
            writer.cache = FactCache.load()
            record(FileOutcome(name, FAILED, f"{type(error).__name__}: {error}"))
            return
    # The extraction is not kept: a report holds one small outcome a file, however many.
    record(FileOutcome(name, status, article_id=article.pk, language=article.language))


_WRITE_ATTEMPTS = 3
_STORED_MEANWHILE = "stored by another ingest meanwhile"


def _stored_meanwhile(item: _Pending) -> int | None:
    """The id of an article with this content stored since the run looked, if any."""
    if item.existing is not None and item.existing.content_hash == item.digest:
        return None
    return Article.objects.filter(content_hash=item.digest).values_list("pk", flat=True).first()


def _searched_words(article: Article) -> tuple[str, str, str] | None:
    """What the article's stored search vector was made of; None when it has none."""
    if "search_document" in article.get_deferred_fields() or article.search_document is None:
        return None
    return (article.title, article.publisher, article.text)


def _save_article(
    item: _Pending, extraction: Extraction, writer: FactWriter
) -> tuple[Article, str]:
    article = item.existing
    is_new = article is None
    if article is None:
        article = Article(source_path=str(item.path))
    text = item.text
    searched_before = None if is_new else _searched_words(article)
    article.source_name = item.path.name
    article.content_hash = item.digest
    article.text = text.text
    article.language = text.language
    article.encoding = text.encoding
    article.meta_published = text.meta_published
    if not article.metadata_locked:
        article.title = (text.title or lead_title(text.text))[:500]
        article.publisher = (text.publisher or "")[:200]
        finding = item.published
        article.published = finding.value if finding else None
        article.published_sentence = finding.evidence.sentence if finding else ""
        article.published_rule = finding.rule[:60] if finding else ""
    writer.link_round(article, extraction.round, extraction.round_candidates)
    article.extracted_at = timezone.now()
    if is_new:
        insert_instance(article)
    else:
        article.save()
    with pipelined():  # one round trip for the rest of the article's writes (PostgreSQL)
        writer.replace_facts(article, extraction, is_new=is_new)
        # The search vector (SQLite searches the text), unless its words stay the same: a
        # re-extraction rarely changes them, and the vector costs the database more than
        # all the rest.
        if connection.vendor == "postgresql" and (
            searched_before is None or searched_before != _searched_words(article)
        ):
            Article.objects.filter(pk=article.pk).refresh_search_documents()
    if is_new:
        return article, NEW
    return article, UPDATED
