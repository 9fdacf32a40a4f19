"""Participants (list with search, detail) and parties (list, detail with heads over time)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from rounds.provenance import EditorialState

pytestmark = pytest.mark.django_db

PARTICIPANTS = reverse("rounds:participant-list")


def listed_names(html: str) -> list[str]:
    body = html.split('id="participant-table"')[1].split("</table>")[0]
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', body)


class TestParticipantList:
    def test_lists_people_with_party_rounds_and_spellings(self, client, archive):
        html = client.get(PARTICIPANTS).content.decode()
        assert listed_names(html) == [
            "Alexander Lavrentiev",
            "Ali Asghar Khaji",
            "Bashar al-Jaafari",
        ]
        row = html.split(">Ali Asghar Khaji</a></th>")[1].split("</tr>")[0]
        assert "Iran" in row
        assert "rounds 12\u201313" in row
        assert "Ali Asgahr Khaji; Ali Asghar Haji" in row
        jaafari = html.split(">Bashar al-Jaafari</a></th>")[1].split("</tr>")[0]
        assert "none" in jaafari  # his only delegation was rejected

    @pytest.mark.parametrize(
        ("q", "names"),
        [
            ("lavrentyev", ["Alexander Lavrentiev"]),  # alias, any case
            ("Ali", ["Ali Asghar Khaji"]),
            ("bashar-al-jaafari", ["Bashar al-Jaafari"]),  # slug
            ("zzz", []),
        ],
    )
    def test_search_by_name_alias_or_slug(self, client, archive, q, names):
        html = client.get(f"{PARTICIPANTS}?q={q}").content.decode()
        if names:
            assert listed_names(html) == names
        else:
            assert "Nobody matches these filters." in html

    def test_filter_by_party_headed(self, client, archive):
        html = client.get(f"{PARTICIPANTS}?party=iran").content.decode()
        assert listed_names(html) == ["Ali Asghar Khaji"]
        # Bashar al-Jaafari's United States delegation was rejected: it does not count.
        html = client.get(f"{PARTICIPANTS}?party=united-states").content.decode()
        assert "Nobody matches these filters." in html


class TestParticipantDetail:
    def test_every_round_attended_with_role_and_title_and_all_aliases(self, client, archive):
        url = archive["khaji"].get_absolute_url()
        assert url == "/participants/ali-asghar-khaji/"
        html = client.get(url).content.decode()
        assert "<h1>Ali Asghar Khaji</h1>" in html
        aliases = html.split('id="aliases"')[1].split("</ul>")[0]
        for alias in ("Ali Asghar Haji", "Ali Asgahr Khaji"):
            assert alias in aliases
        table = html.split('id="attendance-table"')[1].split("</table>")[0]
        assert re.findall(r">Round (\d+)</a>", table) == ["12", "13"]
        assert "senior assistant to the foreign minister" in table
        assert "Guarantor" in table
        assert "Astana talks: 13th round ends in Nur-Sultan" in html  # names him as head

    def test_rejected_attendance_is_not_shown(self, client, archive):
        report = archive["report"]
        archive["rejected_delegation"].mentions.create(
            article=report, sentence="Jaafari led them.", head=archive["jaafari"]
        )
        html = client.get(archive["jaafari"].get_absolute_url()).content.decode()
        assert "United States" not in html
        assert "No round is known where Bashar al-Jaafari headed a delegation." in html
        assert report.title not in html  # the article names him only for the rejected fact

    def test_unknown_slug_is_a_404(self, client, archive):
        url = reverse("rounds:participant-detail", kwargs={"slug": "nobody"})
        assert client.get(url).status_code == 404


class TestParties:
    def test_party_list_counts_rounds(self, client, archive):
        html = client.get(reverse("rounds:party-list")).content.decode()
        russia = html.split('href="/parties/russia/">Russia</a>')[1].split("</tr>")[0]
        assert 'href="/delegations/list/?party=russia">2</a>' in russia
        jordan = html.split('href="/parties/jordan/">Jordan</a>')[1].split("</tr>")[0]
        assert 'href="/observers/list/?party=jordan">1</a>' in jordan
        us = html.split('href="/parties/united-states/">United States</a>')[1].split("</tr>")[0]
        assert ">1</a>" not in us  # its delegation and observer seat were rejected

    def test_party_detail_rounds_and_heads_over_time(self, client, archive, build):
        newcomer = build.participant("Mikhail Bogdanov")
        build.delegation(14, "russia", newcomer, title="deputy foreign minister")
        url = reverse("rounds:party-detail", kwargs={"slug": "russia"})
        assert url == "/parties/russia/"
        html = client.get(url).content.decode()
        tenures = html.split('id="tenures"')[1].split("</ol>")[0]
        assert "Rounds 12\u201313" in tenures
        assert "Alexander Lavrentiev" in tenures
        assert "Round 14" in tenures
        assert "Mikhail Bogdanov" in tenures
        table = html.split('id="party-delegations"')[1].split("</table>")[0]
        assert re.findall(r">Round (\d+)</a>", table) == ["12", "13", "14"]
        assert "Russian Federation" in html  # an alias

    def test_observer_party_detail(self, client, archive, build):
        build.observer(14, "lebanon", state=EditorialState.CONFIRMED)
        html = client.get(
            reverse("rounds:party-detail", kwargs={"slug": "lebanon"})
        ).content.decode()
        observed = html.split('id="party-observed"')[1].split("</ul>")[0]
        assert re.findall(r">Round (\d+)</a>", observed) == ["13", "14"]
        assert "No delegation of Lebanon is known." in html

    def test_unknown_party_is_a_404(self, client, archive):
        assert client.get("/parties/atlantis/").status_code == 404
