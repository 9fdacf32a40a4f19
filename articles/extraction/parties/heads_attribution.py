"""Head rules that attribute a person to a party: "head of", "sent", "under", "X (Russia)", "X
for Russia", rundown lines."""

from __future__ import annotations

from ..titles import (
    EXCLUDED,
    TITLE_LINK_WORDS,
    TITLE_WORDS,
    NameSpan,
    appositive,
    classify_title,
    pre_title,
)
from .state import ArticleState, Mention
from .words import (
    CONF_EXPLICIT,
    CONF_TITLE,
    DELEGATION_NOUNS,
    DETERMINERS,
    HEAD_OF_COPULAS,
    HEAD_OF_WORDS,
    HEAD_VERBS_ACTIVE,
    LOOSE_DELEGATION_NOUNS,
    MEMBER_CUES,
    POSSESSIVE,
    RUNDOWN_LABEL_LINKS,
    UNDER_VERBS,
)


class AttributionHeadRules:
    """The rules of this module, mixed into `PartyExtractor` (they share its state)."""

    def _head_of(self, state: ArticleState, sent_i: int, i: int, c0: int, c1: int) -> None:
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
            if L[j] in DELEGATION_NOUNS and L[j] not in LOOSE_DELEGATION_NOUNS:
                noun = j
                ms = self._mentions_in(state, i + 2, j, c1)
                break
            if T[j] in {",", ";"}:
                break
        if noun is None:
            # "The head of the Syrian armed opposition is X": the party, then a copula
            copula = next(
                (j for j in range(i + 2, min(c1, i + 8)) if L[j] in HEAD_OF_COPULAS), None
            )
            if copula is not None:
                ms = self._mentions_in(state, i + 2, copula, c1)
                noun = copula - 1
        if noun is None or not ms:
            return
        party = ms[-1].party
        after = noun + 1
        if after < c1 and T[after] == ",":
            after += 1
        elif after < c1 and L[after] in HEAD_OF_COPULAS:
            after += 1  # "the head of the government delegation is X"
        run = self._name_ok(state, state.finder.run_from(after, c1)) if after < c1 else None
        if run is None:
            c = i - 1
            while c >= c0 and T[c] != "," and i - c <= 25:
                c -= 1
            if c >= c0 and T[c] == ",":
                run = self._name_ok(state, state.finder.run_ending(c, c0))
        if run is not None:
            self._add_head(state, party, run, sent_i, CONF_EXPLICIT, "head-of", c0, c1)

    def _negotiator(self, state: ArticleState, sent_i: int, i: int, c0: int, c1: int) -> None:
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

    def _sent(self, state: ArticleState, sent_i: int, i: int, c0: int, c1: int) -> None:
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

    def _name_after_title(self, state: ArticleState, start: int, limit: int) -> NameSpan | None:
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

    def _under(self, state: ArticleState, sent_i: int, i: int, c0: int, c1: int) -> None:
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

    def _bracketed(self, state: ArticleState, sent_i: int, i: int, c0: int, c1: int) -> None:
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
        if run is None or any(x in state.party_at for x in range(run.start, run.end)):
            return  # "United Nations (UN)" in a language the name finder has no party words of
        before = {L[x] for x in range(max(c0, run.start - 6), run.start)}
        if before & MEMBER_CUES or self._absent_after(state, m.end + 1, c1):
            return
        t0, t1 = pre_title(state.tv, run.start, c0, state.mention_tokens.__contains__, state.finder)
        if t1 > t0 and classify_title(state.tv, t0, t1, state.finder) == EXCLUDED:
            return
        self._add_head(state, m.party, run, sent_i, CONF_TITLE + 0.1, "bracketed", c0, c1)

    def _item_start(self, state: ArticleState, c0: int, end: int) -> int:
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

    def _head_cue_before(self, state: ArticleState, sent_i: int, end: int, back: int = 0) -> bool:
        """A verb of heading or "head(s)" in the sentence (or `back` sentences before it)."""
        L = state.tv.lower
        first = state.layout.sents[max(0, sent_i - back)].start
        return any(L[x] in HEAD_VERBS_ACTIVE or L[x] in HEAD_OF_WORDS for x in range(first, end))

    def _for_party(self, state: ArticleState, sent_i: int, i: int, c0: int, c1: int) -> None:
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

    def _rundown(self, state: ArticleState, sent_i: int, c0: int, c1: int) -> None:
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
        if not all(
            x in state.mention_tokens or L[x] in RUNDOWN_LABEL_LINKS for x in range(j, colon)
        ):
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
