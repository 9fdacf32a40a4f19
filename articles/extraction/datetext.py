"""Dates as written, in every supported language: month and weekday names, numerals, patterns.

The names come from `patterns/dates.json` (one definition for every rule: `month_names`,
`month_pattern` and `weekday_names` are the public view of it). Texts are matched after
`fold`, which maps Persian and Arabic-Indic digits to ASCII and the Arabic forms of yeh
and kaf to the Persian ones, character for character, so offsets stay those of the text.
Persian pages also date by the Solar Hijri calendar ("15 تیر 1400"); jdatetime converts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from types import MappingProxyType

import jdatetime

from .data import for_language

__all__ = [
    "DateMention",
    "DayMonth",
    "find_date_mentions",
    "find_day_months",
    "find_month_years",
    "fold",
    "month_names",
    "month_pattern",
    "month_prefix_pattern",
    "parse_date_text",
    "parse_machine_date",
    "weekday_names",
    "weekday_pattern",
]

_FOLD = str.maketrans(
    {
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian digits
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
        "\u064a": "\u06cc",  # Arabic yeh -> Persian yeh
        "\u0649": "\u06cc",  # alef maksura -> Persian yeh
        "\u0643": "\u06a9",  # Arabic kaf -> Persian kaf
        "\u200c": " ",  # zero-width non-joiner ("سه‌شنبه") -> space
    }
)
_EARLIEST_YEAR = 1900
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_DAY = r"(?P<d>[0-3]?\d)"
# After a day: 1st, 1er (fr), 1º/1ª (es, it), "20." (de, tr, ru).
_DAY_SUFFIX = r"(?:st|nd|rd|th|er|º|ª|\.)?"
_HAS_YEAR_RE = re.compile(r"(?:19|20)\d\d|1[34]\d\d")
# Metadata writes dates for machines: "20181203", "20181203T104500Z".
_COMPACT_DATE_RE = re.compile(
    r"\A(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?:T?\d{4,6}(?:Z|[+-]\d{2}:?\d{2})?)?\Z"
)
_NUMERIC_PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso", r"(?<![\d.-])(?P<y>(?:19|20)\d\d)-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"),
    (
        "ymd-numeric",
        r"(?<![\d/.])(?P<y>(?:19|20)\d\d)(?P<sep>[/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
        r"(?![\d/]|\.\d)",
    ),
    (
        "dmy-numeric",
        r"(?<![\d./-])(?P<d>\d{1,2})(?P<sep>[./-])(?P<m>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d\d)(?!\d)",
    ),
)


# str.translate is slow; most texts (English ones with curly quotes too) need none of it.
_FOLDED_CHARS_RE = re.compile("[" + "".join(map(chr, _FOLD)) + "]")


def fold(text: str) -> str:
    """`text` with the same length and offsets, its digits ASCII and its Arabic-script letters
    in one form each, as the name patterns expect."""
    if text.isascii() or not _FOLDED_CHARS_RE.search(text):
        return text
    return text.translate(_FOLD)


def _key(name: str) -> str:
    return " ".join(fold(name).lower().split())


@cache
def _names(lang: str, kind: str) -> Mapping[str, int]:
    found = for_language("dates", lang).get(kind, {})
    return MappingProxyType({_key(name): number for name, number in found.items()})


def month_names(lang: str = "en") -> Mapping[str, int]:
    """Month names of `lang` (lower case, every form its articles write: genitive,
    unaccented, abbreviated) to month numbers 1-12, from `patterns/dates.json`."""
    return _names(lang, "months")


def weekday_names(lang: str = "en") -> Mapping[str, int]:
    """Weekday names of `lang` (lower case) to numbers, Monday 0 ... Sunday 6."""
    return _names(lang, "weekdays")


def _alternation(names: Iterable[str], *, title_case: bool = False) -> str:
    """A regex alternation of `names`, longest first (so "mars" wins over "mar"), spaces
    matching any run of spaces; with `title_case`, each name capitalised ("Jan"), for a
    case-sensitive pattern that must not take the verb "may" for a month."""
    ordered = sorted(names, key=lambda n: (-len(n), n))
    if title_case:
        ordered = [n[:1].upper() + n[1:] for n in ordered]
    return "(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in ordered) + ")"


@cache
def month_pattern(lang: str = "en", *, title_case: bool = False) -> str:
    """A regex alternation of the month names of `lang` (no groups, no boundaries, longest
    first); abbreviations may take a dot ("Sept."). Compile it with re.IGNORECASE, or ask
    for `title_case` names and match case-sensitively. Match it against `fold(text)` for
    Arabic-script languages."""
    names = month_names(lang)
    full = {n for n in names if not any(o != n and o.startswith(n) for o in names)}
    shorts = [n for n in names if n not in full]
    parts = [_alternation(full, title_case=title_case)]
    if shorts:
        parts.append(_alternation(shorts, title_case=title_case) + r"\.?")
    return "(?:" + "|".join(parts) + ")"


@cache
def month_prefix_pattern(lang: str = "en", *, title_case: bool = False) -> str:
    """An alternation of the first three letters of every month name of `lang` ("Jan|Feb|
    ..."): every `month_pattern` match starts with one, so a search for it is a cheap
    first test before the full pattern."""
    prefixes = {name[:3] for name in month_names(lang)}
    return _alternation(prefixes, title_case=title_case)


@cache
def weekday_pattern(lang: str = "en") -> str:
    """A regex alternation of the weekday names of `lang` (see `month_pattern`)."""
    return _alternation(weekday_names(lang))


@cache
def _lookup(lang: str) -> Mapping[str, int]:
    """Month names a text in `lang` may use: its own, and English (wire copy, page chrome)."""
    return MappingProxyType({**month_names("en"), **month_names(lang)})


@cache
def _compiled(lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    months = _alternation(_lookup(lang))
    mon = rf"(?P<mon>{months})(?:\s*/\s*{months})?\.?"  # "يونيو/حزيران"
    patterns = [
        *_NUMERIC_PATTERNS,
        (
            "day-month-year",
            rf"(?<![\w.]){_DAY}{_DAY_SUFFIX}\s*(?:of\s+|de\s+)?{mon},?\s+(?:de\s+|del\s+)?"
            rf"{_YEAR}(?!\d)",
        ),
        ("month-day-year", rf"(?<!\w){mon}\s+{_DAY}(?:st|nd|rd|th)?,?\s+{_YEAR}(?!\d)"),
    ]
    # Year first, then a word for "year" ("2021 жылғы 21-22 желтоқсанда"): the first day
    # of a range is the date.
    year_words = for_language("dates", lang).get("year_words", ())
    if year_words:
        patterns.append(
            (
                "year-day-month",
                rf"(?<![\w.]){_YEAR}\s+{_alternation(map(_key, year_words))}\s+{_DAY}"
                rf"(?:\s*[-\u2013]\s*[0-3]?\d)?\s*(?P<mon>{months})(?!\w)",
            )
        )
    solar = _names(lang, "solar_months")
    if solar:
        patterns.append(
            (
                "solar-day-month-year",
                rf"(?<!\w){_DAY}\s+(?P<smon>{_alternation(solar)})\s+(?P<y>1[34]\d\d)(?!\d)",
            )
        )
    return tuple((name, re.compile(rx, re.IGNORECASE)) for name, rx in patterns)


@cache
def _day_month_res(lang: str) -> tuple[re.Pattern[str], ...]:
    months = _alternation(_lookup(lang))
    return (
        re.compile(
            rf"(?<![\w.]){_DAY}{_DAY_SUFFIX}\s*(?:of\s+|de\s+)?(?P<mon>{months})(?!\w)",
            re.IGNORECASE,
        ),
        re.compile(rf"(?<!\w)(?P<mon>{months})\.?\s+{_DAY}(?:st|nd|rd|th)?(?![\w:])", re.I),
    )


@cache
def _month_year_re(lang: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?P<mon>{_alternation(_lookup(lang))})\.?,?\s+{_YEAR}\b", re.I)


@dataclass(frozen=True)
class DateMention:
    """A full calendar date written in a text, with its character span."""

    value: date
    start: int
    end: int
    text: str
    pattern: str


@dataclass(frozen=True)
class DayMonth:
    """A day and month written without a year ("Dec 21", "3 мая"), with its span."""

    month: int
    day: int
    start: int
    end: int


def _month_number(lang: str, name: str) -> int | None:
    return _lookup(lang).get(_key(name).rstrip("."))


def _to_date(lang: str, name: str, groups: dict[str, str | None]) -> date | None:
    try:
        if groups.get("smon"):
            solar_month = _names(lang, "solar_months")[_key(groups["smon"] or "")]
            value = jdatetime.date(
                int(groups["y"] or 0), solar_month, int(groups["d"] or 0)
            ).togregorian()
        elif groups.get("mon"):
            month = _month_number(lang, groups["mon"] or "")
            if month is None:
                return None
            value = date(int(groups["y"] or 0), month, int(groups["d"] or 0))
        else:
            year, month, day = int(groups["y"] or 0), int(groups["m"] or 0), int(groups["d"] or 0)
            if name == "dmy-numeric" and month > 12 >= day:
                month, day = day, month  # 12/22/2021 can only be month-first
            value = date(year, month, day)
    except (ValueError, OverflowError, TypeError, KeyError):
        return None
    if value.year < _EARLIEST_YEAR:
        return None
    return value


def find_date_mentions(text: str, lang: str = "en") -> list[DateMention]:
    """Every full date (day, month and year) written in `text`, in order, without overlaps;
    month names of `lang` and English are read."""
    folded = fold(text)
    if not _HAS_YEAR_RE.search(folded):
        return []  # every pattern needs a year: skip the scans
    found: list[DateMention] = []
    for name, rx in _compiled(lang):
        for m in rx.finditer(folded):
            value = _to_date(lang, name, m.groupdict())
            if value is not None:
                found.append(
                    DateMention(value, m.start(), m.end(), text[m.start() : m.end()], name)
                )
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    result: list[DateMention] = []
    for mention in found:
        if result and mention.start < result[-1].end:
            continue
        result.append(mention)
    return result


# A day, month and two-digit year ("22.12.17"): read on stamp lines only, where nothing but
# dates and labels stand (`datestamps.date_line_candidates`); in prose it could be anything.
SHORT_YEAR_RE = re.compile(
    r"(?<![\d./-])(?P<d>\d{1,2})(?P<sep>[./])(?P<m>\d{1,2})(?P=sep)(?P<y>\d\d)(?![\d./-])"
)


def find_short_year_dates(text: str) -> list[DateMention]:
    """Every day, month and two-digit year in `text` ("22.12.17": 22 December 2017)."""
    found = []
    for m in SHORT_YEAR_RE.finditer(fold(text)):
        day, month = int(m["d"]), int(m["m"])
        if month > 12 >= day:
            day, month = month, day  # "12/22/17" can only be month-first
        try:
            value = date(2000 + int(m["y"]), month, day)
        except ValueError:
            continue
        found.append(
            DateMention(value, m.start(), m.end(), text[m.start() : m.end()], "dmy-short-year")
        )
    return found


def find_day_months(text: str, lang: str = "en") -> list[DayMonth]:
    """Every day and month written without a year ("April 4", "21 декабря", "11 nov")."""
    folded = fold(text)
    found: list[DayMonth] = []
    for rx in _day_month_res(lang):
        for m in rx.finditer(folded):
            month = _month_number(lang, m["mon"])
            day = int(m["d"])
            if month is not None and 1 <= day <= 31:
                found.append(DayMonth(month, day, m.start(), m.end()))
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    return found


def find_month_years(text: str, lang: str = "en") -> list[tuple[int, int]]:
    """(year, month) of every month written with a year and no day ("March 2011")."""
    found = []
    for m in _month_year_re(lang).finditer(fold(text)):
        month = _month_number(lang, m["mon"])
        if month is not None:
            found.append((int(m["y"]), month))
    return found


def parse_date_text(s: str, lang: str = "en") -> date | None:
    """The first full date written in `s` ("05.05.2017", "Nov 22, 2022", "21 декабря 2017"),
    or None."""
    mentions = find_date_mentions(s, lang)
    return mentions[0].value if mentions else None


def parse_machine_date(s: str) -> date | None:
    """A date from metadata: ISO 8601 with or without time and offset (read as written, not
    shifted to UTC), the compact "20181203", or any date `parse_date_text` reads."""
    s = s.strip()
    compact = _COMPACT_DATE_RE.match(s)
    if compact:
        return _to_date("en", "iso", compact.groupdict())
    return parse_date_text(s)
