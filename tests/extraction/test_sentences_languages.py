# ruff: noqa: RUF001  (the texts are in Cyrillic and Arabic script on purpose)
"""Sentence bounds and layout for text in Cyrillic, Arabic and Persian script."""

from __future__ import annotations

import pytest
import spacy

from articles.extraction import sentences
from articles.extraction.sentences import CHROME, Tokens, analyse_layout, mark_sentences


def _sentences(lang: str, text: str) -> list[str]:
    doc = mark_sentences(spacy.blank(lang).make_doc(text))
    return [s.text.strip() for s in doc.sents]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("ar", "هل انتهت الجولة؟ نعم، انتهت أمس.", ["هل انتهت الجولة؟", "نعم، انتهت أمس."]),
        ("fa", "آیا نشست پایان یافت؟ بله، دیروز.", ["آیا نشست پایان یافت؟", "بله، دیروز."]),
        (
            "ar",
            "انتهت الجولة.\u200f ثم بدأت المشاورات.",
            ["انتهت الجولة.\u200f", "ثم بدأت المشاورات."],
        ),
        (
            "ru",
            "Раунд завершился? Да! Делегации уехали.",
            ["Раунд завершился?", "Да!", "Делегации уехали."],
        ),
    ],
)
def test_sentence_ends_in_every_script(lang: str, text: str, expected: list[str]) -> None:
    assert _sentences(lang, text) == expected


@pytest.mark.parametrize("lang", ["ar", "fa", "ru"])
def test_sentence_marks_are_the_same_without_the_lookup_table(lang: str) -> None:
    """The break offsets of the string table (the fast path) give the sentences the plain
    test of every token gives, also for direction marks and the Arabic question mark."""
    nlp = spacy.blank(lang)
    text = "انتهت الجولة.\u200f ثم؟ بدأت،\n\nРаунд завершился? Да.\nкороткая строка\nещё"
    fast = mark_sentences(nlp.make_doc(text))
    rebuilt = nlp.make_doc(text)
    view = Tokens.of(rebuilt)
    rebuilt.user_data["astana.tokens"] = (view.text, view.lower, view.idx, view.ws)
    mark_sentences(rebuilt)
    assert sentences.tokens_of(rebuilt).breaks is None
    assert rebuilt.user_data["astana.sent_starts"] == fast.user_data["astana.sent_starts"]


def test_date_stamp_in_russian_is_chrome() -> None:
    text = (
        "21 декабря 2017 года, 00:15\n\n"
        "Восьмой раунд переговоров по Сирии начинается в Астане, где делегации гарантов "
        "обсудят режим прекращения огня и обмен задержанными."
    )
    doc = mark_sentences(spacy.blank("ru").make_doc(text))
    layout = analyse_layout(doc)
    assert layout.sents[0].kind == CHROME
    assert layout.lead == 1


def test_background_opener_in_another_language() -> None:
    text = (
        "Восьмой раунд переговоров по Сирии начинается в Астане, где делегации гарантов "
        "обсудят режим прекращения огня и обмен задержанными.\n\n"
        "Справка: переговоры в Астане идут с января 2017 года."
    )
    layout = analyse_layout(mark_sentences(spacy.blank("ru").make_doc(text)))
    assert [s.background for s in layout.sents] == [False, True]


@pytest.mark.parametrize(
    ("lang", "header", "link"),
    [
        ("fr", "À lire aussi", "Les réfugiés rentrent chez eux selon un ministre"),
        ("ar", "مقالات ذات صلة", "وزير يدعو إلى عودة اللاجئين"),
        ("de", "Lesen Sie mehr zum Thema", "Waffenruhe im Norden des Landes gebrochen"),
        ("ru", "Читайте также:", "Министр призвал к возвращению беженцев"),
    ],
)
def test_related_links_header_in_another_language_makes_its_list_chrome(
    lang: str, header: str, link: str
) -> None:
    # The heading words of every language come from patterns/reader.json.
    text = (
        "Die Delegationen trafen sich am Montag in der Hauptstadt und sprachen lange über "
        "die Lage im Land.\n\n"
        f"{header}\n{link}\n"
    )
    layout = analyse_layout(mark_sentences(spacy.blank(lang).make_doc(text)))
    kinds = [s.kind for s in layout.sents]
    assert kinds[0] != CHROME
    assert kinds[-1] == CHROME
