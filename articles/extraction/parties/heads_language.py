"""Heads by structure in languages other than English, for scripts with capitals.

The head families of this package read English grammar, and the archive's known heads
(known_people.py) cover only the people it knows. For every other language whose names are
capitalised (Cyrillic and Latin scripts), a party left without a head gets one
("head:language-structure") when a usable clause has:

* the party named next to a delegation noun of its language ("Российскую делегацию",
  "Türk heyetine", "la délégation russe", "die russische Delegation");
* a verb or title of heading of the language anywhere in the clause ("возглавил",
  "başkanlık ediyor", "est conduite par", "wird ... geleitet"; `head_verbs_active` and
  `head_like_titles` in people.json, matched as word beginnings);
* a person's name (a run of capitalised words, two to four after its last title word:
  "Dışişleri Bakan Yardımcısı X Y" gives "X Y") after the party and before the next
  party's name, or else before it and after the previous party's name: "Rus heyetine A, İran
  heyetine B başkanlık ediyor" gives each party its own; no comma may stand between the
  party and the name (", said spokeswoman X" names someone else).

Arabic and Persian write no capitals, so names there are left to the known heads. One
person heads one delegation: a name another party already has as head is not taken.
"""

# Words in other scripts are written in them on purpose (no confusable characters).
# ruff: noqa: RUF002, RUF003
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc

from ..data import for_language
from ..people import same_person
from ..rounds import SentenceRole
from ..sentences import Layout, Tokens, doc_text, tokens_of
from ..titles import NameFinder, NameSpan
from ..types import DELEGATION_ROLES, DelegationFact, Evidence
from .component import PartyData, party_mentions, with_language

RULE_LANGUAGE_HEAD = "head:language-structure"
NOUN_WINDOW = 3  # tokens between a party and its delegation noun
MIN_NAME_WORDS = 2  # a given name and a surname
MAX_NAME_WORDS = 4
BEFORE_REACH = 4  # words between a name before the party and the party ("X leitet die ...")
_BREAKS = frozenset({",", ";", ":", "\u060c", "\u061b"})


@dataclass(frozen=True)
class HeadWords:
    """One language's words of heading, as lower-case word beginnings."""

    delegation: tuple[str, ...]
    heading: tuple[str, ...]  # verbs and titles of heading, phrases of up to two words
    titles: tuple[str, ...]  # words that open a name run as a title, not as a name


@cache
def head_words(lang: str) -> HeadWords:
    """The words of the rule for `lang` (empty for English and languages without them)."""
    block = for_language("people", lang) if lang != "en" else {}

    def listed(key: str) -> tuple[str, ...]:
        return tuple(sorted({str(w).lower() for w in block.get(key, ())}))

    title_words = {
        word
        for key in ("head_like_titles", "junior_rank_markers", "senior_ranks", "destination_titles")
        for phrase in listed(key)
        for word in phrase.split()
        if len(word) > 2
    }
    return HeadWords(
        delegation=listed("delegation_nouns"),
        heading=listed("head_verbs_active") + listed("head_like_titles"),
        titles=tuple(sorted(title_words)),
    )


def _has_phrase(words: list[str], beginnings: tuple[str, ...]) -> bool:
    """Whether a word, or a phrase of two, begins with one of `beginnings`."""
    for k, word in enumerate(words):
        if word.startswith(beginnings):
            return True
        if k + 1 < len(words) and f"{word} {words[k + 1]}".startswith(beginnings):
            return True
    return False


# The party table with each language's spellings (built once per language).
_tables: dict[tuple[int, str], dict[str, PartyData]] = {}


def add_language_heads(
    doc: Doc,
    lang: str,
    layout: Layout,
    roles: list[SentenceRole],
    table: dict[str, PartyData],
    finder: NameFinder,
    delegations: list[DelegationFact],
) -> list[DelegationFact]:
    """`delegations` with a head for each party without one that the rule finds (see the
    module docstring); a party the rule heads is present already (its delegation noun)."""
    words = head_words(lang)
    if not words.heading or not words.delegation:
        return delegations
    headless = {d.party for d in delegations if not d.head and not d.head_rule}
    if not headless:
        return delegations
    table = _tables.get((id(table), lang)) or _tables.setdefault(
        (id(table), lang), with_language(table, lang)
    )
    tv = tokens_of(doc)
    L = tv.lower
    strong, weak = party_mentions(doc)
    mentions = sorted((s, e, p) for p, s, e in strong)
    party_tokens = frozenset(i for _, s, e in (*strong, *weak) for i in range(s, e))
    starts = [m[0] for m in mentions]
    heads = [d.head for d in delegations if d.head]
    found: dict[str, tuple[str, str, int]] = {}  # party -> (head, title, sentence index)
    for role in roles:
        for clause in role.clauses:
            c0, c1 = clause.start, clause.end
            if not clause.usable:
                continue
            k, stop = bisect_left(starts, c0), bisect_right(starts, c1 - 1)
            in_clause = [m for m in mentions[k:stop] if m[1] <= c1]
            if not in_clause or not _has_phrase(L[c0:c1], words.heading):
                continue
            runs = finder.runs_in(c0, c1)
            taken: set[int] = set()
            for x, (start, end, party) in enumerate(in_clause):
                data = table.get(party)
                if party not in headless or party in found or data is None:
                    continue
                if data.role not in DELEGATION_ROLES:
                    continue
                near = L[max(c0, start - NOUN_WINDOW) : start] + L[end : min(c1, end + NOUN_WINDOW)]
                if not any(w.startswith(words.delegation) for w in near):
                    continue
                # Up to the next other party ("Rus heyetine Rusya Devlet Başkanı'nın ... X"
                # names Russia twice before its head), or back to the previous one.
                after_end = next((m[0] for m in in_clause[x + 1 :] if m[2] != party), c1)
                before_start = next((m[1] for m in reversed(in_clause[:x]) if m[2] != party), c0)
                # No comma between the party and its head: past one, a name is someone else's
                # ("..., said spokeswoman X"), unless it is the appositive of a title of
                # heading ("conduite par le vice-ministre ..., X").
                comma = next((y for y in range(end, after_end) if L[y] in _BREAKS), None)
                segments = []
                if comma is None:
                    segments.append((end, after_end))
                else:
                    segments.append((end, comma))
                    if _has_phrase(L[end:comma], words.heading):
                        segments.append((comma + 1, after_end, comma + 1))
                # A name before the party stands close to it ("X leitet die russische
                # Delegation").
                lo = max(before_start, start - BEFORE_REACH - MAX_NAME_WORDS)
                lo = next((y + 1 for y in range(start - 1, lo - 1, -1) if L[y] in _BREAKS), lo)
                segments.append((lo, start))
                for segment in segments:
                    name = _name_in(tv, words, runs, segment, taken, party_tokens)
                    if name is None:
                        continue
                    head, title, run_start = name
                    if any(same_person(head, other) for other in heads):
                        break  # one person heads one delegation
                    taken.add(run_start)
                    heads.append(head)
                    found[party] = (head, title, role.sent.index)
                    break
    if not found:
        return delegations
    text = doc_text(doc)
    out = []
    for fact in delegations:
        if fact.party in found:
            head, title, index = found[fact.party]
            sent = layout.sents[index]
            evidence = Evidence(
                text[sent.start_char : sent.end_char], sent.start_char, sent.end_char
            )
            fact = replace(
                fact,
                head=head,
                head_title=title,
                head_rule=RULE_LANGUAGE_HEAD,
                head_evidence=evidence,
            )
        out.append(fact)
    return out


def _name_in(
    tv: Tokens,
    words: HeadWords,
    runs: list[NameSpan],
    segment: tuple[int, ...],
    taken: set[int],
    party_tokens: frozenset[int],
) -> tuple[str, str, int] | None:
    """The first name run inside the segment (lo, hi[, the start it must have]) not yet
    taken: (name, its opening title, start)."""
    lo, hi = segment[0], segment[1]
    for run in runs:
        if run.start < lo or run.end > hi or run.start in taken:
            continue
        if len(segment) > 2 and run.start != segment[2]:
            continue
        # The name follows the run's last title word or party name ("Devlet Başkanı'nın
        # Suriye Özel Temsilcisi X Y": X Y).
        start = run.start
        for x in range(run.start, run.end):
            if tv.lower[x].startswith(words.titles) or x in party_tokens:
                start = x + 1
        size = run.end - start
        if not MIN_NAME_WORDS <= size <= MAX_NAME_WORDS:
            continue
        if not all(
            t[:1].isupper() and t.replace("-", "").isalpha() for t in tv.text[start : run.end]
        ):
            continue
        title = " ".join(tv.text[run.start : start])
        return NameSpan(start, run.end).text(tv), title, run.start
    return None
