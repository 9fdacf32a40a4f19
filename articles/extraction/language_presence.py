"""Presence and observers in languages other than English, from each language's words.

The structural rules of parties/ read English grammar. For every other language, a party
the component found (from the language's block of `patterns/parties.json`) is:

* present ("presence:language-cue") when it is named in a usable clause next to a delegation
  noun of its language ("делегация России", "la délégation turque", "الوفد الروسي", "هیئت
  ایرانی", "Türk heyeti"), or in a clause with a verb of attending ("примут участие",
  "participeront", "بمشاركة", "شرکت"), or with at least one other guarantor after a
  guarantor word ("стран-гарантов - России, Ирана и Турции");
* an observer ("observer:language-cue") when it is an observer party named in a clause with
  an observer word ("наблюдатели", "observateurs", "مراقب") or a verb of attending;
* neither when the clause has an absence word ("отсутствие", "boycott", "غياب");
* every guarantor present when a delegation noun is followed by a guarantor word in a
  clause with a verb of attending ("прибыли делегации стран-гарантов", "وصلت وفود الدول
  الثلاث الضامنة").

A city ("в Москве") or a weak spelling ("Сирии") counts only next to a delegation noun. The
host is never a delegation; a delegation party named in an observer clause is not made
present by it (the UN "as observer" is optional in the annotations), unless the observers
come only after the party's own part of a list ("A, B attended, and as observers C"). Words of these
languages match as word beginnings, after an attached Arabic conjunction or preposition.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc

from .data import for_language
from .parties import party_mentions
from .parties.component import PartyData, with_language
from .rounds import SentenceRole
from .sentences import Layout, doc_text, tokens_of
from .types import DELEGATION_ROLES, DelegationFact, Evidence, ObserverFact

OBSERVER_ROLE = "observer"
RULE_PRESENCE = "presence:language-cue"
RULE_OBSERVER = "observer:language-cue"
CONF_LANGUAGE = 0.6
NOUN_WINDOW = 3  # tokens between a party and its delegation noun
COLLECTIVE_WINDOW = 4  # "delegations of the three guarantor states"
DESTINATION_WINDOW = 6  # "représentant permanent de la Syrie auprès des"
_LIST_SEPARATORS = frozenset({",", "،", ";", "؛"})


@dataclass(frozen=True)
class LanguageWords:
    delegation: tuple[str, ...]
    presence: tuple[str, ...]
    observer: tuple[str, ...]
    absence: tuple[str, ...]
    guarantor: tuple[str, ...]
    prefixes: tuple[str, ...]  # attached conjunctions and prepositions (Arabic)
    destination_prepositions: tuple[str, ...] = ()  # "auprès", "при", "لدى"
    destination_titles: tuple[str, ...] = ()  # "représentant", "постпред", "مندوب"

    def stem(self, word: str) -> str:
        """The word without an attached conjunction or preposition ("والوفد" -> "الوفد")."""
        for prefix in self.prefixes:
            if word.startswith(prefix) and len(word) > len(prefix) + 2:
                return word[len(prefix) :]
        return word

    def has(self, words: list[str], beginnings: tuple[str, ...]) -> bool:
        """Whether a word (or a phrase of two) begins with one of `beginnings`."""
        if not beginnings:
            return False
        for k, word in enumerate(words):
            # The word as written ("وفود", "وصلت") or without an attached letter ("والوفد").
            for w in (word, self.stem(word)) if self.prefixes else (word,):
                if w.startswith(beginnings):
                    return True
                if k + 1 < len(words) and f"{w} {words[k + 1]}".startswith(beginnings):
                    return True
        return False


@cache
def language_words(lang: str) -> LanguageWords:
    """The words of the presence rule for a language (empty for English)."""
    parties = for_language("parties", lang) if lang != "en" else {}
    people = for_language("people", lang) if lang != "en" else {}

    def words(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
        return tuple(sorted({w.lower() for w in data.get(key, ())}))

    # Longest prefix first, so "وب" is taken off before "و".
    prefixes = tuple(sorted(words(parties, "attached_prefixes"), key=len, reverse=True))
    return LanguageWords(
        delegation=words(people, "delegation_nouns"),
        presence=words(parties, "presence_words"),
        observer=words(parties, "observer_words"),
        absence=words(parties, "absence_words"),
        guarantor=words(parties, "guarantor_words"),
        prefixes=prefixes,
        destination_prepositions=words(people, "destination_prepositions"),
        destination_titles=words(people, "destination_titles"),
    )


# The party table with each language's spellings and cities (built once per language).
_tables: dict[tuple[int, str], dict[str, PartyData]] = {}


@dataclass(slots=True)
class _Seen:
    present: int = 0
    absent: int = 0
    sent_index: int | None = None


def add_language_presence(
    doc: Doc,
    lang: str,
    layout: Layout,
    roles: list[SentenceRole],
    table: dict[str, PartyData],
    delegations: list[DelegationFact],
    observers: list[ObserverFact],
) -> tuple[list[DelegationFact], list[ObserverFact]]:
    """`delegations` and `observers` with the parties this rule finds present (see the module
    docstring); English articles are left to the structural rules."""
    lw = language_words(lang)
    if lang == "en" or not (lw.delegation or lw.presence or lw.observer):
        return delegations, observers
    table = _tables.get((id(table), lang)) or _tables.setdefault(
        (id(table), lang), with_language(table, lang)
    )
    strong, weak = party_mentions(doc)
    mentions = sorted(
        [(s, e, p, False) for p, s, e in strong] + [(s, e, p, True) for p, s, e in weak]
    )
    starts = [m[0] for m in mentions]
    L = tokens_of(doc).lower
    seen: dict[str, _Seen] = {}
    observed: dict[str, _Seen] = {}
    for role in roles:
        for clause in role.clauses:
            if not clause.usable:
                continue
            c0, c1 = clause.start, clause.end
            words = L[c0:c1]
            if lw.guarantor and _collective(lw, words):
                # "وفود الدول الثلاث الضامنة", "делегации стран-гарантов": every guarantor
                for party, data in table.items():
                    if data.role == "guarantor":
                        target = seen.setdefault(party, _Seen())
                        target.present += 1
                        if target.sent_index is None:
                            target.sent_index = role.sent.index
            k, stop = bisect_left(starts, c0), bisect_right(starts, c1 - 1)
            if k == stop:
                continue
            attend = lw.has(words, lw.presence)
            observer_clause = lw.has(words, lw.observer)
            absent = lw.has(words, lw.absence)
            in_clause = [m for m in mentions[k:stop] if m[1] <= c1]
            guarantors = {p for _, _, p, w in in_clause if not w and _role(table, p) == "guarantor"}
            guarantor_list = len(guarantors) >= 2 and lw.has(words, lw.guarantor)
            for start, end, party, is_weak in in_clause:
                data = table.get(party)
                if data is None or data.role not in DELEGATION_ROLES | {OBSERVER_ROLE}:
                    continue
                near = L[max(c0, start - NOUN_WINDOW) : start] + L[end : min(c1, end + NOUN_WINDOW)]
                by_noun = lw.has(near, lw.delegation)
                written = " ".join(L[start:end])
                if (is_weak or written in data.cities) and not by_noun:
                    continue
                if _is_destination(lw, L[max(c0, start - DESTINATION_WINDOW) : start]):
                    continue
                if data.role == OBSERVER_ROLE:
                    target = observed.setdefault(party, _Seen())
                    positive = observer_clause or attend or by_noun
                else:
                    target = seen.setdefault(party, _Seen())
                    # In a clause about observers, a delegation needs its own noun or the
                    # guarantors' list ("delegaciones de los países garantes (A, B y C), y
                    # representantes de ... como observadores"); observers listed only after
                    # the party's own part of a list ("A, B attended, and as observers C")
                    # leave it a delegation.
                    observed_with = observer_clause and lw.has(
                        L[c0 : _part_end(L, end, c1)], lw.observer
                    )
                    positive = (
                        by_noun
                        or (guarantor_list and party in guarantors)
                        or (attend and not observed_with)
                    )
                if absent:
                    target.absent += 1
                elif positive:
                    target.present += 1
                    if target.sent_index is None:
                        target.sent_index = role.sent.index
    have = {d.party for d in delegations}
    out_delegations = list(delegations)
    for party, s in seen.items():
        if party in have or s.present <= s.absent or s.sent_index is None:
            continue
        out_delegations.append(
            DelegationFact(
                party=party,
                role=table[party].role,
                head=None,
                head_title="",
                evidence=_evidence(doc, layout, s.sent_index),
                confidence=CONF_LANGUAGE,
                rule=RULE_PRESENCE,
            )
        )
    have_observers = {o.party for o in observers}
    out_observers = list(observers)
    for party, s in observed.items():
        if party in have_observers or s.present <= s.absent or s.sent_index is None:
            continue
        out_observers.append(
            ObserverFact(
                party=party,
                evidence=_evidence(doc, layout, s.sent_index),
                confidence=CONF_LANGUAGE,
                rule=RULE_OBSERVER,
            )
        )
    return out_delegations, out_observers


def _is_destination(lw: LanguageWords, before: list[str]) -> bool:
    """The words before a party end in a title and a preposition of its post, with at most
    two articles between them and the party ("représentant permanent auprès des [Nations
    unies]", "ambassadeur auprès de [l'ONU]"): the party is where the official is posted. The
    preposition is a whole word; the title a word beginning, with no comma before the
    preposition."""
    if not lw.destination_prepositions:
        return False
    for x in range(len(before) - 1, max(-1, len(before) - 4), -1):
        if before[x] in lw.destination_prepositions:
            for word in reversed(before[:x]):
                if word == ",":
                    return False
                if word.startswith(lw.destination_titles):
                    return True
            return False
    return False


def _part_end(L: list[str], end: int, clause_end: int) -> int:
    """The end of a party's part of a list: the next comma after it, or the clause's end."""
    for x in range(end, clause_end):
        if L[x] in _LIST_SEPARATORS:
            return x
    return clause_end


def _collective(lw: LanguageWords, words: list[str]) -> bool:
    """A delegation noun with a guarantor word a few words after it, in a clause with a verb
    of attending and no absence word: the delegations of the guarantors came."""
    if not (lw.has(words, lw.guarantor) and lw.has(words, lw.delegation)):
        return False
    if not lw.has(words, lw.presence) or lw.has(words, lw.absence):
        return False
    for x in range(len(words)):
        if lw.has(words[x : x + 1], lw.delegation) and lw.has(
            words[x + 1 : x + 1 + COLLECTIVE_WINDOW], lw.guarantor
        ):
            return True
    return False


def _role(table: dict[str, PartyData], party: str) -> str:
    data = table.get(party)
    return data.role if data is not None else ""


def _evidence(doc: Doc, layout: Layout, sent_index: int) -> Evidence:
    sent = layout.sents[sent_index]
    text = doc_text(doc)
    return Evidence(text[sent.start_char : sent.end_char], sent.start_char, sent.end_char)
