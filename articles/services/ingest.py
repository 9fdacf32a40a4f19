"""Ingest: article files in, articles and their facts out.

`ingest_paths` streams the files in batches: read and decode each, skip what is already
stored (same content hash), run extraction over the batch with `nlp.pipe`, then write each
article and its facts in a transaction of its own, so an error or an interrupted run leaves
no half-written article. Re-running over the same files changes nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from articles.extraction.dates import find_publication_date
from articles.extraction.pipeline import Extractor
from articles.extraction.reader import UnreadableArticle, read_article
from articles.extraction.types import ArticleText, DateFinding, Extraction, PartyInfo, RoundInfo
from articles.models import Article
from articles.services.facts import (
    FactCache,
    FactWriter,
    refresh_derived,
    refresh_participant_names,
)
from articles.services.paths import MissingPath, iter_article_paths
from rounds.models import Party, Round
from rounds.versioning import bump_archive_version, bumps_held

NEW, UPDATED, UNCHANGED, FAILED, DRY_RUN = "new", "updated", "unchanged", "failed", "dry-run"


@dataclass
class FileOutcome:
    """What happened to one file (or one stored article, when re-extracting)."""

    path: str
    status: str
    reason: str = ""
    article_id: int | None = None
    extraction: Extraction | None = None
    article: ArticleText | None = None


ProgressCallback = Callable[[FileOutcome], None]


@dataclass
class IngestReport:
    outcomes: list[FileOutcome] = field(default_factory=list)
    progress: ProgressCallback | None = None

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
        return ", ".join(parts)


@dataclass
class _Pending:
    """A file read and decoded, waiting for extraction in its batch."""

    path: Path
    digest: str
    text: ArticleText
    published: DateFinding | None
    existing: Article | None


_extractor_cache: dict[tuple, Extractor] = {}


def build_extractor() -> Extractor:
    """The extractor for the database's current calendar and party aliases.

    Built once per process for a given calendar and alias set (building the matchers is the
    costly part); editors' new aliases produce a new key and so a new extractor.
    """
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
    key = (calendar, parties, settings.SPACY_MODEL)
    if key not in _extractor_cache:
        _extractor_cache.clear()
        _extractor_cache[key] = Extractor(
            calendar=calendar, parties=parties, model=settings.SPACY_MODEL or None
        )
    return _extractor_cache[key]


def ingest_paths(
    paths: Iterable[str | Path],
    *,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    max_bytes: int | None = None,
    batch_size: int | None = None,
) -> IngestReport:
    """Ingest files, folders (recursively) and globs; return what happened to each file."""
    max_bytes = max_bytes or settings.INGEST_MAX_BYTES
    batch_size = batch_size or settings.INGEST_BATCH_SIZE
    with bumps_held():
        return _ingest_paths(paths, dry_run, progress, max_bytes, batch_size)


def _ingest_paths(
    paths: Iterable[str | Path],
    dry_run: bool,
    progress: ProgressCallback | None,
    max_bytes: int,
    batch_size: int,
) -> IngestReport:
    report = IngestReport(progress=progress)
    record = report.record
    extractor = build_extractor()
    writer = None if dry_run else FactWriter(FactCache.load())

    seen_digests: set[str] = set()
    for chunk in _chunks(iter_article_paths(paths), batch_size):
        loaded: list[_Loaded] = []
        for item in chunk:
            if isinstance(item, MissingPath):
                record(FileOutcome(path=str(item).split(":")[0], status=FAILED, reason=str(item)))
                continue
            outcome_or_loaded = _load(item, max_bytes, seen_digests)
            if isinstance(outcome_or_loaded, FileOutcome):
                record(outcome_or_loaded)
            else:
                loaded.append(outcome_or_loaded)
        pending = []
        for item in loaded if dry_run else _skip_known(loaded, record):
            outcome_or_pending = _decode(item, max_bytes)
            if isinstance(outcome_or_pending, FileOutcome):
                record(outcome_or_pending)
            else:
                pending.append(outcome_or_pending)
        _extract_and_write(extractor, writer, pending, record, dry_run)
    if writer is not None:
        _settle(writer)
    return report


def reextract_articles(
    articles: Iterable[Article] | None = None,
    *,
    progress: ProgressCallback | None = None,
    batch_size: int | None = None,
) -> IngestReport:
    """Run extraction again over stored articles (after the rules improved).

    Editors' facts and links survive: only machine facts are replaced.
    """
    batch_size = batch_size or settings.INGEST_BATCH_SIZE
    report = IngestReport(progress=progress)
    extractor = build_extractor()
    writer = FactWriter(FactCache.load())
    source = articles if articles is not None else Article.objects.order_by("pk").iterator(1000)
    with bumps_held():
        _reextract(source, batch_size, extractor, writer, report.record)
    return report


def _reextract(
    source: Iterable[Article],
    batch_size: int,
    extractor: Extractor,
    writer: FactWriter,
    record: ProgressCallback,
) -> None:
    for chunk in _chunks(source, batch_size):
        pending = [
            _Pending(
                path=Path(article.source_path),
                digest=article.content_hash,
                text=_stored_text(article),
                published=None,
                existing=article,
            )
            for article in chunk
        ]
        for item in pending:
            item.published = find_publication_date(item.text)
        _extract_and_write(extractor, writer, pending, record, dry_run=False)
    _settle(writer)


def _settle(writer: FactWriter) -> None:
    """After a run: majority heads and names, one transaction (derived values only)."""
    with transaction.atomic():
        refresh_derived(writer.touched_delegations)
        refresh_participant_names(writer.touched_people)
        bump_archive_version()


def reextract_article(article: Article) -> None:
    """Re-extract one article, e.g. after an editor re-linked it to another round."""
    report = reextract_articles([article])
    if report.failures:
        raise RuntimeError(report.failures[0].reason)


def _chunks(iterable: Iterable, size: int) -> Iterator[list]:
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


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
        size = path.stat().st_size
        if size > max_bytes:
            return FileOutcome(
                name,
                FAILED,
                f"file is {size / 1_048_576:.1f} MB, over the "
                f"{max_bytes / 1_048_576:.1f} MB limit (INGEST_MAX_BYTES)",
            )
        data = path.read_bytes()
    except OSError as error:
        return FileOutcome(name, FAILED, f"cannot read: {error.strerror or error}")
    digest = hashlib.sha256(data).hexdigest()
    if digest in seen_digests:
        return FileOutcome(name, UNCHANGED, "same content as another file in this run")
    seen_digests.add(digest)
    return _Loaded(path, data, digest)


def _skip_known(loaded: list[_Loaded], record: ProgressCallback) -> list[_Loaded]:
    """Drop the files the archive already holds, with two queries for the whole batch."""
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
            # A changed file at a known path: load the whole row, it is about to be rewritten.
            item.existing = Article.objects.get(pk=known.pk) if known is not None else None
            fresh.append(item)
    return fresh


def _decode(item: _Loaded, max_bytes: int) -> FileOutcome | _Pending:
    try:
        text = read_article(item.data, item.path.name, max_bytes=max_bytes)
    except UnreadableArticle as error:
        return FileOutcome(str(item.path), FAILED, str(error))
    return _Pending(item.path, item.digest, text, find_publication_date(text), item.existing)


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
    extractor: Extractor,
    writer: FactWriter | None,
    pending: list[_Pending],
    record: ProgressCallback,
    dry_run: bool,
) -> None:
    if not pending:
        return
    items = ((item.text, item.published, item) for item in pending)
    for extraction, item in extractor.extract_many(items, batch_size=len(pending)):
        name = str(item.path)
        if dry_run:
            record(FileOutcome(name, DRY_RUN, extraction=extraction, article=item.text))
            continue
        try:
            with transaction.atomic():
                article, status = _save_article(item, extraction, writer)
                bump_archive_version()
        except Exception as error:  # one bad article must not stop the run
            # The transaction rolled back: forget rows the cache saw created inside it.
            writer.cache = FactCache.load()
            record(FileOutcome(name, FAILED, f"{type(error).__name__}: {error}"))
            continue
        record(FileOutcome(name, status, article_id=article.pk, extraction=extraction))


def _save_article(
    item: _Pending, extraction: Extraction, writer: FactWriter
) -> tuple[Article, str]:
    article = item.existing
    is_new = article is None
    if article is None:
        article = Article(source_path=str(item.path))
    text = item.text
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
    writer.link_round(article, extraction.round)
    article.extracted_at = timezone.now()
    article.save()
    writer.replace_facts(article, extraction, is_new=is_new)
    Article.objects.filter(pk=article.pk).refresh_search_documents()
    if is_new:
        return article, NEW
    return article, UPDATED
