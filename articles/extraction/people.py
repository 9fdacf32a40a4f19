"""Person names: cleaning, transliteration-aware normalisation and matching.

One person is spelled many ways across articles (Khaji / Haji, Tuma / Toma / Tohme,
Jaafari / Ja'afari / al-Jaafari, Önal / Onal, Lavrentiev / Lavrentyev, Jaberi Ansari /
Hossein Ansari). The rules here:

* `normalize_name` transliterates (anyascii), lower-cases and drops punctuation:
  "Bashar al-Ja'afari" -> "bashar al jaafari". Two spellings that normalise alike are the
  same name.
* `name_key` reduces each word to a consonant skeleton (first letter kept, vowels and h
  dropped, kh->h, gh->g, g/j, c/q/k, t/d, w/v, z/s merged, doubles collapsed) after dropping
  particles (al-, el-, de, bin) and initials: "Ahmad Tohme" and "Ahmet Toma" share a key.
* `same_person` compares first names and surnames word by word (skeletons, or a close
  rapidfuzz ratio for typos such as "Sedal"/"Sedat"); a shorter name may leave out middle
  words ("Hossein Ansari" is "Hossein Jaberi Ansari"), but two different first names with the
  same surname are different people ("Sedat Önal" is not "Selçuk Ünal").
* Cyrillic spellings transliterate to Latin ones ("Александр Лаврентьев" is "Aleksandr
  Lavrentyev" is "Alexander Lavrentiev"; "Джаафари" is "Jaafari", case endings such as
  "Лаврентьевым" are forgiven by the ratio). Arabic and Persian spellings transliterate
  alike ("ایمن سوسان", "أيمن سوسان") but not to the Latin ones: they resolve through the
  aliases a `NameIndex` holds.
* `NameIndex` resolves a spelling to a known person id, or None for a new person;
  `candidates` gives every person an ambiguous spelling may name.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from anyascii import anyascii
from rapidfuzz import fuzz

from .data import load, word_set

K = TypeVar("K", bound=Hashable)

PARTICLES = word_set("people", "name_particles")
_TITLE_WORDS = word_set("people", "title_words") - {"the"}
_FIRST_NAME_RATIO = 80
_STEM = 3  # skeleton letters an inflected surname keeps (NameIndex's fallback)
_SURNAME_RATIO = 85
_ALONE_RATIO = 80  # a surname alone: letters alike besides a shared skeleton


def _nationality_words() -> frozenset[str]:
    words: set[str] = set()
    for data in load("parties")["parties"].values():
        for alias in data["aliases"]:
            if " " not in alias:
                words.add(alias.lower())
        for alias in data.get("weak_aliases", ()):
            words.add(alias.lower())
    return frozenset(words)


_NATIONALITY = _nationality_words()
_APOSTROPHES_RE = re.compile(r"['\u2019`\u02bb\u02bc\u2018]")
_NON_WORD_RE = re.compile(r"[^a-z0-9 ]+")
_SPACES_RE = re.compile(r"\s+")
_POSSESSIVE_RE = re.compile(r"['\u2019]s?$")


@lru_cache(maxsize=16384)  # the same few hundred spellings come back in every batch
def normalize_name(name: str) -> str:
    """Transliterated, lower-case, punctuation-free form: "Sedat Önal" -> "sedat onal"."""
    text = anyascii(name or "").lower()
    text = _APOSTROPHES_RE.sub("", text)
    text = text.replace("-", " ").replace(".", " ")
    text = _NON_WORD_RE.sub(" ", text)
    return _SPACES_RE.sub(" ", text).strip()


def _name_words(name: str) -> list[str]:
    """Normalised words that carry the name: no particles, initials or title words."""
    words = normalize_name(name).split()
    return [w for w in words if w not in PARTICLES and len(w) > 1 and w not in _TITLE_WORDS]


# Russian "дж" comes out of transliteration as "dzh", French spellings write it "dj",
# German ones "dsch" (and "sch" for "sh", "tsch" for "ch"): all are the "j" of English
# spellings ("Джаафари", "Djaafari", "Dschafari", "Jaafari").
_DIGRAPHS = (
    ("dsch", "j"),
    ("tsch", "ch"),
    ("sch", "sh"),
    ("dzh", "j"),
    ("dj", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("sh", "s"),
    ("ch", "s"),
    ("zh", "j"),
    ("ou", "u"),
)
_LETTERS = str.maketrans({"q": "k", "c": "k", "x": "ks", "w": "v", "z": "s", "g": "j", "t": "d"})
_VOWELS = frozenset("aeiouy")
# A "j" between a consonant and a vowel is the glide English spellings write "y" or "i"
# (German and Slavic "Lawrentjew", "Lavrentjev" for "Lavrentiev"); "dj" is a digraph.
_GLIDE_J_RE = re.compile(r"(?<=[bcfklmnprstvwz])j(?=[aeiou])")


def word_key(word: str) -> str:
    """Consonant skeleton of one normalised word: "tohme" -> "dm", "khaji" -> "hj"."""
    w = _GLIDE_J_RE.sub("y", word) if "j" in word else word
    for a, b in _DIGRAPHS:
        w = w.replace(a, b)
    w = w.translate(_LETTERS)
    if not w:
        return ""
    first = "a" if w[0] in _VOWELS else w[0]
    rest = [ch for ch in w[1:] if ch not in _VOWELS and ch != "h"]
    out = [first]
    for ch in rest:
        if ch != out[-1]:
            out.append(ch)
    return "".join(out)


def name_key(name: str) -> tuple[str, ...]:
    """The skeletons of a name's words, in order: ("amd", "dm") for "Ahmad Tohme"."""
    return tuple(word_key(w) for w in _name_words(name))


# Arabic and Persian write long vowels (alif, waw, yeh) and leave short ones out, have no
# v (f) and, in Arabic, no p (b) or g (j, gh): a skeleton of consonants without w, y and h,
# with those letters merged, is the same for "Lavrentiev" and "لافرنتييف", "Pedersen" and
# "پدرسن", "Bogdanov" and "بوگدانوف".
_SCRIPT_DIGRAPHS = (
    ("kh", "k"),
    ("gh", "g"),
    ("sh", "s"),
    ("ch", "c"),
    ("zh", "j"),
    ("th", "t"),
    ("dh", "d"),
    ("ph", "f"),
)
_SCRIPT_LETTERS = str.maketrans(
    {"v": "f", "p": "b", "q": "k", "j": "g", "t": "d", "z": "s", "c": "k", "x": "ks"}
)
_SCRIPT_DROP_RE = re.compile(r"[aeiouwyh ]")
_DOUBLES_RE = re.compile(r"(.)\1+")


@lru_cache(maxsize=16384)
def script_skeleton(word: str) -> str:
    """The consonants of one word as Latin, Arabic and Persian spellings share them:
    "Lavrentiev" and "لافرنتييف" -> "lfrndf", "Ayman" and "أيمن" -> "mn"."""
    w = normalize_name(word)
    for a, b in _SCRIPT_DIGRAPHS:
        w = w.replace(a, b)
    w = _SCRIPT_DROP_RE.sub("", w.translate(_SCRIPT_LETTERS))
    return _DOUBLES_RE.sub(r"\1", w)


_INITIAL_SPLIT_RE = re.compile(r"[\s.]+")


@dataclass(frozen=True, slots=True)
class _Parsed:
    words: tuple[str, ...]
    keys: tuple[str, ...]
    initial: str = ""  # the skeleton letter of an opening initial ("H. Jaberi Ansari": "h")


@lru_cache(maxsize=4096)
def _parse(name: str) -> _Parsed:
    words = tuple(_name_words(name))
    # An initial is one letter in its own script ("H.", or a Cyrillic letter that
    # transliterates to two, "kh").
    first = _INITIAL_SPLIT_RE.split(name.strip(), maxsplit=1)[0]
    initial = ""
    if len(first) == 1 and first.isalpha():
        letters = normalize_name(first)
        initial = word_key(letters)[:1]
        if words and words[0] == letters:
            words = words[1:]
    return _Parsed(words, tuple(word_key(w) for w in words), initial)


def _initial_and_surnames(pa: _Parsed, pb: _Parsed) -> bool | None:
    """An initial for the first name and a surname of several words ("H. Jaberi Ansari"):
    the initial agrees with the other name's first name and the words are its last ones.
    None when neither name is of that form."""
    for short, full in ((pa, pb), (pb, pa)):
        if short.initial and not full.initial and len(short.words) >= 2:
            n = len(short.words)
            if len(full.words) <= n or full.keys[0][:1] != short.initial:
                return False
            return all(
                _word_match(a, ka, b, kb, _SURNAME_RATIO)
                for a, ka, b, kb in zip(
                    short.words, short.keys, full.words[-n:], full.keys[-n:], strict=True
                )
            )
    return None


def _word_match(a: str, ka: str, b: str, kb: str, ratio: int) -> bool:
    if a == b or (ka and ka == kb):
        return True
    return len(a) >= 4 and len(b) >= 4 and fuzz.ratio(a, b) >= ratio


def _same(pa: _Parsed, pb: _Parsed) -> bool:
    if not pa.words or not pb.words:
        return False
    by_initial = _initial_and_surnames(pa, pb)
    if by_initial is not None:
        return by_initial
    if len(pa.words) == 1 or len(pb.words) == 1:
        # A surname alone: it matches a name with that surname.
        # Short words share skeletons by chance ("Only" and "Onal"): the letters must be
        # alike too.
        single, other = (pa, pb) if len(pa.words) == 1 else (pb, pa)
        word = single.words[0]
        return any(
            _word_match(word, single.keys[0], w, k, _SURNAME_RATIO)
            and fuzz.ratio(word, w) >= _ALONE_RATIO
            for w, k in zip(
                other.words[1:] or other.words, other.keys[1:] or other.keys, strict=True
            )
        )
    if not _word_match(pa.words[0], pa.keys[0], pb.words[0], pb.keys[0], _FIRST_NAME_RATIO):
        return False
    short, long_ = (pa, pb) if len(pa.words) <= len(pb.words) else (pb, pa)
    rest_short = list(zip(short.words[1:], short.keys[1:], strict=True))
    rest_long = list(zip(long_.words[1:], long_.keys[1:], strict=True))
    if len(rest_short) == len(rest_long):
        return all(
            _word_match(a, ka, b, kb, _SURNAME_RATIO)
            for (a, ka), (b, kb) in zip(rest_short, rest_long, strict=True)
        )
    # The shorter name leaves out middle words: its words appear in order in the longer one,
    # and both end with the same surname unless the shorter drops the last word.
    j = 0
    for a, ka in rest_short:
        while j < len(rest_long) and not _word_match(a, ka, *rest_long[j], _SURNAME_RATIO):
            j += 1
        if j == len(rest_long):
            return False
        j += 1
    return True


@lru_cache(maxsize=16384)
def same_person(a: str, b: str) -> bool:
    """Whether two spellings name the same person (see the module docstring)."""
    return _same(_parse(a), _parse(b))


def surname(name: str) -> str:
    words = _name_words(name)
    return words[-1] if words else ""


_QUOTES_DASHES = "\"'\u201c\u201d\u2018\u2019\u2013\u2014"
_LEADING_JUNK_RE = re.compile(rf"^[\s{_QUOTES_DASHES}(\[,;:-]+|[\s{_QUOTES_DASHES})\],;:.-]+$")


def clean_person_name(raw: str) -> str:
    """A name without titles, party adjectives, possessives and trailing appositives:
    "Turkish Deputy Foreign Minister Sedat Onal" -> "Sedat Onal", "Dr. Bashar al-Jaafari" ->
    "Bashar al-Jaafari"."""
    text = _SPACES_RE.sub(" ", raw or "").strip()
    text = text.split(",")[0]
    text = _LEADING_JUNK_RE.sub("", text)
    text = _POSSESSIVE_RE.sub("", text) if text.endswith(("'s", "\u2019s")) else text
    words = text.split(" ")
    i = 0
    while i < len(words) - 1:
        w = words[i]
        low = w.lower().rstrip(".,")
        low_np = _POSSESSIVE_RE.sub("", low)
        if (
            low in _TITLE_WORDS
            or low + "." in _TITLE_WORDS
            or low_np in _NATIONALITY
            or w.endswith(("'s", "\u2019s"))
            or (w[:1].islower() and low not in PARTICLES)
        ):
            i += 1
            continue
        break
    return " ".join(words[i:]).strip()


@dataclass(slots=True)
class _Entry(Generic[K]):
    person: K
    name: str
    parsed: _Parsed


class NameIndex(Generic[K]):
    """Known people by their spellings. Pure Python; fill it from the database once, then
    call `resolve` for every head an article names."""

    def __init__(self) -> None:
        self._exact: dict[str, set[K]] = {}
        self._by_key: dict[str, list[_Entry[K]]] = {}
        self._by_first: dict[str, list[_Entry[K]]] = {}
        self._by_stem: dict[str, list[_Entry[K]]] = {}

    def add(self, person_id: K, name: str) -> None:
        parsed = _parse(name)
        if not parsed.words:
            return
        self._exact.setdefault(normalize_name(name), set()).add(person_id)
        entry = _Entry(person_id, name, parsed)
        for key in set(parsed.keys[1:] or parsed.keys):
            self._by_key.setdefault(key, []).append(entry)
            self._by_stem.setdefault(key[:_STEM], []).append(entry)
        if len(parsed.keys) > 1:
            self._by_first.setdefault(parsed.keys[0], []).append(entry)

    def __len__(self) -> int:
        return len({p for ids in self._exact.values() for p in ids})

    def resolve(self, name: str) -> K | None:
        """The one known person this spelling names, or None (unknown or ambiguous)."""
        matches = self.candidates(name)
        return next(iter(matches)) if len(matches) == 1 else None

    def candidates(self, name: str) -> frozenset[K]:
        """Every known person this spelling may name: one for an exact spelling (any script)
        or a single transliteration match, several for an ambiguous surname alone ("Onal"
        for "Sedat Önal" and "Selçuk Ünal"), none for an unknown name."""
        exact = self._exact.get(normalize_name(name))
        if exact and len(exact) == 1:
            return frozenset(exact)
        parsed = _parse(name)
        if not parsed.words:
            return frozenset()
        seen: dict[int, _Entry[K]] = {}
        for key in set(parsed.keys[1:] or parsed.keys):
            for entry in self._by_key.get(key, ()):
                seen[id(entry)] = entry
        if not seen and len(parsed.keys) > 1:
            # A typo in the surname changes its skeleton: compare with the entries that
            # share the first name.
            for entry in self._by_first.get(parsed.keys[0], ()):
                seen[id(entry)] = entry
        if not seen:
            # An inflected surname ("Лаврентьевым") adds a consonant to the skeleton: compare
            # with the entries whose surname skeleton begins alike.
            for key in set(parsed.keys[1:] or parsed.keys):
                for entry in self._by_stem.get(key[:_STEM], ()):
                    seen[id(entry)] = entry
        return frozenset(entry.person for entry in seen.values() if _same(parsed, entry.parsed))

    def same_person(self, a: str, b: str) -> bool:
        return same_person(a, b)
