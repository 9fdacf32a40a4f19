"""Head rules of the active family: "X led the Russian team", "X, who leads ...", participles,
an elided verb."""

from __future__ import annotations

from ..titles import (
    EXCLUDED,
    TITLE_LINK_WORDS,
    TITLE_WORDS,
    NameSpan,
    classify_title,
    owned_title_start,
)
from .state import ArticleState
from .words import (
    BROUGHT_VERBS,
    CONF_EXPLICIT,
    DELEGATION_NOUNS,
    DELEGATION_OF_LINKS,
    DETERMINERS,
    EARLIER_ROUND_NOUNS,
    EARLIER_ROUND_WORDS,
    FORMER_ROLE_ADVERBS,
    FUTURE_AUXILIARIES,
    INVERTED_HEAD_VERBS,
    NAME_PARTY_LINKS,
    OWN_DELEGATION_DETERMINERS,
    PARTICIPIAL_OPENERS,
    POSSESSIVE,
    RESPECTIVE_WORDS,
    SPOKE_FOR_VERBS,
)


class ActiveHeadRules:
    """The rules of this module, mixed into `PartyExtractor` (they share its state)."""

    def _title_only(self, state: ArticleState, start: int, end: int) -> bool:
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

    def _titled_name_at(self, state: ArticleState, start: int, limit: int) -> NameSpan | None:
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

    def _subject_name(self, state: ArticleState, verb: int, floor: int) -> NameSpan | None:
        run = self._subject_name_before(state, verb, floor)
        return None if run is None else self._described_person(state, run, floor)

    def _subject_name_before(self, state: ArticleState, verb: int, floor: int) -> NameSpan | None:
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
            # "X of the Jaish al-Islam group, who heads ...": the name before its group
            L = state.tv.lower
            link = next(
                (
                    x
                    for x in range(end_apos - 1, max(floor, end_apos - 9) - 1, -1)
                    if L[x] in NAME_PARTY_LINKS
                ),
                None,
            )
            if link is not None:
                return self._name_ok(state, state.finder.run_ending(link, floor))
        return None

    def _described_person(self, state: ArticleState, run: NameSpan, floor: int) -> NameSpan | None:
        """ "X, a senior aide to Foreign Minister Y, who represents Iran": Y owns the title of
        the appositive, the clause is about X, named before its comma (None: nobody)."""
        title = owned_title_start(state.tv.lower, run.start, floor)
        if title is None:
            return run
        if title - 1 < floor or state.tv.text[title - 1] != ",":
            return None
        return self._name_ok(state, state.finder.run_ending(title - 1, floor))

    def _active_head(self, state: ArticleState, sent_i: int, verb: int, c0: int, c1: int) -> None:
        T, L = state.tv.text, state.tv.lower
        if verb > 0 and T[verb - 1] == "-":
            return
        j = verb + 1
        if L[verb] in SPOKE_FOR_VERBS:
            j += 1
        while j < c1 and L[j] in DETERMINERS:
            j += 1
        if j + 2 < c1 and T[j].isdigit() and T[j + 1] == "-":
            j += 3  # "heads the 14-member rebel delegation": a size before the party
        if j >= c1:
            return
        if L[j] in RESPECTIVE_WORDS and j + 1 < c1:
            j += 1
        if L[j] in DELEGATION_NOUNS and L[j - 1] in OWN_DELEGATION_DETERMINERS:
            self._own_delegations(state, sent_i, verb, c0, c1)
            return
        noun_first = False
        if L[j] in DELEGATION_NOUNS and j + 1 < c1 and L[j + 1] in DELEGATION_OF_LINKS:
            # "X will head the delegation of the Syrian government"
            noun_first = True
            j += 2
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
            and not noun_first
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

    def _own_delegations(
        self, state: ArticleState, sent_i: int, verb: int, c0: int, c1: int
    ) -> None:
        """ "Russia's X and Iran's Y led their delegations": each name after its own party's
        possessive."""
        T = state.tv.text
        for run in state.finder.runs_in(c0, verb):
            k = run.start - 1
            if k <= c0 or T[k] not in POSSESSIVE:
                continue
            m = state.party_at.get(k - 1)
            if m is None or m.end != k:
                continue
            run = self._name_ok(state, run)
            if run is not None and not self._absent_after(state, run.end, verb):
                self._add_head(state, m.party, run, sent_i, CONF_EXPLICIT, "active-own", c0, c1)

    def _at_other_times(self, state: ArticleState, i: int, limit: int) -> bool:
        """ "... at earlier rounds", "... previously", up to the next comma."""
        L = state.tv.lower
        words: list[str] = []
        for x in range(i, min(limit, i + 10)):
            if state.tv.text[x] in {",", ";"}:
                break
            words.append(L[x])
        if not FORMER_ROLE_ADVERBS.isdisjoint(words):
            return True
        return any(
            w in EARLIER_ROUND_WORDS and k + 1 < len(words) and words[k + 1] in EARLIER_ROUND_NOUNS
            for k, w in enumerate(words)
        )

    def _participial(self, state: ArticleState, sent_i: int, c0: int, c1: int) -> None:
        """ "Heading the group on behalf of the main Syrian opposition, Omar Haddad, ...",
        "Heading the Iranian team was Reza Kamali"."""
        T, L = state.tv.text, state.tv.lower
        if L[c0] not in PARTICIPIAL_OPENERS:
            return
        comma = next((x for x in range(c0, min(c1, c0 + 15)) if T[x] == ","), None)
        verb = next(
            (x for x in range(c0, min(c1, comma or c0 + 12)) if L[x] in INVERTED_HEAD_VERBS),
            None,
        )
        if verb is not None:
            # inverted: "Heading the Iranian team was X"
            ms = self._mentions_in(state, c0, verb, c1)
            start = verb + 1 if L[verb] not in FUTURE_AUXILIARIES else verb + 2
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

    def _elided_active(self, state: ArticleState, sent_i: int, k: int, c0: int, c1: int) -> None:
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
