"""The round-by-round pages: delegations, observers and topics as grids and as plain lists."""

from __future__ import annotations

import re
from datetime import date
from types import SimpleNamespace

import pytest
from django.urls import reverse

from rounds.facets import build_grid, head_tenures, heat_legend, heat_level

pytestmark = pytest.mark.django_db

DELEGATIONS = reverse("rounds:delegation-grid")
DELEGATION_LIST = reverse("rounds:delegation-list")
OBSERVERS = reverse("rounds:observer-grid")
TOPICS = reverse("rounds:topic-grid")
TOPIC_LIST = reverse("rounds:topic-list")


def grid_rows(html: str, table_id: str) -> dict[str, list[str]]:
    """{row id: [cell html, ...]} of a grid table."""
    table = html.split(f'id="{table_id}"')[1].split("</table>")[0]
    rows = {}
    for row_id, body in re.findall(r'<tr id="([^"]+)">(.*?)</tr>', table, re.S):
        rows[row_id] = re.findall(r"<td[^>]*>(.*?)</td>", body, re.S)
    return rows


def column_rounds(html: str) -> list[int]:
    head = html.split("<thead>")[1].split("</thead>")[0]
    return [int(n) for n in re.findall(r'<span class="visually-hidden">Round </span>(\d+)', head)]


class TestDelegationGrid:
    def test_parties_by_rounds_naming_the_heads(self, client, archive):
        response = client.get(DELEGATIONS)
        assert response.status_code == 200
        html = response.content.decode()
        assert column_rounds(html) == list(range(1, 23))
        rows = grid_rows(html, "delegation-grid")
        assert list(rows) == ["party-russia", "party-iran"]
        assert "Alexander Lavrentiev" in rows["party-russia"][12]  # round 13
        assert "Alexander Lavrentiev" in rows["party-russia"][11]  # round 12
        assert "Ali Asghar Khaji" in rows["party-iran"][12]
        assert "Alexander" not in rows["party-russia"][13]  # round 14: nothing known

    def test_rejected_delegations_are_not_shown(self, client, archive):
        html = client.get(DELEGATIONS).content.decode()
        assert "party-united-states" not in html
        assert "Bashar al-Jaafari" not in html

    def test_extracted_cells_are_marked(self, client, archive):
        html = client.get(DELEGATIONS).content.decode()
        russia = html.split('<tr id="party-russia">')[1].split("</tr>")[0]
        iran = html.split('<tr id="party-iran">')[1].split("</tr>")[0]
        assert "cell-extracted" not in russia
        assert "cell-extracted" in iran
        assert "(extracted by the software, not yet checked)" in iran  # words, not only a colour

    @pytest.mark.parametrize(
        ("query", "rows"),
        [
            ("party=iran", ["party-iran"]),
            ("role=guarantor", ["party-russia", "party-iran"]),
            ("role=opposition", []),
            ("participant=Haji", ["party-iran"]),  # an alias of Ali Asghar Khaji
            ("participant=alexander-lavrentiev", ["party-russia"]),
            ("confirmed=on", ["party-russia"]),
        ],
    )
    def test_filters(self, client, archive, query, rows):
        html = client.get(f"{DELEGATIONS}?{query}").content.decode()
        if rows:
            assert list(grid_rows(html, "delegation-grid")) == rows
        else:
            assert 'id="delegation-grid"' not in html
            assert 'id="no-results"' in html

    def test_round_range_limits_the_columns(self, client, archive):
        html = client.get(f"{DELEGATIONS}?round_from=13&round_to=15").content.decode()
        assert column_rounds(html) == [13, 14, 15]
        rows = grid_rows(html, "delegation-grid")
        assert "Alexander Lavrentiev" in rows["party-russia"][0]

    def test_reversed_round_range_is_a_form_error(self, client, archive):
        response = client.get(f"{DELEGATIONS}?round_from=15&round_to=3")
        assert response.status_code == 400
        html = response.content.decode()
        assert "The first round (15) comes after the last (3)." in html
        assert 'role="alert"' in html

    @pytest.mark.parametrize("query", ["round_from=abc", "round_to=0", "role=emperor"])
    def test_bad_values_are_form_errors(self, client, archive, query):
        response = client.get(f"{DELEGATIONS}?{query}")
        assert response.status_code == 400
        assert 'class="errorlist"' in response.content.decode()

    def test_names_are_escaped_in_cells(self, client, build):
        person = build.participant('<script>alert("x")</script> & Co')
        build.delegation(3, "turkey", person, title='"quoted" <b>title</b>')
        html = client.get(DELEGATIONS).content.decode()
        assert "<script>" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in html
        assert "&quot;quoted&quot; &lt;b&gt;title&lt;/b&gt;" in html

    def test_list_shows_the_same_rows(self, client, archive):
        response = client.get(f"{DELEGATION_LIST}?party=russia")
        assert response.status_code == 200
        html = response.content.decode()
        body = html.split('id="delegation-table"')[1].split("<tbody>")[1].split("</tbody>")[0]
        assert body.count("<tr>") == 2  # rounds 12 and 13
        table = body
        assert "Russian presidential envoy for Syria" in table
        assert "<strong>2</strong> delegations" in html

    def test_grid_and_list_link_to_each_other_keeping_filters(self, client, archive):
        html = client.get(f"{DELEGATIONS}?party=iran&page=2").content.decode()
        assert f'href="{DELEGATION_LIST}?party=iran"' in html
        listing = client.get(f"{DELEGATION_LIST}?party=iran").content.decode()
        assert f'href="{DELEGATIONS}?party=iran"' in listing


class TestObserverGrid:
    def test_observers_by_round(self, client, archive):
        html = client.get(OBSERVERS).content.decode()
        rows = grid_rows(html, "observer-grid")
        assert list(rows) == ["party-jordan", "party-lebanon", "party-iraq"]
        # The cell links to its evidence: every sentence saying Lebanon observed round 13.
        assert "/rounds/13/observers/lebanon/" in rows["party-lebanon"][12]
        assert rows["party-lebanon"][11].strip() == '<span class="visually-hidden">no</span>'
        assert "party-united-states" not in html  # rejected

    def test_filter_by_party_and_range(self, client, archive):
        html = client.get(f"{OBSERVERS}?party=jordan&round_from=10&round_to=12").content.decode()
        assert column_rounds(html) == [10, 11, 12]
        assert list(grid_rows(html, "observer-grid")) == ["party-jordan"]


class TestTopicGrid:
    def test_heat_map_cells_link_to_their_sentences(self, client, archive, build):
        report = archive["report"]
        second = build.article("Idlib was discussed at length.", round=13)
        third = build.article("Idlib again.", round=13)
        idlib = archive["idlib"]
        for article, sentence in (
            (second, "Idlib was discussed at length."),
            (third, "Idlib again."),
        ):
            idlib.mentions.create(article=article, sentence=sentence, start=0, end=len(sentence))
        html = client.get(TOPICS).content.decode()
        rows = grid_rows(html, "topic-grid")
        assert list(rows) == ["topic-constitutional-committee", "topic-idlib"]
        cell = rows["topic-idlib"][12]
        assert 'href="/rounds/13/topics/idlib/"' in cell
        # Every article of round 13 puts Idlib on its agenda: the share, then the count.
        assert ">100%<" in cell
        assert '<span class="cell-count" aria-hidden="true">3</span>' in cell
        assert report.title not in cell
        assert 'class="cell heat-5 cell-extracted"' in html
        assert "topic-sanctions" not in html  # rejected

    def test_filter_by_topic(self, client, archive):
        html = client.get(f"{TOPICS}?topic=constitutional-committee").content.decode()
        assert list(grid_rows(html, "topic-grid")) == ["topic-constitutional-committee"]

    def test_list_counts_sentences(self, client, archive):
        html = client.get(f"{TOPIC_LIST}?topic=idlib").content.decode()
        table = html.split('id="topic-table"')[1].split("</table>")[0]
        assert 'href="/rounds/13/topics/idlib/">1</a>' in table


class TestFacets:
    def test_build_grid_places_facts_and_keeps_empty_columns(self):
        rounds = [SimpleNamespace(pk=n) for n in (1, 2, 3)]
        a = SimpleNamespace(pk=10, sort_order=2, name="A")
        b = SimpleNamespace(pk=11, sort_order=1, name="B")
        facts = [
            SimpleNamespace(row=a, round_id=1),
            SimpleNamespace(row=a, round_id=3),
            SimpleNamespace(row=b, round_id=2),
            SimpleNamespace(row=b, round_id=9),  # outside the columns: left out
        ]
        grid = build_grid(
            facts,
            rounds,
            row_of=lambda f: f.row,
            row_sort=lambda h: h.sort_order,
            column_key=lambda r: r.pk,
            fact_column_key=lambda f: f.round_id,
        )
        assert [row.header.name for row in grid.rows] == ["B", "A"]
        assert grid.rows[0].cells == [None, facts[2], None]
        assert grid.rows[1].cells == [facts[0], None, facts[1]]
        assert grid.rows[1].filled == 2

    @pytest.mark.parametrize(
        ("share", "level"),
        [(0.0, 0), (0.29, 0), (0.3, 1), (1 / 3, 1), (0.5, 2), (0.6, 3), (0.75, 4), (1.0, 5)],
    )
    def test_heat_level_follows_the_share_not_the_count(self, share, level):
        assert heat_level(share) == level

    def test_heat_legend_covers_every_level(self):
        assert [level for level, _ in heat_legend()] == [1, 2, 3, 4, 5]
        assert heat_legend()[0][1] == "30\u201340%"
        assert heat_legend()[-1][1] == "85% or more"

    def test_head_tenures_group_consecutive_heads(self):
        def d(number, head, title=""):
            return SimpleNamespace(
                round=SimpleNamespace(number=number), head=head, head_title=title
            )

        tenures = head_tenures([d(1, "A", "envoy"), d(2, "A"), d(4, "A"), d(5, "B"), d(6, None)])
        assert [(t.head, t.first_round, t.last_round, t.rounds) for t in tenures] == [
            ("A", 1, 4, 3),
            ("B", 5, 5, 1),
            (None, 6, 6, 1),
        ]
        assert tenures[0].title == "envoy"


def test_date_ranges_read_naturally():
    from rounds.templatetags.archive import date_range

    assert date_range(date(2017, 3, 14), date(2017, 3, 15)) == "14\u201315 March 2017"
    assert date_range(date(2018, 7, 30), date(2018, 8, 1)) == "30 July \u2013 1 August 2018"
    assert (
        date_range(date(2018, 12, 31), date(2019, 1, 1)) == "31 December 2018 \u2013 1 January 2019"
    )
    assert date_range(date(2019, 8, 1), None) == "1 August 2019"
    assert date_range(None, None) == "date unknown"
