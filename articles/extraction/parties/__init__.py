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
    "UN: Special Envoy X.", "the armed opposition came under X", "X will head the delegation
    of <party>", "The head of the <party> is X", "Iran was represented by X and Turkey was
    represented by Y", "while the opposition - by Y";
  - weaker heads from a title alone: "Turkish Deputy Foreign Minister X", "UN envoy X",
    "the UN envoy, X,", "Moscow's chief delegate, X,", "X, Moscow's man in the talks,",
    "X, attending the talks as UN special envoy" (not "served as", "replaced Y as"),
    "X, the Russian president's special envoy for Syria" (not
    spokesmen, presidents, foreign ministers, members of a delegation, observer
    delegations, the host, nor the UN for "Syria's UN ambassador", nor the owner of a title
    after "of/to" ("a representative of the UN special envoy, X"), nor envoys who "can not
    participate"); a title keeps its complement ("Envoy for Syrian Settlement X", see
    `titles.NameFinder`);
  - one person heads one delegation: the weaker of two claims on a person gives way;
  - presence: a party named with a delegation noun or a verb of attending, a list of the
    guarantors (not a list of examples, "states like Russia and Iran"), collective mentions
    ("delegations of the guarantor countries", "... as well as the Syrian sides") for every
    party of their roles; absence: "without the armed opposition", "stayed away",
    "boycott", "abstained", "sent no one", "did not send anyone", "was not represented";
  - observers: observer states and organisations named with "as observers", "observer
    status", "observers from ..." or as attending.

Every fact records its rules: `DelegationFact.rule` ("presence:delegation-noun",
"presence:noun-before", "presence:verb", "presence:participation", "presence:list",
"presence:gathered", "presence:between" ("talks between P and Q"), "presence:collective",
"presence:stand-in" (its person stays away, "his office will be represented"; `head_rule`
"no-head:stand-in"), or "presence:head" when only the head's sentence places the party),
`head_rule` ("head:passive", "head:active", "head:title", "head:language-structure", ...)
and `head_evidence` (the head's sentence when it is not the presence evidence);
`ObserverFact.rule` ("observer:as-observers", "observer:attending", "observer:coreference").
Speed shortcuts are built from the sets the rules read (the head triggers, the clause cue
words, the collective mentions); parties with an explicit head skip later head rules, and a
head rule above `CONF_HEAD_MAX` is refused so none can be skipped silently.

Modules, by what they decide:

* `component`: the party table and the `astana_parties` matcher component (mentions);
* `words`: the word data of the rules (read from `patterns/*.json` or defined there);
* `state`: what the rules share for one article (mentions, head claims, presence tallies);
* `helpers`: mentions in a range, names, titles, recording a head claim;
* `heads_passive`, `heads_active`, `heads_attribution`, `heads_titled`: head rules by family;
* `heads_language`: heads by structure in other languages with capitals, for parties the
  archive's known heads left without one ("head:language-structure");
* `presence`: presence and absence; `observers`: observers by coreference;
* `extractor`: `PartyExtractor`, which runs the rules over the usable sentences and
  assembles the facts.
"""

from ..types import DELEGATION_ROLES
from .component import (
    HOST_ROLE,
    OBSERVER_ROLE,
    PARTIES_COMPONENT,
    PARTY_SPANS,
    WEAK_SPANS,
    PartyData,
    PartyMatcher,
    _longest,
    mentions_of,
    party_mentions,
    party_table,
    table_config,
    table_from_config,
)
from .extractor import PartyExtractor

__all__ = [
    "DELEGATION_ROLES",
    "HOST_ROLE",
    "OBSERVER_ROLE",
    "PARTIES_COMPONENT",
    "PARTY_SPANS",
    "WEAK_SPANS",
    "PartyData",
    "PartyExtractor",
    "PartyMatcher",
    "_longest",
    "mentions_of",
    "party_mentions",
    "party_table",
    "table_config",
    "table_from_config",
]
