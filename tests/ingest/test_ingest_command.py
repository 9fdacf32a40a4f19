"""`manage.py ingest` on real files: what an operator sees and what the archive holds after."""

from __future__ import annotations

import pytest

from articles.models import Article
from rounds.models import Delegation, DelegationMention, Observer, Participant, Round, RoundTopic
from tests.ingest.conftest import ROUND_14, ROUND_23, write

pytestmark = pytest.mark.django_db


def test_ingest_links_the_round_and_writes_facts_with_evidence(tmp_path, ingest):
    write(tmp_path, "a.txt", ROUND_14)
    code, out, _ = ingest(tmp_path)
    assert code == 0
    assert "1 new, 0 updated, 0 unchanged, 0 failed" in out
    article = Article.objects.get()
    assert article.round.number == 14
    assert article.published.isoformat() == "2019-12-11"
    assert "14th round" in article.round_sentence
    russia = Delegation.objects.get(round__number=14, party__name="Russia")
    assert russia.head.name == "Alexander Lavrentiev"
    mention = russia.mentions.get()
    assert mention.article == article
    assert article.text[mention.start : mention.end] == mention.sentence
    # The head's own sentence is kept beside the presence evidence when they differ.
    head_sentence = mention.head_sentence or mention.sentence
    assert "Lavrentiev" in head_sentence
    if mention.head_sentence:
        assert article.text[mention.head_start : mention.head_end] == mention.head_sentence
    assert 0 < mention.confidence <= 1
    observers = set(Observer.objects.filter(round__number=14).values_list("party__name", flat=True))
    assert {"Jordan", "Lebanon", "Iraq"} <= observers
    topics = set(RoundTopic.objects.filter(round__number=14).values_list("topic__slug", flat=True))
    assert {"constitutional-committee", "idlib"} <= topics


def test_second_run_changes_nothing(tmp_path, ingest):
    write(tmp_path, "a.txt", ROUND_14)
    ingest(tmp_path)
    before = (
        Article.objects.count(),
        DelegationMention.objects.count(),
        Participant.objects.count(),
    )
    code, out, _ = ingest(tmp_path)
    assert code == 0
    assert "0 new, 0 updated, 1 unchanged, 0 failed" in out
    after = (
        Article.objects.count(),
        DelegationMention.objects.count(),
        Participant.objects.count(),
    )
    assert after == before


def test_changed_file_at_known_path_updates_and_reextracts(tmp_path, ingest):
    path = write(tmp_path, "a.txt", ROUND_14)
    ingest(path)
    write(tmp_path, "a.txt", ROUND_14.replace("Jordan, Lebanon and Iraq", "Jordan"))
    code, out, _ = ingest(path)
    assert code == 0
    assert "0 new, 1 updated" in out
    assert Article.objects.count() == 1
    observers = set(Observer.objects.filter(round__number=14).values_list("party__name", flat=True))
    assert observers == {"Jordan"}


def test_same_content_under_another_name_is_not_a_second_article(tmp_path, ingest):
    write(tmp_path, "a.txt", ROUND_14)
    write(tmp_path, "copy/b.txt", ROUND_14)
    code, out, _ = ingest(tmp_path)
    assert code == 0
    assert Article.objects.count() == 1
    assert "1 unchanged" in out


def test_round_not_on_the_calendar_becomes_an_unconfirmed_round(tmp_path, ingest):
    write(tmp_path, "r23.txt", ROUND_23)
    code, _, _ = ingest(tmp_path)
    assert code == 0
    round_23 = Round.objects.get(number=23)
    assert not round_23.confirmed
    assert Article.objects.get().round == round_23
    assert Round.objects.filter(confirmed=True).count() == 22


def test_folders_and_globs_are_walked_recursively(tmp_path, ingest):
    write(tmp_path, "x/one.txt", ROUND_14)
    write(tmp_path, "x/deeper/two.txt", ROUND_23)
    write(tmp_path, "x/notes.md", "not an article")
    code, out, _ = ingest(str(tmp_path / "x" / "**" / "*.txt"))
    assert code == 0
    assert "2 new" in out
    assert Article.objects.count() == 2


def test_dry_run_prints_the_extraction_and_writes_nothing(tmp_path, ingest):
    write(tmp_path, "a.txt", ROUND_14)
    code, out, _ = ingest("--dry-run", tmp_path)
    assert code == 0
    assert "round: 14" in out
    assert "Alexander Lavrentiev" in out
    assert Article.objects.count() == 0
    assert Delegation.objects.count() == 0


def test_progress_lines_name_each_file_when_not_on_a_terminal(tmp_path, ingest):
    path = write(tmp_path, "a.txt", ROUND_14)
    _, out, _ = ingest(path)
    assert f"new: {path}" in out


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            " date 2019-12-11 NUR-SULTAN - The talks ended on Wednesday. Then more.",
            "The talks ended on Wednesday …",
        ),
        (
            "ASTANA, Nov 28 (Wire) - Envoys met again in the Kazakh capital to review the "
            "ceasefire and the committee that is meant to write a new constitution for Syria",
            "Envoys met again in the Kazakh capital to review the ceasefire and the committee "
            "that is …",
        ),
    ],
)
def test_article_without_headline_is_titled_by_its_opening_words(text, title):
    from articles.services.ingest import lead_title

    assert lead_title(text) == title


def test_headline_less_article_gets_a_readable_title(tmp_path, ingest):
    write(tmp_path, "a.txt", ROUND_14)
    ingest(tmp_path)
    title = Article.objects.get().title
    assert title.startswith("The 14th round of Astana-format talks on Syria ended")
    assert title.endswith("…")
