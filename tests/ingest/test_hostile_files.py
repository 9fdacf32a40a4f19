"""Files that are not articles, or not files: each is one failed path with a one-line
reason, and the run goes on. Nothing blocks, nothing reads without end, nothing is skipped
without a word."""

from __future__ import annotations

import os
import signal
import socket
from pathlib import Path

import pytest

from articles.extraction.pipeline import Extractor
from articles.extraction.types import ArticleText
from articles.models import Article
from articles.services.extraction_stage import fit_length
from articles.services.ingest import Refused, printable, read_regular_file
from tests.ingest.conftest import ROUND_14, ROUND_23, write

pytestmark = pytest.mark.django_db


def errors(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("error: ")]


def within(seconds: float, function, *args):
    """Call `function`; fail (not hang) if it has not returned in time: SIGALRM interrupts
    a blocked open() or read() in this, the main thread (where Django's test database is)."""

    def expired(signum, frame):
        raise TimeoutError(f"{function.__name__} still blocked after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return function(*args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_symlink_loop_in_a_folder_is_one_failed_path(tmp_path, ingest):
    write(tmp_path, "good.txt", ROUND_14)
    (tmp_path / "loop-a.txt").symlink_to(tmp_path / "loop-b.txt")
    (tmp_path / "loop-b.txt").symlink_to(tmp_path / "loop-a.txt")
    code, out, err = ingest(tmp_path)
    assert code == 1
    assert "Traceback" not in err
    assert sorted(errors(err)) == [
        f"error: {tmp_path / 'loop-a.txt'}: symlink loop",
        f"error: {tmp_path / 'loop-b.txt'}: symlink loop",
    ]
    assert "1 new, 0 updated, 0 unchanged, 2 failed" in out
    assert Article.objects.count() == 1


def test_special_files_and_dangling_links_in_a_folder_are_reported(tmp_path, ingest):
    write(tmp_path, "good.txt", ROUND_23)
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "gone.html").symlink_to(tmp_path / "deleted.html")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(tmp_path / "sock.htm"))
    try:
        code, out, err = within(120, ingest, tmp_path)
    finally:
        listener.close()
    assert code == 1
    reasons = {line.split(": ", 2)[1]: line.split(": ", 2)[2] for line in errors(err)}
    assert reasons == {
        str(tmp_path / "gone.html"): "dangling symlink (its target does not exist)",
        str(tmp_path / "pipe.txt"): "not a regular file (a FIFO)",
        str(tmp_path / "sock.htm"): "not a regular file (a socket)",
    }
    assert "1 new" in out


def test_a_fifo_named_on_the_command_line_does_not_block(tmp_path, ingest):
    fifo = tmp_path / "named.txt"
    os.mkfifo(fifo)
    code, _, err = within(120, ingest, fifo)
    assert code == 1
    assert errors(err) == [f"error: {fifo}: not a regular file (a FIFO): only files are read"]


def test_a_device_is_never_read(tmp_path):
    with pytest.raises(Refused, match=r"a character device"):
        within(30, read_regular_file, Path("/dev/zero"), 1000)


def test_the_read_is_bounded_and_the_limit_says_its_numbers(tmp_path, ingest):
    big = write(tmp_path, "big.txt", "x" * 2001)
    assert read_regular_file(write(tmp_path, "ok.txt", "y" * 2000), 2000) == b"y" * 2000
    code, _, err = ingest("--max-bytes", "2000", big)
    assert code == 1
    assert errors(err) == [
        f"error: {big}: file is 0.0 MB (2,001 bytes), over the 0.0 MB (2,000 bytes) limit "
        "(INGEST_MAX_BYTES)"
    ]


def test_a_text_longer_than_spacys_default_limit_is_processed(tmp_path, ingest):
    filler = "The delegations met again in the afternoon to continue their work.\n\n"
    long_text = ROUND_14 + filler * (1_050_000 // len(filler))
    assert len(long_text) > 1_000_000
    code, out, err = ingest(write(tmp_path, "long.txt", long_text))
    assert code == 0, err
    assert "1 new" in out
    assert Article.objects.get().round.number == 14


def test_a_model_pipeline_refuses_a_long_text_with_the_numbers():
    extractor = Extractor()
    nlp = extractor.pipeline("en")
    nlp.add_pipe("sentencizer")  # a component that is not one of our rules
    nlp.max_length = 1000
    text = ArticleText(text="word " * 300, title=None, publisher=None, language="en")
    reason = fit_length(extractor, text)
    assert reason.startswith("text is 1,500 characters, over the 1,000-character limit")
    assert nlp.max_length == 1000


def test_control_characters_in_names_are_quoted(tmp_path, ingest):
    name = "evil\nerror: fake\r\x1b[31mred.txt"
    write(tmp_path, name, b"\x00\x01binary\x00" * 20)
    code, _, err = ingest(tmp_path / name)
    assert code == 1
    assert "\x1b" not in err and "\r" not in err
    [line] = errors(err)
    assert line.startswith(f"error: {tmp_path}/evil\\nerror: fake\\r\\x1b[31mred.txt: ")
    assert printable("caf\u00e9 \u202eabc \udcff") == "caf\u00e9 \\u202eabc \\udcff"


def test_every_empty_file_fails_as_empty(tmp_path, ingest):
    write(tmp_path, "a.txt", "")
    write(tmp_path, "b.txt", "")
    write(tmp_path, "c.txt", "  \n")
    code, out, err = ingest(tmp_path)
    assert code == 1
    assert [line.rsplit(": ", 1)[1] for line in errors(err)] == ["empty file"] * 3
    assert "0 new, 0 updated, 0 unchanged, 3 failed" in out


def test_a_folder_without_articles_and_a_missing_name_are_reported_once(tmp_path, ingest):
    (tmp_path / "empty").mkdir()
    write(tmp_path, "empty/notes.md", "not an article")
    missing = tmp_path / "nothing.txt"
    code, _, err = ingest(tmp_path / "empty", missing)
    assert code == 1
    assert errors(err) == [
        f"error: {tmp_path / 'empty'}: folder holds no article file (.htm, .html, .txt)",
        f"error: {missing}: no such file or directory",
    ]
    assert err.count(str(missing)) == 1
