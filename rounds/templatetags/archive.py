"""Template helpers of the public pages: editorial marks, date ranges, highlighted text.

`highlight()` is a pure function: it takes the article text and character spans and returns
HTML in which every piece of text is escaped and the spans are wrapped in <mark>.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from rounds.provenance import EditorialState

register = template.Library()

# The quiet mark beside a fact, by its editorial state: a symbol for the eye (shape, not
# colour alone), words for screen readers and a tooltip. templates/includes/fact_legend.html
# explains them on every page that shows facts.
FACT_MARKS: dict[str, tuple[str, str, str]] = {
    # state: (css suffix, symbol, words)
    EditorialState.EXTRACTED: ("extracted", "\u25cc", "extracted by the software, not yet checked"),
    EditorialState.CONFIRMED: ("confirmed", "\u2713", "confirmed by an editor"),
    EditorialState.CHANGED: ("edited", "\u270e", "edited by an editor"),
    EditorialState.ADDED: ("edited", "\u270e", "added by an editor"),
}


def fact_state_words(state: str) -> str:
    """What a fact's state says to a reader ("confirmed by an editor"); '' for none."""
    mark = FACT_MARKS.get(state)
    return mark[2] if mark else ""


def _mark_html(state: str) -> SafeString:
    css, symbol, words = FACT_MARKS[state]
    return format_html(
        '<span class="fact-mark fact-mark-{}" title="{}"><span aria-hidden="true">{}</span>'
        '<span class="visually-hidden"> ({})</span></span>',
        css,
        words[0].upper() + words[1:],
        symbol,
        words,
    )


# Written once: lists print a mark on every row.
FACT_MARK_HTML: dict[str, SafeString] = {state: _mark_html(state) for state in FACT_MARKS}
NO_MARK = mark_safe("")


@register.simple_tag
def fact_mark(state: str) -> SafeString:
    """The quiet mark of a fact's editorial state: extracted, confirmed, or edited."""
    return FACT_MARK_HTML.get(state, NO_MARK)


# A round not on the calendar, only inferred from articles; after its number in lists.
INFERRED_MARK = mark_safe(
    ' <span class="badge badge-inferred" title="Inferred from articles; not on the calendar '
    'and not confirmed by an editor">inferred</span>'
)


@register.filter
def date_range(start: date | None, end: date | None) -> str:
    """'14-15 March 2017', '30 July - 1 August 2018' (with en dashes), or one date."""
    if start is None:
        return "date unknown"
    if end is None or end == start:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}\u2013{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} \u2013 {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} \u2013 {end.day} {end:%B %Y}"


@register.filter
def percent(value: float | None) -> str:
    return "" if value is None else f"{round(value * 100)}%"


# Highlighting facts in an article's text


@dataclass(frozen=True)
class Span:
    """A stretch of text that supports a fact. `anchor` is the id given to its first character."""

    start: int
    end: int
    kind: str  # round, date, delegation, observer, topic
    label: str
    anchor: str


def locate(text: str, start: int, end: int, sentence: str) -> tuple[int, int] | None:
    """Where `sentence` is in `text`: at the stored offsets if they still hold, else found.

    An article re-ingested with a changed text keeps stale offsets; highlighting the wrong
    stretch would be worse than highlighting none.
    """
    sentence = sentence.strip()
    in_range = 0 <= start < end <= len(text)
    if in_range and (not sentence or text[start:end].strip() == sentence):
        return start, end
    if sentence:
        found = text.find(sentence)
        if found >= 0:
            return found, found + len(sentence)
    return None


def highlight(text: str, spans: Iterable[Span]) -> SafeString:
    """`text` escaped, with each span wrapped in <mark>; overlapping spans share their marks.

    Each segment between span boundaries is one element whose classes name every kind of fact
    it supports, so overlaps nest nothing and the HTML stays well formed.
    """
    valid = sorted(
        (span for span in spans if 0 <= span.start < span.end <= len(text)),
        key=lambda s: (s.start, s.end),
    )
    if not valid:
        return mark_safe(escape(text))
    bounds = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    starts: dict[int, list[Span]] = {}
    for span in valid:
        starts.setdefault(span.start, []).append(span)
    parts: list[str] = []
    for left, right in pairwise(bounds):
        for span in starts.get(left, ()):
            parts.append(f'<span class="anchor" id="{escape(span.anchor)}"></span>')
        covering = [s for s in valid if s.start <= left and right <= s.end]
        piece = escape(text[left:right])
        if not covering:
            parts.append(piece)
            continue
        kinds = _unique(s.kind for s in covering)
        labels = _unique(s.label for s in covering)
        classes = " ".join(["hl", *(f"hl-{kind}" for kind in kinds)])
        if len(kinds) > 1:
            classes += " hl-multi"
        parts.append(f'<mark class="{classes}" title="{escape("; ".join(labels))}">{piece}</mark>')
    return mark_safe("".join(parts))


def _unique(items: Iterable[str]) -> Sequence[str]:
    return list(dict.fromkeys(items))
