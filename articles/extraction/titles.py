"""Person names and their titles, found by the structure of the tokens around them.

A name is a run of capitalised tokens (with particles such as al-/de/bin, hyphens,
apostrophes, initials and letters with diacritics) that are not title words, party words
or common capitalised words. No list of real people is used. A title is the run of title
words before a name ("Turkish Deputy Foreign Minister") or the appositive after it
(", the Russian president's special envoy for Syria,"); `classify_title` says whether it is
the kind of title a delegation head holds, one that excludes heading a delegation
(spokesman, foreign minister, president), or neither.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .data import load, word_set
from .sentences import Tokens

TITLE_WORDS = word_set("people", "title_words")
TITLE_LINK_WORDS = word_set("people", "title_link_words")
PARTICLES = word_set("people", "name_particles")
NOT_NAME_WORDS = word_set("people", "not_name_words")
_HEAD_LIKE = tuple(tuple(p.split()) for p in load("people")["head_like_titles"])
_EXCLUDED = tuple(tuple(p.split()) for p in load("people")["excluded_titles"])
_PHRASES: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _phrase, _kind in sorted(
    [(p, "head") for p in _HEAD_LIKE] + [(p, "excluded") for p in _EXCLUDED],
    key=lambda item: -len(item[0]),
):
    _PHRASES.setdefault(_phrase[0], []).append((_phrase, _kind))
_POSSESSIVE = word_set("people", "possessive_endings")
COMPLEMENT_PREPOSITIONS = word_set("people", "title_complement_prepositions")
COMPLEMENT_MODIFIERS = word_set("people", "complement_modifiers")
COMPLEMENT_MODIFIER_ENDINGS = tuple(load("people")["complement_modifier_endings"])
# The words a title's chain may hold between its title word and its complement's noun.
DEFINITE_ARTICLES = word_set("people", "definite_articles")
_TITLE_OWNER_LINKS = word_set("people", "title_owner_links")  # "adviser to the envoy"
_LINKS_NOT_STEPPED = word_set("people", "title_links_not_stepped")
_CHAIN_WORDS = TITLE_WORDS | TITLE_LINK_WORDS | COMPLEMENT_PREPOSITIONS | DEFINITE_ARTICLES

HEAD, EXCLUDED, NEUTRAL = "head", "excluded", "neutral"


# Not frozen: a frozen dataclass costs four times as much to build, and the rules build many.
@dataclass(slots=True)
class NameSpan:
    start: int
    end: int

    def text(self, tokens: Tokens) -> str:
        """The name as written (original spacing)."""
        if all(tokens.ws[self.start : self.end - 1]):
            return " ".join(tokens.text[self.start : self.end])  # the usual case
        parts = []
        for i in range(self.start, self.end):
            parts.append(tokens.text[i])
            if i < self.end - 1 and tokens.ws[i]:
                parts.append(" ")
        return "".join(parts)

    def __len__(self) -> int:
        return self.end - self.start


def _name_shape(text: str) -> bool:
    """Capitalised, not all capitals, no digits; or an initial ("O."); or a particle joined
    to such a word in one token, as tokenizers that keep hyphenated words whole leave it
    ("al-Dschafari" in German)."""
    if text[:1].islower() and "-" in text:
        particle, _, rest = text.partition("-")
        return particle in PARTICLES and _name_shape(rest)
    if not (text and text[0].isupper()):
        return False
    if len(text) == 2 and text[1] == ".":
        return True  # an initial: "Geir O. Pedersen"
    return not text.isupper() and not any(ch.isdigit() for ch in text)


def _is_initial(text: str) -> bool:
    return len(text) == 2 and text[1] == "."


class _NameWords(dict):
    """Token text -> whether it may be part of a name (shape, and not a stop word)."""

    def __init__(self, stop: frozenset[str]) -> None:
        super().__init__()
        self.stop = stop

    def __missing__(self, text: str) -> bool:
        value = self[text] = _name_shape(text) and text.lower() not in self.stop
        return value


# One cache per set of party words (in practice one per process).
_NAME_WORDS: dict[frozenset[str], _NameWords] = {}


class NameFinder:
    """Name runs over one document. `extra_stop` holds the lower-cased tokens of every
    party alias, which are never parts of names."""

    def __init__(
        self,
        tokens: Tokens,
        extra_stop: frozenset[str],
        person_tokens: frozenset[int] = frozenset(),
    ) -> None:
        self.tokens = tokens
        name_words = _NAME_WORDS.get(extra_stop)
        if name_words is None:
            stop = extra_stop | NOT_NAME_WORDS | TITLE_WORDS
            name_words = _NAME_WORDS[extra_stop] = _NameWords(stop)
        self.stop = name_words.stop
        self.person_tokens = person_tokens  # tokens inside statistical PERSON entities
        # 1 for a token that may be part of a name (a bytearray: `find` scans it in C)
        self.flags = bytearray(map(name_words.__getitem__, tokens.text))
        for i in person_tokens:
            # A stop word inside a PERSON entity may still be part of a name.
            self.flags[i] = _name_shape(tokens.text[i])
        # Capitalised words that end a title's complement ("Settlement" in "Envoy for Syrian
        # Settlement Alexander Lavrentyev"): no name tokens, and the end of a title.
        self.complement_ends: set[int] = set()
        self._end_title_complements()
        self._runs: list[NameSpan] | None = None
        self._run_starts: list[int] = []

    def _end_title_complements(self) -> None:
        """A title's complement may end in a capitalised word the name test accepts: "Envoy
        for Syrian Settlement Alexander Lavrentyev", "Representative to the UN in New York
        Bashar Jaafari", "Minister of Foreign Affairs and Expatriates Ayman Raad". The first
        word of a run of name tokens is the complement's noun, not part of the name, when the
        run stands right after a preposition (or "and") of a title's chain or after a
        modifier ("Syrian", "New") that follows one, and a name of two words still follows."""
        flags, text = self.flags, self.tokens.text
        n = len(flags)
        i = flags.find(1)
        while i >= 0:
            j = flags.find(0, i)  # the end of the run of name tokens (searched in C)
            if j < 0:
                j = n
            if j - i >= 3 and self._ends_a_complement(i):
                rest = self.run_from(i + 1, n)
                if rest is not None and len(rest) >= 2 and not _is_initial(text[i + 1]):
                    flags[i] = 0
                    self.complement_ends.add(i)
            i = flags.find(1, j)

    def _ends_a_complement(self, i: int) -> bool:
        """Whether name token i is the noun of a title's complement (see above)."""
        text, lower, flags = self.tokens.text, self.tokens.lower, self.flags
        p = i - 1
        if p < 0:
            return False
        low = lower[p]
        if low not in COMPLEMENT_PREPOSITIONS and low != "and":
            if flags[p] or not text[p][:1].isupper():
                return False
            if low not in COMPLEMENT_MODIFIERS and not low.endswith(COMPLEMENT_MODIFIER_ENDINGS):
                return False
            p -= 1  # a modifier: its preposition comes before it, maybe after "the"
            while p >= 0 and lower[p] == "the":
                p -= 1
            if p < 0 or lower[p] not in COMPLEMENT_PREPOSITIONS:
                return False
            low = lower[p]
        elif low == "and" and not (p > 0 and text[p - 1][:1].isupper()):
            return False  # "and" joins the complement's capitalised nouns
        # The chain before the link: a title word, through title words, links, "the" and
        # capitalised words that are no name ("the United Nations"), and for "and" a
        # preposition opening the complement it continues.
        seen_preposition = low in COMPLEMENT_PREPOSITIONS
        k = p - 1
        while (
            k >= 0
            and k > p - 12
            and not flags[k]
            and (lower[k] in _CHAIN_WORDS or text[k][:1].isupper())
        ):
            word = lower[k]
            if word in COMPLEMENT_PREPOSITIONS:
                seen_preposition = True
            elif word in TITLE_WORDS and word != "the" and seen_preposition:
                return True
            k -= 1
        return False

    def is_name_token(self, i: int) -> bool:
        return self.flags[i] == 1

    def _joins(self, i: int, end: int) -> int:
        """How many tokens starting at i continue a name (a hyphen or a particle), 0 if none."""
        text, ws = self.tokens.text, self.tokens.ws
        if (
            text[i] == "-"
            and i > 0
            and not ws[i - 1]
            and not ws[i]
            and i + 1 < end
            and self.is_name_token(i + 1)
        ):
            return 1
        if self.tokens.lower[i] in PARTICLES and text[i][0].islower():
            if i + 1 < end and self.is_name_token(i + 1):
                return 1
            if i + 2 < end and text[i + 1] == "-" and self.is_name_token(i + 2):
                return 2
        return 0

    def run_from(self, i: int, limit: int) -> NameSpan | None:
        """The name starting at token i (None if token i cannot start one)."""
        text, lower, flags = self.tokens.text, self.tokens.lower, self.flags
        start = i
        if not flags[i]:
            # "al-Jaafari" may open a name
            if lower[i] in PARTICLES and i + 2 < limit and text[i + 1] == "-":
                if flags[i + 2]:
                    j = i + 2
                else:
                    return None
            else:
                return None
        else:
            j = i
        while j < limit:
            if flags[j]:
                j += 1
                continue
            # Only a hyphen or a particle may continue a name.
            if text[j] == "-" or lower[j] in PARTICLES:
                step = self._joins(j, limit)
                if step:
                    j += step
                    continue
            break
        # An initial cannot end a name.
        while j > start and len(text[j - 1]) == 2 and text[j - 1].endswith("."):
            j -= 1
        return NameSpan(start, j) if j > start else None

    def run_ending(self, end: int, floor: int) -> NameSpan | None:
        """The name that ends right before token `end` (exclusive), not reaching below floor."""
        if end - 1 < floor or not self.is_name_token(end - 1):
            return None
        text, lower, ws = self.tokens.text, self.tokens.lower, self.tokens.ws
        i = end - 1
        while i - 1 >= floor:
            if self.is_name_token(i - 1):
                i -= 1
                continue
            p = i - 1
            if text[p] == "-" and i - 2 >= floor and not ws[p]:
                b = i - 2
                if self.is_name_token(b) or (lower[b] in PARTICLES and text[b][0].islower()):
                    i -= 2
                    continue
            if (
                lower[p] in PARTICLES
                and text[p][0].islower()
                and i - 2 >= floor
                and self.is_name_token(i - 2)
            ):
                i -= 2
                continue
            break
        if lower[i] in PARTICLES and text[i][0].islower():
            i += 2 if i + 1 < end and text[i + 1] == "-" else 1
        return NameSpan(i, end) if i < end else None

    def all_runs(self) -> list[NameSpan]:
        """Every name run of the document, computed once."""
        if self._runs is None:
            out: list[NameSpan] = []
            flags, text, lower = self.flags, self.tokens.text, self.tokens.lower
            n = self.tokens.n
            pos = 0  # tokens before pos are in a run or were tried as openers
            while True:
                # A run opens at a name token or at a particle joined to one ("al-Jaafari"):
                # jump from name token to name token.
                found = flags.find(1, pos)
                if found < 0:
                    break
                start = found
                if found - 2 >= pos and text[found - 1] == "-" and lower[found - 2] in PARTICLES:
                    start = found - 2
                run = self.run_from(start, n)
                if run is None:
                    pos = found + 1
                    continue
                out.append(run)
                pos = run.end
            self._runs = out
            self._run_starts = [r.start for r in out]
        return self._runs

    def runs_in(self, start: int, end: int) -> list[NameSpan]:
        """The name runs that start in [start, end), cut at `end`."""
        runs = self._runs if self._runs is not None else self.all_runs()
        starts = self._run_starts
        first = bisect_left(starts, start)
        stop = bisect_left(starts, end, first)
        if first == stop:
            return []
        out = runs[first:stop]
        # Runs do not overlap, so only the last one can reach past `end`.
        last = out[-1]
        if last.end > end:
            out[-1] = NameSpan(last.start, end)
        return out


def pre_title(
    tokens: Tokens,
    name_start: int,
    floor: int,
    is_party_token: Callable[[int], bool],
    finder: NameFinder | None = None,
) -> tuple[int, int]:
    """Token range of the title words right before a name ("Turkish Deputy Foreign Minister"),
    with a complement the name finder ended ("Special Envoy for Syrian Settlement", "Envoy
    to the United Nations in New York", "Minister of Foreign Affairs and Expatriates")."""
    lower = tokens.lower
    i = name_start
    while i - 1 >= floor:
        low = lower[i - 1]
        if low in TITLE_WORDS or low in _POSSESSIVE or is_party_token(i - 1):
            i -= 1
            continue
        if _capitalised_no_name(finder, i - 1, tokens):
            i -= 1
            continue
        if i - 2 >= floor and (lower[i - 2] in TITLE_WORDS or is_party_token(i - 2)):
            if low in TITLE_LINK_WORDS and low not in _LINKS_NOT_STEPPED:
                i -= 1
                continue
            # "Undersecretary ... at the Foreign Ministry of Turkey", "Representative to the
            # UN in New York": a complement ending in a capitalised word that is no name
            if (
                low in COMPLEMENT_PREPOSITIONS
                and lower[i - 2] in TITLE_WORDS
                and lower[i - 2] != "the"
                and _capitalised_no_name(finder, name_start - 1, tokens)
            ):
                i -= 1
                continue
            if low == "and" and finder is not None and _joins_complement_nouns(finder, i):
                i -= 1  # "Minister of Foreign Affairs and Expatriates", "for Arab and African"
                continue
        break
    # The title opens at a title word or a party ("New York Deputy Minister" is no title).
    while i < name_start and not (lower[i] in TITLE_WORDS or is_party_token(i)):
        i += 1
    return i, name_start


def _joins_complement_nouns(finder: NameFinder, after: int) -> bool:
    """Whether the "and" before token `after` joins two capitalised words of a title's
    complement: a capitalised word that is no name on each side, and a preposition of the
    complement before the first ("for Arab and African Affairs")."""
    tokens = finder.tokens
    if after >= tokens.n or not _capitalised_no_name(finder, after, tokens):
        return False
    k = after - 2
    while k >= 0 and _capitalised_no_name(finder, k, tokens):
        k -= 1
    if k == after - 2:
        return False
    while k >= 0 and tokens.lower[k] == "the":
        k -= 1
    return k >= 0 and tokens.lower[k] in COMPLEMENT_PREPOSITIONS


def _capitalised_no_name(finder: NameFinder | None, k: int, tokens: Tokens) -> bool:
    """Whether token k is a capitalised word the name finder does not take as a name."""
    return finder is not None and not finder.flags[k] and tokens.text[k][:1].isupper()


_APPOSITIVE_STOPS = word_set("people", "appositive_stops")
_APPOSITIVE_REFUSERS = word_set("people", "appositive_refusers")
ARTICLES = word_set("people", "articles")
_APPOSITIVE_PUNCT = frozenset({",", ";", ".", ":", "(", ")"})


def appositive(
    tokens: Tokens, name_end: int, limit: int, max_len: int = 25
) -> tuple[int, int] | None:
    """ ", the Russian president's special envoy for Syria," after a name: its token range."""
    text, lower = tokens.text, tokens.lower
    if name_end >= limit or text[name_end] != ",":
        return None
    start = name_end + 1
    if start >= limit:
        return None
    if lower[start] in _APPOSITIVE_STOPS or lower[start] in _APPOSITIVE_REFUSERS:
        return None
    end = start
    while end < limit and end - start < max_len and text[end] not in _APPOSITIVE_PUNCT:
        if lower[end] in _APPOSITIVE_STOPS:
            break
        end += 1
    return (start, end) if end > start else None


def _complement_of_title(words: list[str], i: int) -> bool:
    """Whether the title phrase at words[i] follows "of"/"to" (and "the") after a title word:
    "a representative of the UN envoy", "adviser to the special envoy"."""
    j = i - 1
    while j >= 0 and j >= i - 3 and words[j] not in _TITLE_OWNER_LINKS:
        j -= 1  # "the", an organisation ("the UN special envoy")
    return j >= 1 and words[j] in _TITLE_OWNER_LINKS and words[j - 1] in TITLE_WORDS


def owned_title_start(lower: Sequence[str], name_start: int, floor: int) -> int | None:
    """Where the title phrase begins that a name at `name_start` is the owner of: "a senior
    aide to Foreign Minister X" gives the start of "a senior aide"; None when the name
    follows no "<title> of/to <title>" (then the name is the person the phrase describes)."""
    j = name_start - 1
    while j >= floor and name_start - j <= 4 and (lower[j] in TITLE_WORDS or lower[j] in ARTICLES):
        j -= 1  # the owner's own title ("Foreign Minister", "the envoy")
    if j - 1 < floor or lower[j] not in _TITLE_OWNER_LINKS or lower[j - 1] not in TITLE_WORDS:
        return None
    k = j - 1
    while k >= floor and j - k <= 5 and (lower[k] in TITLE_WORDS or lower[k] in ARTICLES):
        k -= 1
    return k + 1


def classify_title(tokens: Tokens, start: int, end: int, finder: NameFinder | None = None) -> str:
    """HEAD if the title's head noun is one a delegation head holds (envoy, deputy foreign
    minister, senior aide ...), EXCLUDED for spokesmen, presidents, foreign ministers and the
    like, NEUTRAL otherwise. A title word owned by someone else ("the foreign minister's
    senior aide", "President Putin's envoy") is skipped."""
    words = tokens.lower[start:end]
    i = 0
    n = len(words)
    while i < n:
        for phrase, kind in _PHRASES.get(words[i], ()):
            k = len(phrase)
            if tuple(words[i : i + k]) != phrase:
                continue
            after = i + k
            owned = after < n and words[after] in _POSSESSIVE
            if not owned and finder is not None and after < n:
                run = finder.run_from(start + after, end)
                if (
                    run is not None
                    and run.end - start < n
                    and words[run.end - start] in _POSSESSIVE
                ):
                    owned = True
            if owned or _complement_of_title(words, i):
                # "President Putin's envoy", "a representative of the UN special envoy":
                # the title is someone else's
                i = after
                break
            return kind
        else:
            i += 1
    return NEUTRAL
