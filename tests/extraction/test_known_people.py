"""Heads the archive knows (known_people.py): a known head named in a clause about the
article's round gives a party without a structural head its head."""

# Names in other scripts are written in them on purpose (no confusable characters).
# ruff: noqa: RUF001
from __future__ import annotations

import pytest

from articles.extraction.data import load
from articles.extraction.known_people import (
    RULE_HEAD,
    RULE_PRESENCE,
    KnownHeads,
    load_known_people,
)
from articles.extraction.pipeline import Extractor
from articles.extraction.sentences import tokens_of
from articles.extraction.titles import NameFinder
from articles.extraction.types import ArticleText, PersonInfo

OPENS_13 = "The 13th round of the Astana talks on Syria opened in Nur-Sultan on Thursday. "
OPENS_16 = "The 16th round of the Astana talks on Syria opened in Nur-Sultan on Wednesday. "
OPENS_17 = "The 17th round of the Astana talks on Syria opened in Nur-Sultan on Tuesday. "
OPENS_20 = "The 20th round of the Astana talks on Syria opened in Astana on Tuesday. "


def _heads(extract, text: str) -> dict[str, str | None]:
    return {d.party: d.head for d in extract(text).delegations}


def test_known_head_named_alone_gives_party_and_head(extract) -> None:
    x = extract(OPENS_13 + "Lavrentiev told reporters that the talks had been useful.")
    [fact] = x.delegations
    assert (fact.party, fact.head) == ("Russia", "Alexander Lavrentiev")
    assert (fact.rule, fact.head_rule) == (RULE_PRESENCE, RULE_HEAD)


def test_fullest_spelling_in_the_article_is_the_head(extract) -> None:
    text = OPENS_13 + "Aleksandr Lavrentyev arrived on Wednesday. Lavrentyev met the Iranians."
    assert _heads(extract, text)["Russia"] == "Aleksandr Lavrentyev"


def test_structural_head_is_never_replaced(extract) -> None:
    text = OPENS_13 + "The Russian delegation was led by Ivan Petrov. Lavrentiev spoke later."
    assert _heads(extract, text)["Russia"] == "Ivan Petrov"


@pytest.mark.parametrize(
    ("text", "party"),
    [
        # named as something else: a minister, a former envoy, "X's deputy"
        (
            OPENS_13 + "Syria's Foreign Minister Bashar al-Jaafari said in Damascus it was useful.",
            "Syrian government",
        ),
        (
            OPENS_16 + "Former envoy Geir Pedersen told reporters the talks had been useful.",
            "United Nations",
        ),
        (
            OPENS_16 + "Geir Pedersen's deputy told reporters the talks had been useful.",
            "United Nations",
        ),
        # named as absent
        (OPENS_16 + "Geir Pedersen cannot attend because of the pandemic.", "United Nations"),
        (OPENS_13 + "Lavrentiev said he would not attend the talks this time.", "Russia"),
        (OPENS_16 + "Geir Pedersen, who is not participating, sent a deputy.", "United Nations"),
        # someone else stands in for the person
        (
            OPENS_16 + "The delegates met a representative of the UN envoy, Geir Pedersen.",
            "United Nations",
        ),
        # a mediator's envoy named without a word of attending or heading
        (OPENS_16 + "Geir Pedersen will brief the Security Council next week.", "United Nations"),
        # named in a clause about another round
        (OPENS_13 + "At the previous round in April, Lavrentiev had praised the talks.", "Russia"),
    ],
)
def test_known_person_not_taken(extract, text: str, party: str) -> None:
    assert _heads(extract, text).get(party) is None


def test_mediator_envoy_taken_with_a_word_of_attending(extract) -> None:
    text = OPENS_16 + "Geir Pedersen attended the plenary session on Thursday."
    assert _heads(extract, text)["United Nations"] == "Geir Pedersen"


def test_replaced_head_is_not_taken(extract) -> None:
    # The archive knows this head from early rounds only; without another claim, a mention
    # years later gives nothing.
    assert "Iran" not in _heads(extract, OPENS_17 + "Jaberi Ansari met the delegations.")


def test_head_whose_tenure_covers_the_round_wins(extract) -> None:
    text = OPENS_20 + "Bashar Jaafari and Ayman Sousan told reporters the talks were useful."
    assert _heads(extract, text)["Syrian government"] == "Ayman Sousan"


def test_head_just_out_of_tenure_needs_a_delegation_cue(extract) -> None:
    # The archive's rounds for this head end two rounds earlier.
    without = OPENS_17 + "Sedat Onal told reporters the talks were useful."
    with_cue = OPENS_17 + "Sedat Onal led the Turkish delegation, which arrived on Monday."
    assert "Turkey" not in _heads(extract, without)
    assert _heads(extract, with_cue)["Turkey"] == "Sedat Onal"


def test_database_people_are_merged_with_the_package_list() -> None:
    extra = [
        PersonInfo("Alexander Lavrentiev", "Russia", ("Alexandre Lavrentiev",), (23,)),
        PersonInfo("Ivan Petrov", "Russia", ("Иван Петров",), (23,)),
    ]
    people = {p.name: p for p in load_known_people(extra)}
    assert "Alexandre Lavrentiev" in people["Alexander Lavrentiev"].aliases
    assert 23 in people["Alexander Lavrentiev"].rounds
    assert people["Ivan Petrov"].aliases == ("Иван Петров",)
    assert len(people) == len(load("heads")["people"]) + 1


def test_database_person_is_found(extract) -> None:
    extractor = Extractor(people=[PersonInfo("Ivan Petrov", "Russia", (), (13,))])
    x = extractor.extract(ArticleText(OPENS_13 + "Ivan Petrov met the Iranians."), None)
    assert [(d.party, d.head) for d in x.delegations] == [("Russia", "Ivan Petrov")]


@pytest.fixture(scope="module")
def known() -> tuple[Extractor, KnownHeads]:
    extractor = Extractor()
    return extractor, extractor.known_heads


@pytest.mark.parametrize(
    ("lang", "text", "person"),
    [
        # Cyrillic: an alias, a case ending, a transliteration of a Latin spelling
        ("ru", "Переговоры вёл Александр Лаврентьев.", "Alexander Lavrentiev"),
        ("ru", "Встреча с Александром Лаврентьевым прошла в среду.", "Alexander Lavrentiev"),
        ("ru", "Делегацию Сирии возглавил Башар Джаафари.", "Bashar al-Jaafari"),
        ("ru", "Турецкую делегацию возглавил Седат Онал.", "Sedat Önal"),
        # Arabic and Persian: aliases, letter variants, an attached conjunction, the comma
        ("ar", "وصل الوفد برئاسة بشار الجعفري، إلى العاصمة.", "Bashar al-Jaafari"),
        ("ar", "التقى الوفد والجعفري في المساء.", "Bashar al-Jaafari"),
        ("ar", "وقال أيمن سوسان إن المحادثات مفيدة.", "Ayman Sousan"),
        ("fa", "هیئت سوری به ریاست ایمن سوسان وارد شد.", "Ayman Sousan"),
        ("fa", "علی‌اصغر خاجی با هیئت روسیه دیدار کرد.", "Ali Asghar Khaji"),
        # Arabic script in spellings no alias holds: consonant skeletons of Latin spellings
        ("ar", "وترأس الوفد التركي سيدات أونال.", "Sedat Önal"),
        ("ar", "وقال بيدرسن إن المحادثات مفيدة.", "Geir Pedersen"),
        ("fa", "هیئت روسیه به ریاست الکساندر لاورنتیف وارد شد.", "Alexander Lavrentiev"),
        # a Turkish "ç" written with a jim
        ("ar", "وترأس الوفد التركي سلجوق أونال.", "Selçuk Ünal"),
        # Latin with accents and another language's spelling
        ("fr", "La délégation russe était dirigée par Sergueï Verchinine.", "Sergey Vershinin"),
        ("tr", "Türk heyetine Sedat Önal başkanlık etti.", "Sedat Önal"),
        # Turkish writes the "j" of foreign names with a "c"
        ("tr", "Hükümet heyetinde Beşar Caferi de vardı.", "Bashar al-Jaafari"),
        # Turkish capitalises the titles before a name, which is in its own letters too
        ("tr", "İran heyetine Kıdemli Danışman Ali Asgar Haci başkanlık etti.", "Ali Asghar Khaji"),
        # an initial for the first name before a surname of two words
        ("en", "The Iranian team was headed by H. Jaberi Ansari.", "Hossein Jaberi Ansari"),
        # German: capitalised nouns open the run, a particle joined to the surname, the
        # German spellings of "j" ("dsch") and of the glide ("tj")
        ("de", "Es sprach der Delegationsleiter Alexander Lawrentjew.", "Alexander Lavrentiev"),
        (
            "de",
            "Die Gruppe unter dem UN-Botschafter Baschar al-Dschafari kam.",
            "Bashar al-Jaafari",
        ),
    ],
)
def test_known_person_found_in_any_script(known, lang: str, text: str, person: str) -> None:
    extractor, heads = known
    nlp = extractor.pipeline(lang)
    doc = nlp(text)
    finder = NameFinder(tokens_of(doc), extractor.parties.party_tokens)
    found = {heads.people[k].name for m in heads.mentions(doc, nlp, finder) for k in m.people}
    assert found == {person}


@pytest.mark.parametrize(
    ("lang", "text", "written"),
    [
        (
            "tr",
            "İran heyetine ise Dışişleri Bakan Yardımcısı Hüseyin Cabiri Ensari başkanlık etti.",
            "Hüseyin Cabiri Ensari",
        ),
        ("de", "Anwesend war Vizeaußenminister Hossein Jaberi Ansari.", "Hossein Jaberi Ansari"),
    ],
)
def test_a_known_name_as_written_carries_no_capitalised_title(
    known, lang: str, text: str, written: str
) -> None:
    # Turkish and German capitalise the titles before a name: the run of capitalised words
    # names the person, but the name as written starts after the language's title words.
    extractor, heads = known
    nlp = extractor.pipeline(lang)
    doc = nlp(text)
    finder = NameFinder(tokens_of(doc), extractor.parties.party_tokens)
    [mention] = heads.mentions(doc, nlp, finder)
    assert doc[mention.start : mention.end].text == written


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Only the Turkish side spoke."),  # a word sharing a surname's skeleton
        ("en", "Ahmed Alloush spoke."),  # another first name with a known surname
        ("ru", "Сергей Лавров выступил в среду."),
        ("ar", "قال سيرغي لافروف إن المحادثات مفيدة."),
        ("ar", "قال جعفر إن النصر قريب."),  # short skeletons of common words and names
    ],
)
def test_unknown_people_are_not_found(known, lang: str, text: str) -> None:
    extractor, heads = known
    nlp = extractor.pipeline(lang)
    doc = nlp(text)
    finder = NameFinder(tokens_of(doc), extractor.parties.party_tokens)
    assert heads.mentions(doc, nlp, finder) == []


def test_every_known_head_has_a_delegation_party_and_rounds() -> None:
    roles = {name: data["role"] for name, data in load("parties")["parties"].items()}
    for person in load("heads")["people"]:
        assert roles[person["party"]] in {"guarantor", "government", "opposition", "mediator"}
        assert person["rounds"] and all(1 <= r <= 30 for r in person["rounds"])


def test_a_head_known_for_another_party_is_dropped_and_the_partys_own_found() -> None:
    # Heads listed in an order that does not match the parties: the archive knows Ivan Petrov
    # heads Russia's delegation, so he is no head of Turkey's; Turkey's own known head, named
    # in the article, takes his place.
    extractor = Extractor(
        people=[
            PersonInfo("Ivan Petrov", "Russia", (), (23,)),
            PersonInfo("Mehmet Yilmazer", "Turkey", (), (23,)),
        ]
    )
    text = (
        "The 23rd round of the Astana talks on Syria opened in Astana on Tuesday. "
        "The Turkish delegation was headed by Ivan Petrov. "
        "Mehmet Yilmazer attended the plenary session for Turkey."
    )
    x = extractor.extract(ArticleText(text), None)
    heads = {d.party: (d.head, d.head_rule) for d in x.delegations}
    assert heads["Turkey"] == ("Mehmet Yilmazer", RULE_HEAD)
    # Named in a clause about the round, he still counts for the party the archive knows.
    assert heads.get("Russia", (None, None))[0] in (None, "Ivan Petrov")
