# ruff: noqa: RUF001  (Cyrillic and Turkish letters are the point of these texts)
"""Topic words in every supported language: short hand-written sentences per language.

The round of a non-English article is decided elsewhere; these tests read the topic matches
the pipeline component sets, and run `find_topics` with the round given, so they hold
whatever the round rules of a language can do yet.
"""

from __future__ import annotations

from datetime import date

import pytest

from articles.extraction.data import for_language, load
from articles.extraction.rounds import attribute_sentences
from articles.extraction.sentences import analyse_layout, use_source_text
from articles.extraction.topics import (
    GAP,
    TOPIC_SLUGS,
    TOPIC_SPANS,
    find_phrases,
    find_topics,
    topic_words,
)
from articles.extraction.types import RoundLink

LANGUAGES = tuple(lang for lang in load("languages")["supported"] if lang != "en")


def matched(extractor, lang: str, text: str) -> set[str]:
    doc = extractor.pipeline(lang)(text)
    return {span.label_ for span in doc.spans[TOPIC_SPANS]}


MATCH_CASES = [
    pytest.param(
        "ru",
        "Стороны обсудили работу Конституционного комитета.",
        "constitutional-committee",
        id="ru-genitive",
    ),
    pytest.param("ru", "Ситуация в Идлибе осталась главной темой.", "idlib", id="ru-locative"),
    pytest.param(
        "ru",
        "Гаранты подтвердили приверженность режиму прекращения огня.",
        "ceasefire",
        id="ru-ceasefire",
    ),
    pytest.param(
        "ru",
        "Речь шла об освобождении задержанных и поиске пропавших без вести.",
        "detainees-and-missing-persons",
        id="ru-detainees",
    ),
    pytest.param(
        "ru",
        "Обсуждалось возвращение беженцев и вынужденных переселенцев.",
        "refugees-return",
        id="ru-refugees",
    ),
    pytest.param(
        "ru",
        "Затронули вопросы восстановления инфраструктуры страны.",
        "reconstruction",
        id="ru-reconstruction",
    ),
    pytest.param("ru", "Стороны осудили односторонние санкции.", "sanctions", id="ru-sanctions"),
    pytest.param("tr", "Heyetler İdlib'deki durumu ele aldı.", "idlib", id="tr-dotted-capital-i"),
    pytest.param("tr", "Ateşkesin korunması konuşuldu.", "ceasefire", id="tr-suffix"),
    pytest.param(
        "tr", "Toplantıda terörle mücadele görüşüldü.", "counterterrorism", id="tr-terror"
    ),
    pytest.param("ar", "وناقش الوفود الوضع في إدلب.", "idlib", id="ar-idlib-hamza"),
    pytest.param(
        "ar", "وأكدوا دعم عمل اللجنة الدستورية.", "constitutional-committee", id="ar-committee"
    ),
    pytest.param("ar", "ودعوا إلى تعزيز وقف إطلاق النار.", "ceasefire", id="ar-ceasefire"),
    pytest.param("ar", "وبحثوا عودة اللاجئين والمهجرين.", "refugees-return", id="ar-refugees"),
    pytest.param(
        "ar", "وجددوا التزامهم بمكافحة الإرهاب.", "counterterrorism", id="ar-terror-proclitic"
    ),
    pytest.param("fa", "مذاکرات درباره آتش‌بس در سوریه بود.", "ceasefire", id="fa-zwnj"),
    pytest.param(
        "fa", "طرفین درباره بازگشت پناهجویان گفتگو کردند.", "refugees-return", id="fa-refugees"
    ),
    pytest.param(
        "fa",
        "عادی‌سازی روابط ترکیه و سوریه بررسی شد.",
        "turkey-syria-normalization",
        id="fa-normalisation",
    ),
    pytest.param(
        "fr",
        "Les délégations ont discuté de l'aide humanitaire.",
        "humanitarian-aid",
        id="fr-humanitarian",
    ),
    pytest.param(
        "fr", "Le respect du cessez-le-feu a été examiné.", "ceasefire", id="fr-ceasefire"
    ),
    pytest.param(
        "fr",
        "Ils ont évoqué la situation à l'est de l'Euphrate.",
        "northeast-syria",
        id="fr-euphrates",
    ),
    pytest.param(
        "de",
        "Im Mittelpunkt stand das Verfassungskomitee.",
        "constitutional-committee",
        id="de-compound",
    ),
    pytest.param(
        "de", "Über die Deeskalationszonen wurde verhandelt.", "de-escalation-zones", id="de-zones"
    ),
    pytest.param(
        "de", "Die Rückkehr der Flüchtlinge war ein Thema.", "refugees-return", id="de-refugees"
    ),
    pytest.param(
        "es", "Se habló del alto el fuego en todo el país.", "ceasefire", id="es-ceasefire"
    ),
    pytest.param(
        "es",
        "La agenda incluye una solución política del conflicto.",
        "political-settlement",
        id="es-settlement",
    ),
    pytest.param(
        "it", "Le parti hanno discusso del cessate il fuoco.", "ceasefire", id="it-ceasefire"
    ),
    pytest.param(
        "it",
        "Si è parlato dei prigionieri e degli ostaggi.",
        "detainees-and-missing-persons",
        id="it-detainees",
    ),
]


@pytest.mark.parametrize(("lang", "text", "slug"), MATCH_CASES)
def test_topic_words_of_each_language(extractor, lang: str, text: str, slug: str) -> None:
    assert slug in matched(extractor, lang, text)


NO_MATCH_CASES = [
    pytest.param(
        "ru",
        "Делегацию возглавил спецпредставитель президента по сирийскому урегулированию.",
        "political-settlement",
        id="ru-envoys-title-is-no-settlement",
    ),
    pytest.param(
        "ru",
        "Приехал представитель Управления по делам беженцев.",
        "refugees-return",
        id="ru-refugee-agency",
    ),
    pytest.param(
        "it",
        "Partecipa anche l'Alto commissariato Onu per i rifugiati.",
        "refugees-return",
        id="it-refugee-agency",
    ),
    pytest.param(
        "de", "Auch das Flüchtlingshilfswerk ist dabei.", "refugees-return", id="de-refugee-agency"
    ),
    pytest.param(
        "fr", "Les garants du cessez-le-feu se réunissent.", "ceasefire", id="fr-guarantors-epithet"
    ),
    pytest.param(
        "ar",
        "محادثات حول تسوية الأزمة في سورية.",
        "political-settlement",
        id="ar-settling-the-crisis-is-no-political-settlement",
    ),
    pytest.param(
        "tr", "Kazakistan aşırı sıcaklarla boğuşuyor.", "covid-19", id="tr-vaccine-is-no-prefix"
    ),
    # a ceasefire in a war outside Syria is that war's
    pytest.param(
        "ru", "Стороны призвали к прекращению огня в Ливане.", "ceasefire", id="ru-war-elsewhere"
    ),
    pytest.param(
        "tr", "Taraflar Lübnan'da kalıcı ateşkes çağrısı yaptı.", "ceasefire", id="tr-war-elsewhere"
    ),
    pytest.param(
        "ar", "ودعا البيان إلى وقف إطلاق النار في غزة.", "ceasefire", id="ar-war-elsewhere"
    ),
    pytest.param(
        "fr",
        "Les garants ont appelé à un cessez-le-feu au Liban.",
        "ceasefire",
        id="fr-war-elsewhere",
    ),
]


@pytest.mark.parametrize(("lang", "text", "slug"), NO_MATCH_CASES)
def test_words_used_in_passing_are_no_topic(extractor, lang: str, text: str, slug: str) -> None:
    assert slug not in matched(extractor, lang, text)


def round_topics(extractor, lang: str, text: str, upcoming: bool = False) -> dict[str, str]:
    """`find_topics` over a text whose round (the 17th) is given: slug -> rule."""
    nlp = extractor.pipeline(lang)
    doc = nlp(text)
    use_source_text(doc, text)
    layout = analyse_layout(doc, None)
    link = RoundLink(17, "ordinal", "Nur-Sultan", None, 1.0)
    roles = attribute_sentences(doc, layout, [], link, date(2021, 12, 21), extractor.calendar)
    return {fact.slug: fact.rule for fact in find_topics(doc, roles, upcoming)}


def test_circumstance_in_another_language_is_no_topic(extractor) -> None:
    text = (
        "Переговоры по Сирии начались в Нур-Султане.\n\n"
        "Из-за пандемии журналистов не пустили в зал. Стороны обсудили ситуацию в Идлибе."
    )
    found = round_topics(extractor, "ru", text)
    assert "covid-19" not in found
    assert found.get("idlib") == "topic:agenda-clause"


def test_headline_topic_rule(extractor) -> None:
    text = "Idlib au centre des pourparlers d'Astana\n\nLes délégations sont arrivées lundi."
    assert round_topics(extractor, "fr", text) == {"idlib": "topic:headline"}


def test_every_language_has_words_for_every_topic() -> None:
    for lang in LANGUAGES:
        block = for_language("topics", lang)
        assert tuple(block["topics"]) == TOPIC_SLUGS, lang


@pytest.mark.parametrize("lang", ("en", *LANGUAGES))
def test_every_phrase_matches_its_own_words(extractor, lang: str) -> None:
    # No phrase is dead data: written out (a stem as itself), each one is found again.
    words = topic_words(lang, extractor.pipeline(lang))
    for slug, spec in for_language("topics", lang)["topics"].items():
        for phrase in spec["phrases"]:
            text = " ".join(w.rstrip("*") if len(w) > 1 else w for w in phrase.split() if w != GAP)
            K = words.lexicon.token_keys(
                [t.lower_ for t in extractor.pipeline(lang).make_doc(text)]
            )
            found = {(label, start) for label, start, _ in find_phrases(K, words.phrase_index)}
            assert (slug, 0) in found, (lang, slug, phrase)


def test_a_preview_in_another_language_drops_earlier_outcomes(extractor) -> None:
    text = (
        "Les pourparlers d'Astana reprendront la semaine prochaine.\n\n"
        "Le communiqué final de la dernière réunion a souligné l'aide humanitaire. "
        "Les délégations vont discuter de la situation à Idlib."
    )
    found = round_topics(extractor, "fr", text, upcoming=True)
    assert "humanitarian-aid" not in found
    assert "idlib" in found


def test_persian_humanitarian_situation_is_aid(extractor) -> None:
    # "the humanitarian situation of Syria" (Persian "انسانی", not "بشردوستانه")
    assert "humanitarian-aid" in matched(extractor, "fa", "وضعیت انسانی سوریه بررسی شد.")
    assert "humanitarian-aid" not in matched(extractor, "fa", "نیروی انسانی کافی نبود.")


def test_persian_plural_of_refugees(extractor) -> None:
    assert "refugees-return" in matched(extractor, "fa", "بازگشت پناهندگان سوری بررسی شد.")


HUMANITARIAN_DEMINING = [
    pytest.param("ru", "Обсудили гуманитарное разминирование.", id="ru"),
    pytest.param("fr", "Ils ont parlé du déminage humanitaire.", id="fr"),
    pytest.param("es", "Se habló del desminado humanitario.", id="es"),
    pytest.param("it", "Si è parlato dello sminamento umanitario.", id="it"),
]


@pytest.mark.parametrize(("lang", "text"), HUMANITARIAN_DEMINING)
def test_humanitarian_demining_is_demining_only(extractor, lang: str, text: str) -> None:
    assert matched(extractor, lang, text) == {"demining"}


def test_a_concluded_agreement_is_no_prisoner(extractor) -> None:
    text = "Стороны подтвердили выполнение заключенных ранее соглашений."
    assert "detainees-and-missing-persons" not in matched(extractor, "ru", text)
