"""Topics on the agenda of the article's round (slugs of the reference vocabulary).

* `astana_topics` (pipeline component) matches the phrases of `patterns/topics.json` with a
  PhraseMatcher (attr LOWER), keeps the longest of overlapping matches ("humanitarian
  demining" is demining, not aid), applies each topic's context filters (`unless_near`,
  `unless_preceded_by`, `unless_followed_by`, `requires_near`) and drops matches inside a
  party name ("UN refugee agency" is no refugee topic). It sets `doc.spans["astana_topics"]`
  (label: slug).
* `find_topics` keeps the matches in clauses that are about the article's round (see
  `rounds.attribute_sentences`), and drops circumstances ("because of coronavirus
  restrictions") and clauses in the past perfect that do not name the round ("the aims had
  been met"): those are background, not agenda.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .data import load
from .parties import _longest, party_mentions
from .rounds import SentenceRole
from .sentences import HEADLINE, LEAD, doc_text, tokens_of
from .types import Evidence, TopicFact

TOPICS_COMPONENT = "astana_topics"
TOPIC_SPANS = "astana_topics"
_TOPICS_KEY = "astana.topic_mentions"  # (slug, start, end) of the matches

_T = load("topics")
TOPIC_SLUGS: tuple[str, ...] = tuple(_T["topics"])
_TOPIC_ORDER = {slug: n for n, slug in enumerate(TOPIC_SLUGS)}


@dataclass(frozen=True)
class _Filter:
    kind: str  # "unless_near", "unless_preceded_by", "unless_followed_by" or "requires_near"
    phrases: frozenset[tuple[str, ...]]  # empty: every phrase of the topic
    words: frozenset[str]
    window: int


def _tokens(nlp: Language, phrase: str) -> tuple[str, ...]:
    return tuple(t.lower_ for t in nlp.make_doc(phrase))


@Language.factory(TOPICS_COMPONENT)
def make_topics_component(nlp: Language, name: str) -> TopicMatcher:
    return TopicMatcher(nlp)


class TopicMatcher:
    """Sets `doc.spans["astana_topics"]`: topic phrase matches (label = topic slug)."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.filters: dict[str, list[_Filter]] = {}
        for slug, spec in _T["topics"].items():
            self.matcher.add(slug, [nlp.make_doc(p) for p in spec["phrases"]])
            filters = []
            for item in spec.get("unless_near", ()):
                filters.append(
                    _Filter(
                        "unless_near",
                        frozenset(_tokens(nlp, p) for p in item["phrases"]),
                        frozenset(w.lower() for w in item["words"]),
                        int(item.get("window", 8)),
                    )
                )
            if "unless_preceded_by" in spec:
                item = spec["unless_preceded_by"]
                filters.append(
                    _Filter(
                        "unless_preceded_by",
                        frozenset(_tokens(nlp, p) for p in item.get("phrases", ())),
                        frozenset(w.lower() for w in item["words"]),
                        3,
                    )
                )
            if "unless_followed_by" in spec:
                item = spec["unless_followed_by"]
                filters.append(
                    _Filter(
                        "unless_followed_by",
                        frozenset(_tokens(nlp, p) for p in item.get("phrases", ())),
                        frozenset(w.lower() for w in item["words"]),
                        2,
                    )
                )
            if "requires_near" in spec:
                item = spec["requires_near"]
                filters.append(
                    _Filter(
                        "requires_near",
                        frozenset(),
                        frozenset(w.lower() for w in item["words"]),
                        int(item.get("window", 8)),
                    )
                )
            self.filters[slug] = filters

    def _passes(self, L: list[str], slug: str, start: int, end: int) -> bool:
        key = tuple(L[start:end])
        n = len(L)
        for f in self.filters.get(slug, ()):
            if f.phrases and key not in f.phrases:
                continue
            if f.kind == "unless_preceded_by":
                if any(w in f.words for w in L[max(0, start - f.window) : start]):
                    return False
                continue
            if f.kind == "unless_followed_by":
                if any(w in f.words for w in L[end : min(n, end + f.window)]):
                    return False
                continue
            around = L[max(0, start - f.window) : min(n, end + f.window)]
            found = any(w in f.words for w in around)
            if f.kind == "unless_near" and found:
                return False
            if f.kind == "requires_near" and not found:
                return False
        return True

    def __call__(self, doc: Doc) -> Doc:
        L = tokens_of(doc).lower
        strings = doc.vocab.strings
        party_tokens = {i for _, start, end in party_mentions(doc)[0] for i in range(start, end)}
        kept = []
        for m, s, e in _longest(list(self.matcher(doc))):
            if any(i in party_tokens for i in range(s, e)):
                continue
            if self._passes(L, strings[m], s, e):
                kept.append((m, s, e))
        doc.spans[TOPIC_SPANS] = [Span(doc, s, e, label=m) for m, s, e in kept]
        # The same matches as plain data: reading them back from Span objects costs more.
        doc.user_data[_TOPICS_KEY] = [(strings[m], s, e) for m, s, e in kept]
        return doc


_CIRCUMSTANTIAL = tuple(tuple(p.split()) for p in _T["circumstantial_before"])
_CIRCUMSTANTIAL_FIRST = frozenset(phrase[0] for phrase in _CIRCUMSTANTIAL)
_CIRCUMSTANTIAL_AFTER = frozenset(_T["circumstantial_after"])


def _circumstantial(L: list[str], start: int, floor: int) -> bool:
    """ "because of coronavirus restrictions", "held back by the pandemic"."""
    words = L[max(floor, start - 5) : start]
    if _CIRCUMSTANTIAL_FIRST.isdisjoint(words):
        return False  # no phrase can start in the window
    for phrase in _CIRCUMSTANTIAL:
        n = len(phrase)
        for s in range(len(words) - n + 1):
            if tuple(words[s : s + n]) == phrase:
                return True
    return False


def find_topics(doc: Doc, roles: Sequence[SentenceRole]) -> list[TopicFact]:
    """One fact per topic whose phrases occur in clauses about the article's round."""
    starts = [r.sent.start for r in roles]
    best: dict[str, TopicFact] = {}
    L = tokens_of(doc).lower
    text = doc_text(doc)
    found = doc.user_data.get(_TOPICS_KEY)
    if found is None:  # a Doc whose spans were set elsewhere
        found = [(span.label_, span.start, span.end) for span in doc.spans.get(TOPIC_SPANS, [])]
    for topic, start, end in found:
        i = bisect_right(starts, start) - 1
        if i < 0:
            continue
        role = roles[i]
        clause = role.clause_at(start)
        if clause is None or not clause.usable:
            continue
        if clause.past_perfect and not clause.mentions_round:
            continue
        if _circumstantial(L, start, clause.start):
            continue
        if end < clause.end and L[end] in _CIRCUMSTANTIAL_AFTER:
            continue  # "coronavirus rules kept the delegations apart": a circumstance
        sent = role.sent
        confidence = 0.8 if sent.kind in (HEADLINE, LEAD) or clause.mentions_round else 0.65
        cur = best.get(topic)
        if cur is not None and cur.confidence >= confidence:
            continue
        best[topic] = TopicFact(
            slug=topic,
            evidence=Evidence(
                text[sent.start_char : sent.end_char], sent.start_char, sent.end_char
            ),
            confidence=confidence,
        )
    return sorted(best.values(), key=lambda f: _TOPIC_ORDER.get(f.slug, len(_TOPIC_ORDER)))
