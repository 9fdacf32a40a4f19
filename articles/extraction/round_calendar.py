"""The calendar side of the round decision: a round's dates, how a publication date agrees
with them, dates written in the text ("December 21-22", "14-16 Haziran'da", "du 30 au 31
octobre", "25. und 26. April") and which rounds they name, and the round's city.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import compress

from spacy.tokens import Doc

from .round_words import RoundWords, capital_renames, normalise_text
from .sentences import SentInfo, doc_text
from .types import RoundInfo

DATE_WINDOW_BEFORE = timedelta(days=21)  # announcements
DATE_WINDOW_AFTER = timedelta(days=21)  # reports and retrospectives
# A look-back published a few weeks after the window ("Five weeks ago, the diplomats...")
# disagrees less than an article dated before the round or long after it; so does a date
# read only from an update stamp (publication was on or before it).
LOOK_BACK_WINDOW = timedelta(days=75)
ANNOUNCE_REACH = timedelta(days=100)  # how far ahead a round is announced
W_DATE_AGREES, W_DATE_CLOSE, W_DATE_DISAGREES, W_DATE_LOOK_BACK = 2.5, 0.5, -3.0, -1.5
W_DATE_WEAK_FACTOR = 0.5
# A day and month in the text against the calendar: how far the publication date may be
# from the round for a date without a year to be that round's.
TEXT_DATE_REACH = timedelta(days=120)
_DAY_JOINERS = frozenset(
    {"-", "\u2013", "\u2014", "/", ",", "and", "to", "&", "и", "по", "до", "und", "bis", "au"}
    | {"et", "y", "e", "al", "ve", "ile", "و", "تا", "الى", "إلى", "del", "dal", "de", "du"}
)


def round_dates(calendar: dict[int, RoundInfo], number: int) -> tuple[date, date] | None:
    info = calendar.get(number)
    if info is None or info.start is None:
        return None
    return info.start, info.end or info.start


def date_term(
    published: date | None,
    dates: tuple[date, date] | None,
    weak: bool = False,
    announced: bool = False,
) -> tuple[float, str]:
    """The weight of a publication date against a round's dates, and its name. An
    announcement (`announced`) may come weeks ahead: then an earlier date costs nothing."""
    if published is None or dates is None:
        return 0.0, ""
    start, end = dates
    if announced and start - ANNOUNCE_REACH <= published < start - DATE_WINDOW_BEFORE:
        return 0.0, "published weeks ahead (an announcement)"
    if start - DATE_WINDOW_BEFORE <= published <= end + DATE_WINDOW_AFTER:
        if start - timedelta(days=2) <= published <= end + timedelta(days=3):
            return W_DATE_AGREES + W_DATE_CLOSE, "published during the round"
        return W_DATE_AGREES, "published within three weeks"
    penalty, name = W_DATE_DISAGREES, "published far from the round"
    if end < published <= end + LOOK_BACK_WINDOW:
        penalty, name = W_DATE_LOOK_BACK, "published weeks after (a look-back)"
    if weak and published > end:
        return penalty * W_DATE_WEAK_FACTOR, name + ", update stamp"
    return penalty, name


@dataclass(frozen=True, slots=True)
class TextDate:
    """A day (or days) and month written in a sentence, or a month alone."""

    sent: int
    month: int
    first_day: int | None
    last_day: int | None
    year: int | None
    at: int = 0  # token offset of the month name in the sentence


def _day(word: str) -> tuple[int, int] | None:
    """Days written in one token: "21", "25.", "21-22", "21st"."""
    word = word.rstrip(".")
    for sep in ("-", "\u2013"):
        left, found, right = word.partition(sep)
        if found and left.isdigit() and right.isdigit():
            a, b = int(left), int(right)
            return (a, b) if 1 <= a <= b <= 31 else None
    digits = word[:2] if word[:2].isdigit() else word[:1]
    if digits.isdigit() and (
        len(word) <= 2 or word[len(digits) :] in {"st", "nd", "rd", "th", "er"}
    ):
        day = int(digits)
        return (day, day) if 1 <= day <= 31 else None
    return None


def _year(word: str) -> int | None:
    return int(word) if len(word) == 4 and word.isdigit() and 1990 <= int(word) <= 2100 else None


def find_text_dates(
    N: Sequence[str], sents: Sequence[SentInfo], words: RoundWords, T: Sequence[str] = ()
) -> list[TextDate]:
    """Days and months written in the given sentences (normalised tokens `N`): days before
    the month ("21-22 of the month" in Russian, "du 30 au 31 octobre", "25. und 26. April")
    or after it ("December 21-22"), and a year within three tokens after. Month names are
    found in one pass in C over the sentences' tokens. In a language that capitalises month
    names (`RoundWords.months_capitalised`), a month alone must be capitalised in `T`, the
    token texts ("talks may resume" names no month)."""
    months = words.month_names
    out: list[TextDate] = []
    if not sents:
        return out
    starts = [s.start for s in sents]
    lo, hi = sents[0].start, sents[-1].end
    for j in compress(range(lo, hi), map(months.__contains__, N[lo:hi])):
        k = bisect_right(starts, j) - 1
        if k < 0 or not sents[k].start <= j < sents[k].end:
            continue
        sent = sents[k]
        month, month_end = months[N[j]], j + 1
        for rest, number in words.month_phrases.get(N[j], ()):
            if tuple(N[j + 1 : j + 1 + len(rest)]) == rest:
                month, month_end = number, j + 1 + len(rest)
        if not month:
            continue
        days: list[int] = []
        k = j - 1
        while k >= max(sent.start, j - 6):
            found = _day(N[k])
            if found:
                days += found
            elif N[k] not in _DAY_JOINERS:
                break
            k -= 1
        last = month_end - 1
        if not days:
            k = month_end
            while k < min(sent.end, month_end + 4):
                found = _day(N[k])
                if found:
                    days += found
                    last = k
                elif N[k] not in _DAY_JOINERS:
                    break
                k += 1
        year = next((y for y in map(_year, N[last + 1 : min(sent.end, last + 4)]) if y), None)
        if not days and (
            len(N[j]) < 3 or (words.months_capitalised and T and not T[j][:1].isupper())
        ):
            continue  # a month alone: not a short word ("mah"), nor the verb "may"
        first_day, last_day = (min(days), max(days)) if days else (None, None)
        out.append(TextDate(sent.index, month, first_day, last_day, year, j - sent.start))
    return out


def rounds_of_text_date(
    td: TextDate, calendar: dict[int, RoundInfo], published: date | None
) -> list[tuple[int, bool]]:
    """The rounds a date in the text may name, each with whether the days match (False: the
    month alone). Without a year, the round must be within `TEXT_DATE_REACH` of the
    publication date (any round when that is unknown)."""
    out: list[tuple[int, bool]] = []
    for number in calendar:
        dates = round_dates(calendar, number)
        if dates is None:
            continue
        start, end = dates
        if td.year is not None and td.year not in {start.year, end.year}:
            continue
        far = published is not None and abs((start - published).days) > TEXT_DATE_REACH.days
        if td.year is None and far:
            continue
        if td.month not in {start.month, end.month}:
            continue
        if td.first_day is None:
            out.append((number, False))
            continue
        try:
            lo = date(start.year if td.month == start.month else end.year, td.month, td.first_day)
            hi = date(lo.year, td.month, td.last_day or td.first_day)
        except ValueError:
            continue
        if start <= lo <= end or start <= hi <= end:
            out.append((number, True))
    return out


def round_counted_since(
    calendar: dict[int, RoundInfo],
    ordinal: int,
    since: tuple[int, int | None],
    published: date | None,
) -> int | None:
    """The round "the Nth round since <month> [year]" names: the Nth counted from the round
    held in that month (the count opens with it). The year is the one written, else the
    last one before the publication, else every year whose calendar has a round that month;
    the round must be on the calendar, not after the publication, and only one year may
    give one."""
    month, year = since
    if year is not None:
        years = {year}
    elif published is not None:
        years = {published.year if month <= published.month else published.year - 1}
    else:
        years = {info.start.year for info in calendar.values() if info.start is not None}
    found = set()
    for y in years:
        opening = [
            number
            for number in sorted(calendar)
            if (dates := round_dates(calendar, number))
            and (dates[0].year, dates[0].month) == (y, month)
        ]
        if not opening:
            continue
        number = opening[0] + ordinal - 1
        dates = round_dates(calendar, number)
        if dates is None or (published is not None and dates[0] > published + DATE_WINDOW_BEFORE):
            continue
        found.add(number)
    return found.pop() if len(found) == 1 else None


def dateline_dates(td: TextDate, calendar: dict[int, RoundInfo]) -> list[tuple[int, date]]:
    """A dateline's day and month ("TEHRAN, Jan. 21") in each year a round was held (its own
    year when given): (round, the date in that round's year)."""
    if td.first_day is None:
        return []
    out = []
    for number in calendar:
        dates = round_dates(calendar, number)
        if dates is None:
            continue
        for year in sorted({td.year} if td.year else {dates[0].year, dates[1].year}):
            try:
                out.append((number, date(year, td.month, td.first_day)))
            except ValueError:
                continue
    return out


def city_for(
    number: int,
    calendar: dict[int, RoundInfo],
    doc: Doc,
    sents: Sequence[SentInfo],
    when: date | None,
    words: RoundWords,
) -> str | None:
    """The round's city from the calendar, else the first city the given sentences name."""
    info = calendar.get(number)
    if info is not None and info.city:
        return info.city
    for sent in sents:
        lowered = normalise_text(words, doc_text(doc)[sent.start_char : sent.end_char])
        found = [
            (at, name)
            for key, name in words.cities.items()
            if (at := lowered.find(key)) >= 0 and name_is_word(lowered, at, key)
        ]
        if found:
            return min(found)[1]
        if any(phrase in lowered for phrase in words.capital_phrases):
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
    for until, name in capital_renames():
        if when <= until:
            return name
    return None
