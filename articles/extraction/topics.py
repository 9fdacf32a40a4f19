"""Topics on the agenda of the article's round (slugs of the reference vocabulary).

* `TopicLexicon` holds one language's topic words (`patterns/topics.json`, English at the
  top level, every other language under "languages"). A phrase is a list of words matched
  case-insensitively as whole tokens; a word ending in "*" is a stem (any token that starts
  with it: "идлиб*" is "Идлиб", "Идлибе", "идлибской"), and "..." lets up to four tokens
  stand between two words ("rebuilding ... relations"). A language block may fold characters
  (`folding`: Arabic hamza forms, Persian letters) and strip `proclitics` (Arabic "و", "ب",
  "ال" ...) before the words are compared. Every other word list of the block (filters,
  circumstances, cues) goes through the same lexicon, so the words that trigger a rule and
  the words the rule knows are one list.
* `astana_topics` (pipeline component) matches the phrases, keeps the longest of overlapping
  matches ("humanitarian demining" is demining, not aid), applies each topic's context
  filters (`unless_near`, `unless_preceded_by`, `unless_followed_by`, `requires_near`) and
  drops matches inside a party name ("UN refugee agency" is no refugee topic). It sets
  `doc.spans["astana_topics"]` (label: slug).
* `find_topics` keeps the matches in clauses that are about the article's round (see
  `rounds.attribute_sentences`), drops circumstances ("because of coronavirus
  restrictions"), clauses in the past perfect that do not name the round ("the aims had been
  met") and, in an article published before its round, outcomes reported in the past ("the
  final statement stressed ..."): those belong to earlier meetings. Background adds up:
  each distinct `background_cues` phrase of a clause (status, effect, history, a party's
  goal) is one piece of evidence; two drop the topic, one drops it where the clause has no
  agenda cue and names no round. The rule of each fact
  says where its best evidence stands: `topic:headline` (headline or lead),
  `topic:agenda-clause` (a clause naming the round or its agenda, statement or discussions)
  or `topic:phrase` (any other clause about the round).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .data import for_language, load
from .parties import _longest, party_mentions
from .rounds import Clause, SentenceRole
from .sentences import HEADLINE, LEAD, doc_text, tokens_of
from .types import Evidence, TopicFact

TOPICS_COMPONENT = "astana_topics"
TOPIC_SPANS = "astana_topics"
_TOPICS_KEY = "astana.topic_mentions"  # (slug, start, end) of the matches

_T = load("topics")
TOPIC_SLUGS: tuple[str, ...] = tuple(_T["topics"])
_TOPIC_ORDER = {slug: n for n, slug in enumerate(TOPIC_SLUGS)}

GAP = "..."  # in a phrase: up to _GAP_MAX tokens between the words around it
_GAP_MAX = 4
_EMPTY: frozenset[str] = frozenset()

RULE_HEADLINE = "topic:headline"
RULE_AGENDA = "topic:agenda-clause"
RULE_PHRASE = "topic:phrase"


class TopicLexicon:
    """One language's topic words, and the words of the lexicon each token is.

    `keys(lower)` gives the keys of a lower-case token: the folded word itself when a phrase
    uses it, and "<stem>*" for every stem it starts with (after a proclitic too). Results are
    cached per distinct word, so a page costs one dictionary look-up per token.
    """

    def __init__(self, nlp: Language, block: Mapping[str, Any]) -> None:
        self._make_doc = nlp.make_doc
        # Python lower-cases the Turkish dotted capital I to "i" + a combining dot.
        self._folding = str.maketrans({"\u0307": "", **dict(block.get("folding", {}))})
        self._proclitics = tuple(sorted(block.get("proclitics", ()), key=len, reverse=True))
        self._exact: set[str] = set()
        self._stems: set[str] = set()
        self._stem_lengths: tuple[int, ...] = ()
        self._cache = _KeyCache(self._compute_keys)
        # The last token list looked up and its keys: the component and `find_topics` look
        # up the same Doc's list (the same object, kept alive here so its id is not reused).
        self._last: tuple[Sequence[str], list[frozenset[str]]] | None = None

    def fold(self, word: str) -> str:
        return word.lower().translate(self._folding)

    def phrase(self, phrase: str) -> tuple[str, ...]:
        """The keys of a phrase of the pattern data (its words are added to the lexicon)."""
        keys: list[str] = []
        for piece in phrase.split():
            if piece == GAP:
                keys.append(GAP)
            else:
                # A stem is the last token of its piece: "de-escalation*" is "de", "-" and
                # the stem "escalation" where the tokenizer splits at hyphens.
                stemmed = len(piece) > 1 and piece.endswith("*")
                tokens = [
                    self.fold(t.text) for t in self._make_doc(piece[:-1] if stemmed else piece)
                ]
                for n, word in enumerate(tokens):
                    if stemmed and n == len(tokens) - 1:
                        self._stems.add(word)
                        keys.append(word + "*")
                    else:
                        self._exact.add(word)
                        keys.append(word)
        self._stem_lengths = tuple(sorted({len(s) for s in self._stems}, reverse=True))
        self._cache.clear()
        self._last = None
        return tuple(keys)

    def word_keys(self, words: Iterable[str]) -> frozenset[str]:
        """Single words or stems of a word list (a filter, a cue list) as lexicon keys."""
        keys = set()
        for word in words:
            keys.update(k for k in self.phrase(word) if k != GAP)
        return frozenset(keys)

    def phrases(self, phrases: Iterable[str]) -> tuple[tuple[str, ...], ...]:
        return tuple(self.phrase(p) for p in phrases)

    def keys(self, lower: str) -> frozenset[str]:
        return self._cache[lower]

    def _compute_keys(self, lower: str) -> frozenset[str]:
        word = lower.translate(self._folding)
        candidates = [word]
        for clitic in self._proclitics:
            if word.startswith(clitic) and len(word) - len(clitic) >= 2:
                candidates.append(word[len(clitic) :])
        keys = set()
        for cand in candidates:
            if cand in self._exact:
                keys.add(cand)
            for n in self._stem_lengths:
                if len(cand) >= n and cand[:n] in self._stems:
                    keys.add(cand[:n] + "*")
        return frozenset(keys) if keys else _EMPTY

    def token_keys(self, lower: Sequence[str]) -> list[frozenset[str]]:
        """The keys of every token (`keys`), in order; the list is shared by callers that
        look up the same token list in a row, and must not be changed."""
        last = self._last
        if last is not None and last[0] is lower:
            return last[1]
        # dict look-ups in C; a word seen for the first time goes through __missing__
        found = list(map(self._cache.__getitem__, lower))
        self._last = (lower, found)
        return found


class _KeyCache(dict[str, frozenset[str]]):
    """Lexicon keys per lower-case word, computed on first sight."""

    def __init__(self, compute: Callable[[str], frozenset[str]]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, word: str) -> frozenset[str]:
        found = self[word] = self._compute(word)
        return found


def _match_at(K: Sequence[frozenset[str]], i: int, phrase: tuple[str, ...], n: int) -> int:
    """The end of `phrase` matched from token i (0 if it does not match there)."""
    p = 0
    while p < len(phrase):
        key = phrase[p]
        if key == GAP:
            nxt = phrase[p + 1]
            for skip in range(_GAP_MAX + 1):
                if i + skip < n and nxt in K[i + skip]:
                    end = _match_at(K, i + skip, phrase[p + 1 :], n)
                    if end:
                        return end
            return 0
        if i >= n or key not in K[i]:
            return 0
        i += 1
        p += 1
    return i


def find_phrases(
    K: Sequence[frozenset[str]], index: Mapping[str, Sequence[tuple[str, tuple[str, ...]]]]
) -> list[tuple[str, int, int]]:
    """(label, start, end) of every phrase of `index` (first key -> (label, phrase)) in K."""
    n = len(K)
    out = []
    for i in compress(range(n), K):  # the few tokens that are words of the lexicon
        for key in K[i]:
            for label, phrase in index.get(key, ()):
                # The first key is token i's (the index is by first key, never a gap): a
                # one-word phrase ends here, and most others fail at their second word,
                # which is tested here before `_match_at` is called for the rest.
                if len(phrase) == 1:
                    out.append((label, i, i + 1))
                    continue
                second = phrase[1]
                if second != GAP and (i + 1 == n or second not in K[i + 1]):
                    continue
                end = _match_at(K, i, phrase, n)
                if end:
                    out.append((label, i, end))
    return out


def _index(
    items: Iterable[tuple[str, tuple[str, ...]]],
) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for label, phrase in items:
        if phrase and phrase[0] != GAP:
            index.setdefault(phrase[0], []).append((label, phrase))
    return index


@dataclass(frozen=True)
class _Filter:
    kind: str  # "unless_near", "unless_preceded_by", "unless_followed_by" or "requires_near"
    phrases: frozenset[tuple[str, ...]]  # empty: every phrase of the topic
    words: frozenset[str]  # lexicon keys
    window: int


_FILTER_WINDOWS = {
    "unless_near": 8,
    "unless_preceded_by": 3,
    "unless_followed_by": 2,
    "requires_near": 8,
}


@dataclass
class TopicWords:
    """Everything `astana_topics` and `find_topics` read for one language."""

    lexicon: TopicLexicon
    phrase_index: dict[str, list[tuple[str, tuple[str, ...]]]]
    filters: dict[str, list[_Filter]]
    circumstantial: dict[str, list[tuple[str, tuple[str, ...]]]]
    circumstantial_after: frozenset[str]
    circumstance_breaks: frozenset[str]
    agenda_cues: frozenset[str]
    past_report_verbs: frozenset[str]
    future_cues: frozenset[str]
    relative_openers: frozenset[str]
    past_perfect_auxiliaries: frozenset[str]
    role_nouns: frozenset[str]
    role_links: frozenset[str]
    role_objects: frozenset[str]
    elsewhere_prepositions: frozenset[str]
    party_cities: frozenset[str]
    # Each party's cities as this language writes them, by the party's English city names
    # ("tehran" -> {"тегеран", "тегерана", ...}): a round held in one is not "elsewhere".
    cities_by_english_name: dict[str, frozenset[str]]
    present_time: dict[str, list[tuple[str, tuple[str, ...]]]]
    background: dict[str, list[tuple[str, tuple[str, ...]]]]
    background_breaks: frozenset[str]
    hypothetical_openers: frozenset[str]

    @classmethod
    def build(cls, nlp: Language, block: Mapping[str, Any]) -> TopicWords:
        lex = TopicLexicon(nlp, block)
        items = []
        filters: dict[str, list[_Filter]] = {}
        for slug, spec in block.get("topics", {}).items():
            items.extend((slug, lex.phrase(p)) for p in spec["phrases"])
            found = []
            for kind, window in _FILTER_WINDOWS.items():
                specs = spec.get(kind, ())
                for item in [specs] if isinstance(specs, Mapping) else specs:
                    found.append(
                        _Filter(
                            kind,
                            frozenset(lex.phrases(item.get("phrases", ()))),
                            lex.word_keys(item["words"]),
                            int(item.get("window", window)),
                        )
                    )
            filters[slug] = found
        circumstantial = _index(
            ("circumstance", lex.phrase(p)) for p in block.get("circumstantial_before", ())
        )
        return cls(
            lexicon=lex,
            phrase_index=_index(items),
            filters=filters,
            circumstantial=circumstantial,
            circumstantial_after=lex.word_keys(block.get("circumstantial_after", ())),
            circumstance_breaks=lex.word_keys(block.get("circumstance_breaks", ())),
            agenda_cues=lex.word_keys(block.get("agenda_cues", ())),
            past_report_verbs=lex.word_keys(block.get("past_report_verbs", ())),
            future_cues=lex.word_keys(block.get("future_cues", ())),
            relative_openers=lex.word_keys(block.get("relative_openers", ())),
            past_perfect_auxiliaries=lex.word_keys(block.get("past_perfect_auxiliaries", ())),
            role_nouns=lex.word_keys(block.get("role_nouns", ())),
            role_links=lex.word_keys(block.get("role_links", ())),
            role_objects=lex.word_keys(block.get("role_objects", ())),
            elsewhere_prepositions=frozenset(
                w.lower() for w in block.get("elsewhere_prepositions", ())
            ),
            party_cities=_party_cities(nlp.lang),
            cities_by_english_name=_cities_by_english_name(nlp.lang),
            present_time=_index(
                ("now", lex.phrase(p)) for p in block.get("present_time_markers", ())
            ),
            background=_index(
                ("background", lex.phrase(p)) for p in block.get("background_cues", ())
            ),
            background_breaks=lex.word_keys(block.get("background_breaks", ())),
            hypothetical_openers=lex.word_keys(block.get("hypothetical_openers", ())),
        )

    def passes(self, K: Sequence[frozenset[str]], slug: str, start: int, end: int) -> bool:
        """The match survives the topic's context filters."""
        n = len(K)
        key: tuple[str, ...] | None = None
        for f in self.filters.get(slug, ()):
            if f.phrases:
                if key is None:
                    key = self._match_key(K, slug, start, end)
                if key not in f.phrases:
                    continue
            if f.kind == "unless_preceded_by":
                window = K[max(0, start - f.window) : start]
            elif f.kind == "unless_followed_by":
                window = K[end : min(n, end + f.window)]
            else:
                window = K[max(0, start - f.window) : min(n, end + f.window)]
            found = any(not f.words.isdisjoint(keys) for keys in window)
            if f.kind == "requires_near":
                if not found:
                    return False
            elif found:
                return False
        return True

    def _match_key(
        self, K: Sequence[frozenset[str]], slug: str, start: int, end: int
    ) -> tuple[str, ...] | None:
        """The phrase of `slug` that matched tokens start..end."""
        for key in K[start]:
            for label, phrase in self.phrase_index.get(key, ()):
                if label == slug and _match_at(K, start, phrase, len(K)) == end:
                    return phrase
        return None


_WORDS: dict[str, TopicWords] = {}


def _party_cities(lang: str) -> frozenset[str]:
    """The parties' own cities as `lang` writes them ("tehran", "тегеране"; parties.json)."""
    block = for_language("parties", lang).get("parties", {})
    return frozenset(c.lower() for party in block.values() for c in party.get("cities") or ())


def _cities_by_english_name(lang: str) -> dict[str, frozenset[str]]:
    """Each party's cities in `lang`, keyed by each of its English city names."""
    english = load("parties").get("parties", {})
    block = for_language("parties", lang).get("parties", {})
    found: dict[str, frozenset[str]] = {}
    for name, party in english.items():
        own = (block.get(name) or {}).get("cities") or ()
        spellings = frozenset(c.lower() for c in (*(party.get("cities") or ()), *own))
        for city in party.get("cities") or ():
            found[city.lower()] = spellings
    return found


def _placed_elsewhere(
    words: TopicWords, L: Sequence[str], clause: Clause, round_city: str | None
) -> bool:
    """ "X said in Tehran on Monday that ...": a clause placed in a party's own city, away
    from the meeting; not when the round itself was held in that city."""
    if not words.elsewhere_prepositions:
        return False
    venue = words.cities_by_english_name.get((round_city or "").lower(), frozenset())
    return any(
        L[x] in words.elsewhere_prepositions
        and L[x + 1] in words.party_cities
        and L[x + 1] not in venue
        for x in range(clause.start, clause.end - 1)
    )


def topic_words(lang: str, nlp: Language | None = None) -> TopicWords:
    """The topic words of `lang` (built once per process)."""
    words = _WORDS.get(lang)
    if words is None:
        words = _WORDS[lang] = TopicWords.build(
            nlp or spacy.blank(lang), for_language("topics", lang)
        )
    return words


@Language.factory(TOPICS_COMPONENT)
def make_topics_component(nlp: Language, name: str) -> TopicMatcher:
    return TopicMatcher(nlp)


class TopicMatcher:
    """Sets `doc.spans["astana_topics"]`: topic phrase matches (label = topic slug)."""

    def __init__(self, nlp: Language) -> None:
        self.words = topic_words(nlp.lang, nlp)

    def __call__(self, doc: Doc) -> Doc:
        words = self.words
        K = words.lexicon.token_keys(tokens_of(doc).lower)
        kept: list[tuple[str, int, int]] = []
        found = find_phrases(K, words.phrase_index)
        if found:
            party_tokens = {
                i for _, start, end in party_mentions(doc)[0] for i in range(start, end)
            }
            for slug, s, e in _longest(found):  # type: ignore[arg-type]
                if any(i in party_tokens for i in range(s, e)):
                    continue
                if words.passes(K, slug, s, e):
                    kept.append((slug, s, e))
        doc.spans[TOPIC_SPANS] = [Span(doc, s, e, label=m) for m, s, e in kept]
        # The same matches as plain data: reading them back from Span objects costs more.
        doc.user_data[_TOPICS_KEY] = kept
        return doc


def _circumstantial(words: TopicWords, K: Sequence[frozenset[str]], start: int, floor: int) -> bool:
    """ "because of coronavirus restrictions", "held back by the pandemic"; not "amid
    expectations that Idlib will lead": a clause of its own stands between."""
    lo = max(floor, start - 5)
    for _, _s, e in find_phrases(K[lo:start], words.circumstantial):
        if e <= start - lo and not any(
            not words.circumstance_breaks.isdisjoint(keys) for keys in K[lo + e : start]
        ):
            return True
    return False


def _role_of(words: TopicWords, K: Sequence[frozenset[str]], start: int, floor: int) -> bool:
    """ "member of the Constitutional Committee", "the guarantor states of the ceasefire": the
    topic names a body someone belongs to or guarantees, not the round's business; also
    through an object of the role ("guarantors of the observance of the ceasefire")."""
    if not words.role_links:
        return False
    for link in range(start - 1, max(floor, start - 3) - 1, -1):
        if words.role_links.isdisjoint(K[link]):
            continue
        before = range(max(floor, link - 2), link)
        if any(not words.role_nouns.isdisjoint(K[n]) for n in before):
            return True
        return any(
            not words.role_objects.isdisjoint(K[n]) and _role_of(words, K, n, floor) for n in before
        )
    return False


def _pp_governs(words: TopicWords, K: Sequence[frozenset[str]], clause: Clause, start: int) -> bool:
    """The clause's past perfect governs the topic: not when the topic stands in a relative
    clause opened after the past perfect ("had expected ... a round that stressed X")."""
    if find_phrases(K[clause.start : clause.end], words.present_time):
        return False  # "had gathered in Astana this week to discuss ...": the round's story
    aux = words.past_perfect_auxiliaries
    had = max((n for n in range(clause.start, start) if not aux.isdisjoint(K[n])), default=-1)
    if had < 0:
        return True  # the past perfect comes after the topic: "the zones ... had been met"
    return all(words.relative_openers.isdisjoint(k) for k in K[had + 1 : start])


def _reports_a_past_outcome(words: TopicWords, K: Sequence[frozenset[str]], clause: Clause) -> bool:
    """A clause telling what a meeting decided, in the past, with nothing of the future:
    "the final communiqué emphasized ...", "they reiterated ..."."""
    keys = K[clause.start : clause.end]
    if not any(not words.past_report_verbs.isdisjoint(k) for k in keys):
        return False
    return not any(not words.future_cues.isdisjoint(k) for k in keys)


# Commas of every script end a relative part of a clause.
_PART_ENDS = frozenset({",", "\u060c", "\u3001"})


def _segments(
    words: TopicWords, K: Sequence[frozenset[str]], L: Sequence[str], clause: Clause
) -> list[int]:
    """Per token of the clause, the part of it the token stands in: 0 for the main clause, a
    new number from each word opening a relative or subordinate part ("where", "which") to
    the next comma, after which the main clause resumes."""
    parts, current, opened = [], 0, 0
    span = range(clause.start, clause.end)
    for keys, word in zip((K[i] for i in span), (L[i] for i in span), strict=True):
        if not words.background_breaks.isdisjoint(keys):
            opened += 1
            current = opened
        elif word in _PART_ENDS:
            current = 0
        parts.append(current)
    return parts


def _background_evidence(
    words: TopicWords,
    K: Sequence[frozenset[str]],
    L: Sequence[str],
    clause: Clause,
    start: int,
) -> tuple[int, int]:
    """The distinct cues that tell the status, effect or history of the topic at `start`,
    or a party's goal, in its clause ("the ceasefire has already proved", "goals ... have
    been achieved", "the alleged violation"): background to the round, not its business.
    Counted apart: cues in the topic's own part of the clause, and cues in its other parts
    ("calm in Idlib, where violations have increased": the relative part tells the place's
    state, the main clause the round's business). A cue after a word that makes it
    hypothetical ("judged by whether it helped the Geneva process") is none."""
    keys = K[clause.start : clause.end]
    found = find_phrases(keys, words.background)
    if not found:
        return 0, 0
    parts = _segments(words, K, L, clause)
    topic_part = parts[start - clause.start]
    own, other = set(), set()
    for _, s, e in found:
        if any(not words.hypothetical_openers.isdisjoint(k) for k in keys[:s]):
            continue
        # the same cue twice ("has been ... has been") is one piece of evidence
        (own if parts[s] == topic_part else other).add(tuple(keys[s:e]))
    return len(own), len(other - own)


def find_topics(
    doc: Doc,
    roles: Sequence[SentenceRole],
    upcoming: bool = False,
    round_city: str | None = None,
) -> list[TopicFact]:
    """One fact per topic whose phrases occur in clauses about the article's round.

    `upcoming`: the article was published before its round opened, so what it reports in
    the past tense as a meeting's outcome is an earlier meeting's. `round_city`: where the
    round was held (the calendar's English name); a clause placed there is at the meeting.
    """
    words = topic_words(doc.lang_)
    starts = [r.sent.start for r in roles]
    L = tokens_of(doc).lower
    K = words.lexicon.token_keys(L)
    text = doc_text(doc)
    found = doc.user_data.get(_TOPICS_KEY)
    if found is None:  # a Doc whose spans were set elsewhere
        found = [(span.label_, span.start, span.end) for span in doc.spans.get(TOPIC_SPANS, [])]
    best: dict[str, TopicFact] = {}
    mentions: dict[str, set[int]] = {}  # sentences giving evidence, per topic
    for topic, start, end in found:
        i = bisect_right(starts, start) - 1
        if i < 0:
            continue
        role = roles[i]
        clause = role.clause_at(start)
        if clause is None or not clause.usable:
            continue
        governed = clause.past_perfect and not clause.mentions_round
        if governed and _pp_governs(words, K, clause, start):
            continue
        if _circumstantial(words, K, start, clause.start) or _role_of(
            words, K, start, clause.start
        ):
            continue
        if end < clause.end and not words.circumstantial_after.isdisjoint(K[end]):
            continue  # "coronavirus rules kept the delegations apart": a circumstance
        if upcoming and _reports_a_past_outcome(words, K, clause):
            continue
        sent = role.sent
        background, around = _background_evidence(words, K, L, clause, start)
        if background >= 2 or (background and around):
            continue  # several cues of status, history or goals: background, not agenda
        if sent.kind in (HEADLINE, LEAD):
            rule, confidence = RULE_HEADLINE, 0.8
        elif clause.mentions_round or any(
            not words.agenda_cues.isdisjoint(k) for k in K[clause.start : clause.end]
        ):
            rule, confidence = RULE_AGENDA, 0.8
        elif _placed_elsewhere(words, L, clause, round_city) or background:
            continue  # said or done in a party's capital, or background, not the meeting
        else:
            rule, confidence = RULE_PHRASE, 0.65
        mentions.setdefault(topic, set()).add(sent.index)
        cur = best.get(topic)
        if cur is not None and cur.confidence >= confidence:
            continue
        best[topic] = TopicFact(
            slug=topic,
            evidence=Evidence(
                text[sent.start_char : sent.end_char], sent.start_char, sent.end_char
            ),
            confidence=confidence,
            rule=rule,
        )
    for topic, fact in best.items():
        # Each further sentence that speaks of the topic adds a little weight.
        extra = min(0.1, 0.05 * (len(mentions[topic]) - 1))
        if extra:
            best[topic] = TopicFact(
                fact.slug, fact.evidence, round(fact.confidence + extra, 2), fact.rule
            )
    return sorted(best.values(), key=lambda f: _TOPIC_ORDER.get(f.slug, len(_TOPIC_ORDER)))
