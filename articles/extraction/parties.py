"""Delegations at the article's round (party, role, head as written, head's title) and observers.

Layers:

* `astana_parties` (pipeline component) matches every party alias with a PhraseMatcher
  (attr LOWER, patterns from `patterns/parties.json` merged with the database's aliases)
  and sets `doc.spans["astana_parties"]` (label: canonical party name). Spellings that are
  also places ("talks in Moscow") or parts of other names ("UN-led", "non-governmental",
  "the interim government") are dropped; weak aliases ("Syria's ambassador") go to
  `doc.spans["astana_parties_weak"]`.
* `PartyExtractor.extract` works over the sentences `rounds.attribute_sentences` marks as
  being about the article's round:
  - heads from explicit structures: "<party> delegation was led by <title> X",
    "X, <title>, led the Russian team", "X, who leads the Russian delegation",
    "Iran by X", "and the opposition team by Y", "and the Iranian one by Y" (gapping),
    "A led the Turkish team, B the Iranian one" (elided verb), "X brought the government
    delegation", "Heading the group on behalf of <party>, X",
    "X, ... and head of Tehran's / its delegation", "Iran's delegation head X",
    "Russia sent X", "the rebel delegation, under X", "X (Russia)", list items
    "X for Russia; Y, <title>, for Iran", rundown lines "Iran: X, <title>." and lists
    "led by Russia's envoy A, Turkish diplomat B and Iranian ... C"; also "Turkey's by the
    ministry's deputy undersecretary, X" and "the opposition team, which ..., by X"
    (gapping), "The guarantors - represented by Russian envoy A, Iran's B and C of Turkey"
    (every item names its party), "Iran sent X and Turkey its undersecretary, Y" / "Damascus
    sent X, and the opposition Y" (the verb left out), "X (Russia, presidential envoy)",
    "UN: Special Envoy X.", "the armed opposition came under X";
  - weaker heads from a title alone: "Turkish Deputy Foreign Minister X", "UN envoy X",
    "the UN envoy, X,", "Moscow's chief delegate, X,", "X, Moscow's man in the talks,",
    "X, attending the talks as UN special envoy" (not "served as", "replaced Y as"),
    "X, the Russian president's special envoy for Syria" (not
    spokesmen, presidents, foreign ministers, members of a delegation, observer
    delegations, the host, nor the UN for "Syria's UN ambassador");
  - one person heads one delegation: the weaker of two claims on a person gives way;
  - presence: a party named with a delegation noun or a verb of attending, a list of the
    guarantors; absence: "without the armed opposition", "stayed away", "boycott",
    "sent no one", "did not send anyone", "was not represented";
  - observers: observer states and organisations named with "as observers", "observer
    status", "observers from ..." or as attending.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress
from operator import attrgetter, itemgetter, le, lt

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .data import load, word_set
from .people import same_person
from .rounds import SentenceRole
from .sentences import Layout, Tokens, WordTest, doc_text, tokens_of
from .titles import (
    EXCLUDED,
    HEAD,
    TITLE_LINK_WORDS,
    TITLE_WORDS,
    NameFinder,
    NameSpan,
    appositive,
    classify_title,
    pre_title,
)
from .types import DelegationFact, Evidence, ObserverFact, PartyInfo

PARTIES_COMPONENT = "astana_parties"
PARTY_SPANS = "astana_parties"
WEAK_SPANS = "astana_parties_weak"
_MENTIONS_KEY = "astana.party_mentions"  # (strong, weak) lists of (party, start, end)

DELEGATION_ROLES = frozenset({"guarantor", "government", "opposition", "mediator"})
OBSERVER_ROLE = "observer"
HOST_ROLE = "host"

_P = load("parties")
NOT_OWN_PARTY_BEFORE = word_set("parties", "not_own_party_before")
NOT_PARTY_AFTER = word_set("parties", "mention_not_party_after")
PLACE_PREPOSITIONS = word_set("parties", "place_prepositions")

HEAD_VERBS_ACTIVE = word_set("people", "head_verbs_active")
HEAD_VERBS_PASSIVE = word_set("people", "head_verbs_passive")
SPOKE_FOR_VERBS = word_set("people", "spoke_for_verbs")
SENT_VERBS = word_set("people", "sent_verbs")
BROUGHT_VERBS = word_set("people", "brought_verbs")  # head verbs only before a delegation noun
PASSIVE_AUX = word_set("people", "passive_auxiliaries")
SKIP_ADVERBS = word_set("people", "skip_adverbs")
DELEGATION_NOUNS = word_set("people", "delegation_nouns")
MEMBER_CUES = word_set("people", "member_cues")
CLAUSE_BREAKERS = word_set("people", "clause_breakers")
ABSENCE_AFTER_NAME = tuple(tuple(p.split()) for p in load("people")["absence_after_name"])
ABSENCE_AFTER_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {}
for _after_phrase in ABSENCE_AFTER_NAME:
    ABSENCE_AFTER_BY_FIRST[_after_phrase[0]] = (
        *ABSENCE_AFTER_BY_FIRST.get(_after_phrase[0], ()),
        _after_phrase,
    )
ABSENCE_AFTER_OPENERS = frozenset(ABSENCE_AFTER_BY_FIRST)
# Tokens that may open a head structure in `_heads_in` (every other token is skipped).
HEAD_TRIGGERS = (
    HEAD_VERBS_PASSIVE
    | HEAD_VERBS_ACTIVE
    | SPOKE_FOR_VERBS
    | SENT_VERBS
    | BROUGHT_VERBS
    | frozenset({"head", "heads", "negotiator", "under", "(", "for"})
)

# Words that make "as <title>" after a name someone else's or another time's title.
AS_TITLE_STOPS = frozenset(
    {
        "served",
        "serving",
        "serves",
        "former",
        "formerly",
        "previously",
        "once",
        "until",
        "replaced",
        "replaces",
        "replacing",
        "succeeded",
        "succeeds",
        "succeeding",
        "from",
        "between",
        "before",
        "then",
        "named",
        "nominated",
        "proposed",
        "described",
        "known",
        "regarded",
        "seen",
    }
)
POINT_MAN_PLACES = frozenset(
    {"talks", "table", "negotiations", "room", "astana", "nur-sultan", "process", "meeting"}
)
PARTICIPIAL_OPENERS = frozenset({"heading", "leading", "representing"})
UNDER_VERBS = frozenset({"came", "comes", "was", "is", "were", "are", "went", "stood", "sat"})
POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "both"})
RELATIVE_STOPS = frozenset(
    {"who", "which", "whose", "whom", "where", "when", "that", "while", "whereas"}
)
# Where the phrases after "by" end (punctuation is its own lower-case form).
BY_ITEM_ENDS = RELATIVE_STOPS | {";", ".", ":", "(", ")"}
PRESENCE_NOUNS = frozenset(
    {
        "delegation",
        "delegations",
        "team",
        "teams",
        "side",
        "envoy",
        "envoys",
        "representative",
        "representatives",
        "officials",
        "diplomats",
        "negotiator",
        "negotiators",
        "experts",
        "mission",
        "contingent",
        "camp",
        "participation",
        "observer",
        "observers",
    }
)
PRESENCE_BEFORE = frozenset(
    {
        "delegation",
        "delegations",
        "representatives",
        "envoys",
        "officials",
        "participation",
        "observers",
        "experts",
        "diplomats",
        "team",
        "teams",
        "negotiators",
    }
)
PRESENCE_VERBS = frozenset(
    {
        "attended",
        "attend",
        "attends",
        "attending",
        "participated",
        "participate",
        "participates",
        "participating",
        "joined",
        "joining",
        "join",
        "joins",
        "arrived",
        "arrive",
        "arrives",
        "arriving",
        "present",
        "represented",
        "sent",
        "sends",
        "sat",
        "took",
        "take",
        "taking",
        "takes",
        "followed",
        "follow",
        "follows",
        "came",
        "flew",
        "fly",
        "travelled",
        "traveled",
    }
)
GATHER_VERBS = frozenset(
    {
        "involve",
        "involves",
        "involved",
        "involving",
        "gathered",
        "brought",
        "bring",
        "brings",
        "came",
        "come",
        "comes",
        "together",
        "convened",
    }
)
LIST_LINKS = frozenset(
    {
        ",",
        "and",
        "as",
        "well",
        "-",
        "\u2013",
        "the",
        "of",
        "from",
        "delegations",
        "teams",
        "along",
        "with",
        "delegation",
        "team",
    }
)
LIST_LINKS_OR_POSSESSIVE = LIST_LINKS | POSSESSIVE
CHAIR_WORDS = frozenset({"chair", "co-chair"})
CHAIR_VERBS = frozenset({"chair", "co", "chairs", "chaired", "co-chair", "co-chaired", "co-chairs"})
ABSENCE_WORDS = frozenset({"absence", "boycott", "absent", "boycotting", "boycotted", "boycotts"})
ABSENCE_PHRASES = (
    ("stay", "away"),
    ("stayed", "away"),
    ("stays", "away"),
    ("staying", "away"),
    ("did", "not", "attend"),
    ("did", "not", "take", "part"),
    ("did", "not", "participate"),
    ("did", "not", "come"),
    ("did", "not", "travel"),
    ("would", "not", "travel"),
    ("would", "not", "attend"),
    ("would", "not", "take", "part"),
    ("will", "not", "attend"),
    ("will", "not", "take", "part"),
    ("would", "not", "come"),
    ("refused", "to", "attend"),
    ("refused", "to", "take", "part"),
    ("refused", "to", "join"),
    ("declined", "to", "attend"),
    ("not", "invited"),
    ("failed", "to", "turn", "up"),
    ("failed", "to", "show", "up"),
    ("failed", "to", "attend"),
    ("pulled", "out"),
    ("skip",),
    ("skipped",),
    ("skipping",),
    ("boycotted",),
    ("boycott",),
    ("boycotting",),
    ("absent",),
    ("refrained",),
    ("refrain",),
    ("refraining",),
    ("sat", "out"),
    ("sitting", "out"),
    ("sit", "out"),
    # "sent no one", "did not send anyone", "was not represented" (but "did not send a
    # minister" is a lower-level team, not an absence)
    ("sent", "no", "one"),
    ("sent", "nobody"),
    ("sent", "no", "delegation"),
    ("sent", "no", "observers"),
    ("sent", "no", "observer"),
    ("did", "not", "send", "anyone"),
    ("did", "not", "send", "any"),
    ("did", "not", "send", "a", "delegation"),
    ("did", "not", "send", "observers"),
    ("did", "not", "send", "an", "observer"),
    ("did", "n't", "send", "anyone"),
    ("will", "not", "send", "anyone"),
    ("was", "not", "represented"),
    ("were", "not", "represented"),
    ("is", "not", "represented"),
    ("stayed", "home"),
)
ABSENCE_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {}
for _phrase in ABSENCE_PHRASES:
    ABSENCE_BY_FIRST[_phrase[0]] = (*ABSENCE_BY_FIRST.get(_phrase[0], ()), _phrase)
ABSENCE_OPENERS = frozenset(ABSENCE_BY_FIRST)
# Every absence phrase holds one of these words (tests check it): without one, no phrase.
ABSENCE_PHRASE_MARKERS = frozenset(
    {"not", "n't", "no", "nobody", "away", "out", "home", "refused", "declined", "failed"}
) | {phrase[0] for phrase in ABSENCE_PHRASES if len(phrase) == 1}
OBSERVER_WORDS = frozenset({"observer", "observers"})
# Words `_presence_cue` needs in the clause to find a cue.
PRESENCE_CUE_WORDS = (
    PRESENCE_NOUNS | PRESENCE_BEFORE | PRESENCE_VERBS | {"attended", "joined", "participation"}
)
# Words of which `_absence_cue` needs one in the clause, unless the clause holds a whole
# absence phrase ("absence" and "boycott" are absence words).
ABSENCE_CUE_WORDS = ABSENCE_WORDS | {"without"}
CLAUSE_CUE_WORDS = PRESENCE_CUE_WORDS | ABSENCE_CUE_WORDS | ABSENCE_PHRASE_MARKERS | GATHER_VERBS
_OBSERVER_WORD = WordTest(lambda word: word.startswith("observer"))
MONTHS = frozenset(
    {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    }
)
COREF_WORDS = frozenset({"both", "they", "two", "these", "all", "each"})

CONF_EXPLICIT, CONF_TITLE, CONF_PRESENCE = 0.9, 0.65, 0.55
# No head rule claims more than CONF_EXPLICIT: a party's first explicit head is its head.
CONF_HEAD_MAX = CONF_EXPLICIT
_USABLE = attrgetter("usable")
_START = attrgetter("start")
_SENT_START = attrgetter("sent.start")  # of a SentenceRole
_MATCH_START = itemgetter(1)  # of a (match_id, start, end) match
_MATCH_END = itemgetter(2)
_UNSEEN = object()  # a cache's answer for a key it does not hold
DESTINATION_BEFORE = frozenset({"the", "to", "at", "in", "for"})
DESTINATION_TITLES = frozenset(
    {"ambassador", "representative", "envoy", "mission", "embassy", "delegate", "representation"}
)


# --- party data and the matcher component --------------------------------------------------------


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


@Language.factory(
    PARTIES_COMPONENT,
    default_config={"parties": None},
)
def make_parties_component(nlp: Language, name: str, parties: dict | None) -> PartyMatcher:
    return PartyMatcher(nlp, table_from_config(parties))


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
            self.matcher.add(party.name, [nlp.make_doc(a) for a in party.aliases])
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
        if party.role == "government" and written in {"government", "governmental"}:
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


# --- extraction --------------------------------------------------------------------------------


# Not frozen: a frozen dataclass costs four times as much to build, and every article
# builds dozens of these. Compared by identity.
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
class _Presence:
    score: float = 0.0
    first_sent: int | None = None
    observer: bool = False
    observer_sent: int | None = None
    absent: float = 0.0


@dataclass(slots=True)
class _State:
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
    # Parties whose presence no longer matters: those with a head no later claim can
    # replace, and those whose presence no fact reports.
    settled: set[str] = field(default_factory=set)
    open_heads: set[str] = field(default_factory=set)  # the delegations not yet settled
    presence: dict[str, _Presence] = field(default_factory=dict)
    names: list[str] | None = None
    titles: dict[tuple[int, int, int, int], str] = field(default_factory=dict)  # _title_text


def _has_absence_phrase(words: list[str]) -> bool:
    """Whether an absence phrase ("stayed away", "did not send anyone") stands in the words."""
    if ABSENCE_PHRASE_MARKERS.isdisjoint(words):
        return False
    for x in compress(range(len(words)), map(ABSENCE_OPENERS.__contains__, words)):
        for phrase in ABSENCE_BY_FIRST[words[x]]:
            if tuple(words[x : x + len(phrase)]) == phrase:
                return True
    return False


def _is_destination(lower: list[str], m: Mention) -> bool:
    """ "ambassador to the UN", "envoy for Syria": the party is where the person is sent."""
    j = m.start - 1
    if j >= 0 and lower[j] == "the":
        j -= 1
    if j >= 0 and lower[j] in {"to", "at", "in", "for"}:
        return j >= 1 and lower[j - 1] in DESTINATION_TITLES
    return False


class PartyExtractor:
    """Delegations and observers from a processed Doc (see the module docstring)."""

    def __init__(self, table: dict[str, PartyData]) -> None:
        self.table = table
        tokens: set[str] = set()
        for party in table.values():
            for alias in (*party.aliases, *party.weak):
                tokens.update(alias.lower().replace("-", " ").split())
        self.party_tokens = frozenset(tokens)
        self.delegation_parties = [
            (name, data) for name, data in table.items() if data.role in DELEGATION_ROLES
        ]
        self.delegation_names = frozenset(name for name, _ in self.delegation_parties)
        self.observer_parties = [name for name, data in table.items() if data.role == OBSERVER_ROLE]
        # Parties whose presence no fact reports (the host).
        self.unreported = frozenset(table) - self.delegation_names - set(self.observer_parties)

    # -- entry point ----------------------------------------------------------------------------

    def extract(
        self,
        doc: Doc,
        layout: Layout,
        roles: list[SentenceRole],
        finder: NameFinder,
    ) -> tuple[list[DelegationFact], list[ObserverFact]]:
        state = self._state(doc, layout, roles, finder)
        mention_tokens = state.mention_token_list
        for role in roles:
            # Every head and presence rule takes its party from a mention in the sentence (a
            # rule may look one token past its end): without one there is nothing to find.
            k = bisect_left(mention_tokens, role.sent.start)
            if k == len(mention_tokens) or mention_tokens[k] > role.sent.end:
                continue
            if not any(map(_USABLE, role.clauses)):
                continue
            if self._head_may_change(state, k, role.sent.end):
                self._heads_in(state, role)
            self._presence_in(state, role)
        self._observer_coreference(state)
        return self._facts(state)

    def _state(
        self, doc: Doc, layout: Layout, roles: list[SentenceRole], finder: NameFinder
    ) -> _State:
        tv = tokens_of(doc)
        strong: list[Mention] = []
        weak: list[Mention] = []
        party_at: dict[int, Mention] = {}
        weak_at: dict[int, Mention] = {}
        for group, is_weak, target, at in zip(
            party_mentions(doc), (False, True), (strong, weak), (party_at, weak_at), strict=True
        ):
            for label, start, end in group:
                party = self.table.get(label)
                if party is None:
                    continue
                m = Mention(party.name, party.role, start, end, is_weak)
                if end - start == 1:
                    at[start] = m  # most mentions are one word
                else:
                    for i in range(start, end):
                        at[i] = m
                target.append(m)
        L = tv.lower
        # (only a mention after "the", "to", "at", "in" or "for" may be a destination)
        ordered = [
            m
            for m in strong + weak
            if L[m.start - 1] not in DESTINATION_BEFORE or not _is_destination(L, m)
        ]
        # A stable sort by start keeps a strong mention before a weak one at the same token.
        ordered.sort(key=_START)
        ordered_starts = [m.start for m in ordered]
        tokens = party_at.keys() | weak_at.keys()
        return _State(
            text=doc_text(doc),
            tv=tv,
            layout=layout,
            roles=roles,
            finder=finder,
            party_at=party_at,
            weak_at=weak_at,
            ordered=ordered,
            ordered_starts=ordered_starts,
            weak_starts=[m.start for m in ordered if m.weak],
            nested=any(map(lt, ordered_starts[1:], [m.end for m in ordered])),
            mention_tokens=frozenset(tokens),
            mention_token_list=sorted(tokens),
            strong=[m for m in ordered if not m.weak],
            strong_starts=[m.start for m in ordered if not m.weak],
            settled=set(self.unreported),
            open_heads=set(self.delegation_names),
        )

    def _head_may_change(self, state: _State, k: int, end: int) -> bool:
        """Whether a mention with a token from `state.mention_token_list[k]` up to `end`
        (inclusive) names a delegation that is not yet settled. Every head rule takes its party
        from a mention in the sentence (a rule may look one token past its end); a claim for
        any other party changes nothing."""
        tokens, open_heads = state.mention_token_list, state.open_heads
        for i in tokens[k : bisect_right(tokens, end, k)]:
            m = state.party_at.get(i)
            if m is not None and m.party in open_heads:
                return True
            m = state.weak_at.get(i)
            if m is not None and m.party in open_heads:
                return True
        return False

    # -- helpers ------------------------------------------------------------------------------

    def _after(self, state: _State, end: int, limit: int) -> int:
        """Index after a mention ending at `end`, past a possessive."""
        if end < limit and state.tv.text[end] in POSSESSIVE:
            return end + 1
        return end

    def _weak_ok(self, state: _State, m: Mention, limit: int) -> bool:
        """A weak alias counts before a title or delegation noun, or after "delegation of"."""
        L = state.tv.lower
        k = self._after(state, m.end, limit)
        if k < limit:
            low = L[k]
            if low in TITLE_WORDS or low in DELEGATION_NOUNS:
                return True
        j = m.start - 1
        return j >= 1 and L[j] == "of" and L[j - 1] in DELEGATION_NOUNS

    def _mentions_in(
        self, state: _State, start: int, end: int, limit: int | None = None
    ) -> list[Mention]:
        """Party mentions (strong, and weak ones in a title or delegation context) in a range."""
        starts = state.ordered_starts
        k = bisect_left(starts, start)
        stop = bisect_left(starts, end, k)
        if k == stop:
            return []  # no mention starts in the range
        found = state.ordered[k:stop]
        if not state.nested:
            w = bisect_left(state.weak_starts, start)
            if w == len(state.weak_starts) or state.weak_starts[w] >= end:
                return found  # strong mentions only, none inside another: every one counts
        limit = limit if limit is not None else end
        seen: list[Mention] = []
        last_end = start
        for m in found:
            if m.start < last_end and seen:
                continue  # a weak mention inside a strong one
            if m.weak and not self._weak_ok(state, m, limit):
                continue
            seen.append(m)
            last_end = m.end
        return seen

    def _name_ok(self, state: _State, run: NameSpan | None) -> NameSpan | None:
        if run is None:
            return None
        if run.end - run.start >= 2:
            return run
        return run if self._full_name_for(state, run) is not None else None

    def _full_name_for(self, state: _State, run: NameSpan) -> str | None:
        """A single word ("Korin") resolved to a full name the article gives."""
        word = run.text(state.tv)
        for full in self._article_names(state):
            if same_person(word, full):
                return full
        return None

    def _article_names(self, state: _State) -> list[str]:
        if state.names is None:
            names: list[str] = []
            for sent in state.layout.sents:
                if sent.kind == "chrome":
                    continue
                for run in state.finder.runs_in(sent.start, sent.end):
                    if len(run) >= 2:
                        names.append(run.text(state.tv))
            state.names = names
        return state.names

    def _title_text(self, state: _State, name: NameSpan, floor: int, limit: int) -> str:
        """The head's title as written: the title words before the name, else an appositive
        that reads as a title (", the Kremlin's Syria envoy,"); no leading article."""
        # Several rules often name the same head in the same clause: compute its title once.
        key = (name.start, name.end, floor, limit)
        title = state.titles.get(key)
        if title is None:
            title = state.titles[key] = self._read_title(state, name, floor, limit)
        return title

    def _read_title(self, state: _State, name: NameSpan, floor: int, limit: int) -> str:
        L = state.tv.lower
        t0, t1 = pre_title(state.tv, name.start, floor, state.mention_tokens.__contains__)
        if t1 <= t0:
            apos = appositive(state.tv, name.end, limit)
            if apos is None:
                return ""
            t0, t1 = apos
            first = L[t0]
            if not (
                first in DETERMINERS
                or first in TITLE_WORDS
                or t0 in state.mention_tokens
                or state.tv.text[t0][:1].isupper()
            ):
                return ""  # ", held talks with ..." is no title
        while t0 < t1 and L[t0] in {"the", "a", "an"}:
            t0 += 1
        return self._span_text(state, t0, t1) if t1 > t0 else ""

    def _add_head(
        self,
        state: _State,
        party: str,
        name: NameSpan,
        sent_index: int,
        confidence: float,
        rule: str,
        floor: int,
        limit: int,
    ) -> None:
        data = self.table.get(party)
        if data is None or data.role not in DELEGATION_ROLES:
            return
        current = state.best.get(party)
        if current is not None and current.confidence >= confidence:
            return  # an earlier claim is as strong: this one can never be the party's head
        state.best[party] = HeadCandidate(
            party=party,
            name=name,
            title=self._title_text(state, name, floor, limit),
            confidence=confidence,
            sent_index=sent_index,
            rule=rule,
        )
        if confidence >= CONF_HEAD_MAX:
            state.settled.add(party)
            state.open_heads.discard(party)

    # -- heads --------------------------------------------------------------------------------

    def _heads_in(self, state: _State, role: SentenceRole) -> None:
        L = state.tv.lower
        sent = role.sent
        for clause in role.clauses:
            if not clause.usable:
                continue
            c0, c1 = clause.start, clause.end
            passive_by_seen = False
            # (half the clauses hold no trigger: a set test is cheaper than listing none)
            triggers = (
                ()
                if HEAD_TRIGGERS.isdisjoint(L[c0:c1])
                else state.tv.positions_in(HEAD_TRIGGERS, c0, c1)
            )
            for i in triggers:
                low = L[i]
                if low in HEAD_VERBS_PASSIVE:
                    by = self._by_after(state, i, c1)
                    if by is not None:
                        passive_by_seen = True
                        self._passive_head(state, sent.index, i, by, c0, c1)
                        continue
                if (
                    low in HEAD_VERBS_ACTIVE
                    or low in BROUGHT_VERBS
                    or (low in SPOKE_FOR_VERBS and i + 1 < c1 and L[i + 1] == "for")
                ):
                    self._active_head(state, sent.index, i, c0, c1)
                if low in {"head", "heads"} and i > c0:
                    self._head_of(state, sent.index, i, c0, c1)
                if low in {"negotiator"} and i > c0 and L[i - 1] in {"chief", "lead", "top"}:
                    self._negotiator(state, sent.index, i, c0, c1)
                if low in SENT_VERBS and i > c0:
                    self._sent(state, sent.index, i, c0, c1)
                if low == "under" and i > c0:
                    self._under(state, sent.index, i, c0, c1)
                if low == "(" and i > c0:
                    self._bracketed(state, sent.index, i, c0, c1)
                if low == "for" and i > c0:
                    self._for_party(state, sent.index, i, c0, c1)
            if passive_by_seen or (c0 > sent.start and self._passive_before(state, sent.start, c0)):
                self._gapping(state, sent.index, c0, c1)
            if L[c0] in PARTICIPIAL_OPENERS:
                self._participial(state, sent.index, c0, c1)
            self._rundown(state, sent.index, c0, c1)
            k = bisect_left(state.mention_token_list, c0)
            if k < len(state.mention_token_list) and state.mention_token_list[k] < c1:
                self._titled(state, sent.index, c0, c1)  # it needs a party in the clause

    def _passive_before(self, state: _State, start: int, end: int) -> bool:
        """An earlier clause of the sentence has "led/represented ... by"."""
        return any(
            self._by_after(state, x, end) is not None
            for x in state.tv.positions_in(HEAD_VERBS_PASSIVE, start, end)
        )

    def _by_after(self, state: _State, verb: int, limit: int) -> int | None:
        """The "by" of "led, as in previous rounds, by" (a short parenthetical may intervene)."""
        T, L = state.tv.text, state.tv.lower
        if verb > 0 and T[verb - 1] == "-":
            return None  # "UN-led"
        for j in range(verb + 1, min(limit, verb + 10)):
            if L[j] == "by":
                return j
            if j in state.party_at or state.finder.is_name_token(j):
                return None
            if T[j] in {";", ".", ":"}:
                return None
        return None

    def _skip_back(self, state: _State, i: int, floor: int) -> tuple[int, bool]:
        """Step back over adverbs and auxiliaries from i (inclusive); report a "who"."""
        L = state.tv.lower
        relative = False
        while i >= floor and (L[i] in SKIP_ADVERBS or L[i] == "who"):
            if L[i] in {"who", "which"}:
                relative = True
            i -= 1
        return i, relative

    def _clause_subject_start(self, state: _State, c0: int, verb: int) -> int:
        """After the last clause breaker (or ", and") before the verb."""
        T, L = state.tv.text, state.tv.lower
        for j in range(verb - 1, c0 - 1, -1):
            low = L[j]
            if low in CLAUSE_BREAKERS or (low in {"and", "but"} and j > c0 and T[j - 1] == ","):
                return j + 1
        return c0

    def _by_items(self, state: _State, by: int, limit: int) -> list[tuple[int, int]]:
        """The noun phrases after "by", split at commas and "and"; stops at a new clause."""
        T, L = state.tv.text, state.tv.lower
        party_at = state.party_at
        items: list[tuple[int, int]] = []
        cur = by + 1
        j = by + 1
        while j < limit:
            low = L[j]
            if low in BY_ITEM_ENDS:
                break
            m = party_at.get(j)
            if m is not None and j == m.start and self._gap_by(state, m, limit) is not None:
                break  # gapping: "..., Iran by X", "and the Iranian one by X"
            if low in {",", "and", "both"}:
                if j > cur:
                    items.append((cur, j))
                cur = j + 1
                j += 1
                continue
            if (
                j == cur
                and T[j][:1].islower()
                and low not in DETERMINERS
                and low not in TITLE_WORDS
                and not (j in state.weak_at or j in state.party_at)
            ):
                break  # a verb: the phrase after "by" has ended
            j += 1
        if j > cur:
            items.append((cur, j))
        return items

    def _first_name_in(self, state: _State, start: int, end: int) -> NameSpan | None:
        """The first name in the range that does not own a title ("President Vladimir
        Putin's envoy Alexander Lavrentiev": the envoy, not Putin)."""
        T = state.tv.text
        for run in state.finder.runs_in(start, end):
            if run.end < end and T[run.end] in POSSESSIVE:
                continue
            ok = self._name_ok(state, run)
            if ok is not None:
                return ok
        return None

    def _passive_head(
        self, state: _State, sent_i: int, verb: int, by: int, c0: int, c1: int
    ) -> None:
        T, L = state.tv.text, state.tv.lower
        items = self._by_items(state, by, c1)
        if not items:
            return
        prev_i, _ = self._skip_back(state, verb - 1, c0)
        finite = not PASSIVE_AUX.isdisjoint(L[max(c0, prev_i - 2) : verb])
        subject: list[Mention] = []
        if finite:
            s0 = self._clause_subject_start(state, c0, verb)
            region = T[s0:verb]
            comma = "," in region
            if comma:  # after the last comma
                subject = self._mentions_in(state, verb - region[::-1].index(","), verb, c1)
            if not subject:  # up to the first comma
                region_end = s0 + region.index(",") if comma else verb
                subject = self._mentions_in(state, s0, region_end, c1)
        else:
            k = prev_i
            while k >= c0 and T[k] == ",":
                k -= 1
            if k < c0:
                return
            noun_ok = L[k] in DELEGATION_NOUNS or k in state.party_at
            if not noun_ok:
                # "a group of experts led by ...", but "The guarantors - represented by
                # Russia's A, Iran's B and Turkey's C -": a list whose items name their party.
                self._passive_own_items(state, sent_i, by, c0, c1)
                return
            np_start = k
            while (
                np_start - 1 >= c0 and T[np_start - 1] not in {",", ";", ":"} and k - np_start < 6
            ):
                if L[np_start - 1] in {"with", "by", "from", "than", "that", "who", "which"}:
                    break
                np_start -= 1
            subject = self._mentions_in(state, np_start, k + 1, c1)
            if not subject:
                s0 = self._clause_subject_start(state, c0, verb)
                region_end = next((x for x in range(s0, verb) if T[x] == ","), verb)
                subject = self._mentions_in(state, s0, region_end, c1)
        if not subject and finite:
            subject = self._pronoun_subject(state, sent_i, c0, verb)
        parties = list(dict.fromkeys(m.party for m in subject))
        named = []
        for a, b in items:
            run = self._first_name_in(state, a, b)
            if run is not None:
                named.append((a, b, run))
        if not named:
            return
        if len(parties) == 1:
            a, b, run = named[0]
            self._add_head(state, parties[0], run, sent_i, CONF_EXPLICIT, "passive", c0, c1)
            return
        # A list: each item names its own party ("Russia's envoy A, Turkish diplomat B ...").
        for idx, (a, b, run) in enumerate(named):
            own = self._mentions_in(state, a, run.start, c1) or self._of_party(state, run, b)
            if not own:
                nxt = items.index((a, b)) + 1
                if nxt < len(items) and self._first_name_in(state, *items[nxt]) is None:
                    own = self._mentions_in(state, items[nxt][0], items[nxt][1], c1)
            if own:
                self._add_head(
                    state, own[0].party, run, sent_i, CONF_EXPLICIT, "passive-list", c0, c1
                )
            elif len(parties) == len(named):
                self._add_head(
                    state, parties[idx], run, sent_i, CONF_EXPLICIT, "passive-order", c0, c1
                )

    def _of_party(self, state: _State, run: NameSpan, end: int) -> list[Mention]:
        """ "Pavel Korin of Russia", "Reza Kamali for Iran": the party right after a name."""
        L = state.tv.lower
        k = run.end
        if k + 1 < end and L[k] in {"of", "for"}:
            m = state.party_at.get(k + 1 if L[k + 1] != "the" else k + 2)
            if m is not None and m.end <= end:
                return [m]
        return []

    def _passive_own_items(self, state: _State, sent_i: int, by: int, c0: int, c1: int) -> None:
        """A list after "represented/led by" whose every item names its own party."""
        found = []
        for a, b in self._by_items(state, by, c1):
            run = self._first_name_in(state, a, b)
            if run is None:
                continue
            own = self._mentions_in(state, a, run.start, c1) or self._of_party(state, run, b)
            if not own:
                return
            found.append((own[0].party, run))
        if len(found) >= 2 and len({p for p, _ in found}) == len(found):
            for party, run in found:
                self._add_head(state, party, run, sent_i, CONF_EXPLICIT, "passive-list", c0, c1)

    def _pronoun_subject(self, state: _State, sent_i: int, c0: int, verb: int) -> list[Mention]:
        """ "Turkey sent no minister; its team is headed by X": "its" is the party named last
        before it in the sentence."""
        L = state.tv.lower
        s0 = self._clause_subject_start(state, c0, verb)
        if not (L[s0] in {"its", "their"} and s0 + 1 < verb and L[s0 + 1] in DELEGATION_NOUNS):
            return []
        sent = state.layout.sents[sent_i]
        before = self._mentions_in(state, sent.start, s0)
        return before[-1:] if before else []

    def _gap_by(self, state: _State, m: Mention, limit: int) -> int | None:
        """The "by" right after a mention, past a possessive and a delegation noun or "one":
        "Iran by X", "the opposition team by X", "the Iranian one by X"."""
        T, L = state.tv.text, state.tv.lower
        k = self._after(state, m.end, limit)
        if k < limit and (L[k] in DELEGATION_NOUNS or L[k] in {"one", "ones"}):
            k += 1
        if k + 1 < limit and T[k] == "," and L[k + 1] in {"which", "who"}:
            # "the opposition team, which had arrived on Tuesday, by X"
            close = next((x for x in range(k + 2, min(limit, k + 16)) if T[x] == ","), None)
            if close is not None:
                k = close + 1
        return k if k < limit and L[k] == "by" else None

    def _gapping(self, state: _State, sent_i: int, c0: int, c1: int) -> None:
        """ "..., Iran by Reza Kamali, ..., the Syrian opposition by Omar Haddad"."""
        L = state.tv.lower
        for m in self._mentions_in(state, c0, c1):
            k = self._gap_by(state, m, c1)
            if k is None:
                continue
            if m.start > c0 and L[m.start - 1] == "by":
                continue
            # Only after an earlier "represented/led ... by" in the sentence.
            sent_start = state.layout.sents[sent_i].start
            if not any(L[x] in HEAD_VERBS_PASSIVE for x in range(sent_start, m.start)):
                continue
            items = self._by_items(state, k, c1)
            if items:
                run = self._first_name_in(state, *items[0])
                if run is None and len(items) > 1 and self._title_only(state, *items[0]):
                    # "and Turkey's by the foreign ministry's deputy undersecretary, X"
                    run = self._first_name_in(state, *items[1])
                if run is not None:
                    self._add_head(state, m.party, run, sent_i, CONF_EXPLICIT, "gapping", c0, c1)

    def _title_only(self, state: _State, start: int, end: int) -> bool:
        """The range holds only determiners, possessives, party words and title words."""
        L = state.tv.lower
        return end > start and all(
            L[x] in DETERMINERS
            or L[x] in TITLE_WORDS
            or L[x] in POSSESSIVE
            or L[x] in TITLE_LINK_WORDS
            or x in state.mention_tokens
            for x in range(start, end)
        )

    def _titled_name_at(self, state: _State, start: int, limit: int) -> NameSpan | None:
        """A name at `start` after a title ("Deputy Minister X") or after a title and a
        comma ("its foreign ministry's deputy undersecretary, X")."""
        run = self._name_after_title(state, start, limit)
        if run is not None:
            return run
        T = state.tv.text
        comma = next((x for x in range(start, min(limit, start + 9)) if T[x] == ","), None)
        if comma is None or not self._title_only(state, start, comma):
            return None
        if classify_title(state.tv, start, comma, state.finder) == EXCLUDED:
            return None
        return self._name_ok(state, state.finder.run_from(comma + 1, limit))

    def _subject_name(self, state: _State, verb: int, floor: int) -> NameSpan | None:
        T = state.tv.text
        k, relative = self._skip_back(state, verb - 1, floor)
        if k < floor:
            return None
        run = self._name_ok(state, state.finder.run_ending(k + 1, floor))
        if run is not None:
            return run
        if T[k] == ",":
            run = self._name_ok(state, state.finder.run_ending(k, floor))
            if run is not None:
                return run
        if T[k] == "," or relative:
            end_apos = k if T[k] == "," else k + 1
            c = end_apos - 1
            while c >= floor and T[c] != "," and end_apos - c <= 30:
                c -= 1
            if c >= floor and T[c] == ",":
                return self._name_ok(state, state.finder.run_ending(c, floor))
        return None

    def _active_head(self, state: _State, sent_i: int, verb: int, c0: int, c1: int) -> None:
        T, L = state.tv.text, state.tv.lower
        if verb > 0 and T[verb - 1] == "-":
            return
        j = verb + 1
        if L[verb] in SPOKE_FOR_VERBS:
            j += 1
        while j < c1 and L[j] in DETERMINERS:
            j += 1
        if j >= c1:
            return
        m = state.party_at.get(j)
        if m is None:
            w = state.weak_at.get(j)
            m = w if w is not None and self._weak_ok(state, w, c1) else None
        if m is None or m.start != j:
            return
        k = self._after(state, m.end, c1)
        if k < c1 and L[k] == "by":
            return
        if (
            L[verb] in BROUGHT_VERBS
            and not (m.end - 1 < c1 and L[m.end - 1] in DELEGATION_NOUNS)
            and not (k < c1 and L[k] in DELEGATION_NOUNS)
        ):
            return  # "X brought the government delegation", not "X brought the Russian plan"
        run = self._subject_name(state, verb, c0)
        if run is None:
            return
        if self._at_other_times(state, verb, c1) or self._absent_after(state, k, c1, span=16):
            return  # "X, who led the rebels at earlier rounds, did not attend"
        self._add_head(state, m.party, run, sent_i, CONF_EXPLICIT, "active", c0, c1)
        self._elided_active(state, sent_i, k, c0, c1)

    def _at_other_times(self, state: _State, i: int, limit: int) -> bool:
        """ "... at earlier rounds", "... previously", up to the next comma."""
        L = state.tv.lower
        words: list[str] = []
        for x in range(i, min(limit, i + 10)):
            if state.tv.text[x] in {",", ";"}:
                break
            words.append(L[x])
        if {"previously", "formerly", "once"} & set(words):
            return True
        return any(
            w in {"earlier", "previous", "past", "prior", "last"}
            and words[k + 1 : k + 2]
            in (["rounds"], ["round"], ["meetings"], ["sessions"], ["talks"])
            for k, w in enumerate(words)
        )

    def _participial(self, state: _State, sent_i: int, c0: int, c1: int) -> None:
        """ "Heading the group on behalf of the main Syrian opposition, Omar Haddad, ...",
        "Heading the Iranian team was Reza Kamali"."""
        T, L = state.tv.text, state.tv.lower
        if L[c0] not in PARTICIPIAL_OPENERS:
            return
        comma = next((x for x in range(c0, min(c1, c0 + 15)) if T[x] == ","), None)
        verb = next(
            (x for x in range(c0, min(c1, comma or c0 + 12)) if L[x] in {"was", "is", "will"}),
            None,
        )
        if verb is not None:
            # inverted: "Heading the Iranian team was X"
            ms = self._mentions_in(state, c0, verb, c1)
            start = verb + 1 if L[verb] != "will" else verb + 2
            run = self._first_name_in(state, start, min(c1, start + 8)) if ms else None
            if run is not None and run.start <= start + 4:
                self._add_head(
                    state, ms[-1].party, run, sent_i, CONF_EXPLICIT, "participial", c0, c1
                )
            return
        if comma is None:
            return
        ms = self._mentions_in(state, c0, comma, c1)
        if not ms:
            return
        run = self._name_ok(state, state.finder.run_from(comma + 1, c1)) if comma + 1 < c1 else None
        if run is not None:
            self._add_head(state, ms[-1].party, run, sent_i, CONF_EXPLICIT, "participial", c0, c1)

    def _head_of(self, state: _State, sent_i: int, i: int, c0: int, c1: int) -> None:
        T, L = state.tv.text, state.tv.lower
        # "Iran's delegation head Reza Kamali"
        if L[i - 1] in DELEGATION_NOUNS:
            ms = self._mentions_in(state, max(c0, i - 4), i - 1, c1)
            if ms:
                run = self._first_name_in(state, i + 1, min(c1, i + 8))
                if run is not None and run.start <= i + 4:
                    self._add_head(
                        state, ms[-1].party, run, sent_i, CONF_EXPLICIT, "delegation-head", c0, c1
                    )
            return
        # "head of Tehran's delegation", "the head of the government delegation"
        if i + 1 >= c1 or L[i + 1] != "of":
            return
        noun = None
        ms: list[Mention] = []
        for j in range(i + 2, min(c1, i + 8)):
            if L[j] in DELEGATION_NOUNS and L[j] not in {"party", "group"}:
                noun = j
                ms = self._mentions_in(state, i + 2, j, c1)
                break
            if T[j] in {",", ";"}:
                break
        if noun is None or not ms:
            return
        party = ms[-1].party
        after = noun + 1
        if after < c1 and T[after] == ",":
            after += 1
        run = self._name_ok(state, state.finder.run_from(after, c1)) if after < c1 else None
        if run is None:
            c = i - 1
            while c >= c0 and T[c] != "," and i - c <= 25:
                c -= 1
            if c >= c0 and T[c] == ",":
                run = self._name_ok(state, state.finder.run_ending(c, c0))
        if run is not None:
            self._add_head(state, party, run, sent_i, CONF_EXPLICIT, "head-of", c0, c1)

    def _negotiator(self, state: _State, sent_i: int, i: int, c0: int, c1: int) -> None:
        T = state.tv.text
        ms = self._mentions_in(state, max(c0, i - 5), i - 1, c1)
        if not ms:
            return
        start = i + 1
        if start < c1 and T[start] == ",":
            start += 1
        run = self._first_name_in(state, start, min(c1, start + 12))
        if run is not None:
            self._add_head(state, ms[-1].party, run, sent_i, CONF_EXPLICIT, "negotiator", c0, c1)

    def _sent(self, state: _State, sent_i: int, i: int, c0: int, c1: int) -> None:
        """ "Russia sent Pavel Korin", "The Syrian government sent Deputy Foreign
        Minister Fadi Mansour"."""
        m = state.party_at.get(i - 1)
        if m is None:
            return
        end = i + 1
        while end < c1 and end - i < 10 and state.tv.text[end] not in {",", ";", "."}:
            end += 1
        run = self._first_name_in(state, i + 1, end)
        if run is None:
            run = self._titled_name_at(state, i + 1, c1)
        if run is None:
            return
        self._add_head(state, m.party, run, sent_i, CONF_EXPLICIT, "sent", c0, c1)
        # The verb left out: "Iran sent X and Turkey its deputy undersecretary, Y", "Damascus
        # sent X, and the opposition Y", "Tehran dispatched X, Ankara Y".
        T, L = state.tv.text, state.tv.lower
        for other in self._mentions_in(state, run.end, c1):
            j = other.start
            while j - 1 > run.end and L[j - 1] in DETERMINERS:
                j -= 1
            if not (T[j - 1] == "," or L[j - 1] == "and"):
                continue
            after = self._after(state, other.end, c1)
            if after < c1 and L[after] in DELEGATION_NOUNS:
                continue  # "... and the opposition delegation arrived"
            nxt = self._titled_name_at(state, after, c1)
            if nxt is not None and nxt.start - after <= 10:
                self._add_head(state, other.party, nxt, sent_i, CONF_EXPLICIT, "sent-gap", c0, c1)

    def _name_after_title(self, state: _State, start: int, limit: int) -> NameSpan | None:
        """The name opening at `start` after determiners, possessives, party words and title
        words only ("its UN envoy X", "Deputy Special Envoy X"); None past anything else."""
        L = state.tv.lower
        j = start
        while j < limit and j - start < 8:
            if state.finder.is_name_token(j):
                return self._name_ok(state, state.finder.run_from(j, limit))
            low = L[j]
            if not (
                low in DETERMINERS
                or low in TITLE_WORDS
                or low in POSSESSIVE
                or low in TITLE_LINK_WORDS
                or j in state.mention_tokens
            ):
                return None
            j += 1
        return None

    def _under(self, state: _State, sent_i: int, i: int, c0: int, c1: int) -> None:
        """ "The opposition delegation, under X, ...", "Iran's team under its envoy X"."""
        T, L = state.tv.text, state.tv.lower
        k = i - 1
        if T[k] == ",":
            k -= 1
        if k > c0 and L[k] in UNDER_VERBS and (k - 1) in state.party_at:
            k -= 1  # "the armed opposition came under X"
            if L[k] not in DELEGATION_NOUNS:
                m = state.party_at[k]
                run = self._name_after_title(state, i + 1, c1)
                if run is not None and not self._absent_after(state, run.end, c1):
                    self._add_head(state, m.party, run, sent_i, CONF_EXPLICIT, "under", c0, c1)
                return
        if k < c0 or not (L[k] in DELEGATION_NOUNS or L[k] == "delegates"):
            return
        ms = self._mentions_in(state, max(c0, k - 4), k + 1, c1)
        if not ms:
            return
        run = self._name_after_title(state, i + 1, c1)
        if run is not None and not self._absent_after(state, run.end, c1):
            self._add_head(state, ms[-1].party, run, sent_i, CONF_EXPLICIT, "under", c0, c1)

    def _bracketed(self, state: _State, sent_i: int, i: int, c0: int, c1: int) -> None:
        """ "Pavel Korin (Russia), Reza Kamali (Iran) and ...": a party in brackets right
        after a name (not after a minister's or spokesman's title); the brackets may add the
        title ("Pavel Korin (Russia, presidential envoy)"), which must not be excluded."""
        T, L = state.tv.text, state.tv.lower
        m = state.party_at.get(i + 1)
        if m is None or m.start != i + 1 or m.end >= c1:
            return
        if T[m.end] == ",":
            close = next((x for x in range(m.end + 1, min(c1, m.end + 14)) if T[x] == ")"), None)
            if close is None or close == m.end + 1:
                return
            if classify_title(state.tv, m.end + 1, close, state.finder) == EXCLUDED or not any(
                L[x] in TITLE_WORDS for x in range(m.end + 1, close)
            ):
                return
        elif T[m.end] != ")":
            return
        run = self._name_ok(state, state.finder.run_ending(i, c0))
        if run is None:
            return
        before = {L[x] for x in range(max(c0, run.start - 6), run.start)}
        if before & MEMBER_CUES or self._absent_after(state, m.end + 1, c1):
            return
        t0, t1 = pre_title(state.tv, run.start, c0, state.mention_tokens.__contains__)
        if t1 > t0 and classify_title(state.tv, t0, t1, state.finder) == EXCLUDED:
            return
        self._add_head(state, m.party, run, sent_i, CONF_TITLE + 0.1, "bracketed", c0, c1)

    def _item_start(self, state: _State, c0: int, end: int) -> int:
        """Where a list item ending before `end` begins: after the last ":" or ";" of the
        clause, past bullets and "and"."""
        T, L = state.tv.text, state.tv.lower
        start = c0
        for x in range(c0, end):
            if T[x] in {":", ";"}:
                start = x + 1
        while start < end and (L[start] in {"-", "\u2013", "\u2022", "*", "and"}):
            start += 1
        return start

    def _head_cue_before(self, state: _State, sent_i: int, end: int, back: int = 0) -> bool:
        """A verb of heading or "head(s)" in the sentence (or `back` sentences before it)."""
        L = state.tv.lower
        first = state.layout.sents[max(0, sent_i - back)].start
        return any(
            L[x] in HEAD_VERBS_ACTIVE or L[x] in {"heads", "head"} for x in range(first, end)
        )

    def _for_party(self, state: _State, sent_i: int, i: int, c0: int, c1: int) -> None:
        """List items "X for Russia; Y, a senior aide, for Iran" after a heading verb."""
        T, L = state.tv.text, state.tv.lower
        j = i + 1
        while j < c1 and L[j] in DETERMINERS:
            j += 1
        m = state.party_at.get(j)
        if m is None or m.start != j:
            return
        # the item ends with the party (a place in it may follow: "the government in Damascus")
        x = m.end
        if x + 1 < c1 and L[x] == "in" and T[x + 1][:1].isupper():
            x += 2
        if x < c1 and T[x] not in {";", ".", ","}:
            return
        start = self._item_start(state, c0, i)
        run = self._name_ok(state, state.finder.run_from(start, c1)) if start < i else None
        if run is None or run.end > i:
            return
        rest = run.end
        if rest < i and T[rest] == ",":
            rest = i - 1 if T[i - 1] == "," else -1  # an appositive up to ", for"
        if rest != i and rest != i - 1:
            return
        if not self._head_cue_before(state, sent_i, start):
            return
        self._add_head(state, m.party, run, sent_i, CONF_EXPLICIT, "for-party", c0, c1)

    def _rundown(self, state: _State, sent_i: int, c0: int, c1: int) -> None:
        """ "Russia: Pavel Korin, the president's envoy." after a line announcing who leads."""
        T, L = state.tv.text, state.tv.lower
        j = c0
        while j < c1 and L[j] in {"-", "\u2013", "\u2022", "*"}:
            j += 1
        if j not in state.mention_tokens:
            return  # the line must open with a party
        head = T[j : min(c1, j + 5)]
        if ":" not in head:
            return
        colon = j + head.index(":")
        if colon + 1 >= c1:
            return
        ms = self._mentions_in(state, j, min(c1, j + 4), c1)
        if not ms or ms[0].start != j:
            return
        if not all(x in state.mention_tokens or L[x] in {"of", "the"} for x in range(j, colon)):
            return
        run = self._name_after_title(state, colon + 1, c1)  # "UN: Special Envoy X"
        if run is None:
            return
        if run.end < c1 and T[run.end] not in {",", ".", ";"}:
            return
        apos = appositive(state.tv, run.end, c1)
        if apos is not None and classify_title(state.tv, *apos, state.finder) == EXCLUDED:
            return
        if not self._head_cue_before(state, sent_i, j, back=3):
            return
        self._add_head(state, ms[0].party, run, sent_i, CONF_EXPLICIT, "rundown", c0, c1)

    def _elided_active(self, state: _State, sent_i: int, k: int, c0: int, c1: int) -> None:
        """After "A led the Turkish colleagues": ", B the Iranian colleagues, and C the
        Syrian government delegation" (the verb left out)."""
        T, L = state.tv.text, state.tv.lower
        x = k
        while x < c1:
            gap = 0
            while x < c1 and T[x] not in {",", ";"} and L[x] != "and" and gap < 4:
                if state.finder.is_name_token(x):
                    return
                x += 1
                gap += 1
            if x >= c1 or T[x] == ";" or gap >= 4:
                return
            y = x + 1
            if y < c1 and L[y] == "and":
                y += 1
            run = self._name_ok(state, state.finder.run_from(y, c1)) if y < c1 else None
            if run is None:
                return
            z = run.end
            while z < c1 and L[z] in DETERMINERS:
                z += 1
            m = state.party_at.get(z)
            if m is None or m.start != z:
                return
            self._add_head(state, m.party, run, sent_i, CONF_EXPLICIT, "active-elided", c0, c1)
            x = m.end

    def _titled(self, state: _State, sent_i: int, c0: int, c1: int) -> None:
        """A person named with a party and a head's title: "Turkish Deputy Foreign Minister X",
        "UN envoy X", "X, the Russian president's special envoy for Syria"."""
        L = state.tv.lower
        finder = state.finder
        near = state.mention_token_list
        for run in finder.runs_in(c0, c1):
            if run.end - run.start < 2:
                continue
            # A party word must stand within the title before or the appositive after.
            k = bisect_left(near, max(c0, run.start - 10))
            if k == len(near) or near[k] >= min(c1, run.end + 16):
                continue
            if not MEMBER_CUES.isdisjoint(L[max(c0, run.start - 6) : run.start]):
                continue
            if self._absent_after(state, run.end, c1):
                continue
            t0, t1 = pre_title(state.tv, run.start, c0, state.mention_tokens.__contains__)
            party = None
            if t1 > t0:
                ms = self._mentions_in(state, t0, t1, c1)
                kind = classify_title(state.tv, t0, t1, finder)
                if kind == EXCLUDED:
                    continue
                if ms and kind == HEAD:
                    party = ms[0]
                elif (
                    ms
                    and state.tv.any_in(CHAIR_WORDS, c0, c1)
                    and all(
                        x in state.party_at or x in state.weak_at or L[x] in POSSESSIVE
                        for x in range(t0, t1)
                    )
                ):
                    party = ms[0]  # "... and Iran's Reza Kamali will co-chair the meeting"
                elif not ms and kind == HEAD:
                    party = self._owner_before_comma(state, t0, c0)
            elif run.start - 1 > c0 and state.tv.text[run.start - 1] == ",":
                # "the UN envoy, Staffan Berg, said": the title stands before the comma
                b0, b1 = pre_title(state.tv, run.start - 1, c0, state.mention_tokens.__contains__)
                closed = run.end >= c1 or state.tv.text[run.end] in {",", ".", ";"}
                if b1 > b0 and closed:
                    kind = classify_title(state.tv, b0, b1, finder)
                    if kind == EXCLUDED:
                        continue
                    ms = self._mentions_in(state, b0, b1, c1)
                    if ms and kind == HEAD:
                        party = ms[0]
            if party is None:
                apos = appositive(state.tv, run.end, c1)
                if apos is not None and self._is_list_item(state, apos[0], apos[1], c1):
                    apos = None
                if apos is not None:
                    kind = classify_title(state.tv, apos[0], apos[1], finder)
                    if kind == HEAD:
                        ms = self._mentions_in(state, apos[0], apos[1], c1)
                        if ms:
                            party = ms[0]
            if party is None:
                party = self._as_title(state, run, c1)
            if party is None:
                party = self._point_man(state, run, c0, c1)
            if party is not None and self._ambassador_to(state, party, run, c0, c1):
                party = None  # "Syria's UN ambassador X" represents Syria at the UN
            if party is not None:
                self._add_head(state, party.party, run, sent_i, CONF_TITLE, "title", c0, c1)

    def _point_man(self, state: _State, run: NameSpan, c0: int, c1: int) -> Mention | None:
        """ "X, Moscow's man in the talks," or "Tehran's point man at the table, X,": a party's
        man or woman at the negotiations, in an appositive after or before the name."""
        T, L = state.tv.text, state.tv.lower

        def match(a: int, b: int) -> Mention | None:
            while a < b and L[a] in DETERMINERS:
                a += 1
            m = state.party_at.get(a)
            if m is None or m.start != a:
                return None
            k = self._after(state, m.end, b)
            if k == m.end:
                return None  # needs the possessive: "Moscow's man"
            while k < b and L[k] in {"point", "top", "chief", "main"}:
                k += 1
            if k >= b or L[k] not in {"man", "woman"}:
                return None
            rest = [w for w in L[k + 1 : b] if w != "the"]
            if rest[:1] in (["in"], ["at"]) and len(rest) >= 2 and rest[1] in POINT_MAN_PLACES:
                return m
            return m if not rest else None

        apos = appositive(state.tv, run.end, c1, max_len=10)
        if apos is not None:
            m = match(*apos)
            if m is not None:
                return m
        if run.start - 1 > c0 and T[run.start - 1] == ",":
            a = run.start - 2
            while a > c0 and T[a - 1] not in {",", ";", ":"} and run.start - a < 10:
                a -= 1
            return match(a, run.start - 1)
        return None

    def _as_title(self, state: _State, run: NameSpan, c1: int) -> Mention | None:
        """ "X, attending her last meeting as UN special envoy": a head's title with its party
        after "as" following the name (no other name between, and not "served as", "replaced
        Y as", "former ...")."""
        T, L = state.tv.text, state.tv.lower
        finder = state.finder
        if any(L[x] in AS_TITLE_STOPS for x in range(max(0, run.start - 3), run.start)):
            return None  # "who replaced X as UN envoy"
        for j in range(run.end, min(c1, run.end + 10)):
            low = L[j]
            if T[j] in {";", ".", "(", ")"} or low in AS_TITLE_STOPS:
                return None
            if finder.is_name_token(j) or low != "as":
                continue
            k = j + 1
            while (
                k < c1
                and k - j <= 8
                and (
                    L[k] in DETERMINERS
                    or L[k] in TITLE_WORDS
                    or L[k] in POSSESSIVE
                    or L[k] in TITLE_LINK_WORDS
                    or k in state.mention_tokens
                )
            ):
                k += 1
            while k > j + 1 and L[k - 1] in TITLE_LINK_WORDS:
                k -= 1
            if k == j + 1 or (k < c1 and L[k] in AS_TITLE_STOPS):
                return None
            if classify_title(state.tv, j + 1, k, finder) != HEAD:
                return None
            ms = self._mentions_in(state, j + 1, k, c1)
            return ms[0] if ms else None
        return None

    def _owner_before_comma(self, state: _State, t0: int, c0: int) -> Mention | None:
        """ "Turkey's man at the table, deputy undersecretary X": the party owning the phrase
        before the comma that opens the title."""
        T = state.tv.text
        if t0 - 1 <= c0 or T[t0 - 1] != ",":
            return None
        start = t0 - 2
        while start > c0 and T[start - 1] not in {",", ";", ":"} and t0 - start <= 7:
            start -= 1
        while start < t0 - 1 and state.tv.lower[start] in {"and", "but", "while", "the"}:
            start += 1
        for m in self._mentions_in(state, start, t0 - 1):
            if m.end < t0 - 1 and T[m.end] in POSSESSIVE and m.start == start:
                return m
        return None

    def _ambassador_to(
        self, state: _State, party: Mention, run: NameSpan, c0: int, c1: int
    ) -> bool:
        """An organisation named in an ambassador's title is where the ambassador is posted."""
        if party.role != "mediator":
            return False
        L = state.tv.lower
        near = range(max(c0, run.start - 6), min(c1, run.end + 8))
        return any(L[x] in {"ambassador", "permanent"} for x in near)

    def _is_list_item(self, state: _State, start: int, end: int, limit: int) -> bool:
        """ ", Syrian Deputy Foreign Minister Fadi Mansour and ...": the segment after a name
        opens with another titled name, so it is the next item of a list, not a title."""
        for run in state.finder.runs_in(start, end):
            if run.end - run.start < 2:
                continue
            t0, _ = pre_title(state.tv, run.start, start, state.mention_tokens.__contains__)
            first = start
            while first < run.start and state.tv.lower[first] in DETERMINERS:
                first += 1
            if t0 <= first:
                return True
        return False

    def _absent_after(self, state: _State, i: int, limit: int, span: int = 8) -> bool:
        T, L = state.tv.text, state.tv.lower
        if ABSENCE_AFTER_OPENERS.isdisjoint(L[i : min(limit, i + span)]):
            return False  # no phrase can start in the window
        words = [L[x] for x in range(i, min(limit, i + span)) if T[x] != ","]
        reach = 4 if span <= 8 else len(words)
        for s in range(min(reach, len(words))):
            for phrase in ABSENCE_AFTER_BY_FIRST.get(words[s], ()):
                if tuple(words[s : s + len(phrase)]) == phrase:
                    return True
        return False

    # -- presence, absence, observers ---------------------------------------------------------

    def _units(self, state: _State, ms: list[Mention]) -> list[list[Mention]]:
        """Coordinated lists of mentions: "Russia, Iran and Turkey", "Jordan, Lebanon and Iraq"."""
        L = state.tv.lower
        units: list[list[Mention]] = []
        for m in ms:
            if units:
                # one to five list links between the two mentions (possessives aside)
                between = L[units[-1][-1].end : m.start]
                if between and LIST_LINKS_OR_POSSESSIVE.issuperset(between):
                    links = len(between) - sum(map(POSSESSIVE.__contains__, between))
                    if 0 < links <= 5:
                        units[-1].append(m)
                        continue
            units.append([m])
        return units

    def _presence_in(self, state: _State, role: SentenceRole) -> None:
        sent = role.sent
        for clause in role.clauses:
            if not clause.usable:
                continue
            c0, c1 = clause.start, clause.end
            k = bisect_left(state.strong_starts, c0)
            stop = bisect_left(state.strong_starts, c1, k)
            if k == stop:
                continue  # no party named in the clause
            if state.nested:
                ms = [m for m in self._mentions_in(state, c0, c1) if not m.weak]
                if not ms:
                    continue
            else:
                ms = state.strong[k:stop]  # what `_mentions_in` keeps of them
            if all(m.party in state.settled for m in ms):
                continue  # no party named here needs its presence
            words = state.tv.lower[c0:c1]
            # Without these words (or phrases) no cue can fire in the clause; one pass over the
            # clause finds which of them it holds.
            cues = CLAUSE_CUE_WORDS.intersection(words)
            may_be_present = not PRESENCE_CUE_WORDS.isdisjoint(cues)
            may_be_absent = not ABSENCE_CUE_WORDS.isdisjoint(cues) or (
                not ABSENCE_PHRASE_MARKERS.isdisjoint(cues) and _has_absence_phrase(words)
            )
            observer_clause: bool | None = None  # computed when needed
            gather_at = (
                None
                if GATHER_VERBS.isdisjoint(cues)
                else next(c0 + x for x, w in enumerate(words) if w in GATHER_VERBS)
            )
            for unit in self._units(state, ms):
                positive = False
                if may_be_present:
                    for m in unit:
                        if self._presence_cue(state, m, c0, c1):
                            positive = True
                            break
                if not positive and len(unit) >= 2:
                    positive = [m.role for m in unit].count("guarantor") >= 2
                if gather_at is not None and unit[0].start > gather_at:
                    positive = True
                for m in unit:
                    p = state.presence.get(m.party)
                    if p is None:
                        p = state.presence[m.party] = _Presence()
                    absent = may_be_absent and self._absence_cue(state, m, c0, c1)
                    if absent:
                        p.absent += 1.0
                        continue
                    if positive:
                        p.score += 1.0
                        if p.first_sent is None:
                            p.first_sent = sent.index
                    if m.role == OBSERVER_ROLE and not positive and observer_clause is None:
                        observer_clause = state.tv.any_in(_OBSERVER_WORD, c0, c1)
                    if m.role == OBSERVER_ROLE and (observer_clause or positive):
                        p.observer = True
                        if p.observer_sent is None:
                            p.observer_sent = sent.index

    def _presence_cue(self, state: _State, m: Mention, c0: int, c1: int) -> bool:
        T, L = state.tv.text, state.tv.lower
        if m.start > c0 and L[m.start - 1] in {"its", "their", "his", "her"}:
            return False  # "the government delegation, under its UN envoy": an attribute
        k = m.end + 1 if m.end < c1 and T[m.end] in POSSESSIVE else m.end
        # "The armed opposition, whose delegation included ..."
        if k + 2 < c1 and T[k] == "," and L[k + 1] == "whose" and L[k + 2] in PRESENCE_NOUNS:
            return True
        # "... have also confirmed their participation"
        window = L[k : min(c1, k + 8)]
        if "participation" in window and ABSENCE_WORDS.isdisjoint(window):
            return True
        # "Russia's delegation", "the Turkish and Iranian delegations", "UN representatives"
        for x in range(k, min(c1, k + 3)):
            low = L[x]
            if low in PRESENCE_NOUNS:
                return True
            if (
                low
                not in {"and", ",", "-", "high", "level", "senior", "government", "foreign", "main"}
                and x not in state.party_at
            ):
                break
        # "delegations from", "representatives of", "attended by"
        j = m.start - 1
        while j >= c0 and L[j] in {
            "the",
            "a",
            ",",
            "-",
            "of",
            "from",
            "by",
            "three",
            "guarantor",
            "states",
            "countries",
            "with",
            "also",
            "some",
            "armed",
            "main",
            "several",
            "other",
        }:
            if L[j] in {"from", "of", "by"} and j - 1 >= c0:
                prev = L[j - 1]
                if prev in PRESENCE_BEFORE or prev in {"attended", "joined", "participation"}:
                    return True
            j -= 1
        # "P (also) attended", "P took part", "P sent", "P were present"; a short
        # parenthetical may intervene: "Jordan, absent in January, sent ..."
        x = k
        if k < c1 and T[k] == ",":
            x = self._past_relative_aside(state, k, c1)
            if x == k:
                aside = T[k + 1 : min(c1, k + 7)]
                if "," in aside:
                    x = k + 2 + aside.index(",")  # past the closing comma
        steps = 0
        while x < c1 and steps < 5:
            low = L[x]
            if low in PRESENCE_VERBS:
                if low in {"took", "take", "taking", "takes"}:
                    return x + 1 < c1 and L[x + 1] == "part"
                if low in {"followed", "follow", "follows"}:
                    return True
                return True
            if low in SKIP_ADVERBS or low in {
                ",",
                "is",
                "are",
                "will",
                "reportedly",
                "again",
                "expected",
                "due",
                "to",
                "too",
            }:
                x += 1
                steps += 1
                continue
            break
        return False

    def _absence_cue(self, state: _State, m: Mention, c0: int, c1: int) -> bool:
        T, L = state.tv.text, state.tv.lower
        j = m.start - 1
        while j >= c0 and L[j] in {"the", "armed", "main"}:
            j -= 1
        if j >= c0 and L[j] == "without":
            return True
        if j >= c0 and L[j] == "of" and j - 1 >= c0 and L[j - 1] in {"absence", "boycott"}:
            return True
        k = self._after(state, m.end, c1)
        if k < c1 and T[k] == ",":
            k += 1
            if k < c1 and L[k] == "whose":
                k += 1
        if k < c1 and L[k] in ABSENCE_WORDS and not self._other_time(state, k + 1, c1):
            return True
        # "P ... stayed away": the nearest mention before the phrase
        words: list[tuple[int, str]] = []
        first = self._past_relative_aside(state, m.end, c1)
        if not state.tv.any_in(ABSENCE_OPENERS, first, min(c1, first + 14)):
            return False  # no absence phrase can start in the window
        for x in range(first, min(c1, first + 14)):
            if x in state.party_at and state.party_at[x] is not m:
                break
            words.append((x, L[x]))
        lows = [w for _, w in words]
        for s, first in enumerate(lows):
            for phrase in ABSENCE_BY_FIRST.get(first, ()):
                n = len(phrase)
                if tuple(lows[s : s + n]) == phrase:
                    rest = lows[s + n : s + n + 2]
                    if rest and rest[0] in {"on", "in"} and len(rest) > 1 and rest[1] == "time":
                        continue  # "failed to turn up on time"
                    if self._other_time(state, words[s + n - 1][0] + 1, c1):
                        continue
                    return True
        return False

    def _past_relative_aside(self, state: _State, i: int, limit: int) -> int:
        """After ", which had sent diplomats to every meeting," (a relative aside right after
        a mention): the token after its closing comma; else i."""
        T, L = state.tv.text, state.tv.lower
        if not (i + 1 < limit and T[i] == "," and L[i + 1] in {"which", "who", "whose"}):
            return i
        close = next((x for x in range(i + 2, min(limit, i + 20)) if T[x] == ","), None)
        return close + 1 if close is not None else i

    def _other_time(self, state: _State, i: int, limit: int) -> bool:
        """ "absent in January", "absent last time": the absence was at another meeting."""
        L = state.tv.lower
        words = [L[x] for x in range(i, min(limit, i + 3))]
        if not words:
            return False
        if words[0] in {"in", "on", "at", "from"} and len(words) > 1:
            return words[1] in MONTHS or words[1] in {"the", "previous", "earlier", "last"}
        return words[0] in {"last", "previously", "earlier", "before"}

    def _observer_coreference(self, state: _State) -> None:
        """ "Both countries followed the session as observers": the observer states of the
        sentence before."""
        L = state.tv.lower
        roles = state.roles
        last = 0  # roles up to this one need no look: the first has no sentence before it
        # Only a sentence with "observer(s)" in it can have such a clause; the roles are in
        # text order, one per sentence.
        for i in self._observer_tokens(state):
            idx = bisect_right(roles, i, key=_SENT_START) - 1
            if idx <= last or i >= roles[idx].sent.end:
                continue
            last = idx
            role = roles[idx]
            for clause in role.clauses:
                if not clause.usable:
                    continue
                # the cheapest test first: "both", "they", ... among the first four words
                if COREF_WORDS.isdisjoint(L[clause.start : min(clause.end, clause.start + 4)]):
                    continue
                words = L[clause.start : clause.end]
                if "observer" not in words and "observers" not in words:
                    continue
                if any(
                    m.role == OBSERVER_ROLE
                    for m in self._mentions_in(state, clause.start, clause.end)
                ):
                    continue
                prev = state.roles[idx - 1]
                for m in self._mentions_in(state, prev.sent.start, prev.sent.end):
                    if m.role == OBSERVER_ROLE and prev.usable_at(m.start):
                        p = state.presence.setdefault(m.party, _Presence())
                        p.observer = True
                        if p.observer_sent is None:
                            p.observer_sent = role.sent.index

    def _observer_tokens(self, state: _State) -> list[int]:
        """Offsets of the tokens "observer" and "observers", found in the text (searching a
        string costs far less than testing every token)."""
        # Only ASCII letters lower-case to the letters of "observer" (a test checks it), so
        # the text with every other character replaced by one "?" finds every such token, and
        # its bytes keep the text's offsets (lower-casing the text itself may move them).
        lowered = state.text.encode("ascii", "replace").lower()
        idx, L = state.tv.idx, state.tv.lower
        found: list[int] = []
        at = lowered.find(b"observer")
        while at >= 0:
            i = bisect_right(idx, at) - 1
            if i >= 0 and idx[i] == at and L[i] in OBSERVER_WORDS:
                found.append(i)
            at = lowered.find(b"observer", at + 1)
        return found

    # -- facts --------------------------------------------------------------------------------

    def _span_text(self, state: _State, start: int, end: int) -> str:
        idx = state.tv.idx
        return state.text[idx[start] : idx[end - 1] + len(state.tv.text[end - 1])]

    def _evidence(self, state: _State, sent_index: int) -> Evidence:
        sent = state.layout.sents[sent_index]
        return Evidence(state.text[sent.start_char : sent.end_char], sent.start_char, sent.end_char)

    def _head_text(self, state: _State, run: NameSpan) -> str:
        text = run.text(state.tv)
        if len(run) == 1:
            full = self._full_name_for(state, run)
            if full is not None:
                return full
        return text

    def _facts(self, state: _State) -> tuple[list[DelegationFact], list[ObserverFact]]:
        best = dict(state.best)
        # One person heads one delegation: "Syria's UN envoy X" heads the government team,
        # not the UN's; the weaker claim gives way.
        texts = {party: self._head_text(state, c.name) for party, c in best.items()}
        for party, cand in list(best.items()):
            if party in state.settled:
                continue  # no claim is stronger
            for other, rival in best.items():
                if (
                    other != party
                    and rival.confidence > cand.confidence
                    and same_person(texts[party], texts[other])
                ):
                    del best[party]
                    break
        delegations: list[DelegationFact] = []
        for name, data in self.delegation_parties:
            head = best.get(name)
            presence = state.presence.get(name)
            if head is None:
                if presence is None or presence.score <= 0 or presence.absent >= presence.score:
                    continue
                delegations.append(
                    DelegationFact(
                        party=name,
                        role=data.role,
                        head=None,
                        head_title="",
                        evidence=self._evidence(state, presence.first_sent or 0),
                        confidence=round(min(0.85, CONF_PRESENCE + 0.05 * presence.score), 2),
                    )
                )
                continue
            delegations.append(
                DelegationFact(
                    party=name,
                    role=data.role,
                    head=texts[name],
                    head_title=head.title,
                    evidence=self._evidence(state, head.sent_index),
                    confidence=head.confidence,
                )
            )
        observers: list[ObserverFact] = []
        for name in self.observer_parties:
            presence = state.presence.get(name)
            if presence is None or not presence.observer or presence.absent > presence.score:
                continue
            sent_index = presence.observer_sent if presence.observer_sent is not None else 0
            observers.append(
                ObserverFact(party=name, evidence=self._evidence(state, sent_index), confidence=0.8)
            )
        return delegations, observers


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
