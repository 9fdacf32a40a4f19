"""The word data of the round rules for one language, read once from `patterns/rounds.json`.

English is the top level of the file; every other language is a block under "languages"
with the same keys (`data.for_language`). A key a block leaves out gives an empty set: the
rule that reads it simply does not fire in that language.

Tokens are compared in a normalised form (`RoundWords.norm`): lower case, digits of any
script as ASCII digits, and per language what spelling varies without changing the word
(Arabic tatweel and alef forms, a Turkish suffix after an apostrophe, Arabic clitics before
a known word). The word sets are normalised the same way, so every rule and every speed
shortcut built from them sees the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from .data import for_language
from .sentences import StringCache

# Digits of every script the supported languages write (Arabic-Indic, Persian) as ASCII.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Spelling variants of Arabic script that do not change a word.
_ARABIC_SCRIPT = str.maketrans(
    # tatweel and zero-width non-joiner dropped; alef with hamza or madda as bare alef; alef
    # maqsura and Arabic yeh as Persian yeh; Arabic kaf as Persian keheh
    {"\u0640": None, "\u200c": None, "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627"}
    | {"\u0649": "\u06cc", "\u064a": "\u06cc", "\u0643": "\u06a9"}
)
# Both tables map only non-ASCII characters: an ASCII text is left as it is.
_TABLES_KEEP_ASCII = all(code >= 0x80 for table in (_DIGITS, _ARABIC_SCRIPT) for code in table)


def _chars_of(table: dict[int, Any]) -> re.Pattern[str]:
    """A search for any character a translation table maps (str.translate with a dict looks
    up every character of the text in Python; a text without one is left as it is)."""
    return re.compile("[" + "".join(re.escape(chr(code)) for code in table) + "]")


_DIGIT_CHARS = _chars_of(_DIGITS)
_ARABIC_SCRIPT_CHARS = _chars_of(_ARABIC_SCRIPT)
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50}
_ROMAN_RE = re.compile(r"^[ivxl]{2,6}$")


def roman_value(text: str) -> int | None:
    """The value of a Roman numeral of two letters or more ("xvii" -> 17), or None."""
    if not _ROMAN_RE.match(text):
        return None
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN[ch]
        total += -value if i + 1 < len(text) and _ROMAN[text[i + 1]] > value else value
    return total if 0 < total <= 60 else None


class WordPhrases:
    """A search for any of some phrases in a lower-cased text: as whole words, as word
    beginnings (`mode="prefix"`, for languages whose endings vary: "переговор" finds
    "переговоров") or anywhere (`mode="substring"`, for clitics written on the word).

    A substring test per phrase (a fast scan in C) comes before the regex: the regex tries
    every phrase at every position of the text, and most texts hold none of the phrases.
    """

    def __init__(self, phrases: Sequence[str], mode: str = "word") -> None:
        self.phrases = tuple(p for p in phrases if p)
        alternation = "|".join(re.escape(p) for p in sorted(self.phrases, key=len, reverse=True))
        opening, closing = {"word": (r"\b", r"\b"), "prefix": (r"\b", ""), "substring": ("", "")}[
            mode
        ]
        self.pattern = re.compile(rf"{opening}(?:{alternation or '(?!)'}){closing}")

    def found_in(self, text: str) -> bool:
        return any(p in text for p in self.phrases) and self.pattern.search(text) is not None

    def starts(self, text: str) -> bool:
        """Whether `text` opens with one of the phrases."""
        return self.pattern.match(text) is not None

    def ends_after(self, text: str, at: int) -> bool:
        """Whether a phrase found in `text` ends after offset `at` (within the last word)."""
        if not any(p in text for p in self.phrases):
            return False
        return any(m.end() > at for m in self.pattern.finditer(text))

    def first_in(self, text: str) -> str | None:
        """The first phrase found in `text`, for explanations."""
        if not any(p in text for p in self.phrases):
            return None
        m = self.pattern.search(text)
        return m.group(0) if m else None


@dataclass(frozen=True, eq=False)
class RoundWords:
    """Every word list of the round rules for one language, normalised (see the module)."""

    lang: str
    ordinals: Mapping[str, int]  # ordinals written as one token: "13th", "восьмой", "18."
    units: Mapping[str, int]  # ordinals below ten, the second part of a compound
    tens: Mapping[str, int]  # "twenty" in "twenty-first", "عشرة" in "الرابعة عشرة"
    joiners: frozenset[str]  # "-" in "twenty-first", "و" in "بیست و یکم"
    digit_prefixes: frozenset[str]  # "ال" in "الـ 13": the number is the next token
    cardinals: Mapping[str, int]
    unit_first: bool  # "الرابعة عشرة": a compound may put the unit before the tens
    noun_first: bool  # "الجولة الرابعة", "دور شانزدهم": the ordinal may follow its noun
    round_nouns: frozenset[str]
    always_round_nouns: frozenset[str]
    count_nouns: frozenset[str]
    round_modifiers: frozenset[str]
    count_modifiers: frozenset[str]
    count_verbs: frozenset[str]
    astana_context: frozenset[str]
    named_round_words: frozenset[str]  # "Astana" in "Astana 16", "Astana-9"
    named_round_forms: Mapping[str, int]  # "astana-9" written as one token
    numbered_round_nouns: frozenset[str]  # "Round" in "Round 16"
    time_units: frozenset[str]  # "round 2 weeks later" names no round
    since_words: frozenset[str]  # "the first round since ..." names no round
    count_blockers: frozenset[str]  # "the first two sessions" counts no rounds
    # "its/their" (people.json): "the working group held its second meeting"
    party_possessives: frozenset[str]
    definite_articles: frozenset[str]  # "the" (people.json), stepped over before a preposition
    # "deputy" (people.json, word beginnings): "deputy foreign ministers" are no ministers
    junior_ranks: tuple[str, ...]
    not_round_after_of: frozenset[str]
    not_round_after: frozenset[str]
    other_bodies: frozenset[str]
    non_round_nouns: frozenset[str]  # a summit, a congress: an ordinal names no round there
    passing_markers: frozenset[str]
    passing_prepositions: frozenset[str]
    tentative_markers: frozenset[str]  # "tentatively planned", "may take place"
    next_markers: frozenset[str]  # the passing markers that point ahead: "the next meeting"
    # the passing markers that may name the article's own, just-held meeting: "the last round"
    latest_markers: frozenset[str]
    after_markers: frozenset[str]  # "following their last meeting": the page is after it
    passing_window: int  # how many words before an ordinal a passing marker may stand
    agreed_cues: frozenset[str]  # "agreed (to hold the next round)", "decided"
    ended_verbs: frozenset[str]  # "the meeting ended": a meeting reported as over
    clause_openers: frozenset[str]  # "as", "while": a new clause, out of a cue's reach
    subordinators: frozenset[str]
    event_verbs: frozenset[str]
    announcement_markers: frozenset[str]  # near an ordinal: "will", "scheduled"
    announcement_hosts: frozenset[str]  # with "to" near an ordinal: "to host"
    non_round_events: WordPhrases
    # Another process's rounds: a phrase attached to a round noun ("the seventh round of the
    # Constitutional Committee", "intra-Syrian talks in Geneva") makes it that process's.
    other_processes: WordPhrases
    process_links: frozenset[str]  # words between a round noun and its process: "of", "in"
    generic_round_words: WordPhrases
    process_context: WordPhrases  # "guarantors": the process's news, like a round word
    future_markers: WordPhrases
    recall_markers: WordPhrases  # "it will be recalled that ...": a look-back
    document_nouns: frozenset[str]  # "the memorandum of 4 May 2017": the document's date
    history_markers: tuple[str, ...]
    cities: Mapping[str, str]
    capital_phrases: tuple[str, ...]
    month_names: Mapping[str, int]  # one-word names, and the first word of longer ones
    month_phrases: Mapping[str, tuple[tuple[tuple[str, ...], int], ...]]  # first word -> rest
    months_capitalised: bool  # month names are written with a capital ("May", not "may")
    clitics: tuple[str, ...]
    suffix_marks: tuple[str, ...]

    @property
    def identity_norm(self) -> bool:
        """Whether `norm` of a lower-cased token is the token itself (English)."""
        return self.lang == "en"

    def norm(self, lower: str) -> str:
        """The normalised form of a lower-cased token."""
        return _NORMS[self.lang][lower]

    @property
    def anchor_words(self) -> frozenset[str]:
        """Tokens a round mention can start or end with: ordinals, the first part of a
        compound, digit prefixes, count nouns and named-round words."""
        return _anchor_words(self)


def _normaliser(lang: str, known: frozenset[str], clitics: Sequence[str], marks: Sequence[str]):
    arabic_script = lang in {"ar", "fa"}

    def norm(lower: str) -> str:
        word = lower.translate(_DIGITS)
        if arabic_script:
            word = word.translate(_ARABIC_SCRIPT)
        for mark in marks:  # "astana'da" -> "astana"; "21'inci" stays an ordinal
            at = word.find(mark)
            if at > 0 and not word[:at].isdigit():
                word = word[:at]
        if clitics and word not in known and not word.isdigit():
            for clitic in clitics:  # "wa-al-jawla" -> "al-jawla", "wa-11" -> "11"
                rest = word[len(clitic) :]
                if word.startswith(clitic) and (rest in known or rest.isdigit()):
                    return rest
        return word

    return norm


_NORMS: dict[str, StringCache] = {}


def _listed(block: Mapping[str, Any], key: str) -> tuple[str, ...]:
    return tuple(str(w).lower() for w in block.get(key, ()))


def _digit_ordinals(
    prefixes: Iterable[str], suffixes: Iterable[str], limit: int = 60
) -> dict[str, int]:
    """Ordinals in digits: every number up to `limit` with every prefix or suffix ("13th",
    "18.", Russian "17-j", Spanish "22a", Arabic "al-21"); a suffix needs no exact agreement
    with the number ("2th" is rare and harmless)."""
    out = {f"{n}{s}": n for n in range(1, limit + 1) for s in suffixes}
    out.update({f"{p}{n}": n for n in range(1, limit + 1) for p in prefixes})
    return out


def _inflected(stems: Mapping[str, int], endings: Iterable[str]) -> dict[str, int]:
    """Ordinal words from stems and endings (Russian "vosm" + "ogo")."""
    return {stem + ending: n for stem, n in stems.items() for ending in endings}


@cache
def round_words(lang: str) -> RoundWords:
    """The word data of the round rules for `lang` (English for a language without a block)."""
    block = for_language("rounds", lang) or for_language("rounds", "en")
    lang = lang if for_language("rounds", lang) else "en"
    clitics = _listed(block, "clitic_prefixes")
    marks = _listed(block, "suffix_marks")
    # Normalise without clitics first (the known words are built from normalised data).
    plain = _normaliser(lang, frozenset(), (), marks)

    def words(key: str) -> frozenset[str]:
        return frozenset(plain(w) for w in _listed(block, key))

    def people_words(key: str) -> frozenset[str]:
        # Function words shared with the party rules: one list, in people.json.
        return frozenset(plain(w) for w in _listed(for_language("people", lang), key))

    def numbers(mapping: Mapping[str, int]) -> dict[str, int]:
        return {plain(str(k).lower()): int(v) for k, v in mapping.items()}

    ordinals = numbers(block.get("ordinal_words", {}))
    ordinals.update(
        numbers(_inflected(block.get("ordinal_stems", {}), _listed(block, "ordinal_endings")))
    )
    ordinals.update(
        _digit_ordinals(
            [plain(p) for p in _listed(block, "digit_prefixes")],
            _listed(block, "digit_ordinal_suffixes"),
        )
    )
    if block.get("roman_ordinals"):
        ordinals.update({r: v for r in _roman_forms() if (v := roman_value(r))})
    units = {w: n for w, n in ordinals.items() if n < 10 and not w[:1].isdigit()}
    tens = numbers(block.get("tens_words", {}))
    months, phrases = _month_names(lang)
    round_nouns = words("round_nouns")
    known = frozenset(
        ordinals.keys()
        | tens.keys()
        | round_nouns
        | words("astana_context")
        | words("count_nouns")
        | words("named_round_words")
        | words("round_modifiers")
        | months.keys()
    )
    _NORMS[lang] = StringCache(_normaliser(lang, known, clitics, marks))
    mode = str(block.get("phrase_mode", "word"))
    return RoundWords(
        lang=lang,
        ordinals=ordinals,
        units=units,
        tens=tens,
        joiners=words("compound_joiners"),
        digit_prefixes=words("digit_prefixes"),
        cardinals=numbers(block.get("cardinal_words", {})),
        unit_first=bool(block.get("unit_first", False)),
        noun_first=bool(block.get("noun_first", False)),
        round_nouns=round_nouns,
        always_round_nouns=words("always_round_nouns"),
        count_nouns=words("count_nouns"),
        round_modifiers=words("round_modifiers"),
        count_modifiers=words("count_modifiers"),
        count_verbs=words("count_verbs"),
        astana_context=words("astana_context"),
        named_round_words=words("named_round_words"),
        numbered_round_nouns=words("numbered_round_nouns"),
        time_units=words("time_units"),
        since_words=words("since_words"),
        count_blockers=words("count_blockers"),
        party_possessives=people_words("party_possessives"),
        definite_articles=people_words("definite_articles"),
        junior_ranks=tuple(sorted(people_words("junior_rank_markers"))),
        named_round_forms={
            f"{name}-{n}": n for name in words("named_round_words") for n in range(1, 61)
        },
        not_round_after_of=words("not_round_after_of"),
        not_round_after=words("not_round_after"),
        other_bodies=words("other_bodies"),
        non_round_nouns=words("non_round_nouns"),
        passing_markers=words("passing_markers"),
        passing_prepositions=words("passing_prepositions"),
        tentative_markers=words("tentative_markers"),
        next_markers=words("next_markers"),
        latest_markers=words("latest_markers"),
        after_markers=words("after_markers"),
        passing_window=int(block.get("passing_window", 2)),
        agreed_cues=words("agreed_cues"),
        ended_verbs=words("ended_verbs"),
        clause_openers=words("clause_openers"),
        subordinators=words("subordinators"),
        event_verbs=words("event_verbs"),
        announcement_markers=words("announcement_markers"),
        announcement_hosts=words("announcement_hosts"),
        non_round_events=WordPhrases(_phrases(block, "non_round_events", plain), mode),
        other_processes=WordPhrases(_phrases(block, "other_processes", plain), mode),
        process_links=words("process_links"),
        generic_round_words=WordPhrases(_phrases(block, "generic_round_words", plain), mode),
        process_context=WordPhrases(_phrases(block, "process_context", plain), mode),
        future_markers=WordPhrases(_phrases(block, "future_markers", plain), mode),
        recall_markers=WordPhrases(_phrases(block, "recall_markers", plain), mode),
        document_nouns=words("document_nouns"),
        history_markers=_listed(block, "history_markers"),
        cities={plain(str(k).lower()): v for k, v in block.get("cities", {}).items()},
        capital_phrases=_listed(block, "capital_phrases"),
        month_names=months,
        month_phrases=phrases,
        months_capitalised=bool(block.get("months_capitalised", False)),
        clitics=clitics,
        suffix_marks=marks,
    )


def _phrases(block: Mapping[str, Any], key: str, plain) -> tuple[str, ...]:
    # Phrases are searched in text normalised like tokens (`normalise_text`).
    return tuple(" ".join(plain(w) for w in p.split()) for p in _listed(block, key))


def normalise_text(words: RoundWords, text: str) -> str:
    """A lower-cased text in the normalised spelling of `words` (digits, Arabic script), for
    phrase searches: characters are mapped, not words, so offsets may shift."""
    text = text.lower()
    if text.isascii() and _TABLES_KEEP_ASCII:
        return text
    if _DIGIT_CHARS.search(text):
        text = text.translate(_DIGITS)
    if words.lang in {"ar", "fa"} and _ARABIC_SCRIPT_CHARS.search(text):
        text = text.translate(_ARABIC_SCRIPT)
    return text


@cache
def _roman_forms() -> tuple[str, ...]:
    out = []
    for n in range(2, 41):
        tens, units = divmod(n, 10)
        numeral = "x" * tens + ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"][units]
        if len(numeral) >= 2:
            out.append(numeral)
    return tuple(out)


@cache
def _anchor_words(words: RoundWords) -> frozenset[str]:
    return frozenset(
        words.ordinals.keys()
        | words.tens.keys()
        | words.digit_prefixes
        | words.count_nouns
        | words.named_round_words
        | words.named_round_forms.keys()
        | words.numbered_round_nouns
        | (words.round_nouns if words.noun_first else frozenset())
    )


def _month_names(
    lang: str,
) -> tuple[dict[str, int], dict[str, tuple[tuple[tuple[str, ...], int], ...]]]:
    """Month names of `lang` (lower case, normalised) from `patterns/dates.json`: one-word
    names (and abbreviations with their full stop, "Dec." being one token), and names of
    several words by their first word ("kanun al-awwal": "kanun" -> (("al-awwal",), 12))."""
    block = for_language("dates", lang) or for_language("dates", "en")
    plain = _normaliser(lang, frozenset(), (), ())
    months: dict[str, int] = {}
    longer: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for name, number in block.get("months", {}).items():
        first, *rest = (plain(w) for w in str(name).lower().split())
        if rest:
            longer.setdefault(first, []).append((tuple(rest), int(number)))
        else:
            months[first] = int(number)
    months.update({f"{name}.": n for name, n in months.items() if len(name) <= 4})
    for first in longer:
        months.setdefault(first, 0)  # 0: the month depends on the words after it
    return months, {first: tuple(rests) for first, rests in longer.items()}


@cache
def capital_renames() -> tuple[tuple[date, str], ...]:
    """(until, name) of the Kazakh capital's names, oldest first."""
    block = for_language("rounds", "en")
    return tuple((date.fromisoformat(r["until"]), r["name"]) for r in block["capital_renames"])
