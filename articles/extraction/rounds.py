"""Which round an article reports on, and which of its sentences are about that round.

The rules live in modules by what they decide; this module gathers their public names:

* `round_words`: the word data of the round rules per language (`round_words(lang)`);
* `round_mentions`: the `astana_rounds` component and `find_round_mentions` (ordinals,
  counts and named rounds that name an Astana round);
* `round_calendar`: a round's dates, the publication date and dates in the text against
  the calendar, the round's city;
* `round_decision`: `decide_round`, candidate rounds scored on features that add up, with
  one explanation line per candidate (`RoundLink.candidates`);
* `clause_dates`: dates written as adverbials in a sentence;
* `attribution`: `attribute_sentences`, which clauses may give facts about the round.
"""

from __future__ import annotations

from .attribution import Clause, SentenceRole, attribute_sentences, clause_bounds
from .clause_dates import DateMention, find_date_mentions
from .round_calendar import capital_name, city_for
from .round_decision import decide_round
from .round_mentions import (
    ROUNDS_COMPONENT,
    ROUNDS_SPANS,
    RoundMatcher,
    RoundMention,
    cardinal_value,
    find_round_mentions,
    ordinal_value,
)
from .round_words import RoundWords, WordPhrases, round_words

__all__ = [
    "ROUNDS_COMPONENT",
    "ROUNDS_SPANS",
    "Clause",
    "DateMention",
    "RoundMatcher",
    "RoundMention",
    "RoundWords",
    "SentenceRole",
    "WordPhrases",
    "attribute_sentences",
    "capital_name",
    "cardinal_value",
    "city_for",
    "clause_bounds",
    "decide_round",
    "find_date_mentions",
    "find_round_mentions",
    "ordinal_value",
    "round_words",
]
