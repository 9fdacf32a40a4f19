"""Heads with long titles, collective presence, absence and the rule each fact records.

Short hand-written texts (made-up names) in the style of `test_parties.py`: every text is
placed at one round by that file's lead.
"""

from __future__ import annotations

import pytest

from articles.extraction.sentences import tokens_of
from articles.extraction.titles import NameFinder
from tests.extraction.test_parties import PUBLISHED, article, assert_heads, heads_of

LONG_TITLE_HEAD_CASES = [
    pytest.param(
        "The Russian team is led by Special Presidential Envoy for Syrian Settlement Pavel Korin.",
        {"Russia": "Pavel Korin"},
        id="complement-after-a-modifier",
    ),
    pytest.param(
        "Damascus is represented by Syria's Envoy to the United Nations in New York Sami "
        "Khatib, as usual.",
        {"Syrian government": "Sami Khatib"},
        id="complement-after-a-place-modifier",
    ),
    pytest.param(
        "The Syrian government is represented by Deputy Minister of Foreign Affairs and "
        "Expatriates Fadi Mansour.",
        {"Syrian government": "Fadi Mansour"},
        id="complement-after-and",
    ),
    pytest.param(
        "The talks were attended by Iran's Deputy Foreign Minister for Arab and African "
        "Affairs Reza Kamali Nouri.",
        {"Iran": "Reza Kamali Nouri"},
        id="complement-nouns-joined-by-and",
    ),
    pytest.param(
        "The Russian delegation is headed by envoy Pavel Korin, Iran - Deputy Foreign "
        "Minister Reza Kamali, Turkey - Deputy Undersecretary for the Middle East and Africa "
        "at the Foreign Ministry of Turkey Murat Demirel.",
        {"Russia": "Pavel Korin", "Iran": "Reza Kamali", "Turkey": "Murat Demirel"},
        id="rundown-items-with-long-titles",
    ),
    pytest.param(
        "Permanent Representative of Syria to the United Nations Sami Khatib will head the "
        "delegation of the Syrian government.",
        {"Syrian government": "Sami Khatib"},
        id="will-head-the-delegation-of-party",
    ),
    pytest.param(
        "The head of the Syrian armed opposition is Omar Haddad.",
        {"Syrian opposition": "Omar Haddad"},
        id="head-of-party-is-name",
    ),
    pytest.param(
        "Damascus is represented by its envoy Sami Khatib, while the Syrian opposition - by "
        "Omar Haddad.",
        {"Syrian government": "Sami Khatib", "Syrian opposition": "Omar Haddad"},
        id="gapping-after-a-dash",
    ),
    pytest.param(
        "\u201cWe expect progress,\u201d top Russian negotiator Pavel Korin said.",
        {"Russia": "Pavel Korin"},
        id="nation-negotiator-title",
    ),
]


@pytest.mark.parametrize(("text", "expected"), LONG_TITLE_HEAD_CASES)
def test_heads_with_long_titles(extract, text: str, expected: dict[str, str | None]) -> None:
    assert_heads(extract(article(text), PUBLISHED), expected)


def test_a_head_title_keeps_its_complement(extract) -> None:
    text = article(
        "The Russian team is led by Special Presidential Envoy for Syrian Settlement Pavel Korin."
    )
    fact = next(d for d in extract(text, PUBLISHED).delegations if d.party == "Russia")
    assert fact.head == "Pavel Korin"
    assert fact.head_title == "Special Presidential Envoy for Syrian Settlement"


def test_a_rundown_items_party_is_no_part_of_the_title(extract) -> None:
    text = article(
        "The Russian delegation is headed by envoy Pavel Korin, Iran - Deputy Foreign "
        "Minister Reza Kamali."
    )
    titles = {d.party: d.head_title for d in extract(text, PUBLISHED).delegations}
    assert titles["Iran"] == "Deputy Foreign Minister"
    assert "Kamali" not in titles["Russia"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Envoy for Syrian Settlement Pavel Korin spoke.", ["Pavel Korin"]),
        ("the Envoy to the UN in New York Sami Khatib", ["Sami Khatib"]),
        ("Minister of Foreign Affairs and Expatriates Fadi Mansour", ["Fadi Mansour"]),
        # a single proper noun after the preposition leaves a three-word name whole
        ("the envoy to Tehran Reza Kamali Nouri", ["Reza Kamali Nouri"]),
        (
            "UN Special Envoy for Syria Geir O. Berg met Anna de Vries",
            ["Geir O. Berg", "Anna de Vries"],
        ),
        # no title before the preposition: no complement
        ("talks in New York Reza Kamali Nouri", ["York Reza Kamali Nouri"]),
        ("the Russian envoy and Reza Kamali Nouri met", ["Reza Kamali Nouri"]),
    ],
)
def test_name_finder_ends_a_title_complement(extractor, text: str, names: list[str]) -> None:
    doc = extractor.nlp(text)
    tv = tokens_of(doc)
    finder = NameFinder(tv, extractor.parties.party_tokens)
    assert [run.text(tv) for run in finder.all_runs()] == names


NOT_HEAD_CASES = [
    pytest.param(
        "UN Special Representative in Syria Geir Berg cannot participate in the talks.",
        "United Nations",
        id="cannot-participate",
    ),
    pytest.param(
        "The UN Special Envoy for Syria Geir Berg, who is not participating in the meeting, "
        "spoke from Geneva.",
        "United Nations",
        id="who-is-not-participating",
    ),
    pytest.param(
        "The meeting was attended by a representative of the UN special envoy for Syria, "
        "Geir Berg.",
        "United Nations",
        id="representative-of-the-envoy",
    ),
]


@pytest.mark.parametrize(("text", "party"), NOT_HEAD_CASES)
def test_not_heads(extract, text: str, party: str) -> None:
    assert heads_of(extract(article(text), PUBLISHED)).get(party) is None


PRESENCE_CASES = [
    pytest.param(
        "Delegations of the guarantor countries are holding a trilateral meeting today.",
        {"Russia", "Iran", "Turkey"},
        set(),
        id="collective-guarantors-with-a-cue",
    ),
    pytest.param(
        "Delegations from the UN as well as the Syrian sides held their first session.",
        {"Syrian government", "Syrian opposition", "United Nations"},
        set(),
        id="collective-syrian-sides-in-a-list",
    ),
    pytest.param(
        "A delegation of the government of Syria and armed opposition arrived on Monday.",
        {"Syrian government", "Syrian opposition"},
        set(),
        id="list-with-a-weak-mention-inside",
    ),
    pytest.param(
        "Talks were held in the presence of delegates from the opposition group and the "
        "Assad regime.",
        {"Syrian government", "Syrian opposition"},
        set(),
        id="delegates-from-and-group-link",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), PRESENCE_CASES)
def test_presence(extract, text: str, present: set[str], absent: set[str]) -> None:
    # (a lead of its own: the default lead names the guarantors)
    lead = "NUR-SULTAN - The 14th round of Astana-format talks on Syria opened on Tuesday."
    parties = {d.party for d in extract(f"{lead}\n\n{text}", PUBLISHED).delegations}
    assert present <= parties, parties
    assert not absent & parties, parties


def test_guarantors_named_alone_without_a_cue_are_no_presence(extract) -> None:
    lead = "NUR-SULTAN - The 14th round of Astana-format talks on Syria opened on Tuesday."
    text = f"{lead}\n\nAnalysts say the guarantors have their own interests."
    assert not extract(text, PUBLISHED).delegations


def test_a_list_of_examples_is_no_presence(extract) -> None:
    lead = "NUR-SULTAN - The 14th round of Astana-format talks on Syria opened on Tuesday."
    text = f"{lead}\n\nThe process serves states in the conflict like Russia, Turkey and Iran."
    assert not extract(text, PUBLISHED).delegations


def test_an_observer_that_did_not_participate_in_the_talks_is_none(extract) -> None:
    text = article(
        "Delegations from Jordan and the UN took part in the talks as observers while the U.S. "
        "did not participate in the talks."
    )
    observers = {o.party for o in extract(text, PUBLISHED).observers}
    assert "Jordan" in observers
    assert "United States" not in observers


def test_abstaining_from_sending_a_delegation_is_absence(extract) -> None:
    text = article(
        "A ministry spokesman said the US abstained from sending a delegation as observer."
    )
    assert "United States" not in {o.party for o in extract(text, PUBLISHED).observers}


def test_every_fact_records_its_rules(extract) -> None:
    lead = "NUR-SULTAN - The 14th round of Astana-format talks on Syria opened on Tuesday."
    text = "\n\n".join(
        [
            lead,
            "Delegations from Russia, Iran and Turkey arrived on Monday.",
            "The Russian delegation is led by envoy Pavel Korin.",
            "Jordan and Iraq attend as observers.",
        ]
    )
    extraction = extract(text, PUBLISHED)
    facts = {d.party: d for d in extraction.delegations}
    russia = facts["Russia"]
    assert russia.rule == "presence:noun-before"
    assert russia.head_rule == "head:passive"
    assert russia.head_evidence is not None
    assert "led by" in russia.head_evidence.sentence
    assert russia.evidence.sentence.startswith("Delegations from")
    assert facts["Iran"].rule == "presence:noun-before" and facts["Iran"].head_rule == ""
    assert {o.party: o.rule for o in extraction.observers} == {
        "Jordan": "observer:as-observers",
        "Iraq": "observer:as-observers",
    }


def test_a_head_named_in_the_presence_sentence_has_no_separate_head_evidence(extract) -> None:
    lead = "NUR-SULTAN - The 14th round of Astana-format talks on Syria opened on Tuesday."
    text = f"{lead}\n\nIran's delegation is led by Reza Kamali."
    fact = next(d for d in extract(text, PUBLISHED).delegations if d.party == "Iran")
    assert fact.head_rule == "head:passive"
    assert fact.rule.startswith("presence:")
    assert "led by" in fact.evidence.sentence
    assert fact.head_evidence is None


LEAD_WITHOUT_PARTIES = (
    "NUR-SULTAN - The 14th round of Astana-format talks on Syria opened on Tuesday."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The Russian delegation arrived on Monday. It is led by special envoy Pavel Korin.",
            {"Russia": "Pavel Korin"},
            id="it-is-led-by",
        ),
        pytest.param(
            "The Iranian team came on Sunday. The delegation is headed by Reza Kamali, a "
            "deputy minister.",
            {"Iran": "Reza Kamali"},
            id="the-delegation-is-headed-by",
        ),
        pytest.param(
            "The Russian and Iranian delegations arrived on Monday. It is led by Pavel Korin.",
            {"Russia": None, "Iran": None},
            id="two-delegations-before-no-head",
        ),
    ],
)
def test_heads_across_sentences(extract, text: str, expected: dict[str, str | None]) -> None:
    assert_heads(extract(f"{LEAD_WITHOUT_PARTIES}\n\n{text}", PUBLISHED), expected)


def test_an_envoy_who_briefs_by_video_is_no_head(extract) -> None:
    text = f"{LEAD_WITHOUT_PARTIES}\n\nUN envoy Geir Berg briefed the delegations by video link."
    assert heads_of(extract(text, PUBLISHED)).get("United Nations") is None


def test_names_after_their_partys_possessive_lead_their_own_delegations(extract) -> None:
    text = (
        f"{LEAD_WITHOUT_PARTIES}\n\nRussia's Pavel Korin and Iran's Reza Kamali led their "
        "respective delegations to the talks."
    )
    extraction = extract(text, PUBLISHED)
    assert_heads(extraction, {"Russia": "Pavel Korin", "Iran": "Reza Kamali"})
    assert {d.party: d.head_title for d in extraction.delegations} == {"Russia": "", "Iran": ""}
