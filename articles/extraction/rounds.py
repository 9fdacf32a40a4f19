"""Which round an article reports on, and which of its sentences are about that round.

Layers:

* `astana_rounds` (pipeline component) finds round mentions with a small anchored Matcher:
  ordinals ("13th round", "the eighteenth international meeting", "8th Astana round") and
  counts ("11 meetings ... have been held"). It sets `doc.spans["astana_rounds"]` (labels
  `ordinal` and `count`).
* `find_round_mentions` keeps the mentions that name an Astana round (not "the seventh
  session of the Constitutional Committee", not "the first meeting since ...").
* `decide_round` weighs the candidates: position (headline, lead), grammar (subject or
  object of opened/ended/wrapped up/will host), agreement with the publication date, and
  markers of a passing reference ("the previous round", "at the 20th round"). With no
  usable ordinal it falls back to a count or to the calendar and the publication date.
  Articles about a summit, the Sochi congress or Geneva get no round.
* `attribute_sentences` tells, clause by clause, whether a sentence may give facts about the
  chosen round: not when it talks about another round, another month's meeting, or history.
"""

from __future__ import annotations

import calendar as _calendar
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .data import load, word_set
from .sentences import (
    CHROME,
    HEADLINE,
    LEAD,
    Layout,
    SentInfo,
    StringCache,
    Tokens,
    doc_text,
    make_serialisable,
    tokens_of,
)
from .types import Evidence, RoundInfo, RoundLink

ROUNDS_COMPONENT = "astana_rounds"
ROUNDS_SPANS = "astana_rounds"

_R = load("rounds")
ORDINAL_WORDS: dict[str, int] = dict(_R["ordinal_words"])
TENS_WORDS: dict[str, int] = dict(_R["tens_words"])
CARDINAL_WORDS: dict[str, int] = dict(_R["cardinal_words"])


def _digit_ordinals(limit: int = 99) -> dict[str, int]:
    out = {}
    for n in range(1, limit + 1):
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        out[f"{n}{suffix}"] = n
    return out


DIGIT_ORDINALS = _digit_ordinals()
_ALL_ORDINALS = frozenset(ORDINAL_WORDS) | frozenset(DIGIT_ORDINALS)
_UNIT_ORDINALS = {k: v for k, v in ORDINAL_WORDS.items() if v < 10}

ROUND_NOUNS = word_set("rounds", "round_nouns")
COUNT_NOUNS = word_set("rounds", "count_nouns")
ROUND_MODIFIERS = word_set("rounds", "round_modifiers")
COUNT_MODIFIERS = word_set("rounds", "count_modifiers")
COUNT_VERBS = word_set("rounds", "count_verbs")
ASTANA_CONTEXT = word_set("rounds", "astana_context")
NOT_ROUND_AFTER_OF = word_set("rounds", "not_round_after_of")
NOT_ROUND_AFTER = word_set("rounds", "not_round_after")
PASSING_MARKERS = word_set("rounds", "passing_markers")
PASSING_PREPOSITIONS = word_set("rounds", "passing_prepositions")
SUBORDINATORS = word_set("rounds", "subordinators")
EVENT_VERBS = word_set("rounds", "event_verbs")
ANNOUNCEMENT_MARKERS = word_set("rounds", "announcement_markers")
NON_ROUND_EVENTS = tuple(_R["non_round_events"])
GENERIC_ROUND_WORDS = tuple(_R["generic_round_words"])
FUTURE_MARKERS = tuple(_R["future_markers"])


class WordPhrases:
    """A search for any of some phrases as whole words.

    A substring test per phrase (a fast scan in C) comes before the regex: the regex tries
    every phrase at every position of the text, and most texts hold none of the phrases.
    """

    def __init__(self, phrases: Sequence[str]) -> None:
        self.phrases = tuple(phrases)
        alternation = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        self.pattern = re.compile(rf"\b(?:{alternation})\b")

    def found_in(self, text: str) -> bool:
        return any(p in text for p in self.phrases) and self.pattern.search(text) is not None


_NON_ROUND_PHRASES = WordPhrases(NON_ROUND_EVENTS)
_FUTURE_PHRASES = WordPhrases(FUTURE_MARKERS)
_GENERIC_PHRASES = WordPhrases(GENERIC_ROUND_WORDS)
CITIES = dict(_R["cities"])
HISTORY_MARKERS = tuple(_R["history_markers"])
CAPITAL_RENAMES = tuple((date.fromisoformat(r["until"]), r["name"]) for r in _R["capital_renames"])

# Weights of the round decision. Position of a mention, grammar, date agreement.
W_HEADLINE, W_LEAD, W_FIRST_PARAGRAPH, W_BODY = 3.0, 2.5, 1.5, 1.0
W_EVENT_VERB = 1.0
W_PASSING = -4.0
W_PASSING_PREPOSITION = -0.75
W_DATE_AGREES, W_DATE_DISAGREES = 2.5, -3.0
# A look-back published a few weeks after the window ("Five weeks ago, the diplomats...")
# disagrees less than an article dated before the round or long after it; so does a date
# read only from an update stamp (publication was on or before it).
W_DATE_LOOK_BACK, LOOK_BACK_WINDOW = -1.5, timedelta(days=75)
W_DATE_WEAK_FACTOR = 0.5
W_COUNT = 1.5
W_CALENDAR = 1.5
MIN_SCORE = 1.5
DATE_WINDOW_BEFORE = timedelta(days=21)  # announcements
DATE_WINDOW_AFTER = timedelta(days=21)  # reports and retrospectives
DATE_TOLERANCE = timedelta(days=20)  # a date this close to the round is the round's


# --- component ---------------------------------------------------------------------------------

_COUNT_MODIFIERS = COUNT_MODIFIERS - {"rounds"}  # "rounds of talks", but never "5 rounds rounds"


def _round_patterns() -> list[list[dict]]:
    """Ordinal round mentions as spaCy Matcher patterns: what `_ordinal_end` matches."""
    ordinal = {"LOWER": {"IN": sorted(_ALL_ORDINALS)}}
    compound = [
        {"LOWER": {"IN": sorted(TENS_WORDS)}},
        {"ORTH": "-", "OP": "?"},
        {"LOWER": {"IN": sorted(_UNIT_ORDINALS)}},
    ]
    modifier = {"LOWER": {"IN": sorted(ROUND_MODIFIERS)}, "OP": "{0,4}"}
    noun = {"LOWER": {"IN": sorted(ROUND_NOUNS)}}
    return [[ordinal, modifier, noun], [*compound, modifier, noun]]


def _count_patterns() -> list[list[dict]]:
    """Counts of rounds as spaCy Matcher patterns: what `_count_start` matches."""
    number = {"LIKE_NUM": True}
    modifier = {"LOWER": {"IN": sorted(_COUNT_MODIFIERS)}, "OP": "{0,2}"}
    return [[number, modifier, {"LOWER": {"IN": sorted(COUNT_NOUNS)}}]]


def _ordinal_end(lower: Sequence[str], start: int) -> int | None:
    """End of the longest match of `_round_patterns` that starts at token `start` ("13th
    round", "twenty-first international meeting"), or None."""
    i = start + 1
    if lower[start] in TENS_WORDS:  # "twenty-first", "twenty first"
        if i < len(lower) and lower[i] == "-":
            i += 1
        if i >= len(lower) or lower[i] not in _UNIT_ORDINALS:
            return None
        i += 1
    elif lower[start] not in _ALL_ORDINALS:
        return None
    end = None
    for j in range(i, min(len(lower), i + 5)):  # at most four modifiers, then the noun
        if lower[j] in ROUND_NOUNS:
            end = j + 1
        if lower[j] not in ROUND_MODIFIERS:
            break
    return end


def _count_start(lower: Sequence[str], doc: Doc, end: int) -> int | None:
    """Start of the longest match of `_count_patterns` that ends with the count noun at token
    `end - 1` ("11 meetings", "four earlier sessions"), or None."""
    if lower[end - 1] not in COUNT_NOUNS:
        return None
    start = None
    for j in range(end - 2, max(-1, end - 5), -1):  # the number, after at most two modifiers
        if doc[j].like_num:
            start = j
        if lower[j] not in _COUNT_MODIFIERS:
            break
    return start


@Language.factory(ROUNDS_COMPONENT)
def make_rounds_component(nlp: Language, name: str) -> RoundMatcher:
    return RoundMatcher(nlp)


class RoundMatcher:
    """Sets `doc.spans["astana_rounds"]`: ordinal round mentions (label `ordinal`) and counts
    of earlier rounds (label `count`).

    A PhraseMatcher finds the anchors (ordinals, "rounds"/"meetings"/"sessions"); the patterns
    (`_round_patterns`, `_count_patterns`) are then matched in plain Python on the few tokens
    after an ordinal or before a count noun: a spaCy Matcher would call a Python predicate per
    token and pattern. Overlapping matches are reduced to the longest.
    """

    def __init__(self, nlp: Language) -> None:
        self.anchors = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.anchors.add(
            "ordinal", [nlp.make_doc(w) for w in sorted(_ALL_ORDINALS | set(TENS_WORDS))]
        )
        self.anchors.add("count", [nlp.make_doc(w) for w in sorted(COUNT_NOUNS)])
        self.ordinal_id = nlp.vocab.strings["ordinal"]

    def __call__(self, doc: Doc) -> Doc:
        found: list[tuple[int, int, int]] = []
        lower = tokens_of(doc).lower
        for anchor_id, start, end in self.anchors(doc):
            if anchor_id == self.ordinal_id:
                match_end = _ordinal_end(lower, start)
                if match_end is not None:
                    found.append((anchor_id, start, match_end))
            else:
                match_start = _count_start(lower, doc, end)
                if match_start is not None:
                    found.append((anchor_id, match_start, end))
        found.sort(key=lambda m: (m[1], -(m[2] - m[1])))
        kept: list[Span] = []
        last_end = -1
        for match_id, start, end in found:
            if start >= last_end:
                kept.append(Span(doc, start, end, label=match_id))
                last_end = end
        doc.spans[ROUNDS_SPANS] = kept
        return make_serialisable(doc)  # the last component: the Doc may leave the process


# --- mentions ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RoundMention:
    kind: str  # "ordinal" or "count"
    number: int  # the round named (for a count: the one after those counted)
    start: int  # token offsets
    end: int
    sent: int  # sentence index in the layout


def ordinal_value(tokens: Sequence[str]) -> int | None:
    """The number of an ordinal written as one or more tokens ("13th", "twenty-third")."""
    words = [t.lower() for t in tokens if t != "-"]
    if not words:
        return None
    if words[0] in DIGIT_ORDINALS:
        return DIGIT_ORDINALS[words[0]]
    if words[0] in TENS_WORDS:
        if len(words) > 1 and words[1] in _UNIT_ORDINALS:
            return TENS_WORDS[words[0]] + _UNIT_ORDINALS[words[1]]
        return None
    return ORDINAL_WORDS.get(words[0])


def cardinal_value(text: str) -> int | None:
    text = text.lower().replace(",", "")
    if text.isdigit():
        return int(text)
    return CARDINAL_WORDS.get(text)


def sentence_index(layout: Layout) -> list[int]:
    """Token start offsets of the layout's sentences, for `bisect`."""
    return [s.start for s in layout.sents]


def sent_of(layout: Layout, starts: list[int], token_i: int) -> SentInfo | None:
    i = bisect_right(starts, token_i) - 1
    if i < 0:
        return None
    sent = layout.sents[i]
    return sent if sent.start <= token_i < sent.end else None


def find_round_mentions(doc: Doc, layout: Layout) -> list[RoundMention]:
    """Round mentions that name an Astana-format round (pure rules over the matcher's spans)."""
    starts = sentence_index(layout)
    tv = tokens_of(doc)
    out: list[RoundMention] = []
    for span in doc.spans.get(ROUNDS_SPANS, []):
        sent = sent_of(layout, starts, span.start)
        if sent is None:
            continue
        if span.label_ == "ordinal":
            mention = _ordinal_mention(tv, span.start, span.end, sent)
        else:
            mention = _count_mention(tv, span.start, span.end, sent)
        if mention is not None:
            out.append(mention)
    return out


_ALWAYS_ROUND_NOUNS = word_set("rounds", "always_round_nouns")
# Bodies with meetings of their own ("the working group held its second meeting").
OTHER_BODIES = frozenset(
    {"group", "subgroup", "committee", "commission", "council", "panel", "body", "forum"}
)


def _ordinal_mention(tv: Tokens, start: int, end: int, sent: SentInfo) -> RoundMention | None:
    L = tv.lower
    words = tv.text[start:end]
    # The ordinal is the leading one or three tokens.
    n_ord = 1
    if L[start] in TENS_WORDS:
        n_ord = 3 if len(words) > 2 and words[1] == "-" else 2
    number = ordinal_value(words[:n_ord])
    if number is None or number > 60:
        return None
    noun = L[end - 1]
    modifiers = set(L[start + n_ord : end - 1])
    after = L[end] if end < sent.end else None
    if after is not None and after in NOT_ROUND_AFTER and after != "of":
        return None
    if number == 1 and any(w in {"since", "outside"} for w in L[end : min(end + 7, sent.end)]):
        return None  # "the first round since ...", "the first meeting in the capital since"
    if after == "of":
        following = set(L[end + 1 : min(end + 6, sent.end)])
        if following & NOT_ROUND_AFTER_OF:
            return None
    if noun not in _ALWAYS_ROUND_NOUNS:
        sentence_words = set(L[sent.start : sent.end])
        if (
            start > sent.start
            and L[start - 1] in {"its", "their"}
            and sentence_words & OTHER_BODIES
            and not modifiers & ASTANA_CONTEXT
        ):
            return None  # "the working group held its second meeting"
        if not (modifiers & ASTANA_CONTEXT or sentence_words & ASTANA_CONTEXT):
            return None
        if sentence_words & {"summit", "congress"} and not modifiers & ASTANA_CONTEXT:
            return None
    return RoundMention("ordinal", number, start, end, sent.index)


def _count_mention(tv: Tokens, start: int, end: int, sent: SentInfo) -> RoundMention | None:
    L = tv.lower
    value = cardinal_value(tv.text[start])
    if value is None or not 1 <= value <= 40:
        return None
    if start > sent.start and L[start - 1] in _ALL_ORDINALS | {"first", "last"}:
        return None  # "the first two sessions"
    if not any(w in COUNT_VERBS for w in L[end : sent.end]):
        return None
    return RoundMention("count", value + 1, start, end, sent.index)


# --- dates in sentences ----------------------------------------------------------------------

_MONTH_NAMES = {m.lower(): i for i, m in enumerate(_calendar.month_name) if m}
_MONTH_NAMES.update({m.lower(): i for i, m in enumerate(_calendar.month_abbr) if m})
_MONTH_NAMES["sept"] = 9
_MONTH_RE = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?"
)
_PREP_RE = (
    r"(?P<prep>\b(?:[Ii]n|[Oo]n|[Dd]uring|[Ll]ast|[Ss]ince|[Aa]t\s+the\s+(?:end|start|beginning)"
    r"\s+of|[Aa]t\s+the|[Ss]ince\s+the|[Tt]hat|[Tt]his)\s+)(?:(?:early|late|mid)[\s-]+)?"
)
_DATE_RE = re.compile(
    rf"{_PREP_RE}(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<mon>{_MONTH_RE})(?![\w-])"
    r"(?:\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?:\s*[-\u2013]\s*(?P<d3>\d{1,2}))?\b)?"
    r"(?:,?\s+(?P<year>(?:19|20)\d{2})\b)?"
)
_YEAR_RE = re.compile(
    r"(?P<prep>\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Ss]ince\s+(?:early|late|mid))\s+)"
    r"(?:(?:early|late|mid)[\s-]+)?(?P<year>(?:19|20)\d{2})\b(?![-/.]\d)"
)
# Every month name `_MONTH_RE` matches starts with one of these; every year, with these digits.
_MONTH_PREFIX_RE = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_YEAR_DIGITS_RE = re.compile(r"(?:19|20)\d{2}")
# The words a year of `_YEAR_RE` follows (after spaces and hyphens).
_YEAR_LEADS = ("in", "In", "since", "Since", "during", "During", "early", "late", "mid")


def _may_hold_year_adverbial(text: str) -> bool:
    """Whether a year in `text` follows one of `_YEAR_LEADS` and spaces or hyphens, as every
    match of `_YEAR_RE` does: a test of the few years instead of a try at every position."""
    for m in _YEAR_DIGITS_RE.finditer(text):
        lead_end = m.start()
        while lead_end > 0 and (text[lead_end - 1].isspace() or text[lead_end - 1] == "-"):
            lead_end -= 1
        if lead_end < m.start() and text.endswith(_YEAR_LEADS, 0, lead_end):
            return True
    return False


_RELATIVE_RE = re.compile(r"\b[Ll]ast\s+(?P<unit>month|year)\b")
_PAST_PERFECT_RE = re.compile(
    r"\bhad\s+(?:\w+\s+){0,2}?(?:been|\w+ed|\w+en|met|said|gone|done|made|set|put|held|led|sent|begun|brought|won|lost|become|come)\b"
)
_GENERIC_THIS_ROUND_RE = re.compile(
    r"\b(?:the|this|this\s+week's|this\s+year's|today's|the\s+two-day)\s+"
    r"(?:round|meeting|talks|session|plenary|gathering)\b|\bthe\s+joint\s+statement\b",
    re.IGNORECASE,
)


_DATE_WORDS = frozenset(_MONTH_NAMES) | frozenset(m + "." for m in _MONTH_NAMES)
_IS_NUMBER = StringCache(str.isdigit)
_ROUND_WORDS = frozenset(
    {"round", "meeting", "talks", "session", "plenary", "gathering", "statement"}
)


@dataclass(frozen=True, slots=True)
class DateMention:
    start_char: int
    end_char: int
    first: date
    last: date
    prep: str
    year_only: bool


@cache
def _month_interval(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, _calendar.monthrange(year, month)[1])


def find_date_mentions(text: str, offset: int, reference: date) -> list[DateMention]:
    """Dates written as adverbials ("in May", "on October 30", "since March 2011") in `text`.

    A date without a year takes the year that puts it nearest to `reference`.
    """
    out: list[DateMention] = []
    # Cheap searches first: most sentences name no month and no year.
    months = _DATE_RE.finditer(text) if _MONTH_PREFIX_RE.search(text) else ()
    for m in months:
        month = _MONTH_NAMES.get(m["mon"].lower().rstrip("."))
        if month is None:
            continue
        d_first = m["d1"] or m["d2"]
        d_last = m["d3"] or d_first
        years = (
            [int(m["year"])]
            if m["year"]
            else [reference.year - 1, reference.year, reference.year + 1]
        )
        best: tuple[int, date, date] | None = None
        for year in years:
            lo, hi = _month_interval(year, month)
            if d_first:
                try:
                    lo = date(year, month, int(d_first))
                    hi = date(year, month, int(d_last))
                except ValueError:
                    continue
            gap = _interval_gap(lo, hi, reference, reference)
            if best is None or gap < best[0]:
                best = (gap, lo, hi)
        if best is None:
            continue
        prep = m["prep"].strip().lower()
        out.append(
            DateMention(offset + m.start("prep"), offset + m.end(), best[1], best[2], prep, False)
        )
    for m in _YEAR_RE.finditer(text) if _may_hold_year_adverbial(text) else ():
        year = int(m["year"])
        prep = m["prep"].strip().lower()
        out.append(
            DateMention(
                offset + m.start(),
                offset + m.end(),
                date(year, 1, 1),
                date(year, 12, 31),
                prep,
                True,
            )
        )
    return out


def _interval_gap(a0: date, a1: date, b0: date, b1: date) -> int:
    """Days between two date intervals (0 when they overlap)."""
    if a1 < b0:
        return (b0 - a1).days
    if b1 < a0:
        return (a0 - b1).days
    return 0


# --- the decision ------------------------------------------------------------------------------


@dataclass
class _Candidate:
    number: int
    score: float = 0.0
    scores: list[float] = field(default_factory=list)
    best: RoundMention | None = None
    best_score: float = float("-inf")
    method: str = "ordinal"
    announcement: bool = False


def _position_weight(sent: SentInfo) -> float:
    if sent.kind == HEADLINE:
        return W_HEADLINE
    if sent.kind == LEAD:
        return W_LEAD
    if sent.first_paragraph:
        return W_FIRST_PARAGRAPH
    return W_BODY


def _round_dates(calendar: dict[int, RoundInfo], number: int) -> tuple[date, date] | None:
    info = calendar.get(number)
    if info is None or info.start is None:
        return None
    return info.start, info.end or info.start


def _date_term(
    published: date | None, dates: tuple[date, date] | None, weak: bool = False
) -> float:
    if published is None or dates is None:
        return 0.0
    start, end = dates
    if start - DATE_WINDOW_BEFORE <= published <= end + DATE_WINDOW_AFTER:
        closeness = (
            0.5 if start - timedelta(days=2) <= published <= end + timedelta(days=3) else 0.0
        )
        return W_DATE_AGREES + closeness
    penalty = W_DATE_DISAGREES
    if end < published <= end + LOOK_BACK_WINDOW:
        penalty = W_DATE_LOOK_BACK
    return penalty * W_DATE_WEAK_FACTOR if weak and published > end else penalty


def _clause_bounds(tv: Tokens, sent: SentInfo, i: int) -> tuple[int, int]:
    T = tv.text
    start = sent.start
    for j in range(i - 1, sent.start - 1, -1):
        if T[j] == ";":
            start = j + 1
            break
    end = sent.end
    for j in range(i, sent.end):
        if T[j] == ";":
            end = j
            break
    return start, end


def _mention_score(tv: Tokens, m: RoundMention, sent: SentInfo) -> tuple[float, bool]:
    """Score of one ordinal mention (without the date term), and whether it announces."""
    score = _position_weight(sent)
    c_start, c_end = _clause_bounds(tv, sent, m.start)
    before_words = tv.lower[max(c_start, m.start - 4) : m.start]
    # "the previous round", "the next, 16th round"
    if any(w in PASSING_MARKERS for w in before_words[-2:]):
        score += W_PASSING
    # "at the 20th round", "since the 13th meeting"
    det = before_words[-1] if before_words else ""
    prep = before_words[-2] if len(before_words) >= 2 and det in {"the", "its", "their"} else det
    if prep in PASSING_PREPOSITIONS:
        score += W_PASSING_PREPOSITION
    # Grammar: the round opens/ends/is held ..., or someone wrapped up/hosts the round.
    after = [w for w in tv.lower[m.end : min(c_end, m.end + 10)] if w[:1].isalnum()]
    verbs_after = any(w in EVENT_VERBS for w in after[:8])
    verbs_before = any(w in EVENT_VERBS for w in before_words)
    if verbs_after or verbs_before:
        score += W_EVENT_VERB
    window = set(before_words) | set(after[:8])
    announcement = bool(window & {"will", "scheduled", "due", "expected", "upcoming"}) or (
        bool(window & {"host", "hosts"}) and "to" in window
    )
    return score, announcement


def _mentions_text(doc: Doc, sents: Sequence[SentInfo]) -> str:
    return " ".join(doc_text(doc)[s.start_char : s.end_char] for s in sents).lower()


def _top_text(doc: Doc, layout: Layout) -> str:
    """The headline and the lead, lower-cased."""
    top = [layout.sents[i] for i in layout.headline]
    if layout.lead is not None:
        top.append(layout.sents[layout.lead])
    return _mentions_text(doc, top)


def _has_round_context(doc: Doc, layout: Layout) -> bool:
    top = [s for s in layout.sents if s.kind in (HEADLINE, LEAD) or s.first_paragraph]
    text = _mentions_text(doc, top)
    return _GENERIC_PHRASES.found_in(text)


def city_for(
    number: int,
    calendar: dict[int, RoundInfo],
    doc: Doc,
    sents: Sequence[SentInfo],
    when: date | None,
) -> str | None:
    """The round's city from the calendar, else the first city the given sentences name."""
    info = calendar.get(number)
    if info is not None and info.city:
        return info.city
    for sent in sents:
        text = doc_text(doc)[sent.start_char : sent.end_char]
        lowered = text.lower()
        found = [(lowered.find(key), name) for key, name in CITIES.items() if key in lowered]
        found = [f for f in found if f[0] >= 0 and name_is_word(lowered, f[0], f[1])]
        if found:
            return min(found)[1]
        if "kazakh capital" in lowered or "capital of kazakhstan" in lowered:
            return capital_name(when)
    return None


def name_is_word(text: str, pos: int, name: str) -> bool:
    end = pos + len(name)
    return (pos == 0 or not text[pos - 1].isalpha()) and (
        end >= len(text) or not text[end].isalpha()
    )


def capital_name(when: date | None) -> str | None:
    if when is None:
        return None
    for until, name in CAPITAL_RENAMES:
        if when <= until:
            return name
    return None


def _evidence(doc: Doc, sent: SentInfo) -> Evidence:
    return Evidence(doc_text(doc)[sent.start_char : sent.end_char], sent.start_char, sent.end_char)


def decide_round(
    doc: Doc,
    layout: Layout,
    mentions: Sequence[RoundMention],
    published: date | None,
    calendar: dict[int, RoundInfo],
    date_weak: bool = False,
) -> RoundLink | None:
    """The round the article reports on, or None (see the module docstring for the rules).
    `date_weak`: the date was read from an update stamp alone (low confidence)."""
    candidates: dict[int, _Candidate] = {}
    top_ordinal = False
    for m in mentions:
        sent = layout.sents[m.sent]
        if sent.kind == CHROME or sent.background:
            continue
        cand = candidates.setdefault(m.number, _Candidate(m.number))
        if m.kind == "ordinal":
            score, announcement = _mention_score(tokens_of(doc), m, sent)
            if sent.kind in (HEADLINE, LEAD):
                top_ordinal = True
        else:
            score, announcement = W_COUNT, False
        score += _date_term(published, _round_dates(calendar, m.number), date_weak)
        cand.scores.append(score)
        if score > cand.best_score:
            cand.best_score, cand.best = score, m
            cand.method = m.kind
            cand.announcement = announcement

    # The headline or lead is about a summit, a congress, Geneva talks or ministers.
    top_text = _top_text(doc, layout)
    if _NON_ROUND_PHRASES.found_in(top_text) and not top_ordinal:
        return None

    for cand in candidates.values():
        ordered = sorted(cand.scores, reverse=True)
        cand.score = ordered[0] + 0.25 * sum(s for s in ordered[1:] if s > 0)

    # The calendar: an article published during a round, just after it, or (announcing it)
    # a few weeks before.
    if published is not None and _has_round_context(doc, layout):
        announces = _FUTURE_PHRASES.found_in(top_text)  # "will host", "next week"
        for number in calendar:
            dates = _round_dates(calendar, number)
            term = _date_term(published, dates)
            if term <= 0 or dates is None:
                continue
            if published < dates[0] - timedelta(days=3) and not announces:
                continue
            cand = candidates.setdefault(number, _Candidate(number, method="calendar-date"))
            if cand.best is None:
                cand.method = "calendar-date"
                cand.score = W_CALENDAR + term
            else:
                cand.score += 0.5  # the date confirms a mention

    if not candidates:
        return None
    best = max(candidates.values(), key=lambda c: (c.score, -c.number))
    if best.score < MIN_SCORE:
        return None

    number = best.number
    if best.best is not None:
        sent = layout.sents[best.best.sent]
        evidence = _evidence(doc, sent)
        evidence_sents = [sent]
    else:
        top = (
            layout.lead
            if layout.lead is not None
            else (layout.headline[0] if layout.headline else None)
        )
        sent = layout.sents[top] if top is not None else None
        evidence = _evidence(doc, sent) if sent is not None else None
        evidence_sents = [sent] if sent is not None else []
    method = best.method
    dates = _round_dates(calendar, number)
    if (
        method == "ordinal"
        and best.announcement
        and (published is None or dates is None or published < dates[0])
    ):
        method = "announcement"
    city_sents = evidence_sents + [layout.sents[i] for i in layout.headline]
    if layout.lead is not None:
        city_sents.append(layout.sents[layout.lead])
    city = city_for(number, calendar, doc, city_sents, published or (dates[0] if dates else None))
    confidence = round(min(0.99, 0.5 + best.score / 12), 2)
    return RoundLink(
        number=number, method=method, city=city, evidence=evidence, confidence=confidence
    )


# --- sentence attribution ------------------------------------------------------------------------


_CLAUSE_OPENERS = frozenset({"while", "whereas", "but"})
_CONTRAST_OPENERS = frozenset({("rather", "than"), ("instead", "of")})
_COLON_ASIDE_OPENERS = frozenset({"at", "in", "on", "during", "since", "until", "back", "last"})
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


def _is_subordinate(tv: Tokens, clause_start: int, token_i: int) -> bool:
    """A subordinator ("after", "than", ...) stands between the clause start and the token,
    with no comma in between: "had flown in after sitting out the previous round in March"."""
    for word in reversed(tv.lower[clause_start:token_i]):
        found = _SUBORDINATE_STOPS.get(word)
        if found is not None:
            return found
    return False


_ASIDE_VERBS = frozenset(word_set("people", "head_verbs_active") | {"attended", "attend"})


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
    if j + 1 < token_i and tv.lower[j + 1] in {"who", "whose", "which"}:
        return _ASIDE_VERBS.isdisjoint(tv.lower[j + 1 : token_i])
    return False


_RELATIVE_PRONOUN_RE = re.compile(r"\b(?:which|who|whom|that)\b[^,;]*$", re.IGNORECASE)


def _main_past_perfect(text: str) -> bool:
    """A past perfect ("had been met") outside a relative clause: ", which they said had
    made the pandemic harder" describes a noun and does not date the clause."""
    return any(
        not _RELATIVE_PRONOUN_RE.search(text[max(0, m.start() - 40) : m.start()])
        for m in _PAST_PERFECT_RE.finditer(text)
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


# History markers are searched once in the lower-cased text of the whole document.
_HISTORY_DOC_SEARCH = all(marker and marker.isascii() for marker in HISTORY_MARKERS)


def _history_sentences(text: str, sents: Sequence[SentInfo]) -> set[int]:
    """Indices of the sentences whose lower-cased text contains a history marker."""
    lowered = text.lower()
    if not _HISTORY_DOC_SEARCH or len(lowered) != len(text):
        # Offsets in the lower-cased document would not match the original text.
        return {
            sent.index
            for sent in sents
            if any(m in text[sent.start_char : sent.end_char].lower() for m in HISTORY_MARKERS)
        }
    # Sentences are disjoint and in order: only the last one that starts at or before an
    # occurrence can hold it.
    starts = [sent.start_char for sent in sents]
    found: set[int] = set()
    for marker in HISTORY_MARKERS:
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
) -> bool:
    """The clause talks about another round: it names one in its main clause, opens with a
    bare ordinal that stands for one, or makes a passing reference ("the previous round")."""
    if not ordinals and not sent_ordinals:  # the common case: only a passing reference
        return not c_words.isdisjoint(_PASSING_OPENERS) and _passing_reference(tv, c_start, c_end)
    if any(m.number != number and not _is_subordinate(tv, c_start, m.start) for m in ordinals):
        return True
    names_round = any(m.number == number for m in ordinals)
    if (
        not names_round
        and sent_ordinals
        and _elliptical_other_round(tv, c_start, c_end, sent_ordinals, number)
    ):
        return True
    return not c_words.isdisjoint(_PASSING_OPENERS) and _passing_reference(tv, c_start, c_end)


def _other_date(
    tv: Tokens,
    c_start: int,
    c_end: int,
    chars: tuple[int, int],
    date_mentions: list[DateMention],
    dates: tuple[date, date],
) -> bool:
    """A date in the clause (tokens [c_start, c_end), characters `chars`) outside a
    subordinate clause, a relative aside or a parenthesis is too far from the round's dates:
    the clause is about another meeting."""
    token_starts = tv.idx
    for dm in date_mentions:
        if not chars[0] <= dm.start_char < chars[1]:
            continue
        tok = max(0, bisect_right(token_starts, dm.start_char) - 1)
        tok_end = max(tok + 1, bisect_right(token_starts, dm.end_char - 1))
        if _is_subordinate(tv, c_start, tok) or _in_relative_aside(tv, c_start, tok):
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
                return True
            continue
        if dm.prep in {"that", "this"}:
            continue
        if _is_parenthetical(tv, c_start, c_end, tok, tok_end):
            continue
        if _interval_gap(dm.first, dm.last, dates[0], dates[1]) > DATE_TOLERANCE.days:
            return True
    return False


def _other_relative_date(
    tv: Tokens,
    c_start: int,
    chars: tuple[int, int],
    offset: int,
    relative: list[re.Match[str]],
    base: date,
    dates: tuple[date, date],
) -> bool:
    """ "last month", "last year" (counted from `base`) in the clause (characters `chars`),
    outside a relative aside, is too far from the round's dates. `offset`: where the text
    the matches were found in starts."""
    for rm in relative:
        char = offset + rm.start()
        if not chars[0] <= char < chars[1]:
            continue
        rel_tok = max(0, bisect_right(tv.idx, char) - 1)
        if _in_relative_aside(tv, c_start, rel_tok):
            continue
        if rm["unit"] == "month":
            prior = (base.replace(day=1) - timedelta(days=1)).replace(day=1)
            lo, hi = _month_interval(prior.year, prior.month)
        else:
            lo, hi = date(base.year - 1, 1, 1), date(base.year - 1, 12, 31)
        if _interval_gap(lo, hi, dates[0], dates[1]) > DATE_TOLERANCE.days:
            return True
    return False


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
    dates = _round_dates(calendar, number) if number is not None else None
    if dates is None and published is not None:
        dates = (published - timedelta(days=2), published)
    reference = dates[0] if dates else published
    tv = tokens_of(doc)
    by_sent: dict[int, list[RoundMention]] = {}
    for m in mentions:
        if m.kind == "ordinal":
            by_sent.setdefault(m.sent, []).append(m)

    text_all = doc_text(doc)
    history_sents = _history_sentences(text_all, layout.sents)
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
                not sent_words.isdisjoint(_DATE_WORDS)
                or any(map(_IS_NUMBER.__getitem__, sent_words))
            )
            else []
        )
        relative = list(_RELATIVE_RE.finditer(text)) if "last" in sent_words and not settled else []
        if (
            len(bounds) == 1
            and not sent_ordinals
            and not date_mentions
            and not relative
            and sent_words.isdisjoint(_CLAUSE_CUE_WORDS)
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
                not _ROUND_WORDS.isdisjoint(c_words) and bool(_GENERIC_THIS_ROUND_RE.search(c_text))
            )
            # Another round or another date only makes a clause unusable: they are looked
            # for only while it may still be usable.
            usable = sent.kind != CHROME and not sent.background and (not history or names_round)
            if usable and _other_round(
                tv, c_start, c_end, c_words, ordinals, sent_ordinals, number
            ):
                usable = False
            if usable and not names_round and dates is not None and (date_mentions or relative):
                chars = (c_first_char, c_last_char)
                usable = not (
                    _other_date(tv, c_start, c_end, chars, date_mentions, dates)
                    or _other_relative_date(
                        tv, c_start, chars, sent.start_char, relative, published or dates[0], dates
                    )
                )
            past_perfect = "had" in c_words and _main_past_perfect(c_text)
            clauses.append(Clause(c_start, c_end, usable, mentions_round, past_perfect))
        roles.append(SentenceRole(sent, clauses, history))
    return roles


_PLURAL_HISTORY_MARKERS = frozenset(
    {"later", "earlier", "previous", "past", "prior", "subsequent", "successive", "former"}
)
# "as they did at earlier rounds", "more than in previous meetings": a comparison.
_COMPARISON_PREPOSITIONS = frozenset(
    {"at", "in", "during", "since", "than", "like", "unlike", "from", "over", "across", "of"}
)
_SINGULAR_ROUND_NOUNS = frozenset({"round", "meeting", "session", "gathering", "talks", "one"})


def _elliptical_other_round(
    tv: Tokens, start: int, end: int, sent_ordinals: list[RoundMention] | None, number: int | None
) -> bool:
    """ "The first round, in 2017, set up the monitoring; the fourth, that May, created the
    zones": a clause opening with a bare ordinal in a sentence that names another round."""
    if not sent_ordinals or all(m.number == number for m in sent_ordinals):
        return False
    L = tv.lower
    j = start
    while j < end and L[j] in {"the", "and", "then", "while"}:
        j += 1
    if j + 1 >= end or L[j] not in _ALL_ORDINALS or L[j + 1] not in {",", "one"}:
        return False
    value = ordinal_value(tv.text[j : j + 1])
    return value is not None and value != number


_PLURAL_ROUND_NOUNS = frozenset({"rounds", "meetings", "sessions", "gatherings"})
# The only tokens a passing reference may open with.
_PASSING_OPENERS = _PLURAL_HISTORY_MARKERS | PASSING_MARKERS
# Words without which a clause's round, passing reference and tense need no closer look.
_CLAUSE_CUE_WORDS = _ROUND_WORDS | _PASSING_OPENERS | {"had"}


def _passing_reference(tv: Tokens, start: int, end: int) -> bool:
    """ "the previous round", "the next meeting", "the most recent gathering" in a main clause;
    "later rounds set up ...", "earlier meetings agreed ..." (other rounds, not this one)."""
    L = tv.lower
    for j in tv.positions_in(_PASSING_OPENERS, start, end):
        if (
            L[j] in _PLURAL_HISTORY_MARKERS
            and j + 1 < end
            and L[j + 1] in _PLURAL_ROUND_NOUNS
            and not (j > start and L[j - 1] in _COMPARISON_PREPOSITIONS)
            and not _is_subordinate(tv, start, j)
            and not _is_parenthetical(tv, start, end, j, j + 2)
        ):
            return True
        if L[j] not in PASSING_MARKERS:
            continue
        nxt = L[j + 1 : min(j + 3, end)]
        if not any(w in _SINGULAR_ROUND_NOUNS for w in nxt):
            continue
        if any(w in {"week", "month", "year", "day", "time"} for w in nxt):
            continue
        if L[j] == "last" and j + 1 < end and L[j + 1] == "of":
            continue
        if _is_subordinate(tv, start, j):
            continue
        if _is_parenthetical(tv, start, end, j, j + 2):
            continue  # "Jordan, absent at the previous meeting, sent ..."
        return True
    return False
