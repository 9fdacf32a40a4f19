"""A person's rank as evidence against a head (ranks.py): a minister or president the page
quotes heads no delegation unless the page says he led it; deputies and envoys still do.

Every sentence is our own; the names are made up (none is a known head)."""

# Names and titles in other scripts are written in them on purpose.
# ruff: noqa: RUF001
from __future__ import annotations

from datetime import date

import pytest

from articles.extraction.ranks import RULE_SENIOR_RANK
from articles.extraction.types import ArticleText

OPENS = "The 13th round of the Astana talks on Syria opened in Nur-Sultan on Thursday. "


def _facts(extract, text: str) -> dict:
    return {d.party: d for d in extract(OPENS + text).delegations}


@pytest.mark.parametrize(
    ("text", "party"),
    [
        # a minister next to a party word, quoted: no head, the refusal recorded
        (
            "Turkish Foreign Minister Kemal Arslan, who leads Turkey's diplomacy, praised the "
            "Turkish delegation.",
            "Turkey",
        ),
        (
            "Kemal Arslan, Turkey's foreign minister, told reporters the Turkish delegation "
            "had worked hard. Arslan (Turkey) called the talks a success.",
            "Turkey",
        ),
    ],
)
def test_quoted_minister_is_no_head(extract, text: str, party: str) -> None:
    fact = _facts(extract, text)[party]
    assert fact.head is None
    assert fact.head_rule == RULE_SENIOR_RANK
    assert fact.head_evidence is not None and "oreign" in fact.head_evidence.sentence


def test_minister_known_only_from_his_head_sentence_makes_no_party_present(extract) -> None:
    facts = _facts(extract, "Russia's top diplomat Pavel Orlov (Russia) said the talks matter.")
    assert "Russia" not in facts


@pytest.mark.parametrize(
    ("text", "party", "head"),
    [
        # the page says the minister led the delegation
        (
            "The Russian delegation was led by Foreign Minister Pavel Orlov.",
            "Russia",
            "Pavel Orlov",
        ),
        ("Pavel Orlov, Russia's foreign minister, led the Russian team.", "Russia", "Pavel Orlov"),
        # deputies and assistants are no senior rank
        (
            "Iran's Deputy Foreign Minister Reza Kamali (Iran) spoke to the Iranian delegation.",
            "Iran",
            "Reza Kamali",
        ),
        (
            "Reza Kamali, senior assistant to the foreign minister, led the Iranian delegation. "
            "Kamali said the talks were useful.",
            "Iran",
            "Reza Kamali",
        ),
    ],
)
def test_head_stands_when_stated_or_junior(extract, text: str, party: str, head: str) -> None:
    fact = _facts(extract, text)[party]
    assert fact.head == head
    assert fact.head_rule.startswith("head:")


def test_database_minister_named_in_passing_heads_nothing(extractor_with_minister) -> None:
    text = (
        OPENS + "Foreign Minister Pavel Orlov said in Moscow that the Russian delegation would "
        "push for a ceasefire. Orlov praised the guarantors."
    )
    x = extractor_with_minister.extract(ArticleText(text), date(2019, 8, 2))
    facts = {d.party: d for d in x.delegations}
    assert facts["Russia"].head is None
    assert facts["Russia"].head_rule == RULE_SENIOR_RANK


@pytest.fixture(scope="module")
def extractor_with_minister():
    from articles.extraction.pipeline import Extractor
    from articles.extraction.types import PersonInfo

    # An editor recorded the minister as a participant of this round: the page still only
    # quotes him, so he heads nothing.
    return Extractor(people=[PersonInfo("Pavel Orlov", "Russia", (), (13,))])


@pytest.fixture(scope="module")
def extractor_with_people():
    from articles.extraction.pipeline import Extractor
    from articles.extraction.types import PersonInfo

    # People an editor recorded as heads of round 13, spelt in every script.
    return Extractor(
        people=[
            PersonInfo(
                "Pavel Orlov", "Russia", ("Павел Орлов", "بافل أورلوف", "پاول اورلوف"), (13,)
            ),
            PersonInfo("Kemal Arslan", "Turkey", (), (13,)),
            PersonInfo("Paul Berger", "Russia", (), (13,)),
        ]
    )


def _language_heads(extractor, lang: str, text: str) -> dict:
    """Delegations of a text whose round (13) is given, through the pipeline's steps."""
    from articles.extraction.known_people import RULE_HEAD
    from articles.extraction.language_presence import add_language_presence
    from articles.extraction.ranks import refuse_senior_heads
    from articles.extraction.rounds import attribute_sentences, find_round_mentions
    from articles.extraction.sentences import analyse_layout, tokens_of, use_source_text
    from articles.extraction.titles import NameFinder
    from articles.extraction.types import RoundLink

    nlp = extractor.pipeline(lang)
    doc = nlp(text)
    use_source_text(doc, text)
    layout = analyse_layout(doc, None)
    link = RoundLink(13, "ordinal", None, None, 1.0)
    mentions = find_round_mentions(doc, layout)
    roles = attribute_sentences(doc, layout, mentions, link, None, extractor.calendar)
    finder = NameFinder(tokens_of(doc), extractor.parties.party_tokens)
    delegations, observers = extractor.parties.extract(doc, layout, roles, finder)
    delegations, _ = add_language_presence(
        doc, lang, layout, roles, extractor.table, delegations, observers
    )
    delegations = extractor.known_heads.add_heads(doc, nlp, layout, roles, finder, 13, delegations)
    # Without the rank rule the person is the party's known head (the rule has a case).
    assert any(d.head_rule == RULE_HEAD for d in delegations), delegations
    return {d.party: d for d in refuse_senior_heads(doc, layout, lang, delegations)}


@pytest.mark.parametrize(
    ("lang", "minister", "deputy", "party"),
    [
        (
            "ru",
            "Министр иностранных дел России Павел Орлов заявил, что переговоры полезны.",
            "Заместитель министра иностранных дел России Павел Орлов заявил, что переговоры "
            "полезны.",
            "Russia",
        ),
        (
            "tr",
            "Dışişleri Bakanı Kemal Arslan, görüşmelerin yararlı olduğunu söyledi.",
            "Dışişleri Bakan Yardımcısı Kemal Arslan, görüşmelerin yararlı olduğunu söyledi.",
            "Turkey",
        ),
        (
            "ar",
            "وقال وزير الخارجية الروسي بافل أورلوف إن المحادثات مفيدة.",
            "وقال نائب وزير الخارجية الروسي بافل أورلوف إن المحادثات مفيدة.",
            "Russia",
        ),
        (
            "fa",
            "وزیر امور خارجه روسیه پاول اورلوف گفت این مذاکرات مفید است.",
            "معاون وزیر امور خارجه روسیه پاول اورلوف گفت این مذاکرات مفید است.",
            "Russia",
        ),
        (
            "de",
            "Der russische Außenminister Paul Berger sagte, die Gespräche seien nützlich.",
            "Der russische Vize-Außenminister Paul Berger sagte, die Gespräche seien nützlich.",
            "Russia",
        ),
    ],
)
def test_minister_quoted_in_other_languages_heads_nothing_deputy_does(
    extractor_with_people, lang: str, minister: str, deputy: str, party: str
) -> None:
    refused = _language_heads(extractor_with_people, lang, minister)
    kept = _language_heads(extractor_with_people, lang, deputy)
    assert party not in refused or refused[party].head is None
    assert kept[party].head is not None and kept[party].head_rule.startswith("head:")


def test_rank_with_an_owner_ending_is_the_owners(extractor_with_people) -> None:
    # A Turkish rank with a genitive ending owns the next title: the minister's envoy.
    text = (
        "Rusya Dışişleri Bakanı'nın Özel Temsilcisi Pavel Orlov, görüşmelerin yararlı "
        "olduğunu söyledi."
    )
    kept = _language_heads(extractor_with_people, "tr", text)
    assert kept["Russia"].head is not None and kept["Russia"].head_rule.startswith("head:")


def test_envoy_of_a_president_is_no_senior_rank(extract) -> None:
    # The rank is the title's owner's ("the president's envoy"), not the head's.
    text = "Russia was led by Pavel Orlov, the Russian president's special envoy for Syria."
    fact = _facts(extract, text)["Russia"]
    assert fact.head == "Pavel Orlov" and fact.head_rule.startswith("head:")


def test_appositive_rank_of_someone_else_is_no_senior_rank(extract) -> None:
    text = "Russia sent Pavel Orlov, President Ivanov's Syria envoy, on Tuesday."
    fact = _facts(extract, text)["Russia"]
    assert fact.head == "Pavel Orlov"
