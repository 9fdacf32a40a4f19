"""The year of a day and month written without one, from the round calendar: evidence that
adds up, never a blind guess.

A wire story or statement whose only date is "ASTANA, Dec 21 (Agency) -" may belong to any
year. The calendar narrows it to the years in which a round met on (or just around) that
day; the page must then agree with one of those rounds (`PageContent.agrees`):

* an ordinal the page names before a round noun ("the eighth meeting"): the round must be
  one it names (an ordinal is the strongest evidence, so it decides alone);
* a page that names the Kazakh capital as a place names it as it was called then
  ("Nur-Sultan" from March 2019 to September 2022): no other date agrees;
* without an ordinal, the round's city, named where it is a place: the dateline's place
  ("ASTANA, "), "in Sochi", or the language's phrase for the Kazakh capital ("the Kazakh
  capital") for a round held in the capital. So "ASTANA, Dec 21" is the eighth round (2017), not the
  seventeenth (2021, in Nur-Sultan).

Two agreeing rounds, or none, give no year.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from .data import load
from .round_words import RoundWords, capital_renames, normalise_text, round_words

# A year-less date "at a round" falls within this many days of the round's own days.
ROUND_MARGIN = timedelta(days=7)
# How far after an ordinal its round noun may come ("the eighth international meeting").
_ORDINAL_REACH = 4
_TOKEN_RE = re.compile(r"[^\W_]+(?:[-.][^\W_]+)*\.?", re.UNICODE)


@dataclass(frozen=True)
class CalendarRound:
    number: int
    start: date
    end: date
    city: str


@cache
def calendar_rounds() -> tuple[CalendarRound, ...]:
    """Every round of the package's calendar (`patterns/calendar.json`)."""
    rounds = []
    for entry in load("calendar")["rounds"]:
        start = date.fromisoformat(entry["start"])
        end = date.fromisoformat(entry.get("end") or entry["start"])
        rounds.append(CalendarRound(int(entry["number"]), start, end, entry.get("city") or ""))
    return tuple(rounds)


def rounds_near(value: date) -> list[CalendarRound]:
    """The rounds whose days are within `ROUND_MARGIN` of `value`."""
    return [r for r in calendar_rounds() if r.start - ROUND_MARGIN <= value <= r.end + ROUND_MARGIN]


def capital_at(value: date) -> str | None:
    """The Kazakh capital's name on `value` ("Astana", "Nur-Sultan")."""
    for until, name in capital_renames():
        if value <= until:
            return name
    return None


@dataclass(frozen=True)
class PageContent:
    """What the top of a page says that can tie a date to a round: the round ordinals it
    names, the cities it names as places, and whether it names the Kazakh capital by a
    phrase ("the Kazakh capital")."""

    ordinals: frozenset[int]
    cities: frozenset[str]
    capital_phrase: bool

    def names_capital_as_then(self, value: date) -> bool:
        """Whether the page names the Kazakh capital, if at all, as it was called on
        `value` ("Nur-Sultan" from March 2019 to September 2022)."""
        capital_named = self.cities & _CAPITAL_NAMES
        return not capital_named or capital_at(value) in capital_named

    def agrees(self, r: CalendarRound, value: date) -> bool:
        if not self.names_capital_as_then(value):
            return False  # the page names the capital as it was called at another time
        if self.ordinals:
            return r.number in self.ordinals
        if r.city in self.cities:
            return r.city not in _CAPITAL_NAMES or capital_at(value) == r.city
        return self.capital_phrase and capital_at(value) == r.city


_CAPITAL_NAMES = frozenset(name for _, name in capital_renames())


def page_content(place: str, texts: Sequence[str], lang: str) -> PageContent:
    """The evidence of `place` (a dateline's place, "ASTANA, ") and `texts` (the top
    paragraphs) in the words of `lang` (`patterns/rounds.json`)."""
    words = round_words(lang)
    text = normalise_text(words, " ".join(texts))
    tokens = [t.rstrip(".") for t in _TOKEN_RE.findall(text)]
    ordinals: set[int] = set()
    i = 0
    while i < len(tokens):
        number, end = _ordinal_at(words, tokens, i)
        if number is not None and _names_a_round(words, tokens[end : end + _ORDINAL_REACH]):
            ordinals.add(number)
        i = end
    cities = set(_cities_in(words, normalise_text(words, place), anywhere=True))
    cities.update(_cities_in(words, text, anywhere=False))
    capital_phrase = any(phrase in text for phrase in words.capital_phrases)
    return PageContent(frozenset(ordinals), frozenset(cities), capital_phrase)


def _ordinal_at(words: RoundWords, tokens: Sequence[str], i: int) -> tuple[int | None, int]:
    """(number or None, end) of the ordinal at token `i`: one token, or tens and a unit
    written apart ("он жетінші", "on yedinci": 17, not the unit's 7)."""
    token = tokens[i]
    if token in words.tens and not words.unit_first:
        j = i + 2 if i + 1 < len(tokens) and tokens[i + 1] in words.joiners else i + 1
        if j < len(tokens) and tokens[j] in words.units:
            return words.tens[token] + words.units[tokens[j]], j + 1
    return words.ordinals.get(token), i + 1


def _names_a_round(words: RoundWords, following: Sequence[str]) -> bool:
    """Whether the words after an ordinal are a round noun, maybe after its modifiers ("the
    eighth international meeting"; not "the first day of the round")."""
    for token in following:
        if token in words.round_nouns:
            return True
        if token not in words.round_modifiers:
            return False
    return False


def _cities_in(words: RoundWords, text: str, *, anywhere: bool) -> list[str]:
    """Cities named in `text`. Outside a dateline's place, a city whose name is also the
    process's ("Astana talks") counts only after a preposition of place ("in Astana")."""
    found = []
    for key, name in words.cities.items():
        if key not in text:
            continue  # the substring test first: most cities are not named
        for m in re.finditer(rf"(?<!\w){re.escape(key)}(?!\w)", text):
            if anywhere or key not in words.named_round_words:
                found.append(name)
                break
            before = text[max(0, m.start() - 4) : m.start()].split()
            if before and before[-1] in words.passing_prepositions | {"in"}:
                found.append(name)
                break
    return found


def year_at_a_round(options: Sequence[date], content: PageContent) -> date | None:
    """Of the possible dates (one per year), the one at a round the page agrees with, when
    exactly one is."""
    agreeing = [
        value for value in options if any(content.agrees(r, value) for r in rounds_near(value))
    ]
    return agreeing[0] if len(agreeing) == 1 else None
