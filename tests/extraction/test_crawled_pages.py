"""The extractor over our own crawled-style pages (tests/fixtures/crawled*): pages written
blind, to look like what a crawler stores (page chrome, stamps, datelines, related-article
lists), in English and six other languages.

A set whose gold keeps a half aside (`"set_aside": "odd file numbers"`) is scored here on its
tuning half only; the other half is scored by hand at the end of a round of work
(`scripts/eval_real.py --corpus DIR --part heldout`), so that no test tunes the rules to it.
Once that estimate is taken the set is ordinary development data and scored whole. The bars
sit a little under the scores reached, so a change that loses quality on such pages fails.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from articles.extraction.evaluation import Report, readable_entries, score_pages
from tests.extraction.conftest import assert_meets_bar

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

BARS = {
    # Both halves (the set-aside half was scored once, in the eighth session).
    "crawled": {
        "round": 0.95,
        "published": 0.93,
        "delegations": 0.95,
        "heads": 0.95,
        "observers": 0.95,
        "topics": 0.93,
    },
    "crawled_intl": {
        "round": 0.93,
        "published": 0.93,
        "delegations": 0.93,
        "heads": 0.95,
        "observers": 0.93,
        "topics": 0.93,
    },
    # Written in the ninth session and scored whole once as its estimate: the English set was
    # then tuned on whole; the other languages keep their odd half aside (even half here).
    "crawled2": {
        "round": 0.93,
        "published": 0.90,
        "delegations": 0.93,
        "heads": 0.92,
        "observers": 0.92,
        "topics": 0.88,
    },
    "crawled2_intl": {
        "round": 0.85,
        "published": 0.85,
        "delegations": 0.90,
        "heads": 0.80,
        "observers": 0.90,
        "topics": 0.90,
    },
}


@pytest.fixture(scope="module")
def reports(extractor) -> dict[str, Report]:
    found = {}
    for name in BARS:
        gold = json.loads((FIXTURES / name / "gold.json").read_text(encoding="utf-8"))
        found[name] = score_pages(extractor, FIXTURES / name, readable_entries(gold))
    return found


@pytest.mark.parametrize(
    ("folder", "field"), [(folder, field) for folder, bars in BARS.items() for field in bars]
)
def test_crawled_pages_meet_the_bar(reports, folder: str, field: str) -> None:
    assert_meets_bar(reports[folder], field, BARS[folder][field], folder)
