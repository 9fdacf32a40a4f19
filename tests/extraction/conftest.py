"""Fixtures for the extraction tests: one Extractor per test session (no Django needed)."""

from __future__ import annotations

from datetime import date

import pytest

from articles.extraction.pipeline import Extractor
from articles.extraction.types import ArticleText, Extraction


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """Built once: the matchers compile once per process, as in the ingest service."""
    return Extractor()


@pytest.fixture(scope="session")
def extract(extractor: Extractor):
    """extract(text, published="YYYY-MM-DD" | None, title=None) -> Extraction."""

    def run(text: str, published: str | None = None, title: str | None = None) -> Extraction:
        when = date.fromisoformat(published) if published else None
        return extractor.extract(ArticleText(text=text, title=title), when)

    return run


def assert_meets_bar(report, field: str, bar: float, label: str) -> None:
    """A scored set's field at or above its bar; on failure, the misses of that field."""
    value = report.fields[field].score
    misses = "\n".join(str(m) for m in report.misses if m.field == field)
    assert value >= bar, f"{label} {field} {value:.3f} < {bar}\n{misses}"
