"""Scoring export items against gold entries."""

from __future__ import annotations

import pytest

from articles.extraction.evaluation import numbered_split, readable_entries, score

GOLD = {
    "articles": [
        {
            "source": "a.txt",
            "published": "2019-12-11",
            "round": 14,
            "city": "Nur-Sultan",
            "delegations": [
                {
                    "party": "Russia",
                    "role": "guarantor",
                    "head": ["Alexander Lavrentiev", "Alexander Lavrentyev"],
                },
                {"party": "Turkey", "role": "guarantor", "head": ["Sedat Önal", "Sedat Onal"]},
                {"party": "Syrian opposition", "role": "opposition", "head": []},
            ],
            "delegations_optional": [{"party": "United Nations", "role": "mediator", "head": []}],
            "observers": ["Jordan", "Iraq"],
            "observers_optional": ["ICRC"],
            "topics": ["idlib", "constitutional-committee"],
            "topics_optional": ["counterterrorism"],
        },
        {
            "source": "b.txt",
            "published": None,
            "round": None,
            "city": None,
            "delegations": [],
            "observers": [],
            "topics": [],
            "topics_optional": ["counterterrorism"],
        },
    ]
}


def item(source: str, **fields) -> dict:
    base = {
        "source": source,
        "title": None,
        "published": None,
        "round": None,
        "delegations": [],
        "observers": [],
        "topics": [],
    }
    base.update(fields)
    return base


def delegation(party: str, head: str | None = None, written: str | None = None) -> dict:
    return {"party": party, "role": "x", "head": head, "head_as_written": written}


PERFECT = [
    item(
        "a.txt",
        published="2019-12-11",
        round=14,
        delegations=[
            delegation("Russia", "Alexander Lavrentiev", "Lavrentyev"),
            delegation("Turkey", None, "Sedat Onal"),
            delegation("Syrian opposition"),
            delegation("United Nations", "Geir Pedersen", "Geir Pedersen"),  # optional: ignored
        ],
        observers=["Jordan", "Iraq", "ICRC"],
        topics=["idlib", "constitutional-committee", "counterterrorism"],
    ),
    item("b.txt", topics=[]),
]


def test_perfect_prediction_scores_one() -> None:
    report = score(PERFECT, GOLD)
    assert report.articles == 2
    for name in ("round", "published", "delegations", "heads", "observers", "topics"):
        assert report.fields[name].score == 1.0, name
    assert report.misses == []


def test_heads_match_any_accepted_spelling_after_normalising() -> None:
    predicted = [dict(PERFECT[0]), PERFECT[1]]
    predicted[0]["delegations"] = [
        delegation("Russia", None, "alexander LAVRENTYEV"),
        delegation("Turkey", "Sedat Önal"),
        delegation("Syrian opposition"),
    ]
    heads = score(predicted, GOLD).fields["heads"]
    assert (heads.tp, heads.fp, heads.fn) == (2, 0, 0)


def test_wrong_head_is_a_false_positive_and_a_false_negative() -> None:
    predicted = [dict(PERFECT[0]), PERFECT[1]]
    predicted[0]["delegations"] = [
        delegation("Russia", "Sergey Vershinin", "Sergey Vershinin"),
        delegation("Turkey"),
        delegation("Syrian opposition", "Ahmad Tohme", "Ahmad Tohme"),  # gold names no head
    ]
    report = score(predicted, GOLD)
    heads = report.fields["heads"]
    assert (heads.tp, heads.fp, heads.fn) == (0, 2, 2)
    assert heads.precision == 0.0 and heads.recall == 0.0
    fields = [m.field for m in report.misses]
    assert fields.count("heads") == 3


def test_presence_and_sets_with_optional_entries() -> None:
    predicted = [
        dict(PERFECT[0]),
        item("b.txt", round=7, delegations=[delegation("Iran", "Reza Kamali")]),
    ]
    predicted[0]["delegations"] = [delegation("Russia"), delegation("Iran")]
    predicted[0]["observers"] = ["Jordan", "Lebanon"]
    predicted[0]["topics"] = ["idlib", "counterterrorism", "sanctions"]
    report = score(predicted, GOLD)
    dels = report.fields["delegations"]
    assert (dels.tp, dels.fp, dels.fn) == (1, 2, 2)  # Iran twice, Turkey and opposition missed
    assert report.fields["heads"].fp == 1  # a head for a party absent from the gold
    obs = report.fields["observers"]
    assert (obs.tp, obs.fp, obs.fn) == (1, 1, 1)
    top = report.fields["topics"]
    assert (top.tp, top.fp, top.fn) == (1, 1, 1)
    assert report.fields["round"].accuracy == 0.5
    assert pytest.approx(top.f1) == 0.5


def test_missing_article_counts_as_empty_prediction() -> None:
    report = score([PERFECT[0]], GOLD)
    assert report.missing == ["b.txt"]
    assert report.misses == []  # an article about no round, predicted empty, is right
    report = score([PERFECT[1]], GOLD)
    assert report.missing == ["a.txt"]
    assert report.fields["round"].correct == 1


def test_city_scored_only_when_items_carry_it() -> None:
    assert "city" not in score(PERFECT, GOLD).fields
    with_city = [dict(PERFECT[0], city="Nur-Sultan"), dict(PERFECT[1], city=None)]
    assert score(with_city, GOLD).fields["city"].accuracy == 1.0


def test_report_as_text_and_dict() -> None:
    report = score([PERFECT[0], item("b.txt", round=3)], GOLD)
    text = report.as_text()
    assert "round" in text and "b.txt round: expected None, got 3" in text
    data = report.as_dict()
    assert data["articles"] == 2
    assert data["fields"]["round"]["score"] == 0.5
    assert data["misses"][0] == {"source": "b.txt", "field": "round", "expected": None, "got": 3}


def test_nothing_to_find_and_nothing_found_is_perfect() -> None:
    report = score([item("b.txt")], {"articles": [GOLD["articles"][1]]})
    assert report.fields["heads"].f1 == 1.0
    assert report.fields["topics"].f1 == 1.0


def test_numbered_split_sets_aside_odd_file_numbers_in_every_language():
    entries = [
        {"source": "502_en_a.txt", "language": "en"},
        {"source": "501_en_b.txt", "language": "en"},
        {"source": "603_ru_c.txt", "language": "ru"},
        {"source": "604_tr_d.txt", "language": "tr"},
    ]
    parts = numbered_split(entries)
    assert [e["source"] for e in parts["tune"]] == ["502_en_a.txt", "604_tr_d.txt"]
    assert [e["source"] for e in parts["heldout"]] == ["501_en_b.txt", "603_ru_c.txt"]
    assert [e["source"] for e in parts["other"]] == ["603_ru_c.txt", "604_tr_d.txt"]


def test_readable_entries_leave_out_the_half_a_set_keeps_aside():
    entries = [{"source": "701_a.txt"}, {"source": "702_b.txt"}, {"source": "703_c.txt"}]
    assert readable_entries({"articles": entries}) == entries
    kept_aside = {"articles": entries, "set_aside": "odd file numbers"}
    assert [e["source"] for e in readable_entries(kept_aside)] == ["702_b.txt"]
    with pytest.raises(ValueError, match="set_aside"):
        readable_entries({"articles": entries, "set_aside": "every third file"})
