"""Articles in Arabic and Russian, in a real Chromium: the text runs in its own direction, the
evidence is highlighted in the original script, and every letter is drawn by a real font (the
page's font stack), not by a fallback box. Screenshots go to build/screenshots/ for review."""

from __future__ import annotations

import hashlib

import pytest

from articles.models import Article, RoundLinkMethod
from rounds.models import Delegation, DelegationMention, Participant, Party, Round
from tests.browser.conftest import screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Short texts written for these tests.
ARABIC_ROUND = "انطلقت في أستانا الجولة الرابعة عشرة من المحادثات حول سوريا."
ARABIC_HEAD = "وترأس الوفد الروسي ألكسندر لافرنتييف، المبعوث الخاص للرئيس."
ARABIC_NAME = "ألكسندر لافرنتييف"
RUSSIAN_ROUND = "В Нур-Султане начался четырнадцатый раунд переговоров по Сирии."  # noqa: RUF001
RUSSIAN_HEAD = "Российскую делегацию возглавил Александр Лаврентьев, спецпредставитель президента."
RUSSIAN_NAME = "Александр Лаврентьев"
RUSSIAN_TITLE = "Четырнадцатый раунд в Нур-Султане"  # noqa: RUF001


def article_with_head(language: str, title: str, first: str, second: str, name: str) -> Article:
    """An article on round 14 whose second sentence names Russia's head as `name`."""
    text = f"{first}\n\n{second}"
    round_14 = Round.objects.get(number=14)
    article = Article.objects.create(
        source_path=f"/corpus/{language}.txt",
        source_name=f"{language}.txt",
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        title=title,
        language=language,
        text=text,
        round=round_14,
        round_method=RoundLinkMethod.ORDINAL,
        round_sentence=first,
        round_start=0,
        round_end=len(first),
    )
    envoy, _ = Participant.objects.get_or_create(name="Alexander Lavrentiev")
    delegation, _ = Delegation.objects.get_or_create(
        round=round_14,
        party=Party.objects.get(name="Russia"),
        defaults={"role": "guarantor", "head": envoy},
    )
    start = text.index(second)
    DelegationMention.objects.create(
        delegation=delegation,
        article=article,
        sentence=second,
        start=start,
        end=start + len(second),
        head=envoy,
        head_as_written=name,
        rule="presence:led-by",
        head_rule="head:led-by",
    )
    return article


def platform_fonts(page, selector: str) -> dict[str, int]:
    """The fonts Chromium drew the text of `selector` with, and how many glyphs each drew."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return {font["familyName"]: font["glyphCount"] for font in fonts}


def letters(text: str) -> int:
    return sum(1 for character in text if character.isalpha())


def assert_drawn_by_real_fonts(page, selector: str, text: str) -> None:
    fonts = platform_fonts(page, selector)
    assert fonts, f"no font drew {selector}"
    # Every letter has a glyph from a named font; a missing glyph would leave the count short.
    assert sum(fonts.values()) >= letters(text), fonts
    assert not any("last resort" in name.lower() for name in fonts), fonts


def test_arabic_article_reads_right_to_left_in_its_own_script(page, live_server):
    article = article_with_head(
        "ar", "الجولة الرابعة عشرة في أستانا", ARABIC_ROUND, ARABIC_HEAD, ARABIC_NAME
    )
    page.goto(article.get_absolute_url())
    text = page.locator("#article-text")
    assert text.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert text.get_attribute("lang") == "ar"
    # The evidence is highlighted in the original script.
    marks = [mark.strip() for mark in text.locator("mark").all_inner_texts()]
    assert ARABIC_ROUND in marks and ARABIC_HEAD in marks
    # The first line starts at the right: its left edge is further right than the block's.
    box = text.bounding_box()
    first_mark = text.locator("mark").first.bounding_box()
    assert first_mark["x"] + first_mark["width"] > box["x"] + box["width"] * 0.9
    assert_drawn_by_real_fonts(page, "#article-text mark", ARABIC_ROUND)
    # The head's canonical name beside the name as written.
    facts = page.inner_text("#facts-delegation + ul")
    assert "Alexander Lavrentiev" in facts and ARABIC_NAME in facts
    assert_drawn_by_real_fonts(page, ".as-written bdi", ARABIC_NAME)
    screenshot(page, "10-article-arabic")


# Kazakh has letters Russian lacks (ә ғ қ ң ө ұ ү һ і): each needs a real glyph too.  # noqa: RUF003
KAZAKH_ROUND = "Нұр-Сұлтанда Сирия бойынша он төртінші халықаралық кездесу басталды."
KAZAKH_HEAD = "Ресей делегациясын Президенттің арнайы өкілі Александр Лаврентьев басқарды."
KAZAKH_TITLE = "Нұр-Сұлтандағы он төртінші кездесу: ұсталғандар мен гуманитарлық көмек"


@pytest.mark.parametrize(
    ("language", "title", "first", "second", "shot"),
    [
        ("ru", RUSSIAN_TITLE, RUSSIAN_ROUND, RUSSIAN_HEAD, "11-article-russian"),
        ("kk", KAZAKH_TITLE, KAZAKH_ROUND, KAZAKH_HEAD, "12-article-kazakh"),
    ],
)
def test_cyrillic_article_reads_left_to_right(
    page, live_server, language, title, first, second, shot
):
    article = article_with_head(language, title, first, second, RUSSIAN_NAME)
    page.goto(article.get_absolute_url())
    text = page.locator("#article-text")
    assert text.get_attribute("lang") == language
    assert text.evaluate("el => getComputedStyle(el).direction") == "ltr"
    marks = [mark.strip() for mark in text.locator("mark").all_inner_texts()]
    assert first in marks and second in marks
    assert_drawn_by_real_fonts(page, "#article-text mark", first)
    assert_drawn_by_real_fonts(page, "main h1", article.title)
    facts = page.inner_text("#facts-delegation + ul")
    assert "Alexander Lavrentiev" in facts and RUSSIAN_NAME in facts
    assert "presence:led-by" in facts
    assert "no extraction rules for this language" not in page.content()
    screenshot(page, shot)


PERSIAN_TITLE = "نشست آستانه درباره سوریه با حضور هیئت‌های ایران و روسیه پایان یافت"
TURKISH_TITLE = "Astana görüşmelerinin 17. turu Türkiye'nin katılımıyla başladı"  # noqa: RUF001


def test_persian_and_turkish_titles_are_drawn_in_the_list(page, live_server):
    for language, title in (("fa", PERSIAN_TITLE), ("tr", TURKISH_TITLE)):
        Article.objects.create(
            source_path=f"/corpus/{language}.txt",
            source_name=f"{language}.txt",
            content_hash=hashlib.sha256(title.encode()).hexdigest(),
            title=title,
            language=language,
            text=title,
        )
    page.goto("/articles/")
    for language, title in (("fa", PERSIAN_TITLE), ("tr", TURKISH_TITLE)):
        selector = f'#article-list a.article-title[lang="{language}"]'
        assert page.inner_text(selector).strip() == title
        assert_drawn_by_real_fonts(page, selector, title)
    persian = page.locator('#article-list a.article-title[lang="fa"]')
    assert persian.evaluate("el => getComputedStyle(el).direction") == "rtl"  # dir="auto"
    screenshot(page, "12-articles-persian-turkish")
