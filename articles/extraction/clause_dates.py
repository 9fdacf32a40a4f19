"""Dates written as adverbials in a sentence ("in May", "on October 30", "since March
2011", "last month"): the attribution rules use them to tell a clause about another meeting.
English only for now: in other languages no date adverbial is found, so none makes a
clause unusable.
"""

from __future__ import annotations

import calendar as _calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from .datetext import month_names, month_pattern, month_prefix_pattern
from .sentences import StringCache

# English month names from patterns/dates.json (the one definition), case-sensitive: "May"
# is a month, "may" a verb.
_MONTH_NAMES = month_names("en")
_MONTH_RE = month_pattern("en", title_case=True)
_PREP_RE = (
    r"(?P<prep>\b(?:[Ii]n|[Oo]n|[Dd]uring|[Ll]ast|[Ss]ince|[Aa]t\s+the\s+(?:end|start|beginning)"
    r"\s+of|[Aa]t\s+the|[Ss]ince\s+the|[Tt]hat|[Tt]his)\s+)(?:(?:early|late|mid)[\s-]+)?"
)
_DATE_RE = re.compile(
    rf"{_PREP_RE}(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<mon>{_MONTH_RE})(?![\w-])"
    r"(?:\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?:\s*[-\u2013]\s*(?P<d3>\d{1,2}))?\b)?"
    r"(?:,?\s+(?P<year>(?:19|20)\d{2})\b)?"
)
YEAR_RE = re.compile(
    r"(?P<prep>\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Ss]ince\s+(?:early|late|mid))\s+)"
    r"(?:(?:early|late|mid)[\s-]+)?(?P<year>(?:19|20)\d{2})\b(?![-/.]\d)"
)
# Every month name `_MONTH_RE` matches starts with one of these; every year, with these digits.
_MONTH_PREFIX_RE = re.compile(month_prefix_pattern("en", title_case=True))
_YEAR_DIGITS_RE = re.compile(r"(?:19|20)\d{2}")
# The words a year of `YEAR_RE` follows (after spaces and hyphens).
_YEAR_LEADS = ("in", "In", "since", "Since", "during", "During", "early", "late", "mid")


def may_hold_year_adverbial(text: str) -> bool:
    """Whether a year in `text` follows one of `_YEAR_LEADS` and spaces or hyphens, as every
    match of `YEAR_RE` does: a test of the few years instead of a try at every position."""
    for m in _YEAR_DIGITS_RE.finditer(text):
        lead_end = m.start()
        while lead_end > 0 and (text[lead_end - 1].isspace() or text[lead_end - 1] == "-"):
            lead_end -= 1
        if lead_end < m.start() and text.endswith(_YEAR_LEADS, 0, lead_end):
            return True
    return False


RELATIVE_RE = re.compile(r"\b[Ll]ast\s+(?P<unit>month|year)\b")
PAST_PERFECT_RE = re.compile(
    r"\bhad\s+(?:\w+\s+){0,2}?(?:been|\w+ed|\w+en|met|said|gone|done|made|set|put|held|led|sent|begun|brought|won|lost|become|come)\b"
)
GENERIC_THIS_ROUND_RE = re.compile(
    r"\b(?:the|this|this\s+week's|this\s+year's|today's|the\s+two-day)\s+"
    r"(?:round|meeting|talks|session|plenary|gathering)\b|\bthe\s+joint\s+statement\b",
    re.IGNORECASE,
)


DATE_WORDS = frozenset(_MONTH_NAMES) | frozenset(m + "." for m in _MONTH_NAMES)
IS_NUMBER = StringCache(str.isdigit)
ROUND_WORDS = frozenset(
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
def month_interval(year: int, month: int) -> tuple[date, date]:
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
            lo, hi = month_interval(year, month)
            if d_first:
                try:
                    lo = date(year, month, int(d_first))
                    hi = date(year, month, int(d_last))
                except ValueError:
                    continue
            gap = interval_gap(lo, hi, reference, reference)
            if best is None or gap < best[0]:
                best = (gap, lo, hi)
        if best is None:
            continue
        prep = m["prep"].strip().lower()
        out.append(
            DateMention(offset + m.start("prep"), offset + m.end(), best[1], best[2], prep, False)
        )
    for m in YEAR_RE.finditer(text) if may_hold_year_adverbial(text) else ():
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


def interval_gap(a0: date, a1: date, b0: date, b1: date) -> int:
    """Days between two date intervals (0 when they overlap)."""
    if a1 < b0:
        return (b0 - a1).days
    if b1 < a0:
        return (a0 - b1).days
    return 0
