"""The fast paths of rounds.py give what the plain rules give."""

from __future__ import annotations

import random

import pytest
import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from articles.extraction import rounds

# Words the round patterns look at, and some they do not, by kind: a random sentence takes
# a kind, then a word of that kind, so that long matches are frequent.
_WORD_KINDS = [
    ["1st", "13th", "21st", "first", "third", "eighteenth", "twentieth", "Round", "FIRST"],
    sorted(rounds.TENS_WORDS),
    ["first", "second", "ninth"],
    ["-"],
    sorted(rounds.ROUND_MODIFIERS),
    sorted(rounds.ROUND_NOUNS),
    sorted(rounds.COUNT_NOUNS),
    sorted(rounds.COUNT_MODIFIERS),
    ["3", "11", "eleven", "1,000", "two", "first"],
    ["the", "of", "in", ",", ".", "Talks", "since"],
]


def _random_words(rng: random.Random) -> list[str]:
    return [rng.choice(rng.choice(_WORD_KINDS)) for _ in range(rng.randint(1, 16))]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.blank("en")


class _StructureMatcher:
    """The round spans as a spaCy Matcher finds them around each anchor (the plain rule the
    component's Python matching replaces)."""

    def __init__(self, nlp: Language) -> None:
        self.strings = nlp.vocab.strings
        self.anchors = rounds.RoundMatcher(nlp).anchors
        self.matcher = Matcher(nlp.vocab, validate=True)
        self.matcher.add("ordinal", rounds._round_patterns(), greedy="LONGEST")
        self.matcher.add("count", rounds._count_patterns(), greedy="LONGEST")

    def __call__(self, doc: Doc) -> list[tuple[int, int, str]]:
        found = []
        for anchor_id, start, end in self.anchors(doc):
            if anchor_id == self.strings["ordinal"]:
                window = doc[start : min(len(doc), start + 8)]
                found += [
                    (m, window.start + s, window.start + e)
                    for m, s, e in self.matcher(window)
                    if m == anchor_id and s == 0
                ]
            else:
                window = doc[max(0, start - 4) : end]
                found += [
                    (m, window.start + s, window.start + e)
                    for m, s, e in self.matcher(window)
                    if m == anchor_id and window.start + e == end
                ]
        found.sort(key=lambda m: (m[1], -(m[2] - m[1])))
        kept, last_end = [], -1
        for match_id, start, end in found:
            if start >= last_end:
                kept.append((start, end, self.strings[match_id]))
                last_end = end
        return kept


def test_round_component_matches_like_the_structure_matcher(nlp: Language) -> None:
    component, reference = rounds.RoundMatcher(nlp), _StructureMatcher(nlp)
    rng = random.Random(7)
    for _ in range(4000):
        words = _random_words(rng)
        doc = Doc(nlp.vocab, words=words)
        expected = reference(doc)
        spans = component(doc).spans[rounds.ROUNDS_SPANS]
        assert [(s.start, s.end, s.label_) for s in spans] == expected, words


@pytest.mark.parametrize(
    "text",
    [
        "The twenty - first high - level international Astana round opened.",
        "the twenty - first high - level Astana round and the 13th high - level Astana round",
        "the twenty first new round , the thirty-first round , the thirty - tenth round",
        "the 13th and final round , the eleven earlier Astana meetings",
        "Eleven such international meetings , 1,000 of talks sessions",
        "first first round rounds 3 3 meetings",
    ],
)
def test_round_component_on_sentences(nlp: Language, text: str) -> None:
    doc = nlp.make_doc(text)
    spans = rounds.RoundMatcher(nlp)(doc).spans[rounds.ROUNDS_SPANS]
    assert [(s.start, s.end, s.label_) for s in spans] == _StructureMatcher(nlp)(doc)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "leaders of the guarantors will meet at a trilateral summit in tehran",
        "summitry and congressional hearings, a videoconferences",
        "the geneva talks; in geneva. heads of state",
        "round-table talks are expected",
        "to hosting the upcoming meeting, plans to",
        "astana-format talks scheduled",
    ],
)
@pytest.mark.parametrize(
    "phrases", [rounds.NON_ROUND_EVENTS, rounds.FUTURE_MARKERS, rounds.GENERIC_ROUND_WORDS]
)
def test_word_phrases_find_what_the_regex_finds(phrases: tuple[str, ...], text: str) -> None:
    search = rounds.WordPhrases(phrases)
    assert search.found_in(text) == bool(search.pattern.search(text))


_DATE_PIECES = [
    *("in", "In", "since", "Since", "during", "During", "early", "late", "mid", "at", "tin"),
    *(" ", "  ", "\n", "\u2009", "-", "--", ",", ".", "/", "x"),
    *("2017", "1999", "2024", "20171", "12017", "17", "May", "March 5"),
]


def test_year_adverbial_test_lets_every_year_adverbial_through() -> None:
    rng = random.Random(11)
    matched = 0
    for _ in range(20000):
        pieces = rng.choices(_DATE_PIECES, k=rng.randint(1, 8))
        if rng.random() < 0.5:  # a likely adverbial: a lead, spaces or hyphens, a year
            lead = [rng.choice(_DATE_PIECES[:9]), rng.choice(_DATE_PIECES[11:16])]
            pieces[rng.randrange(len(pieces)) :] = [*lead, "2017", *pieces[-2:]]
        text = "".join(pieces)
        if rounds._YEAR_RE.search(text):
            matched += 1
            assert rounds._may_hold_year_adverbial(text), repr(text)
    assert matched > 1000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks began in 2017.", True),
        ("since mid-2019", True),
        ("Since early  \n 2020 the talks", True),
        ("On May 5, 2017 the talks began", False),
        ("within 2017", True),  # a test, not the rule: the regex then finds no match
        ("in2017, 1999", False),
    ],
)
def test_year_adverbial_test(text: str, expected: bool) -> None:
    assert rounds._may_hold_year_adverbial(text) == expected
