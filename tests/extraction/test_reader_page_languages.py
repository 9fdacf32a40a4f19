# ruff: noqa: RUF001  (the texts are in Cyrillic, Arabic and Persian script on purpose)
"""Page chrome in the languages the archive reads: photo captions, follow-us lines, related
links, copyright lines and breadcrumbs are chrome in the layout, and a page's closing chrome
is cut from its text, by one definition of those lines (`patterns/reader.json`). All texts
are invented."""

from __future__ import annotations

import re

import pytest
import spacy

from articles.extraction.page_lines import alternation, is_end_chrome
from articles.extraction.reader import read_article
from articles.extraction.sentences import CHROME, analyse_layout, mark_sentences

TITLE = "Envoys agree on new relief corridors"
STORY = {
    "en": (
        "RIVERTON (Wire) - Envoys of the three guarantor states agreed on Tuesday to open two "
        "new relief corridors along the river and to meet again in the spring, the host "
        "ministry said after the talks."
    ),
    "ru": (
        "РИВЕРТОН. Посланники трёх государств-гарантов договорились во вторник открыть два "
        "новых гуманитарных коридора вдоль реки и встретиться снова весной, сообщило "
        "министерство принимающей стороны после переговоров."
    ),
    "tr": (
        "RIVERTON - Üç garantör ülkenin temsilcileri salı günü nehir boyunca iki yeni insani "
        "yardım koridoru açmayı ve baharda yeniden bir araya gelmeyi kararlaştırdı, ev sahibi "
        "bakanlık görüşmelerin ardından açıkladı."
    ),
    "ar": (
        "ريفرتون - اتفق مبعوثو الدول الضامنة الثلاث يوم الثلاثاء على فتح ممرين إنسانيين "
        "جديدين على طول النهر وعلى الاجتماع مجددا في الربيع، حسبما أعلنت الوزارة المضيفة "
        "بعد المحادثات."
    ),
    "fr": (
        "RIVERTON - Les émissaires des trois États garants sont convenus mardi d'ouvrir deux "
        "nouveaux couloirs humanitaires le long du fleuve et de se retrouver au printemps, a "
        "indiqué le ministère hôte après les pourparlers."
    ),
    "de": (
        "RIVERTON - Die Gesandten der drei Garantiestaaten haben sich am Dienstag darauf "
        "geeinigt, zwei neue humanitäre Korridore entlang des Flusses zu öffnen und sich im "
        "Frühjahr wieder zu treffen, teilte das gastgebende Ministerium mit."
    ),
    "fa": (
        "ریورتون - فرستادگان سه کشور ضامن روز سه‌شنبه توافق کردند دو کریدور بشردوستانه جدید "
        "در امتداد رودخانه باز کنند و در بهار دوباره دیدار کنند، وزارت میزبان پس از "
        "گفت‌وگوها اعلام کرد."
    ),
    "es": (
        "RIVERTON - Los enviados de los tres Estados garantes acordaron el martes abrir dos "
        "nuevos corredores humanitarios a lo largo del río y volver a reunirse en primavera, "
        "informó el ministerio anfitrión tras las conversaciones."
    ),
    "it": (
        "RIVERTON - Gli inviati dei tre Stati garanti hanno concordato martedì di aprire due "
        "nuovi corridoi umanitari lungo il fiume e di incontrarsi di nuovo in primavera, ha "
        "riferito il ministero ospitante dopo i colloqui."
    ),
}

CHROME_LINES = [
    pytest.param("ru", "Фото: пресс-служба министерства", id="ru-photo-credit"),
    pytest.param("tr", "Fotoğraf: Nehir Ajansı", id="tr-photo-credit"),
    pytest.param("ar", "صورة: أرشيفية من المحادثات", id="ar-photo-credit"),
    pytest.param("fr", "Photo : Agence du Fleuve", id="fr-photo-credit-spaced-colon"),
    pytest.param("de", "Foto: Flussagentur", id="de-photo-credit"),
    pytest.param("fa", "عکس: خبرگزاری رود", id="fa-photo-credit"),
    pytest.param(
        "ru",
        "Делегации у входа в зал переговоров в Ривертоне. Фото: Речное агентство",
        id="ru-caption-with-credit",
    ),
    pytest.param("es", "Foto de archivo de los enviados en el río", id="es-archive-photo"),
    pytest.param("ru", "Подписывайтесь на нас в Telegram и ВКонтакте", id="ru-follow-us"),
    pytest.param("tr", "Bizi takip edin: Twitter ve Telegram", id="tr-follow-us"),
    pytest.param("ar", "تابعونا على تلغرام وتويتر", id="ar-follow-us"),
    pytest.param("fr", "Suivez-nous sur Telegram", id="fr-follow-us"),
    pytest.param("de", "Folgen Sie uns auf Telegram", id="de-follow-us"),
    pytest.param("ru", "Читайте также: Посланники обсудили обмен пленными", id="ru-read-also"),
    pytest.param("fr", "Lire aussi : Les émissaires discutent des prisonniers", id="fr-read-also"),
    pytest.param("ar", "اقرأ أيضا: المبعوثون يناقشون تبادل الأسرى", id="ar-read-also"),
    pytest.param("it", "Leggi anche: Gli inviati discutono dei prigionieri", id="it-read-also"),
    pytest.param("es", "Lea también: Los enviados discuten sobre los presos", id="es-read-also"),
    pytest.param("ru", "© 2019 Речное агентство. Все права защищены", id="ru-copyright"),
    pytest.param("tr", "Tüm hakları saklıdır. Nehir Gazetesi 2019", id="tr-all-rights"),
    pytest.param("es", "Todos los derechos reservados. Diario del Río", id="es-all-rights"),
    pytest.param("ru", "Главная / Новости / В мире", id="ru-breadcrumb"),
    pytest.param("de", "Startseite » Politik » Ausland", id="de-breadcrumb"),
    pytest.param("fr", "Publicité - faites défiler pour continuer la lecture", id="fr-ad"),
]


def _kinds(text: str, lang: str) -> dict[str, str]:
    doc = mark_sentences(spacy.blank(lang).make_doc(text))
    layout = analyse_layout(doc, TITLE)
    return {layout.text_of(doc, s): s.kind for s in layout.sents}


def _kinds_within(kinds: dict[str, str], line: str) -> set[str]:
    """The kinds of the sentences of `line` (one line may hold several)."""
    return {kind for text, kind in kinds.items() if text in line}


@pytest.mark.parametrize(("lang", "line"), CHROME_LINES)
def test_furniture_lines_of_every_language_are_chrome_in_the_layout(lang: str, line: str) -> None:
    story = STORY.get(lang, STORY["en"])
    other = STORY["en"] if lang != "en" else STORY["ru"]
    kinds = _kinds("\n\n".join([TITLE, story, line, other]), lang)
    assert _kinds_within(kinds, line) == {CHROME}
    assert CHROME not in _kinds_within(kinds, story)  # the story stays


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        # A photo word inside a sentence, with no credit after it.
        ("ru", "Журналисты сделали фото делегаций у входа в зал, где прошли переговоры."),
        # "شارك" (share) also means "took part": a sentence opening with it is no share bar.
        ("ar", "شارك في الاجتماع وفد من المعارضة المسلحة إلى جانب وفد الحكومة السورية."),
        # "عکس" (photo) opens "عکس‌العمل" (reaction) in the middle of a sentence.
        ("fa", "وزیر خارجه درباره عکس العمل دولت به این توافق سخن گفت و از آن استقبال کرد."),
        ("en", "Follow-up talks on the prisoners will be held in the capital in May."),
    ],
)
def test_sentences_holding_furniture_words_stay_body(lang: str, line: str) -> None:
    kinds = _kinds("\n\n".join([TITLE, STORY.get(lang, STORY["en"]), line]), lang)
    assert CHROME not in _kinds_within(kinds, line)


CLOSING_CHROME = [
    pytest.param(
        "ru",
        ["Поделиться", "ВКонтакте  Telegram  WhatsApp", "Подписывайтесь на нас в Telegram"],
        id="ru-share-follow",
    ),
    pytest.param("ru", ["Читайте также", "Посланники обсудили обмен пленными"], id="ru-related"),
    pytest.param("tr", ["Etiketler: Nehir, koridor", "Yorumlar (2)"], id="tr-tags-comments"),
    pytest.param("ar", ["مقالات ذات صلة", "المبعوثون يناقشون تبادل الأسرى"], id="ar-related"),
    pytest.param("fr", ["Partager", "Tous droits réservés"], id="fr-share-rights"),
    pytest.param("de", ["Kommentare", "Alle Rechte vorbehalten"], id="de-comments-rights"),
    pytest.param("es", ["Etiquetas: río, corredores", "Comentarios"], id="es-tags"),
    pytest.param("it", ["Leggi anche", "Commenti"], id="it-read-also"),
]


@pytest.mark.parametrize(("lang", "chrome"), CLOSING_CHROME)
def test_closing_chrome_of_every_language_is_cut_from_plain_text(
    lang: str, chrome: list[str]
) -> None:
    story = STORY[lang]
    text = "\n\n".join([TITLE, story, *chrome])
    assert read_article(text.encode(), "page.txt").text == f"{TITLE}\n\n{story}"


def test_closing_stamp_stays_in_plain_text() -> None:
    # A stamp at a page's end may be the only date the page has.
    text = "\n\n".join([TITLE, STORY["en"], "Published: 12 May 2019", "Share"])
    assert read_article(text.encode(), "page.txt").text.endswith("Published: 12 May 2019")


@pytest.mark.parametrize(
    "line",
    [
        "Share this article",
        "Comments (3)  |  Print  |  Share",
        "Tags: Riverton, corridors",
        "Подписывайтесь на нас в Telegram",
        "Читайте также: Посланники обсудили обмен",
        "Tüm hakları saklıdır",
        "Follow us on Telegram @riverwire",
        "www.riverwire.example",
    ],
)
def test_a_line_cut_from_a_page_end_is_chrome_wherever_it_stands(line: str) -> None:
    # One definition: what the end of a page loses, the layout calls chrome in the middle.
    assert is_end_chrome(line)
    kinds = _kinds("\n\n".join([TITLE, STORY["en"], line, STORY["ru"]]), "en")
    assert _kinds_within(kinds, line) == {CHROME}


def test_html_block_under_a_related_heading_of_another_language_is_dropped() -> None:
    page = (
        "<html><body><article><h1>Посланники договорились о коридорах</h1>"
        f"<p>{STORY['ru']}</p>"
        "<section><h3>Читайте также</h3><ul><li>Обмен пленными отложен до весны</li></ul>"
        "</section></article></body></html>"
    )
    text = read_article(page.encode(), "page.html").text
    assert "Обмен пленными" not in text
    assert STORY["ru"] in " ".join(text.split())


@pytest.mark.parametrize(
    "phrases",
    [
        ["share", "share this", "share on", "sign in", "print"],
        ["read more", "read also", "related", "related stories", "also read"],
        ["فيسبوك", "تويتر", "اقرأ أيضا", "اقرأ أيضاً"],
    ],
)
def test_phrase_tree_matches_exactly_its_phrases(phrases: list[str]) -> None:
    pattern = re.compile(alternation(phrases))
    for phrase in phrases:
        assert pattern.fullmatch(phrase), phrase
        assert pattern.fullmatch(phrase.replace(" ", "   ")), phrase  # any run of spaces
    for other in ("shar", "share thi", "rea", "read", "relate", "اقرأ"):
        assert not pattern.fullmatch(other), other
