"""The fast paths of the parties package and titles.py give what the plain rules give."""

from __future__ import annotations

import random

import pytest
import spacy

from articles.extraction import parties
from articles.extraction.parties import (
    PARTY_SPANS,
    WEAK_SPANS,
    PartyData,
    PartyMatcher,
    _longest,
    party_mentions,
)
from articles.extraction.parties import helpers as party_helpers
from articles.extraction.parties.state import has_absence_phrase
from articles.extraction.parties.words import (
    ABSENCE_PHRASE_MARKERS,
    ABSENCE_PHRASES,
    OBSERVER_WORDS,
)
from articles.extraction.sentences import Tokens, analyse_layout, tokens_of
from articles.extraction.titles import PARTICLES, NameFinder, NameSpan
from tests.extraction import test_parties, test_parties_structures


def _tokens(text: list[str], ws: list[bool]) -> Tokens:
    idx, at = [], 0
    for word, space in zip(text, ws, strict=True):
        idx.append(at)
        at += len(word) + space
    return Tokens(text, [t.lower() for t in text], idx, ws)


def _runs_opener_by_opener(finder: NameFinder) -> list[NameSpan]:
    """Every token that is a name token or a particle tried as an opener, in order."""
    out: list[NameSpan] = []
    n = finder.tokens.n
    i = 0
    for start in range(n):
        if start < i or not (finder.flags[start] or finder.tokens.lower[start] in PARTICLES):
            continue
        run = finder.run_from(start, n)
        if run is not None:
            out.append(run)
            i = run.end
    return out


_WORDS = ["al", "Al", "-", "bin", "de", "O.", "A.", "Pavel", "Korin", "the", "envoy", "Russia"]


@pytest.mark.parametrize("seed", range(5))
def test_name_runs_are_those_of_every_opener(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(500):
        n = rng.randint(0, 12)
        text = [rng.choice(_WORDS) for _ in range(n)]
        ws = [rng.random() < 0.6 for _ in range(n)]
        finder = NameFinder(_tokens(text, ws), frozenset({"russia"}))
        runs = finder.all_runs()
        assert runs == _runs_opener_by_opener(finder), (text, ws)
        for start in range(n + 1):
            for end in range(start, n + 1):
                cut = [
                    r if r.end <= end else NameSpan(r.start, end)
                    for r in runs
                    if start <= r.start < end
                ]
                assert finder.runs_in(start, end) == cut


def test_name_text_keeps_the_spacing() -> None:
    tv = _tokens(["Bashar", "al", "-", "Jaafari", "Omar"], [True, False, False, True, False])
    assert NameSpan(0, 4).text(tv) == "Bashar al-Jaafari"
    assert NameSpan(3, 5).text(tv) == "Jaafari Omar"
    assert NameSpan(2, 2).text(tv) == ""


def test_every_absence_phrase_holds_a_marker_word() -> None:
    assert all(not ABSENCE_PHRASE_MARKERS.isdisjoint(phrase) for phrase in ABSENCE_PHRASES)


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("the opposition did not send anyone", True),
        ("the opposition did not send a minister", False),
        ("iran stayed away", True),
        ("iran was represented by its envoy", False),
        ("jordan skipped the meeting", True),
    ],
)
def test_absence_phrase_in_a_clause(clause: str, expected: bool) -> None:
    assert has_absence_phrase(clause.split(" ")) is expected


@pytest.mark.parametrize(
    "text",
    [
        "Jordan and Iraq attended as OBSERVERS; the observer states stayed.",
        # lower-casing "\u0130" adds a character: offsets in the lower-cased text move
        "\u0130stanbul sent observers. Observers from Iraq came.",
        "No one observed anything; the observership ended.",
        "\u201cObServers\u201d from Iraq \u2014 OBSERVER status for \u00c9gypte\u2019s observers.",
    ],
)
def test_observer_tokens_are_found_in_the_text(extractor, text: str) -> None:
    doc = extractor.nlp(text)
    tv = tokens_of(doc)
    state = extractor.parties._state(doc, analyse_layout(doc), [], NameFinder(tv, frozenset()))
    expected = [i for i, low in enumerate(tv.lower) if low in OBSERVER_WORDS]
    assert extractor.parties._observer_tokens(state) == expected


def test_only_ascii_letters_lower_case_to_the_letters_of_observer() -> None:
    assert not [
        code for code in range(128, 0x110000) if not set(chr(code).lower()).isdisjoint("observ")
    ]


def test_weak_mentions_are_labelled_with_their_party(extractor) -> None:
    doc = extractor.nlp("Syria's envoy met the Syrian government team and Russia's delegation.")
    weak = [(span.label_, span.text) for span in doc.spans[WEAK_SPANS]]
    strong = [(span.label_, span.text) for span in doc.spans[PARTY_SPANS]]
    assert ("Syrian government", "Syria") in weak
    assert ("Syrian government", "Syrian government") in strong
    assert ("Russia", "Russia") in strong


def _mentions_by_the_plain_rule(matcher, doc) -> tuple[list, list]:
    """The component's mentions with `_not_a_party` asked about every strong match and the
    weak matches tested token by token against the kept ones."""
    tv = tokens_of(doc)
    strings = doc.vocab.strings
    strong, weak = matcher._matches(doc, tv)
    kept: list[tuple[int, int, int]] = []
    places: set[int] = set()
    for match_id, start, end in _longest(strong):
        party = matcher.table[strings[match_id]]
        if not matcher._not_a_party(tv, start, end, party, kept, places, strings):
            kept.append((match_id, start, end))
    covered = {i for _, s, e in kept for i in range(s, e)}
    free = [m for m in _longest(weak) if not any(i in covered for i in range(m[1], m[2]))]
    return [(strings[m], s, e) for m, s, e in kept], [(strings[m], s, e) for m, s, e in free]


_PARTY_WORDS = [
    "Russia", "Moscow", "in", "Damascus", "government", "Syrian", "Syria", "the", "interim",
    "-", "led", "UN", "Security", "Council", "or", "and", ",", "even", "Ankara", "'s", "US",
    "us", "Turkish", "opposition", "armed", "anti", "regime", "Red", "Cross", "envoy",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(3))
def test_party_mentions_are_those_of_the_plain_rule(extractor, seed: int) -> None:
    matcher = extractor.nlp.get_pipe("astana_parties")
    rng = random.Random(seed)
    for _ in range(300):
        words = [rng.choice(_PARTY_WORDS) for _ in range(rng.randint(1, 14))]
        doc = extractor.nlp.make_doc(" ".join(words))
        matcher(doc)
        assert party_mentions(doc) == _mentions_by_the_plain_rule(matcher, doc), words


def _longest_plain(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Overlapping matches reduced to the longest (the earliest on a tie), in text order."""
    out: list[tuple[int, int, int]] = []
    for m in sorted(matches, key=lambda m: (-(m[2] - m[1]), m[1])):
        if all(m[2] <= o[1] or o[2] <= m[1] for o in out):
            out.append(m)
    return sorted(out, key=lambda m: m[1])


@pytest.mark.parametrize("seed", range(3))
def test_longest_matches_are_those_of_the_plain_rule(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(500):
        matches = []
        for _ in range(rng.randint(0, 6)):
            start = rng.randint(0, 10)
            matches.append((rng.randint(1, 3), start, start + rng.randint(1, 3)))
        assert _longest(matches) == _longest_plain(matches), matches


def test_a_city_of_several_words_after_a_preposition_is_a_place() -> None:
    nlp = spacy.blank("en")
    table = {"Foo": PartyData("Foo", "observer", ("Foo", "New Foo"), frozenset({"new foo"}))}
    matcher = PartyMatcher(nlp, table)
    doc = matcher(nlp.make_doc("Foo came; the talks in New Foo went on."))
    assert party_mentions(doc)[0] == [("Foo", 0, 1)]


def _texts(cases: list) -> list[str]:
    return [case.values[0] for case in cases]


def test_settled_parties_skip_nothing_that_matters(extractor, extract, monkeypatch) -> None:
    """A party with an explicit head keeps it, so its weaker head claims and the sentences
    that name no other delegation are skipped for heads, as is the presence of the host:
    the facts (with their rules and evidence) are those found without skipping."""
    heads = _texts(
        test_parties.HEAD_CASES
        + test_parties.RECALL_HEAD_CASES
        + test_parties_structures.LONG_TITLE_HEAD_CASES
    )
    presence = _texts(
        test_parties.PRESENCE_CASES
        + test_parties.GENERAL_PRESENCE_CASES
        + test_parties.RECALL_ABSENCE_CASES
        + test_parties_structures.PRESENCE_CASES
    )
    articles = [
        test_parties.article(head, other, head)
        for head, other in zip(heads, presence * len(heads), strict=False)
    ]

    def facts() -> list:
        return [extract(text, test_parties.PUBLISHED) for text in articles]

    skipping = facts()
    monkeypatch.setattr(party_helpers, "CONF_HEAD_MAX", float("inf"))
    monkeypatch.setattr(extractor.parties, "unreported", frozenset())
    monkeypatch.setattr(parties.PartyExtractor, "_head_may_change", lambda *args: True)
    assert facts() == skipping
