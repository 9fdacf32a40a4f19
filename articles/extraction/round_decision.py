"""The round decision: candidate rounds scored on evidence that adds up.

Every candidate round collects weighted features, each named in its explanation line
(`RoundLink.candidates`):

* an ordinal mention: its position (headline 3, lead 2.5, first paragraph 1.5, body 1), its
  grammar (+1 next to opened/ended/wrapped up/will host), markers of a passing reference
  (-4 for "previous/next/last ...", -0.75 for "at the ...", -2.5 after "agreed to hold"; -4
  in a sentence that recalls, "It will be recalled that ...", `recall_markers`);
  further mentions add a quarter, and the only round the text names by an ordinal, not in
  passing, gets 0.5 more when no publication date can check it;
* a count of earlier rounds ("11 meetings have been held": the next one) 1.5;
* an ordinal counted from a month ("the fifth round since January"): the calendar's round
  that many from the one held that month (`round_calendar.round_counted_since`), then
  scored as an ordinal;
* the publication date against the round's dates (`round_calendar.date_term`: +2.5, +3
  during the round, -3 far from it, -1.5 for a look-back, 0 for an announcement up to 100
  days ahead);
* the calendar: an article about a round published during or just after it (or, with a
  future marker, a few weeks before) 1.5, or +0.5 where a mention names that round;
* dates in the text that fall on the round's days (+3 in the headline, lead or first
  paragraph, +1.5 further down) or in its month (+1, +0.5; only for a round the text
  names by no ordinal; +1 more for a range that is exactly the days of a round no ordinal
  names, "14 and 15 September 2017"; +0.5 more in a sentence that announces, none in a
  sentence about a summit, Geneva or ministers; -4 in a sentence that recalls, where
  "will" announces nothing), and for a round placed by such dates, its city named in
  the headline, lead or first paragraph (+0.5);
* without a publication date, a dateline's day and month ("TEHRAN, Jan. 21", at the start
  of the first sentence) in each year a round was held, for a round the page agrees with
  (its ordinal, or its city as then called: `date_years`): the calendar rule (1.5) with
  half the date's weight;
* without a publication date, a round no ordinal names, placed by dates in the text, whose
  days fall when the Kazakh capital had another name than the one the page's top uses as
  a place ("in Nur-Sultan", March 2019 to September 2022): -3;
* a date right after a document noun ("the Memorandum ... of 4 May 2017",
  `document_nouns`) is the document's: no round's days;
* without a publication date, a statement that schedules the next meeting ("Decided to hold
  the next meeting in July 2018") on a round's days or in its month: the round before that
  one 1.5 (the scheduled round itself keeps its -2.5); for a month with a year that no
  round met in, the last round before it (within `SCHEDULE_REACH`); in such a sentence
  "their last meeting" is the one before the statement's own (-4 for its dates);
* a headline or lead about a summit, the Sochi congress, Geneva or ministers that names no
  round there: -5 for every candidate, and the calendar and the publication date near a
  round are then no evidence (such a page is not a round's report); not when the headline
  reports a round as its subject and names the event only after it ("Syria talks end with
  a date for the congress": a round word right before an event verb) or has a round noun
  and a word of the process and no such event ("Astana format meeting in Sochi agrees
  ..."): the lead's event is then in passing. An event named after the process ("the
  Astana summit", "vertice di Astana"), ministers under a junior rank ("deputy foreign
  ministers") and an event after a subordinator in its clause ("since their foreign
  ministers gathered") do not count;
* without a publication date, a page dated by its month alone (`dates.publication_month`:
  " date 2021-12 ", a "December 2021" stamp): the calendar rule (1.5) for the rounds held
  that month (+0.5 to a candidate already named), and dates in the text without a year
  read near that month;
* a round not on the calendar (it would be inferred) named only in passing or in a
  tentative clause ("tentatively planned", "may take place", `tentative_markers`): -3.

The best candidate wins when it scores at least `MIN_SCORE` and no other scores the same
(a tie is evidence that does not decide: no round). The method says which
evidence carried it: `ordinal`, `announcement` (an ordinal or the dates of a round still
ahead), `count` or `calendar-date`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from spacy.tokens import Doc

from .date_years import CalendarRound, PageContent, page_content
from .dates import publication_month
from .round_calendar import (
    TextDate,
    city_for,
    date_term,
    dateline_dates,
    find_text_dates,
    round_counted_since,
    round_dates,
    rounds_of_text_date,
)
from .round_clauses import (
    clause_bounds,
    document_date,
    exact_days,
    headline_about_a_round,
    names_city,
    non_round_event,
    own_clause,
    reports_a_meeting_ended,
    round_before,
    schedules_next,
)
from .round_mentions import RoundMention, normalised_tokens, words_of
from .round_words import RoundWords, normalise_text
from .sentences import CHROME, HEADLINE, LEAD, Layout, SentInfo, doc_text, tokens_of
from .types import Evidence, RoundInfo, RoundLink

W_HEADLINE, W_LEAD, W_FIRST_PARAGRAPH, W_BODY = 3.0, 2.5, 1.5, 1.0
W_EVENT_VERB = 1.0
W_PASSING = -4.0
W_PASSING_PREPOSITION = -0.75
W_AGREED_NEXT = -2.5
W_MORE_MENTIONS = 0.25  # each further mention of the same round, of its positive score
W_ONLY_ROUND = 0.5
W_REPORTED_ENDED = 0.5  # an undated page reports a meeting as over: the one round it names
W_COUNT = 1.5
W_CALENDAR = 1.5
W_CALENDAR_CONFIRMS = 0.5
W_TEXT_DAYS_TOP, W_TEXT_DAYS_BODY = 3.0, 1.5
W_TEXT_DAYS_EXACT = 1.0  # a range of days that is exactly a round's: more than one day of it
W_TEXT_MONTH_TOP, W_TEXT_MONTH_BODY = 1.0, 0.5
W_TEXT_DATE_ANNOUNCED = 0.5
W_TEXT_CITY = 0.5
W_DATELINE = 0.5  # of the date term, a dateline standing for the publication date
DATELINE_REACH = 6  # tokens from the start of the first sentence
W_NON_ROUND_TOP = -5.0
W_NOT_FIRM = -3.0  # a round not on the calendar, named only in passing or tentatively
W_OTHER_ERA = -3.0  # an undated page names the Kazakh capital as it was called at another time
MIN_SCORE = 1.5
CONTEXT_SENTS = 5
# Without a publication date, a statement that schedules the next meeting on a round's days
# (or in its month) is the round before that one.
W_SCHEDULES_NEXT = 1.5
AFTER_REACH = 3  # tokens before "last meeting" where "since"/"following" may stand
OTHER_MEETING_REACH = 16  # tokens before a date where "the previous/next meeting" names it


@dataclass
class Candidate:
    number: int
    score: float = 0.0
    scores: list[float] = field(default_factory=list)
    best: RoundMention | None = None
    best_score: float = float("-inf")
    best_features: list[tuple[str, float]] = field(default_factory=list)
    features: list[tuple[str, float]] = field(default_factory=list)  # beyond the mentions
    method: str = "ordinal"
    announcement: bool = False
    text_date: bool = False

    def add(self, name: str, weight: float) -> None:
        """A feature beyond the mentions: named in the explanation, added to the score."""
        self.features.append((name, weight))
        self.score += weight

    def explain(self, doc: Doc) -> str:
        parts = []
        if self.best is not None:
            text = _span_text(doc, self.best)
            inner = ", ".join(f"{name} {weight:+.2f}" for name, weight in self.best_features)
            parts.append(f"{self.best.kind} '{text}' ({inner})")
            if len(self.scores) > 1:
                parts.append(f"{len(self.scores) - 1} more mention(s)")
        parts += [f"{name} {weight:+.2f}" for name, weight in self.features]
        return f"round {self.number}: {self.score:.2f} = " + "; ".join(parts)


def _span_text(doc: Doc, m: RoundMention) -> str:
    return doc[m.start : m.end].text


def _position_weight(sent: SentInfo) -> tuple[float, str]:
    if sent.kind == HEADLINE:
        return W_HEADLINE, "headline"
    if sent.kind == LEAD:
        return W_LEAD, "lead"
    if sent.first_paragraph:
        return W_FIRST_PARAGRAPH, "first paragraph"
    return W_BODY, "body"


def mention_features(
    N: Sequence[str], m: RoundMention, sent: SentInfo, words: RoundWords
) -> tuple[list[tuple[str, float]], bool]:
    """The features of one ordinal mention (without the date), and whether it announces."""
    weight, where = _position_weight(sent)
    features = [(where, weight)]
    c_start, c_end = clause_bounds(N, sent, m.start)
    before = N[max(c_start, m.start - 4) : m.start]
    if not words.passing_markers.isdisjoint(before[-words.passing_window :]):
        features.append(("passing reference", W_PASSING))  # "the previous round"
    det = before[-1] if before else ""
    owner = det in words.definite_articles or det in words.party_possessives
    prep = before[-2] if len(before) >= 2 and owner else det
    if prep in words.passing_prepositions:
        features.append(("after a preposition", W_PASSING_PREPOSITION))  # "at the 20th round"
    after = [w for w in N[m.end : min(c_end, m.end + 10)] if w[:1].isalnum()]
    if any(w in words.event_verbs for w in after[:8]) or any(
        w in words.event_verbs for w in before
    ):
        features.append(("event verb", W_EVENT_VERB))  # "opened", "wrapped up", "will host"
    if not words.agreed_cues.isdisjoint(own_clause(N[c_start : m.start], words)):
        # "agreed to hold the 22nd meeting in the second half of the year": the next round,
        # decided upon at the one the article reports.
        features.append(("agreed upon for later", W_AGREED_NEXT))
    window = set(before) | set(after[:8])
    announcement = not window.isdisjoint(words.announcement_markers) or (
        not window.isdisjoint(words.announcement_hosts) and "to" in window
    )
    return features, announcement


def _top_sents(layout: Layout) -> list[SentInfo]:
    top = [layout.sents[i] for i in layout.headline]
    if layout.lead is not None:
        top.append(layout.sents[layout.lead])
    return top


def _sents_text(doc: Doc, sents: Sequence[SentInfo], words: RoundWords) -> str:
    text = doc_text(doc)
    return normalise_text(words, " ".join(text[s.start_char : s.end_char] for s in sents))


def _evidence(doc: Doc, sent: SentInfo) -> Evidence:
    return Evidence(doc_text(doc)[sent.start_char : sent.end_char], sent.start_char, sent.end_char)


def _is_top(sent: SentInfo) -> bool:
    return sent.kind in (HEADLINE, LEAD) or sent.first_paragraph


def decide_round(
    doc: Doc,
    layout: Layout,
    mentions: Sequence[RoundMention],
    published: date | None,
    calendar: dict[int, RoundInfo],
    date_weak: bool = False,
    rejected: list[str] | None = None,
) -> RoundLink | None:
    """The round the article reports on, or None (see the module docstring for the rules).
    `date_weak`: the date was read from an update stamp alone (low confidence). When no
    candidate wins, the explanation of each is appended to `rejected` (if given)."""
    words = words_of(doc)
    N = normalised_tokens(doc, words)
    candidates: dict[int, Candidate] = {}
    top_ordinal = False
    for m in mentions:
        sent = layout.sents[m.sent]
        if sent.kind == CHROME or sent.background:
            continue
        counted = ""
        if m.kind == "since":  # "the fifth round since January": the calendar counts
            number = round_counted_since(calendar, m.number, m.since or (0, None), published)
            if number is None:
                continue
            month = date(2000, m.since[0], 1).strftime("%B") if m.since else ""
            counted = f"counted on the calendar from {month}'s round"
            m = replace(m, kind="ordinal", number=number)
        cand = candidates.setdefault(m.number, Candidate(m.number))
        if m.kind == "ordinal":
            features, announcement = mention_features(N, m, sent, words)
            if counted:
                features.append((counted, 0.0))
            top_ordinal = top_ordinal or sent.kind in (HEADLINE, LEAD)
            if words.recall_markers.found_in(_sents_text(doc, [sent], words)):
                # "It will be recalled that the first meeting took place ...": a look-back.
                features.append(("recalled", W_PASSING))
                announcement = False
        else:
            features, announcement = [("count of earlier rounds", W_COUNT)], False
        dates = round_dates(calendar, m.number)
        weight, name = date_term(published, dates, date_weak, announcement)
        if name:
            features.append((name, weight))
        score = sum(w for _, w in features)
        cand.scores.append(score)
        if score > cand.best_score:
            cand.best_score, cand.best, cand.best_features = score, m, features
            cand.method = m.kind
            cand.announcement = announcement
    for cand in candidates.values():
        ordered = sorted(cand.scores, reverse=True)
        cand.score = ordered[0] + W_MORE_MENTIONS * sum(s for s in ordered[1:] if s > 0)
    named = [c for c in candidates.values() if c.best is not None and c.best.kind == "ordinal"]
    if published is None and len(named) == 1:
        lowest = min(weight for _, weight in named[0].best_features)
        if lowest >= 0:
            # Without a publication date to check it, a round named alone (and not in
            # passing: "at the 13th round") is the likelier.
            named[0].add("the only round named", W_ONLY_ROUND)
        elif lowest >= W_PASSING_PREPOSITION and reports_a_meeting_ended(N, layout, words):
            # "who led the delegation at the 19th round ... the two-day meeting, which
            # ended on Wednesday": the meeting reported as over is the one round named.
            named[0].add("the only round named", W_ONLY_ROUND)
            named[0].add("a meeting reported as over", W_REPORTED_ENDED)

    top_text = _sents_text(doc, _top_sents(layout), words)
    # Round words near the top: the headline, the lead, the first paragraph and the first
    # few sentences of content (a teaser line may stand where the lead should be).
    content = [s for s in layout.sents if s.kind != CHROME]
    context_sents = [s for s in layout.sents if _is_top(s)] + content[:CONTEXT_SENTS]
    context_text = _sents_text(doc, context_sents, words)
    # A round word, or the process's cast ("guarantors"), near the top.
    has_context = words.generic_round_words.found_in(
        context_text
    ) or words.process_context.found_in(context_text)
    announces = words.future_markers.found_in(top_text)  # "will host", "next week"
    # The headline or lead is about a summit, a congress, Geneva talks or ministers.
    non_round = None if top_ordinal else non_round_event(top_text, words)
    if non_round and any(
        headline_about_a_round(_sents_text(doc, [layout.sents[i]], words), words)
        for i in layout.headline
    ):
        non_round = None  # the headline is about a round: the event is named in passing

    # The calendar: an article about a round published during it, just after it, or
    # (announcing it) a few weeks before; not an article about another event.
    if published is not None and has_context and not non_round:
        for number in calendar:
            dates = round_dates(calendar, number)
            weight, name = date_term(published, dates)
            if weight <= 0 or dates is None:
                continue
            if published < dates[0] - timedelta(days=3) and not announces:
                continue
            cand = candidates.get(number)
            if cand is None:
                cand = candidates[number] = Candidate(number, method="calendar-date")
                cand.features += [("calendar", W_CALENDAR), (name, weight)]
                cand.score = W_CALENDAR + weight
            else:
                cand.add("the date confirms it", W_CALENDAR_CONFIRMS)

    # A page dated by its month alone ("December 2021"): the rounds held that month.
    month = publication_month(doc_text(doc), doc.lang_) if published is None else None
    if month is not None and has_context:
        _add_month(month, calendar, candidates)

    # Dates in the text that fall on a round's days (or in its month).
    if has_context or candidates:
        reference = published or (date(month[0], month[1], 15) if month else None)
        _add_text_dates(
            doc,
            layout,
            N,
            words,
            published,
            calendar,
            candidates,
            date_weak,
            announces,
            reference,
            about_other_event=bool(non_round),
        )

    if non_round:
        for cand in candidates.values():
            cand.add(f"headline or lead about '{non_round}'", W_NON_ROUND_TOP)

    # A round the calendar does not know is inferred from the text alone: only from a
    # firm mention, not from one in passing or a tentative plan ("may take place").
    for cand in candidates.values():
        if cand.number not in calendar and cand.best is not None:
            reason = _unfirm(N, cand, layout.sents[cand.best.sent], words)
            if reason:
                cand.add(f"not on the calendar, named {reason}", W_NOT_FIRM)

    if not candidates:
        return None
    ranked = sorted(candidates.values(), key=lambda c: (-c.score, c.number))
    best = ranked[0]
    lines = _explanations(doc, ranked)
    # Two rounds with the same score: the evidence does not decide between them.
    tied = len(ranked) > 1 and ranked[1].score == best.score
    if best.score < MIN_SCORE or tied:
        if rejected is not None:
            why = f"tied with round {ranked[1].number}" if tied else f"below {MIN_SCORE}"
            rejected.extend(f"{line} ({why})" for line in lines)
        return None
    return _link(doc, layout, best, published, calendar, words, announces, tuple(lines))


def _unfirm(N: Sequence[str], cand: Candidate, sent: SentInfo, words: RoundWords) -> str:
    """Why a candidate's best mention is no firm ground for a new round: it is in passing
    (a negative feature of the mention: "previous", "at the ...", "agreed to hold") or its
    clause is tentative ("tentatively planned", "is expected to", "may take place")."""
    assert cand.best is not None
    if any(weight < 0 for _, weight in cand.best_features):
        return "in passing"
    start, end = clause_bounds(N, sent, cand.best.start)
    if not words.tentative_markers.isdisjoint(N[start:end]):
        return "tentatively"
    return ""


def _add_text_dates(
    doc: Doc,
    layout: Layout,
    N: Sequence[str],
    words: RoundWords,
    published: date | None,
    calendar: dict[int, RoundInfo],
    candidates: dict[int, Candidate],
    date_weak: bool,
    announces: bool,
    reference: date | None,
    about_other_event: bool = False,
) -> None:
    """Dates in the text on a round's days or in its month; a date in a sentence about a
    summit, Geneva or ministers is that event's, and a date announced ("will be held on")
    counts a little more. A date without a year names a round near `reference` (the
    publication date, or the middle of the publication month). On a page about another
    event (`about_other_event`) the publication date near a round it dates is no evidence:
    such a page is not that round's report."""
    sents = [s for s in layout.sents if s.kind != CHROME and not s.background]
    text = doc_text(doc)
    sentence_text = {}
    best: dict[int, tuple[float, str]] = {}
    announced_rounds: set[int] = set()
    scheduled: dict[int, float] = {}  # the round before one the text schedules, its weight
    exact: set[int] = set()  # rounds whose days the text names all of, as a range
    follows: dict[int, float] = {}  # the round after the last meeting the text follows, weight
    first_content = sents[0].index if sents else -1
    dateline = None
    for td in find_text_dates(N, sents, words, tokens_of(doc).text):
        if td.sent == first_content and td.at <= DATELINE_REACH and dateline is None:
            dateline = td
        if td.sent not in sentence_text:
            sent = layout.sents[td.sent]
            sentence_text[td.sent] = normalise_text(words, text[sent.start_char : sent.end_char])
        said = sentence_text[td.sent]
        if words.non_round_events.found_in(said) or document_date(
            N, layout.sents[td.sent], td, words
        ):
            continue
        top = _is_top(layout.sents[td.sent])
        recalled = words.recall_markers.found_in(said)
        announced = not recalled and words.future_markers.found_in(said)
        other_meeting = (
            ("recalled", W_PASSING)
            if recalled
            else _other_meeting(N, layout.sents[td.sent], td, words, published is None or date_weak)
        )
        for number, days in rounds_of_text_date(td, calendar, reference):
            if days:
                weight = W_TEXT_DAYS_TOP if top else W_TEXT_DAYS_BODY
                name = "its days in the text"
                if exact_days(td, round_dates(calendar, number)) and not other_meeting:
                    exact.add(number)  # "14-15 September 2017": all its days
            else:
                weight = W_TEXT_MONTH_TOP if top else W_TEXT_MONTH_BODY
                name = "its month in the text"
            name += " (top)" if top else ""
            if announced:
                weight += W_TEXT_DATE_ANNOUNCED
                name += ", announced"
            if other_meeting:
                weight += other_meeting[1]
                name += f", {other_meeting[0]}"
            if number not in best or weight > best[number][0]:
                best[number] = (weight, name)
                if announced:
                    announced_rounds.add(number)
            if published is None and other_meeting and other_meeting[1] == W_AGREED_NEXT:
                # An undated statement that schedules the next meeting is the one before it.
                scheduled[number - 1] = W_SCHEDULES_NEXT
            if other_meeting and other_meeting[0] == "the last meeting it follows" and days:
                # An undated page written after its last meeting is the round after it.
                follows[number + 1] = W_SCHEDULES_NEXT
        if published is None and other_meeting and other_meeting[1] == W_AGREED_NEXT:
            # The next meeting may be scheduled for a month no round met in (it was held
            # later): the statement is still the last round before that month.
            before = round_before(td, calendar)
            if before is not None:
                scheduled.setdefault(before, W_SCHEDULES_NEXT)
    top_sents = [s for s in layout.sents if _is_top(s)]
    if published is None and dateline is not None:
        dateline_sent = layout.sents[dateline.sent]
        place = doc[dateline_sent.start : dateline_sent.start + dateline.at].text
        content = page_content(place, [_sents_text(doc, top_sents, words)], doc.lang_)
        _add_dateline(dateline, calendar, candidates, best, announces, content)
    top_text = _sents_text(doc, top_sents, words)
    capital = page_content("", [top_text], doc.lang_) if published is None else None
    for name, neighbours in (
        ("the round before the meeting it schedules", scheduled),
        ("the round after the last meeting it follows", follows),
    ):
        for number, weight in neighbours.items():
            if number not in calendar:
                continue
            cand = candidates.get(number)
            if cand is None:
                cand = candidates[number] = Candidate(number, method="calendar-date")
            cand.add(name, weight)
    for number, (weight, name) in best.items():
        cand = candidates.get(number)
        if cand is not None and cand.best is not None and weight < W_TEXT_DAYS_BODY:
            continue  # a month alone adds nothing to a round the text names
        if cand is None:
            cand = candidates[number] = Candidate(number, method="calendar-date")
            term, term_name = date_term(
                published, round_dates(calendar, number), date_weak, number in announced_rounds
            )
            if term_name and not (about_other_event and term > 0):
                cand.add(term_name, term)
            city = calendar[number].city.lower() if calendar[number].city else ""
            if city and names_city(words, top_text, city):
                cand.add("its city near the top", W_TEXT_CITY)
            dates = round_dates(calendar, number)
            if capital is not None and dates and not capital.names_capital_as_then(dates[0]):
                # An undated page that names the capital "Nur-Sultan" as a place was
                # written while it was so called: not about a round of another time.
                cand.add("the capital named as at another time", W_OTHER_ERA)
        cand.add(name, weight)
        cand.text_date = cand.text_date or weight >= W_TEXT_DAYS_BODY
        if number in exact and cand.best is None:
            # For a round no ordinal names: a report names another round's days as often.
            cand.add("all its days, as a range", W_TEXT_DAYS_EXACT)


def _other_meeting(
    N: Sequence[str], sent: SentInfo, td: TextDate, words: RoundWords, undated: bool = False
) -> tuple[str, float] | None:
    """Whether a date in the text is another meeting's: its clause, before the date, names
    an earlier meeting ("at the previous round, held on 7-8 July") or a meeting agreed upon
    for later ("decided to hold the next meeting on 15-16 June"). A statement's own round is
    not the one it recalls nor the one it schedules; an announcement of the next meeting
    ("the next meeting will be held on ...") is still that meeting's. "The last meeting" is
    often a report's own round, but not in an `undated` statement's sentence that schedules
    the next one: written at its own round, such a statement's last meeting is the one
    before it."""
    at = sent.start + td.at
    markers = words.passing_markers | words.after_markers
    if markers.isdisjoint(N[max(sent.start, at - OTHER_MEETING_REACH) : at]):
        return None  # most dates: no marker near, no clause to find
    start, _ = clause_bounds(N, sent, at)
    before = N[max(start, at - OTHER_MEETING_REACH) : at]
    for i, word in enumerate(before[:-1]):
        if (
            word in words.after_markers
            and words.round_nouns.isdisjoint(before[i + 1 : i + 2])
            and not words.round_nouns.isdisjoint(before[i + 2 : i + 3])
        ):
            # "since their meeting of 1-2 August": written after that meeting (not "the
            # following meeting", where the marker stands right before its noun)
            if undated:
                return "the last meeting it follows", W_PASSING
            return "an earlier meeting's", W_PASSING
        if word not in words.passing_markers:
            continue
        # "the next meeting"; where adjectives follow their noun, "الاجتماع ... المقبل" too.
        around = before[i + 1 : i + 4]
        if words.noun_first:
            around = [*before[max(0, i - 4) : i], *around]
        if words.round_nouns.isdisjoint(around):
            continue
        if (
            word in words.latest_markers
            and undated
            and not words.after_markers.isdisjoint(before[max(0, i - AFTER_REACH) : i])
        ):
            # "following their last meeting in ...": an undated page written after it
            return "the last meeting it follows", W_PASSING
        if word in words.latest_markers and not (undated and schedules_next(N, sent, words)):
            continue  # "the last round, held on ...": often the report's own round
        if word not in words.next_markers:
            if undated and not words.after_markers.isdisjoint(before[max(0, i - AFTER_REACH) : i]):
                return "the last meeting it follows", W_PASSING  # "since their previous meeting"
            return "an earlier meeting's", W_PASSING
        if not words.agreed_cues.isdisjoint(N[start:at]):
            return "agreed upon for later", W_AGREED_NEXT
    return None


def _add_dateline(
    td: TextDate,
    calendar: dict[int, RoundInfo],
    candidates: dict[int, Candidate],
    days_found: dict[int, tuple[float, str]],
    announces: bool,
    content: PageContent,
) -> None:
    """Without a publication date, the day and month of a dateline ("TEHRAN, Jan. 21", at
    the start of the first sentence) stand for it: the calendar rule with half the date's
    weight, for rounds whose days it does not name already and that the page agrees with
    (its ordinal, or its city as then called: `date_years.PageContent`); a day near some
    round is no evidence by itself."""
    for number, when in dateline_dates(td, calendar):
        dates = round_dates(calendar, number)
        weight, _ = date_term(when, dates)
        if weight <= 0 or dates is None or number in days_found:
            continue
        info = calendar[number]
        if not content.agrees(CalendarRound(number, dates[0], dates[1], info.city), when):
            continue
        if when < dates[0] - timedelta(days=3) and not announces:
            continue
        cand = candidates.get(number)
        if cand is None:
            cand = candidates[number] = Candidate(number, method="calendar-date")
            cand.add("calendar", W_CALENDAR)
        elif any(n == "dateline" for n, _ in cand.features):
            continue
        cand.add("dateline", W_DATELINE * weight)


def _add_month(
    month: tuple[int, int], calendar: dict[int, RoundInfo], candidates: dict[int, Candidate]
) -> None:
    """A page dated by its month alone: the calendar rule for the rounds held that month."""
    for number in calendar:
        dates = round_dates(calendar, number)
        if dates is None or month not in {(d.year, d.month) for d in dates}:
            continue
        cand = candidates.get(number)
        if cand is None:
            cand = candidates[number] = Candidate(number, method="calendar-date")
            cand.add("calendar: held the month the page is dated", W_CALENDAR)
        else:
            cand.add("the month the page is dated confirms it", W_CALENDAR_CONFIRMS)


def _explanations(doc: Doc, ranked: Sequence[Candidate]) -> list[str]:
    best = ranked[0]
    lines = []
    for cand in ranked:
        line = cand.explain(doc)
        if cand is best:
            line += "; chosen" if cand.score >= MIN_SCORE else f"; below the minimum {MIN_SCORE}"
        else:
            line += f"; lost to round {best.number} ({best.score:.2f})"
        lines.append(line)
    return lines


def _link(
    doc: Doc,
    layout: Layout,
    best: Candidate,
    published: date | None,
    calendar: dict[int, RoundInfo],
    words: RoundWords,
    announces: bool,
    lines: tuple[str, ...],
) -> RoundLink:
    number = best.number
    if best.best is not None:
        sent = layout.sents[best.best.sent]
        evidence: Evidence | None = _evidence(doc, sent)
        evidence_sents = [sent]
    else:
        top = (
            layout.lead
            if layout.lead is not None
            else (layout.headline[0] if layout.headline else None)
        )
        sent = layout.sents[top] if top is not None else None
        evidence = _evidence(doc, sent) if sent is not None else None
        evidence_sents = [sent] if sent is not None else []
    method = best.method
    dates = round_dates(calendar, number)
    ahead = published is None or dates is None or published < dates[0]
    if method == "ordinal" and best.announcement and ahead:
        method = "announcement"
    elif method == "calendar-date" and best.text_date and announces and ahead:
        method = "announcement"  # "the next meeting will be held on December 21-22"
    city_sents = evidence_sents + _top_sents(layout)
    city = city_for(
        number, calendar, doc, city_sents, published or (dates[0] if dates else None), words
    )
    confidence = round(min(0.99, 0.5 + best.score / 12), 2)
    return RoundLink(
        number=number,
        method=method,
        city=city,
        evidence=evidence,
        confidence=confidence,
        candidates=lines,
    )
