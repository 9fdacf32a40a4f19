"""A date or another round's mention disqualifies only the phrase it governs; a year
written as 1 January is no day (undated statements that follow their last meeting:
test_round_date_kinds.py). Short texts written for these tests (names are made up)."""

from __future__ import annotations

import pytest

from articles.extraction.dates import find_publication_date, publication_month
from articles.extraction.types import ArticleText
from tests.extraction.test_parties import PUBLISHED, article, assert_heads
from tests.extraction.test_round_evidence_kinds import TODAY

# --- a date in a phrase that describes a noun ------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "Pavel Korin, who heads the Russian delegation, said the aim was to consolidate a "
            "truce brokered by the guarantors on March 3 and to open humanitarian corridors.",
            {"Russia": "Pavel Korin"},
            id="participle-phrase",
        ),
        pytest.param(
            "The guarantors set up a working group on detainees - a demand that opposition "
            "negotiators, led this time by Samir Haddad, had pressed since February.",
            {"Syrian opposition": "Samir Haddad"},
            id="relative-clause-with-an-aside",
        ),
        pytest.param(
            "Pavel Korin, who heads the Russian delegation, asserted that the Geneva talks "
            "would resume on March 3.",
            {"Russia": "Pavel Korin"},
            id="what-is-reported",
        ),
    ],
)
def test_a_date_in_a_dependent_phrase_leaves_the_head_of_the_clause(
    extract, sentence: str, expected: dict[str, str]
) -> None:
    assert_heads(extract(article(sentence), PUBLISHED), expected)


def test_a_date_of_the_clauses_own_past_tense_verb_dates_the_whole_clause(extract) -> None:
    # "headed" after its subject is the clause's verb, though it looks like a participle
    text = article("Pavel Korin headed the Russian delegation in Geneva on May 4.")
    heads = {d.party: d.head for d in extract(text, PUBLISHED).delegations}
    assert not heads.get("Russia")


def test_the_noun_a_dated_phrase_describes_is_not_the_rounds_topic(extract) -> None:
    text = article(
        "Envoys discussed humanitarian corridors and the ceasefire that came into force in "
        "December 2016 in most of the country."
    )
    slugs = {t.slug for t in extract(text, PUBLISHED).topics}
    assert "ceasefire" not in slugs
    assert "humanitarian-aid" in slugs


def test_a_dated_phrase_after_a_meeting_noun_dates_the_whole_clause(extract) -> None:
    # "talks held in May": the clause's own event is that meeting, not the page's round
    text = article(
        "Korin headed the Russian delegation at talks held in May 2017 in the Kazakh capital."
    )
    heads = {d.party: d.head for d in extract(text, PUBLISHED).delegations}
    assert not heads.get("Russia")


def test_another_round_in_a_participle_phrase_leaves_the_rest_of_the_clause(extract) -> None:
    text = article(
        "Envoys reviewed the de-escalation zones and the prisoner swap agreed at the 12th round."
    )
    slugs = {t.slug for t in extract(text, PUBLISHED).topics}
    # the swap is the 12th round's; the zones are reviewed at this one
    assert "de-escalation-zones" in slugs
    assert "detainees-and-missing-persons" not in slugs


def test_a_preview_clause_dated_by_its_publication_is_not_the_round(extract) -> None:
    # published on 5 December 2019, before round 14 (10-11 December): what the envoy did
    # by then, and where he is, is not the round
    text = (
        "Guarantors set the 14th round for 10-11 December\n\nThe 14th round of Astana talks on "
        "Syria will be held in Nur-Sultan on 10-11 December, the Kazakh foreign ministry said."
        "\n\nUN envoy Staffan Lind is in Moscow, where he met Russian officials on 4 December."
    )
    parties = {d.party for d in extract(text, "2019-12-05").delegations}
    assert "United Nations" not in parties


# --- a year written as 1 January --------------------------------------------------------------


def test_a_header_on_the_first_of_january_is_a_year_not_a_day() -> None:
    text = (
        " date 2018-01-01 Guarantors review the zones\n\nThe envoys of Russia, Iran and Turkey "
        "reviewed the zones on Thursday in the Kazakh capital, diplomats said."
    )
    article_text = ArticleText(text=text, title="Guarantors review the zones")
    assert find_publication_date(article_text, today=TODAY) is None
    assert publication_month(text) is None


def test_a_header_on_the_first_of_january_gives_way_to_a_run_in_dateline() -> None:
    text = (
        " date 2018-01-01 NEWS BRIEF Guarantors Set Date Of Next Meeting May 3, 2018 (AGENCY)"
        "\u2014The Kazakh foreign ministry announced today that the next meeting on Syria will "
        "be held in the capital in mid-May, diplomats said."
    )
    finding = find_publication_date(ArticleText(text=text), today=TODAY)
    assert finding is not None and finding.value.isoformat() == "2018-05-03"
    assert finding.rule == "date:dateline"


def test_a_header_on_another_day_is_taken_as_it_is() -> None:
    text = " date 2018-01-02 Guarantors meet\n\nThe envoys met on Tuesday, diplomats said."
    finding = find_publication_date(ArticleText(text=text), today=TODAY)
    assert finding is not None and finding.value.isoformat() == "2018-01-02"
