"""Kinds of problem that cost the round or the date on crawled-style pages, each with its
general rule: stamp lines with a clock time, counters or the page's number beside the date,
or a two-digit year;
a header bar's date the story agrees with; rounds recalled ("It will be recalled that ...");
ordinals counted from a month ("the fifth round since January"); documents' dates; undated
statements that schedule the next meeting or follow the last one. Short texts written for
these tests."""
# ruff: noqa: RUF001 - a Persian stamp is written in Persian digits

from __future__ import annotations

from datetime import date

import pytest

from articles.extraction.dates import find_publication_date
from articles.extraction.types import ArticleText
from tests.extraction.test_round_evidence_kinds import TODAY, dated, run

HEADLINE = "Guarantors review the ceasefire in Syria"


BODY = (
    "Envoys of Russia, Iran and Turkey met diplomats of the Syrian government and the "
    "opposition on Thursday to review the ceasefire and the exchange of detainees."
)

# --- a) what may share a stamp line with its date -------------------------------------------


@pytest.mark.parametrize(
    ("stamp", "lang", "expected"),
    [
        # a clock time as a segment of its own, after a spaced dash
        pytest.param("Published: Mar 14, 2019 - 09:40 pm", "en", date(2019, 3, 14), id="time"),
        # a counter with a thousands separator in the date's own segment
        pytest.param("Posted 2019-03-14 2,310 views", "en", date(2019, 3, 14), id="counter"),
        pytest.param("14 March 2019 | Visits: 1.204", "en", date(2019, 3, 14), id="visits"),
        # the page's own number beside the date, in English and in Persian
        pytest.param("News ID: 44712 | 14 March 2019", "en", date(2019, 3, 14), id="news-id"),
        pytest.param(
            "۲۵ اردیبهشت ۱۳۹۷، ۱۰:۱۵   |   کد خبر ۴۴۱۲۳", "fa", date(2018, 5, 15), id="fa-code"
        ),
        # a two-digit year, read on a stamp line only
        pytest.param("NEWS IN BRIEF | 14.03.19", "en", date(2019, 3, 14), id="short-year"),
        pytest.param("03/14/19 | Diplomacy", "en", date(2019, 3, 14), id="short-year-us"),
    ],
)
def test_stamp_line_furniture(stamp: str, lang: str, expected: date) -> None:
    finding = dated(f"{HEADLINE}\n{stamp}\n\n{BODY}", lang)
    assert finding is not None and finding.value == expected
    assert finding.rule == "date:page-stamp"


def test_a_headline_beside_a_counter_is_no_stamp() -> None:
    # a sentence shares the line: the date is the event's, not the page's
    assert dated(f"{HEADLINE}\nTalks open 14 March 2019 | 2,310 views\n\n{BODY}") is None


def test_a_two_digit_year_in_prose_is_no_date() -> None:
    # "version 2.1.19" or a score in a sentence: a two-digit year counts on a stamp line alone
    assert dated(f"{HEADLINE}\nThe ceasefire map, version 14.03.19, was shown.\n\n{BODY}") is None


# --- b) a header bar's date, when the story agrees ---------------------------------------------


def test_header_bar_date_the_story_agrees_with() -> None:
    # 14 March 2019 was a Thursday, the day the story names
    text = f"CAPITAL DAILY\n14.03.2019 | 10:42 | Astana | -3°C\n{HEADLINE}\n\n{BODY}"
    finding = dated(text)
    assert finding is not None and finding.value == date(2019, 3, 14)
    assert finding.rule == "date:header-bar"


def test_header_bar_date_near_a_date_the_story_names() -> None:
    text = (
        f"CAPITAL DAILY\n10.07.2021 | Weather: Nur-Sultan +31°C\n{HEADLINE}\n\n"
        "The ministry said the guarantors and the Syrian delegations would meet again on "
        "July 7-8 in the capital to review the ceasefire and the exchange of detainees."
    )
    finding = dated(text)
    assert finding is not None and finding.value == date(2021, 7, 10)


def test_header_bar_date_the_story_disagrees_with_is_the_day_it_was_shown() -> None:
    # 16 March 2019 was a Saturday; the story tells of Thursday and names no date near it
    text = f"CAPITAL DAILY\n16.03.2022 | 10:42 | Astana | -3°C\n{HEADLINE}\n\n{BODY}"
    assert dated(text) is None


def test_another_stamp_beats_the_header_bar() -> None:
    text = (
        f"CAPITAL DAILY\n14.03.2019 | 10:42 | Astana | -3°C\n{HEADLINE}\n"
        f"Published: 13 March 2019\n\n{BODY}"
    )
    finding = dated(text)
    assert finding is not None and finding.value == date(2019, 3, 13)
    assert finding.rule != "date:header-bar"


# --- c) a round recalled is a look-back ------------------------------------------------------


@pytest.mark.parametrize(
    "recall",
    [
        "It will be recalled that the eighth round took place in the Kazakh capital on "
        "December 21-22.",
        "As a reminder, the eighth international meeting was held on December 21-22.",
    ],
)
def test_recalled_round_is_a_look_back(extractor, recall: str) -> None:
    text = (
        "Kazakhstan to host Syria talks in May\n14 April 2018\n\n"
        "The next international meeting on Syria will be held in the Kazakh capital on "
        "May 14-15, the foreign ministry spokesman told reporters on Saturday, adding that "
        f"the guarantors had confirmed their participation. {recall}"
    )
    finding, extraction = run(extractor, text)
    assert finding is not None and finding.value == date(2018, 4, 14)
    link = extraction.round
    assert link is not None and link.number == 9
    assert any("recalled" in line for line in link.candidates if line.startswith("round 8"))


def test_recall_in_another_language(extractor) -> None:
    text = (
        "Переговоры по Сирии пройдут в мае\n14 апреля 2018\n\n"
        "Следующая международная встреча по Сирии в астанинском формате пройдет 14-15 мая, "
        "сообщил официальный представитель министерства. Напомним, восьмой раунд переговоров "
        "прошел 21-22 декабря."
    )
    _, extraction = run(extractor, text, "ru")
    assert extraction.round is not None and extraction.round.number == 9


# --- d) "the Nth round since <month>": the calendar counts ------------------------------------


@pytest.mark.parametrize(
    ("stamp", "sentence", "number"),
    [
        # January held round 1 (2017) and round 21 (2024); only 2017 has a fourth after it
        ("", "The talks were the fourth round since January.", 4),
        # the year written decides between round 2 (2017) and round 15 (2021)
        ("", "The talks were the third round since February 2021.", 17),
        # the publication's year decides
        ("22 December 2021\n", "The talks were the third round since February.", 17),
        # February opened the count in 2017 and in 2021, and nothing decides: no round
        ("", "The talks were the third round since February.", None),
    ],
)
def test_ordinal_counted_from_a_month(
    extractor, stamp: str, sentence: str, number: int | None
) -> None:
    text = (
        f"Syria talks end without a deal\n{stamp}\nTwo days of talks on Syria ended in the "
        f"Kazakh capital without agreement on the maps of the zones, envoys said. {sentence}"
    )
    link = run(extractor, text)[1].round
    if number is None:
        assert link is None
    else:
        assert link is not None and link.number == number
        assert any("counted on the calendar" in line for line in link.candidates)


# --- e) documents' dates and statements that schedule the next meeting -----------------------


STATEMENT = (
    "Joint statement by Iran, Russia and Turkey\n\nThe guarantors reviewed the implementation "
    "of the Memorandum on the creation of the zones of 4 May 2017 and the exchange of detainees."
)


@pytest.mark.parametrize(
    ("sentence", "number", "feature"),
    [
        pytest.param(
            "Decided to hold the next international meeting on Syria in Astana on 21-22 "
            "December 2017.",
            7,  # round 8 met on 21-22 December 2017: not the memorandum's round 4
            "the meeting it schedules",
            id="schedules-the-next",
        ),
        pytest.param(
            "Reviewed the situation on the ground following their last meeting in Sochi on "
            "30-31 July 2018.",
            11,  # round 10 met in Sochi on 30-31 July 2018: the statement is written later
            "the last meeting it follows",
            id="follows-the-last",
        ),
        pytest.param(
            "Assessed the ceasefire since their previous meeting in Astana on 14-15 September "
            "2017.",
            7,  # round 6 met on 14-15 September 2017: "previous" after "since"
            "the last meeting it follows",
            id="since-the-previous",
        ),
        pytest.param(
            "Assessed the ceasefire since their meeting of 14-15 September 2017 and agreed on "
            "further steps.",
            7,  # no marker before the noun: "since their meeting" is enough
            "the last meeting it follows",
            id="since-their-meeting",
        ),
    ],
)
def test_an_undated_statement_is_placed_by_the_meeting_it_dates(
    extractor, sentence: str, number: int, feature: str
) -> None:
    finding, extraction = run(extractor, f"{STATEMENT}\n\n{sentence}")
    link = extraction.round
    assert finding is None
    assert link is not None and link.number == number
    assert any(feature in line for line in link.candidates)


@pytest.mark.parametrize(
    ("headline", "sentence", "number"),
    [
        pytest.param(
            "Guarantors wrap up the eighth round\n22 December 2017",
            "The guarantors decided to hold the next international meeting on Syria in Sochi "
            "in January, the Kazakh foreign ministry said after two days of talks.",
            8,
            id="schedules-the-next",
        ),
        pytest.param(
            "Guarantors sum up the Sochi round\n1 August 2018",
            "Diplomats reviewed the results following the last meeting in Sochi on 30-31 "
            "July 2018, the Kazakh foreign ministry said.",
            10,
            id="follows-the-last",
        ),
    ],
)
def test_a_dated_report_is_not_moved_by_the_meeting_it_dates(
    extractor, headline: str, sentence: str, number: int
) -> None:
    # the publication date places it; the neighbour rules are for undated statements
    link = run(extractor, f"{headline}\n\n{sentence}")[1].round
    assert link is not None and link.number == number
    assert not any("the meeting it schedules" in line for line in link.candidates)
    assert not any("the last meeting it follows" in line for line in link.candidates)


def test_a_statement_dated_by_an_update_stamp_is_placed_by_the_meeting_it_follows(
    extractor,
) -> None:
    # a ministry page updated long after the statement: its stamp dates no round
    text = (
        f"Joint statement by Iran, Russia and Turkey\nLast update: 2020/03/02 - 09:15\n\n"
        f"{STATEMENT}\n\nAssessed the ceasefire since their previous meeting in Astana on "
        "14-15 September 2017."
    )
    finding, extraction = run(extractor, text)
    link = extraction.round
    assert finding is not None and finding.value == date(2020, 3, 2)
    assert link is not None and link.number == 7
    assert any("the last meeting it follows" in line for line in link.candidates)


def test_a_dated_report_keeps_the_days_of_the_meeting_it_follows_from_its_own(extractor) -> None:
    # "since their meeting of ..." on a dated page: those days are an earlier meeting's
    text = (
        "Guarantors review the ceasefire in Syria\n16 March 2018\n\n"
        "The envoys discussed the exchange of detainees since their meeting of 21-22 "
        "December 2017, the Kazakh foreign ministry said."
    )
    link = run(extractor, text)[1].round
    assert link is None or link.number != 8
    if link is not None:
        assert not any("the last meeting it follows" in line for line in link.candidates)


@pytest.mark.parametrize(
    ("cue", "number"),
    [
        # the cue governs the congress; the round is named in a clause after "as"
        pytest.param("agreed to convene a congress in Sochi, as the ninth round", 9, id="as"),
        pytest.param("said talks went well while the ninth round", 9, id="while"),
    ],
)
def test_an_agreement_does_not_reach_a_round_named_in_a_later_clause(
    extractor, cue: str, number: int
) -> None:
    text = (
        f"Guarantors meet again in Syria talks\n\nThe three guarantors {cue} of talks in "
        "the Kazakh capital closed on Friday with a joint statement."
    )
    link = run(extractor, text)[1].round
    assert link is not None and link.number == number
    assert not any("agreed upon for later" in line for line in link.candidates)


def test_an_agreement_still_reaches_the_round_it_schedules(extractor) -> None:
    text = (
        "Guarantors meet again in Syria talks\n\nThe three guarantors agreed to hold the "
        "ninth round of talks in the Kazakh capital in May, an official said."
    )
    link = run(extractor, text)[1].round
    assert link is None or any("agreed upon for later" in line for line in link.candidates)


@pytest.mark.parametrize(
    ("closing", "number"),
    [
        pytest.param(
            "The two-day meeting, which ended on Tuesday, adopted a statement.", 17, id="over"
        ),
        # a meeting named as an earlier one is no report of this one
        pytest.param("The previous meeting ended without a statement.", None, id="previous"),
        pytest.param("The sides exchanged views on the ceasefire.", None, id="nothing-over"),
    ],
)
def test_an_undated_interview_names_its_round_after_a_preposition(
    extractor, closing: str, number: int | None
) -> None:
    # "at the 17th round": in passing, unless the page reports a meeting as over
    text = (
        "Envoy warns against new offensive in Syria\n\n"
        "A senior envoy has warned that a new offensive would undo the gains of the talks.\n"
        "The envoy, who headed the delegation at the 17th round of talks in the Kazakh "
        f"capital, told reporters that the ceasefire must hold.\n{closing}"
    )
    finding, extraction = run(extractor, text)
    assert finding is None
    link = extraction.round
    if number is None:
        assert link is None
    else:
        assert link is not None and link.number == number
        assert any("a meeting reported as over" in line for line in link.candidates)


@pytest.mark.parametrize(
    ("headline", "number"),
    [
        # the process's cast makes it the process's news, like a round word would
        pytest.param(
            "Guarantors sign a map of the zones in the Kazakh capital", 6, id="guarantors"
        ),
        pytest.param("Kazakh capital hosts a trade fair on grain exports", None, id="no-context"),
    ],
)
def test_a_page_published_during_a_round_needs_the_process_near_the_top(
    extractor, headline: str, number: int | None
) -> None:
    # 15 September 2017: the second day of round 6
    text = (
        f"{headline}\n15 September 2017\n\nThe documents were signed on Friday in the "
        "presence of officials of Kazakhstan, who said more work lay ahead."
    )
    link = run(extractor, text)[1].round
    if number is None:
        assert link is None
    else:
        assert link is not None and link.number == number


def test_a_memorandum_date_is_no_meeting_date(extractor) -> None:
    _, extraction = run(extractor, STATEMENT)
    assert extraction.round is None


# --- f) a menu line of widely spaced items ends at its line break -----------------------------


def test_menu_line_does_not_swallow_the_headline_and_the_lead(extractor) -> None:
    # the menu's items are parted by runs of spaces: eight words, but fifteen tokens
    headline = "Syria talks to return to the Kazakh capital on April 25-26"
    text = (
        "CAPITAL DAILY\n14.03.2019 | 10:42 | Astana | -3°C\n"
        f"News  Kazakhstan  World  Economy  Video  Sport  Photo  Opinion\n{headline}\n"
        "The next meeting on Syria in the Astana format will be held in the capital on April "
        "25-26, the foreign ministry spokesman told a briefing on Thursday."
    )
    article = ArticleText(text=text, title=headline, language="en")
    finding = find_publication_date(article, today=TODAY)
    extraction = extractor.extract(article, finding)
    assert finding is not None and finding.value == date(2019, 3, 14)
    link = extraction.round
    assert link is not None and link.number == 12
    assert link.method == "announcement"
