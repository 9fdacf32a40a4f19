"""Clause and sentence tests of the round decision (`round_decision`): where a clause
starts, whether a cue reaches a mention, whether a headline is about a round or another
event, whether a date is a document's, and the like. Plain predicates on normalised tokens
and text; the weights stay in `round_decision`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from .round_calendar import TextDate, round_dates
from .round_words import RoundWords
from .sentences import CHROME, Layout, SentInfo
from .types import RoundInfo

ENDED_REACH = 4  # tokens after a round noun where an ended verb reports it over
DOCUMENT_REACH = 12  # tokens before a date where a document noun makes it the document's
SCHEDULE_REACH = timedelta(days=240)  # a round before the date of the next meeting it schedules


def clause_bounds(T: Sequence[str], sent: SentInfo, i: int) -> tuple[int, int]:
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


def own_clause(before: Sequence[str], words: RoundWords) -> Sequence[str]:
    """The words of `before` (those before a mention in its clause) after the last clause
    opener: "agreed to convene a congress ..., as the eighth round closed" agrees nothing
    about the round named after "as"."""
    for i in range(len(before) - 1, -1, -1):
        if before[i] in words.clause_openers:
            return before[i + 1 :]
    return before


_ROUND_SUBJECTS: dict[str, re.Pattern[str]] = {}


def names_event_in_passing(text: str, words: RoundWords) -> bool:
    """Whether the normalised headline `text` has a round as the subject of an event verb
    ("talks end", "the meeting opened") and names a summit, congress, Geneva or ministers
    only after it ("Syria talks end with a date for the congress"); "Geneva talks end" and
    "the ministers' meeting opened" report no round."""
    pattern = _ROUND_SUBJECTS.get(words.lang)
    if pattern is None:
        verbs = "|".join(re.escape(v) for v in sorted(words.event_verbs, key=len, reverse=True))
        pattern = _ROUND_SUBJECTS[words.lang] = re.compile(
            rf"(?:{words.generic_round_words.pattern.pattern})\w*\s+(?:{verbs or '(?!)'})\b"
        )
    match = pattern.search(text) if words.generic_round_words.found_in(text) else None
    return (
        match is not None
        and not words.non_round_events.found_in(text[: match.end()])
        and words.non_round_events.found_in(text[match.end() :])
    )


def non_round_event(text: str, words: RoundWords) -> str | None:
    """The first summit, congress, Geneva or ministers' event the normalised `text` names,
    not counting one named after the process ("the Astana summit", "Astana zirvesi",
    "vertice di Astana": the round itself), ministers under a junior rank ("deputy foreign
    ministers", who head delegations at rounds) nor one after a subordinator in its clause
    ("the first such meeting since their foreign ministers gathered": a point of reference)."""
    if words.non_round_events.first_in(text) is None:
        return None
    for match in words.non_round_events.pattern.finditer(text):
        before = text[: match.start()].split()
        previous = before[-1] if before else ""
        following = [w.strip(".,:;'\"") for w in text[match.end() :].split()[:2]]
        if previous in words.named_round_words or previous.startswith(words.junior_ranks or "\0"):
            continue
        if (  # "vertice di Astana"; not "summit of the heads of the Astana process"
            len(following) == 2
            and following[0] in words.process_links
            and following[1] in words.named_round_words
        ):
            continue
        clause = re.split(r"[,;:]", text[: match.start()])[-1].split()
        if not words.subordinators.isdisjoint(clause):
            continue
        return match.group(0)
    return None


def headline_about_a_round(text: str, words: RoundWords) -> bool:
    """Whether a normalised headline is about a round of the process, so that an event the
    lead names is named in passing: it reports a round as the subject of an event verb and
    names the event only after it (`names_event_in_passing`), or it names a round noun with
    a word of the process ("Astana format meeting on Syria in Sochi agrees ..."; not "Astana
    format ministers meet") and no other event."""
    if names_event_in_passing(text, words):
        return True
    if non_round_event(text, words) is not None:
        return False
    tokens = set(re.findall(r"\w[\w-]*", text))
    return not tokens.isdisjoint(words.astana_context) and not tokens.isdisjoint(words.round_nouns)


def reports_a_meeting_ended(N: Sequence[str], layout: Layout, words: RoundWords) -> bool:
    """Whether a sentence of the story reports a meeting as over by a round noun and, in the
    next few words, an ended verb ("the meeting, which ended on Wednesday"), with no passing
    marker before the noun ("the previous meeting ended ...") and no ordinal in it."""
    for sent in layout.sents:
        if sent.kind == CHROME or sent.background:
            continue
        for k in range(sent.start, sent.end):
            if N[k] not in words.round_nouns:
                continue
            after = N[k + 1 : min(sent.end, k + 1 + ENDED_REACH)]
            before = N[max(sent.start, k - 3) : k]
            if (
                not words.ended_verbs.isdisjoint(after)
                and words.passing_markers.isdisjoint(before)
                and all(w not in words.ordinals for w in before)
            ):
                return True
    return False


def round_before(td: TextDate, calendar: dict[int, RoundInfo]) -> int | None:
    """The last round the calendar holds before a date written with its year (within
    `SCHEDULE_REACH`), for a statement that schedules the next meeting on that date."""
    if td.year is None:
        return None
    scheduled = date(td.year, td.month, td.first_day or 1)
    earlier = [
        (dates[0], number)
        for number in calendar
        if (dates := round_dates(calendar, number)) is not None
        and dates[1] < scheduled
        and scheduled - dates[1] <= SCHEDULE_REACH
    ]
    return max(earlier)[1] if earlier else None


def exact_days(td: TextDate, dates: tuple[date, date] | None) -> bool:
    """Whether a range of days in the text ("14 and 15 September") is exactly a round's."""
    if dates is None or td.first_day is None or td.last_day == td.first_day:
        return False
    start, end = dates
    return (td.month, td.first_day, td.last_day) == (start.month, start.day, end.day) and (
        td.year in (None, start.year)
    )


def document_date(N: Sequence[str], sent: SentInfo, td: TextDate, words: RoundWords) -> bool:
    """Whether a date in the text is a document's: a document noun (`document_nouns`) stands
    just before it in its clause ("the Memorandum on ... areas of 4 May 2017")."""
    at = sent.start + td.at
    start, _ = clause_bounds(N, sent, at)
    return not words.document_nouns.isdisjoint(N[max(start, at - DOCUMENT_REACH) : at])


def schedules_next(N: Sequence[str], sent: SentInfo, words: RoundWords) -> bool:
    """Whether a sentence decides upon the next meeting ("Decided to hold the next meeting
    ..."): an agreed cue and a marker of the next meeting."""
    said = N[sent.start : sent.end]
    return not words.agreed_cues.isdisjoint(said) and not words.next_markers.isdisjoint(said)


def names_city(words: RoundWords, text: str, city: str) -> bool:
    """Whether `text` names the city (in the language's spelling, `RoundWords.cities`). A
    city whose name is also the process's ("Astana talks", "Astana-format") tells nothing."""
    return any(
        name.lower() == city and key in text and key not in words.named_round_words
        for key, name in words.cities.items()
    )
