"""Publication dates in every supported language, year-less datelines, rule names, and the
month-name API the other rules share (`datetext.month_names`, `month_pattern`)."""
# ruff: noqa: RUF001 - Turkish is written with the dotless i

from __future__ import annotations

import re
from datetime import date

import pytest

from articles.extraction.dates import find_publication_date
from articles.extraction.datetext import (
    find_date_mentions,
    fold,
    month_names,
    month_pattern,
    month_prefix_pattern,
    parse_date_text,
)
from articles.extraction.types import ArticleText

TODAY = date(2025, 6, 1)
BODY = {
    "en": "Russia, Iran and Turkey wound up two days of talks on Syria in the Kazakh capital "
    "and agreed to meet again, the host country's foreign ministry said in a statement.",
    "ru": "Россия, Иран и Турция завершили двухдневные переговоры по Сирии в столице "
    "Казахстана и договорились встретиться снова, сообщил МИД страны.",
    "tr": "Rusya, İran ve Türkiye Kazakistan'ın başkentinde Suriye konulu iki günlük "
    "görüşmeleri tamamladı ve yeniden bir araya gelme kararı aldı.",
    "ar": "اختتمت روسيا وإيران وتركيا يومين من المحادثات حول سوريا في العاصمة الكازاخستانية "
    "واتفقت على الاجتماع مجددا بحسب بيان للخارجية.",
    "fa": "روسیه، ایران و ترکیه دو روز مذاکره درباره سوریه را در پایتخت قزاقستان به پایان "
    "رساندند و بر دیدار دوباره توافق کردند.",
    "fr": "La Russie, l'Iran et la Turquie ont achevé deux jours de pourparlers sur la Syrie "
    "dans la capitale kazakhe et sont convenus de se revoir, selon un communiqué.",
    "de": "Russland, Iran und die Türkei haben zwei Tage Gespräche über Syrien in der "
    "kasachischen Hauptstadt beendet und ein neues Treffen vereinbart, hieß es.",
    "es": "Rusia, Irán y Turquía concluyeron dos días de conversaciones sobre Siria en la "
    "capital kazaja y acordaron volver a reunirse, según un comunicado oficial.",
    "it": "Russia, Iran e Turchia hanno concluso due giorni di colloqui sulla Siria nella "
    "capitale kazaka e hanno deciso di incontrarsi di nuovo, secondo una nota.",
}


def finding(text: str, lang: str = "en", title: str | None = None):
    return find_publication_date(ArticleText(text=text, language=lang, title=title), today=TODAY)


@pytest.mark.parametrize(
    ("lang", "stamp", "expected"),
    [
        ("ru", "21 декабря 2017, 00:15", date(2017, 12, 21)),
        ("tr", "14 Mayıs 2018 Pazartesi 10:20", date(2018, 5, 14)),
        ("ar", "الثلاثاء ٢٠ حزيران ٢٠٢٣", date(2023, 6, 20)),
        ("ar", "20 يونيو/حزيران 2023", date(2023, 6, 20)),
        ("fa", "سه\u200cشنبه ۱۵ تیر ۱۴۰۰ - ۲۱:۰۷", date(2021, 7, 6)),
        ("fa", "سه شنبه 15 تير 1400 - 21:07", date(2021, 7, 6)),  # Arabic yeh in the month
        ("fr", "Publié le 21 décembre 2017", date(2017, 12, 21)),
        ("de", "20. Juni 2023 | 14:05", date(2023, 6, 20)),
        ("es", "11 de noviembre de 2024", date(2024, 11, 11)),
        ("it", "25 gennaio 2024 - 10:30", date(2024, 1, 25)),
    ],
)
def test_page_stamp_in_each_language(lang: str, stamp: str, expected: date) -> None:
    result = finding(f"{stamp}\n\n{BODY[lang]}", lang)
    assert result is not None
    assert result.value == expected
    assert result.rule == "date:page-stamp"
    assert result.evidence.sentence == stamp  # as written, not folded


def test_month_names_of_another_language_are_not_read_as_dates_in_english() -> None:
    # "mai" is May in French and German, not an English word for a month.
    assert parse_date_text("5 mai 2018") is None
    assert parse_date_text("5 mai 2018", "fr") == date(2018, 5, 5)


def test_english_month_abbreviations_are_read_in_other_languages() -> None:
    assert parse_date_text("11 nov 2024", "es") == date(2024, 11, 11)


def test_persian_digits_keep_the_offsets_of_the_text() -> None:
    text = "تاریخ: ۱۵ تیر ۱۴۰۰"
    (mention,) = find_date_mentions(text, "fa")
    assert text[mention.start : mention.end] == "۱۵ تیر ۱۴۰۰"
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the weekday the first paragraph names fixes the year: 4 April was a Wednesday in
        # 2018 and in no other year since the talks began
        (
            "ANKARA, April 4 (Wire) - The three presidents opened their summit on Wednesday "
            "and promised more talks on Syria.",
            "en",
            date(2018, 4, 4),
        ),
        # the page's own full dates give the year
        (
            "ASTANA, Dec 21 (Wire) - The eighth meeting opened in the capital. The guarantors "
            "last met on 31 October 2017 and will meet again next year.",
            "en",
            date(2017, 12, 21),
        ),
        # a weekday two years share: the one at a round of the calendar wins
        (
            "Москва. 3 мая. АГЕНТСТВО - Переговоры по Сирии начнутся в среду в столице "
            "Казахстана, сообщили в МИД.",
            "ru",
            date(2017, 5, 3),
        ),
        # no weekday: only a round's own days make a year certain
        (
            "Astaná 11 nov (Agencia) La reunión internacional sobre Siria comenzó hoy en la "
            "capital kazaja con las delegaciones.",
            "es",
            date(2024, 11, 11),
        ),
    ],
)
def test_dateline_without_a_year(text: str, lang: str, expected: date) -> None:
    result = finding(f"{text}\n\n{BODY[lang]}", lang)
    assert result is not None
    assert result.value == expected
    assert result.rule == "date:dateline-no-year"
    assert result.confidence < 0.7


def test_dateline_without_a_certain_year_gives_no_date() -> None:
    # 10 June was a Saturday in 2017 and in 2023, and no round met near either day.
    text = "PARIS, June 10 (Wire) - Ministers met on Saturday to talk about Syria and refugees."
    assert finding(f"{text}\n\n{BODY['en']}") is None


def test_date_inside_the_agency_credit_of_a_dateline() -> None:
    text = "MOSCOW (Daily Wire / Agency - 26th January, 2021) The next meeting will be in Sochi."
    result = finding(f"Talks move to the coast\n\n{text} {BODY['en']}")
    assert result is not None and result.value == date(2021, 1, 26)
    assert result.rule == "date:dateline"


def test_header_bar_stamp_with_a_section_link() -> None:
    result = finding(f"Mon 2018-05-14 08:35:22 Latest news\n\nTalks close\n\n{BODY['en']}")
    assert result is not None and result.value == date(2018, 5, 14)


def test_publish_date_under_the_standfirst_beats_an_update_stamp_above() -> None:
    text = (
        "Updated in: 28 February 2024 - 12:38\n\nParties agree on zone borders\n\n"
        "TEHRAN (Agency) - The guarantors agreed in the Kazakh capital that the next round "
        "will be held in late October.\nNews ID: 4411\nPublish Date: 15September 2017 - 17:12"
        f"\n\n{BODY['en']}"
    )
    result = finding(text, title="Parties agree on zone borders")
    assert result is not None and result.value == date(2017, 9, 15)
    assert result.rule == "date:standfirst-stamp"


def test_bare_stamp_between_the_standfirst_and_the_body() -> None:
    text = (
        "Sochi hosts the tenth round\n"
        "Turkey, Russia and Iran will attend the talks along with the government and the "
        "opposition delegations.\nJuly 31, 2018\n\n" + BODY["en"]
    )
    result = finding(text, title="Sochi hosts the tenth round")
    assert result is not None and result.value == date(2018, 7, 31)
    assert result.rule == "date:stamp-below-lead"


def test_every_finding_names_its_rule() -> None:
    assert finding(f" date 2019-04-26 \n\n{BODY['en']}").rule == "date:header"
    meta = find_publication_date(
        ArticleText(text=BODY["en"], meta_published=date(2019, 4, 26)), today=TODAY
    )
    assert meta is not None and meta.rule == "date:meta-tag"
    dateline = finding(f"ASTANA, 26 April 2019 (Agency) - {BODY['en']}")
    assert dateline is not None and dateline.rule == "date:dateline"


# --- the month-name API ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ru", "tr", "ar", "fr", "de", "fa", "es", "it"])
def test_month_names_cover_twelve_months(lang: str) -> None:
    assert set(month_names(lang).values()) == set(range(1, 13))


def test_month_pattern_matches_every_name_and_abbreviation_with_a_dot() -> None:
    rx = re.compile(rf"^{month_pattern('en')}$", re.IGNORECASE)
    for name in month_names("en"):
        assert rx.match(name)
    assert rx.match("Sept.") and rx.match("Dec.")
    assert not rx.match("Mayor")


def test_title_case_month_pattern_leaves_the_verb_may_alone() -> None:
    rx = re.compile(rf"\b{month_pattern('en', title_case=True)}\b")
    assert rx.search("talks in May") and rx.search("on Jan. 4")
    assert not rx.search("they may meet")


def test_month_pattern_of_a_language_with_spaces_in_names() -> None:
    rx = re.compile(month_pattern("ar"))
    # Arabic-script names are matched in the folded text (one form of yeh and kaf).
    assert rx.fullmatch(fold("كانون  الثاني"))


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            " date 2024-01 Agenzia\n\nI colloqui sono iniziati questa mattina nella capitale "
            "kazaka e si concluderanno domani, 25 gennaio, con una dichiarazione comune.",
            "it",
            date(2024, 1, 24),
        ),
        (
            "The talks opened this morning and will close tomorrow, Thursday 22 June, with a "
            "joint statement, the host's foreign ministry said on 21 June 2023.",
            "en",
            date(2023, 6, 21),
        ),
    ],
)
def test_tomorrow_and_a_day_date_the_article(text: str, lang: str, expected: date) -> None:
    result = finding(f"{text}\n\n{BODY[lang]}", lang)
    assert result is not None and result.value == expected
    assert result.rule == "date:relative-day"


def test_a_relative_word_not_followed_by_a_date_gives_nothing() -> None:
    text = "The talks opened on Monday and will close tomorrow, the ministry said in a note."
    assert finding(f"{text}\n\n{BODY['en']}") is None


@pytest.mark.parametrize("lang", ["en", "ru", "de"])
def test_every_month_name_starts_with_a_prefix_of_the_prefix_pattern(lang: str) -> None:
    prefix = re.compile(month_prefix_pattern(lang, title_case=True))
    months = re.compile(month_pattern(lang, title_case=True))
    for name in month_names(lang):
        written = name[:1].upper() + name[1:]
        assert months.fullmatch(written)
        assert prefix.match(written)


def test_stamp_without_a_year_takes_the_year_of_the_page() -> None:
    text = (
        "Presidents to meet on Syria\nMarch 16, 14:57 UTC+3\n\n"
        "ASTANA - The foreign ministers agreed to prepare a summit of the three presidents, "
        "a step first discussed on 22 November 2017 and confirmed at talks in January 2018."
    )
    result = finding(text, title="Presidents to meet on Syria")
    assert result is not None and result.value == date(2018, 3, 16)
    assert result.rule == "date:page-stamp-no-year"


def test_a_year_less_line_that_is_a_sentence_is_no_stamp() -> None:
    text = (
        "Presidents to meet on Syria\nThe summit opens March 16\n\n"
        "ASTANA - The foreign ministers agreed to prepare a summit of the three presidents, "
        "a step first discussed on 22 November 2017 and confirmed at talks in January 2018."
    )
    assert finding(text, title="Presidents to meet on Syria") is None
