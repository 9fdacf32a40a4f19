"""Weaker head rules from a title alone: "Turkish Deputy Foreign Minister X", "the UN envoy,
X,", "as UN envoy"."""

from __future__ import annotations

from bisect import bisect_left

from ..titles import (
    EXCLUDED,
    HEAD,
    TITLE_LINK_WORDS,
    TITLE_WORDS,
    NameSpan,
    appositive,
    classify_title,
    pre_title,
)
from .state import ArticleState, Mention
from .words import (
    AS_TITLE_STOPS,
    CHAIR_WORDS,
    CONF_TITLE,
    DETERMINERS,
    MEMBER_CUES,
    POINT_MAN_MODIFIERS,
    POINT_MAN_NOUNS,
    POINT_MAN_PLACES,
    POSSESSIVE,
    POSTED_TITLE_WORDS,
    TITLE_SUBJECT_FILLERS,
)


class TitledHeadRules:
    """The rules of this module, mixed into `PartyExtractor` (they share its state)."""

    def _titled(self, state: ArticleState, sent_i: int, c0: int, c1: int) -> None:
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
            t0, t1 = pre_title(
                state.tv, run.start, c0, state.mention_tokens.__contains__, state.finder
            )
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
                b0, b1 = pre_title(
                    state.tv, run.start - 1, c0, state.mention_tokens.__contains__, state.finder
                )
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

    def _point_man(self, state: ArticleState, run: NameSpan, c0: int, c1: int) -> Mention | None:
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
            while k < b and L[k] in POINT_MAN_MODIFIERS:
                k += 1
            if k >= b or L[k] not in POINT_MAN_NOUNS:
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

    def _as_title(self, state: ArticleState, run: NameSpan, c1: int) -> Mention | None:
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

    def _owner_before_comma(self, state: ArticleState, t0: int, c0: int) -> Mention | None:
        """ "Turkey's man at the table, deputy undersecretary X": the party owning the phrase
        before the comma that opens the title."""
        T = state.tv.text
        if t0 - 1 <= c0 or T[t0 - 1] != ",":
            return None
        start = t0 - 2
        while start > c0 and T[start - 1] not in {",", ";", ":"} and t0 - start <= 7:
            start -= 1
        while start < t0 - 1 and state.tv.lower[start] in TITLE_SUBJECT_FILLERS:
            start += 1
        for m in self._mentions_in(state, start, t0 - 1):
            if m.end < t0 - 1 and T[m.end] in POSSESSIVE and m.start == start:
                return m
        return None

    def _ambassador_to(
        self, state: ArticleState, party: Mention, run: NameSpan, c0: int, c1: int
    ) -> bool:
        """An organisation named in an ambassador's title is where the ambassador is posted."""
        if party.role != "mediator":
            return False
        L = state.tv.lower
        near = range(max(c0, run.start - 6), min(c1, run.end + 8))
        return any(L[x] in POSTED_TITLE_WORDS for x in near)

    def _is_list_item(self, state: ArticleState, start: int, end: int, limit: int) -> bool:
        """ ", Syrian Deputy Foreign Minister Fadi Mansour and ...": the segment after a name
        opens with another titled name, so it is the next item of a list, not a title."""
        for run in state.finder.runs_in(start, end):
            if run.end - run.start < 2:
                continue
            t0, _ = pre_title(
                state.tv, run.start, start, state.mention_tokens.__contains__, state.finder
            )
            first = start
            while first < run.start and state.tv.lower[first] in DETERMINERS:
                first += 1
            if t0 <= first:
                return True
        return False
