"""The round decision on evidence that adds up, and its explanation: short texts written
for these tests."""

from __future__ import annotations

import pytest

DECISIONS = [
    # (text, published, round, method)
    pytest.param(
        "Astana 16 opens with talks on detainees\n\nDelegations of the guarantors met on "
        "Wednesday in the Kazakh capital.",
        "2021-07-07",
        16,
        "ordinal",
        id="named-round-with-space",
    ),
    pytest.param(
        "Astana-9 ends with a joint statement\n\nThe guarantors adopted a statement on Tuesday.",
        None,
        9,
        "ordinal",
        id="named-round-with-hyphen",
    ),
    pytest.param(
        "The \u201c16\u201d round of the Astana talks ended in Nur-Sultan on Thursday.",
        "2021-07-08",
        16,
        "ordinal",
        id="quoted-number",
    ),
    pytest.param(
        "Astana talks: Round 12 opens in Nur-Sultan\n\nThe guarantors met on Thursday.",
        "2019-04-25",
        12,
        "ordinal",
        id="numbered-round",
    ),
    pytest.param(
        "ASTANA 11 Nov (Agency) A new round of the Astana talks on Syria opened today in the "
        "Kazakh capital.",
        "2024-11-11",
        22,
        "calendar-date",
        id="dateline-is-no-named-round",
    ),
    pytest.param(
        "The 16th international meeting on Syria in the Astana format ended on Thursday.\n\n"
        "The guarantors agreed to hold the 17th international meeting on Syria in the Astana "
        "format before the end of the year.",
        None,
        16,
        "ordinal",
        id="next-round-agreed-upon-without-date",
    ),
    pytest.param(
        "Ministry sets the dates of the next Syria talks\n\nThe next meeting in the Astana "
        "format will be held on December 21-22, the ministry said on Wednesday.",
        "2021-12-08",
        17,
        "announcement",
        id="preview-with-dates-and-no-number",
    ),
    pytest.param(
        "Kazakhstan sets dates for new Syria talks\n\nThe guarantors of the Astana process "
        "will meet in Nur-Sultan on Dec. 10-11, the ministry said.",
        "2019-11-29",
        14,
        "announcement",
        id="abbreviated-month-in-the-text",
    ),
    pytest.param(
        "DAMASCUS, Nov. 27 (Agency) - The delegations of the guarantors arrived in the Kazakh "
        "capital on Tuesday for a new round of the Astana talks.",
        None,
        11,
        "calendar-date",
        id="dateline-without-year-stands-for-the-date",
    ),
    pytest.param(
        "Minister: next Astana meeting to be held in December\n\nThe next international "
        "meeting on Syria in the Astana format will take place in December, the minister said.",
        "2021-11-10",
        17,
        "announcement",
        id="announcement-weeks-ahead-by-month",
    ),
    pytest.param(
        "Kazakhstan will host the 17th international meeting on Syria in December\n\nThe "
        "ministry announced the meeting on Wednesday.",
        "2021-11-03",
        17,
        "announcement",
        id="ordinal-announced-weeks-ahead",
    ),
    pytest.param(
        "Guarantors issue a joint statement\n\nThe talks in the Astana format ended on "
        "May 15 with a statement on the de-escalation zones.",
        None,
        9,
        "calendar-date",
        id="wrap-up-dated-in-the-text-only",
    ),
    pytest.param(
        "The 23rd international meeting on Syria in the Astana format opened in Astana on Monday.",
        "2025-06-02",
        23,
        "ordinal",
        id="round-not-in-the-calendar",
    ),
    pytest.param(
        "Syria peace talks end with a date for the national congress\n\nRIVERTON, Dec 22 - "
        "The guarantors agreed on Friday to form a group on prisoners and said a national "
        "dialogue congress would be held next month.\n\nThe delegations met for two days in "
        "the Kazakh capital.",
        "2017-12-22",
        8,
        "calendar-date",
        id="talks-end-with-a-congress-named-in-passing",
    ),
]


@pytest.mark.parametrize(("text", "published", "number", "method"), DECISIONS)
def test_round_decision(extract, text: str, published: str | None, number: int, method: str):
    link = extract(text, published).round
    assert link is not None
    assert (link.number, link.method) == (number, method)


def test_round_not_in_the_calendar_takes_its_city_from_the_text(extract) -> None:
    link = extract(
        "The 23rd international meeting on Syria in the Astana format opened in Astana.",
        "2025-06-02",
    ).round
    assert link is not None and link.city == "Astana"


def test_round_followed_by_a_time_is_no_numbered_round(extract) -> None:
    text = "The guarantors will meet for another round 2 weeks from now, the ministry said."
    link = extract(text, "2024-10-01").round
    assert link is None or link.number != 2


def test_summit_dates_do_not_place_a_round(extract) -> None:
    text = (
        "Constitutional committee to convene in Geneva\n\nThe committee will meet in Geneva "
        "on October 30, the envoy said, after talks with the guarantors."
    )
    assert extract(text, None).round is None


def test_ministers_meeting_that_ends_is_still_no_round(extract) -> None:
    # The headline's subject is the ministers' meeting: the event verb does not make it a round.
    text = (
        "Foreign ministers meeting ends with a call for more Syria talks\n\nThe foreign "
        "ministers of Russia, Iran and Turkey met on Friday in a neighbouring capital."
    )
    assert extract(text, "2017-12-22").round is None


def test_round_of_other_talks_in_the_headline_is_no_exemption(extract) -> None:
    # The headline names no summit or Geneva after its round: the lead's "in Geneva" stands.
    text = (
        "Lakeside round ends with a list of topics\n\nA week of UN-led negotiations ended in "
        "Geneva on Friday with both sides agreeing on what to discuss next."
    )
    assert extract(text, "2017-12-22").round is None


def test_every_candidate_is_explained(extract) -> None:
    text = (
        "The seventh round of Astana talks opened on Monday.\n\nAt the sixth round in "
        "September, the guarantors agreed on a fourth zone."
    )
    link = extract(text, "2017-10-30").round
    assert link is not None and link.number == 7
    lines = link.candidates
    assert len(lines) == 2
    assert lines[0].startswith("round 7:") and lines[0].endswith("chosen")
    assert "headline" in lines[0] or "lead" in lines[0]
    assert lines[1].startswith("round 6:") and "lost to round 7" in lines[1]
