"""Sentence attribution: which clauses of which sentences speak of the article's round.

`attribute_sentences` tells, clause by clause, whether a sentence may give facts about the
chosen round: not a chrome or background sentence, not a clause that names another round
in its main clause (a round named in a subordinate clause or in an aside between commas,
", at the 21st session in January,", does not count), makes a passing reference ("the
previous round"), dates its event away from the round ("in May", "last month") or is a
history sentence. Markers of history, passing references and subordinate clauses come from
the language's word data (`round_words`); where a language has none, those rules do not
fire and every clause of the body is usable.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from itertools import pairwise

from spacy.tokens import Doc

from .clause_dates import (
    DATE_WORDS,
    GENERIC_THIS_ROUND_RE,
    IS_NUMBER,
    PAST_PERFECT_RE,
    RELATIVE_RE,
    ROUND_WORDS,
    DateMention,
    find_date_mentions,
    interval_gap,
    month_interval,
)
from .data import load, word_set
from .round_calendar import round_dates
from .round_mentions import RoundMention, normalised_tokens, ordinal_value, words_of
from .round_words import round_words
from .sentences import CHROME, Layout, SentInfo, Tokens, doc_text, tokens_of
from .types import RoundInfo, RoundLink

DATE_TOLERANCE = timedelta(days=20)  # a date this close to the round is the round's
_EN = round_words("en")
SUBORDINATORS = _EN.subordinators
PASSING_MARKERS = _EN.passing_markers
HISTORY_MARKERS = _EN.history_markers

# English words of the clause rules: patterns/clauses.json.
_CLAUSE_OPENERS = word_set("clauses", "clause_openers")
_CONTRAST_OPENERS = frozenset(
    (first, second)
    for first, second in (phrase.split() for phrase in load("clauses")["contrast_openers"])
)
_COLON_ASIDE_OPENERS = word_set("clauses", "colon_aside_openers")
# The only tokens a clause may be cut at.
_CLAUSE_CUTS = frozenset({";", ",", ":"} | {first for first, _ in _CONTRAST_OPENERS})
_COMMA_OPENERS = _CLAUSE_OPENERS | {"and"}


def _may_cut(words: set[str]) -> bool:
    """Whether `clause_bounds` may cut a sentence with these words (a cheap first test)."""
    return (
        ";" in words
        or ("," in words and not words.isdisjoint(_COMMA_OPENERS))
        or (":" in words and not words.isdisjoint(_COLON_ASIDE_OPENERS))
        or any(first in words and second in words for first, second in _CONTRAST_OPENERS)
    )


def clause_bounds(tv: Tokens, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence cut into clauses at semicolons, at ", while", ", but", ", and that", before
    a contrast ("rather than", "instead of": what is set aside is another clause) and at a
    colon that opens a dated or placed aside (": at the meeting in June, ...")."""
    T, L = tv.text, tv.lower
    bounds: list[tuple[int, int]] = []
    cur = start
    for j in tv.positions_in(_CLAUSE_CUTS, start, end):
        cut = T[j] == ";"
        skip = 1
        if not cut and T[j] == "," and j + 1 < end:
            nxt = L[j + 1]
            cut = nxt in _CLAUSE_OPENERS or (nxt == "and" and j + 2 < end and L[j + 2] == "that")
        if not cut and T[j] == ":" and j + 1 < end:
            cut = L[j + 1] in _COLON_ASIDE_OPENERS
        if not cut and j + 1 < end and (L[j], L[j + 1]) in _CONTRAST_OPENERS:
            cut, skip = True, 0
        if cut and j > cur:
            bounds.append((cur, j))
            cur = j + skip
    bounds.append((cur, end))
    return bounds


@dataclass(slots=True)
class Clause:
    start: int  # token offsets
    end: int
    usable: bool  # may give facts about the article's round
    mentions_round: (
        bool  # names the article's round ("14th round", "the meeting", "this week's talks")
    )
    past_perfect: bool


@dataclass(slots=True)
class SentenceRole:
    sent: SentInfo
    clauses: list[Clause]
    history: bool

    def clause_at(self, token_i: int) -> Clause | None:
        for clause in self.clauses:
            if clause.start <= token_i < clause.end:
                return clause
        return None

    def usable_at(self, token_i: int) -> bool:
        clause = self.clause_at(token_i)
        return clause is not None and clause.usable


# Scanning back from a token: punctuation that ends the search (False) or a subordinator
# (True). (Punctuation is its own lower-case form.)
_SUBORDINATE_STOPS = dict.fromkeys((",", ";", ":", "\u2014", "\u2013"), False) | dict.fromkeys(
    SUBORDINATORS, True
)


def _is_subordinate(
    tv: Tokens, clause_start: int, token_i: int, stops: dict[str, bool] | None = None
) -> bool:
    """A subordinator ("after", "than", ...) stands between the clause start and the token,
    with no comma in between: "had flown in after sitting out the previous round in March"."""
    for word in reversed(tv.lower[clause_start:token_i]):
        found = (stops or _SUBORDINATE_STOPS).get(word)
        if found is not None:
            return found
    return False


_ASIDE_VERBS = word_set("people", "head_verbs_active") | word_set("clauses", "aside_attend_verbs")
_ASIDE_PRONOUNS = word_set("clauses", "aside_relative_pronouns")


def _in_relative_aside(tv: Tokens, clause_start: int, token_i: int) -> bool:
    """The token is in ", who became deputy minister last year" or ", which has not met
    since June 2022": a relative clause that describes a person or a thing, without a verb
    of heading or attending (those stay events)."""
    T = tv.text
    j = token_i - 1  # the nearest clause punctuation before the token
    while j >= clause_start and T[j] not in {",", ";", ":"}:
        j -= 1
    if j < clause_start or T[j] != ",":
        return False
    if j + 1 < token_i and tv.lower[j + 1] in _ASIDE_PRONOUNS:
        return _ASIDE_VERBS.isdisjoint(tv.lower[j + 1 : token_i])
    return False


_PURPOSE_OPENERS = word_set("clauses", "purpose_openers")


def _in_purpose_phrase(tv: Tokens, clause_start: int, token_i: int) -> bool:
    """The token is in ", aimed at cementing the zones agreed in May": a phrase of purpose
    after a comma, whose dates are those of the things it names, not of the clause's event."""
    j = token_i - 1
    while j >= clause_start and tv.text[j] not in {",", ";", ":"}:
        j -= 1
    return j >= clause_start and tv.text[j] == "," and tv.lower[j + 1] in _PURPOSE_OPENERS


_PAST_PERFECT_PRONOUNS = "|".join(load("clauses")["past_perfect_relative_pronouns"])
_RELATIVE_PRONOUN_RE = re.compile(rf"\b(?:{_PAST_PERFECT_PRONOUNS})\b[^,;]*$", re.IGNORECASE)


def _main_past_perfect(text: str) -> bool:
    """A past perfect ("had been met") outside a relative clause: ", which they said had
    made the pandemic harder" describes a noun and does not date the clause."""
    return any(
        not _RELATIVE_PRONOUN_RE.search(text[max(0, m.start() - 40) : m.start()])
        for m in PAST_PERFECT_RE.finditer(text)
    )


def _is_parenthetical(tv: Tokens, clause_start: int, clause_end: int, start: int, end: int) -> bool:
    """The tokens stand between two commas, as in "Jordan, absent in January, sent ..." or
    "was led, as at every meeting since 2017, by"."""
    T = tv.text
    left = start - 1
    while left >= clause_start and start - left <= 6 and T[left] != ",":
        left -= 1
    right = end
    while right < clause_end and right - end <= 3 and T[right] != ",":
        right += 1
    return (
        left >= clause_start
        and T[left] == ","
        and right < clause_end
        and T[right] == ","
        and right - left <= 10
    )


def _history_sentences(
    text: str, sents: Sequence[SentInfo], markers: Sequence[str] = HISTORY_MARKERS
) -> set[int]:
    """Indices of the sentences whose lower-cased text contains a history marker (of the
    language: `markers`). Markers are searched once in the lower-cased text of the whole
    document, unless lower-casing changes its length."""
    lowered = text.lower()
    if len(lowered) != len(text):
        # Offsets in the lower-cased document would not match the original text.
        return {
            sent.index
            for sent in sents
            if any(m in text[sent.start_char : sent.end_char].lower() for m in markers)
        }
    # Sentences are disjoint and in order: only the last one that starts at or before an
    # occurrence can hold it.
    starts = [sent.start_char for sent in sents]
    found: set[int] = set()
    for marker in filter(None, markers):
        at = lowered.find(marker)
        while at >= 0:
            k = bisect_right(starts, at) - 1
            if k >= 0 and at + len(marker) <= sents[k].end_char:
                found.add(sents[k].index)
            at = lowered.find(marker, at + 1)
    return found


def _other_round(
    tv: Tokens,
    c_start: int,
    c_end: int,
    c_words: set[str],
    ordinals: list[RoundMention],
    sent_ordinals: list[RoundMention] | None,
    number: int | None,
    cw: ClauseWords,
    dependent: list[tuple[int, int]] | None = None,
) -> bool:
    """The clause talks about another round: it names one in its main clause (not in a
    subordinate clause nor in an aside between commas), opens with a bare ordinal that stands
    for one, or makes a passing reference ("the previous round"). Another round named in a
    phrase that describes a noun of the clause ("the committee whose second session ...")
    leaves the clause usable: the phrase's tokens go to `dependent` (when given)."""
    passing = not c_words.isdisjoint(cw.passing_openers)
    if not ordinals and not sent_ordinals:  # the common case: only a passing reference
        return passing and _passing_reference(tv, c_start, c_end, cw)
    stops = cw.subordinate_stops
    for m in ordinals:
        if (
            m.number == number
            or _is_subordinate(tv, c_start, m.start, stops)
            or _is_parenthetical(tv, c_start, c_end, m.start, m.end)
        ):
            continue
        governed = (
            _dependent_spans(tv, c_start, c_end, m.start, m.end)
            if dependent is not None and cw.lang == "en"
            else None
        )
        if governed is None:
            return True
        dependent += governed
    names_round = any(m.number == number for m in ordinals)
    if (
        not names_round
        and sent_ordinals
        and _elliptical_other_round(tv, c_start, c_end, sent_ordinals, number, cw)
    ):
        return True
    return passing and _passing_reference(tv, c_start, c_end, cw)


def _other_date(
    tv: Tokens,
    c_start: int,
    c_end: int,
    chars: tuple[int, int],
    date_mentions: list[DateMention],
    dates: tuple[date, date],
    published: date | None = None,
) -> list[tuple[int, int]]:
    """The token spans of the dates in the clause (tokens [c_start, c_end), characters
    `chars`) outside a subordinate clause, a relative aside or a parenthesis that are too far
    from the round's dates: each speaks of another meeting."""
    token_starts = tv.idx
    far_spans: list[tuple[int, int]] = []
    for dm in date_mentions:
        if not chars[0] <= dm.start_char < chars[1]:
            continue
        tok = max(0, bisect_right(token_starts, dm.start_char) - 1)
        tok_end = max(tok + 1, bisect_right(token_starts, dm.end_char - 1))
        if published is not None and not dm.year_only and dm.last <= published < dates[0]:
            # A page written before its round: what happened by then is not the round, nor
            # is anything the clause tells with it (no phrase of it is the round's).
            far_spans.append((c_start, c_end))
            continue
        if (
            _is_subordinate(tv, c_start, tok)
            or _in_relative_aside(tv, c_start, tok)
            or _in_purpose_phrase(tv, c_start, tok)
        ):
            continue
        if (
            dm.year_only
            and dm.prep == "since"
            and _is_parenthetical(tv, c_start, c_end, tok, tok_end)
        ):
            continue  # "led, as at every meeting since 2017, by ..."
        if dm.year_only:
            far = dm.last.year != dates[0].year and dm.first.year != dates[1].year
            if far and (dm.prep in {"in", "since", "during"}):
                far_spans.append((tok, tok_end))
            continue
        if dm.prep in {"that", "this"}:
            continue
        if _is_parenthetical(tv, c_start, c_end, tok, tok_end):
            continue
        if interval_gap(dm.first, dm.last, dates[0], dates[1]) > DATE_TOLERANCE.days:
            far_spans.append((tok, tok_end))
    return far_spans


def _other_relative_date(
    tv: Tokens,
    c_start: int,
    chars: tuple[int, int],
    offset: int,
    relative: list[re.Match[str]],
    base: date,
    dates: tuple[date, date],
) -> list[tuple[int, int]]:
    """The token spans of "last month", "last year" (counted from `base`) in the clause
    (characters `chars`), outside a relative aside, too far from the round's dates.
    `offset`: where the text the matches were found in starts."""
    far_spans: list[tuple[int, int]] = []
    for rm in relative:
        char = offset + rm.start()
        if not chars[0] <= char < chars[1]:
            continue
        rel_tok = max(0, bisect_right(tv.idx, char) - 1)
        if _in_relative_aside(tv, c_start, rel_tok):
            continue
        if rm["unit"] == "month":
            prior = (base.replace(day=1) - timedelta(days=1)).replace(day=1)
            lo, hi = month_interval(prior.year, prior.month)
        else:
            lo, hi = date(base.year - 1, 1, 1), date(base.year - 1, 12, 31)
        if interval_gap(lo, hi, dates[0], dates[1]) > DATE_TOLERANCE.days:
            far_spans.append((rel_tok, rel_tok + 2))
    return far_spans


_DEPENDENT_PARTICIPLES = word_set("clauses", "dependent_participles")
_DEPENDENT_PRONOUNS = word_set("clauses", "dependent_relative_pronouns")
_DEPENDENT_DASHES = word_set("clauses", "dependent_phrase_dashes")
_COMPLEMENT_VERBS = word_set("clauses", "complement_verbs")
_DATED_EVENT_NOUNS = word_set("clauses", "dated_event_nouns")
_THAT_CONJUNCTIONS = word_set("clauses", "that_conjunctions")
_REPORTING_CONJUNCTIONS = word_set("clauses", "reporting_conjunctions")
_AUXILIARIES = word_set("people", "passive_auxiliaries")
_PHRASE_REACH = 16  # tokens a dependent phrase may run before its date
_EVENT_NOUN_REACH = 8  # tokens before the phrase where a meeting noun makes it the meeting's


_NOUN_PHRASE, _REPORTED = 1, 2  # what a dependent phrase opens: see `_opens_dependent_phrase`


def _opens_dependent_phrase(tv: Tokens, j: int, clause_start: int) -> int:
    """Whether token j opens a phrase that describes the noun before it (`_NOUN_PHRASE`: a
    dash aside, a relative clause "a file that ...", a participle "the truce brokered ..."),
    what a verb before it reports (`_REPORTED`: "asserted that the talks would resume on
    ...") or neither (0)."""
    word = tv.lower[j]
    if j == clause_start:
        return 0
    if word in _DEPENDENT_DASHES:
        return _NOUN_PHRASE if tv.ws[j - 1] else 0  # a spaced dash; "Nur-Sultan" is a name
    before = tv.lower[j - 1]
    if not before.isalpha() or before in _AUXILIARIES:
        return 0
    if before in _THAT_CONJUNCTIONS:
        return 0
    if word in _DEPENDENT_PRONOUNS or word in _REPORTING_CONJUNCTIONS:
        if before in _COMPLEMENT_VERBS or before.endswith("ed"):
            return _REPORTED if word in _REPORTING_CONJUNCTIONS else 0
        return _NOUN_PHRASE
    return _NOUN_PHRASE * (
        (word in _DEPENDENT_PARTICIPLES or (len(word) > 4 and word.endswith("ed")))
        and not before.endswith("ed")
        and before not in _COMPLEMENT_VERBS
        # "had last met": an auxiliary and an adverb make it the clause's own verb
        and (j < clause_start + 2 or tv.lower[j - 2] not in _AUXILIARIES)
    )


def _dependent_spans(
    tv: Tokens, c_start: int, c_end: int, tok: int, tok_end: int
) -> list[tuple[int, int]] | None:
    """The tokens a date at [tok, tok_end) governs when it stands in a phrase that
    describes a noun of the clause ("a truce brokered on May 4", "a file that they had
    pushed since January", "- agreed in May"), not in the clause's own predicate: from the
    noun the phrase describes to the next comma or the clause's end; where an aside between
    commas stands before the date (", led this time by X,"), the noun, and the phrase from
    the aside's end. None: the date dates the clause's event (no such phrase, no verb of
    the clause before it, or it describes a meeting: "talks held in May")."""
    T = tv.text
    j = tok - 1
    opens = 0
    while j > c_start and tok - j <= _PHRASE_REACH:
        if T[j] in {";", ":"}:
            return None
        opens = _opens_dependent_phrase(tv, j, c_start)
        if opens:
            break
        j -= 1
    else:
        return None
    end = tok_end
    while end < c_end and T[end] not in {",", ";"}:
        end += 1
    if opens == _REPORTED:
        return [(j, end)]  # what is reported is dated, not the saying
    if not _DATED_EVENT_NOUNS.isdisjoint(tv.lower[max(c_start, j - _EVENT_NOUN_REACH) : j]):
        return None  # "talks held in May", "the meeting of the ministers held in May"
    commas = [k for k in range(j + 1, tok) if T[k] == ","]
    # The noun the phrase describes is the dated thing too ("the ceasefire that came into
    # effect in December" does not make the ceasefire this round's).
    start = _noun_phrase_start(tv, c_start, j)
    if start > c_start and T[start - 1] == ",":
        # An appositive (", the project that dominated the 20th meeting") renames the noun
        # before its comma: that is the dated thing too.
        start -= 1
        while start > c_start and T[start - 1] != ",":
            start -= 1
    if not any(map(_may_be_verb, tv.lower[c_start:start])):
        # No verb before the noun: "Erdogan met in Sochi on May 4" is the clause's own
        # predicate (a past tense looks like a participle), not a phrase describing a noun.
        return None
    if len(commas) >= 2 and commas[-1] - commas[0] <= 10:
        # The aside describes the phrase's subject: both stay ("a file that negotiators,
        # led this time by X, had pushed since May": X led them at this round).
        return [(start, j), (commas[-1], end)]
    return [(start, end)]


def _may_be_verb(word: str) -> bool:
    """A word that may be the clause's own verb before a dependent phrase ("said", "agreed",
    "was", "set up")."""
    return (
        (len(word) > 4 and word.endswith("ed"))
        or word in _AUXILIARIES
        or word in _COMPLEMENT_VERBS
        or word in _DEPENDENT_PARTICIPLES
    )


def _noun_phrase_start(tv: Tokens, c_start: int, opener: int) -> int:
    """Where the noun phrase before a dependent phrase's opener starts: at its determiner
    within a few words ("a shaky truce"), else at the one word before the opener."""
    L = tv.lower
    k = opener - 1
    while k > c_start and opener - k < 4 and L[k].isalpha():
        if L[k] in _DETERMINERS:
            return k
        k -= 1
    return k if L[k] in _DETERMINERS else opener - 1


def _split_clause(clause: Clause, unusable: list[tuple[int, int]]) -> list[Clause]:
    """The clause cut into pieces: those in `unusable` may not give facts, the rest keep
    the clause's own standing."""
    cuts = sorted({clause.start, clause.end} | {b for span in unusable for b in span})
    cuts = [c for c in cuts if clause.start <= c <= clause.end]
    pieces: list[Clause] = []
    for a, b in pairwise(cuts):
        if a >= b:
            continue
        inside = any(s <= a and b <= e for s, e in unusable)
        pieces.append(
            Clause(a, b, clause.usable and not inside, clause.mentions_round, clause.past_perfect)
        )
    return pieces


def attribute_sentences(
    doc: Doc,
    layout: Layout,
    mentions: Sequence[RoundMention],
    round_link: RoundLink | None,
    published: date | None,
    calendar: dict[int, RoundInfo],
) -> list[SentenceRole]:
    """For every sentence, which of its clauses may give facts about the article's round."""
    number = round_link.number if round_link is not None else None
    dates = round_dates(calendar, number) if number is not None else None
    if dates is None and published is not None:
        dates = (published - timedelta(days=2), published)
    reference = dates[0] if dates else published
    tv = tokens_of(doc)
    words = words_of(doc)
    if not words.identity_norm:
        # Rules compare normalised forms in every language (Arabic spelling, suffixes).
        tv = Tokens(tv.text, normalised_tokens(doc, words), tv.idx, tv.ws, tv.breaks)
    by_sent: dict[int, list[RoundMention]] = {}
    for m in mentions:
        if m.kind == "ordinal":
            by_sent.setdefault(m.sent, []).append(m)

    text_all = doc_text(doc)
    cw = clause_words(words.lang)
    history_sents = _history_sentences(text_all, layout.sents, words.history_markers)
    roles: list[SentenceRole] = []
    for sent in layout.sents:
        history = sent.index in history_sents
        sent_words = set(tv.lower[sent.start : sent.end])
        bounds = (
            [(sent.start, sent.end)]
            if sent_words.isdisjoint(_CLAUSE_CUTS) or not _may_cut(sent_words)
            else clause_bounds(tv, sent.start, sent.end)
        )
        sent_ordinals = by_sent.get(sent.index)
        # No clause of a chrome or background sentence, nor of a history sentence without
        # an ordinal, is usable; dates (which can only make a clause unusable) need no look.
        settled = sent.kind == CHROME or sent.background or (history and not sent_ordinals)
        text = text_all[sent.start_char : sent.end_char]
        date_mentions = (
            find_date_mentions(text, sent.start_char, reference)
            if reference is not None
            and not settled
            and (
                not sent_words.isdisjoint(DATE_WORDS) or any(map(IS_NUMBER.__getitem__, sent_words))
            )
            else []
        )
        relative = list(RELATIVE_RE.finditer(text)) if "last" in sent_words and not settled else []
        if (
            len(bounds) == 1
            and not sent_ordinals
            and not date_mentions
            and not relative
            and sent_words.isdisjoint(cw.cue_words)
        ):
            # The common case: one clause that names no round, no date, no other meeting.
            usable = sent.kind != CHROME and not sent.background and not history
            # (positional arguments: keywords cost more for a slotted dataclass)
            clause = Clause(sent.start, sent.end, usable, False, False)
            roles.append(SentenceRole(sent, [clause], history))
            continue
        clauses: list[Clause] = []
        for c_start, c_end in bounds:
            c_first_char = tv.idx[c_start] if c_start < tv.n else sent.end_char
            c_last_char = (
                tv.idx[c_end - 1] + len(tv.text[c_end - 1])
                if c_end - 1 >= c_start
                else c_first_char
            )
            c_text = text_all[c_first_char:c_last_char]
            ordinals = (
                [m for m in sent_ordinals if c_start <= m.start < c_end] if sent_ordinals else []
            )
            names_round = bool(ordinals) and any(m.number == number for m in ordinals)
            c_words = sent_words if len(bounds) == 1 else set(tv.lower[c_start:c_end])
            mentions_round = names_round or (
                not ROUND_WORDS.isdisjoint(c_words) and bool(GENERIC_THIS_ROUND_RE.search(c_text))
            )
            # Another round or another date only makes a clause unusable: they are looked
            # for only while it may still be usable.
            usable = sent.kind != CHROME and not sent.background and (not history or names_round)
            dated_away: list[tuple[int, int]] = []
            if usable and _other_round(
                tv, c_start, c_end, c_words, ordinals, sent_ordinals, number, cw, dated_away
            ):
                usable = False
            if usable and not names_round and dates is not None and (date_mentions or relative):
                chars = (c_first_char, c_last_char)
                far_spans = _other_date(
                    tv, c_start, c_end, chars, date_mentions, dates, published
                ) + _other_relative_date(
                    tv, c_start, chars, sent.start_char, relative, published or dates[0], dates
                )
                for tok, tok_end in far_spans:
                    governed = (
                        _dependent_spans(tv, c_start, c_end, tok, tok_end)
                        if (tok, tok_end) != (c_start, c_end)
                        else None
                    )
                    if governed is None:
                        usable = False
                        break
                    dated_away += governed
            past_perfect = "had" in c_words and _main_past_perfect(c_text)
            clause = Clause(c_start, c_end, usable, mentions_round, past_perfect)
            if usable and dated_away:
                # A date that dates only a phrase of the clause leaves the rest usable.
                clauses += _split_clause(clause, dated_away)
            else:
                clauses.append(clause)
        roles.append(SentenceRole(sent, clauses, history))
    _follow_back_references(text_all, roles, words.lang)
    return roles


@cache
def _anaphoric_opener_re(lang: str) -> re.Pattern[str] | None:
    openers = load("clauses")["anaphoric_openers"].get(lang, ())
    if not openers:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(openers, key=len, reverse=True))
    return re.compile(rf"(?:{alternatives})(?!\w)", re.IGNORECASE)


def _follow_back_references(text: str, roles: list[SentenceRole], lang: str) -> None:
    """A sentence that opens by pointing back ("At that meeting ...", "Тогда ...", "Damals
    ...": `anaphoric_openers` of the language) to a sentence of its paragraph none of whose
    clauses is usable (another round, another date, history) is about that too."""
    opener = _anaphoric_opener_re(lang)
    if opener is None:
        return
    for before, role in pairwise(roles):
        prev = before.sent
        if (
            prev.kind == CHROME
            or prev.background
            or prev.paragraph != role.sent.paragraph
            or any(c.usable for c in before.clauses)
            or not any(c.usable for c in role.clauses)
            or not opener.match(text, role.sent.start_char)
        ):
            continue
        for clause in role.clauses:
            clause.usable = False


_PLURAL_HISTORY_MARKERS = word_set("clauses", "plural_history_markers")
# "as they did at earlier rounds", "more than in previous meetings": a comparison.
_COMPARISON_PREPOSITIONS = word_set("clauses", "comparison_prepositions")
_PREPOSITIONAL_MARKERS = word_set("clauses", "prepositional_markers")
_DETERMINERS = word_set("people", "determiners")
_SINGULAR_ROUND_NOUNS = word_set("clauses", "singular_round_nouns")


def _elliptical_other_round(
    tv: Tokens,
    start: int,
    end: int,
    sent_ordinals: list[RoundMention] | None,
    number: int | None,
    cw: ClauseWords,
) -> bool:
    """ "The first round, in 2017, set up the monitoring; the fourth, that May, created the
    zones": a clause opening with a bare ordinal in a sentence that names another round."""
    if not sent_ordinals or all(m.number == number for m in sent_ordinals):
        return False
    L = tv.lower
    j = start
    while j < end and L[j] in _ORDINAL_CLAUSE_OPENERS:
        j += 1
    if j + 1 >= end or L[j] not in cw.ordinals or L[j + 1] not in {",", "one"}:
        return False
    value = ordinal_value(tv.text[j : j + 1], cw.lang)
    return value is not None and value != number


_PLURAL_ROUND_NOUNS = word_set("clauses", "plural_round_nouns")
_ORDINAL_CLAUSE_OPENERS = word_set("clauses", "ordinal_clause_openers")
_TIME_UNITS = word_set("clauses", "time_units")
# The only tokens a passing reference may open with.
_PASSING_OPENERS = _PLURAL_HISTORY_MARKERS | PASSING_MARKERS
# Words without which a clause's round, passing reference and tense need no closer look.
_CLAUSE_CUE_WORDS = ROUND_WORDS | _PASSING_OPENERS | {"had"}


@dataclass(frozen=True, eq=False)
class ClauseWords:
    """The words of the attribution rules for one language. English keeps its own lists
    (plural history markers, "one" as a round noun); another language takes its passing
    markers, round nouns and subordinators from its word data. The cue words (the speed
    shortcut of `attribute_sentences`) are built from the same sets the rules read."""

    passing_markers: frozenset[str]
    plural_history_markers: frozenset[str]
    passing_openers: frozenset[str]
    singular_round_nouns: frozenset[str]
    plural_round_nouns: frozenset[str]
    cue_words: frozenset[str]
    subordinate_stops: dict[str, bool]
    ordinals: frozenset[str]
    lang: str


@cache
def clause_words(lang: str) -> ClauseWords:
    if lang == "en" or round_words(lang).lang == "en":
        return ClauseWords(
            PASSING_MARKERS,
            _PLURAL_HISTORY_MARKERS,
            _PASSING_OPENERS,
            _SINGULAR_ROUND_NOUNS,
            _PLURAL_ROUND_NOUNS,
            _CLAUSE_CUE_WORDS,
            _SUBORDINATE_STOPS,
            frozenset(_EN.ordinals),
            "en",
        )
    words = round_words(lang)
    stops = dict.fromkeys((",", ";", ":", "\u2014", "\u2013", "\u060c"), False)
    return ClauseWords(
        words.passing_markers,
        frozenset(),
        words.passing_markers,
        words.round_nouns,
        frozenset(),
        ROUND_WORDS | words.round_nouns | words.passing_markers | {"had"},
        stops | dict.fromkeys(words.subordinators, True),
        frozenset(words.ordinals),
        lang,
    )


def _passing_reference(tv: Tokens, start: int, end: int, cw: ClauseWords | None = None) -> bool:
    """ "the previous round", "the next meeting", "the most recent gathering" in a main clause;
    "later rounds set up ...", "earlier meetings agreed ..." (other rounds, not this one)."""
    L = tv.lower
    cw = cw or clause_words("en")
    stops = cw.subordinate_stops
    for j in tv.positions_in(cw.passing_openers, start, end):
        if (
            L[j] in cw.plural_history_markers
            and j + 1 < end
            and L[j + 1] in cw.plural_round_nouns
            and not (j > start and L[j - 1] in _COMPARISON_PREPOSITIONS)
            and not _is_subordinate(tv, start, j, stops)
            and not _is_parenthetical(tv, start, end, j, j + 2)
        ):
            return True
        if L[j] not in cw.passing_markers:
            continue
        nxt = L[j + 1 : min(j + 3, end)]
        if not any(w in cw.singular_round_nouns for w in nxt):
            continue
        if any(w in _TIME_UNITS for w in nxt):
            continue
        if L[j] == "last" and j + 1 < end and L[j + 1] == "of":
            continue
        if L[j] in _PREPOSITIONAL_MARKERS and (j == start or L[j - 1] not in _DETERMINERS):
            continue  # ", following talks in Astana": a preposition, not "the following round"
        if _is_subordinate(tv, start, j, stops):
            continue
        if _is_parenthetical(tv, start, end, j, j + 2):
            continue  # "Jordan, absent at the previous meeting, sent ..."
        return True
    return False
