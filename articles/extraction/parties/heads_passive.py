"""Head rules of the passive family: "<party> delegation was led by X", lists after "by",
gapping."""

from __future__ import annotations

from ..rounds import SentenceRole
from ..titles import TITLE_WORDS, NameSpan
from .state import ArticleState, Mention
from .words import (
    ANAPHORA_DETERMINERS,
    BY_ITEM_ENDS,
    CLAUSE_BREAKERS,
    CLAUSE_CONJUNCTIONS,
    CONF_EXPLICIT,
    DELEGATION_NOUNS,
    DELEGATION_PRONOUNS,
    DETERMINERS,
    HEAD_VERBS_PASSIVE,
    NAME_PARTY_LINKS,
    NOUN_PHRASE_STOPS,
    PARTY_POSSESSIVES,
    PASSIVE_AUX,
    POSSESSIVE,
    SKIP_ADVERBS,
    SUBJECT_RELATIVES,
)


class PassiveHeadRules:
    """The rules of this module, mixed into `PartyExtractor` (they share its state)."""

    def _passive_before(self, state: ArticleState, start: int, end: int) -> bool:
        """An earlier clause of the sentence has "led/represented ... by"."""
        return any(
            self._by_after(state, x, end) is not None
            for x in state.tv.positions_in(HEAD_VERBS_PASSIVE, start, end)
        )

    def _by_after(self, state: ArticleState, verb: int, limit: int) -> int | None:
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

    def _skip_back(self, state: ArticleState, i: int, floor: int) -> tuple[int, bool]:
        """Step back over adverbs and auxiliaries from i (inclusive); report a "who"."""
        L = state.tv.lower
        relative = False
        while i >= floor and (L[i] in SKIP_ADVERBS or L[i] == "who"):
            if L[i] in SUBJECT_RELATIVES:
                relative = True
            i -= 1
        return i, relative

    def _clause_subject_start(self, state: ArticleState, c0: int, verb: int) -> int:
        """After the last clause breaker (or ", and") before the verb, or after an "and" that
        follows a by-phrase ("Iran was represented by X and Turkey was represented by Y")."""
        T, L = state.tv.text, state.tv.lower
        for j in range(verb - 1, c0 - 1, -1):
            low = L[j]
            if low in CLAUSE_BREAKERS or (
                low in CLAUSE_CONJUNCTIONS and j > c0 and T[j - 1] == ","
            ):
                return j + 1
            if low == "and" and "by" in L[c0:j]:
                return j + 1
        return c0

    def _by_items(self, state: ArticleState, by: int, limit: int) -> list[tuple[int, int]]:
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

    def _first_name_in(self, state: ArticleState, start: int, end: int) -> NameSpan | None:
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
        self, state: ArticleState, sent_i: int, verb: int, by: int, c0: int, c1: int
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
                if L[np_start - 1] in NOUN_PHRASE_STOPS:
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

    def _of_party(self, state: ArticleState, run: NameSpan, end: int) -> list[Mention]:
        """ "Pavel Korin of Russia", "Reza Kamali for Iran": the party right after a name."""
        L = state.tv.lower
        k = run.end
        if k + 1 < end and L[k] in NAME_PARTY_LINKS:
            m = state.party_at.get(k + 1 if L[k + 1] != "the" else k + 2)
            if m is not None and m.end <= end:
                return [m]
        return []

    def _passive_own_items(
        self, state: ArticleState, sent_i: int, by: int, c0: int, c1: int
    ) -> None:
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

    def _pronoun_subject(
        self, state: ArticleState, sent_i: int, c0: int, verb: int
    ) -> list[Mention]:
        """ "Turkey sent no minister; its team is headed by X": "its" is the party named last
        before it in the sentence."""
        L = state.tv.lower
        s0 = self._clause_subject_start(state, c0, verb)
        if not (L[s0] in PARTY_POSSESSIVES and s0 + 1 < verb and L[s0 + 1] in DELEGATION_NOUNS):
            return []
        sent = state.layout.sents[sent_i]
        before = self._mentions_in(state, sent.start, s0)
        return before[-1:] if before else []

    def _anaphoric_passive(
        self, state: ArticleState, role: SentenceRole, before: SentenceRole
    ) -> None:
        """ "The Russian delegation arrived on Monday. It is led by X": "It", "Its team" or
        "The delegation" opening a passive names the one delegation of the sentence before."""
        L = state.tv.lower
        clause = role.clauses[0] if role.clauses else None
        if clause is None or not clause.usable:
            return
        c0, c1 = clause.start, clause.end
        j = c0
        if L[j] == "it":
            j += 1
        elif j + 1 < c1 and L[j + 1] in DELEGATION_NOUNS and L[j] in ANAPHORA_DETERMINERS:
            j += 2
        else:
            return
        while j < c1 and (L[j] in PASSIVE_AUX or L[j] in SKIP_ADVERBS):
            j += 1
        if j >= c1 or L[j] not in HEAD_VERBS_PASSIVE:
            return
        by = self._by_after(state, j, c1)
        if by is None:
            return
        prev = before.sent
        parties = {
            m.party
            for m in self._mentions_in(state, prev.start, prev.end)
            if m.party in self.delegation_names and before.usable_at(m.start)
        }
        if len(parties) != 1:
            return
        items = self._by_items(state, by, c1)
        run = self._first_name_in(state, *items[0]) if items else None
        if run is not None:
            (party,) = parties
            self._add_head(
                state, party, run, role.sent.index, CONF_EXPLICIT, "passive-anaphora", c0, c1
            )

    def _gap_by(self, state: ArticleState, m: Mention, limit: int) -> int | None:
        """The "by" right after a mention, past a possessive and a delegation noun or "one":
        "Iran by X", "the opposition team by X", "the Iranian one by X"."""
        T, L = state.tv.text, state.tv.lower
        k = self._after(state, m.end, limit)
        if k < limit and (L[k] in DELEGATION_NOUNS or L[k] in DELEGATION_PRONOUNS):
            k += 1
        if k + 1 < limit and T[k] in {"-", "\u2013", "\u2014"} and L[k + 1] == "by":
            k += 1  # "the Syrian opposition - by X": a dash marks the verb left out
        if k + 1 < limit and T[k] == "," and L[k + 1] in SUBJECT_RELATIVES:
            # "the opposition team, which had arrived on Tuesday, by X"
            close = next((x for x in range(k + 2, min(limit, k + 16)) if T[x] == ","), None)
            if close is not None:
                k = close + 1
        return k if k < limit and L[k] == "by" else None

    def _gapping(self, state: ArticleState, sent_i: int, c0: int, c1: int) -> None:
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
