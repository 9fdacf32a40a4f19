"""`PartyExtractor`: runs the head, presence and observer rules over an article's usable
sentences and assembles the facts."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import attrgetter, lt

from spacy.tokens import Doc

from ..people import same_person
from ..rounds import SentenceRole
from ..sentences import Layout, Tokens, doc_text, tokens_of
from ..titles import NameFinder
from ..types import DELEGATION_ROLES, NO_HEAD_STAND_IN, DelegationFact, ObserverFact
from .component import OBSERVER_ROLE, PartyData, party_mentions
from .heads_active import ActiveHeadRules
from .heads_attribution import AttributionHeadRules
from .heads_passive import PassiveHeadRules
from .heads_titled import TitledHeadRules
from .helpers import RuleHelpers
from .observers import ObserverRules
from .presence import PresenceRules
from .state import COLLECTIVE_PARTY, ArticleState, Mention, descriptor_end, is_destination
from .words import (
    ANAPHORA_OPENERS,
    BACKER_NOUNS,
    BRACKET_WORDS,
    BROUGHT_VERBS,
    COLLECTIVE_BY_FIRST,
    COLLECTIVE_OPENERS,
    CONF_PRESENCE,
    DESTINATION_BEFORE,
    FOR_WORDS,
    HEAD_OF_WORDS,
    HEAD_TRIGGERS,
    HEAD_VERBS_ACTIVE,
    HEAD_VERBS_PASSIVE,
    NEGOTIATOR_MODIFIERS,
    NEGOTIATOR_WORDS,
    PARTICIPIAL_OPENERS,
    SENT_VERBS,
    SPOKE_FOR_VERBS,
    UNDER_WORDS,
    list_links_of,
)

_START = attrgetter("start")

_USABLE = attrgetter("usable")


class PartyExtractor(
    PassiveHeadRules,
    ActiveHeadRules,
    AttributionHeadRules,
    TitledHeadRules,
    PresenceRules,
    ObserverRules,
    RuleHelpers,
):
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
        # "the guarantor states" -> the parties of that role in the table
        self.collective_parties: dict[str, tuple[str, ...]] = {}
        for groups in COLLECTIVE_BY_FIRST.values():
            for _, roles in groups:
                key = COLLECTIVE_PARTY + "+".join(roles)
                self.collective_parties[key] = tuple(
                    name for name, data in self.delegation_parties if data.role in roles
                )

    # -- entry point ----------------------------------------------------------------------------

    def extract(
        self,
        doc: Doc,
        layout: Layout,
        roles: list[SentenceRole],
        finder: NameFinder,
        upcoming: bool = False,
    ) -> tuple[list[DelegationFact], list[ObserverFact]]:
        """Delegations and observers of the article's round; `upcoming`: the article was
        published before the round opened (its past outcomes are an earlier meeting's)."""
        state = self._state(doc, layout, roles, finder)
        state.upcoming = upcoming
        mention_tokens = state.mention_token_list
        collective_starts = state.collective_starts
        L = state.tv.lower
        previous: SentenceRole | None = None
        for role in roles:
            # Every head and presence rule takes its party from a mention in the sentence (a
            # rule may look one token past its end), or from a collective mention ("the
            # guarantor states") for presence, or, for a sentence opening with "It"/"Its
            # team"/"The delegation", from the sentence before: without one there is nothing
            # to find.
            before, previous = previous, role
            k = bisect_left(mention_tokens, role.sent.start)
            named = k < len(mention_tokens) and mention_tokens[k] <= role.sent.end
            if (
                before is not None
                and L[role.sent.start] in ANAPHORA_OPENERS
                and before.sent.index == role.sent.index - 1
            ):
                self._anaphoric_passive(state, role, before)
            if not named:
                c = bisect_left(collective_starts, role.sent.start)
                if c == len(collective_starts) or collective_starts[c] >= role.sent.end:
                    continue
            if not any(map(_USABLE, role.clauses)):
                continue
            if named and self._head_may_change(state, k, role.sent.end):
                self._heads_in(state, role)
            self._presence_in(state, role)
        self._observer_coreference(state)
        return self._facts(state)

    def _state(
        self, doc: Doc, layout: Layout, roles: list[SentenceRole], finder: NameFinder
    ) -> ArticleState:
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
            if L[m.start - 1] not in DESTINATION_BEFORE or not is_destination(L, m)
        ]
        descriptors: set[int] = set()
        if not BACKER_NOUNS.isdisjoint(L):
            for m in ordered:
                end = descriptor_end(L, m)
                if end:
                    descriptors.update(range(m.start, end))
            ordered = [m for m in ordered if m.start not in descriptors]
        # A stable sort by start keeps a strong mention before a weak one at the same token.
        ordered.sort(key=_START)
        ordered_starts = [m.start for m in ordered]
        tokens = party_at.keys() | weak_at.keys()
        collectives = self._collective_mentions(tv)
        return ArticleState(
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
            collectives=collectives,
            collective_starts=[m.start for m in collectives],
            descriptors=frozenset(descriptors),
            list_links=list_links_of(doc.lang_),
        )

    def _collective_mentions(self, tv: Tokens) -> list[Mention]:
        """ "the guarantor states", "the Syrian sides": mentions of several parties at once."""
        L = tv.lower
        found: list[Mention] = []
        end = 0
        for i in tv.positions_in(COLLECTIVE_OPENERS, 0, tv.n):
            if i < end:
                continue
            for words, roles in COLLECTIVE_BY_FIRST[L[i]]:
                if tuple(L[i : i + len(words)]) == words:
                    end = i + len(words)
                    found.append(Mention(COLLECTIVE_PARTY + "+".join(roles), "collective", i, end))
                    break
        return found

    def _head_may_change(self, state: ArticleState, k: int, end: int) -> bool:
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

    # -- heads --------------------------------------------------------------------------------

    def _heads_in(self, state: ArticleState, role: SentenceRole) -> None:
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
                if low in HEAD_OF_WORDS and i > c0:
                    self._head_of(state, sent.index, i, c0, c1)
                if low in NEGOTIATOR_WORDS and i > c0 and L[i - 1] in NEGOTIATOR_MODIFIERS:
                    self._negotiator(state, sent.index, i, c0, c1)
                if low in SENT_VERBS and i > c0:
                    self._sent(state, sent.index, i, c0, c1)
                if low in UNDER_WORDS and i > c0:
                    self._under(state, sent.index, i, c0, c1)
                if low in BRACKET_WORDS and i > c0:
                    self._bracketed(state, sent.index, i, c0, c1)
                if low in FOR_WORDS and i > c0:
                    self._for_party(state, sent.index, i, c0, c1)
            if passive_by_seen or (c0 > sent.start and self._passive_before(state, sent.start, c0)):
                self._gapping(state, sent.index, c0, c1)
            if L[c0] in PARTICIPIAL_OPENERS:
                self._participial(state, sent.index, c0, c1)
            self._rundown(state, sent.index, c0, c1)
            k = bisect_left(state.mention_token_list, c0)
            if k < len(state.mention_token_list) and state.mention_token_list[k] < c1:
                self._titled(state, sent.index, c0, c1)  # it needs a party in the clause

    # -- facts --------------------------------------------------------------------------------

    def _facts(self, state: ArticleState) -> tuple[list[DelegationFact], list[ObserverFact]]:
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
            head_rule = ""
            if head is not None and presence and head.sent_index in presence.stand_in_sents:
                # "X will not attend in person, but his office will": X heads nothing
                head, head_rule = None, NO_HEAD_STAND_IN
            if head is None:
                if presence is None or presence.score <= 0 or presence.absent >= presence.score:
                    continue
                if presence.stand_in_sents:
                    # "X, who sent a deputy": no later rule may make the sender its head
                    head_rule = NO_HEAD_STAND_IN
                delegations.append(
                    DelegationFact(
                        party=name,
                        role=data.role,
                        head=None,
                        head_title="",
                        evidence=self._evidence(state, presence.first_sent or 0),
                        confidence=round(min(0.85, CONF_PRESENCE + 0.05 * presence.score), 2),
                        rule=presence.rule,
                        head_rule=head_rule,
                    )
                )
                continue
            # The presence evidence is the first sentence a presence rule fired on, else the
            # head's own sentence (a head is present).
            head_evidence = self._evidence(state, head.sent_index)
            if presence is not None and presence.first_sent is not None and presence.score > 0:
                evidence, rule = self._evidence(state, presence.first_sent), presence.rule
            else:
                evidence, rule = head_evidence, "presence:head"
            delegations.append(
                DelegationFact(
                    party=name,
                    role=data.role,
                    head=texts[name],
                    head_title=head.title,
                    evidence=evidence,
                    confidence=head.confidence,
                    rule=rule,
                    head_rule=f"head:{head.rule}",
                    head_evidence=None if head_evidence == evidence else head_evidence,
                )
            )
        observers: list[ObserverFact] = []
        for name in self.observer_parties:
            presence = state.presence.get(name)
            if presence is None or not presence.observer or presence.absent > presence.score:
                continue
            sent_index = presence.observer_sent if presence.observer_sent is not None else 0
            observers.append(
                ObserverFact(
                    party=name,
                    evidence=self._evidence(state, sent_index),
                    confidence=0.8,
                    rule=presence.observer_rule,
                )
            )
        return delegations, observers
