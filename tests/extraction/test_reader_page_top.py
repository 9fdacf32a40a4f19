# ruff: noqa: RUF001  (the texts are in Cyrillic, Arabic and Persian script on purpose)
"""The top and the tail of a news page in every language: menu rows, cookie and consent
banners, font-size buttons, bylines and teasers above the story are no headline and no lead,
and a related-links heading in capitals (Turkish dotted İ included) makes the links under it
chrome. All texts are invented."""

from __future__ import annotations

import pytest
import spacy

from articles.extraction.reader import read_article
from articles.extraction.sentences import (
    BODY,
    CHROME,
    HEADLINE,
    LEAD,
    analyse_layout,
    mark_sentences,
)


def _read(lines: list[str], lang: str) -> tuple[str | None, dict[str, str], str | None]:
    """The title the reader finds, each sentence's kind and the lead's text."""
    article = read_article("\n".join(lines).encode(), "page.txt")
    doc = mark_sentences(spacy.blank(lang).make_doc(article.text))
    layout = analyse_layout(doc, article.title)
    kinds = {layout.text_of(doc, s): s.kind for s in layout.sents}
    lead = layout.text_of(doc, layout.sents[layout.lead]) if layout.lead is not None else None
    return article.title, kinds, lead


# (language, menu row, consent banner, headline, first sentence of the story, the rest)
PAGE_TOPS = [
    pytest.param(
        "en",
        "Front  News  World  Business  Culture  Sport  Science  Opinion  Subscribe",
        "We use cookies and similar tools to improve your experience on our site. "
        "By going on you agree to it.",
        "River states agree on a new water-sharing plan",
        "Delegations of the three river states agreed on Tuesday to share the summer flow.",
        "The plan will be reviewed by the engineers of each state before the autumn floods.",
        id="en",
    ),
    pytest.param(
        "de",
        "Zum Inhalt  Startseite  Politik  Wirtschaft  Kultur  Sport  Wissen  Abo",
        "Wir verwenden Cookies und ähnliche Techniken. "
        "Mit einem Klick auf den Knopf stimmen Sie der Nutzung zu.",
        "Flussanrainer einigen sich auf neuen Wasserplan",
        "Die Vertreter der drei Anrainerstaaten haben sich am Dienstag auf einen Plan geeinigt.",
        "Die Ingenieure der Staaten sollen den Plan vor den Herbstfluten noch einmal prüfen.",
        id="de",
    ),
    pytest.param(
        "ru",
        "Политика  Экономика  Общество  Культура  Спорт  Наука  Регионы  Мир",
        "Мы используем файлы cookie и похожие технологии. "
        "Продолжая пользоваться сайтом, вы соглашаетесь с этим.",
        "Прибрежные страны договорились о новом плане раздела воды",
        "Делегации трех прибрежных стран во вторник договорились делить летний сток реки.",
        "Инженеры каждой страны проверят план до начала осенних паводков в долине.",
        id="ru",
    ),
    pytest.param(
        "tr",
        "Gündem  Dünya  Ekonomi  Spor  Kültür  Sanat  Bilim  Teknoloji  Video",
        "Bu internet sitesinde çerezler kullanılmaktadır. "
        "Ayrıntılı bilgi için lütfen Çerez Politikası'nı okuyun.",
        "Nehir ülkeleri yeni su paylaşım planında uzlaştı",
        "Üç nehir ülkesinin heyetleri salı günü yaz akışını paylaşmak için anlaşmaya vardı.",
        "Plan, sonbahar taşkınlarından önce her ülkenin mühendisleri tarafından incelenecek.",
        id="tr",
    ),
    pytest.param(
        "fr",
        "International  |  Politique  Économie  Société  Culture  Sciences  Vidéos",
        "Nous utilisons des cookies pour améliorer votre expérience.  Tout accepter  Paramétrer",
        "Les pays riverains s'accordent sur un nouveau partage de l'eau",
        "Les délégations des trois pays riverains se sont accordées mardi sur le débit d'été.",
        "Les ingénieurs de chaque pays examineront le plan avant les crues de l'automne.",
        id="fr",
    ),
    pytest.param(
        "ar",
        "الرئيسية  سياسة  اقتصاد  رأي  ثقافة  رياضة  مدونات  تحقيقات",
        "نستخدم ملفات تعريف الارتباط لتحسين تجربتك. باستخدامك الموقع فإنك توافق على ذلك.",
        "دول النهر تتفق على خطة جديدة لتقاسم المياه",
        "اتفقت وفود دول النهر الثلاث يوم الثلاثاء على تقاسم مياه الصيف بين المدن على ضفتيه.",
        "وسيراجع مهندسو كل دولة الخطة قبل فيضانات الخريف في الوادي.",
        id="ar",
    ),
    pytest.param(
        "fa",
        "صفحه اصلی  سیاست  اقتصاد  فرهنگ  ورزش  جهان  ویدئو  عکس",
        "ما از کوکی‌ها برای بهبود تجربه شما استفاده می‌کنیم. با ادامه، موافقت خود را اعلام می‌کنید.",
        "کشورهای حوضه رود بر سر طرح تازه تقسیم آب توافق کردند",
        "هیئت‌های سه کشور حوضه رود روز سه‌شنبه بر سر تقسیم آب تابستان میان شهرها توافق کردند.",
        "مهندسان هر کشور پیش از سیلاب‌های پاییز این طرح را بررسی خواهند کرد.",
        id="fa",
    ),
]


@pytest.mark.parametrize(("lang", "menu", "banner", "headline", "lead", "rest"), PAGE_TOPS)
def test_menu_row_and_consent_banner_are_neither_headline_nor_lead(
    lang: str, menu: str, banner: str, headline: str, lead: str, rest: str
) -> None:
    title, kinds, first = _read([menu, banner, headline, lead + " " + rest], lang)
    assert title == headline
    assert kinds[headline] == HEADLINE
    assert first == lead
    banner_kinds = [kind for text, kind in kinds.items() if text in banner]
    assert banner_kinds and set(banner_kinds) == {CHROME}


def test_a_long_paragraph_about_cookies_stays_prose() -> None:
    headline = "Bakers of the valley win the regional prize"
    paragraph = (
        "The bakers of the valley, who have sold their oat cookies at the spring market for "
        "more than forty years, won the regional prize on Sunday for a recipe that the judges "
        "called the best they had tasted since the fair began, and they said they would give "
        "the prize money to the village school."
    )
    _, kinds, first = _read([headline, paragraph], "en")
    assert kinds[headline] == HEADLINE
    assert first == paragraph


STORY_LINES = [
    "River states agree on a new water-sharing plan",
    "Delegations of the three river states agreed on Tuesday to share the summer flow of the "
    "river between the towns on both of its banks, the host ministry said.",
    "The plan will be reviewed by the engineers of each state before the autumn floods.",
]


# A related-links heading in capitals, and links under it that name a round of other talks.
@pytest.mark.parametrize(
    ("lang", "heading", "links"),
    [
        ("tr", "İLGİNİZİ ÇEKEBİLİR", ["Nehir toplantısının 11. turu sona erdi", "Vadi zirvesi"]),
        ("tr", "BUNLAR DA İLGİNİZİ ÇEKEBİLİR", ["Barajın üçüncü turu başladı (04.04.2018)"]),
        ("ru", "ЧИТАЙТЕ ТАКЖЕ", ["Завершился третий раунд переговоров по реке"]),
        ("fr", "À LIRE AUSSI", ["Le troisième cycle des pourparlers sur le fleuve s'achève"]),
        ("de", "DAS KÖNNTE SIE AUCH INTERESSIEREN", ["Dritte Runde der Flussgespräche endet"]),
        ("ar", "اقرأ ايضا", ["انتهاء الجولة الثالثة من محادثات النهر"]),
        ("fa", "بیشتر بخوانید", ["پایان دور سوم مذاکرات رود"]),
        ("es", "LEE TAMBIÉN", ["Termina la tercera ronda de las conversaciones del río"]),
        ("it", "LEGGI ANCHE", ["Si chiude il terzo round dei colloqui sul fiume"]),
    ],
)
def test_related_heading_in_capitals_makes_its_links_chrome(
    lang: str, heading: str, links: list[str]
) -> None:
    _, kinds, _ = _read([*STORY_LINES, heading, *links], lang)
    # Chrome, or cut from the page's end with its closing chrome.
    assert [kinds.get(line, CHROME) for line in [heading, *links]] == [CHROME] * (1 + len(links))
    assert kinds[STORY_LINES[2]] == BODY


def test_font_size_buttons_are_no_title() -> None:
    lines = ["Front | World", STORY_LINES[0], "Font size  A  A  A", *STORY_LINES[1:]]
    title, kinds, _ = _read(lines, "en")
    assert title == STORY_LINES[0]
    assert kinds[STORY_LINES[0]] == HEADLINE


@pytest.mark.parametrize(
    "byline", ["Jane Roe, John Doe", "Jane Roe - RIVERTON", "Dr Jane Roe, Senior Fellow, Institute"]
)
def test_byline_of_names_under_the_headline_is_no_title_and_no_lead(byline: str) -> None:
    title, kinds, lead = _read([STORY_LINES[0], byline, *STORY_LINES[1:]], "en")
    assert title == STORY_LINES[0]
    assert kinds[byline] == CHROME
    assert lead == STORY_LINES[1]


def test_headline_naming_people_with_lower_case_words_is_still_a_title() -> None:
    headline = "Roe, Doe and Poe meet in Riverton"
    title, kinds, _ = _read([headline, *STORY_LINES[1:]], "en")
    assert title == headline
    assert kinds[headline] == HEADLINE


def test_teaser_of_another_story_above_the_title_is_no_lead() -> None:
    teaser = (
        "Mayor of the coastal city says the new harbour will open to ferries and fishing boats "
        "from the islands next summer"
    )
    lines = ["Important", teaser, "", STORY_LINES[0], "", *STORY_LINES[1:]]
    _, kinds, lead = _read(lines, "en")
    assert kinds[STORY_LINES[0]] == HEADLINE
    assert kinds[teaser] == CHROME
    assert lead == STORY_LINES[1]


def test_dateline_of_place_and_date_in_two_sentences_is_not_the_lead() -> None:
    first = "Delegations of the three river states agreed on Tuesday to share the summer flow."
    lines = [STORY_LINES[0], "Riverton. 12 March. WIRE - " + first, STORY_LINES[2]]
    _, kinds, lead = _read(lines, "en")
    assert lead is not None and lead.endswith(first)
    assert kinds["Riverton."] == BODY and kinds["12 March."] == BODY


def test_short_first_sentence_after_a_dateline_stays_the_lead() -> None:
    lines = [STORY_LINES[0], "Riverton. The talks ended. " + STORY_LINES[1], STORY_LINES[2]]
    _, kinds, lead = _read(lines, "en")
    assert lead == "The talks ended."
    assert kinds[lead] == LEAD


def test_title_under_a_stamp_and_byline_line_is_a_sentence_of_its_own() -> None:
    stamp = "12 March 2022, 10:15  |  Author: Jane Roe, River Desk  |  Views 1342  |  Comments 12"
    # A title of more than ten tokens, shorter than the stamp: the line break under the stamp
    # ends no sentence.
    headline = "International meeting on the river will take place in Riverton on 22-23 March"
    lines = ["Front  News  World  Business  Culture  Sport", stamp, headline, *STORY_LINES[1:]]
    title, kinds, lead = _read(lines, "en")
    assert title == headline
    assert kinds[headline] == HEADLINE
    assert lead == STORY_LINES[1]


def test_figure_caption_in_html_is_no_lead() -> None:
    caption = "Envoys at the closing session of an earlier round in Riverton, 3 March 2019."
    page = (
        "<html><body><article><h1>River states agree on a new water-sharing plan</h1>"
        "<figure><img src='envoys.jpg' alt=''><figcaption>" + caption + "</figcaption></figure>"
        "<p>" + STORY_LINES[1] + "</p><p>" + STORY_LINES[2] + "</p></article></body></html>"
    )
    article = read_article(page.encode(), "page.html")
    assert caption not in article.text
    doc = mark_sentences(spacy.blank("en").make_doc(article.text))
    layout = analyse_layout(doc, article.title)
    assert layout.lead is not None
    assert layout.text_of(doc, layout.sents[layout.lead]) == STORY_LINES[1]


def test_icon_names_above_the_title_are_neither_title_nor_lead() -> None:
    # The names of an icon sprite, more words than any headline block: a run of labels.
    names = "bookmark camera check close download edit filter move music search tag trash"
    sprite = " ".join(
        f"{prefix}{name}icon" for prefix in ("", "v-", "full ") for name in names.split()
    )
    title, kinds, lead = _read([sprite, *STORY_LINES], "en")
    assert title == STORY_LINES[0]
    assert kinds[STORY_LINES[0]] == HEADLINE
    assert lead == STORY_LINES[1]


def test_photo_caption_with_its_credit_in_brackets_is_no_title() -> None:
    caption = "Farmers walk along the dry river bed near Riverton, March 1, 2022. (AFP Photo)"
    title, kinds, _ = _read([STORY_LINES[0], caption, *STORY_LINES[1:]], "en")
    assert title == STORY_LINES[0]
    assert kinds[STORY_LINES[0]] == HEADLINE


def test_agency_name_after_a_dateline_is_not_the_lead() -> None:
    first = "Delegations of the three river states agreed on Tuesday to share the summer flow."
    lines = [STORY_LINES[0], "Riverton, 12 March. River Wire. " + first, STORY_LINES[2]]
    _, kinds, lead = _read(lines, "en")
    assert lead == first
    assert kinds["River Wire."] == BODY


@pytest.mark.parametrize(
    ("lang", "caption"),
    [
        ("en", "Jane Roe (L), John Doe (C) and Max Poe (R) before their meeting in Riverton."),
        ("ru", "Анна Ро (слева) и Иван Доу (справа) перед встречей в Ривертоне."),
        ("fr", "Jeanne Roe (à gauche) et Jean Doe (à droite) avant leur rencontre à Riverton."),
    ],
)
def test_caption_placing_people_in_a_photo_is_no_lead(lang: str, caption: str) -> None:
    _, kinds, lead = _read([STORY_LINES[0], caption, *STORY_LINES[1:]], lang)
    assert kinds[caption] == CHROME
    assert lead == STORY_LINES[1]


def test_one_bracketed_side_in_a_story_sentence_stays_text() -> None:
    line = "The speaker of the left bank council (left) said the plan would be put to a vote."
    _, kinds, _ = _read([*STORY_LINES, line], "en")
    assert kinds[line] == BODY
