"""Kazakh ("kk"): spaCy's class for it (spacy_languages.py), detection, and the word data of
the "kk" blocks of the pattern files read end to end from short wire stories of our own."""
# ruff: noqa: RUF001

from __future__ import annotations

from datetime import date

import pytest
import spacy

from articles.extraction.dates import find_publication_date
from articles.extraction.datetext import find_date_mentions, find_day_months
from articles.extraction.language import detect_language
from articles.extraction.pipeline import Extractor, supported_languages
from articles.extraction.types import ArticleText

TODAY = date(2025, 6, 1)

# Invented wire copy in the style of a Kazakh agency: a dateline without a year, the
# round by its ordinal, heads named with their delegations, observers, the agenda.
ROUND_20 = """АСТАНА. 20 маусым. ҚазАқпарат - Астанада Сирия бойынша Астана форматындағы \
жиырмасыншы халықаралық кездесу басталды, деп хабарлайды ҚР Сыртқы істер министрлігі.

Кездесуге кепілгер елдер - Ресей, Түркия және Иран делегациялары, сондай-ақ Сирия \
үкіметі мен Сирия оппозициясының өкілдері қатысады. Ресей делегациясын Ресей Президентінің \
Сирия жөніндегі арнайы өкілі Александр Лаврентьев басқарады. Сирия үкіметінің делегациясын \
Айман Сусан басқарады.

Кездесуге бақылаушы ретінде Иордания, Ливан мен Ирак өкілдері қатысады.

Күн тәртібінде атысты тоқтату режимі, ұсталғандарды босату, гуманитарлық көмек және \
Конституциялық комитеттің жұмысы талқыланады."""

# A full date written year first, a digit ordinal, a head in Kazakh letters.
ROUND_17 = """НҰР-СҰЛТАН. 2021 жылғы 22 желтоқсан. ҚазАқпарат - Нұр-Сұлтанда Сирия \
бойынша 17-ші халықаралық кездесу аяқталды.

Кездесуге Ресей, Иран және Түркия делегациялары қатысты. Тараптар терроризмге қарсы \
күресті жалғастыруға және босқындардың оралуына жағдай жасауға келісті. Иран делегациясын Иран \
СІМ басшысының аға кеңесшісі Әли Асғар Хаджи басқарды."""

# A Roman ordinal, the UN envoy and the sanctions and Idlib on the agenda.
ROUND_19 = """АСТАНА. 22 қараша. ҚазАқпарат - Астанада Сирия бойынша XIX халықаралық \
кездесу өтуде, деп хабарлайды ҚазАқпарат тілшісі Қазақстан Сыртқы істер министрлігіне сілтеме жасап.

Түркия делегациясын Түркия СІМ департамент басшысы Сельчук Үнал басқарады. Кездесуге \
БҰҰ Бас хатшысының Сирия жөніндегі арнайы өкілі Гейр Педерсен қатысады.

Делегациялар Идлибтегі жағдайды және Сирияға қарсы біржақты санкцияларды талқылайды."""


# The ordinal in two words (tens, then the unit), in the years the capital was Nur-Sultan.
ROUND_18 = """НҰР-СҰЛТАН. 15 маусым. ҚазАқпарат - Нұр-Сұлтанда Сирия бойынша Астана \
форматындағы он сегізінші халықаралық кездесу басталды, деп хабарлайды ҚазАқпарат тілшісі.

Кездесуге Ресей, Иран және Түркия делегациялары қатысады."""


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def test_kazakh_has_rules_and_a_spacy_class() -> None:
    assert "kk" in supported_languages()
    nlp = spacy.blank("kk")
    assert nlp.lang == "kk"
    # A digit ordinal stays one token, as the round rules read it.
    assert [t.text for t in nlp("17-ші раунд")] == ["17-ші", "раунд"]


@pytest.mark.parametrize("text", [ROUND_20, ROUND_17, ROUND_19])
def test_kazakh_is_told_from_russian(text: str) -> None:
    assert detect_language(text) == "kk"


def test_inflected_month_names_and_year_first_dates() -> None:
    assert [(d.day, d.month) for d in find_day_months("21 желтоқсанда өтті", "kk")] == [(21, 12)]
    (mention,) = find_date_mentions("Кездесу 2021 жылғы 21-22 желтоқсанда өтті.", "kk")
    assert mention.value == date(2021, 12, 21)
    assert mention.pattern == "year-day-month"
    # Other languages have no year words: the pattern is Kazakh's alone.
    assert find_date_mentions("2021 жылғы 21 декабря", "ru") == []


@pytest.mark.parametrize(
    ("text", "published", "rule"),
    [
        (ROUND_20, date(2023, 6, 20), "date:dateline-no-year"),
        (ROUND_17, date(2021, 12, 22), "date:dateline"),
        (ROUND_19, date(2022, 11, 22), "date:dateline-no-year"),
        # "он сегізінші" is 18, not 8: the year at round 18 is the one
        (ROUND_18, date(2022, 6, 15), "date:dateline-no-year"),
    ],
)
def test_publication_date_of_a_kazakh_dateline(text: str, published: date, rule: str) -> None:
    found = find_publication_date(ArticleText(text=text, language="kk"), today=TODAY)
    assert found is not None
    assert (found.value, found.rule) == (published, rule)


def _extract(extractor: Extractor, text: str):
    article = ArticleText(text=text, language=detect_language(text))
    return extractor.extract(article, find_publication_date(article, today=TODAY))


@pytest.mark.parametrize(
    ("text", "number", "parties", "heads", "observers", "topics"),
    [
        (
            ROUND_20,
            20,
            {"Russia", "Turkey", "Iran", "Syrian government", "Syrian opposition"},
            {"Russia": "Александр Лаврентьев", "Syrian government": "Айман Сусан"},
            {"Jordan", "Lebanon", "Iraq"},
            {
                "ceasefire",
                "detainees-and-missing-persons",
                "humanitarian-aid",
                "constitutional-committee",
            },
        ),
        (
            ROUND_17,
            17,
            {"Russia", "Iran", "Turkey"},
            {"Iran": "Әли Асғар Хаджи"},
            set(),
            {"counterterrorism", "refugees-return"},
        ),
        (
            ROUND_19,
            19,
            {"Turkey", "United Nations"},
            {"Turkey": "Сельчук Үнал", "United Nations": "Гейр Педерсен"},
            set(),
            {"idlib", "sanctions"},
        ),
    ],
)
def test_facts_of_kazakh_wire_stories(
    extractor: Extractor, text, number, parties, heads, observers, topics
) -> None:
    result = _extract(extractor, text)
    assert result.round is not None and result.round.number == number
    assert {d.party for d in result.delegations} == parties
    named = {d.party: d.head for d in result.delegations if d.head}
    assert named == heads
    assert all(d.head_rule for d in result.delegations if d.head)
    assert {o.party for o in result.observers} == observers
    assert {t.slug for t in result.topics} == topics
    assert all(t.rule for t in result.topics)


def test_kazakh_absence_is_no_delegation(extractor: Extractor) -> None:
    text = ROUND_20.replace(
        "Кездесуге бақылаушы ретінде", "АҚШ кездесуге қатыспайды. Кездесуге бақылаушы ретінде"
    )
    result = _extract(extractor, text)
    assert "United States" not in {d.party for d in result.delegations}
    assert "United States" not in {o.party for o in result.observers}


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("Ресейдің ұстанымы", "Russia"),  # a case ending on the name
        ("Түркияға сапар", "Turkey"),
        ("ирандық делегация", "Iran"),  # the adjective
        ("Сирия үкіметінің өкілдері", "Syrian government"),
        ("Сирия оппозициясының өкілдері", "Syrian opposition"),
        ("БҰҰ-ның арнайы өкілі", "United Nations"),  # an ending after a hyphen
        ("АҚШ-тың өкілі", "United States"),
        ("Халықаралық Қызыл Крест комитетінің өкілі", "ICRC"),
    ],
)
def test_kazakh_spellings_of_parties(extractor: Extractor, text: str, party: str) -> None:
    doc = extractor.pipeline("kk")(text)
    assert [span.label_ for span in doc.spans["astana_parties"]] == [party]
