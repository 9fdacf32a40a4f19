"""Plain data passed between the ingest service and the extraction layer.

Nothing here imports Django: the service turns database rows into these
values, calls the extractor, and writes the results back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class RoundInfo:
    """One calendar entry (a numbered round) as the database knows it."""

    number: int
    start: date | None
    end: date | None
    city: str


# The roles of parties that send delegations (the others: "observer", "host").
DELEGATION_ROLES = frozenset({"guarantor", "government", "opposition", "mediator"})
# The head rule of a party whose person stays away while stand-ins come ("X will not attend,
# but his office will be represented"): no rule may give that party a head.
NO_HEAD_STAND_IN = "no-head:stand-in"


@dataclass(frozen=True)
class PartyInfo:
    """A party with its canonical name, its usual role and every spelling editors gave it."""

    name: str
    role: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class PersonInfo:
    """A person the archive knows as a delegation's head: canonical name, every spelling
    known (any script), the party and the rounds at which they headed it."""

    name: str
    party: str
    aliases: tuple[str, ...] = ()
    rounds: tuple[int, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """The sentence that supports a fact, with its character offsets in the article text."""

    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class ArticleText:
    """An article file decoded and reduced to its text, plus what its markup told us."""

    text: str
    title: str | None = None
    publisher: str | None = None
    language: str = "en"
    encoding: str = "utf-8"
    meta_published: date | None = None  # from an HTML meta tag or <time>, when present
    # What the reader had to guess or repair ("3 invalid UTF-8 byte(s) replaced", ...).
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class DateFinding:
    value: date
    evidence: Evidence
    confidence: float
    rule: str = ""  # which rule found it ("meta-tag", "page-stamp", "dateline", ...)


@dataclass(frozen=True)
class RoundLink:
    """The round an article reports on and how that was decided."""

    number: int
    method: str  # one of ROUND_METHODS
    city: str | None
    evidence: Evidence | None
    confidence: float
    # How the decision was reached, for `ingest --explain`: one line per candidate considered.
    candidates: tuple[str, ...] = ()


ROUND_METHODS = ("ordinal", "announcement", "count", "calendar-date")


@dataclass(frozen=True)
class DelegationFact:
    party: str  # canonical party name
    role: str  # guarantor, government, opposition, mediator, host
    head: str | None  # the head's name as written in the article
    head_title: str  # the head's title as written ("Russian presidential envoy for Syria")
    evidence: Evidence
    confidence: float
    rule: str = ""  # which rule produced the presence ("presence:list", ...)
    head_rule: str = ""  # which rule named the head ("head:passive", "head:known-person", ...)
    head_evidence: Evidence | None = None  # the sentence naming the head, when not `evidence`


@dataclass(frozen=True)
class ObserverFact:
    party: str
    evidence: Evidence
    confidence: float
    rule: str = ""


@dataclass(frozen=True)
class TopicFact:
    slug: str
    evidence: Evidence
    confidence: float
    rule: str = ""


@dataclass
class Extraction:
    """Everything extracted from one article. Facts belong to `round` (none when it is None)."""

    published: DateFinding | None = None
    round: RoundLink | None = None
    delegations: list[DelegationFact] = field(default_factory=list)
    observers: list[ObserverFact] = field(default_factory=list)
    topics: list[TopicFact] = field(default_factory=list)
    # When no round won: each candidate considered and why it fell short (for --explain).
    round_candidates: tuple[str, ...] = ()
