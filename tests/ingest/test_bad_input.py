"""Bad files get a one-line error naming the file and the reason; the run goes on."""

from __future__ import annotations

import os
import re

import pytest

from articles.models import Article
from articles.services import facts
from rounds.models import Delegation, DelegationMention, Participant
from tests.ingest.conftest import ROUND_14, ROUND_23, write

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\r\n \t ", "empty"),
        ("binary.txt", bytes(range(256)) * 40, "binary"),
        ("menu.txt", b"Home | News | Sport\nSubscribe\n", "no article"),
        # Markup nested deeper than the reader can walk.
        ("deep.html", ("<div>" * 5000 + ROUND_14 + "</div>" * 5000).encode(), "cannot read"),
    ],
)
def test_bad_file_fails_alone_and_the_rest_is_ingested(tmp_path, ingest, name, content, reason):
    bad = write(tmp_path, name, content)
    write(tmp_path, "good.txt", ROUND_14)
    code, out, err = ingest(tmp_path)
    assert code == 1
    assert "1 new, 0 updated, 0 unchanged, 1 failed" in out
    error_lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(error_lines) == 1
    assert str(bad) in error_lines[0]
    assert reason in error_lines[0].lower()
    assert Article.objects.get().source_name == "good.txt"


def test_file_over_the_size_limit_is_refused(tmp_path, ingest):
    big = write(tmp_path, "big.txt", ROUND_14 * 200)
    code, _, err = ingest("--max-bytes", "10000", big)
    assert code == 1
    assert f"error: {big}: file is" in err
    assert "limit" in err
    assert Article.objects.count() == 0


def test_missing_path_is_reported(tmp_path, ingest):
    code, _, err = ingest(tmp_path / "nowhere.txt")
    assert code == 1
    assert "nowhere.txt: no such file or directory" in err


def test_unreadable_file_is_reported(tmp_path, ingest):
    if os.geteuid() == 0:
        # Root reads any file whatever its mode; this one refuses reads from offset 0.
        code, _, err = ingest("/proc/self/mem")
        assert code == 1
        assert re.search(r"error: /proc/\S+/mem: cannot read: ", err)
        return
    locked = write(tmp_path, "locked.txt", ROUND_14)
    locked.chmod(0)
    try:
        code, _, err = ingest(locked)
        assert code == 1
        assert f"error: {locked}: cannot read:" in err
    finally:
        locked.chmod(0o644)


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("latin-1", b""), ("cp1252", b"")],
)
def test_encodings_are_detected_not_mangled(tmp_path, ingest, encoding, prefix):
    text = ROUND_23.replace("Nuh Yilmaz", "Selçuk Ünal").replace("\n", "\r\n")
    text = text.replace("on Tuesday.", "on Tuesday \u2013 its \u201cfirst\u201d meeting.")
    if encoding == "latin-1":
        text = text.replace("\u2013", "-").replace("\u201c", '"').replace("\u201d", '"')
    write(tmp_path, "enc.txt", prefix + text.encode(encoding))
    code, _, err = ingest(tmp_path)
    assert code == 0, err
    article = Article.objects.get()
    assert "Selçuk Ünal" in article.text
    assert "\r" not in article.text
    assert not article.text.startswith("\ufeff")
    turkey = Delegation.objects.get(party__name="Turkey")
    assert turkey.head.name == "Selçuk Ünal"


def test_an_error_inside_an_article_leaves_nothing_half_written(tmp_path, ingest, monkeypatch):
    """Fault injection: the observers step fails after the delegations were written."""
    write(tmp_path, "a.txt", ROUND_14)
    write(tmp_path, "b.txt", ROUND_23)

    original = facts.FactWriter._write_observers

    def explode(self, article, round_, extraction):
        if article.source_name == "a.txt":
            raise RuntimeError("disk on fire")
        return original(self, article, round_, extraction)

    monkeypatch.setattr(facts.FactWriter, "_write_observers", explode)
    code, out, err = ingest(tmp_path)
    assert code == 1
    assert "a.txt: RuntimeError: disk on fire" in err
    assert list(Article.objects.values_list("source_name", flat=True)) == ["b.txt"]
    assert not DelegationMention.objects.filter(article__source_name="a.txt").exists()
    assert not Delegation.objects.filter(round__number=14).exists()
    # Khaji appears only in a.txt: the participant created inside its transaction is gone too.
    assert not Participant.objects.filter(name__icontains="Khaji").exists()

    monkeypatch.setattr(facts.FactWriter, "_write_observers", original)
    code, out, _ = ingest(tmp_path)
    assert code == 0
    assert "1 new, 0 updated, 1 unchanged" in out
    assert Delegation.objects.filter(round__number=14, party__name="Iran").exists()
