"""Ingest with worker processes: the archive it writes is the one a single process writes."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from articles.extraction.pipeline import Extractor
from articles.models import Article
from articles.services.export import export_archive
from articles.services.extraction_stage import Job, extract_batch
from articles.services.ingest import (
    FAILED,
    NEW,
    _chunks,
    ingest_paths,
    prebuilt_languages,
    reextract_articles,
)
from rounds.models import DelegationMention, Participant, TopicMention
from tests.ingest.conftest import ROUND_14, ROUND_23, write

pytestmark = pytest.mark.django_db

ROUND_14_LATER = ROUND_14.replace("2019-12-11", "2019-12-12").replace("on Wednesday", "on Thursday")


def corpus(folder: Path) -> Path:
    """Seven articles, one of them unreadable: several batches at the tests' batch sizes."""
    write(folder, "a.txt", ROUND_14)
    write(folder, "b.txt", ROUND_23)
    write(folder, "c.txt", ROUND_14_LATER)
    write(folder, "d.txt", b"\x00\x01\x02binary\x00" * 50)
    write(folder, "e.html", f"<html><body><nav>Home</nav><p>{ROUND_23}</p></body></html>")
    write(folder, "f.txt", ROUND_23.replace("Tuesday", "Wednesday"))
    write(folder, "g.txt", ROUND_14.replace("Jordan, ", ""))
    return folder


def archive_rows() -> tuple:
    """Everything a reader sees, in an order that does not depend on row ids."""
    document = export_archive()
    for article in document["articles"]:
        article.pop("id", None)
    mentions = sorted(
        DelegationMention.objects.values_list(
            "article__source_name", "delegation__party__name", "sentence", "start", "end",
            "confidence", "head__name", "head_as_written", "head_title",
        )
    )  # fmt: skip
    topics = sorted(
        TopicMention.objects.values_list(
            "article__source_name", "round_topic__topic__slug", "sentence", "confidence"
        )
    )
    return document, mentions, topics


def clear_archive() -> None:
    Article.objects.all().delete()
    Participant.objects.all().delete()


def test_workers_write_the_same_archive_as_one_process(tmp_path):
    folder = corpus(tmp_path / "articles")
    alone = ingest_paths([folder], workers=1, batch_size=3)
    expected = archive_rows()
    clear_archive()

    pooled = ingest_paths([folder], workers=2, batch_size=3)

    assert archive_rows() == expected
    assert [(o.path, o.status) for o in pooled.outcomes] == [
        (o.path, o.status) for o in alone.outcomes
    ]
    assert pooled.count(NEW) == 6
    (failure,) = pooled.failures
    assert failure.path.endswith("d.txt")
    assert "binary" in failure.reason


def test_second_pooled_run_changes_nothing(tmp_path):
    folder = corpus(tmp_path / "articles")
    ingest_paths([folder], workers=2, batch_size=2)
    before = archive_rows()

    again = ingest_paths([folder], workers=2, batch_size=2)

    assert again.count(NEW) == 0
    assert again.count("unchanged") == 6
    assert archive_rows() == before


def test_batches_start_small_so_writing_starts_early_and_keep_every_file_in_order():
    batches = list(_chunks(iter(range(100)), 64))
    assert [len(batch) for batch in batches][:3] == [8, 16, 32]
    assert [item for batch in batches for item in batch] == list(range(100))
    assert [len(batch) for batch in _chunks(iter(range(5)), 64)] == [5]
    assert [len(batch) for batch in _chunks(iter(range(1)), 64)] == [1]
    assert list(_chunks(iter([]), 64)) == []


def test_batches_shrink_at_the_end_so_no_core_finishes_the_run_alone():
    sizes = [len(batch) for batch in _chunks(iter(range(2000)), 64)]
    assert sum(sizes) == 2000
    assert sizes[:4] == [8, 16, 32, 64]
    tail = sizes[sizes.index(64) :]
    middle = tail[:-4]
    assert set(middle) == {64}
    assert tail[-4:] == sorted(tail[-4:], reverse=True)
    assert sizes[-1] <= 16


def test_batches_look_ahead_at_most_two_batches():
    pulled = 0

    def source():
        nonlocal pulled
        for item in range(1000):
            pulled += 1
            yield item

    handed_out = 0
    for batch in _chunks(source(), 64):
        handed_out += len(batch)
        assert pulled - handed_out <= 2 * 64


def test_a_pooled_run_keeps_no_extraction_and_leaves_the_collector_as_it_was(tmp_path):
    frozen_before = gc.get_freeze_count()
    report = ingest_paths([corpus(tmp_path / "articles")], workers=2, batch_size=2)
    assert report.count(NEW) == 6
    # Memory stays flat: a written article's facts are in the database, not in the report.
    assert all(outcome.extraction is None for outcome in report.outcomes)
    assert gc.get_freeze_count() == frozen_before


def test_pooled_reextract_keeps_the_archive(tmp_path):
    folder = corpus(tmp_path / "articles")
    ingest_paths([folder], workers=1, batch_size=3)
    before = archive_rows()

    report = reextract_articles(workers=2, batch_size=2)

    assert report.count("updated") == 6
    assert archive_rows() == before


def test_pooled_dry_run_writes_nothing(tmp_path):
    folder = corpus(tmp_path / "articles")
    report = ingest_paths([folder], workers=2, batch_size=2, dry_run=True)
    assert report.count("dry-run") == 6
    assert not Article.objects.exists()
    assert {o.extraction.round.number for o in report.outcomes if o.extraction} == {14, 23}


def test_workers_leave_the_database_connection_usable(tmp_path):
    ingest_paths([corpus(tmp_path / "articles")], workers=2, batch_size=2)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM articles_article")
        assert cursor.fetchone()[0] == 6


class FailsOn(Extractor):
    """The real extractor, except that a batch holding an article with `marker` in its text
    calls `fail` (raise like a rule bug, or end the process like the out-of-memory killer)."""

    def __init__(self, marker: str, fail) -> None:
        super().__init__()
        self.marker, self.fail = marker, fail

    def extract_many(self, items, batch_size=64):
        items = list(items)
        if any(self.marker in article.text for article, _, _ in items):
            self.fail()
        return super().extract_many(items, batch_size)


def rule_crash() -> None:
    raise ValueError("rule crashed")


def process_killed() -> None:
    os._exit(9)


def test_an_article_that_breaks_extraction_fails_alone(tmp_path):
    paths = [
        write(tmp_path, "a.txt", ROUND_14),
        write(tmp_path, "b.txt", ROUND_23 + "\nTRIGGER\n"),
        write(tmp_path, "c.txt", ROUND_23),
    ]
    jobs = [Job(path, path.read_bytes()) for path in paths]

    done = extract_batch(FailsOn("TRIGGER", rule_crash), jobs, max_bytes=1_000_000)

    assert [d.error for d in done] == ["", "extraction failed: ValueError: rule crashed", ""]
    assert done[0].extraction.round.number == 14
    assert done[2].extraction.round.number == 23


def test_the_failing_article_is_reported_and_the_others_written(tmp_path, monkeypatch):
    import articles.services.ingest as ingest_service

    monkeypatch.setattr(
        ingest_service, "build_extractor", lambda config: FailsOn("TRIGGER", rule_crash)
    )
    write(tmp_path, "a.txt", ROUND_14)
    write(tmp_path, "b.txt", ROUND_23 + "\nTRIGGER\n")

    report = ingest_paths([tmp_path], workers=1)

    assert [o.status for o in report.outcomes] == [NEW, FAILED]
    assert "rule crashed" in report.failures[0].reason
    assert Article.objects.get().source_name == "a.txt"


def test_a_dead_worker_stops_the_run_with_a_clear_error(tmp_path, monkeypatch, ingest):
    import articles.services.ingest as ingest_service

    monkeypatch.setattr(
        ingest_service, "build_extractor", lambda config: FailsOn("TRIGGER", process_killed)
    )
    monkeypatch.setattr(settings, "INGEST_WORKERS", 2)
    monkeypatch.setattr(settings, "INGEST_BATCH_SIZE", 1)
    write(tmp_path, "a.txt", ROUND_14)
    write(tmp_path, "b.txt", ROUND_23)
    write(tmp_path, "c.txt", ROUND_23.replace("Tuesday", "Monday") + "\nTRIGGER\n")
    write(tmp_path, "d.txt", ROUND_14_LATER)

    code, _, err = ingest(tmp_path)

    assert code == 1
    assert "extraction worker process died" in err
    assert "run the same command again" in err
    # What was written before is whole; nothing of the batch that died is.
    assert "c.txt" not in set(Article.objects.values_list("source_name", flat=True))


def test_workers_share_the_pipelines_of_the_archives_languages(tmp_path):
    """Before its workers fork, a run builds every language's pipeline for an empty archive
    (its first, large run), and afterwards those of the languages the archive holds."""
    assert prebuilt_languages() is None
    ingest_paths([corpus(tmp_path)], batch_size=2, workers=2)
    assert prebuilt_languages() == {"en"}
    Article.objects.filter(pk=Article.objects.first().pk).update(language="fr")
    assert prebuilt_languages() == {"en", "fr"}
