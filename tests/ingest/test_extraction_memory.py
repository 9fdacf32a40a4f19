"""An extraction worker's memory stays flat: what a batch adds to spaCy's vocabulary (every
article brings new figures and names) is forgotten after the batch, and the extractions are
the same as without that."""

from __future__ import annotations

from pathlib import Path

import pytest

from articles.extraction.pipeline import Extractor
from articles.extraction.types import PersonInfo
from articles.services import extraction_stage
from articles.services.extraction_stage import Job, extract_batch
from tests.ingest.conftest import ROUND_14

MAX_BYTES = 1_000_000


def article(n: int) -> str:
    """Round 14, led by a person only the archive knows, with words and figures no other
    article has."""
    return (
        ROUND_14.replace("presidential envoy Alexander Lavrentiev", "envoy Ivan Petrov")
        + f"\nAid convoys carried {1000 + 37 * n:,} tonnes to Qorvath{n} and Ulmiskar{n}, "
        f"officials said, {n + 3}.{n % 7}% more than in {1990 + n}.\n"
    )


def jobs(numbers: range) -> list[Job]:
    return [Job(Path(f"{n}.txt"), article(n).encode()) for n in numbers]


WARM_UP = 6  # articles a pipeline extracts before its batches go into memory zones


@pytest.fixture(autouse=True)
def short_warm_up(monkeypatch):
    monkeypatch.setattr(extraction_stage, "WARM_UP_ARTICLES", WARM_UP)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(people=[PersonInfo("Ivan Petrov", "Russia", (), (14,))])


def test_a_second_batch_does_not_grow_the_string_store(extractor):
    strings = extractor.pipeline("en").vocab.strings
    extract_batch(extractor, jobs(range(0, WARM_UP)), MAX_BYTES)
    size = len(strings)
    # The warm-up's words stay: later articles' common words are not added again each batch.
    assert "Qorvath0" in strings

    second = extract_batch(extractor, jobs(range(6, 12)), MAX_BYTES)

    assert [done.error for done in second] == [""] * 6
    assert len(strings) == size
    assert "Qorvath7" not in strings and "Ulmiskar7" not in strings


def test_extractions_are_those_made_without_forgetting(extractor):
    extract_batch(extractor, jobs(range(20, 20 + WARM_UP)), MAX_BYTES)
    extract_batch(extractor, jobs(range(30, 34)), MAX_BYTES)  # a zone opened and closed
    batch = extract_batch(extractor, jobs(range(40, 44)), MAX_BYTES)
    fresh = Extractor(people=[PersonInfo("Ivan Petrov", "Russia", (), (14,))])

    for done in batch:
        assert done.error == ""
        # The known head is found after earlier zones ended (the matcher's keys survive).
        heads = {d.party: d.head for d in done.extraction.delegations}
        assert heads["Russia"] == "Ivan Petrov"
        assert done.extraction == fresh.extract(done.text, done.published)
