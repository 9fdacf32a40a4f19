"""The fast paths of the round modules give what the plain rules give."""

from __future__ import annotations

import random

import pytest
import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from articles.extraction import clause_dates, round_mentions
from articles.extraction.round_words import WordPhrases, round_words

EN = round_words("en")

# Words the round patterns look at, and some they do not, by kind: a random sentence takes
# a kind, then a word of that kind, so that long matches are frequent.
_WORD_KINDS = [
    ["1st", "13th", "21st", "first", "third", "eighteenth", "twentieth", "Round", "FIRST"],
    sorted(EN.tens),
    ["first", "second", "ninth"],
    ["-"],
    sorted(EN.round_modifiers),
    sorted(EN.round_nouns),
    sorted(EN.count_nouns),
    sorted(EN.count_modifiers),
    ["3", "11", "eleven", "1,000", "two", "first", "\u201c", "\u201d", '"', "Astana", "Astana-9"],
    ["the", "of", "in", ",", ".", "Talks", "since"],
]


def _random_words(rng: random.Random) -> list[str]:
    return [rng.choice(rng.choice(_WORD_KINDS)) for _ in range(rng.randint(1, 16))]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.blank("en")


class _StructureMatcher:
    """The round spans as a spaCy Matcher finds them from the patterns of the word data (the
    plain rule the component's Python matching replaces): at every token, the longest
    ordinal mention starting there and the longest count ending there."""

    def __init__(self, nlp: Language) -> None:
        self.strings = nlp.vocab.strings
        self.matcher = Matcher(nlp.vocab, validate=True)
        self.matcher.add("ordinal", round_mentions.round_patterns(EN))
        self.matcher.add("count", round_mentions.count_patterns(EN))

    def __call__(self, doc: Doc) -> list[tuple[int, int, str]]:
        longest: dict[tuple[str, int], tuple[int, int]] = {}
        for match_id, start, end in self.matcher(doc):
            label = self.strings[match_id]
            key = (label, start) if label == "ordinal" else (label, end)
            old = longest.get(key)
            if old is None or end - start > old[1] - old[0]:
                longest[key] = (start, end)
        found = sorted(
            ((s, e, label) for (label, _), (s, e) in longest.items()),
            key=lambda m: (m[0], -(m[1] - m[0])),
        )
        kept, last_end = [], -1
        for start, end, label in found:
            if start >= last_end:
                kept.append((start, end, label))
                last_end = end
        return kept


def test_round_component_matches_like_the_structure_matcher(nlp: Language) -> None:
    component, reference = round_mentions.RoundMatcher(nlp), _StructureMatcher(nlp)
    rng = random.Random(7)
    for _ in range(4000):
        words = _random_words(rng)
        doc = Doc(nlp.vocab, words=words)
        expected = reference(doc)
        spans = component(doc).spans[round_mentions.ROUNDS_SPANS]
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
        "Astana 16 and the \u201c17\u201d round , Astana 2017",
    ],
)
def test_round_component_on_sentences(nlp: Language, text: str) -> None:
    doc = nlp.make_doc(text)
    spans = round_mentions.RoundMatcher(nlp)(doc).spans[round_mentions.ROUNDS_SPANS]
    assert [(s.start, s.end, s.label_) for s in spans] == _StructureMatcher(nlp)(doc)


def test_anchor_words_hold_every_word_a_mention_starts_with() -> None:
    """The anchors (the speed shortcut) are built from the word data of every language: each
    ordinal, tens word, named-round word and count noun is one."""
    for lang in ("en", "ru", "tr", "ar", "fr", "de", "fa", "es", "it"):
        words = round_words(lang)
        groups = (words.ordinals, words.tens, words.named_round_words, words.named_round_forms)
        for group in (*groups, words.count_nouns):
            assert set(group) <= words.anchor_words, lang
        if words.noun_first:
            assert words.round_nouns <= words.anchor_words, lang


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
    "phrases", [EN.non_round_events, EN.future_markers, EN.generic_round_words]
)
def test_word_phrases_find_what_the_regex_finds(phrases: WordPhrases, text: str) -> None:
    search = WordPhrases(phrases.phrases)
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
        if clause_dates.YEAR_RE.search(text):
            matched += 1
            assert clause_dates.may_hold_year_adverbial(text), repr(text)
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
    assert clause_dates.may_hold_year_adverbial(text) == expected


def _language_kinds(lang: str) -> list[list[str]]:
    words = round_words(lang)
    pick = random.Random(lang)

    def some(values, k: int = 12) -> list[str]:
        values = sorted(values)
        return pick.sample(values, min(k, len(values))) if values else ["x"]

    return [
        some(words.ordinals),
        some(words.tens),
        some(words.units),
        [*some(words.joiners), "-"],
        some(words.round_modifiers),
        some(words.round_nouns),
        [*some(words.named_round_words), *some(words.named_round_forms, 3)],
        [*some(words.digit_prefixes), "3", "11", "\u201c", "\u201d", "2017"],
        ["the", ",", ".", "и", "و", "de"],
    ]


@pytest.mark.parametrize("lang", ["ru", "tr", "ar", "fr", "de", "fa", "es", "it"])
def test_round_component_matches_the_patterns_in_every_language(lang: str) -> None:
    """The anchors and the Python matching of the component find what the Matcher patterns
    built from the same word data find (over NORM set to the rules' normal form)."""
    words = round_words(lang)
    nlp = spacy.blank(lang)
    component = round_mentions.RoundMatcher(nlp)
    matcher = Matcher(nlp.vocab, validate=True)
    matcher.add("ordinal", round_mentions.round_patterns(words, "NORM"))
    kinds = _language_kinds(lang)
    rng = random.Random(3)
    for _ in range(800):
        tokens = [rng.choice(rng.choice(kinds)) for _ in range(rng.randint(1, 10))]
        doc = Doc(nlp.vocab, words=tokens)
        for token in doc:
            token.norm_ = words.norm(token.lower_)
        longest: dict[int, int] = {}
        for _, start, end in matcher(doc):
            longest[start] = max(longest.get(start, 0), end)
        expected, last_end = [], -1
        for start in sorted(longest):
            if start >= last_end:
                expected.append((start, longest[start]))
                last_end = longest[start]
        spans = component(doc).spans[round_mentions.ROUNDS_SPANS]
        assert [(s.start, s.end) for s in spans if s.label_ == "ordinal"] == expected, tokens


@pytest.mark.parametrize("lang", ["en", "ru", "tr", "ar", "fr", "de", "fa", "es", "it"])
def test_word_phrases_of_every_language_find_what_their_regex_finds(lang: str) -> None:
    """The substring test before the regex (the shortcut) lets through every text the regex
    matches, whatever the search mode of the language (word, prefix, substring)."""
    words = round_words(lang)
    rng = random.Random(lang)
    for phrases in (words.non_round_events, words.future_markers, words.generic_round_words):
        pool = [*phrases.phrases, "x", " ", "-", "ab", ",", "\u0648", "s"]
        for _ in range(300):
            text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 6)))
            assert phrases.found_in(text) == bool(phrases.pattern.search(text)), text
