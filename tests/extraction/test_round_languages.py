# ruff: noqa: RUF001  (the texts are in Cyrillic, Arabic and Turkish script on purpose)
"""The round of articles in every supported language: ordinals in words and digits, round
nouns, dates in the text against the calendar, non-round events. Short texts written for
these tests."""

from __future__ import annotations

from datetime import date

import pytest

from articles.extraction.pipeline import Extractor
from articles.extraction.round_words import round_words
from articles.extraction.rounds import ordinal_value
from articles.extraction.types import ArticleText, Extraction


@pytest.fixture(scope="module")
def extract_in(extractor: Extractor):
    """extract_in(lang, text, published=None) -> Extraction."""

    def run(lang: str, text: str, published: str | None = None) -> Extraction:
        when = date.fromisoformat(published) if published else None
        return extractor.extract(ArticleText(text=text, language=lang), when)

    return run


@pytest.mark.parametrize(
    ("lang", "tokens", "value"),
    [
        ("ru", ["восьмой"], 8),
        ("ru", ["восьмого"], 8),
        ("ru", ["17-й"], 17),
        ("ru", ["двадцать", "первый"], 21),
        ("ru", ["XVII"], 17),
        ("tr", ["18."], 18),
        ("tr", ["on", "sekizinci"], 18),
        ("ar", ["الرابعة", "عشرة"], 14),
        ("ar", ["الحادية", "والعشرين"], 21),
        ("ar", ["الـ21"], 21),
        ("ar", ["الـ٢١"], 21),
        ("ar", ["الـ", "13"], 13),
        ("fa", ["شانزدهم"], 16),
        ("fa", ["بیستمین"], 20),
        ("fa", ["بیست", "و", "یکم"], 21),
        ("fa", ["۱۶مین"], 16),
        ("fr", ["quatrième"], 4),
        ("fr", ["4e"], 4),
        ("fr", ["7ème"], 7),
        ("de", ["20."], 20),
        ("de", ["zwanzigsten"], 20),
        ("es", ["22ª"], 22),
        ("es", ["vigésima", "segunda"], 22),
        ("it", ["21ma"], 21),
        ("it", ["ventunesima"], 21),
        ("en", ["twenty", "-", "first"], 21),
    ],
)
def test_ordinal_value_in_every_language(lang: str, tokens: list[str], value: int) -> None:
    assert ordinal_value(tokens, lang) == value


LANGUAGE_ROUNDS = [
    # (language, text, published, round, method)
    pytest.param(
        "tr",
        "18. Astana zirvesi Nur-Sultan'da başladı\n\nSuriye konulu görüşmeler iki gün sürecek.",
        "2022-06-15",
        18,
        "ordinal",
        id="tr-meeting-named-a-summit-after-the-process",
    ),
    pytest.param(
        "it",
        "Si apre il vertice di Astana sulla Siria\n\nIl 18° round dei colloqui è iniziato a "
        "Nur-Sultan.",
        "2022-06-15",
        18,
        "ordinal",
        id="it-meeting-named-a-summit-after-the-process",
    ),
    # no ordinal: the calendar, for a page about a meeting of the process ("reunión",
    # "Astaná" written with its accent)
    pytest.param(
        "es",
        "Concluye en Astaná la reunión sobre Siria\n\nLos países garantes adoptaron una "
        "declaración conjunta el jueves en la capital kazaja.",
        "2024-01-25",
        21,
        "calendar-date",
        id="es-wrap-up-without-ordinal",
    ),
    pytest.param(
        "ru",
        "Восьмой раунд переговоров по Сирии начался в Астане\n\nДелегации гарантов собрались "
        "в столице Казахстана во вторник утром.",
        "2017-12-21",
        8,
        "ordinal",
        id="ru-word-ordinal",
    ),
    pytest.param(
        "ru",
        "В Нур-Султане открылась 17-я международная встреча по Сирии в астанинском формате.",
        None,
        17,
        "ordinal",
        id="ru-digit-ordinal-no-date",
    ),
    pytest.param(
        "ru",
        "Очередной раунд переговоров по Сирии пройдет в Астане 14-15 мая\n\nОб этом сообщил "
        "МИД Казахстана в среду.",
        "2018-05-02",
        9,
        "announcement",
        id="ru-dates-without-number",
    ),
    pytest.param(
        "tr",
        "Astana görüşmelerinin 11. turu 28-29 Kasım'da yapılacak\n\nKazakistan Dışişleri "
        "Bakanlığı tarihleri açıkladı.",
        "2018-11-10",
        11,
        "announcement",
        id="tr-announced-with-dates",
    ),
    pytest.param(
        "tr",
        "Astana'nın 18. turu Nur-Sultan'da başladı\n\nGaranatör ülkelerin heyetleri sabah "
        "bir araya geldi.",
        "2022-06-15",
        18,
        "ordinal",
        id="tr-digit-ordinal-with-suffix",
    ),
    pytest.param(
        "ar",
        "انطلاق الجولة الرابعة عشرة من محادثات أستانا حول سوريا\n\nوصلت الوفود إلى العاصمة "
        "الكازاخية صباح اليوم.",
        "2019-12-10",
        14,
        "ordinal",
        id="ar-noun-first-compound-ordinal",
    ),
    pytest.param(
        "ar",
        "اختتام الجولة الـ21 من محادثات أستانا\n\nواتفقت الدول الضامنة على عقد الجولة الـ22 "
        "في النصف الثاني من العام.",
        None,
        21,
        "ordinal",
        id="ar-next-round-agreed-upon",
    ),
    pytest.param(
        "fa",
        "دور شانزدهم مذاکرات آستانه آغاز شد\n\nهیات‌های ایران، روسیه و ترکیه در نورسلطان "
        "دیدار کردند.",
        "2021-07-07",
        16,
        "ordinal",
        id="fa-noun-first-ordinal",
    ),
    pytest.param(
        "fr",
        "Le quatrième cycle des pourparlers d'Astana sur la Syrie s'est ouvert mercredi.",
        "2017-05-03",
        4,
        "ordinal",
        id="fr-word-ordinal",
    ),
    pytest.param(
        "de",
        "Neue Syrien-Gespräche in Kasachstan\n\nDie Garantiemächte wollen am 25. und 26. April "
        "in Nur-Sultan zu neuen Verhandlungen zusammenkommen.",
        "2019-04-09",
        12,
        "announcement",
        id="de-dates-of-a-preview",
    ),
    pytest.param(
        "es",
        "Nueva ronda de conversaciones sobre Siria\n\nLos países garantes se reunirán en "
        "Astaná los días 11 y 12 de noviembre, informó la cancillería kazaja.",
        "2024-10-30",
        22,
        "announcement",
        id="es-dates-with-de",
    ),
    pytest.param(
        "ar",
        "محادثات أستانا حول سوريا\n\nتعقد الدول الضامنة اجتماعا في العاصمة الكازاخية يومي "
        "10 و11 كانون الأول.",
        None,
        14,
        "calendar-date",
        id="ar-two-word-month",
    ),
    pytest.param(
        "de",
        "Die 20. Runde der Astana-Gespräche über Syrien hat begonnen.",
        "2023-06-20",
        20,
        "ordinal",
        id="de-digit-ordinal",
    ),
    pytest.param(
        "es",
        "La 22ª Reunión Internacional sobre Siria comenzó hoy en Astaná, la capital kazaja.",
        "2024-11-11",
        22,
        "ordinal",
        id="es-digit-ordinal",
    ),
    pytest.param(
        "it",
        "Si è aperta ad Astana la ventunesima riunione internazionale sulla Siria.",
        "2024-01-24",
        21,
        "ordinal",
        id="it-word-ordinal",
    ),
]


@pytest.mark.parametrize(("lang", "text", "published", "number", "method"), LANGUAGE_ROUNDS)
def test_round_in_every_language(
    extract_in, lang: str, text: str, published: str | None, number: int, method: str
) -> None:
    link = extract_in(lang, text, published).round
    assert link is not None, lang
    assert (link.number, link.method) == (number, method)
    assert link.city is not None


NO_ROUND_IN_LANGUAGES = [
    pytest.param(
        "ar",
        "قمة ثلاثية في طهران لرؤساء روسيا وإيران وتركيا\n\nبحث الرؤساء مسار أستانا حول سوريا.",
        "2022-07-19",
        id="ar-summit",
    ),
    pytest.param(
        "fa",
        "نشست سران روسیه، ایران و ترکیه در تهران\n\nسران کشورهای ضامن روند آستانه دیدار کردند.",
        "2022-07-19",
        id="fa-summit",
    ),
    pytest.param(
        "de",
        "Außenminister von Russland, Iran und Türkei treffen sich in Genf\n\nDie "
        "Garantiemächte des Astana-Prozesses beraten über das Verfassungskomitee.",
        "2019-09-16",
        id="de-ministers-in-geneva",
    ),
    pytest.param(
        "ru",
        "Саммит президентов России, Ирана и Турции прошел в Сочи\n\nЛидеры обсудили "
        "переговоры по Сирии и работу Конституционного комитета.",
        "2019-02-14",
        id="ru-summit",
    ),
    pytest.param(
        "tr",
        "Anayasa Komitesi Cenevre'de toplandı\n\nSuriye görüşmeleri BM gözetiminde sürüyor.",
        "2019-10-30",
        id="tr-geneva",
    ),
    pytest.param(
        "fr",
        "Les ministres des Affaires étrangères se réunissent à Astana\n\nLes pourparlers sur "
        "la Syrie porteront sur le processus de paix le 16 mars.",
        "2018-03-10",
        id="fr-ministers",
    ),
    pytest.param(
        "tr",
        "Tahran'da üçlü Suriye zirvesi\n\nÜç ülkenin liderleri Suriye konulu beşinci üçlü "
        "zirve için Tahran'da bir araya geldi. Astana formatındaki son tur 15-16 Haziran'da "
        "yapılmıştı.",
        "2022-07-19",
        id="tr-summit-with-ordinal",
    ),
    pytest.param(
        "de",
        "Gespräche in Genf: Verfassungskomitee startet achte Runde\n\nIn Genf hat am Montag "
        "die achte Runde der Gespräche des Verfassungskomitees begonnen. Ein nächstes Treffen "
        "im Astana-Format ist für Juni angekündigt.",
        "2022-05-30",
        id="de-committee-round",
    ),
    # a page about Geneva that announces an Astana meeting in its lead
    pytest.param(
        "ru",
        "В Женеве завершился четвертый раунд межсирийских переговоров\n\nСпецпосланник ООН "
        "отметил, что следующая встреча в Астане ожидается 14 марта.",
        "2017-03-03",
        id="ru-geneva-page-announcing-astana",
    ),
    pytest.param(
        "fr",
        "Fin du quatrième cycle de pourparlers inter-syriens à Genève\n\nL'envoyé de l'ONU a "
        "remercié les garants; une nouvelle réunion à Astana est prévue le 14 mars.",
        "2017-03-03",
        id="fr-geneva-page-announcing-astana",
    ),
]


@pytest.mark.parametrize(("lang", "text", "published"), NO_ROUND_IN_LANGUAGES)
def test_no_round_in_other_languages(extract_in, lang: str, text: str, published: str) -> None:
    assert extract_in(lang, text, published).round is None


def test_every_language_has_round_words() -> None:
    """Each supported language has its own block: ordinals, round nouns, month names."""
    for lang in ("ru", "tr", "ar", "fr", "de", "fa", "es", "it"):
        words = round_words(lang)
        assert words.lang == lang
        assert words.ordinals and words.round_nouns and words.month_names
        assert words.generic_round_words.phrases and words.non_round_events.phrases


def _usable_sentences(extractor: Extractor, lang: str, text: str, published: str) -> list[bool]:
    from articles.extraction.rounds import attribute_sentences, decide_round, find_round_mentions
    from articles.extraction.sentences import analyse_layout

    when = date.fromisoformat(published)
    doc = extractor.pipeline(lang)(text)
    layout = analyse_layout(doc)
    mentions = find_round_mentions(doc, layout)
    link = decide_round(doc, layout, mentions, when, extractor.calendar)
    roles = attribute_sentences(doc, layout, mentions, link, when, extractor.calendar)
    return [any(c.usable for c in role.clauses) for role in roles]


def test_attribution_lets_facts_through_in_other_languages(extractor: Extractor) -> None:
    """Body sentences of an article in Russian stay usable; a passing reference to the
    previous round (a marker of the language's own word data) does not."""
    text = (
        "Восьмой раунд переговоров по Сирии начался в Астане\n\n"
        "Делегацию России возглавил специальный представитель президента.\n\n"
        "На предыдущем раунде делегацию Ирана возглавлял другой дипломат."
    )
    assert _usable_sentences(extractor, "ru", text, "2017-12-21") == [True, True, False]
