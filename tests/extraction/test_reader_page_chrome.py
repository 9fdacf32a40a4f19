# ruff: noqa: RUF001  (the texts are in Cyrillic and Arabic script on purpose)
"""Page layout on news pages: lines the author broke without punctuation, and the chrome
around a story (wire credits, tag lines, share bars, section links, comment forms, update
stamps) in every language. All texts are invented."""

from __future__ import annotations

import pytest
import spacy

from articles.extraction.reader import read_article
from articles.extraction.sentences import CHROME, HEADLINE, LEAD, analyse_layout, mark_sentences

STAMP = "March 3, 2019 / 10:15 AM / Updated 2 years ago"
HEADLINE_LINE = "Peace talks close with a pledge on relief convoys, plan for a new summit"
LEAD_LINE = (
    "RIVERTON, March 3 (Wire) - The delegations of the guarantor states agreed on Tuesday to "
    "let relief convoys through the valley and to meet again in the spring, the host ministry "
    "said after two days of talks in the capital."
)


def _layout(text: str, lang: str = "en", title: str | None = None):
    doc = mark_sentences(spacy.blank(lang).make_doc(text))
    layout = analyse_layout(doc, title)
    return doc, layout, {layout.text_of(doc, s): s.kind for s in layout.sents}


def test_stamp_headline_and_lead_without_final_punctuation_are_three_sentences() -> None:
    # Each line ends well short of the next one: the breaks are the author's, not a wrap.
    _, _, kinds = _layout("\n".join([STAMP, HEADLINE_LINE, LEAD_LINE]))
    assert kinds[STAMP] == CHROME
    assert kinds[HEADLINE_LINE] == HEADLINE
    assert kinds[LEAD_LINE] == LEAD


def test_ragged_wrap_ending_mid_clause_continues_its_sentence() -> None:
    # A wrapped paragraph whose first line is only a little shorter than the second.
    text = (
        "The envoys met for two days in the capital and the talks which the\n"
        "hosts called useful ended with a statement on the truce and the prisoners\n"
        "and on the return of refugees to their homes in the south of the country."
    )
    doc = mark_sentences(spacy.blank("en").make_doc(text))
    assert len(list(doc.sents)) == 1


STORY = (
    "Envoys agree on new relief corridors\n\n"
    "RIVERTON (Wire) - Envoys of the three guarantor states agreed on Tuesday to open two "
    "new relief corridors along the river and to meet again in the spring, the host ministry "
    "said after the talks.\n\n"
    "The delegations of the government and the armed groups also attended the talks."
)
BODY_SENTENCE = "The delegations of the government and the armed groups also attended the talks."

FURNITURE = [
    pytest.param("en", "(Reporting by Jane Roe; Editing by John Doe)", id="en-wire-credit"),
    pytest.param("en", "Tags: Riverton, relief corridors, guarantors", id="en-tags"),
    pytest.param("tr", "ETİKETLER: Nehir, koridor, garantörler", id="tr-tags-capitals"),
    pytest.param("fa", "کلیدواژه‌ها: رودخانه، کریدور", id="fa-tags"),
    pytest.param("en", "Leave a Reply", id="en-comment-form"),
    pytest.param("en", "Your email address will not be published.", id="en-comment-notice"),
    pytest.param("en", "Rate this article: ★★★☆☆", id="en-rating"),
    pytest.param("ru", "Оставить комментарий", id="ru-comment-form"),
    pytest.param("ar", "آخر تحديث: ١٠:٣٠ ٠٥/٠٣/٢٠١٩", id="ar-update-stamp-arabic-digits"),
    pytest.param("en", "Last updated: 10:30 05/03/2019", id="en-update-stamp"),
    pytest.param("ar", "٠٥/٠٣/٢٠١٩ ١٠:٣٠", id="ar-date-line-arabic-digits"),
    pytest.param("tr", "Paylaş Facebook Twitter WhatsApp E-posta", id="tr-share-bar"),
    pytest.param("ru", "Обсудить ✉ ВКонтакте Telegram", id="ru-share-bar"),
    pytest.param("fa", "اشتراک گذاری 🔗 تلگرام توییتر واتساپ", id="fa-share-bar"),
]


@pytest.mark.parametrize(("lang", "line"), FURNITURE)
def test_page_furniture_after_the_story_is_chrome(lang: str, line: str) -> None:
    _, _, kinds = _layout(STORY + "\n" + line, lang, "Envoys agree on new relief corridors")
    assert kinds[line] == CHROME
    assert kinds[BODY_SENTENCE] != CHROME  # the story itself is kept


@pytest.mark.parametrize(
    ("heading", "links"),
    [
        ("More from World", ["Storms close the mountain passes", "Harbour workers end strike"]),
        ("Also in Region", ["Border crossing reopens for trucks"]),
    ],
)
def test_section_links_heading_and_its_links_are_chrome(heading: str, links: list[str]) -> None:
    text = "\n".join([STORY, heading, *links])
    _, _, kinds = _layout(text, "en", "Envoys agree on new relief corridors")
    assert [kinds[line] for line in [heading, *links]] == [CHROME] * (1 + len(links))
    assert kinds[BODY_SENTENCE] != CHROME


@pytest.mark.parametrize(
    "line",
    [
        "Facebook and Twitter removed the accounts of both armed groups.",
        "Also in attendance were envoys of the two neighbouring states.",
        "Tags on the convoys will show which corridor they used, the ministry said.",
    ],
)
def test_prose_naming_networks_or_opening_like_furniture_stays_body(line: str) -> None:
    _, _, kinds = _layout(STORY + "\n\n" + line, "en", "Envoys agree on new relief corridors")
    assert kinds[line] != CHROME


def test_dateline_sentence_is_not_the_lead() -> None:
    text = (
        "Envoys agree on new relief corridors\n"
        "RIVERTON, March 3. The envoys of the three guarantor states agreed on Tuesday to open "
        "two new relief corridors along the river, the host ministry said."
    )
    doc, layout, kinds = _layout(text, "en", "Envoys agree on new relief corridors")
    assert layout.lead is not None
    lead = layout.text_of(doc, layout.sents[layout.lead])
    assert lead.startswith("The envoys of the three guarantor states")
    assert kinds["RIVERTON, March 3."] != LEAD


def test_title_line_longer_than_its_lead_is_a_sentence_of_its_own() -> None:
    title = "В столице начался новый раунд переговоров с участием посланников трёх государств"
    lead = "В столице начался новый раунд переговоров."
    text = "\n".join([title, lead, "Делегации обсудили гуманитарные коридоры вдоль реки."])
    _, _, kinds = _layout(text, "ru", title)
    assert kinds[title] == HEADLINE
    assert kinds[lead] == LEAD


@pytest.mark.parametrize(
    ("furniture", "lang"),
    [
        ("Author: Jane Roe", "en"),
        ("Автор: Мария Иванова", "ru"),
        ("Share on: X  Facebook  Telegram", "en"),
        ("Tags: Riverton, corridors", "en"),
    ],
)
def test_byline_label_share_bar_or_tags_under_the_headline_is_no_title(
    furniture: str, lang: str
) -> None:
    headline = "Envoys agree on new relief corridors along the river"
    text = "\n".join(["RIVERTON WIRE", headline, furniture, LEAD_LINE])
    article = read_article(text.encode(), "page.txt")
    assert article.title == headline
    doc = mark_sentences(spacy.blank(lang).make_doc(article.text))
    layout = analyse_layout(doc, article.title)
    kinds = {" ".join(layout.text_of(doc, s).split()): s.kind for s in layout.sents}
    assert kinds[headline] == HEADLINE
    assert kinds[" ".join(furniture.split())] == CHROME


def test_short_line_without_punctuation_under_a_long_one_stands_alone() -> None:
    headline = "Envoys of the three guarantor states agree on new relief corridors on the river"
    doc = mark_sentences(
        spacy.blank("en").make_doc("\n".join([headline, "March 3, 2019", LEAD_LINE]))
    )
    assert [s.text.strip() for s in doc.sents] == [headline, "March 3, 2019", LEAD_LINE]


def test_lower_case_rest_of_a_wrapped_heading_continues_it() -> None:
    heading = (
        "Talks between the envoys of the northern and the southern provinces on the\nriver ports"
    )
    text = (
        STORY
        + "\n\n"
        + heading
        + "\n\n"
        + ("The envoys met again on Wednesday and agreed on a list of prisoners to be exchanged.")
    )
    _, _, kinds = _layout(text, "en", "Envoys agree on new relief corridors")
    assert heading in kinds


def test_spaced_row_of_links_is_no_first_paragraph() -> None:
    menu = "Home  World  Politics  Economy  Sport  Culture  Health  Science  Video  Opinion  Travel"
    headline = "Envoys agree on new relief corridors"
    _, layout, kinds = _layout("\n".join([menu, headline, LEAD_LINE]), "en", headline)
    assert kinds[menu] == CHROME
    assert kinds[headline] == HEADLINE
    assert layout.lead is not None and kinds[LEAD_LINE] == LEAD


def test_caption_with_agency_credit_after_a_slash_is_chrome() -> None:
    caption = "Envoys of the guarantor states arrive at the conference hall in Riverton. / Wire"
    text = "\n".join(["Envoys agree on new relief corridors", LEAD_LINE, caption, BODY_SENTENCE])
    _, layout, kinds = _layout(text, "en", "Envoys agree on new relief corridors")
    on_caption_line = [s.kind for s in layout.sents if s.line == 2]
    assert on_caption_line and set(on_caption_line) == {CHROME}
    assert kinds[BODY_SENTENCE] != CHROME


def test_prose_with_a_slash_inside_stays_body() -> None:
    line = "The envoys discussed the 2019/2020 plan and the river / road corridors on Tuesday."
    _, _, kinds = _layout(STORY + "\n\n" + line, "en", "Envoys agree on new relief corridors")
    assert kinds[line] != CHROME


def test_story_paragraph_ending_in_its_wire_credit_stays_body() -> None:
    paragraph = (
        "The envoys of the guarantor states said on Tuesday that the working group on "
        "detainees would meet again before the next round, and that the exchange agreed in "
        "the spring had been carried out in full, with more than forty people released on "
        "each side under the eyes of the Red Cross. / Wire"
    )
    _, _, kinds = _layout(STORY + "\n\n" + paragraph, "en", "Envoys agree on new relief corridors")
    story = [kind for text, kind in kinds.items() if "working group on detainees" in text]
    assert story and CHROME not in story
