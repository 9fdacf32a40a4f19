"""The fast paths of sentences.py, rounds.py and reader.py give what the plain rules give."""

from __future__ import annotations

import re

import numpy
import pytest
import spacy

from articles.extraction import reader, rounds, sentences
from articles.extraction.sentences import SentInfo, Tokens

TRICKY_LINES = [
    "",
    "   ",
    "Home | Syria | Iraq",
    "By Jane Roe, with research by A.N. Other",
    "14:30 GMT, 5 May 2017 -- updated",
    "_ ' . - ... -- __init__ 'quoted' don't e-mail U.S.-led",
    "mid-2017 2017-18 3.5% a_b _a b_ x.y.z -x- 'x'",
    "Caf\u00e9 d\u2019Orsay \u2014 \u00abZ\u00fcrich\u00bb Stra\u00dfe \u0130stanbul \u212aelvin",
    "tab\there\u00a0nbsp\u2009thin",
]


@pytest.mark.parametrize("line", TRICKY_LINES)
def test_layout_word_count_is_the_number_of_words(line: str) -> None:
    assert sentences._word_count(line) == len(sentences._WORD_RE.findall(line))


def test_layout_word_count_on_every_ascii_character() -> None:
    for code in range(128):
        line = f"a{chr(code)}b {chr(code)} {chr(code)}c"
        assert sentences._word_count(line) == len(sentences._WORD_RE.findall(line)), repr(line)


@pytest.mark.parametrize("line", TRICKY_LINES)
def test_reader_number_of_words_is_the_number_of_words(line: str) -> None:
    assert reader._number_of_words(line) == len(reader._WORD_RE.findall(line))


@pytest.mark.parametrize(
    "line",
    [
        "PHOTO: AFP",
        "Follow us on Twitter",
        "see WWW.example.com",
        "photographs of the talks",
        "no marker at all",
        "F\u00f8llow",
        "\u0130 photo",
    ],
)
def test_marker_word_test_matches_the_case_insensitive_search(line: str) -> None:
    expected = bool(re.search(r"photo|www\.|follow", line, re.IGNORECASE))
    assert sentences._has_marker_word(line) == expected


@pytest.mark.parametrize(
    "line", ["MIDDLE EAST DISPATCH", "Middle East", "BBC 24", "1234", "\u00c9CHO DU MATIN"]
)
def test_masthead_test_of_ascii_lines_matches_the_letter_test(line: str) -> None:
    letters = [ch for ch in line if ch.isalpha()]
    expected = bool(letters) and all(ch.isupper() for ch in letters)
    assert sentences._is_masthead(line, 3) == expected


def test_orth_strings_look_up_new_and_merged_hashes() -> None:
    nlp = spacy.blank("en")
    table = sentences._OrthStrings()
    words = [f"Word{i}" for i in range(300)]
    for chunk in range(0, 300, 30):
        doc = nlp.make_doc(" ".join([*words[chunk : chunk + 30], "The", "talks", "."]))
        orths = doc.to_array("ORTH")
        text, lower = table.lookup(orths, doc.vocab.strings)
        assert text == [t.text for t in doc]
        assert lower == [t.lower_ for t in doc]
    assert len(table.table[0]) > 1  # some were merged into the sorted arrays
    keys = table.table[0]
    assert numpy.all(keys[:-1] < keys[1:])
    doc = nlp.make_doc(" ".join(words))
    assert table.lookup(doc.to_array("ORTH"), doc.vocab.strings)[0] == words


def test_tokens_of_a_doc() -> None:
    doc = spacy.blank("en")("The 13th round  opened\nin Astana.")
    view = Tokens.of(doc)
    assert view.text == [t.text for t in doc]
    assert view.lower == [t.lower_ for t in doc]
    assert view.idx == [t.idx for t in doc]
    assert view.ws == [bool(t.whitespace_) for t in doc]


def _sent(index: int, start_char: int, end_char: int) -> SentInfo:
    return SentInfo(index, 0, 0, start_char, end_char, 0, 0, sentences.BODY)


def test_history_sentences_are_those_holding_a_marker() -> None:
    text = "Talks opened. The Civil War began in 2011. Since 2011, aid fell. Civil\nwar."
    bounds = [(0, 13), (14, 42), (43, 63), (64, 74)]
    sents = [_sent(i, a, b) for i, (a, b) in enumerate(bounds)]
    expected = {
        s.index
        for s in sents
        if any(m in text[s.start_char : s.end_char].lower() for m in rounds.HISTORY_MARKERS)
    }
    assert rounds._history_sentences(text, sents) == expected == {1, 2}
    # lower-casing that changes the length takes the sentence-by-sentence path
    text = "\u0130stanbul: civil war."
    sents = [_sent(0, 0, len(text))]
    assert rounds._history_sentences(text, sents) == {0}


def test_subordinate_scan_stops_at_punctuation() -> None:
    words = ["talks", "opened", "after", "the", "meeting", ",", "in", "May"]
    tv = Tokens(words, [w.lower() for w in words], list(range(len(words))), [True] * len(words))
    assert rounds._is_subordinate(tv, 0, 4)  # "after" before "meeting"
    assert not rounds._is_subordinate(tv, 0, 7)  # the comma ends the search
