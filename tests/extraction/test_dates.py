"""Publication dates: tables of small hand-written pages, then the shared corpus against gold."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from articles.extraction.dates import find_date_mentions, find_publication_date, parse_date_text
from articles.extraction.reader import read_article
from articles.extraction.types import ArticleText
from tests.shared_corpus import load_gold, shared_dir

TODAY = date(2025, 6, 1)

BODY = (
    "Russia, Iran and Turkey wound up two days of talks on Syria in the Kazakh capital on "
    "Friday and agreed to meet again, the host country's foreign ministry said in a statement."
)
BODY_2017 = (
    "The guarantors said the process begun in January 2017 would go on, and recalled the "
    "ceasefire of December 2016 that made the first meeting possible for all the sides."
)


def page(*top: str, body: str = BODY) -> str:
    return "\n\n".join([*top, body])


def found(text: str, title: str | None = None) -> date | None:
    finding = find_publication_date(ArticleText(text=text, title=title), today=TODAY)
    return finding.value if finding else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(" date 2018-05-15 ASTANA - " + BODY, date(2018, 5, 15), id="date-header"),
        pytest.param("date 2018-05-15\n\n" + BODY, date(2018, 5, 15), id="date-header-own-line"),
        pytest.param(
            page("WORLD DESK", "Monday, 14 May 2018", "Talks close in the Kazakh capital"),
            date(2018, 5, 14),
            id="weekday-day-month-year",
        ),
        pytest.param(
            page("Notebook | Analysis", "Posted 15.05.2018, 16:20", "Talks close"),
            date(2018, 5, 15),
            id="posted-dotted-with-time",
        ),
        pytest.param(
            page("14 May 2018 | 17:05", "Talks close in the capital"),
            date(2018, 5, 14),
            id="date-pipe-time",
        ),
        pytest.param(
            page("15.05.2018 | 09:30", "Talks close"), date(2018, 5, 15), id="dotted-pipe-time"
        ),
        pytest.param(
            page("Sep 14, 2017 10:05 (GMT+6)", "Idlib zone agreed"),
            date(2017, 9, 14),
            id="abbrev-month-time-zone",
        ),
        pytest.param(
            page("Opinion", "July 31, 2018", "A round by the sea"),
            date(2018, 7, 31),
            id="month-day-year",
        ),
        pytest.param(
            page("Wednesday, June 21, 2023", "A last round?"),
            date(2023, 6, 21),
            id="weekday-month-day-year",
        ),
        pytest.param(page("22/12/2021", "Round ends"), date(2021, 12, 22), id="slashes-day-first"),
        pytest.param(page("12/22/2021", "Round ends"), date(2021, 12, 22), id="slashes-us-order"),
        pytest.param(
            page("Round ends", "26 April 2019 10:15 (UTC+06:00)"),
            date(2019, 4, 26),
            id="below-headline-utc-offset",
        ),
        pytest.param(
            page("Round ends in the capital", "By Jane Roe \u00b7 26.04.2019, 12:00"),
            date(2019, 4, 26),
            id="byline-with-date",
        ),
        pytest.param(
            page("Round ends", body="ASTANA, 26 April 2019 (Agency) - " + BODY),
            date(2019, 4, 26),
            id="dateline-opening-first-paragraph",
        ),
        pytest.param(
            page("Published 14 May 2018", "Updated 16 May 2018", "Talks close"),
            date(2018, 5, 14),
            id="published-beats-updated",
        ),
        pytest.param(
            page("Updated: 16 May 2018 | Published: 14 May 2018", "Talks close"),
            date(2018, 5, 14),
            id="published-beats-updated-same-line",
        ),
        pytest.param(
            page("EURASIA TODAY | 22 December 2017", "Talks close"),
            date(2017, 12, 22),
            id="outlet-named-today",
        ),
        pytest.param(
            page("Nur-Sultan, 26 April 2019", "Talks close"),
            date(2019, 4, 26),
            id="place-and-date",
        ),
        pytest.param(
            page("Abu Dhabi, 5 May 2017", "Talks close"), date(2017, 5, 5), id="two-word-place"
        ),
        pytest.param(
            page("Mon 14 May 2018 14.20 EDT", "Talks close"),
            date(2018, 5, 14),
            id="abbreviated-weekday-dotted-time",
        ),
        pytest.param(page("Date: 14 May 2018", "Talks close"), date(2018, 5, 14), id="date-label"),
        pytest.param(
            page("Talks close", body=BODY + "\n\nPublished 14 May 2018"),
            date(2018, 5, 14),
            id="labelled-stamp-under-the-story",
        ),
        pytest.param(
            page("16 May 2018", "14 May 2018", "Talks close"),
            date(2018, 5, 14),
            id="earliest-of-two-stamps",
        ),
    ],
)
def test_publication_date_is_found(text: str, expected: date) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "title"),
    [
        pytest.param(
            page("THE DAILY LEDGER | Today: Monday, 2 June 2025 | Sign in", "Zones agreed"),
            None,
            id="today-page-view-stamp",
        ),
        pytest.param(
            page("Accessed 3 March 2024", "Zones agreed"), None, id="accessed-page-view-stamp"
        ),
        pytest.param(
            page("Zones agreed", "[Photo: Delegates at the opening session, 23 January 2017.]"),
            None,
            id="bracketed-photo-caption",
        ),
        pytest.param(
            page(
                "Zones agreed",
                "The heads of delegation in the hall on 23 January 2017. (Photo by Agency)",
            ),
            None,
            id="photo-by-caption",
        ),
        pytest.param(
            page(
                "Zones agreed",
                body="The talks will resume on 3 May 2017 in the Kazakh capital, officials said "
                "after a day of closed consultations between the delegations.",
            ),
            None,
            id="date-inside-body-sentence",
        ),
        pytest.param(page("Talks open on 3 May 2017", "Zones agreed"), None, id="sentence-line"),
        pytest.param(
            page("Zones agreed", body=BODY + "\n\n3 May 2017"),
            None,
            id="unlabelled-date-after-the-body",
        ),
        pytest.param(
            page("Tuesday, 4 March 2025 | Astana -8\u00b0C", "Zones agreed"),
            None,
            id="weather-bar-date",
        ),
        pytest.param(
            page("Latest", "15.03.2017 | Third round ends", "14.02.2017 | Jordan sends team"),
            None,
            id="list-of-other-stories",
        ),
        pytest.param(
            page("Related: Third round | 15.03.2017", "Zones agreed"),
            None,
            id="related-link-line",
        ),
        pytest.param(page("Monday", "Zones agreed"), None, id="weekday-only"),
        pytest.param(page("14 May", "Zones agreed"), None, id="no-year"),
        pytest.param(page("1 January 2031", "Zones agreed"), None, id="future-date"),
        pytest.param(page("31.02.2017", "Zones agreed"), None, id="impossible-date"),
    ],
)
def test_decoys_and_unknown_dates_give_none(text: str, title: str | None) -> None:
    assert found(text, title) is None


def test_save_stamp_is_skipped_for_the_real_date_below_the_headline() -> None:
    text = page(
        "Outlet.example",
        "Saturday June 1 2024",
        "Zones agreed at last",
        "30 October 2017 16:36 (UTC+04:00)",
        "Zones agreed at last",
        body=BODY_2017,
    )
    assert found(text, "Zones agreed at last") == date(2017, 10, 30)


def test_lone_date_line_of_a_retrospective_is_kept() -> None:
    # Years after every event the body names, but nothing else on the page dates it.
    text = page("THE LETTER", "July 4, 2023", "Looking back on the zones", body=BODY_2017)
    assert found(text, "Looking back on the zones") == date(2023, 7, 4)


def test_evidence_points_into_the_text() -> None:
    text = page("WORLD DESK", "Posted 15.05.2018, 16:20", "Talks close")
    finding = find_publication_date(ArticleText(text=text), today=TODAY)
    assert finding is not None
    ev = finding.evidence
    assert text[ev.start : ev.end] == ev.sentence == "Posted 15.05.2018, 16:20"


def test_header_evidence_is_the_header_itself() -> None:
    finding = find_publication_date(ArticleText(text=" date 2018-05-15 " + BODY), today=TODAY)
    assert finding is not None
    assert finding.evidence.sentence == "date 2018-05-15"
    assert finding.confidence > 0.95


def test_meta_date_uses_a_matching_text_line_as_evidence() -> None:
    text = page("Talks close", "By Jane Roe \u00b7 15.05.2018, 09:12")
    article = ArticleText(text=text, meta_published=date(2018, 5, 15))
    finding = find_publication_date(article, today=TODAY)
    assert finding is not None
    assert finding.value == date(2018, 5, 15)
    assert text[finding.evidence.start : finding.evidence.end] == finding.evidence.sentence


def test_meta_date_without_a_text_line_has_empty_evidence() -> None:
    article = ArticleText(text=page("Talks close"), meta_published=date(2018, 5, 15))
    finding = find_publication_date(article, today=TODAY)
    assert finding is not None
    assert finding.value == date(2018, 5, 15)
    assert (finding.evidence.start, finding.evidence.end) == (0, 0)
    assert finding.evidence.sentence == "2018-05-15"


def test_meta_date_from_html_page() -> None:
    html = (
        "<html><head><meta property='article:published_time' content='2018-05-15T23:30:00-04:00'>"
        "</head><body><article><h1>Talks close</h1><p>" + BODY + "</p></article></body></html>"
    ).encode()
    finding = find_publication_date(read_article(html, "a.html"), today=TODAY)
    assert finding is not None
    assert finding.value == date(2018, 5, 15)  # the date as written, not shifted to UTC


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05.05.2017, 09:12", date(2017, 5, 5)),
        ("2017-05-05T23:30:00-04:00", date(2017, 5, 5)),
        ("Nov 22, 2022 14:35 (GMT+6)", date(2022, 11, 22)),
        ("Sept. 14, 2017", date(2017, 9, 14)),
        ("14th of September 2017", date(2017, 9, 14)),
        ("Friday, 17 February 2017", date(2017, 2, 17)),
        ("22/12/2021", date(2021, 12, 22)),
        ("2021/12/22", date(2021, 12, 22)),
        ("31.02.2017", None),
        ("in March 2011", None),
        ("resolution 2254", None),
        ("no date here", None),
    ],
)
def test_parse_date_text(text: str, expected: date | None) -> None:
    assert parse_date_text(text) == expected


def test_find_date_mentions_spans() -> None:
    text = "Met on 3 May 2017 and again on July 4, 2017."
    mentions = find_date_mentions(text)
    assert [m.value for m in mentions] == [date(2017, 5, 3), date(2017, 7, 4)]
    assert [text[m.start : m.end] for m in mentions] == ["3 May 2017", "July 4, 2017"]


@pytest.mark.corpus
@pytest.mark.parametrize("folder", ["seeds", "corpus/dev"])
def test_shared_corpus_publication_dates_match_gold(folder: str) -> None:
    directory = shared_dir() / folder
    gold = load_gold(directory)
    misses = []
    for source, entry in sorted(gold.items()):
        article = read_article((directory / source).read_bytes(), source)
        finding = find_publication_date(article)
        got = finding.value.isoformat() if finding else None
        if got != entry["published"]:
            misses.append(f"{source}: got {got}, gold {entry['published']}")
    assert not misses, "\n".join(misses)


REPO = Path(__file__).resolve().parents[2]
SAMPLE_DATES = {
    "01_round-01-truce-monitoring.txt": date(2017, 1, 24),
    "04_round-04-de-escalation-memorandum.html": date(2017, 5, 4),
    "09_round-09-detainees-group.txt": date(2018, 5, 15),
    "12_round-12-nur-sultan.txt": date(2019, 4, 26),
    "15_round-15-sochi.txt": date(2021, 2, 17),
    "19_round-19-windows-1252.txt": date(2022, 11, 23),
    "21_round-21-normalisation-roadmap.txt": date(2024, 1, 25),
    "22_round-22-regional-escalation.txt": date(2024, 11, 12),
}


@pytest.mark.parametrize(("name", "expected"), sorted(SAMPLE_DATES.items()))
def test_demo_samples_have_their_dates(name: str, expected: date) -> None:
    path = REPO / "articles" / "samples" / name
    finding = find_publication_date(read_article(path.read_bytes(), name))
    assert finding is not None
    assert finding.value == expected


def test_generated_benchmark_articles_have_their_dates(tmp_path: Path) -> None:
    out, manifest = tmp_path / "out", tmp_path / "truth.jsonl"
    script = REPO / "scripts" / "generate_articles.py"
    command = [sys.executable, str(script), str(out), "--count", "40", "--seed", "7"]
    subprocess.run([*command, "--manifest", str(manifest)], check=True, capture_output=True)
    truth = [json.loads(line) for line in manifest.read_text().splitlines()]
    assert sorted(p.name for p in out.iterdir()) == sorted(t["source"] for t in truth)
    for record in truth:
        article = read_article((out / record["source"]).read_bytes(), record["source"])
        finding = find_publication_date(article)
        assert finding is not None, record
        assert finding.value.isoformat() == record["published"], record


def test_generator_is_deterministic_by_seed(tmp_path: Path) -> None:
    script = str(REPO / "scripts" / "generate_articles.py")
    for name, seed in (("a", "3"), ("b", "3"), ("c", "4")):
        command = [sys.executable, script, str(tmp_path / name), "--count", "8", "--seed", seed]
        subprocess.run(command, check=True, capture_output=True)

    def contents(name: str) -> list[bytes]:
        return [p.read_bytes() for p in sorted((tmp_path / name).iterdir())]

    assert contents("a") == contents("b")
    assert contents("a") != contents("c")
