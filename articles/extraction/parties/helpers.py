"""Helpers every party rule uses: mentions in a range, names, titles, recording a head claim."""

from __future__ import annotations

from bisect import bisect_left

from ..people import same_person
from ..titles import ARTICLES, TITLE_WORDS, NameSpan, appositive, pre_title
from ..types import DELEGATION_ROLES, Evidence
from .state import ArticleState, HeadCandidate, Mention
from .words import (
    ABSENCE_AFTER_BY_FIRST,
    ABSENCE_AFTER_OPENERS,
    CONF_HEAD_MAX,
    DELEGATION_NOUNS,
    DETERMINERS,
    POSSESSIVE,
)


class RuleHelpers:
    """The rules of this module, mixed into `PartyExtractor` (they share its state)."""

    def _after(self, state: ArticleState, end: int, limit: int) -> int:
        """Index after a mention ending at `end`, past a possessive."""
        if end < limit and state.tv.text[end] in POSSESSIVE:
            return end + 1
        return end

    def _weak_ok(self, state: ArticleState, m: Mention, limit: int) -> bool:
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
        self, state: ArticleState, start: int, end: int, limit: int | None = None
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

    def _name_ok(self, state: ArticleState, run: NameSpan | None) -> NameSpan | None:
        if run is None:
            return None
        if run.end - run.start >= 2:
            return run
        return run if self._full_name_for(state, run) is not None else None

    def _full_name_for(self, state: ArticleState, run: NameSpan) -> str | None:
        """A single word ("Korin") resolved to a full name the article gives."""
        word = run.text(state.tv)
        for full in self._article_names(state):
            if same_person(word, full):
                return full
        return None

    def _article_names(self, state: ArticleState) -> list[str]:
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

    def _title_text(self, state: ArticleState, name: NameSpan, floor: int, limit: int) -> str:
        """The head's title as written: the title words before the name, else an appositive
        that reads as a title (", the Kremlin's Syria envoy,"); no leading article."""
        # Several rules often name the same head in the same clause: compute its title once.
        key = (name.start, name.end, floor, limit)
        title = state.titles.get(key)
        if title is None:
            title = state.titles[key] = self._read_title(state, name, floor, limit)
        return title

    def _read_title(self, state: ArticleState, name: NameSpan, floor: int, limit: int) -> str:
        L = state.tv.lower
        t0, t1 = pre_title(
            state.tv, name.start, floor, state.mention_tokens.__contains__, state.finder
        )
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
            if any(len(run) >= 2 for run in state.finder.runs_in(t0, t1)):
                return ""  # ", Iran - Deputy Minister Y": the next item of a list
        T = state.tv.text
        # "Iran - Deputy Foreign Minister": the party heads a rundown item, not the title
        m = state.party_at.get(t0)
        if m is not None and m.start == t0 and m.end + 1 < t1 and T[m.end] in {"-", "\u2013", ":"}:
            t0 = m.end + 1
        while t0 < t1 and L[t0] in ARTICLES:
            t0 += 1
        if all(x in state.mention_tokens or T[x] in POSSESSIVE for x in range(t0, t1)):
            return ""  # "Russia's X": a party, no title
        return self._span_text(state, t0, t1)

    def _add_head(
        self,
        state: ArticleState,
        party: str,
        name: NameSpan,
        sent_index: int,
        confidence: float,
        rule: str,
        floor: int,
        limit: int,
    ) -> None:
        if confidence > CONF_HEAD_MAX:
            # A settled party's sentences are skipped for heads (`_head_may_change`): a claim
            # above the maximum would be missed there, so it is an error, not a silent miss.
            raise ValueError(f"head rule {rule!r} claims {confidence} > CONF_HEAD_MAX")
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

    def _absent_after(self, state: ArticleState, i: int, limit: int, span: int = 8) -> bool:
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

    def _span_text(self, state: ArticleState, start: int, end: int) -> str:
        idx = state.tv.idx
        return state.text[idx[start] : idx[end - 1] + len(state.tv.text[end - 1])]

    def _evidence(self, state: ArticleState, sent_index: int) -> Evidence:
        sent = state.layout.sents[sent_index]
        return Evidence(state.text[sent.start_char : sent.end_char], sent.start_char, sent.end_char)

    def _head_text(self, state: ArticleState, run: NameSpan) -> str:
        text = run.text(state.tv)
        if len(run) == 1:
            full = self._full_name_for(state, run)
            if full is not None:
                return full
        return text
