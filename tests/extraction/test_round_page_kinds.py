# ruff: noqa: RUF001  (the texts are in Cyrillic, Arabic and Turkish script on purpose)
"""Kinds of problem found on crawled pages, each with its general rule: the rounds of another
process (the UN's Geneva talks, the Constitutional Committee), a year-less stamp on a page
whose ordinal names its round, an undated statement that schedules the next meeting, a page
about the process whose later sentences name a round without a context word, and a round
named in an aside (summits in every language: `test_round_languages.py`). Short texts
written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from articles.extraction.dates import find_publication_date
from articles.extraction.pipeline import Extractor
from articles.extraction.rounds import find_round_mentions
from articles.extraction.sentences import analyse_layout
from articles.extraction.types import ArticleText


def round_number(extraction) -> int | None:
    return extraction.round.number if extraction.round else None


def mentioned_rounds(extractor: Extractor, lang: str, text: str) -> list[int]:
    doc = extractor.pipeline(lang)(text)
    return [m.number for m in find_round_mentions(doc, analyse_layout(doc))]


# --- a) a round noun whose own words name another process ----------------------------------

OTHER_PROCESS_ROUNDS = [
    # (language, text): the ordinal is another process's, by the words attached to its noun
    pytest.param(
        "en", "The fifth round of intra-Syrian talks in Geneva resumed on Monday.", id="en-intra"
    ),
    pytest.param(
        "en",
        "Delegates gathered for the ninth round of the Constitutional Committee in Syria.",
        id="en-of-the-committee",
    ),
    pytest.param(
        "en", "The third round of UN-led negotiations on Syria ended on Friday.", id="en-un-led"
    ),
    pytest.param("en", "The sixth Syria round in Geneva opened quietly.", id="en-in-geneva"),
    pytest.param(
        "en",
        "The Constitutional Committee opens its eighth round, diplomats in Syria said.",
        id="en-committee-subject",
    ),
    pytest.param(
        "ru",
        "Седьмой раунд заседаний Конституционного комитета Сирии завершился без итогов.",
        id="ru-committee",
    ),
    pytest.param("ru", "Пятый раунд межсирийских переговоров в Женеве начался.", id="ru-in-geneva"),
    pytest.param(
        "de",
        "Die achte Runde der Gespräche des syrischen Verfassungsausschusses hat begonnen.",
        id="de-genitive",
    ),
    pytest.param(
        "de", "Verfassungskomitee startet neunte Runde der Gespräche über Syrien.", id="de-subject"
    ),
    pytest.param(
        "fr", "La sixième session du Comité constitutionnel syrien s'est ouverte.", id="fr"
    ),
    pytest.param(
        "es", "La quinta ronda del Comité Constitucional sirio terminó el viernes.", id="es"
    ),
    pytest.param(
        "tr", "Suriye Anayasa Komitesi'nin yedinci turu başladı.", id="tr-genitive-before"
    ),
    pytest.param("ar", "انطلقت الجولة السابعة من اجتماعات اللجنة الدستورية السورية.", id="ar"),
]


@pytest.mark.parametrize(("lang", "text"), OTHER_PROCESS_ROUNDS)
def test_another_process_round_is_no_astana_round(extractor, lang: str, text: str) -> None:
    assert mentioned_rounds(extractor, lang, text) == []


ASTANA_ROUNDS_BESIDE_OTHERS = [
    # an Astana word on the way keeps the round Astana's; words past a verb are not attached
    pytest.param(
        "en", "The ninth round of Astana talks on Syria opened in Kazakhstan.", 9, id="en"
    ),
    pytest.param(
        "en",
        "The 13th round of talks on Syria focused on the Constitutional Committee.",
        13,
        id="en-committee-as-agenda",
    ),
    pytest.param(
        "de",
        "Die neunte Runde der Astana-Gespräche über Syrien hat in Kasachstan begonnen.",
        9,
        id="de",
    ),
    pytest.param(
        "ru", "Девятый раунд переговоров по Сирии в Астане начался во вторник.", 9, id="ru"
    ),
    # "intra-Syrian talks" alone may be the Astana meetings too
    pytest.param(
        "en",
        "Kazakhstan welcomed the delegations of the 12th intra-Syrian talks held as part of "
        "the Astana process.",
        12,
        id="en-intra-syrian-astana",
    ),
]


@pytest.mark.parametrize(("lang", "text", "number"), ASTANA_ROUNDS_BESIDE_OTHERS)
def test_astana_round_is_kept(extractor, lang: str, text: str, number: int) -> None:
    assert mentioned_rounds(extractor, lang, text) == [number]


def test_a_page_about_a_geneva_round_gives_no_round_for_an_astana_meeting_in_passing(
    extract,
) -> None:
    text = (
        "Envoy closes fourth round of intra-Syrian talks in Geneva\n\n"
        "The fourth round of intra-Syrian talks ended in Geneva today after a week of "
        "proximity meetings. The envoy thanked the guarantors for their work in Astana and "
        "said a further meeting there, expected on 14 March, would address the ceasefire."
    )
    assert extract(text, "2017-03-03").round is None


# --- c) a year-less stamp: the page's ordinal, not the dates it recalls ----------------------


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        pytest.param(
            "ru",
            "Встреча по Сирии завершилась\n12 ноября, 16:05\n\n"
            "Двухдневная 22-я международная встреча по Сирии в астанинском формате "
            "завершилась во вторник. Первая встреча прошла в январе 2017 года.",
            date(2024, 11, 12),
            id="ru",
        ),
        pytest.param(
            "en",
            "Syria talks end in Kazakhstan\nDecember 22, 09:40\n\n"
            "The eighth international meeting on Syria ended in Astana on Friday. The process "
            "was launched in January 2017, a month after the fall of Aleppo.",
            date(2017, 12, 22),
            id="en",
        ),
    ],
)
def test_year_less_stamp_takes_the_year_of_the_round_its_ordinal_names(
    lang: str, text: str, expected: date
) -> None:
    title = text.split("\n", 1)[0]
    article = ArticleText(text=text, title=title, language=lang)
    finding = find_publication_date(article, today=date(2025, 6, 1))
    assert finding is not None and finding.value == expected


@pytest.mark.parametrize(
    ("lang", "text", "published", "number", "next_number"),
    [
        pytest.param(
            "ru",
            "Встреча по Сирии в астанинском формате завершилась\n\n"
            "Двухдневная 22-я международная встреча по Сирии в Астане завершилась во вторник. "
            "«Следующую, 23-ю встречу решено провести в Астане», - говорится в заявлении.",
            "2024-11-12",
            22,
            23,
            id="ru-feminine",
        ),
        pytest.param(
            "de",
            "Syrien-Gespräche in Astana beendet\n\n"
            "Die siebte Runde der Astana-Gespräche über Syrien endete am Dienstag in Astana. "
            "Ein nächstes, achtes Treffen in Astana ist geplant.",
            "2017-10-31",
            7,
            8,
            id="de-neuter",
        ),
        pytest.param(
            "es",
            "Termina la ronda de Astana sobre Siria\n\n"
            "La séptima ronda de Astana sobre Siria terminó el martes en Astana. "
            "El próximo octavo encuentro de Astana se celebrará en diciembre.",
            "2017-10-31",
            7,
            8,
            id="es-masculine",
        ),
    ],
)
def test_the_next_meeting_in_every_gender_is_in_passing(
    extractor: Extractor, lang: str, text: str, published: str, number: int, next_number: int
) -> None:
    article = ArticleText(text=text, title=text.split("\n", 1)[0], language=lang)
    link = extractor.extract(article, date.fromisoformat(published)).round
    assert link is not None and link.number == number
    (line,) = [c for c in link.candidates if c.startswith(f"round {next_number}:")]
    assert "passing reference" in line


# --- d) an undated statement that schedules the next meeting ----------------------------------

SCHEDULING_STATEMENT = (
    "Joint Statement of the guarantors on the International Meeting on Syria\n\n"
    "The guarantors of the Astana format:\n"
    "1. Reaffirmed their commitment to the sovereignty of the Syrian Arab Republic;\n"
    "2. Decided to hold the next International Meeting on Syria in Nur-Sultan in March 2020, "
    "taking into account the results of their last meeting on 1-2 August."
)


def test_undated_statement_is_the_last_round_before_the_month_it_schedules(extract) -> None:
    # No round met in March 2020 (the next one came later): the statement is still the last
    # round before it (December 2019), and "their last meeting" in the sentence that
    # schedules the next one is the round before the statement's own (August 2019).
    link = extract(SCHEDULING_STATEMENT).round
    assert link is not None and link.number == 14
    (line,) = [c for c in link.candidates if c.startswith("round 13:")]
    assert "an earlier meeting's" in line


def test_a_dated_report_keeps_the_last_round_as_its_own(extract) -> None:
    # Published after a round, a report calls that round "the last meeting".
    text = (
        "Syria talks end in Nur-Sultan\n\n"
        "The guarantors decided to hold the next meeting later in the year, after their last "
        "meeting on 1-2 August ended without a breakthrough."
    )
    assert round_number(extract(text, "2019-08-03")) == 13


# --- e) a page about the process: its sentences need no context word of their own ------------


def test_a_later_round_on_a_page_about_the_process_needs_no_context_word(extract) -> None:
    text = (
        "Astana talks resume amid border clashes\n\n"
        "The guarantors of the Astana process began two days of talks in the Kazakh capital "
        "on Tuesday.\n\n"
        "Delegates said the humanitarian situation would be discussed.\n\n"
        "It is the nineteenth meeting since January 2017."
    )
    assert round_number(extract(text)) == 19


@pytest.mark.parametrize(
    "sentence",
    [
        # "first" is an ordinary word: a first meeting of two envoys is no round
        "The envoy held a first meeting today with the Iranian team.",
        # another body's sessions are its own
        "The committee, whose work stalled after its eighth session, may meet again.",
    ],
)
def test_a_page_about_the_process_does_not_make_every_meeting_a_round(
    extractor: Extractor, sentence: str
) -> None:
    text = (
        "Astana talks resume amid border clashes\n\n"
        "The guarantors of the Astana process began two days of talks on Tuesday.\n\n"
        f"{sentence}"
    )
    assert mentioned_rounds(extractor, "en", text) == []


def test_a_round_named_in_a_parenthesis_leaves_the_clause_to_the_articles_round(
    extract,
) -> None:
    # ", at the 21st session in January," is an aside: the clause still speaks of "both
    # meetings", this round's too.
    text = (
        "The 22nd international meeting on Syria ended in Astana\n\n"
        "The twenty-second meeting in the Astana format ended on Tuesday.\n\n"
        "Ten months earlier, at the 21st session in January, the tone was the same, and "
        "Jordan had sent observers to both meetings."
    )
    extraction = extract(text, "2024-11-12")
    assert extraction.round is not None and extraction.round.number == 22
    assert "Jordan" in {o.party for o in extraction.observers}


# --- f) a lead that names ministers or a summit only in passing ---------------------------------


@pytest.mark.parametrize(
    "lead",
    [
        # deputy ministers head delegations at rounds: no ministers' meeting
        "Deputy foreign ministers of the guarantor states met in the Kazakh capital on "
        "Wednesday for talks on Syria.",
        # a summit named after a subordinator is a point of reference
        "The guarantors met in the Kazakh capital on Wednesday for talks on Syria, the first "
        "such meeting since their presidents' summit in the spring.",
    ],
)
def test_a_lead_naming_ministers_or_a_summit_in_passing_keeps_its_round(extract, lead: str) -> None:
    text = f"Syria talks in Kazakhstan\n\n{lead}\n\nThe delegations at the 20th round also met."
    assert round_number(extract(text, "2023-06-21")) == 20


def test_deputy_ministers_in_another_language_are_no_ministers_meeting(extractor) -> None:
    text = (
        "Переговоры по Сирии в Казахстане\n\n"
        "Заместители министров иностранных дел стран-гарантов собрались в Астане в среду.\n\n"
        "Делегации на 20-й международной встрече по Сирии обсудили гуманитарную помощь."
    )
    article = ArticleText(text=text, title=text.split("\n", 1)[0], language="ru")
    assert round_number(extractor.extract(article, date(2023, 6, 21))) == 20


# --- g) a headline about a round, a headline about the process's ministers --------------------


def test_a_headline_about_a_round_makes_the_leads_event_a_passing_one(extract) -> None:
    text = (
        "Astana format meeting on Syria in Sochi agrees on refugees\n\n"
        "The guarantors agreed at their meeting in Sochi to work towards the first session of "
        "the Constitutional Committee in Geneva, the Russian envoy said on Tuesday."
    )
    assert round_number(extract(text, "2018-07-31")) == 10


def titled(lang: str, text: str) -> ArticleText:
    """An article whose first line is its title, as a page's is."""
    return ArticleText(text=text, title=text.split("\n", 1)[0], language=lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a summit word inside a compound
        pytest.param(
            "de",
            "Dreiergipfel zu Syrien in Ankara\n\nDie Präsidenten Russlands, Irans und der "
            "Türkei trafen sich am Montag in Ankara. Die 13. Runde der Astana-Gespräche hatte "
            "am 1. und 2. August in Nur-Sultan stattgefunden.",
            id="de-compound",
        ),
        # a summit noun that is also a round noun ("il vertice di Astana")
        pytest.param(
            "it",
            "Vertice trilaterale sulla Siria ad Ankara\n\nI presidenti di Russia, Iran e "
            "Turchia si sono riuniti lunedì ad Ankara. Il 13° round dei colloqui di Astana si "
            "era tenuto il 1 e 2 agosto a Nur-Sultan.",
            id="it",
        ),
    ],
)
def test_a_summit_page_recalling_the_last_round_gives_no_round(
    extractor: Extractor, lang: str, text: str
) -> None:
    assert round_number(extractor.extract(titled(lang, text), date(2019, 9, 16))) is None


def test_a_headline_about_the_process_ministers_is_no_round(extractor: Extractor) -> None:
    text = (
        "Astana format ministers meet in Doha\n\n"
        "The foreign ministers of Russia, Iran and Turkey met at a conference in the Gulf on "
        "Saturday for an emergency session of the Astana format, as fighting spread.\n\n"
        "The meeting came a month after the 22nd round of the Astana talks, held in the "
        "Kazakh capital on November 11-12."
    )
    assert round_number(extractor.extract(titled("en", text), date(2024, 12, 7))) is None


def test_a_named_round_followed_by_a_range_of_days_is_a_date(extractor: Extractor) -> None:
    # "Astana talks 25 and 26 Khordad": the days of a date in a calendar without month names
    # in the round word data, not a round "Astana 25"
    text = "دور هجدهم مذاکرات آستانه ۲۵ و ۲۶ خرداد در نورسلطان برگزار شد."
    assert mentioned_rounds(extractor, "fa", text) == [18]


# --- h) an undated page names the capital as it was then called --------------------------------


def test_an_undated_page_naming_nur_sultan_is_not_about_a_round_of_astanas_time(
    extractor: Extractor,
) -> None:
    # 16 February is a day of round 2 (2017, in Astana) and of round 15 (2021, in Sochi,
    # while the capital was called Nur-Sultan)
    text = (
        "Syria talks resume on February 16\n\n"
        "The delegations that met in Nur-Sultan in the autumn will gather again for talks on "
        "Syria on February 16, the foreign ministry said."
    )
    extraction = extractor.extract(titled("en", text), None)
    assert round_number(extraction) == 15
    (line,) = [c for c in extraction.round.candidates if c.startswith("round 2:")]
    assert "the capital named as at another time" in line
