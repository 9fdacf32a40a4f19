"""Publication dates: tables of small hand-written pages, then the shared corpus against gold."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from articles.extraction.dates import (
    find_date_mentions,
    find_publication_date,
    parse_date_text,
    parse_machine_date,
)
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


# Header and byline formats, one family per row: the date sits among section names, reading
# times, bylines, time zones and labels, split by the separators news pages use.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            page("Analysis | 7 Mar 2019 | 6 min read", "Envoys return"),
            date(2019, 3, 7),
            id="section-date-reading-time",
        ),
        pytest.param(
            page("Opinion \u2022 Mar. 7, 2019 \u2022 4-minute read", "Envoys return"),
            date(2019, 3, 7),
            id="bullets-abbreviated-month-hyphenated-reading-time",
        ),
        pytest.param(
            page("Reading time: 5 minutes \u00b7 7 March 2019", "Envoys return"),
            date(2019, 3, 7),
            id="reading-time-label-first",
        ),
        pytest.param(
            page("March 7, 2019 8:02 AM GMT+4 \u00b7 Updated 4 years ago", "Envoys return"),
            date(2019, 3, 7),
            id="wire-time-offset-relative-update",
        ),
        pytest.param(
            page("MARCH 7, 2019 / 8:02 AM / UPDATED AN HOUR AGO", "Envoys return"),
            date(2019, 3, 7),
            id="wire-capitals-slashes-relative-update",
        ),
        pytest.param(
            page(
                "Envoys return",
                "Live blog began 6 March 2019, 08:00 MSK \u2022 Last updated 7 March 2019, "
                "21:40 MSK",
            ),
            date(2019, 3, 6),
            id="live-page-start-beats-last-update",
        ),
        pytest.param(
            page("Live: coverage started 6 Mar 2019 07:30", "Envoys return"),
            date(2019, 3, 6),
            id="live-coverage-started",
        ),
        pytest.param(
            page(
                "First published on Wed 6 Mar 2019 09.10 GMT \u00b7 Last modified on Thu 7 Mar "
                "2019 11.00 GMT",
                "Envoys return",
            ),
            date(2019, 3, 6),
            id="first-published-last-modified",
        ),
        pytest.param(
            page("Envoys return", "Posted on March 6, 2019 in World by Aliya Bek"),
            date(2019, 3, 6),
            id="posted-on-in-section-by-author",
        ),
        pytest.param(
            page("Created: 06.03.2019 18:40 | Edited: 09.03.2019 10:00", "Envoys return"),
            date(2019, 3, 6),
            id="created-edited",
        ),
        pytest.param(
            page(
                "Envoys return",
                "FOREIGN DESK with agencies \u00b7 Published 06.03.2019 18:40 \u00b7 Modified "
                "11.01.2022 08:15",
            ),
            date(2019, 3, 6),
            id="desk-credit-published-modified",
        ),
        pytest.param(
            page("Envoys return", "Our correspondent in Astana | Posted 6 March 2019, 20:15"),
            date(2019, 3, 6),
            id="correspondent-credit-posted",
        ),
        pytest.param(
            page("Envoys return", "06.03.2019 18:40 (updated 07.03.2019 09:00)"),
            date(2019, 3, 6),
            id="parenthesised-update-after-the-date",
        ),
        pytest.param(
            page("Published: 2019-03-06T18:40:00+05:00", "Envoys return"),
            date(2019, 3, 6),
            id="iso-with-time-and-offset",
        ),
        pytest.param(
            page("2019-03-06 18:40 | World", "Envoys return"),
            date(2019, 3, 6),
            id="iso-date-and-section",
        ),
        pytest.param(page("2019.03.06 18:40", "Envoys return"), date(2019, 3, 6), id="ymd-dots"),
        pytest.param(
            page("06/03/2019 \u2013 18:40", "Envoys return"),
            date(2019, 3, 6),
            id="slashes-day-first-dash-time",
        ),
        pytest.param(
            page("By Aliya Bek | March 6, 2019 | 12 comments", "Envoys return"),
            date(2019, 3, 6),
            id="byline-date-comment-count",
        ),
        pytest.param(
            page("REGIONAL WEEKLY \u00b7 Issue 48 \u00b7 Friday, 8 March 2019", "Envoys return"),
            date(2019, 3, 8),
            id="newsletter-issue-number",
        ),
        pytest.param(
            page(
                "Envoys return to the Kazakh capital",
                "Guarantors set a date for the next meeting; the opposition stays away.",
                "By Aliya Bek \u00b7 Published 6 March 2019",
            ),
            date(2019, 3, 6),
            id="stamp-under-a-standfirst",
        ),
        pytest.param(
            # a name with its titles, parted by commas, shares the stamp line
            page(
                "14 March 2019  |  Dr. Jane Roe, Senior Fellow, Europe Programme", "Envoys return"
            ),
            date(2019, 3, 14),
            id="titled-byline",
        ),
        pytest.param(
            # a sentence is no byline: the line is no stamp
            page("14 March 2019  |  The envoys, who met on Thursday, agreed on little.", "Envoys"),
            None,
            id="sentence-beside-a-date",
        ),
    ],
)
def test_header_and_byline_formats(text: str, expected: date | None) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        pytest.param(
            "12 March 2019 - Statement on the meeting in the Kazakh capital",
            date(2019, 3, 12),
            id="date-then-dash",
        ),
        pytest.param(
            "No. 55/19, 12 March 2019, Press release on the meeting in the Kazakh capital",
            date(2019, 3, 12),
            id="release-number-then-date",
        ),
        pytest.param(
            "12.03.2019: Joint statement of the guarantor states",
            date(2019, 3, 12),
            id="numeric-date-then-colon",
        ),
    ],
)
def test_headline_that_opens_with_its_date(title: str, expected: date) -> None:
    text = page("Home | Press releases | 2019", title)
    assert found(text, title) == expected


def test_date_led_line_that_is_not_the_headline_is_not_taken() -> None:
    # Other releases listed above the story: each line opens with its own date.
    text = page(
        "Other releases",
        "11 March 2019 - Statement on the floods in the south",
        "Envoys return",
    )
    assert found(text, "Envoys return") is None


def test_only_an_update_stamp_dates_the_page_with_lower_confidence() -> None:
    finding = find_publication_date(
        ArticleText(text=page("Updated 16 May 2018 10:30", "Talks close")), today=TODAY
    )
    assert finding is not None
    assert finding.value == date(2018, 5, 16)
    assert finding.confidence < 0.7


def test_publication_stamp_with_a_later_update_keeps_high_confidence() -> None:
    text = page("Published 14 May 2018 09:00 | Updated 16 May 2018 10:30", "Talks close")
    finding = find_publication_date(ArticleText(text=text), today=TODAY)
    assert finding is not None
    assert finding.value == date(2018, 5, 14)
    assert finding.confidence >= 0.85


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
        pytest.param(
            page("Updated 2 years ago \u00b7 5 min read", "Zones agreed"),
            None,
            id="relative-stamp-only",
        ),
        pytest.param(page("Talks started 3 May 2017", "Zones agreed"), None, id="started-sentence"),
        pytest.param(
            page(
                "Published 3 May 2017 \u00b7 The guarantors met again in the capital today.",
                "Zones agreed",
            ),
            None,
            id="labelled-stamp-beside-a-sentence",
        ),
        pytest.param(
            page("Posted 15.03.2017 | Third round ends without the rebels", "Zones agreed"),
            None,
            id="labelled-stamp-beside-another-headline",
        ),
        pytest.param(
            page("Zones agreed", body=BODY + "\n\nLast modified: 12.03.2024 09:41"),
            None,
            id="last-modified-under-the-story",
        ),
        pytest.param(
            page("Zones agreed", "Photo published 3 May 2017 by the ministry"),
            None,
            id="labelled-photo-caption",
        ),
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


def test_press_release_page_is_dated_by_its_headline() -> None:
    html = (
        "<html><head><title>No. 55/19, 12 March 2019, Press release on the talks</title></head>"
        "<body><ul id='topmenu'><li>Home</li></ul><div id='content'>"
        "<h2>No. 55/19, 12 March 2019, Press release on the talks</h2><p>" + BODY + "</p></div>"
        "<div id='bottom'><p>Last modified: 02.04.2019 09:41</p></div></body></html>"
    ).encode()
    finding = find_publication_date(read_article(html, "release.html"), today=TODAY)
    assert finding is not None
    assert finding.value == date(2019, 3, 12)
    assert finding.evidence.sentence.startswith("No. 55/19, 12 March 2019")


def test_compact_meta_date_uses_the_labelled_byline_as_evidence() -> None:
    html = (
        "<html><head><meta name='pubdate' content='20190307'></head><body><article>"
        "<h1>Envoys return</h1><div class='meta'><span>FOREIGN DESK</span> "
        "<span>Published 07.03.2019 18:40 &middot; Modified 05.01.2021 10:00</span></div>"
        "<p>" + BODY + "</p></article></body></html>"
    ).encode()
    finding = find_publication_date(read_article(html, "page.html"), today=TODAY)
    assert finding is not None
    assert finding.value == date(2019, 3, 7)
    assert "Published 07.03.2019" in finding.evidence.sentence


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("20180515", date(2018, 5, 15), id="compact"),
        pytest.param("20180515T184000Z", date(2018, 5, 15), id="compact-with-time"),
        pytest.param("2018-05-15T23:30:00-04:00", date(2018, 5, 15), id="iso-offset-as-written"),
        pytest.param("2018-05-15 18:40:00", date(2018, 5, 15), id="iso-space-time"),
        pytest.param("Tue, 15 May 2018 18:40:00 GMT", date(2018, 5, 15), id="http-date"),
        pytest.param("2018/05/15", date(2018, 5, 15), id="ymd-slashes"),
        pytest.param("20181315", None, id="compact-impossible-month"),
        pytest.param("12345678", None, id="not-a-date"),
        pytest.param("", None, id="empty"),
    ],
)
def test_parse_machine_date(raw: str, expected: date | None) -> None:
    assert parse_machine_date(raw) == expected


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
        ("2021.12.22", date(2021, 12, 22)),
        ("Dec. 3, 2018", date(2018, 12, 3)),
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


@pytest.mark.parametrize(
    ("stamp", "lead", "expected"),
    [
        pytest.param(
            "07/05/2017 - 10:20",
            "The fifth round of talks on Syria opened in the Kazakh capital with envoys of "
            "the guarantors and the government.",
            date(2017, 7, 5),  # the fifth round met on 4-5 July 2017, not in May
            id="the-round-it-names",
        ),
        pytest.param(
            "10/01/2019 - 10:20",
            "NUR-SULTAN: Envoys of the guarantors met the government and the opposition for "
            "talks on the ceasefire in Nur-Sultan.",
            date(2019, 10, 1),  # the capital was called so from March 2019 on
            id="the-capital-as-then-called",
        ),
        pytest.param(
            "07/05/2017 - 10:20",
            "Envoys of the guarantors met the government and the opposition for talks on the "
            "ceasefire in the Kazakh capital.",
            date(2017, 5, 7),  # nothing ties either reading: day-first
            id="nothing-ties-it",
        ),
        pytest.param(
            "Thu, 07/05/2017 - 10:20",
            "The fifth round of talks on Syria opened in the Kazakh capital with envoys of "
            "the guarantors and the government.",
            date(2017, 5, 7),  # 7 May 2017 was a Sunday, 5 July a Wednesday: neither fits
            id="a-weekday-neither-fits",
        ),
        pytest.param(
            "Fri, 11/01/2019 - 10:20",
            "NUR-SULTAN: Envoys of the guarantors met the government and the opposition for "
            "talks on the ceasefire in Nur-Sultan.",
            date(2019, 11, 1),  # 11 January and 1 November 2019 were both Fridays
            id="a-weekday-both-fit",
        ),
    ],
)
def test_a_numeric_stamp_read_both_ways_is_read_as_the_page_ties_it(
    stamp: str, lead: str, expected: date
) -> None:
    text = page("WORLD DESK", "Syria talks in the Kazakh capital", stamp, body=lead)
    assert found(text, "Syria talks in the Kazakh capital") == expected
