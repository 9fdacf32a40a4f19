"""Topics of the article's round: tables of short hand-written articles."""

from __future__ import annotations

from datetime import date

import pytest

from articles.extraction.pipeline import Extractor, default_calendar
from articles.extraction.topics import TOPIC_SLUGS
from articles.extraction.types import ArticleText, RoundInfo

LEAD = "The 19th round of Astana talks on Syria opened in the Kazakh capital on Tuesday."
PUBLISHED = "2022-11-22"


def topics(extract, *paragraphs: str) -> set[str]:
    return {t.slug for t in extract("\n\n".join([LEAD, *paragraphs]), PUBLISHED).topics}


AGENDA_CASES = [
    pytest.param(
        "The sides discussed the work of the Constitutional Committee.",
        {"constitutional-committee"},
        id="constitutional-committee",
    ),
    pytest.param(
        "They also talked about drafting a new constitution for Syria.",
        {"constitutional-committee"},
        id="new-constitution",
    ),
    pytest.param("The situation in Idlib topped the agenda.", {"idlib"}, id="idlib"),
    pytest.param(
        "They discussed the fate of people who went missing in the war.",
        {"detainees-and-missing-persons"},
        id="went-missing",
    ),
    pytest.param(
        "Delegates addressed unilateral economic measures against Syria.",
        {"sanctions"},
        id="unilateral-measures",
    ),
    pytest.param(
        "They focused on getting food and medicine into besieged areas.",
        {"humanitarian-aid"},
        id="food-and-medicine",
    ),
    pytest.param(
        "The guarantors reviewed the boundaries of the de-escalation zones.",
        {"de-escalation-zones"},
        id="de-escalation-zones",
    ),
    pytest.param(
        "They agreed on how the safe zones should be policed.",
        {"de-escalation-zones"},
        id="safe-zones",
    ),
    pytest.param(
        "They reviewed the Idlib de-escalation area in detail.",
        {"idlib"},
        id="idlib-de-escalation-area-is-idlib",
    ),
    pytest.param(
        "The parties called for a cessation of hostilities across the country.",
        {"ceasefire"},
        id="cessation-of-hostilities",
    ),
    pytest.param(
        "A working group on the release of detainees and abductees and the handover of "
        "bodies met on the sidelines.",
        {"detainees-and-missing-persons"},
        id="detainees-working-group",
    ),
    pytest.param(
        "They discussed the search for missing persons and the freeing of hostages.",
        {"detainees-and-missing-persons"},
        id="missing-persons-hostages",
    ),
    pytest.param(
        "The statement stressed the safe return of refugees and internally displaced people.",
        {"refugees-return"},
        id="refugees-return",
    ),
    pytest.param(
        "They urged more humanitarian assistance and unhindered humanitarian access.",
        {"humanitarian-aid"},
        id="humanitarian-aid",
    ),
    pytest.param(
        "The guarantors called for help with rebuilding schools and hospitals.",
        {"reconstruction"},
        id="rebuilding",
    ),
    pytest.param(
        "They vowed to fight ISIS, the Nusra Front and the PKK/YPG.",
        {"counterterrorism"},
        id="terrorist-groups",
    ),
    pytest.param(
        "The parties adopted a joint statement on humanitarian demining.",
        {"demining"},
        id="humanitarian-demining-is-demining-only",
    ),
    pytest.param(
        "They recommitted to a political settlement in line with resolution 2254.",
        {"political-settlement"},
        id="resolution-2254",
    ),
    pytest.param(
        "A roadmap for the normalisation of relations between Ankara and Damascus was discussed.",
        {"turkey-syria-normalization"},
        id="normalisation-ankara-damascus",
    ),
    pytest.param(
        "They voiced concern about the situation east of the Euphrates.",
        {"northeast-syria"},
        id="east-of-the-euphrates",
    ),
    pytest.param(
        "The statement condemned unilateral sanctions against Syria.",
        {"sanctions"},
        id="sanctions",
    ),
    pytest.param(
        "The agenda covered the sanitary-epidemiological situation in Syria.",
        {"covid-19"},
        id="sanitary-epidemiological",
    ),
]


@pytest.mark.parametrize(("text", "expected"), AGENDA_CASES)
def test_agenda_topics(extract, text: str, expected: set[str]) -> None:
    assert topics(extract, text) == expected


NOT_TOPIC_CASES = [
    pytest.param(
        "Because of coronavirus restrictions no plenary session was held.",
        {"covid-19"},
        id="circumstance-not-agenda",
    ),
    pytest.param(
        "At the 18th round, the guarantors discussed the Constitutional Committee.",
        {"constitutional-committee"},
        id="another-rounds-business",
    ),
    pytest.param(
        "At the previous round, in June, refugees were the main item.",
        {"refugees-return"},
        id="previous-round-business",
    ),
    pytest.param(
        "Background: six months ago the working group welcomed a release of prisoners.",
        {"detainees-and-missing-persons"},
        id="background-paragraph",
    ),
    pytest.param(
        "Since March 2011, the war has killed hundreds of thousands and displaced millions.",
        {"refugees-return"},
        id="history-since-2011",
    ),
    pytest.param(
        "The spokesman said the original aims, among them the de-escalation zones, had been met.",
        {"de-escalation-zones"},
        id="past-perfect-achievements",
    ),
    pytest.param(
        "The UN refugee agency and the Red Cross sent representatives.",
        {"refugees-return"},
        id="refugee-agency-is-a-party",
    ),
    pytest.param(
        "Syria's ceasefire guarantors opened the talks with a closed session.",
        {"ceasefire"},
        id="ceasefire-guarantors-is-an-epithet",
    ),
    pytest.param(
        "The talks were aimed at finding a political solution to the conflict.",
        {"political-settlement"},
        id="purpose-of-the-process",
    ),
    pytest.param(
        "The UN envoy urged all sides to keep the various ceasefires in place.",
        {"ceasefire"},
        id="local-ceasefires",
    ),
]


@pytest.mark.parametrize(("text", "not_expected"), NOT_TOPIC_CASES)
def test_not_topics(extract, text: str, not_expected: set[str]) -> None:
    assert not (topics(extract, text) & not_expected)


def test_topic_of_this_round_in_a_sentence_that_also_names_another_date(extract) -> None:
    # "the round" names the article's round; the clause after ", and that" is kept
    text = (
        "The ministry said the working group would meet on the margins of the next meeting, "
        "and that the round had also reviewed the situation in Idlib."
    )
    assert "idlib" in topics(extract, text)


def test_every_slug_has_patterns() -> None:
    assert len(TOPIC_SLUGS) == 15


def test_no_round_no_topics(extract) -> None:
    text = "Presidents hold summit in Tehran\n\nThe presidents discussed Idlib and terrorism."
    assert extract(text, "2022-07-20").topics == []


def test_past_perfect_inside_a_relative_clause_keeps_the_topic(extract) -> None:
    text = (
        "The 14th round of talks on Syria ended in Nur-Sultan on Wednesday.\n\n"
        "The guarantors condemned unilateral sanctions, which they said had deepened the "
        "crisis."
    )
    slugs = {t.slug for t in extract(text, "2019-12-11").topics}
    assert "sanctions" in slugs


def test_constitutional_panel_is_the_committee(extract) -> None:
    text = "The 14th round of talks on Syria discussed the constitutional panel on Wednesday."
    slugs = {t.slug for t in extract(text, "2019-12-11").topics}
    assert "constitutional-committee" in slugs


RECALL_TOPIC_CASES = [
    pytest.param(
        "They urged the Constitutional Committee, which has not met since June 2021, to "
        "resume its work.",
        {"constitutional-committee"},
        id="date-in-a-which-clause-does-not-date-the-topic",
    ),
    pytest.param(
        "The delegations reported progress on refugees and rather less on the constitutional "
        "question.",
        {"constitutional-committee", "refugees-return"},
        id="constitutional-question",
    ),
    pytest.param(
        "The statement backed early-recovery projects such as water and schooling.",
        {"humanitarian-aid"},
        id="early-recovery",
    ),
    pytest.param(
        "The guarantors' working group on detainees held its third meeting on the sidelines.",
        {"detainees-and-missing-persons"},
        id="a-working-groups-own-meeting-is-no-other-round",
    ),
]


@pytest.mark.parametrize(("text", "expected"), RECALL_TOPIC_CASES)
def test_recall_topics(extract, text: str, expected: set[str]) -> None:
    assert expected <= topics(extract, text)


CIRCUMSTANCE_AFTER_CASES = [
    pytest.param("Coronavirus rules kept the delegations to bilateral talks.", id="rules"),
    pytest.param("Covid restrictions meant the plenary was cancelled.", id="restrictions"),
    pytest.param("Pandemic precautions kept journalists out of the hotel.", id="precautions"),
]


@pytest.mark.parametrize("text", CIRCUMSTANCE_AFTER_CASES)
def test_pandemic_rules_are_a_circumstance(extract, text: str) -> None:
    assert "covid-19" not in topics(extract, text)


def test_pandemic_on_the_agenda_still_counts(extract) -> None:
    assert "covid-19" in topics(extract, "The guarantors discussed the pandemic in Syria.")


def test_every_fact_names_its_rule(extract) -> None:
    text = (
        "The 19th round of Astana talks on Syria opened on Tuesday.\n\n"
        "The guarantors discussed the situation in Idlib.\n\n"
        "Refugees were seen queuing at a crossing."
    )
    rules = {t.slug: t.rule for t in extract(text, PUBLISHED).topics}
    assert rules == {"idlib": "topic:agenda-clause", "refugees-return": "topic:phrase"}


def test_headline_topic_rule(extract) -> None:
    text = "Idlib tops Astana agenda\n\nThe 19th round of talks on Syria opened on Tuesday."
    facts = extract(text, PUBLISHED, title="Idlib tops Astana agenda").topics
    assert [(t.slug, t.rule) for t in facts] == [("idlib", "topic:headline")]


PREVIEW = "The 19th round of Astana talks on Syria will open in the Kazakh capital next week."


def preview_topics(*paragraphs: str) -> str:
    return "\n\n".join([PREVIEW, *paragraphs])


def test_a_preview_keeps_what_will_be_discussed(extract) -> None:
    text = preview_topics("The delegations are expected to discuss the constitutional committee.")
    assert "constitutional-committee" in {t.slug for t in extract(text, "2022-11-15").topics}


def test_outcomes_a_preview_reports_in_the_past_are_earlier_meetings(extract) -> None:
    text = preview_topics(
        "The final statement of the talks stressed the need for more humanitarian aid.",
        "The guarantors also condemned unilateral sanctions.",
    )
    slugs = {t.slug for t in extract(text, "2022-11-15").topics}
    assert not slugs & {"humanitarian-aid", "sanctions"}


def test_the_same_report_after_the_round_counts(extract) -> None:
    text = "\n\n".join(
        [LEAD, "The final statement of the talks stressed the need for more humanitarian aid."]
    )
    assert "humanitarian-aid" in {t.slug for t in extract(text, PUBLISHED).topics}


MORE_AGENDA_CASES = [
    pytest.param(
        "The talks opened amid expectations that Idlib would dominate the agenda.",
        {"idlib"},
        id="amid-expectations-that-is-no-circumstance",
    ),
    pytest.param(
        "Few had hoped for much from a round that put prisoner exchanges first.",
        {"detainees-and-missing-persons"},
        id="relative-clause-after-a-past-perfect",
    ),
    pytest.param("The situation in Idleb was reviewed.", {"idlib"}, id="idleb-spelling"),
    pytest.param(
        "The working group discussed the search for the missing and an exchange of prisoners.",
        {"detainees-and-missing-persons"},
        id="search-for-the-missing",
    ),
    pytest.param(
        "Envoys had flown in this week to discuss a roadmap for rebuilding Turkish-Syrian "
        "relations.",
        {"turkey-syria-normalization"},
        id="past-perfect-this-week-and-rebuilding-relations",
    ),
]


@pytest.mark.parametrize(("text", "expected"), MORE_AGENDA_CASES)
def test_more_agenda_wordings(extract, text: str, expected: set[str]) -> None:
    assert expected <= topics(extract, text)


def test_said_in_a_capital_about_the_meeting_still_counts(extract) -> None:
    text = "The president said in Ankara on Friday that the meeting would discuss the ceasefire."
    assert "ceasefire" in topics(extract, text)
    assert "ceasefire" in topics(extract, "The delegates in Astana also spoke of the ceasefire.")


def test_said_in_the_city_that_hosts_the_round_counts() -> None:
    """A round held in a party's capital: a clause placed in that city is at the meeting,
    while one placed in another party's capital is still elsewhere."""
    calendar = (
        *default_calendar(),
        RoundInfo(number=40, start=date(2031, 5, 12), end=date(2031, 5, 13), city="Tehran"),
    )
    text = (
        "The 40th round of Astana-format talks on Syria opened in Tehran on Monday.\n\n"
        "The Russian envoy said in Tehran on Monday that his country backs the ceasefire.\n\n"
        "The Turkish minister said in Ankara on Monday that his country backs reconstruction."
    )
    found = Extractor(calendar=calendar).extract(ArticleText(text=text), date(2031, 5, 12))
    assert found.round is not None and found.round.number == 40
    slugs = {t.slug for t in found.topics}
    assert "ceasefire" in slugs
    assert "reconstruction" not in slugs


def test_rebuilding_relations_is_not_reconstruction(extract) -> None:
    text = "They discussed rebuilding Turkish-Syrian relations."
    assert "reconstruction" not in topics(extract, text)


MORE_NOT_TOPIC_CASES = [
    pytest.param(
        "A member of the Constitutional Committee told reporters the talks were pointless.",
        {"constitutional-committee"},
        id="member-of-a-body",
    ),
    pytest.param(
        "The guarantor states of the ceasefire issued a joint statement on Tuesday.",
        {"ceasefire"},
        id="guarantor-states-of-the-ceasefire",
    ),
    pytest.param(
        "Speaking as guarantors of the implementation of the ceasefire, the three met briefly.",
        {"ceasefire"},
        id="guarantors-of-the-implementation-of-the-ceasefire",
    ),
    pytest.param(
        'The envoy told the meeting that the blockade amounted to "economic terrorism".',
        {"counterterrorism"},
        id="economic-terrorism-is-a-figure-of-speech",
    ),
    pytest.param(
        "The president said in Ankara on Friday that his country backs the ceasefire.",
        {"ceasefire"},
        id="said-in-a-partys-capital",
    ),
    pytest.param(
        "The guarantors also called for an immediate ceasefire in Lebanon.",
        {"ceasefire"},
        id="ceasefire-in-a-war-outside-syria",
    ),
    pytest.param(
        "They urged a credible, Syrian-led, UN-facilitated constitutional committee.",
        {"political-settlement"},
        id="syrian-led-describes-the-committee",
    ),
    # Cues of status, effect, history or a party's goal (background_cues): one in a clause
    # that has no agenda cue, or two anywhere, say the topic is background.
    pytest.param(
        "Observers say the truce has already proved durable in most provinces, and the "
        "ceasefire has been widening since spring.",
        {"ceasefire"},
        id="status-of-a-ceasefire",
    ),
    pytest.param(
        "Officials noted in a press release that the early goals of setting up "
        "de-escalation zones have been achieved.",
        {"de-escalation-zones"},
        id="goals-achieved",
    ),
    pytest.param(
        "Army units have been battling terrorist groups in the desert for years.",
        {"counterterrorism"},
        id="history-of-the-war",
    ),
    pytest.param(
        "One opposition figure said the only goal worth having was a ceasefire in the north.",
        {"ceasefire"},
        id="what-a-party-wants",
    ),
    pytest.param(
        "The armed groups walked out of the talks, citing an alleged ceasefire violation.",
        {"ceasefire"},
        id="alleged-violation-as-a-reason",
    ),
]


@pytest.mark.parametrize(("text", "not_expected"), MORE_NOT_TOPIC_CASES)
def test_more_words_in_passing(extract, text: str, not_expected: set[str]) -> None:
    assert not (topics(extract, text) & not_expected)


def test_background_section_ends_at_the_next_heading(extract) -> None:
    # Lines without blank lines between them: the background section is the lines from its
    # heading to the next heading, not the whole page.
    text = "\n".join(
        [
            "The 19th round of Astana talks on Syria took place in Astana on November 22-23.",
            "Background: How the format began",
            "Since 2017 the format has dealt with ceasefire violations across the country.",
            "Day 2 highlights",
            "The delegations discussed humanitarian aid for the north-west.",
        ]
    )
    slugs = {t.slug for t in extract(text, "2022-11-23").topics}
    assert "humanitarian-aid" in slugs
    assert "ceasefire" not in slugs


def test_sentence_pointing_back_to_another_round_gives_no_topic(extract) -> None:
    # "At that meeting" (anaphoric_openers in clauses.json) follows a sentence about the
    # previous round: the prisoner exchange was that round's business, not this one's.
    back = (
        "Delegates met again this week. The previous round took place in a spring storm. "
        "At that meeting the sides agreed on a prisoner exchange."
    )
    assert "detainees-and-missing-persons" not in topics(extract, back)
    plain = "Delegates met again this week. The sides agreed on a prisoner exchange at the talks."
    assert "detainees-and-missing-persons" in topics(extract, plain)


def test_one_background_cue_in_an_agenda_clause_keeps_the_topic(extract) -> None:
    text = "The delegations discussed ceasefire violations in the south."
    assert "ceasefire" in topics(extract, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The guarantors pledged to keep the calm in Idlib, where ceasefire violations "
            "have been growing, and rejected plans for self-rule east of the Euphrates.",
            {"idlib", "northeast-syria"},
            id="a-relative-part-tells-the-places-state",
        ),
        pytest.param(
            "On Idlib, where troops have been massing for weeks, the envoy said that no "
            "offensive was planned for now.",
            {"idlib"},
            id="a-relative-part-before-the-main-clause",
        ),
        pytest.param(
            "He said the new plan would be judged by whether it helped the Geneva process.",
            {"political-settlement"},
            id="a-hypothetical-effect-is-no-status",
        ),
    ],
)
def test_background_cues_count_in_the_topics_own_part(extract, text, expected) -> None:
    # A cue of status in a relative part ("where ... has been growing") or after "whether"
    # tells nothing about the topic the main clause reports as the round's business.
    assert expected <= topics(extract, text)


def test_a_status_and_a_goal_around_it_add_up(extract) -> None:
    # One cue in the topic's part ("is holding") and one in another ("want") are two
    # pieces of evidence that the clause tells a state of affairs, not an agenda item.
    text = (
        "The ceasefire, said a diplomat who followed the talks, is holding where the "
        "guarantors want it to hold."
    )
    assert "ceasefire" not in topics(extract, text)
