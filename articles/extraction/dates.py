"""Publication dates: find the date an article was published, not the dates it talks about.

Every `DateFinding` names its rule. The rules, in order (first that gives an answer wins):

1. ``date:header`` - a leading `` date YYYY-MM-DD `` header (the archive's scraper writes
   it): taken as is, except 1 January, where a year known alone lands: then the page's own
   stamp in that year dates it, else nothing does (a year is no day).
2. ``date:meta-tag`` - HTML metadata (``ArticleText.meta_published``, from
   ``article:published_time``, JSON-LD, ``<time datetime>``...). Evidence is the top line
   of the text that carries the same date when there is one; otherwise an empty span
   (``start == end == 0``) whose ``sentence`` is the ISO value.
3. Dates at the top of the page, above the first paragraph of prose:
   ``date:page-stamp``, a line that is nothing but date stamps and page chrome (the line
   rules are in `datestamps.date_line_candidates`: segments, labels such as ``Published``
   / ``Updated`` in the article's language or English, bylines, times, weekdays);
   ``date:headline``, a headline that opens with its own date, as press releases do;
   ``date:dateline``, a dateline opening the first paragraph (or the second, under a
   standfirst) in any script: ``PLACE, <date> -``, ``Москва. <date>.``, and the date inside
   the agency credit ``PLACE (Agency - <date>)``; ``date:standfirst-stamp``, a labelled or
   bylined stamp just under a short first paragraph; ``date:stamp-below-lead``, a line that
   is a date alone among the first paragraphs, with more story below it.
   Decoys are dropped: page-view or save stamps, photo captions, lists of other stories,
   dates of an event ("Next Meeting: 21 December 2021", `event_words` in `dates.json`),
   and - when another date line is there - a date line above the headline that is years
   later than every date the body mentions (a page saved long after publication).
   When several dates survive, a ``Published``-type label beats an unlabelled date, which
   beats an ``Updated``-type one; among equals the earliest wins. A page that shows only an
   update stamp is dated by it, with lower confidence (0.65 rather than 0.85-0.9).
   ``date:header-bar``: failing every other stamp, a header bar's date beside its weather or
   sign-in links (the day the page was shown) when the story agrees with it: the weekday
   its first paragraphs name, or a date they name within three weeks of it.
4. ``date:tail-stamp`` - failing all that, a stamp explicitly labelled ``Published`` among
   the last lines; ``Last modified`` there is never taken.
5. A day and month without a year, in the year the page makes certain (confidence 0.6 or
   less): ``date:page-stamp-no-year`` (``March 16, 14:57 UTC+3`` above the story),
   ``date:dateline-no-year`` (``ASTANA, Dec 21 (Agency) -``) and ``date:relative-day``
   ("... ends tomorrow, 25 January" in the first paragraph: the day before). The year is
   the scraper's month header's, else the one that puts the day nearest the dates the page
   names (within 200 days of one; dates of history do not count); a stamp that names its
   own weekday ("Wednesday, December 8") the one year since the talks began that fits it,
   if only one does. A dateline on a page that names none takes the weekday its first
   paragraphs name ("on Wednesday"), among the years since the talks began, and of several
   such years (or without a weekday) the one at a round of the calendar
   (`patterns/calendar.json`) that the page's ordinal or city agrees with (`date_years`:
   "ASTANA, Dec 21" is 2017, Nur-Sultan's Dec 21 was 2021); an ordinal outweighs a
   weekday, which may be the event's ("The eighth round opens on Thursday").
   Anything less certain gives no date.

Dates inside sentences of the body are never taken: they name other events. Month and
weekday names come from `patterns/dates.json` (`datetext`), in the article's language and
English; Persian and Arabic digits and Solar Hijri dates are read. Numeric dates are read
day-first (``05.05.2017``) unless the second number cannot be a month (``12/22/2021``), or a
stamp's weekday fits only the month-first reading (``Mon, 04/03/2017`` is 3 April), or the
dates the story's first paragraphs name put it clearly nearer (``12/08/2021`` over a story of
talks "to be held on December 21-22" is 8 December).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from functools import cache

from .data import load
from .date_years import (
    PageContent,
    calendar_rounds,
    page_content,
    rounds_near,
    year_at_a_round,
)
from .datestamps import (
    BYLINE_RE,
    CAPTION_RE,
    Candidate,
    LanguageRules,
    Line,
    bare_day_month_stamp,
    date_line_candidates,
    is_bare_stamp,
    is_prose,
    language_rules,
    lines_of,
    word_count,
)
from .datetext import (
    DateMention,
    DayMonth,
    find_date_mentions,
    find_day_months,
    find_month_years,
    fold,
    parse_date_text,
    parse_machine_date,
    weekday_names,
)
from .types import ArticleText, DateFinding, Evidence

__all__ = [
    "DateMention",
    "find_date_mentions",
    "find_publication_date",
    "parse_date_text",
    "parse_machine_date",
    "publication_month",
]

# --- pattern data -------------------------------------------------------------------------

# The archive's scraper header: " date 2019-04-26 " at the very start of the file.
_HEADER_RE = re.compile(r"\A\s*(date\s+(?P<iso>\d{4}-\d{2}-\d{2}))\b", re.IGNORECASE)
# The same header with the month alone (" date 2024-01 "): the year for a year-less date.
_HEADER_MONTH_RE = re.compile(r"\A\s*date\s+(?P<y>\d{4})-(?P<m>\d{2})\b", re.IGNORECASE)

# A press-release number in front of a headline's date: "No: 21, 25 January 2024, ...".
_HEADLINE_DATE_PREFIX_RE = re.compile(
    r"^\s*(?:(?:press\s+release\s+)?(?:no|nr|ref|number)\.?\s*:?\s*[\w/.-]{1,12}"
    r"\s*[,;:|\u2013\u2014-]\s*)?$",
    re.IGNORECASE,
)
_HEADLINE_DATE_SUFFIX_RE = re.compile(r"^\s*[,;:|\u2013\u2014-]\s*\w")
# "ASTANA, 24 January 2017 (Agency) - ..." at the start of the first paragraph.
# A place (up to four words, any script), maybe ", COUNTRY", then a comma, a stop or just a
# space; or the place and an open bracket with an agency credit and a separator.
_PLACE = r"[^\W\d_][\w.'\u2019-]*(?:\s+[^\W\d_][\w.'\u2019-]*){0,3}"
_DATELINE_PREFIX_RE = re.compile(
    rf"^{_PLACE}(?:,\s*{_PLACE})?(?:\s*\([^()]{{1,60}}?[-\u2013\u2014,/]|\s*[,.]?)\s*$"
)
_DATELINE_SUFFIX_RE = re.compile(r"^\s*(?:\(|[-\u2013\u2014/:]|\.\s*\S)")
_DATELINE_CLOSE_RE = re.compile(r"^\s*\)")
# An agency credit in capitals and a dash after a dateline's date: " (AGENCY) - ".
_AGENCY_DASH_RE = re.compile(r"\s*\([A-Z][A-Z0-9 .&/-]{1,30}\)\s*[-\u2013\u2014]")
_RUN_IN_DATELINE_REACH = 200  # characters of a lead where a run-in dateline may stand


# How far below the top we look for a date line, and what counts as the first paragraph.
_MAX_TOP_LINES = 15
# A dateline opens the first paragraph, or the second under a standfirst.
_DATELINE_PARAGRAPHS = 2
# A weekday that dates a year-less dateline is named in its paragraph or the next.
_WEEKDAY_PARAGRAPHS = 3
# A numeric stamp readable both ways: the story's first paragraphs, whose dates decide, and
# how near and how much nearer they must put the other reading.
_PAGE_DATE_PARAGRAPHS = 3
_PAGE_DATE_REACH = timedelta(days=100)
_PAGE_DATE_MARGIN = timedelta(days=30)
# The dates a page names date a year-less day only when they are this near it.
_NAMED_DATE_REACH = timedelta(days=200)
# A header bar's date is the page's when the story names a date this near it.
_HEADER_BAR_REACH = timedelta(days=21)
# Candidates from a line of their own (rather than from a paragraph's opening).
_STAMP_KINDS = frozenset({"date:page-stamp", "date:standfirst-stamp", "date:stamp-below-lead"})
_WEAK_KINDS = frozenset({"date:stamp-below-lead", "date:header-bar"})
# What may stand between "tomorrow" and its date: a comma, "the", a bracket, a weekday.
_RELATIVE_GAP_RE = re.compile(r"[\s,(\u2013\u2014-]*(?:the\s+)?", re.IGNORECASE)
_YEAR_RE = re.compile(r"(?<![\d,.-])(?P<y>(?:19|20)\d\d)(?![\d-])")
_MAX_TAIL_LINES = 3
# A first paragraph this short may be a standfirst, with the byline stamp under it.
_STANDFIRST_MAX_WORDS = 45
# With another date line on the page, one above the headline this much later than anything
# the body mentions is a page-save stamp.
_SAVE_STAMP_GAP = timedelta(days=3 * 366)
_EARLIEST_YEAR = 1900


# --- publication date ---------------------------------------------------------------------


def _headline_lead(line: Line, rules: LanguageRules) -> list[Candidate]:
    """A headline that opens with its own date, as press releases do: "25 January 2024 -
    Statement on ...", "No: 21, 25 January 2024, Press Release Regarding ..."."""
    for mention in find_date_mentions(line.text[:80], rules.lang):
        prefix, suffix = line.text[: mention.start], line.text[mention.end :]
        if _HEADLINE_DATE_PREFIX_RE.match(prefix) and _HEADLINE_DATE_SUFFIX_RE.match(suffix):
            return [Candidate(mention.value, line, "", False, "date:headline")]
        break
    return []


def _is_dateline_prefix(prefix: str) -> bool:
    """What may open a paragraph before its dateline's date: nothing, a place ("ASTANA, ",
    "Москва. ", "Astaná "), or a place and an agency credit ("MOSCOW (Agency - ")."""
    if not prefix.strip():
        return True
    return bool(_DATELINE_PREFIX_RE.match(prefix)) and not prefix[0].islower()


def _dateline_lead(line: Line, rules: LanguageRules) -> list[Candidate]:
    """'PLACE, 24 January 2017 (Agency) - ...' opening a paragraph at the top of the story;
    also 'PLACE (Agency - 24 January 2017) ...'."""
    if CAPTION_RE.match(line.text):
        return []
    for mention in find_date_mentions(line.text[:100], rules.lang):
        prefix = line.text[: mention.start]
        suffix = line.text[mention.end :]
        closes = (
            _DATELINE_CLOSE_RE.match(suffix) if "(" in prefix else _DATELINE_SUFFIX_RE.match(suffix)
        )
        if _is_dateline_prefix(prefix) and closes:
            return [Candidate(mention.value, line, "", False, "date:dateline")]
        break
    # A headline run into its lead (the line break lost): the date that an agency credit
    # and a dash close ("... Oct. 19, 2017 (AGENCY) - The ministry ...") is still the
    # dateline, wherever it stands in the lead's first characters.
    for mention in find_date_mentions(line.text[:_RUN_IN_DATELINE_REACH], rules.lang):
        if _AGENCY_DASH_RE.match(line.text, mention.end):
            return [Candidate(mention.value, line, "", False, "date:dateline")]
    return []


def _day_month_dateline(line: Line, rules: LanguageRules) -> DayMonth | None:
    """The day and month of a dateline written without a year: 'ASTANA, Dec 21 (Agency) -',
    'April 4 (Agency) -', 'Москва. 3 мая. AGENCY -'."""
    if CAPTION_RE.match(line.text):
        return None
    for found in find_day_months(line.text[:100], rules.lang):
        prefix, suffix = line.text[: found.start], line.text[found.end :]
        if _is_dateline_prefix(prefix) and _DATELINE_SUFFIX_RE.match(suffix):
            return found
        break
    return None


def _under_standfirst(lines: list[Line], first_prose: int, rules: LanguageRules) -> list[Candidate]:
    """The first "paragraph" may be a standfirst under the headline: a labelled or bylined
    stamp between it and the next paragraph still heads the story. With no paragraph below,
    the stamp is under the story, not under a standfirst."""
    found: list[Candidate] = []
    for line in lines[first_prose + 1 : _MAX_TOP_LINES]:
        if is_prose(line):
            return found
        found.extend(
            replace(c, kind="date:standfirst-stamp")
            for c in date_line_candidates(line, rules)
            if c.label or BYLINE_RE.match(line.text)
        )
    return []


def _header_bar(top: list[Line], story: list[Line], rules: LanguageRules) -> list[Candidate]:
    """A header bar's date beside its weather ("18.01.2024 | 12:05 | Astana | -14\u00b0C") is
    the day the page was shown, which is the day it was published only when the story
    agrees: the weekday its first paragraphs name ("told a briefing on Thursday"), or a date
    they name within `_HEADER_BAR_REACH` of it. A last resort, when no other stamp is there."""
    found = [
        replace(c, kind="date:header-bar")
        for line in top
        for c in date_line_candidates(line, rules, header_bar=True)
    ]
    if not found:
        return []
    weekday = _weekday_named(story, rules)
    named = [m.value for line in story for m in find_date_mentions(line.text, rules.lang)]
    day_months = [dm for line in story for dm in find_day_months(line.text, rules.lang)]

    def agrees(value: date) -> bool:
        if weekday is not None:
            return value.weekday() == weekday
        near = [d for d in named if abs((d - value).days) <= _HEADER_BAR_REACH.days]
        for dm in day_months:
            try:
                day = date(value.year, dm.month, dm.day)
            except ValueError:
                continue
            near += [day] if abs((day - value).days) <= _HEADER_BAR_REACH.days else []
        return bool(near)

    return [c for c in found if agrees(c.value)]


def _latest_body_date(lines: list[Line], lang: str) -> date | None:
    """The latest date the body mentions, counting a month or a year as its last day."""
    latest: date | None = None

    def bump(value: date) -> None:
        nonlocal latest
        if latest is None or value > latest:
            latest = value

    for line in lines:
        for mention in find_date_mentions(line.text, lang):
            bump(mention.value)
        for year, month in find_month_years(line.text, lang):
            nxt = date(year + (month == 12), month % 12 + 1, 1)
            bump(nxt - timedelta(days=1))
        for m in _YEAR_RE.finditer(line.text):
            bump(date(int(m["y"]), 12, 31))
    return latest


def _evidence(line: Line, text: str) -> Evidence:
    """The line as the article writes it (`line` comes from the folded text, same offsets)."""
    return Evidence(text[line.start : line.end], line.start, line.end)


def _headline_index(lines: list[Line], title: str | None) -> int | None:
    if not title:
        return None
    wanted = " ".join(fold(title).split()).casefold()
    for line in lines[:_MAX_TOP_LINES]:
        if " ".join(line.text.split()).casefold() == wanted:
            return line.index
    return None


def _plausible(value: date, today: date) -> bool:
    return value.year >= _EARLIEST_YEAR and value <= today + timedelta(days=1)


def _read_by_the_page(candidate: Candidate, body: list[Line], rules: LanguageRules) -> Candidate:
    """A numeric stamp readable both ways ("12/08/2021": 12 August or 8 December), with no
    weekday to decide (none, or one both readings fall on), is read month-first when the
    first paragraphs tie only that reading to the calendar (`_page_ties`), or when
    the dates they name ("will be held on December 21-22") put that reading clearly nearer:
    within `_PAGE_DATE_REACH` of one of them, and `_PAGE_DATE_MARGIN` nearer than day-first."""
    value = candidate.value
    if value.day > 12 or value.day == value.month:
        return candidate
    numeric = [
        m
        for m in find_date_mentions(candidate.line.text, rules.lang)
        if m.value == value and m.pattern == "dmy-numeric"
    ]
    if not numeric:
        return candidate
    other = value.replace(month=value.day, day=value.month)
    if not _weekday_leaves_open(candidate.line.text, (value, other), rules):
        return candidate
    if _page_ties(other, value, page_content("", [line.text for line in body], rules.lang)):
        return replace(candidate, value=other)
    named = [m.value for line in body for m in find_date_mentions(line.text, rules.lang)]
    day_months = [dm for line in body for dm in find_day_months(line.text, rules.lang)]

    def distance(reading: date) -> int:
        days = [abs((reading - d).days) for d in named]
        for dm in day_months:
            for year in (reading.year - 1, reading.year, reading.year + 1):
                try:
                    days.append(abs((reading - date(year, dm.month, dm.day)).days))
                except ValueError:
                    continue
        return min(days, default=-1)

    near, far = distance(other), distance(value)
    if 0 <= near <= _PAGE_DATE_REACH.days and near + _PAGE_DATE_MARGIN.days <= far:
        return replace(candidate, value=other)
    return candidate


def _page_ties(reading: date, other: date, content: PageContent) -> bool:
    """Whether the page ties `reading`, and not `other`, to the calendar: only it falls near
    a round the page names by its ordinal, or (no ordinal named) only it falls when the
    Kazakh capital had the name the page gives it ("Nur-Sultan": March 2019 to September
    2022). A phrase ("the Kazakh capital") or a city alone is too weak to swap a reading."""

    def named_round_near(value: date) -> bool:
        return any(r.number in content.ordinals for r in rounds_near(value))

    if content.ordinals:
        return named_round_near(reading) and not named_round_near(other)
    return content.names_capital_as_then(reading) and not content.names_capital_as_then(other)


def _weekday_leaves_open(text: str, readings: tuple[date, date], rules: LanguageRules) -> bool:
    """Whether `text` names no weekday, or one both readings of a date fall on: the weekday
    does not decide between them (one that fits one reading, or neither, does)."""
    found = rules.weekday.search(text)
    if found is None:
        return True
    word = " ".join(found.group(0).rstrip(".,").lower().split())
    weekday = weekday_names(rules.lang).get(word, weekday_names("en").get(word))
    return weekday is not None and all(r.weekday() == weekday for r in readings)


# --- a day and month without a year ---------------------------------------------------------


def _weekday_named(lines: list[Line], rules: LanguageRules) -> int | None:
    """The one weekday these lines name ("on Wednesday", "в среду"), if they name one."""
    names = weekday_names(rules.lang) if rules.lang != "en" else {}
    found = set()
    for line in lines:
        for m in rules.weekday.finditer(line.text):
            word = " ".join(m.group(0).rstrip(".,").lower().split())
            number = names.get(word, weekday_names("en").get(word))
            if number is not None:
                found.add(number)
    return found.pop() if len(found) == 1 else None


def _relative_day(line: Line, rules: LanguageRules) -> tuple[DayMonth, int] | None:
    """A day and month right after "today", "tomorrow" or "yesterday" in the article's
    language ("ends tomorrow, 25 January"), with the words' distance in days."""
    rx = _relative_re(rules.lang)
    if rx is None:
        return None
    for m in rx.finditer(line.text):
        rest = line.text[m.end() :]
        for day_month in find_day_months(rest[:40], rules.lang):
            gap = rest[: day_month.start]
            if _RELATIVE_GAP_RE.fullmatch(rules.weekday.sub(" ", gap)):
                offset = _relative_days(rules.lang)[" ".join(m.group(0).lower().split())]
                return day_month, offset
            break
    return None


@cache
def _relative_days(lang: str) -> dict[str, int]:
    own = load("dates").get("languages", {}).get(lang, {}) if lang != "en" else load("dates")
    return {fold(word).lower(): days for word, days in own.get("relative_days", {}).items()}


@cache
def _relative_re(lang: str) -> re.Pattern[str] | None:
    words = _relative_days(lang)
    if not words:
        return None
    names = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{names})(?!\w)", re.IGNORECASE)


def _year_of(
    day_month: DayMonth,
    lines: list[Line],
    paragraph: int,
    rules: LanguageRules,
    today: date,
    *,
    by_weekday: bool = True,
) -> date | None:
    """The year a day and month belong to, where the page makes it certain.

    The scraper's month header comes first; then a round the page names by its ordinal
    ("the 22nd meeting") held on that day in one year since the talks began (an ordinal
    decides alone, before the weekday of an event: "ASTANA, Dec 19 - The eighth round opens
    on Thursday", and before dates the page recalls); then the dates the page names: the year since
    the talks began that puts the day nearest them (a page mostly names recent dates), when
    that is within `_NAMED_DATE_REACH` of one (dates of history, "since March 2011", do not
    date the page). Otherwise (`by_weekday`: for a dateline, whose story tells of its own
    day) the weekday its first paragraphs name ("on Wednesday"): the years since the talks
    began whose calendar puts that day on it. Of several such years (or without a weekday),
    the one at a round of the calendar that the page's content agrees with (its ordinal or
    its city: `date_years`). Anything less certain gives no date.
    """

    def on(year: int) -> date | None:
        try:
            return date(year, day_month.month, day_month.day)
        except ValueError:
            return None

    header = _HEADER_MONTH_RE.match(lines[0].text) if lines else None
    if header:  # the scraper's month of publication
        value = on(int(header["y"]))
        return value if value is not None and _plausible(value, today) else None
    # Dates before the talks began are history, not the page's own time.
    first_year = calendar_rounds()[0].start.year - 1 if calendar_rounds() else today.year - 10
    every_year = [
        value
        for value in map(on, range(first_year, today.year + 1))
        if value is not None and _plausible(value, today)
    ]
    place = lines[paragraph].text[: day_month.start] if paragraph < len(lines) else ""
    texts = [line.text for line in lines[: paragraph + _WEEKDAY_PARAGRAPHS]]
    content = page_content(place, texts, rules.lang)
    if content.ordinals:
        # The round the page names by its ordinal, held on that day, decides alone: the
        # dates the page recalls ("the first meeting was in January 2017") are history.
        found = year_at_a_round(every_year, content)
        if found is not None:
            return found
    # The dates the page names, a month counting as its middle day.
    named = [m.value for line in lines for m in find_date_mentions(line.text, rules.lang)]
    named += [
        date(year, month, 15)
        for line in lines
        for year, month in find_month_years(line.text, rules.lang)
    ]
    if named:
        years = {d.year + shift for d in named for shift in (-1, 0, 1)}
        options = [
            v
            for v in map(on, sorted(years))
            if v is not None and _plausible(v, today) and v.year >= first_year
        ]
        if options:
            # The year that puts the day nearest the dates the page names (the later on a
            # tie), when they are near enough to be the page's own time.
            best = min(options, key=lambda v: (min(abs((v - d).days) for d in named), -v.year))
            if min(abs((best - d).days) for d in named) <= _NAMED_DATE_REACH.days:
                return best
        if not by_weekday:
            return None
    if not by_weekday:
        return None
    options = every_year
    weekday = _weekday_named(lines[paragraph : paragraph + _WEEKDAY_PARAGRAPHS], rules)
    on_weekday = [value for value in options if value.weekday() == weekday]
    if len(on_weekday) == 1:
        return on_weekday[0]
    # At a round of the calendar, which the page's content must agree with (`date_years`).
    return year_at_a_round(on_weekday if weekday is not None else options, content)


# --- the month alone -------------------------------------------------------------------------

# A stamp that is a month and year and nothing else ("December 2021", "Dec. 2021 | News").
_MONTH_STAMP_MAX_WORDS = 3
_MONTH_STAMP_TOP = 600  # characters at the top of the page where the stamp may stand


def publication_month(text: str, lang: str = "en") -> tuple[int, int] | None:
    """(year, month) of a page dated by its month alone: the scraper's month header
    (" date 2021-12 ") or a line above the story that is a month and year and nothing
    else. Such a page has no publication day (`find_publication_date` gives none: the
    first of the month is no day the page names), but the month still dates it against the
    round calendar."""
    header = _HEADER_MONTH_RE.match(text)
    if header:
        if text.startswith("-01", header.end()):
            return None  # "date 2017-01-01": a year alone written as a day, no month
        month = int(header["m"])
        return (int(header["y"]), month) if 1 <= month <= 12 else None
    top = text[:_MONTH_STAMP_TOP]
    if not _YEAR_RE.search(top):
        return None  # no year at the top: no month stamp (the cheap test first)
    for line in lines_of(fold(top))[:_MAX_TOP_LINES]:
        if is_prose(line):
            return None
        found = find_month_years(line.text, lang)
        short = len(found) == 1 and word_count(line.text) <= _MONTH_STAMP_MAX_WORDS
        if short and not find_date_mentions(line.text, lang):
            return found[0]
    return None


def _year_of_own_weekday(
    day_month: DayMonth, line: Line, rules: LanguageRules, today: date
) -> date | None:
    """The one year since the talks began in which a stamp's day and month fell on the
    weekday the stamp itself names ("Wednesday, December 8": 2021), if exactly one does."""
    weekday = _weekday_named([line], rules)
    if weekday is None:
        return None
    first_year = calendar_rounds()[0].start.year - 1 if calendar_rounds() else today.year - 10
    options = []
    for year in range(first_year, today.year + 1):
        try:
            value = date(year, day_month.month, day_month.day)
        except ValueError:
            continue
        if value.weekday() == weekday and _plausible(value, today):
            options.append(value)
    return options[0] if len(options) == 1 else None


# --- the decision ---------------------------------------------------------------------------


def find_publication_date(article: ArticleText, *, today: date | None = None) -> DateFinding | None:
    """The article's own publication date with the line that gives it, or None if unknown.

    `today` (default: the real date) rejects dates in the future. Month and weekday names
    are read in the article's language (and English).
    """
    today = today or date.today()
    original = article.text
    text = fold(original)
    rules = language_rules(article.language)

    header = _HEADER_RE.match(text)
    if header:
        value = parse_date_text(header["iso"])
        if value is not None and _plausible(value, today):
            evidence = Evidence(header.group(1), header.start(1), header.end(1))
            if (value.month, value.day) != (1, 1):
                return DateFinding(value, evidence, 0.98, "date:header")
            # 1 January is where a year known alone lands when written as a day: the page's
            # own stamp in that year, if it has one, is the day; else the page has none.
            blanked = " " * header.end() + original[header.end() :]
            found = find_publication_date(replace(article, text=blanked), today=today)
            if found is not None and found.value.year == value.year:
                return found
            return None

    lines = lines_of(text)
    headline = _headline_index(lines, article.title)
    prose = [ln.index for ln in lines if ln.index != headline and is_prose(ln)]
    body_start = prose[0] if prose else len(lines)
    top = lines[: min(body_start, _MAX_TOP_LINES)]

    candidates: list[Candidate] = []
    for line in top:
        candidates.extend(date_line_candidates(line, rules))
    if headline is not None and headline < len(top):
        candidates.extend(_headline_lead(lines[headline], rules))
    # The dateline opens the first paragraph, or the second under a standfirst.
    leads = [i for i in prose[:_DATELINE_PARAGRAPHS] if i <= _MAX_TOP_LINES]
    for index in leads:
        candidates.extend(_dateline_lead(lines[index], rules))
    if leads and word_count(lines[body_start].text) <= _STANDFIRST_MAX_WORDS:
        candidates.extend(_under_standfirst(lines, body_start, rules))
    if not candidates:
        # A stamp alone on its line among the first paragraphs ("July 31, 2018" under a
        # standfirst), before the third and with a paragraph below it, still heads the
        # story; a stamp under the last paragraph may be the last edit.
        limit = prose[_DATELINE_PARAGRAPHS] if len(prose) > _DATELINE_PARAGRAPHS else len(lines)
        for line in lines[body_start + 1 : min(limit, _MAX_TOP_LINES)]:
            if line.index < prose[-1] and not is_prose(line) and is_bare_stamp(line, rules):
                candidates.extend(
                    replace(c, kind="date:stamp-below-lead")
                    for c in date_line_candidates(line, rules)
                    if c.label != "updated"
                )
    if not candidates:
        # Some pages print "Published 14 May 2018" under the story instead; only an
        # explicitly labelled stamp counts there, among the last few lines.
        for line in lines[max(body_start + 1, len(lines) - _MAX_TAIL_LINES) :]:
            candidates.extend(
                replace(c, kind="date:tail-stamp")
                for c in date_line_candidates(line, rules)
                if c.label == "published"
            )
    if not candidates:
        candidates = _header_bar(top, lines[body_start : body_start + _PAGE_DATE_PARAGRAPHS], rules)
    candidates = [
        _read_by_the_page(c, lines[body_start : body_start + _PAGE_DATE_PARAGRAPHS], rules)
        for c in candidates
    ]
    candidates = [c for c in candidates if _plausible(c.value, today)]

    if article.meta_published is not None and _plausible(article.meta_published, today):
        same = [c for c in candidates if c.value == article.meta_published]
        if same:
            evidence = _evidence(same[0].line, original)
            return DateFinding(article.meta_published, evidence, 0.97, "date:meta-tag")
        iso = article.meta_published.isoformat()
        return DateFinding(article.meta_published, Evidence(iso, 0, 0), 0.9, "date:meta-tag")

    if not candidates:
        return _year_less(lines, top, leads, rules, today, original)

    # A stamp above the headline that is years after everything the body talks about was
    # added when the page was saved or viewed, when another date line is there to take its
    # place. A lone date line stays: a retrospective may cite only events years old.
    several = len({c.value for c in candidates}) > 1
    latest = (
        _latest_body_date(lines[body_start:], rules.lang)
        if several and headline is not None
        else None
    )
    if headline is not None and latest is not None:
        kept = [
            c
            for c in candidates
            if not (c.line.index < headline and c.value - latest > _SAVE_STAMP_GAP)
        ]
        candidates = kept or candidates

    pool = [c for c in candidates if c.label != "updated"] or candidates
    pool = [c for c in pool if c.label == "published"] or pool
    lines_pool = [c for c in pool if c.kind in _STAMP_KINDS] or pool
    best = min(lines_pool, key=lambda c: (c.value, c.line.index))

    confidence = 0.85 if best.kind in _STAMP_KINDS else 0.8  # a line of its own is surest
    if best.kind in _WEAK_KINDS:
        confidence -= 0.1
    if best.label == "updated":
        confidence -= 0.2  # only an update stamp: publication was on or before it
    elif best.label == "published" or best.has_time:
        confidence += 0.05
    # An update stamp later than the publication stamp is no disagreement.
    rivals = (
        candidates if best.label == "updated" else [c for c in candidates if c.label != "updated"]
    )
    if len({c.value for c in rivals}) > 1:
        confidence -= 0.15  # the top of the page disagrees with itself
    return DateFinding(best.value, _evidence(best.line, original), round(confidence, 2), best.kind)


def _year_less(
    lines: list[Line],
    top: list[Line],
    leads: list[int],
    rules: LanguageRules,
    today: date,
    original: str,
) -> DateFinding | None:
    """A page with no full date at its top: a stamp or a dateline with a day and month, or
    a day and month the first paragraph puts "tomorrow" or "yesterday", in the year the page
    makes certain."""
    for line in top:
        day_month = bare_day_month_stamp(line, rules)
        if day_month is None:
            continue
        # A stamp stands apart from the story: a weekday in the story need not be its day,
        # but the stamp's own weekday is ("Wednesday, December 8").
        value = _year_of(day_month, lines, line.index, rules, today, by_weekday=False)
        if value is None:
            value = _year_of_own_weekday(day_month, line, rules, today)
        if value is not None:
            evidence = _evidence(line, original)
            return DateFinding(value, evidence, 0.6, "date:page-stamp-no-year")
        return None
    for index in leads:
        day_month = _day_month_dateline(lines[index], rules)
        if day_month is None:
            continue
        value = _year_of(day_month, lines, index, rules, today)
        if value is not None:
            evidence = _evidence(lines[index], original)
            return DateFinding(value, evidence, 0.6, "date:dateline-no-year")
        return None
    for index in leads[:1]:
        relative = _relative_day(lines[index], rules)
        if relative is None:
            continue
        day_month, offset = relative
        value = _year_of(day_month, lines, index, rules, today, by_weekday=False)
        if value is not None:
            value -= timedelta(days=offset)
            if _plausible(value, today):
                evidence = _evidence(lines[index], original)
                return DateFinding(value, evidence, 0.55, "date:relative-day")
    return None
