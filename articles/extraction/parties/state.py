"""What the party rules share for one article: mentions, head claims, presence tallies."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import compress

from ..rounds import SentenceRole
from ..sentences import Layout, Tokens
from ..titles import NameFinder, NameSpan
from .words import (
    ABSENCE_BY_FIRST,
    ABSENCE_OPENERS,
    ABSENCE_PHRASE_MARKERS,
    BACKER_NOUNS,
    DESTINATION_PREPOSITIONS,
    DESTINATION_TITLES,
    LIST_LINKS_OR_POSSESSIVE,
)

# Not frozen: a frozen dataclass costs four times as much to build, and every article
# builds dozens of these. Compared by identity.
# The role and party prefix of a mention of several parties ("the guarantor states").
COLLECTIVE_ROLE = "collective"
COLLECTIVE_PARTY = "@"


@dataclass(slots=True, eq=False)
class Mention:
    party: str
    role: str
    start: int
    end: int
    weak: bool = False


@dataclass(slots=True)
class HeadCandidate:
    party: str
    name: NameSpan
    title: str
    confidence: float
    sent_index: int
    rule: str


@dataclass(slots=True)
class PresenceTally:
    score: float = 0.0
    first_sent: int | None = None
    rule: str = ""  # the presence rule of `first_sent`
    observer: bool = False
    observer_sent: int | None = None
    observer_rule: str = ""
    absent: float = 0.0
    stand_in_sents: tuple[int, ...] = ()  # sentences where its stand-ins come in its person's place


@dataclass(slots=True)
class ArticleState:
    text: str  # doc_text(doc)
    tv: Tokens
    layout: Layout
    roles: list[SentenceRole]
    finder: NameFinder
    party_at: dict[int, Mention]
    weak_at: dict[int, Mention]
    # Strong and weak mentions by start, without the destinations ("ambassador to the UN"),
    # which `_mentions_in` never returns.
    ordered: list[Mention]
    ordered_starts: list[int]
    weak_starts: list[int]  # starts of the weak mentions in `ordered`
    nested: bool  # a mention of `ordered` starts inside the one before it
    mention_tokens: frozenset[int]  # tokens of strong and weak mentions
    mention_token_list: list[int]  # the same, in order
    strong: list[Mention]  # the strong mentions of `ordered`
    strong_starts: list[int]
    # Each party's best head so far: the first of its strongest claims.
    best: dict[str, HeadCandidate] = field(default_factory=dict)
    # Parties with a head no later claim can replace, and those no fact reports (the host).
    settled: set[str] = field(default_factory=set)
    open_heads: set[str] = field(default_factory=set)  # the delegations not yet settled
    presence: dict[str, PresenceTally] = field(default_factory=dict)
    # Mentions of several parties at once ("the guarantor states"), by start; their `party`
    # is a key of `PartyExtractor.collective_parties`.
    collectives: list[Mention] = field(default_factory=list)
    collective_starts: list[int] = field(default_factory=list)
    # Tokens of mentions that describe another party ("opposition-backer Turkey", "regime
    # supporters Russia and Iran") with their backer noun: no mention, a filler in lists.
    descriptors: frozenset[int] = frozenset()
    # Published before its round opened: what a clause reports in the past as a meeting's
    # outcome is an earlier meeting's.
    upcoming: bool = False
    names: list[str] | None = None
    titles: dict[tuple[int, int, int, int], str] = field(default_factory=dict)  # _title_text
    # Words between two names of one list, with the page language's own ("и", "ve", "et").
    list_links: frozenset[str] = LIST_LINKS_OR_POSSESSIVE


def has_absence_phrase(words: list[str]) -> bool:
    """Whether an absence phrase ("stayed away", "did not send anyone") stands in the words."""
    if ABSENCE_PHRASE_MARKERS.isdisjoint(words):
        return False
    for x in compress(range(len(words)), map(ABSENCE_OPENERS.__contains__, words)):
        for phrase in ABSENCE_BY_FIRST[words[x]]:
            if tuple(words[x : x + len(phrase)]) == phrase:
                return True
    return False


def descriptor_end(lower: list[str], m: Mention) -> int:
    """ "opposition-backer Turkey", "regime supporters Russia": where the backer noun after
    a mention ends when the mention describes another party, else 0."""
    x = m.end + 1 if m.end < len(lower) and lower[m.end] == "-" else m.end
    return x + 1 if x < len(lower) and lower[x] in BACKER_NOUNS else 0


def is_destination(lower: list[str], m: Mention) -> bool:
    """ "ambassador to the UN", "envoy for Syria": the party is where the person is sent."""
    j = m.start - 1
    if j >= 0 and lower[j] == "the":
        j -= 1
    if j >= 0 and lower[j] in DESTINATION_PREPOSITIONS:
        return j >= 1 and lower[j - 1] in DESTINATION_TITLES
    return False
