"""ASCII stand-ins for the non-ASCII punctuation of news copy, for the ASCII fast paths of
word counts.

Curly quotes and dashes make most lines of news copy non-ASCII, and a fast path written for
ASCII lines would miss them. A character can be put for another in a line without changing
what a pattern finds there when every character class of the pattern holds both or
neither; the stand-ins are derived from each pattern's own classes, not listed by hand.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Punctuation that news copy puts in otherwise ASCII lines (which of them have a stand-in
# for a given pattern is derived from the pattern).
NEWS_PUNCTUATION = "\u2019\u2018\u201c\u201d\u2014\u2013\u00a0\u00ab\u00bb\u2026"
_CANDIDATES = " '.-"


def ascii_stand_ins(char_classes: Sequence[str], chars: str = NEWS_PUNCTUATION) -> dict[str, str]:
    """For each of `chars`, an ASCII character that every one of `char_classes` (the
    character classes and literal characters of a pattern, as regex strings) holds exactly
    when it holds the character; characters without one are left out."""
    classes = [re.compile(c) for c in char_classes]

    def membership(ch: str) -> tuple[bool, ...]:
        return tuple(c.fullmatch(ch) is not None for c in classes)

    found = {}
    for ch in chars:
        stand_in = next((a for a in _CANDIDATES if membership(a) == membership(ch)), None)
        if stand_in is not None:
            found[ch] = stand_in
    return found


def with_stand_ins(line: str, stand_ins: dict[str, str]) -> str:
    """`line` with each character of `stand_ins` replaced by its stand-in."""
    for ch, stand_in in stand_ins.items():
        if ch in line:
            line = line.replace(ch, stand_in)
    return line
