"""Observers named by coreference ("both countries ... as observers") and the observer words of
an article."""

from __future__ import annotations

from bisect import bisect_right
from operator import attrgetter

from .component import OBSERVER_ROLE
from .state import ArticleState, PresenceTally
from .words import COREF_WORDS, OBSERVER_WORDS

_SENT_START = attrgetter("sent.start")  # of a SentenceRole


class ObserverRules:
    """The rules of this module, mixed into `PartyExtractor` (they share its state)."""

    def _observer_coreference(self, state: ArticleState) -> None:
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
                        p = state.presence.setdefault(m.party, PresenceTally())
                        p.observer = True
                        if p.observer_sent is None:
                            p.observer_sent = role.sent.index
                            p.observer_rule = "observer:coreference"

    def _observer_tokens(self, state: ArticleState) -> list[int]:
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
