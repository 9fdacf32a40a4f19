"""Presence and absence of the parties at the round: delegation nouns, verbs of attending,
lists, absence phrases."""

from __future__ import annotations

from bisect import bisect_left
from operator import attrgetter

from ..people import PARTICLES
from ..rounds import SentenceRole
from ..sentences import WordTest
from ..titles import TITLE_LINK_WORDS, TITLE_WORDS
from .component import OBSERVER_ROLE
from .state import COLLECTIVE_ROLE, ArticleState, Mention, PresenceTally, has_absence_phrase
from .words import (
    ABSENCE_BEFORE,
    ABSENCE_BY_FIRST,
    ABSENCE_CUE_WORDS,
    ABSENCE_OF_NOUNS,
    ABSENCE_OPENERS,
    ABSENCE_PARTY_MODIFIERS,
    ABSENCE_PHRASE_MARKERS,
    ABSENCE_WORDS,
    ASIDE_RELATIVES,
    ATTRIBUTE_POSSESSIVES,
    BACKER_NOUNS,
    CLAUSE_CUE_WORDS,
    COLLECTIVE_ACT_VERBS,
    COLLECTIVE_DOCUMENT_NOUNS,
    DELEGATION_NOUN_MODIFIERS,
    EARLIER_WORDS,
    FUTURE_CUES,
    GATHER_VERBS,
    LIST_LINKS_OR_POSSESSIVE,
    MEETING_NOUNS,
    MENTION_JOINERS,
    MONTHS,
    NEGATIONS,
    OTHER_TIME_PREPOSITIONS,
    OTHER_TIME_WORDS,
    PAST_REPORT_VERBS,
    POSSESSIVE,
    PRESENCE_BEFORE,
    PRESENCE_BEFORE_FILLERS,
    PRESENCE_CUE_WORDS,
    PRESENCE_NOUN_LINKS,
    PRESENCE_NOUNS,
    PRESENCE_VERBS,
    PUNCTUAL_PHRASES,
    SENDING_VERBS,
    SKIP_ADVERBS,
    STAND_IN_DETERMINERS,
    STAND_IN_NOUNS,
    STAND_IN_PHRASE_ENDS,
    STAND_IN_POSSESSIVES,
    TAKE_PART_VERBS,
)

COLLECTIVE_VERB_WINDOW = 10  # tokens after a collective mention where its verb may stand
_ACT = "presence:act"  # a collective acting at the meeting (its facts say presence:collective)
_OBSERVER_WORD = WordTest(lambda word: word.startswith("observer"))
_START = attrgetter("start")
# Words inside a party's title after its name ("the UN Special Envoy to Syria"), not links.
_TITLE_INNER_LINKS = TITLE_LINK_WORDS - LIST_LINKS_OR_POSSESSIVE


def _aside_tokens(L: list[str], start: int, end: int) -> frozenset[int] | None:
    """The tokens of closed parentheses in [start, end) ("(headed by X)"); None when a
    parenthesis opened there is still open at `end` (a mention inside an aside)."""
    if "(" not in L[start:end] and ")" not in L[start:end]:
        return frozenset()
    inside: set[int] = set()
    opened: int | None = None
    for x in range(start, end):
        if L[x] == "(" and opened is None:
            opened = x
        elif L[x] == ")" and opened is not None:
            inside.update(range(opened, x + 1))
            opened = None
    return None if opened is not None else frozenset(inside)


class PresenceRules:
    """The rules of this module, mixed into `PartyExtractor` (they share its state)."""

    def _units(self, state: ArticleState, ms: list[Mention]) -> list[list[Mention]]:
        """Coordinated lists of mentions: "Russia, Iran and Turkey", "Jordan, Lebanon and Iraq"."""
        L = state.tv.lower
        units: list[list[Mention]] = []
        chain: list[Mention] | None = None  # the list a next mention may continue
        inner: list[Mention] | None = None  # a list inside a parenthesis after `chain`
        for m in ms:
            if chain is not None:
                aside = _aside_tokens(L, chain[-1].end, m.start)
                if aside is None:
                    # Inside a parenthesis ("guarantors (Russia, Turkey and Iran)"): a list of
                    # its own; the outer list goes on after it.
                    if inner is None or not self._continues(state, inner[-1], m):
                        inner = [m]
                        units.append(inner)
                    else:
                        inner.append(m)
                    continue
                inner = None
                if self._continues(state, chain[-1], m, aside):
                    chain.append(m)
                    continue
            chain = [m]
            units.append(chain)
        return units

    def _continues(
        self, state: ArticleState, last: Mention, m: Mention, aside: frozenset[int] = frozenset()
    ) -> bool:
        """One to five list links between two mentions (possessives aside); a weak mention
        inside is no break ("the government of Syria and ..."), nor a closed parenthesis
        (`aside`: "Iran (headed by X) and Turkey")."""
        L = state.tv.lower
        start = last.end
        if start < m.start and L[start] in TITLE_WORDS:
            # "the UN Special Envoy to Syria, as well as the government": the first party's
            # title goes with its name
            while start < m.start and (
                L[start] in TITLE_WORDS or L[start] in _TITLE_INNER_LINKS or start in state.weak_at
            ):
                start += 1
        between = [
            L[x]
            for x in range(start, m.start)
            if x not in state.weak_at and x not in state.descriptors and x not in aside
        ]
        if "of" in between:
            between = self._without_owner(state, last.end, m.start, between)
        if between and state.list_links.issuperset(between):
            links = len(between) - sum(map(POSSESSIVE.__contains__, between))
            return 0 < links <= 5
        return False

    def _without_owner(
        self, state: ArticleState, start: int, end: int, between: list[str]
    ) -> list[str]:
        """The words between two mentions without "of" and the name after it: "the regime of
        Bashar al-Assad and the rebel factions" is a list of two parties."""
        T, L = state.tv.text, state.tv.lower
        kept: list[str] = []
        x = start
        while x < end:
            if L[x] == "of" and x + 1 < end and T[x + 1][:1].isupper():
                x += 1
                while x < end and (T[x][:1].isupper() or L[x] in PARTICLES or T[x] == "-"):
                    x += 1
                continue
            if x not in state.weak_at:
                kept.append(L[x])
            x += 1
        return kept if len(kept) < len(between) else between

    def _presence_in(self, state: ArticleState, role: SentenceRole) -> None:
        sent = role.sent
        stand_ins = self._stand_ins(state, role)
        for clause in role.clauses:
            if not clause.usable:
                continue
            c0, c1 = clause.start, clause.end
            k = bisect_left(state.strong_starts, c0)
            stop = bisect_left(state.strong_starts, c1, k)
            g = bisect_left(state.collective_starts, c0)
            g_stop = bisect_left(state.collective_starts, c1, g)
            if k == stop and g == g_stop:
                continue  # no party named in the clause
            if state.nested:
                ms = [m for m in self._mentions_in(state, c0, c1) if not m.weak]
            else:
                ms = state.strong[k:stop]  # what `_mentions_in` keeps of them
            if g < g_stop:
                # "the guarantor states" joins lists and takes cues like a party's name
                ms = sorted([*ms, *state.collectives[g:g_stop]], key=_START)
            if not ms:
                continue
            if all(m.party in self.unreported for m in ms):
                continue  # no fact reports the presence of a party named here (the host)
            words = state.tv.lower[c0:c1]
            # Without these words (or phrases) no cue can fire in the clause; one pass over the
            # clause finds which of them it holds.
            cues = CLAUSE_CUE_WORDS.intersection(words)
            may_be_present = not PRESENCE_CUE_WORDS.isdisjoint(cues)
            # A preview telling a meeting's outcome in the past ("the final communiqué
            # emphasized the commitment of Russia, Iran and Turkey"): an earlier meeting's.
            # Not with a word of attending ("have confirmed their participation").
            earlier_outcome = (
                state.upcoming
                and not PAST_REPORT_VERBS.isdisjoint(words)
                and FUTURE_CUES.isdisjoint(words)
                and PRESENCE_NOUNS.isdisjoint(words)
                and PRESENCE_VERBS.isdisjoint(words)
            )
            may_be_absent = not ABSENCE_CUE_WORDS.isdisjoint(cues) or (
                not ABSENCE_PHRASE_MARKERS.isdisjoint(cues) and has_absence_phrase(words)
            )
            observer_clause: bool | None = None  # computed when needed
            gather_at = (
                None
                if GATHER_VERBS.isdisjoint(cues)
                else next(c0 + x for x, w in enumerate(words) if w in GATHER_VERBS)
            )
            for unit in self._units(state, ms):
                rule = ""
                if may_be_present:
                    for m in unit:
                        rule = self._presence_cue(state, m, c0, c1)
                        if rule:
                            break
                if earlier_outcome and rule == _ACT:
                    rule = ""  # the guarantors' acts at an earlier meeting
                # (without a cue, a list of examples, "states like Russia and Iran", is none)
                if (
                    not rule
                    and not earlier_outcome
                    and not self._examples(state, unit[0].start, c0)
                ):
                    if len(unit) >= 2 and [m.role for m in unit].count("guarantor") >= 2:
                        rule = "presence:list"
                    elif gather_at is not None and unit[0].start > gather_at:
                        rule = "presence:gathered"
                for m in unit:
                    if m.role == COLLECTIVE_ROLE:
                        absent = may_be_absent and self._absence_cue(state, m, c0, c1)
                        for party in self.collective_parties[m.party]:
                            p = state.presence.setdefault(party, PresenceTally())
                            if absent:
                                p.absent += 1.0
                            elif rule:
                                p.score += 1.0
                                if p.first_sent is None:
                                    p.first_sent = sent.index
                                    p.rule = "presence:collective"
                        continue
                    p = state.presence.get(m.party)
                    if p is None:
                        p = state.presence[m.party] = PresenceTally()
                    absent = may_be_absent and self._absence_cue(state, m, c0, c1)
                    if absent and m in stand_ins:
                        continue  # the party's person stays away, its stand-ins come
                    if absent:
                        p.absent += 1.0
                        continue
                    if rule:
                        p.score += 1.0
                        if p.first_sent is None:
                            p.first_sent = sent.index
                            p.rule = rule
                    if m.role == OBSERVER_ROLE and observer_clause is None:
                        observer_clause = state.tv.any_in(_OBSERVER_WORD, c0, c1)
                    if m.role == OBSERVER_ROLE and (observer_clause or rule):
                        p.observer = True
                        if p.observer_sent is None:
                            p.observer_sent = sent.index
                            p.observer_rule = (
                                "observer:as-observers" if observer_clause else "observer:attending"
                            )

        for m in stand_ins:
            p = state.presence.setdefault(m.party, PresenceTally())
            p.score += 1.0
            p.stand_in_sents = (*p.stand_in_sents, sent.index)
            if p.first_sent is None:
                p.first_sent = sent.index
                p.rule = "presence:stand-in"

    def _stand_ins(self, state: ArticleState, role: SentenceRole) -> list[Mention]:
        """ "The UN envoy will not attend in person, but his office will be represented": a
        possessive and a stand-in noun (`stand_in_nouns`) before a verb of attending, or a
        person who sent a stand-in ("X, who sent a deputy"), make the party named last before
        them present, whatever is said of its person. The mentions of those parties (in
        usable clauses)."""
        L = state.tv.lower
        found: list[Mention] = []
        for clause in role.clauses:
            if not clause.usable:
                continue
            c0, c1 = clause.start, clause.end
            for x in range(c0 + 1, c1 - 2):
                if L[x] in STAND_IN_POSSESSIVES and L[x + 1] in STAND_IN_NOUNS:
                    after = L[x + 2 : min(c1, x + 8)]
                    if PRESENCE_VERBS.isdisjoint(after) or not NEGATIONS.isdisjoint(after):
                        continue
                elif L[x] not in SENDING_VERBS or not self._person_sent_stand_in(state, x, c0, c1):
                    continue
                k = bisect_left(state.strong_starts, x) - 1
                if k < 0 or state.strong[k].start < role.sent.start:
                    continue
                m = state.strong[k]
                if m.party not in self.unreported and m not in found:
                    found.append(m)
        return found

    def _person_sent_stand_in(self, state: ArticleState, x: int, c0: int, c1: int) -> bool:
        """ "The UN's X, who sent a deputy, ...", "X sent his team instead": a person (a name
        right before, or before ", who") sent a stand-in (a determiner and a stand-in noun
        that ends its phrase, not "a deputy foreign minister")."""
        T, L = state.tv.text, state.tv.lower
        if L[x] not in SENDING_VERBS or L[x + 1] not in STAND_IN_DETERMINERS:
            return False
        if L[x + 2] not in STAND_IN_NOUNS:
            return False
        after = x + 3
        if after < c1 and T[after][:1].isalnum() and L[after] not in STAND_IN_PHRASE_ENDS:
            return False
        end = x - 2 if x - 2 > c0 and L[x - 1] == "who" and T[x - 2] == "," else x
        return state.finder.run_ending(end, c0) is not None

    def _examples(self, state: ArticleState, start: int, c0: int) -> bool:
        """ "states like Russia, Turkey and Iran", "such as ...": a list of examples."""
        L = state.tv.lower
        j = start - 1
        while j >= c0 and L[j] == "the":
            j -= 1
        return j >= c0 and (L[j] == "like" or (L[j] == "as" and j > c0 and L[j - 1] == "such"))

    def _presence_cue(self, state: ArticleState, m: Mention, c0: int, c1: int) -> str:
        """The presence rule that fires for mention m in the clause [c0, c1), "" if none."""
        T, L = state.tv.text, state.tv.lower
        if m.start > c0 and L[m.start - 1] in ATTRIBUTE_POSSESSIVES:
            return ""  # "the government delegation, under its UN envoy": an attribute
        if L[m.end - 1] in PRESENCE_NOUNS:
            # a spelling that holds its own delegation noun: "the opposition delegation"
            return "presence:delegation-noun"
        k = m.end + 1 if m.end < c1 and T[m.end] in POSSESSIVE else m.end
        # "The armed opposition, whose delegation included ..."
        if k + 2 < c1 and T[k] == "," and L[k + 1] == "whose" and L[k + 2] in PRESENCE_NOUNS:
            return "presence:delegation-noun"
        # "... have also confirmed their participation"
        window = L[k : min(c1, k + 8)]
        if "participation" in window and ABSENCE_WORDS.isdisjoint(window):
            return "presence:participation"
        # "Russia's delegation", "the Turkish and Iranian delegations", "UN representatives"
        for x in range(k, min(c1, k + 3)):
            low = L[x]
            if low in PRESENCE_NOUNS:
                return "presence:delegation-noun"
            if (
                low not in MENTION_JOINERS
                and low not in DELEGATION_NOUN_MODIFIERS
                and x not in state.party_at
            ):
                break
        # "delegations from", "representatives of", "attended by"
        j = m.start - 1
        while j >= c0 and j in state.descriptors:
            j -= 1  # "sponsored by opposition-backer Turkey"
        if j >= c0 and L[j] in BACKER_NOUNS:  # "brokered by rebel-backer Turkey"
            j -= 3 if j - 2 >= c0 and L[j - 1] == "-" else 1
        while j >= c0 and L[j] == "the":
            j -= 1
        if j - 1 >= c0 and L[j] == "between" and L[j - 1] in MEETING_NOUNS:
            return "presence:between"  # "talks between the government and the opposition"
        while j >= c0 and L[j] in PRESENCE_BEFORE_FILLERS:
            if L[j] in PRESENCE_NOUN_LINKS and j - 1 >= c0:
                prev = L[j - 1]
                if prev in PRESENCE_BEFORE:
                    return "presence:noun-before"
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
                if low in TAKE_PART_VERBS:
                    return "presence:verb" if x + 1 < c1 and L[x + 1] == "part" else ""
                return "presence:verb"
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
        if m.role == COLLECTIVE_ROLE:
            return self._collective_verb(state, m, c1)
        return ""

    def _collective_verb(self, state: ArticleState, m: Mention, c1: int) -> str:
        """ "All the parties involved in the conflict will be present": a collective mention
        takes a verb of attending further on, past its own complement, before any other
        party's name or a negation."""
        L = state.tv.lower
        for x in range(m.end, min(c1, m.end + COLLECTIVE_VERB_WINDOW)):
            other = state.party_at.get(x)
            if (other is not None and not other.weak) or L[x] in NEGATIONS:
                return ""
            if L[x] in PRESENCE_VERBS and (
                L[x] not in TAKE_PART_VERBS or (x + 1 < c1 and L[x + 1] == "part")
            ):
                return "presence:verb"
            # "The guarantors (also) issued a joint statement": they acted at the meeting
            if L[x] in COLLECTIVE_ACT_VERBS and x - m.end <= 1:
                return _ACT
            # "The guarantors said in their final statement": they spoke at the meeting
            if L[x] in COLLECTIVE_DOCUMENT_NOUNS:
                return _ACT
        return ""

    def _absence_cue(self, state: ArticleState, m: Mention, c0: int, c1: int) -> bool:
        T, L = state.tv.text, state.tv.lower
        j = m.start - 1
        while j >= c0 and L[j] in ABSENCE_PARTY_MODIFIERS:
            j -= 1
        if j >= c0 and L[j] in ABSENCE_BEFORE:
            return True
        if j >= c0 and L[j] == "of" and j - 1 >= c0 and L[j - 1] in ABSENCE_OF_NOUNS:
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
                    if " ".join(rest) in PUNCTUAL_PHRASES:
                        continue  # "failed to turn up on time"
                    if self._other_time(state, words[s + n - 1][0] + 1, c1):
                        continue
                    return True
        return False

    def _past_relative_aside(self, state: ArticleState, i: int, limit: int) -> int:
        """After ", which had sent diplomats to every meeting," (a relative aside right after
        a mention): the token after its closing comma; else i."""
        T, L = state.tv.text, state.tv.lower
        if not (i + 1 < limit and T[i] == "," and L[i + 1] in ASIDE_RELATIVES):
            return i
        close = next((x for x in range(i + 2, min(limit, i + 20)) if T[x] == ","), None)
        return close + 1 if close is not None else i

    def _other_time(self, state: ArticleState, i: int, limit: int) -> bool:
        """ "absent in January", "absent last time": the absence was at another meeting."""
        L = state.tv.lower
        words = [L[x] for x in range(i, min(limit, i + 3))]
        if not words:
            return False
        if words[0] in OTHER_TIME_PREPOSITIONS and len(words) > 1:
            if words[1] == "the":  # "in the previous round", not "in the talks"
                return len(words) > 2 and words[2] in EARLIER_WORDS
            return words[1] in MONTHS or words[1] in EARLIER_WORDS
        return words[0] in OTHER_TIME_WORDS
