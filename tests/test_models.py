"""The data model's guarantees, and the vocabulary every new database starts with."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import IntegrityError, transaction

from articles.models import Article
from rounds.models import Delegation, Observer, Party, Round, RoundTopic, Topic
from tests.shared_corpus import shared_dir

pytestmark = pytest.mark.django_db


def vocabulary_table(heading: str) -> list[list[str]]:
    """The rows of the markdown table under `heading` in shared/reference/vocabulary.md."""
    text = (shared_dir() / "reference" / "vocabulary.md").read_text(encoding="utf-8")
    section = text.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("|")
    ]
    return [row for row in rows[2:] if row]  # past the header and its rule


def raises_integrity_error(create) -> bool:
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


def test_round_numbers_are_unique():
    assert raises_integrity_error(lambda: Round.objects.create(number=1, city="Astana"))


def test_round_cannot_end_before_it_starts():
    assert raises_integrity_error(
        lambda: Round.objects.create(number=40, start=date(2025, 5, 2), end=date(2025, 5, 1))
    )


def test_article_content_hash_is_unique():
    Article.objects.create(source_path="/a.txt", source_name="a.txt", content_hash="x" * 64)
    assert raises_integrity_error(
        lambda: Article.objects.create(
            source_path="/b.txt", source_name="b.txt", content_hash="x" * 64
        )
    )


def test_one_delegation_per_party_per_round():
    round_, russia = Round.objects.get(number=3), Party.objects.get(name="Russia")
    Delegation.objects.create(round=round_, party=russia, role="guarantor")
    assert raises_integrity_error(
        lambda: Delegation.objects.create(round=round_, party=russia, role="guarantor")
    )
    # The same party at another round is another delegation.
    Delegation.objects.create(round=Round.objects.get(number=4), party=russia, role="guarantor")


def test_one_observer_and_one_topic_entry_per_round():
    round_ = Round.objects.get(number=5)
    jordan, idlib = Party.objects.get(name="Jordan"), Topic.objects.get(slug="idlib")
    Observer.objects.create(round=round_, party=jordan)
    RoundTopic.objects.create(round=round_, topic=idlib)
    assert raises_integrity_error(lambda: Observer.objects.create(round=round_, party=jordan))
    assert raises_integrity_error(lambda: RoundTopic.objects.create(round=round_, topic=idlib))


@pytest.mark.corpus
def test_calendar_migration_matches_the_vocabulary():
    expected = {}
    for number, dates, city in vocabulary_table("Rounds of the Astana format"):
        start, end = re.findall(r"\d{4}-\d{2}-\d{2}", dates)
        expected[int(number)] = (date.fromisoformat(start), date.fromisoformat(end), city)
    assert len(expected) == 22
    stored = {r.number: (r.start, r.end, r.city) for r in Round.objects.all()}
    assert stored == expected
    assert all(Round.objects.values_list("confirmed", flat=True))


@pytest.mark.corpus
def test_parties_and_roles_match_the_vocabulary():
    expected = {name: role.split()[0] for name, role in vocabulary_table("Parties")}
    stored = dict(Party.objects.values_list("name", "default_role"))
    assert stored == expected


@pytest.mark.corpus
def test_topic_slugs_match_the_vocabulary():
    expected = {slug for slug, _ in vocabulary_table("Topics")}
    assert len(expected) == 15
    assert set(Topic.objects.values_list("slug", flat=True)) == expected
    assert all(Topic.objects.values_list("description", flat=True))
