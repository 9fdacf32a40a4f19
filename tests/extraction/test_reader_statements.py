# ruff: noqa: RUF001  (the texts are in Cyrillic and Arabic script on purpose)
"""Joint statements: a headline over a preamble and numbered clauses that end in commas or
semicolons of any script. The clauses are body text, each item its own sentence, and the line
above the preamble is the title. All texts are invented."""

from __future__ import annotations

import pytest
import spacy

from articles.extraction.dates import find_publication_date
from articles.extraction.pipeline import Extractor
from articles.extraction.reader import read_article
from articles.extraction.sentences import CHROME, analyse_layout, mark_sentences

STATEMENTS = {
    "en": (
        "Joint statement of the guarantor states after the meeting in the capital",
        "The Republic of Northland, the Federation of Southland and the Kingdom of Eastland, "
        "as guarantors of the truce agreed in the valley,",
        "in the presence of delegations of the government and of the armed groups, at the "
        "meeting held in the capital city on the first and second days of the month,",
        [
            "1. Welcome the opening of three humanitarian corridors along the river;",
            "2. Agree to exchange lists of detained persons before the next meeting;",
        ],
    ),
    "fr": (
        "Déclaration commune des États garants à l'issue de la réunion de la capitale",
        "La République du Nord, la Fédération du Sud et le Royaume de l'Est, en tant que "
        "garants de la trêve conclue dans la vallée,",
        "en présence des délégations du gouvernement et des groupes armés, lors de la réunion "
        "tenue dans la capitale pendant les deux premiers jours du mois,",
        [
            "1. Saluent l'ouverture de trois couloirs humanitaires le long du fleuve ;",
            "2. Conviennent d'échanger les listes des personnes détenues avant la réunion ;",
        ],
    ),
    "ru": (
        "Совместное заявление государств-гарантов по итогам встречи в столице",
        "Северная Республика, Южная Федерация и Восточное Королевство в качестве гарантов "
        "перемирия, заключённого в долине,",
        "в присутствии делегаций правительства и вооружённых групп, на встрече, состоявшейся "
        "в столице в первые два дня месяца,",
        [
            "1. Приветствуют открытие трёх гуманитарных коридоров вдоль реки;",
            "2. Договариваются обменяться списками задержанных до следующей встречи;",
        ],
    ),
    "ar": (
        "البيان المشترك للدول الضامنة في ختام الاجتماع في العاصمة",
        "إن جمهورية الشمال واتحاد الجنوب ومملكة الشرق، بصفتها الدول الضامنة للهدنة المتفق "
        "عليها في الوادي،",
        "وبحضور وفدي الحكومة والجماعات المسلحة، وبمشاركة ممثلي الدول المراقبة، في الاجتماع الذي "
        "عقد في العاصمة في اليومين الأولين من الشهر،",
        [
            "١. ترحب بفتح ثلاثة ممرات إنسانية على طول النهر؛",
            "٢. تتفق على تبادل قوائم المحتجزين قبل الاجتماع؛",
        ],
    ),
}
MENU = "Home | Statements | Press | Contacts"


def _statement(lang: str) -> str:
    headline, preamble, presence, items = STATEMENTS[lang]
    return "\n".join([MENU, headline, preamble, presence, *items])


@pytest.mark.parametrize("lang", sorted(STATEMENTS))
def test_headline_above_a_statement_preamble_is_the_title(lang: str) -> None:
    article = read_article(_statement(lang).encode(), "statement.txt")
    assert article.title == STATEMENTS[lang][0]


@pytest.mark.parametrize(
    "lang",
    [
        *sorted(set(STATEMENTS) - {"ar"}),
        pytest.param(
            "ar",
            marks=pytest.mark.xfail(
                reason="a preamble line under 100 characters above the first prose line is "
                "still taken for chrome (body_start)",
                strict=True,
            ),
        ),
    ],
)
def test_statement_clauses_and_numbered_items_are_body_sentences(lang: str) -> None:
    headline, preamble, presence, items = STATEMENTS[lang]
    doc = mark_sentences(spacy.blank(lang).make_doc(_statement(lang)))
    layout = analyse_layout(doc, headline)
    body = [layout.text_of(doc, s) for s in layout.sents if s.kind != CHROME]
    # The preamble's lines and every numbered item are sentences of their own, the item's
    # number with its clause, not with the clause before.
    assert body[-2:] == items
    assert presence in body
    assert any(preamble in text for text in body)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "The delegations met for two days in the capital, and the talks, which\n"
            "the hosts called useful, ended with a statement on the truce, the prisoners\n"
            "and the return of refugees to their homes in the south of the country.",
        ),
        (
            "ar",
            "اجتمعت الوفود لمدة يومين في العاصمة، واختتمت المحادثات التي وصفها المضيفون بأنها،\n"
            "مفيدة ببيان حول الهدنة والأسرى وعودة اللاجئين إلى منازلهم في جنوب البلاد.",
        ),
    ],
)
def test_hard_wrapped_line_ending_in_a_comma_continues_its_sentence(lang: str, text: str) -> None:
    doc = mark_sentences(spacy.blank(lang).make_doc(text))
    assert len(list(doc.sents)) == 1


@pytest.mark.parametrize(
    ("lang", "share", "header", "link"),
    [
        ("ar", "مشاركة:  f  t", "البيانات ذات الصلة", "• بيان وزير الخارجية في الجلسة العامة"),
        ("ru", "Поделиться:", "Материалы по теме", "• Министр выступил на пленарном заседании"),
        ("en", "Share: f t", "Related statements", "• The minister's address to the plenary"),
    ],
)
def test_share_line_and_related_statements_are_chrome(
    lang: str, share: str, header: str, link: str
) -> None:
    text = "\n".join([_statement(lang), share, header, link])
    doc = mark_sentences(spacy.blank(lang).make_doc(text))
    layout = analyse_layout(doc, STATEMENTS[lang][0])
    kinds = {layout.text_of(doc, s): s.kind for s in layout.sents}
    assert kinds[share.strip()] == CHROME
    assert kinds[header] == CHROME
    assert kinds[link] == CHROME
    assert kinds[STATEMENTS[lang][3][0]] != CHROME


def test_arabic_statement_that_schedules_the_next_meeting_is_the_one_before_it() -> None:
    # Undated: the preamble names the days of one round, the last clause those of the next
    # meeting ("الاجتماع ... المقبل", the adjective after its noun), agreed upon for later.
    text = "\n".join(
        [
            "البيان المشترك للدول الضامنة في ختام الاجتماع الدولي حول سوريا",
            "إن جمهورية إيران الإسلامية والاتحاد الروسي والجمهورية التركية، بصفتها الدول "
            "الضامنة، في الاجتماع الذي عقد في أستانا يومي 14 و15 أيار/مايو 2018،",
            "١. ترحب بالتقدم المحرز في تبادل المحتجزين بين الطرفين؛",
            "٢. تقرر عقد الاجتماع الدولي رفيع المستوى المقبل حول سوريا في سوتشي يومي 30 و31 "
            "تموز/يوليو 2018.",
        ]
    )
    article = read_article(text.encode(), "statement.txt")
    extraction = Extractor().extract(article, find_publication_date(article))
    assert extraction.round is not None
    assert extraction.round.number == 9
