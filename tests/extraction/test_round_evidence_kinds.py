"""Kinds of problem that cost the round or the date on real pages, each with its general rule:
year-less datelines, pages dated by their month alone, statements with no ordinal, rounds
recalled in passing, and rounds not on the calendar named only tentatively. Short texts
written for these tests."""
# ruff: noqa: RUF001 - Russian datelines are written in capitals

from __future__ import annotations

from datetime import date

import pytest

from articles.extraction.date_years import page_content, year_at_a_round
from articles.extraction.dates import find_publication_date, publication_month
from articles.extraction.types import ArticleText

TODAY = date(2025, 6, 1)


def dated(text: str, lang: str = "en"):
    title = text.split("\n", 1)[0]
    return find_publication_date(ArticleText(text=text, title=title, language=lang), today=TODAY)


def run(extractor, text: str, lang: str = "en"):
    """Date the article as ingest does, then extract with that date."""
    title = None if text.startswith(" date") else text.split("\n", 1)[0]
    article = ArticleText(text=text, title=title, language=lang)
    finding = find_publication_date(article, today=TODAY)
    return finding, extractor.extract(article, finding)


STATEMENT = (
    "Russia, Iran and Turkey reaffirmed their commitment to the sovereignty and territorial "
    "integrity of Syria in a joint statement issued at the end of two days of talks."
)

# --- a) a year-less dateline: the calendar and the page's content must agree ---------------


@pytest.mark.parametrize(
    ("dateline", "expected", "number"),
    [
        # 21 December: round 8 (2017, Astana) and round 17 (2021, then called Nur-Sultan)
        pytest.param("ASTANA, Dec 21 (Wire) -", date(2017, 12, 21), 8, id="capital-as-astana"),
        pytest.param(
            "NUR-SULTAN, Dec 21 (Wire) -", date(2021, 12, 21), 17, id="capital-as-nur-sultan"
        ),
        # the ordinal decides among the years whose rounds met that day
        pytest.param(
            "MOSCOW, Dec 21 (Wire) - At the 17th international meeting in the Kazakh capital,",
            date(2021, 12, 21),
            17,
            id="ordinal-decides",
        ),
        # "on Thursday" is the opening's day, not the dateline's: the ordinal outweighs it
        pytest.param(
            "ASTANA, Dec 19 (Wire) - The eighth round opens on Thursday in the Kazakh capital.",
            date(2017, 12, 19),
            8,
            id="ordinal-outweighs-the-events-weekday",
        ),
    ],
)
def test_year_less_dateline_takes_the_year_the_page_agrees_with(
    extractor, dateline: str, expected: date, number: int
) -> None:
    text = f"Guarantors reaffirm commitment to Syria\n\n{dateline} {STATEMENT}"
    finding, extraction = run(extractor, text)
    assert finding is not None and finding.value == expected
    assert finding.rule == "date:dateline-no-year"
    assert extraction.round is not None and extraction.round.number == number


@pytest.mark.parametrize(
    "dateline",
    [
        # 3 November is days after round 7 (2017), but nothing on the page agrees with it
        pytest.param("TEHRAN, Nov 3 (Wire) -", id="near-a-round-without-agreement"),
        # two years agree as well: Dec 21 at a round in the capital, named by a phrase
        pytest.param("MOSCOW, Dec 21 (Wire) - In the Kazakh capital,", id="two-rounds-agree"),
        # the ordinal names a round that did not meet that day
        pytest.param("ASTANA, Dec 21 (Wire) - After the ninth round,", id="ordinal-disagrees"),
    ],
)
def test_year_less_dateline_without_decisive_evidence_gives_no_date(
    extractor, dateline: str
) -> None:
    text = f"Guarantors reaffirm commitment to Syria\n\n{dateline} {STATEMENT}"
    finding, extraction = run(extractor, text)
    assert finding is None
    assert extraction.round is None or extraction.round.method != "calendar-date"


@pytest.mark.parametrize(
    ("text", "lang", "expected", "number"),
    [
        (
            "Гаранты подтвердили приверженность\n\nНУР-СУЛТАН, 21 декабря. /АГЕНТСТВО/. Россия, "
            "Иран и Турция подтвердили приверженность суверенитету Сирии в совместном "
            "заявлении по итогам переговоров.",
            "ru",
            date(2021, 12, 21),
            17,
        ),
        (
            "Les garants réaffirment leur engagement\n\nASTANA, 21 déc (Agence) - La Russie, "
            "l'Iran et la Turquie ont réaffirmé leur attachement à la souveraineté de la Syrie "
            "dans une déclaration commune à la fin des pourparlers.",
            "fr",
            date(2017, 12, 21),
            8,
        ),
    ],
)
def test_year_less_dateline_in_other_languages(
    extractor, text: str, lang: str, expected: date, number: int
) -> None:
    finding, extraction = run(extractor, text, lang)
    assert finding is not None and finding.value == expected
    assert extraction.round is not None and extraction.round.number == number


def test_dates_of_history_do_not_date_a_dateline() -> None:
    # "March 2011" is the war's start: Dec 21 of 2010 would be nearest it, and wrong.
    text = (
        "Guarantors meet again\n\nTEHRAN, Dec 21 (Wire) - Iran's envoy said the conflict that "
        "began in March 2011 has no military solution, and called for more aid."
    )
    assert dated(text) is None


def test_page_content_reads_ordinals_before_round_nouns_only() -> None:
    content = page_content(
        "ASTANA, ", ["The first day of the new round opened; the eighth meeting"], "en"
    )
    assert content.ordinals == frozenset({8})
    assert "Astana" in content.cities
    # "first day" is no round: only the eighth meeting counts, which met on 21 December 2017
    assert year_at_a_round([date(2017, 12, 21), date(2021, 12, 21)], content) == date(2017, 12, 21)


# --- b) a page dated by its month alone -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "month"),
    [
        (" date 2021-12 The ministry said the talks will be held soon.", (2021, 12)),
        ("Next talks dated\nDecember 2021\n\nThe ministry said on Wednesday.", (2021, 12)),
        ("Next talks dated\n\nThe ministry said the talks would open in December 2021.", None),
    ],
)
def test_publication_month(text: str, month: tuple[int, int] | None) -> None:
    assert publication_month(text) == month


@pytest.mark.parametrize(
    "text",
    [
        " date 2021-12 The next international meeting on Syria in the Astana format will be "
        "held on December 21-22, the Kazakh foreign ministry said on Wednesday.",
        "Next Astana meeting dates set\nDecember 2021\n\nThe next international meeting on "
        "Syria in the Astana format will be held on December 21-22, the Kazakh foreign "
        "ministry said on Wednesday.",
    ],
    ids=["month-header", "month-stamp"],
)
def test_month_alone_is_no_day_but_places_the_announced_round(extractor, text: str) -> None:
    finding, extraction = run(extractor, text)
    # never the first of the month, nor the next meeting's date
    assert finding is None
    link = extraction.round
    # December 21-22 was round 8 (2017) and round 17 (2021): the month decides
    assert link is not None and link.number == 17
    assert link.method == "announcement"


def test_a_month_alone_puts_an_unnumbered_report_at_its_round(extractor) -> None:
    text = (
        " date 2017-01 The delegations of Russia, Iran and Turkey held consultations in the "
        "Kazakh capital on Sunday, ahead of Monday's talks between the government and the "
        "opposition."
    )
    finding, extraction = run(extractor, text)
    assert finding is None
    assert extraction.round is not None and extraction.round.number == 1
    assert any("the month the page is dated" in line for line in extraction.round.candidates)


def test_date_of_the_next_meeting_is_not_the_publication_date() -> None:
    text = (
        "Guarantors agree on the next meeting\n\nThe next meeting will be held on "
        "21-22 December 2021 in the Kazakh capital, the three guarantors said in their "
        "statement after two days of talks."
    )
    assert dated(text) is None


# --- c) joint statements and wrap-ups without a round number ----------------------------------


@pytest.mark.parametrize(
    ("text", "published", "number"),
    [
        pytest.param(
            "Joint Statement by Iran, Russia and Turkey\n\nThe guarantors of the Astana "
            "format held a high-level meeting on Syria in Nur-Sultan on 7-8 July 2021. They "
            "decided to hold the next meeting in Nur-Sultan before the end of 2021.",
            None,
            16,
            id="own-dates-not-the-next-meeting",
        ),
        pytest.param(
            "Final communique of the talks\n\nThe delegations of the guarantors concluded "
            "two days of talks in the Kazakh capital. They recalled the decisions of the "
            "previous meeting held on 16-17 February and agreed to meet again in the autumn.",
            "2021-07-08",
            16,
            id="publication-date-not-the-previous-round",
        ),
        pytest.param(
            "Talks wrap up without breakthrough\n\nThe talks in the Kazakh capital ended on "
            "Thursday. The next meeting will be held before the end of the year.",
            "2021-07-08",
            16,
            id="wrap-up-with-next-meeting",
        ),
    ],
)
def test_statement_without_ordinal_is_the_round_of_its_own_dates(
    extract, text: str, published: str | None, number: int
) -> None:
    link = extract(text, published, title=text.split("\n", 1)[0]).round
    assert link is not None and link.number == number


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Envoys review Astana outcome\n\nAt the last round of talks in Nur-Sultan, held "
            "on 7-8 July, the guarantors agreed to extend the ceasefire, the envoys said.",
            id="the-last-round",
        ),
        pytest.param(
            "Envoys review Astana outcome\n\nThe recent meeting in Nur-Sultan, held on "
            "7-8 July, extended the ceasefire, the envoys said.",
            id="the-recent-meeting",
        ),
    ],
)
def test_the_last_round_named_after_it_is_the_reports_own(extract, text: str) -> None:
    """ "The last round" or "the recent meeting" in a report written days after a round is
    usually that round itself, not an earlier one: its dates still place the report."""
    link = extract(text, "2021-07-12", title=text.split("\n", 1)[0]).round
    assert link is not None and link.number == 16
    assert not any("an earlier meeting's" in line for line in link.candidates)


def test_undated_statement_is_the_round_before_the_one_it_schedules(extract) -> None:
    text = (
        "Joint statement on Syria\n\nThe delegations of Iran, Russia and Turkey met in "
        "Nur-Sultan. They decided to hold the next International Meeting on Syria in the "
        "Astana format on 15-16 June 2022."
    )
    link = extract(text, None, text.split("\n", 1)[0]).round
    # 15-16 June 2022 was round 18: the statement that schedules it is round 17's, never 18's
    assert link is not None and link.number == 17
    assert any("agreed upon for later" in line for line in link.candidates)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Syria talks end in Kazakh capital\n\nThe talks ended on Thursday. At the previous "
            "round, held on 7-8 July, the sides had agreed on a prisoner exchange.",
            id="previous-meeting-recalled",
        ),
    ],
)
def test_undated_statement_is_not_the_round_it_recalls(extract, text: str) -> None:
    extraction = extract(text, None, text.split("\n", 1)[0])
    # the statement's own round is not named: no round rather than the other meeting's
    assert extraction.round is None
    assert any(
        "agreed upon for later" in line or "an earlier meeting's" in line
        for line in extraction.round_candidates
    )


def test_announcement_of_the_next_meeting_is_still_that_meetings(extract) -> None:
    text = (
        "Dates of the next Syria talks\n\nThe next meeting in the Astana format will be held "
        "on 15-16 June, the Kazakh foreign ministry said."
    )
    link = extract(text, "2022-06-01", "Dates of the next Syria talks").round
    assert link is not None and link.number == 18


# --- d) a round recalled in passing by an article about another event -----------------------


@pytest.mark.parametrize(
    ("text", "published"),
    [
        pytest.param(
            "Presidents meet in Tehran on Syria\n\nThe presidents of Iran, Russia and Turkey "
            "met in Tehran on Tuesday for a summit. They recalled the de-escalation zones "
            "agreed at the 7th round in Astana.",
            "2022-07-19",
            id="summit",
        ),
        pytest.param(
            "Foreign ministers discuss Syria in Moscow\n\nThe foreign ministers of the three "
            "guarantors met in Moscow, as agreed at the 20th meeting in the Astana format.",
            "2023-10-10",
            id="ministers",
        ),
        pytest.param(
            "Erdogan and Putin talk by phone\n\nThe two leaders discussed Idlib on Tuesday, "
            "recalling the agreements of the Astana talks held in the Kazakh capital last week.",
            "2021-12-28",
            id="phone-call-days-after-a-round",
        ),
    ],
)
def test_round_recalled_by_an_article_about_another_event_is_not_its_round(
    extract, text: str, published: str
) -> None:
    link = extract(text, published, title=text.split("\n", 1)[0]).round
    assert link is None


# --- e) a round not on the calendar needs a firm mention ---------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The 23rd meeting in the Astana format is tentatively planned for the autumn.",
        "The 23rd round may take place in the Kazakh capital later this year.",
        "The 23rd round is expected to be held in the Kazakh capital in the autumn.",
        "Whether anyone will convene a 23rd round is unclear.",
    ],
)
def test_round_not_on_the_calendar_is_not_inferred_from_a_tentative_mention(
    extract, sentence: str
) -> None:
    extraction = extract(
        f"Guarantors discuss Syria\n\n{sentence}", None, "Guarantors discuss Syria"
    )
    assert extraction.round is None
    assert any("not on the calendar, named tentatively" in c for c in extraction.round_candidates)


def test_round_not_on_the_calendar_is_not_inferred_from_a_passing_mention(extract) -> None:
    text = "Guarantors discuss Syria\n\nThe envoys met again, as at the 23rd round."
    extraction = extract(text, None, "Guarantors discuss Syria")
    assert extraction.round is None
    assert any("not on the calendar, named in passing" in c for c in extraction.round_candidates)


def test_round_not_on_the_calendar_announced_firmly_is_inferred(extract) -> None:
    text = (
        "Date set for the next Syria talks\n\nThe 23rd international meeting on Syria in the "
        "Astana format will be held in Astana on 2-3 June, the Kazakh foreign ministry said."
    )
    link = extract(text, "2025-05-20", "Date set for the next Syria talks").round
    assert link is not None and link.number == 23
    # a tentative word elsewhere in the article does not weaken the firm mention
    text += " Talks on prisoners may follow."
    link = extract(text, "2025-05-20", "Date set for the next Syria talks").round
    assert link is not None and link.number == 23


def test_a_calendar_round_announced_tentatively_is_still_linked(extract) -> None:
    text = (
        "Next Syria talks\n\nThe 17th meeting in the Astana format is expected to be held "
        "on December 21-22, the ministry said."
    )
    link = extract(text, "2021-12-08", "Next Syria talks").round
    assert link is not None and link.number == 17


# --- equal evidence does not choose ---------------------------------------------------------


def test_two_rounds_the_calendar_alone_supports_equally_give_no_round(extract) -> None:
    # December 21-22: round 8 (2017) and round 17 (2021), and nothing to tell them apart
    text = "Talks on Syria\n\nThe talks will be held on December 21-22, the ministry said."
    extraction = extract(text, None, "Talks on Syria")
    assert extraction.round is None
    assert any("tied with round" in line for line in extraction.round_candidates)


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        # 3 April 2017 was a Monday, 4 March 2017 a Saturday
        ("Mon, 04/03/2017 - 09:34", date(2017, 4, 3)),
        ("Sat, 04/03/2017 - 09:34", date(2017, 3, 4)),
        # without a weekday, day-first as before
        ("04/03/2017 - 09:34", date(2017, 3, 4)),
        ("Mon, 03/13/2017 - 09:34", date(2017, 3, 13)),
    ],
)
def test_numeric_stamp_read_both_ways_follows_its_weekday(stamp: str, expected: date) -> None:
    body = (
        "Russia, Iran and Turkey will hold the next round of talks on Syria in the Kazakh "
        "capital, the foreign ministry said in a statement on Monday."
    )
    finding = dated(f"Talks next week\n{stamp}\n\n{body}")
    assert finding is not None and finding.value == expected
    assert finding.rule == "date:page-stamp"


ANNOUNCEMENT = (
    "The next international meeting on Syria in the Astana format will be held on "
    "December 21-22, the Kazakh foreign ministry said in a statement."
)


@pytest.mark.parametrize("stamp", ["12/08/2021 10:35", "12.08.2021", "By Jane Roe | 12-08-2021"])
def test_numeric_stamp_read_both_ways_follows_the_story_dates(extractor, stamp: str) -> None:
    # 12 August is 131 days before the announced meeting, 8 December 13 days
    text = f"Kazakhstan to host next Syria talks\n{stamp}\n\n{ANNOUNCEMENT}"
    finding, extraction = run(extractor, text)
    assert finding is not None and finding.value == date(2021, 12, 8)
    assert extraction.round is not None and extraction.round.number == 17
    assert extraction.round.method == "announcement"


@pytest.mark.parametrize(
    ("stamp", "story", "expected"),
    [
        # the story's dates agree with day-first: it stays
        ("08.12.2021", ANNOUNCEMENT, date(2021, 12, 8)),
        (
            "12/08/2021",
            "The ministry said the talks held on 10 August went well.",
            date(2021, 8, 12),
        ),
        # no date in the story: day-first, as always
        (
            "12/08/2021",
            "The ministry said the talks went well, a spokesman told reporters.",
            date(2021, 8, 12),
        ),
    ],
)
def test_numeric_stamp_stays_day_first_without_evidence_against(
    stamp: str, story: str, expected: date
) -> None:
    finding = dated(f"Talks next week\n{stamp}\n\n{story}")
    assert finding is not None and finding.value == expected


@pytest.mark.parametrize(
    "stamp",
    [
        "Next Meeting: 21 December 2021",
        "Next Round | 21 December 2021",
        "Talks Open 21 December 2021",
        "Event Date: 21 December 2021",
    ],
)
def test_a_line_dating_an_event_is_no_page_stamp(stamp: str) -> None:
    body = (
        "The next international meeting on Syria in the Astana format will be held in the "
        "Kazakh capital, the foreign ministry said in a statement on Wednesday."
    )
    assert dated(f"Kazakhstan to host talks\n{stamp}\n\n{body}") is None
    # beside the page's own stamp, the event's date is left out
    finding = dated(f"Kazakhstan to host talks\nPosted 8 December 2021 | {stamp}\n\n{body}")
    assert finding is not None and finding.value == date(2021, 12, 8)


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        # 8 December fell on a Wednesday in 2021 only, of the years since the talks began
        ("Wednesday, December 8", date(2021, 12, 8)),
        # 15 June was a Wednesday in 2016 and in 2022: no year
        ("Wednesday, June 15", None),
        # no weekday, no date the page names: no year
        ("December 8 | 10:35", None),
    ],
)
def test_year_less_stamp_takes_the_year_of_its_own_weekday(
    stamp: str, expected: date | None
) -> None:
    body = (
        "The guarantors will hold talks on Syria in the Kazakh capital, the foreign ministry "
        "said in a statement, without giving dates."
    )
    finding = dated(f"Kazakhstan to host talks\n{stamp}\n\n{body}")
    assert (finding.value if finding else None) == expected
    if finding is not None:
        assert finding.rule == "date:page-stamp-no-year"


@pytest.mark.parametrize(
    ("dateline", "number"),
    [
        # days near round 7 (2017), but neither its ordinal nor its city is named
        ("TEHRAN, Nov 3 (Wire) -", None),
        # two days before round 1 (2017) and three before round 21 (2024): nothing decides
        ("TEHRAN, Jan. 21 (Wire) -", None),
        # in the capital then called Astana: the day before round 11 (2018) outweighs four
        # days after round 19 (2022)
        ("ASTANA, Nov. 27 (Wire) - In the Kazakh capital,", 11),
    ],
)
def test_undated_dateline_gives_a_round_only_with_the_pages_agreement(
    extract, dateline: str, number: int | None
) -> None:
    extraction = extract(f"{dateline} {STATEMENT}")
    assert (extraction.round.number if extraction.round else None) == number


@pytest.mark.parametrize(
    ("lang", "sentence", "inferred"),
    [
        (
            "fr",
            "La 23e réunion internationale sur la Syrie au format d'Astana pourrait avoir lieu "
            "à l'automne dans la capitale kazakhe.",
            False,
        ),
        (
            "fr",
            "La 23e réunion internationale sur la Syrie au format d'Astana se tiendra les 2 et "
            "3 juin dans la capitale kazakhe.",
            True,
        ),
        (
            "ru",
            "Двадцать третий раунд переговоров по Сирии в астанинском формате предварительно "
            "планируется провести осенью.",
            False,
        ),
    ],
)
def test_tentative_words_of_other_languages(
    extractor, lang: str, sentence: str, inferred: bool
) -> None:
    article = ArticleText(text=f"Syrie\n\n{sentence}", title="Syrie", language=lang)
    link = extractor.extract(article, None).round
    assert (link is not None and link.number == 23) is inferred
