"""The language of an article: ISO 639-1 from the text, "und" when it cannot tell."""
# ruff: noqa: RUF001 - Turkish is written with the dotless i

from __future__ import annotations

import pytest

from articles.extraction.language import UNDETERMINED, detect_language
from articles.extraction.reader import read_article

# One short news sentence of our own in every supported language.
SENTENCES = {
    "en": "The delegations of Russia, Iran and Turkey met in the Kazakh capital on Monday "
    "and agreed to hold the next round of talks in the summer.",
    "ru": "Делегации России, Ирана и Турции встретились в понедельник в столице Казахстана "
    "и договорились провести следующий раунд переговоров летом.",
    "tr": "Rusya, İran ve Türkiye heyetleri pazartesi günü Kazakistan'ın başkentinde bir "
    "araya geldi ve bir sonraki görüşme turunu yazın yapma kararı aldı.",
    "ar": "اجتمعت وفود روسيا وإيران وتركيا يوم الاثنين في العاصمة الكازاخستانية واتفقت "
    "على عقد الجولة المقبلة من المحادثات في الصيف.",
    "fr": "Les délégations de la Russie, de l'Iran et de la Turquie se sont réunies lundi "
    "dans la capitale kazakhe et ont convenu de tenir le prochain cycle de pourparlers cet été.",
    "de": "Die Delegationen Russlands, Irans und der Türkei trafen sich am Montag in der "
    "kasachischen Hauptstadt und einigten sich auf eine neue Gesprächsrunde im Sommer.",
    "fa": "هیئت‌های روسیه، ایران و ترکیه روز دوشنبه در پایتخت قزاقستان دیدار کردند و توافق "
    "کردند دور بعدی مذاکرات را در تابستان برگزار کنند.",
    "es": "Las delegaciones de Rusia, Irán y Turquía se reunieron el lunes en la capital "
    "kazaja y acordaron celebrar la próxima ronda de conversaciones en verano.",
    "it": "Le delegazioni di Russia, Iran e Turchia si sono incontrate lunedì nella capitale "
    "kazaka e hanno concordato di tenere il prossimo ciclo di colloqui in estate.",
    "kk": "Ресей, Иран және Түркия делегациялары дүйсенбі күні Қазақстан елордасында бас қосып, "
    "келіссөздердің келесі раундын жазда өткізуге келісті.",
}


@pytest.mark.parametrize("code", sorted(SENTENCES))
def test_each_supported_language_is_named(code: str) -> None:
    assert detect_language(SENTENCES[code]) == code


@pytest.mark.parametrize("code", sorted(SENTENCES))
def test_the_reader_stores_the_language_of_the_text(code: str) -> None:
    text = f"{SENTENCES[code]}\n\n{SENTENCES[code]}"
    assert read_article(text.encode(), "a.txt").language == code


def test_too_little_text_is_undetermined() -> None:
    assert detect_language("Astana") == UNDETERMINED
    assert detect_language("") == UNDETERMINED


def test_a_declared_language_decides_only_when_the_text_cannot() -> None:
    assert detect_language("Astana", declared="de-AT") == "de"
    # The text outweighs a wrong declaration (templates often keep lang="en").
    assert detect_language(SENTENCES["ru"], declared="en") == "ru"


def test_the_english_shortcut_agrees_with_the_model() -> None:
    from articles.extraction import language

    english = " ".join([SENTENCES["en"]] * 3)
    assert detect_language(english) == "en"
    assert language.load_model().classify(english)[0] == "en"


def test_english_names_in_another_language_do_not_make_it_english() -> None:
    text = (
        "Die Gespräche in Astana wurden von den Vertretern von Russia Today, the Guardian "
        "und The Associated Press verfolgt, teilte das Außenministerium am Dienstag mit."
    )
    assert detect_language(text) == "de"
