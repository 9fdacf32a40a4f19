"""The speed paths of the topic matcher, the word counts, the round words and the reader give
what the plain rules give."""

from __future__ import annotations

import random

import pytest
import spacy

from articles.extraction import datestamps, decoding, page_lines, round_words, topics
from articles.extraction.stand_ins import NEWS_PUNCTUATION, ascii_stand_ins, with_stand_ins
from articles.extraction.topics import topic_words

WORD_COUNT_LINES = [
    "",
    "   ",
    "U.S.A. and U.K.-led talks, a-b-c d.e",
    "don't -- e-mail ... 'quoted' x.y.z. mid-2017 3.5% a_b _a b_",
    "By Jane Roe . Updated 14:30 GMT, 5 May 2017",
    "Caf\u00e9 d\u2019Orsay \u2014 Z\u00fcrich",
]


def _random_ascii_lines(count: int) -> list[str]:
    rng = random.Random(7)
    alphabet = "ab1 .-'_,\t\n:"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16))) for _ in range(count)]


def test_stamp_word_count_gives_the_number_of_words() -> None:
    lines = [*WORD_COUNT_LINES, *_random_ascii_lines(3000)]
    count = datestamps.word_count.__wrapped__  # not the remembered counts
    assert [line for line in lines if count(line) != len(datestamps._WORD_RE.findall(line))] == []


@pytest.mark.parametrize("lang", ["en", "ar", "fa", "ru"])
@pytest.mark.parametrize(
    "text",
    [
        "The 13th Round opened",
        "\u0627\u0644\u062c\u0648\u0644\u0629 \u0661\u0663",
        "\u0623\u0633\u062a\u0627\u0646\u0629 \u0643\u0627\u0646",
        "\u201cQuoted\u201d caf\u00e9",
        "\u201cQuoted\u201d \u06f1\u06f3 caf\u00e9",
        "KELVIN \u212a 4",
    ],
)
def test_normalised_text_is_the_mapped_text(lang: str, text: str) -> None:
    words = round_words.round_words(lang)
    plain = text.lower().translate(round_words._DIGITS)
    if lang in {"ar", "fa"}:
        plain = plain.translate(round_words._ARABIC_SCRIPT)
    assert round_words.normalise_text(words, text) == plain


def test_topic_keys_of_a_token_list_looked_up_again_are_its_keys() -> None:
    lexicon = topic_words("en", spacy.blank("en")).lexicon
    first = ["the", "de-escalation", "zones", "and", "prisoners"]
    second = ["humanitarian", "aid", "zones"]
    keys = lexicon.token_keys(first)
    assert any(keys)  # the lexicon knows some of these words
    assert lexicon.token_keys(first) == keys == [lexicon.keys(w) for w in first]
    assert lexicon.token_keys(second) == [lexicon.keys(w) for w in second]
    # An equal list that is another object is looked up, not taken from the last one.
    assert lexicon.token_keys(list(first)) == keys


def _plain_find_phrases(K, index):
    """`find_phrases` as the rule says it: every phrase of every key of every token tried."""
    return [
        (label, i, end)
        for i in range(len(K))
        for key in K[i]
        for label, phrase in index.get(key, ())
        if (end := topics._match_at(K, i, phrase, len(K)))
    ]


@pytest.mark.parametrize("lang", ["en", "ru", "ar", "de"])
def test_topic_phrases_found_are_those_the_plain_search_finds(lang: str) -> None:
    words = topic_words(lang, spacy.blank(lang))
    indexes = [words.phrase_index, words.circumstantial, words.present_time]
    # Token lists made of the phrases' own words (and filler), shuffled a little: whole
    # phrases, phrases cut short, gaps filled or not, one-word phrases at the end.
    vocabulary = sorted(
        {w for index in indexes for entries in index.values() for _, p in entries for w in p}
        - {topics.GAP}
    )
    rng = random.Random(3)
    found_any = False
    for index in indexes:
        for entries in index.values():
            for _, phrase in entries:
                tokens = [{w} if w != topics.GAP else {"filler"} for w in phrase]
                for _ in range(3):
                    K = [frozenset(t) for t in tokens]
                    K = [frozenset(rng.sample(vocabulary, 1)), *K, frozenset()]
                    if rng.random() < 0.5 and len(K) > 2:
                        K.pop(rng.randrange(1, len(K)))
                    expected = _plain_find_phrases(K, index)
                    assert topics.find_phrases(K, index) == expected
                    assert topics.find_phrases(K[:-1], index) == _plain_find_phrases(K[:-1], index)
                    found_any = found_any or bool(expected)
    assert found_any


MOJIBAKE_PROBES = [
    "plain ASCII",
    "caf\u00e9 \u201cquoted\u201d",
    "caf\u00c3\u00a9 read as cp1252",
    "it\u00e2\u20ac\u2122s",
    "\u0420\u045f\u0421\u0402\u0420\u0451 read as cp1251",
    "\u0420\u043e\u0441\u0441\u0438\u044f",
    "\u00c2",
    "\u00f4\u00bf",
]


@pytest.mark.parametrize("text", MOJIBAKE_PROBES)
def test_mojibake_marks_searched_apart_are_found_as_together(text: str) -> None:
    apart = any(mark.search(text) for mark in decoding._MOJIBAKE_RES)
    assert apart == bool(decoding._MOJIBAKE_RE.search(text))


def test_mojibake_is_still_repaired() -> None:
    assert decoding.repair_mojibake("caf\u00c3\u00a9 and it\u00e2\u20ac\u2122s") == (
        "caf\u00e9 and it\u2019s"
    )


def _random_news_lines(count: int) -> list[str]:
    """Lines of ASCII letters, digits and joiners mixed with the punctuation of news copy
    (curly quotes, dashes, no-break spaces) and a letter that is not ASCII."""
    rng = random.Random(11)
    alphabet = "ab1 .-'_," + NEWS_PUNCTUATION + "\u00e9"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16))) for _ in range(count)]


NEWS_LINES = [
    "Russia\u2019s envoy \u2014 \u201cthe talks\u201d \u2013 ended\u2026",
    "\u00abAstana\u00bb\u00a0talks \u2018quoted\u2019 U.S.\u2019s",
    "caf\u00e9 \u2019 \u2019a a\u2019 a\u2019\u2019b",
]


def test_word_counts_with_stand_ins_give_the_number_of_words() -> None:
    lines = [*NEWS_LINES, *_random_news_lines(4000)]
    stamp_count = datestamps.word_count.__wrapped__
    assert [s for s in lines if stamp_count(s) != len(datestamps._WORD_RE.findall(s))] == []
    layout_count = page_lines.word_count
    assert [s for s in lines if layout_count(s) != len(page_lines._WORD_RE.findall(s))] == []


def test_stand_ins_are_the_characters_every_class_treats_alike() -> None:
    # The apostrophe joins words where the curly one does; a dash is in neither class.
    found = ascii_stand_ins([r"[^\W_]", r"['\u2019]"], "\u2019\u2014\u00e9")
    assert found == {"\u2019": "'", "\u2014": " "}  # a letter has no ASCII stand-in here
    assert with_stand_ins("a\u2019b \u2014 \u00e9", found) == "a'b   \u00e9"
