"""A person's rank as evidence against a head found by co-occurrence.

At the rounds, delegations were headed by envoys, deputy ministers and ambassadors; foreign
ministers and presidents speak at summits and ministerial meetings, or are quoted about a
round. A page that names a person with a senior rank ("Russian Foreign Minister X",
"X, Turkey's foreign minister,", "министр иностранных дел России X", "Dışişleri Bakanı X",
"وزير الخارجية X", "وزیر امور خارجه X"; `senior_ranks` in `patterns/people.json`, per
language) and not with a subordinate one ("Deputy Foreign Minister X", "заместитель
министра", "Dışişleri Bakan Yardımcısı", "نائب وزير الخارجية", "معاون وزیر";
`junior_rank_markers`) makes that person a delegation's head only when the head's sentence
says so: a verb of heading or a head-of word near a delegation noun ("the Russian
delegation was led by Foreign Minister X", "X, the foreign minister, headed Iran's team").
Any other head of such a person (a quote, a mention next to a party, a known person named
in passing) is refused: the fact keeps its party and presence, its head is cleared, and its
`head_rule` is `no-head:senior-rank` with the sentence naming the rank as `head_evidence`.
A party whose presence came from that head alone ("presence:head", "presence:known-head")
is dropped with it.
"""

# Words in other scripts are written in them on purpose (no confusable characters).
# ruff: noqa: RUF002, RUF003
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc

from .data import for_language, word_set
from .sentences import Layout, Tokens, doc_text, tokens_of
from .types import DelegationFact, Evidence

RULE_SENIOR_RANK = "no-head:senior-rank"
# Presence rules that rest on the head's own mention: without the head, no presence.
HEAD_ONLY_PRESENCE = frozenset({"presence:head", "presence:known-head"})
NAME_GAP = 3  # words (a first name, a country) between a rank and the name
APPOSITIVE_REACH = 7  # words after "X," in which a rank describes X
JUNIOR_REACH = 4  # words before a rank in which a junior marker makes it someone else's
HEADING_REACH = 4  # words between a verb of heading and a delegation noun
_POSSESSIVE = word_set("people", "possessive_endings")
_PUNCT = frozenset({",", ";", ":", ".", "(", ")", "!", "?", "\u060c", "\u061b"})


@dataclass(frozen=True)
class RankWords:
    """One language's words of rank; non-English words match as beginnings (inflection)."""

    exact: bool
    senior: tuple[tuple[str, ...], ...]
    junior: tuple[str, ...]
    heading: tuple[str, ...]
    delegation: tuple[str, ...]
    owner_suffixes: tuple[str, ...] = ()  # Turkish "Bakanı'nın": the minister's (adviser)

    def same(self, token: str, word: str) -> bool:
        return token == word if self.exact else token.startswith(word)

    def any_of(self, token: str, words: tuple[str, ...]) -> bool:
        return token in words if self.exact else token.startswith(words)


@cache
def rank_words(lang: str) -> RankWords:
    block = for_language("people", lang)

    def listed(key: str) -> tuple[str, ...]:
        return tuple(str(w).lower() for w in block.get(key, ()))

    heading = listed("head_verbs_active") + listed("head_verbs_passive") + listed("head_of_words")
    return RankWords(
        exact=lang == "en",
        senior=tuple(tuple(p.split()) for p in listed("senior_ranks")),
        junior=listed("junior_rank_markers"),
        heading=tuple(w for w in heading if " " not in w),
        delegation=listed("delegation_nouns"),
        owner_suffixes=listed("owner_suffixes"),
    )


def _cased(word: str) -> bool:
    return word.lower() != word.upper()


def _senior_before(tv: Tokens, words: RankWords, at: int, floor: int) -> bool:
    """A senior rank ends within NAME_GAP words before token `at` (only names or party words
    between, in scripts with capitals), with no junior marker in or next to it."""
    for end in range(at, max(floor, at - NAME_GAP - 1), -1):
        gap = tv.text[end:at]
        if any(t in _PUNCT for t in gap):
            return False
        if any(_cased(t) and not t[:1].isupper() for t in gap):
            return False
        if _rank_ends_at(tv, words, end, floor):
            return True
    return False


def _rank_ends_at(tv: Tokens, words: RankWords, end: int, floor: int) -> bool:
    """A senior rank's last word is token end - 1 and no junior marker stands by it."""
    L = tv.lower
    for phrase in words.senior:
        start = end - len(phrase)
        if start < floor:
            continue
        if all(words.same(L[start + k], w) for k, w in enumerate(phrase)):
            if end < tv.n and L[end] in _POSSESSIVE:
                return False  # "the Russian president's envoy": the rank is the owner's
            if words.owner_suffixes and L[end - 1].endswith(words.owner_suffixes):
                return False  # the same with the owner's ending on the rank itself
            # "Deputy Foreign Minister", "assistant to the foreign minister", "Bakan
            # Yardımcısı": a junior marker just before or right after the rank.
            near = L[max(floor, start - JUNIOR_REACH) : start] + L[end : min(tv.n, end + 1)]
            return not any(words.any_of(t, words.junior) for t in near)
    return False


def _senior_after(tv: Tokens, words: RankWords, at: int, limit: int) -> bool:
    """ "X, the Russian foreign minister,": a senior rank in the appositive after the name."""
    if at >= limit or tv.text[at] not in {",", "\u060c"}:
        return False
    stop = next(
        (x for x in range(at + 1, min(limit, at + 1 + APPOSITIVE_REACH)) if tv.text[x] in _PUNCT),
        min(limit, at + 1 + APPOSITIVE_REACH),
    )
    for end in range(at + 2, stop + 1):
        # The rank heads the appositive: only names may follow it ("X, President Putin's
        # envoy," gives the envoy's rank, not X's).
        tail = tv.text[end:stop]
        if any(t.lower() in _POSSESSIVE or (_cased(t) and not t[:1].isupper()) for t in tail):
            continue
        if _rank_ends_at(tv, words, end, at + 1):
            return True
    return False


def _states_heading(tv: Tokens, words: RankWords, s0: int, s1: int) -> bool:
    """A verb of heading or a head-of word within HEADING_REACH words of a delegation noun."""
    L = tv.lower
    verbs = [x for x in range(s0, s1) if words.any_of(L[x], words.heading)]
    nouns = [x for x in range(s0, s1) if words.any_of(L[x], words.delegation)]
    return any(abs(v - n) <= HEADING_REACH for v in verbs for n in nouns)


def _surname_positions(tv: Tokens, words: RankWords, surname: str) -> list[int]:
    """The tokens that may be the head's surname (a case form of it where the language
    inflects names), in text order; one pass over the page's tokens."""
    if words.exact or len(surname) < 4:
        return [x for x, low in enumerate(tv.lower) if low == surname]
    return [x for x, low in enumerate(tv.lower) if low.startswith(surname) or low.endswith(surname)]


def refuse_senior_heads(
    doc: Doc, layout: Layout, lang: str, delegations: list[DelegationFact]
) -> list[DelegationFact]:
    """`delegations` without the heads the page names with a senior rank and does not say
    headed a delegation (see the module docstring)."""
    if not any(d.head for d in delegations):
        return delegations
    words = rank_words(lang)
    if not words.senior:
        return delegations
    tv = tokens_of(doc)
    text = doc_text(doc)
    out: list[DelegationFact] = []
    for fact in delegations:
        rank_sent = _rank_sentence(tv, layout, words, fact.head) if fact.head else None
        if rank_sent is None or fact.head_rule == RULE_SENIOR_RANK:
            out.append(fact)
            continue
        head_ev = fact.head_evidence or fact.evidence
        head_sents = [
            s for s in layout.sents if s.start_char < head_ev.end and head_ev.start < s.end_char
        ]
        if any(_states_heading(tv, words, s.start, s.end) for s in head_sents):
            out.append(fact)
            continue
        if fact.rule in HEAD_ONLY_PRESENCE:
            continue
        evidence = Evidence(
            text[rank_sent.start_char : rank_sent.end_char],
            rank_sent.start_char,
            rank_sent.end_char,
        )
        out.append(
            replace(
                fact, head=None, head_title="", head_rule=RULE_SENIOR_RANK, head_evidence=evidence
            )
        )
    return out


def _rank_sentence(tv: Tokens, layout: Layout, words: RankWords, head: str | None):
    """The first sentence naming the head with a senior rank, None if there is none."""
    parts = (head or "").lower().split()
    if not parts:
        return None
    positions = _surname_positions(tv, words, parts[-1])
    if not positions:
        return None
    for sent in layout.sents:
        for x in positions[bisect_left(positions, sent.start) :]:
            if x >= sent.end:
                break
            first = x
            while first - 1 >= sent.start and tv.lower[first - 1] in parts:
                first -= 1
            if _senior_before(tv, words, first, sent.start) or _senior_after(
                tv, words, x + 1, sent.end
            ):
                return sent
    return None
