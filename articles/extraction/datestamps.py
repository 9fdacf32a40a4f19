"""Date stamps at the top of a page: which lines are nothing but dates and page chrome, and
which label ("Published", "Updated", in the article's language or English) each date has.

`date_line_candidates` is the test `dates.find_publication_date` runs on every line above
the story; the line rules are in its docstring.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache

from .data import load
from .datetext import (
    SHORT_YEAR_RE,
    DateMention,
    DayMonth,
    find_date_mentions,
    find_day_months,
    find_short_year_dates,
    weekday_names,
    weekday_pattern,
)
from .stand_ins import ascii_stand_ins, with_stand_ins

# A line carrying one of these is a page-view or save stamp, not a publication date.
PAGE_STAMP_MARKERS: tuple[str, ...] = (
    r"\btoday(?:\s*[:,]|\s+is\b)",  # "Today: ...", not an outlet called "... Today"
    r"\bnow\s*:",
    r"\bcurrent(?:ly)?\s+(?:date|time)\b",
    r"\b(?:accessed|retrieved|viewed|visited|saved|printed|downloaded|captured)\b",
    r"\barchived\s+(?:on|at)\b",
    r"\bas\s+of\b",
    r"\bsnapshot\b",
)
# Header-bar furniture that sits beside the day's date: weather, sign-in links. The date is
# the day the page was shown, unless the story agrees with it (`dates.py`: a last resort).
HEADER_BAR_MARKERS: tuple[str, ...] = (
    r"\d\s*\u00b0\s*[CF]\b",
    r"\bsign\s*(?:in|up)\b",
    r"\blog\s*in\b",
    r"\bweather\b",
)
# A line carrying one of these lists other stories; its dates are theirs.
LINK_LIST_MARKERS: tuple[str, ...] = (
    r"^\s*(?:related|most\s+(?:read|popular|viewed)|read\s+(?:more|also)|also\s+read|see\s+also"
    r"|more\s+(?:on|from|stories|news)|latest|recommended|trending|top\s+stories)\b",
)
# A line carrying one of these is a photo caption; its date is the photo's.
CAPTION_MARKERS: tuple[str, ...] = (
    r"^\s*[\[(]",
    r"\b(?:photo|image|picture|pictured|caption|credit)s?\b",
    r"\bfile\s+photo\b",
)
# Labels in front of a stamp's date. The first kind dates the article; the second a later
# change to it. "Started" alone only counts at the head of a stamp ("Started 1 May 2019,
# 09:05"), or after "live coverage": "Talks started 3 May 2017" is a sentence.
PUBLISHED_LABELS: tuple[str, ...] = (
    r"\b(?:first\s+|originally\s+)?(?:published|posted|issued|released|created)\b",
    r"\b(?:publication|release|publish(?:ing)?)\s+date\b",
    r"\blive(?:\s+(?:coverage|blog|updates|page|reporting|text))?\s+(?:started|began|opened)\b",
    r"\b(?:coverage|blog)\s+(?:started|began|opened)\b",
    r"^\W*(?:started|began)\b",
)
UPDATED_LABELS: tuple[str, ...] = (
    r"\b(?:last\s+)?(?:updated?|modified|edited|revised|amended|corrected)\b",
)
# Page furniture that may share a date line: reading time, relative stamps ("Updated 2 years
# ago" - never a date in itself), counters and buttons, an issue or page number.
_COUNT = r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|few|several)"
# A counter, with a thousands separator or a label first ("1,204 views", "Visits: 3").
_COUNTER = (
    r"(?:\d[\d,.\u00a0\u202f]*\s*[km]?\s+(?:comments?|views?|visits?|shares?|reads?|replies|reactions?)"
    r"|(?:comments?|views?|visits?|reads?)\s*:\s*\d[\d,.\u00a0\u202f]*)"
)
CHROME_SEGMENTS: tuple[str, ...] = (
    r"\d+\s*-?\s*(?:min(?:ute)?s?|m)\.?\s+(?:read|listen|watch)(?:ing)?(?:\s+time)?",
    r"(?:reading|listening)\s+time\s*:?\s*\d+\s*-?\s*(?:min(?:ute)?s?)?\.?",
    rf"(?:(?:last\s+)?(?:updated|posted|published|modified|edited)\s*:?\s*)?"
    rf"(?:about\s+|over\s+|almost\s+|nearly\s+)?{_COUNT}\s+"
    r"(?:sec(?:ond)?|min(?:ute)?|h(?:ou)?r|day|week|month|year)s?\s+ago",
    _COUNTER,
    r"(?:comments?|share|print|listen|save|e-?mail|follow|bookmark)(?:\s*\(\d+\))?",
    r"(?:issue|no\.?|vol(?:ume)?\.?|page|edition|episode)\s*#?\s*\d+",
)

# Words that may sit beside a date on a date line without making it a sentence.
_FILLER_WORDS = frozenset(
    (
        *("posted", "published", "first", "last", "updated", "update", "modified", "on", "at"),
        *("date", "dated", "time", "local", "am", "pm", "hrs", "h", "gmt", "z"),
        *("utc", "msk", "almt", "cet", "cest", "est", "edt", "bst", "eet", "eest", "ist"),
        *("wet", "west", "trt", "irst", "ast", "gst", "pkt", "aqtt", "orat", "yekt", "jst"),
        *("kst", "sgt", "hkt", "aest", "aedt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "et"),
    )
)
_TIME_RE = re.compile(
    r"(?:(?<=\d)T|\b)\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?(?![\d.])"
    r"(?:\s*(?:Z\b|[+\-\u2212]\d{2}:?\d{2}\b))?"
    r"|\b\d{1,2}\s*[ap]\.?m\.?(?!\w)",
    re.IGNORECASE,
)
_TZ_RE = re.compile(
    r"\(?\b(?:GMT|UTC)\s*(?:[+\-\u2212]\s*\d{1,2}(?::?\d{2})?)?\)?",
    re.IGNORECASE,
)
# A byline or a section inside a labelled stamp: "Posted on 3 May 2018 in World by Jane Roe".
_NAME = r"[A-Z][\w.'\u2019-]*"
_BYLINE_IN_STAMP_RE = re.compile(
    rf"\b[Bb]y\s+{_NAME}(?:\s+(?:{_NAME}|de|al|el|van|von|bin)){{0,4}}"
)
_SECTION_IN_STAMP_RE = re.compile(rf"\bin\s+{_NAME}(?:\s+(?:{_NAME}|&)){{0,2}}")
_SEGMENT_SPLIT_RE = re.compile(r"\s*[|\u00b7\u2022]\s*|\s+[\u2013\u2014-]\s+|\s{3,}|\s+/\s+")
_WORD_RE = re.compile(r"[^\W_]+(?:['\u2019.-][^\W_]+)*\.?", re.UNICODE)
_SMALL_WORDS = frozenset({"of", "the", "and", "&", "in", "on", "for", "a", "de", "al"})
_CREDIT_WORDS = frozenset(
    (
        *_SMALL_WORDS,
        *("with", "by", "from", "at", "wires", "wire", "agencies", "agency", "staff", "desk"),
        *("reporting", "reports", "report", "correspondent", "correspondents", "writer"),
        *("editor", "contributor", "our", "own", "newsroom", "team", "bureau"),
    )
)
_SENTENCE_END_RE = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s*$")

_HAS_YEAR_RE = re.compile(r"(?:19|20)\d\d|1[34]\d\d")  # Gregorian or Solar Hijri
BYLINE_RE = re.compile(r"\s*by\s", re.IGNORECASE)
_PAGE_STAMP_RE = re.compile("|".join(PAGE_STAMP_MARKERS + HEADER_BAR_MARKERS), re.IGNORECASE)
_VIEW_STAMP_RE = re.compile("|".join(PAGE_STAMP_MARKERS), re.IGNORECASE)
HEADER_BAR_RE = re.compile("|".join(HEADER_BAR_MARKERS), re.IGNORECASE)
CAPTION_RE = re.compile("|".join(CAPTION_MARKERS), re.IGNORECASE)
_LINK_LIST_RE = re.compile("|".join(LINK_LIST_MARKERS), re.IGNORECASE)
_COUNTER_RE = re.compile(_COUNTER, re.IGNORECASE)
_CHROME_SEGMENT_RE = re.compile(r"\W*(?:" + "|".join(CHROME_SEGMENTS) + r")\W*", re.IGNORECASE)


@dataclass(frozen=True)
class LanguageRules:
    """The stamp words of one language (with English, which page chrome often is)."""

    lang: str
    published: re.Pattern[str]
    updated: re.Pattern[str]
    label: re.Pattern[str]
    weekday: re.Pattern[str]
    event: re.Pattern[str]  # "Next Meeting: 21 December 2021" dates an event, not the page
    page_id: re.Pattern[str]  # "News ID: 88214", "کد خبر ۵۵۴۷۳۱۲": the page's number


def _words_re(words: Iterable[str]) -> list[str]:
    """One pattern per label word: whole words, any run of spaces where the word has one."""
    patterns = []
    for word in words:
        spaced = r"\s+".join(re.escape(part) for part in word.split())
        patterns.append(rf"(?<!\w){spaced}(?!\w)")
    return patterns


@cache
def language_rules(lang: str) -> LanguageRules:
    own = load("dates").get("languages", {}).get(lang, {}) if lang != "en" else {}
    published = [*PUBLISHED_LABELS, *_words_re(own.get("published_labels", ()))]
    updated = [*UPDATED_LABELS, *_words_re(own.get("updated_labels", ()))]
    weekdays = (
        weekday_pattern("en")
        if lang == "en"
        else (f"(?:{weekday_pattern(lang)}|{weekday_pattern('en')})")
    )
    events = [*load("dates").get("event_words", ()), *own.get("event_words", ())]
    return LanguageRules(
        lang,
        re.compile("|".join(published), re.IGNORECASE),
        re.compile("|".join(updated), re.IGNORECASE),
        re.compile("|".join((*published, *updated)), re.IGNORECASE),
        re.compile(rf"(?<!\w){weekdays}(?!\w)\.?,?", re.IGNORECASE),
        re.compile("|".join(_words_re(events)) or "(?!)", re.IGNORECASE),
        _page_id_re([*load("dates").get("page_id_labels", ()), *own.get("page_id_labels", ())]),
    )


def _page_id_re(labels: list[str]) -> re.Pattern[str]:
    """A segment that is a page's number after its label ("News ID: 88214")."""
    names = "|".join(_words_re(labels)) or "(?!)"
    return re.compile(rf"\W*(?:{names})\s*[:#\u2116]?\s*[\w-]*\d[\w-]*\W*", re.IGNORECASE)


_PROSE_MIN_WORDS = 12
_MAX_DATE_LINE_CHARS = 160


@dataclass(slots=True)  # not frozen: a frozen dataclass costs four times as much to make
class Line:
    """A non-blank line of the text, stripped, with its character span and its number among
    the non-blank lines."""

    text: str
    start: int
    end: int
    index: int


@dataclass(frozen=True)
class Candidate:
    value: date
    line: Line
    label: str  # "published", "updated" or ""
    has_time: bool
    kind: str  # the rule: "date:page-stamp", "date:dateline", "date:headline", ...


def lines_of(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = pos + (len(raw) - len(raw.lstrip()))
            lines.append(Line(stripped, start, start + len(stripped), len(lines)))
        pos += len(raw) + 1
    return lines


def _words(s: str) -> list[str]:
    return _WORD_RE.findall(s)


# For ASCII lines, `_WORD_RE` words are runs of letters and digits ("x"), joined by one
# ' . or - ("c") between two such runs; every other byte is a space.
_WORD_JOIN_MARKS = bytes(
    0x78 if chr(b).isalnum() else 0x63 if chr(b) in "'.-" else 0x20 for b in range(256)
)


# The character classes of `_WORD_RE`, whose stand-ins keep its words (stand_ins.py).
_WORD_STAND_INS = ascii_stand_ins([r"[^\W_]", r"['\u2019.-]", r"\."])


@lru_cache(maxsize=16)
def word_count(line: str) -> int:
    """`len(_words(line))`, remembered for the last few lines: the prose test and the
    standfirst test both count the words of the first paragraph.

    An ASCII line is counted without making its words: joined runs are merged ("xcx" ->
    "xx", again while one is left: "U.S.A" holds overlapping ones), then a word starts at
    each run of "x" after a space or a loose joiner, and at the start."""
    if not line.isascii():
        line = with_stand_ins(line, _WORD_STAND_INS)
        if not line.isascii():
            return len(_WORD_RE.findall(line))
    marks = line.encode("ascii").translate(_WORD_JOIN_MARKS)
    while b"xcx" in marks:
        marks = marks.replace(b"xcx", b"xx")
    return marks.count(b" x") + marks.count(b"cx") + marks.startswith(b"x")


def is_prose(line: Line) -> bool:
    """A paragraph of running text: the body starts here."""
    text = line.text
    if CAPTION_RE.match(text):  # a caption that opens with "[" is not the body
        return False
    # The words are counted last: most lines above the body are short and end without a stop.
    if len(text) < 120 and not _SENTENCE_END_RE.search(text):
        return False
    return word_count(text) >= _PROSE_MIN_WORDS


def _is_pure_date_segment(segment: str, spans: list[tuple[int, int]], rules: LanguageRules) -> bool:
    """A segment that is a stamp: its dates (at `spans`) plus a label, a time, a time zone,
    a weekday, a place or outlet; in a labelled stamp also a byline and a section."""
    pieces, pos = [], 0
    for start, end in spans:
        pieces.append(segment[pos:start])
        pos = end
    pieces.append(segment[pos:])
    rest = _COUNTER_RE.sub(" ", " ".join(pieces))  # "date 2017-03-15 1,204 views"
    labelled = bool(rules.label.search(rest))
    rest = rules.label.sub(" ", rest)
    timed = bool(_TIME_RE.search(rest))
    opens_with_date = not _words(rules.weekday.sub(" ", rules.label.sub(" ", pieces[0])))
    rest = _TZ_RE.sub(" ", _TIME_RE.sub(" ", rest))
    rest = rules.weekday.sub(" ", rest)
    if labelled:
        rest = _SECTION_IN_STAMP_RE.sub(" ", _BYLINE_IN_STAMP_RE.sub(" ", rest))
    leftover = [w for w in _words(rest) if w.lower().replace(".", "") not in _FILLER_WORDS]
    # A place or outlet may stand beside the date ("ASTANA, 5 May 2017", "Abu Dhabi,
    # 5 May 2017"); a lower-case word makes it a sentence ("Talks open 3 May 2017").
    if len(leftover) <= 1:
        return True
    if len(leftover) > 3:
        return False
    # A header bar's stamp with its clock time may run on into a section link ("Mon
    # 2018-05-14 08:35 Latest news"); a sentence does not open with a date and a time.
    return (opens_with_date and timed) or all(w[0].isupper() for w in leftover)


def _is_label_segment(segment: str) -> bool:
    """What may share a date line: a byline, an outlet or section name, a time, page chrome
    such as a reading time or "Updated 2 years ago"."""
    if _CHROME_SEGMENT_RE.fullmatch(segment):
        return True
    if not _words(_TZ_RE.sub(" ", _TIME_RE.sub(" ", segment))):
        return True  # a clock time alone ("Nov 23, 2017 - 01:14 am")
    words = _words(segment)
    if len(words) <= 2 or BYLINE_RE.match(segment):
        return len(words) <= 8
    significant = [w for w in words if w.lower() not in _SMALL_WORDS]
    if len(words) <= 5 and all(w[0].isupper() or w[0].isdigit() for w in significant):
        return True
    return _is_titled_byline(segment)


_TITLE_PART_WORDS = 4  # words in each comma-separated part of a name with its titles


def _is_titled_byline(segment: str) -> bool:
    """A name with its titles, parted by commas ("Dr. Jane Roe, Senior Fellow, Europe
    Programme"): every part a few capitalised words, the first (the name) two or more, no
    sentence end; a headline has verbs in lower case or no commas between short parts."""
    if _SENTENCE_END_RE.search(segment):
        return False
    parts = [_words(part) for part in segment.split(",")]
    if len(parts) < 2 or len(parts[0]) < 2:
        return False
    if any(not part or len(part) > _TITLE_PART_WORDS for part in parts):
        return False
    return all(w[0].isupper() for part in parts for w in part if w.lower() not in _SMALL_WORDS)


def _is_credit(segment: str) -> bool:
    """Beside an explicitly labelled stamp a little more may stand: a desk or agency credit
    ("NEWS DESK with wires", "Our correspondent in Astana"), not a headline or a sentence."""
    words = _words(segment)
    if len(words) > 8 or _SENTENCE_END_RE.search(segment):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _CREDIT_WORDS for w in words)


def _label(text: str, rules: LanguageRules) -> str:
    """The kind of the last label in `text`: "published", "updated" or ""."""
    published = max((m.start() for m in rules.published.finditer(text)), default=-1)
    updated = max((m.start() for m in rules.updated.finditer(text)), default=-1)
    if published == updated == -1:
        return ""
    return "updated" if updated > published else "published"


def _segments(line: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    pos = 0
    for m in _SEGMENT_SPLIT_RE.finditer(line):
        out.append((pos, line[pos : m.start()]))
        pos = m.end()
    out.append((pos, line[pos:]))
    return out


def date_line_candidates(
    line: Line, rules: LanguageRules, *, header_bar: bool = False
) -> list[Candidate]:
    """Dates on a line that is nothing but date stamps and page chrome.

    The line is cut into segments at separators (| \u00b7 \u2022, a spaced dash or slash,
    wide gaps). Each date must fill its segment (see `_is_pure_date_segment`); the other
    segments must be labels (outlet, section, byline, reading time, "Updated 2 years ago").
    A date takes the label written before it in its segment ("Live coverage started 1 August
    2019 \u00b7 Last updated 2 August 2019": published, then updated), or a bare label segment
    just before it. A date with a two-digit year ("IN BRIEF | 22.12.17") is read on such a
    line only, where it fills its segment. `header_bar`: read a line that a header bar's
    weather or sign-in links would otherwise rule out (and only such a line).
    """
    if len(line.text) > _MAX_DATE_LINE_CHARS:
        return []  # too long (the cheap test first)
    full_year = _HAS_YEAR_RE.search(line.text) is not None
    if not full_year and not SHORT_YEAR_RE.search(line.text):
        return []  # no date at all
    if header_bar:  # a header bar's date: its weather and sign-in links are furniture
        if _VIEW_STAMP_RE.search(line.text) or not HEADER_BAR_RE.search(line.text):
            return []
        furniture = HEADER_BAR_RE.sub(lambda m: " " * len(m.group(0)), line.text)
        line = replace(line, text=furniture)
    elif (
        _PAGE_STAMP_RE.search(line.text)
        or CAPTION_RE.search(line.text)
        or _LINK_LIST_RE.search(line.text)
    ):
        return []
    if full_year:
        mentions = find_date_mentions(line.text, rules.lang)
    else:  # "IN BRIEF | 22.12.17": a two-digit year, on a stamp line alone
        mentions = find_short_year_dates(line.text)
    if not mentions:
        return []
    mentions = [_read_by_weekday(m, line.text, rules) for m in mentions]
    segments = _segments(line.text)
    by_segment: dict[int, list[DateMention]] = {}
    for mention in mentions:
        index = max(i for i, (off, _) in enumerate(segments) if off <= mention.start)
        offset, segment = segments[index]
        if mention.end > offset + len(segment):
            return []  # a separator inside the date: not a date line we understand
        by_segment.setdefault(index, []).append(mention)
    spans_of: dict[int, list[tuple[int, int]]] = {}
    for index, found in by_segment.items():
        offset, segment = segments[index]
        spans_of[index] = [(m.start - offset, m.end - offset) for m in found]
        if not _is_pure_date_segment(segment, spans_of[index], rules):
            return []
    has_time = bool(_TIME_RE.search(line.text))
    candidates: list[Candidate] = []
    for index, found in by_segment.items():
        segment, spans = segments[index][1], spans_of[index]
        if _names_event(segments, index, by_segment, rules):
            continue  # "Next Meeting: 21 December 2021": the meeting's date
        previous = segments[index - 1][1] if index > 0 else ""
        bare_label = _label(previous, rules) if rules.label.fullmatch(previous.strip(" :")) else ""
        labels = []
        for i, (start, _) in enumerate(spans):
            since = spans[i - 1][1] if i else 0
            labels.append(_label(segment[since:start], rules) or (bare_label if i == 0 else ""))
        others = [seg for i, (_, seg) in enumerate(segments) if i not in by_segment]
        check = _is_credit if any(labels) else _is_label_segment
        if not all(
            _is_label_segment(seg) or check(seg) or rules.page_id.fullmatch(seg) for seg in others
        ):
            return []  # a headline or sentence shares the line
        candidates.extend(
            Candidate(m.value, line, label, has_time, "date:page-stamp")
            for m, label in zip(found, labels, strict=True)
        )
    return candidates


def _read_by_weekday(mention: DateMention, text: str, rules: LanguageRules) -> DateMention:
    """A numeric date both ways readable ("Mon, 04/03/2017": 4 March or 3 April) is read
    day-first, unless the stamp's weekday fits only the month-first reading (3 April 2017
    was a Monday, 4 March a Saturday)."""
    value = mention.value
    if mention.pattern != "dmy-numeric" or value.day > 12 or value.day == value.month:
        return mention
    found = rules.weekday.search(text)
    if found is None:
        return mention
    word = " ".join(found.group(0).rstrip(".,").lower().split())
    names = weekday_names(rules.lang)
    weekday = names.get(word, weekday_names("en").get(word))
    if weekday is None or value.weekday() == weekday:
        return mention
    swapped = value.replace(month=value.day, day=value.month)
    if swapped.weekday() != weekday:
        return mention
    return replace(mention, value=swapped)


def _names_event(
    segments: list[tuple[int, str]],
    index: int,
    by_segment: dict[int, list[DateMention]],
    rules: LanguageRules,
) -> bool:
    """Whether a date segment, or a bare label segment just before it, names an event ("Next
    Meeting: 21 December 2021", "Talks Open | 21 December 2021"): the date is the event's."""
    if rules.event.search(segments[index][1]):
        return True
    return (
        index > 0
        and index - 1 not in by_segment
        and bool(rules.event.search(segments[index - 1][1]))
    )


def is_bare_stamp(line: Line, rules: LanguageRules) -> bool:
    """A line that is a date and nothing else but a weekday, a time or a label."""
    mentions = find_date_mentions(line.text, rules.lang)
    if len(mentions) != 1:
        return False
    rest = line.text[: mentions[0].start] + " " + line.text[mentions[0].end :]
    rest = rules.label.sub(" ", _TZ_RE.sub(" ", _TIME_RE.sub(" ", rest)))
    leftover = [w for w in _words(rules.weekday.sub(" ", rest)) if w.lower() not in _FILLER_WORDS]
    return not leftover


def bare_day_month_stamp(line: Line, rules: LanguageRules) -> DayMonth | None:
    """A stamp that writes a day and month without a year ("March 16, 14:57 UTC+3", "23 Sep.
    16:55", "Tuesday, 4 April"): nothing else on the line but a time, a weekday, a label and
    at most a place ("January 23, 8:09 UTC+3 ASTANA")."""
    if len(line.text) > _MAX_DATE_LINE_CHARS or not any(ch.isdigit() for ch in line.text):
        return None
    if _PAGE_STAMP_RE.search(line.text) or CAPTION_RE.search(line.text):
        return None
    found = find_day_months(line.text, rules.lang)
    if len(found) != 1:
        return None
    rest = line.text[: found[0].start] + " " + line.text[found[0].end :]
    rest = rules.label.sub(" ", _TZ_RE.sub(" ", _TIME_RE.sub(" ", rest)))
    leftover = [w for w in _words(rules.weekday.sub(" ", rest)) if w.lower() not in _FILLER_WORDS]
    if any(ch.isdigit() for w in leftover for ch in w):
        return None
    if len(leftover) > 1 or (leftover and not leftover[0][0].isupper()):
        return None
    return found[0]
