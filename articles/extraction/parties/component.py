"""The `astana_parties` pipeline component: party aliases matched in a Doc (strong and weak
mentions), the party table and its config form."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter, le

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..data import for_language, load, word_set
from ..sentences import Tokens, tokens_of
from ..types import PartyInfo
from .words import GOVERNMENT_WORDS, POSSESSIVE

_UNSEEN = object()  # a cache's answer for a key it does not hold

_MATCH_END = itemgetter(2)

_MATCH_START = itemgetter(1)  # of a (match_id, start, end) match

PARTIES_COMPONENT = "astana_parties"
PARTY_SPANS = "astana_parties"
WEAK_SPANS = "astana_parties_weak"
_MENTIONS_KEY = "astana.party_mentions"  # (strong, weak) lists of (party, start, end)

OBSERVER_ROLE = "observer"
HOST_ROLE = "host"

_P = load("parties")
NOT_OWN_PARTY_BEFORE = word_set("parties", "not_own_party_before")
NOT_PARTY_AFTER = word_set("parties", "mention_not_party_after")
PLACE_PREPOSITIONS = word_set("parties", "place_prepositions")


@dataclass(frozen=True)
class PartyData:
    name: str
    role: str
    aliases: tuple[str, ...]
    cities: frozenset[str] = frozenset()
    weak: tuple[str, ...] = ()


def party_table(parties: Sequence[PartyInfo] = ()) -> dict[str, PartyData]:
    """The package's alias data merged with the database's parties (their roles win)."""
    table: dict[str, PartyData] = {}
    for name, data in _P["parties"].items():
        table[name] = PartyData(
            name=name,
            role=data["role"],
            aliases=tuple(dict.fromkeys((name, *data["aliases"]))),
            cities=frozenset(c.lower() for c in data.get("cities", ())),
            weak=tuple(data.get("weak_aliases", ())),
        )
    for info in parties:
        base = table.get(info.name)
        aliases = tuple(dict.fromkeys((*(base.aliases if base else ()), info.name, *info.aliases)))
        table[info.name] = PartyData(
            name=info.name,
            role=info.role or (base.role if base else OBSERVER_ROLE),
            aliases=tuple(a for a in aliases if a.strip()),
            cities=base.cities if base else frozenset(),
            weak=base.weak if base else (),
        )
    return table


def table_config(table: dict[str, PartyData]) -> dict[str, dict]:
    """The table as plain data for the component's config."""
    return {
        p.name: {
            "role": p.role,
            "aliases": list(p.aliases),
            "cities": sorted(p.cities),
            "weak_aliases": list(p.weak),
        }
        for p in table.values()
    }


def table_from_config(config: dict | None) -> dict[str, PartyData]:
    if not config:
        return party_table()
    return {
        name: PartyData(
            name=name,
            role=data["role"],
            aliases=tuple(data["aliases"]),
            cities=frozenset(data.get("cities", ())),
            weak=tuple(data.get("weak_aliases", ())),
        )
        for name, data in config.items()
    }


def _case_ok(alias: str, written: str) -> bool:
    letters = [ch for ch in alias if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return all(ch.isupper() for ch in written if ch.isalpha())
    if alias[:1].isupper():
        return written[:1].isupper()
    return True


def _wrapped(aliases: Iterable[str]) -> list[str]:
    """The aliases and, for a name of several words, each spelling with one line break
    between two of its words: statements wrapped at a fixed width ("the Republic of" at the
    end of a line, "Turkey" on the next) still name the party."""
    out = []
    for alias in aliases:
        out.append(alias)
        words = alias.split(" ")
        out.extend(" ".join(words[:k]) + "\n" + " ".join(words[k:]) for k in range(1, len(words)))
    return out


@Language.factory(
    PARTIES_COMPONENT,
    default_config={"parties": None},
)
def make_parties_component(nlp: Language, name: str, parties: dict | None) -> PartyMatcher:
    return PartyMatcher(nlp, with_language(table_from_config(parties), nlp.lang))


def with_language(table: dict[str, PartyData], lang: str) -> dict[str, PartyData]:
    """The table with the spellings of `lang`'s block of `patterns/parties.json` added to
    each party's own (English unchanged). An Arabic conjunction or preposition written onto
    the next word (`attached_prefixes`) and a Turkish case ending after an apostrophe
    (`attached_suffixes`) make further spellings of every alias."""
    block = for_language("parties", lang)
    if lang == "en" or not block:
        return table
    prefixes = tuple(block.get("attached_prefixes", ()))
    suffixes = tuple(block.get("attached_suffixes", ()))
    suffixes += tuple(s.replace("'", "\u2019") for s in suffixes if "'" in s)

    def spellings(aliases: Iterable[str]) -> tuple[str, ...]:
        out = list(aliases)
        out += [p + a for p in prefixes for a in aliases]
        out += [a + s for s in suffixes for a in aliases]
        return tuple(out)

    merged = dict(table)
    for name, data in block.get("parties", {}).items():
        base = merged.get(name)
        if base is None:
            continue  # a party the database removed
        merged[name] = PartyData(
            name=name,
            role=base.role,
            aliases=tuple(dict.fromkeys((*base.aliases, *spellings(data.get("aliases", ()))))),
            cities=base.cities | {c.lower() for c in spellings(data.get("cities", ()))},
            weak=tuple(dict.fromkeys((*base.weak, *spellings(data.get("weak_aliases", ()))))),
        )
    return merged


class PartyMatcher:
    """Sets `doc.spans["astana_parties"]` (party mentions, label = canonical name, longest
    match wins) and `doc.spans["astana_parties_weak"]` (weak aliases such as "Syria")."""

    def __init__(self, nlp: Language, table: dict[str, PartyData]) -> None:
        self.table = table
        # One matcher for the strong and the weak aliases (one pass over the Doc); a weak
        # alias is added under its own key, and `weak_party` maps that key to the party. The
        # strong aliases are added first, in table order, so their matches come out in the
        # order a matcher of strong aliases alone gives.
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.weak_party: dict[int, int] = {}  # weak alias key -> party name (string ids)
        self.forms: dict[tuple[str, str], list[str]] = {}
        for party in table.values():
            self.matcher.add(party.name, [nlp.make_doc(a) for a in _wrapped(party.aliases)])
            for alias in party.aliases:
                self.forms.setdefault((party.name, alias.lower()), []).append(alias)
        for party in table.values():
            if party.weak:
                key = f"{party.name} (weak alias)"
                self.matcher.add(key, [nlp.make_doc(a) for a in party.weak])
                self.weak_party[nlp.vocab.strings[key]] = nlp.vocab.strings.add(party.name)
                for alias in party.weak:
                    self.forms.setdefault((party.name, alias.lower()), []).append(alias)
        self.party_by_id = {nlp.vocab.strings.add(p.name): p for p in table.values()}
        # The lower-case words for which `_not_a_party` may drop a one-token mention although
        # the words around it are ordinary: a party's cities and "government(al)".
        self.context_words = frozenset(
            {"government", "governmental"}.union(*(p.cities for p in table.values()))
        )
        # (match key, text as written) -> (party id, weak) if the case fits the alias ("US",
        # not "us"), else None; the same spellings recur.
        self._match_cache: dict[tuple[int, str], tuple[int, bool] | None] = {}

    def _matches(
        self, doc: Doc, tv: Tokens
    ) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
        """(party id, start, end) of the strong and of the weak matches whose case fits the
        alias ("US", not "us")."""
        strong: list[tuple[int, int, int]] = []
        weak: list[tuple[int, int, int]] = []
        cache = self._match_cache
        T = tv.text
        for match_id, start, end in self.matcher(doc):
            written = T[start] if end - start == 1 else " ".join(T[start:end])
            key = (match_id, written)
            found = cache.get(key, _UNSEEN)
            if found is _UNSEEN:
                found = cache[key] = self._party_if_case_fits(doc, match_id, written)
            if found is not None:
                party_id, is_weak = found
                (weak if is_weak else strong).append((party_id, start, end))
        return strong, weak

    def _party_if_case_fits(self, doc: Doc, match_id: int, written: str) -> tuple[int, bool] | None:
        """(party id, weak) of a match whose case fits one of the party's spellings."""
        party_id = self.weak_party.get(match_id)
        is_weak = party_id is not None
        if party_id is None:
            party_id = match_id
        forms = self.forms.get((doc.vocab.strings[party_id], written.lower()))
        if forms is None or any(_case_ok(form, written) for form in forms):
            return party_id, is_weak
        return None

    def __call__(self, doc: Doc) -> Doc:
        tv = tokens_of(doc)
        T, L, n = tv.text, tv.lower, tv.n
        strings = doc.vocab.strings
        strong_matches, weak_matches = self._matches(doc, tv)
        kept: list[tuple[int, int, int]] = []
        places: set[int] = set()
        # With a statistical model, a party word inside a PERSON entity is part of a name
        # ("Jordan Bell"); without one, doc.ents is empty and nothing changes.
        in_person = {
            i for ent in doc.ents if ent.label_ == "PERSON" for i in range(ent.start, ent.end)
        }
        for match_id, start, end in _longest(strong_matches):
            party = self.party_by_id.get(match_id)
            if party is None or (in_person and all(i in in_person for i in range(start, end))):
                continue
            # Only a mention of several words, a city or "government", or one next to a word
            # `_not_a_party` looks at can be dropped: most mentions skip its test.
            if (
                end - start > 1
                or L[start] in self.context_words
                or (end < n and L[end] in NOT_PARTY_AFTER)
                or (start > 0 and (L[start - 1] in NOT_OWN_PARTY_BEFORE or T[start - 1] == "-"))
            ) and self._not_a_party(tv, start, end, party, kept, places, strings):
                continue
            kept.append((match_id, start, end))
        # A weak match overlapping a kept one is dropped. The kept matches are in order and do
        # not overlap, so the last one starting before a weak match ends reaches furthest.
        kept_starts = [s for _, s, _ in kept]
        weak: list[tuple[int, int, int]] = []
        for m in _longest(weak_matches):
            k = bisect_left(kept_starts, m[2]) - 1
            if k < 0 or kept[k][2] <= m[1]:
                weak.append(m)
        doc.spans[PARTY_SPANS] = [Span(doc, s, e, m) for m, s, e in kept]
        doc.spans[WEAK_SPANS] = [Span(doc, s, e, m) for m, s, e in weak]
        # The same mentions as plain data: reading them back from Span objects costs more.
        doc.user_data[_MENTIONS_KEY] = (
            [(strings[m], s, e) for m, s, e in kept],
            [(strings[m], s, e) for m, s, e in weak],
        )
        return doc

    def _not_a_party(
        self,
        tv: Tokens,
        start: int,
        end: int,
        party: PartyData,
        kept: list[tuple[int, int, int]],
        places: set[int],
        strings,
    ) -> bool:
        T, L = tv.text, tv.lower
        if (
            end < tv.n
            and L[end] in NOT_PARTY_AFTER
            and (T[end] != "-" or (not tv.ws[end - 1] and not tv.ws[end]))
        ):
            return True
        if start > 0:
            if L[start - 1] in NOT_OWN_PARTY_BEFORE:
                return True
            if T[start - 1] == "-" and start > 1 and L[start - 2] in NOT_OWN_PARTY_BEFORE:
                return True
        written = (
            (L[start] if end - start == 1 else " ".join(L[start:end]))
            if party.role == "government" or party.cities
            else ""
        )
        if party.role == "government" and written in GOVERNMENT_WORDS:
            # "the Turkish government", "Jordanian government spokesman"
            j = start - 1
            if j >= 0 and T[j] in POSSESSIVE:
                j -= 1
            if kept and kept[-1][2] == j + 1 and strings[kept[-1][0]] != party.name:
                return True
        if written in party.cities:
            j = start - 1
            if j >= 0 and L[j] in PLACE_PREPOSITIONS:
                places.add(end)
                return True
            # "in Moscow, Ankara, Tehran or even Damascus"
            while j >= 0 and L[j] in {",", "or", "and", "even"}:
                j -= 1
            if j >= 0 and (j + 1) in places:
                places.add(end)
                return True
        return False


def _longest(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Overlapping matches reduced to the longest (the earliest on a tie), in text order."""
    in_order = sorted(matches, key=_MATCH_START)
    # No overlaps (the usual case): every match ends before the next one starts.
    if all(map(le, map(_MATCH_END, in_order), map(_MATCH_START, in_order[1:]))):
        return in_order
    ordered = sorted(matches, key=lambda m: (-(m[2] - m[1]), m[1]))
    taken = bytearray(max(m[2] for m in matches))  # 1 for tokens of a kept match
    out = []
    for m in ordered:
        if any(taken[m[1] : m[2]]):
            continue
        out.append(m)
        taken[m[1] : m[2]] = b"\x01" * (m[2] - m[1])
    return sorted(out, key=_MATCH_START)


def party_mentions(doc: Doc) -> tuple[list[tuple[str, int, int]], list[tuple[str, int, int]]]:
    """(party, start, end) of the strong and of the weak mentions the component found."""
    found = doc.user_data.get(_MENTIONS_KEY)
    if found is None:  # a Doc whose spans were set elsewhere
        found = tuple(
            [(span.label_, span.start, span.end) for span in doc.spans.get(group, [])]
            for group in (PARTY_SPANS, WEAK_SPANS)
        )
    return found


def mentions_of(doc: Doc) -> Iterable[Span]:
    """The party mentions the component found (for tests and debugging)."""
    return doc.spans.get(PARTY_SPANS, [])
