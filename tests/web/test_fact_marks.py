"""Where each fact comes from, at a glance: a quiet mark per editorial state, in words for
screen readers, explained by one legend on every page that shows facts; and the delegations
grid's compact cells leading to each delegation's evidence."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from rounds.fact_views import compact_name
from rounds.provenance import EditorialState

pytestmark = pytest.mark.django_db

LEGEND = 'class="legend fact-legend"'


def row(html: str, row_id: str) -> str:
    return html.split(f'id="{row_id}"')[1].split("</tr>")[0]


def test_each_state_has_its_own_mark_with_words(client, archive, build):
    build.delegation(13, "turkey", build.participant("Sedat Onal"), state=EditorialState.CHANGED)
    html = client.get("/rounds/13/").content.decode()
    russia, iran, turkey = (
        row(html, f"delegation-{slug}") for slug in ("russia", "iran", "turkey")
    )
    assert "fact-mark-confirmed" in russia and "(confirmed by an editor)" in russia
    assert "fact-mark-extracted" in iran
    assert "(extracted by the software, not yet checked)" in iran
    assert "fact-mark-edited" in turkey and "(edited by an editor)" in turkey
    assert "badge-extracted" not in html  # the loud badge is gone


@pytest.mark.parametrize(
    "url",
    [
        "/rounds/",
        "/rounds/13/",
        "/rounds/13/delegations/iran/",
        "/rounds/13/topics/idlib/",
        "/delegations/",
        "/delegations/list/",
        "/observers/",
        "/observers/list/",
        "/topics/",
        "/topics/list/",
        "/parties/russia/",
        "participant",
        "article",
    ],
)
def test_every_page_with_facts_explains_the_marks_once(client, archive, url):
    if url == "participant":
        url = archive["khaji"].get_absolute_url()
    elif url == "article":
        url = archive["report"].get_absolute_url()
    html = client.get(url).content.decode()
    assert html.count(LEGEND) == 1, url
    legend = html.split(LEGEND)[1].split("</ul>")[0]
    assert "extracted by the software" in legend
    assert "editor" in legend


def test_lists_without_facts_have_no_legend(client, archive):
    assert LEGEND not in client.get("/participants/").content.decode()


class TestDelegationGridCells:
    def test_a_cell_shows_the_surname_and_links_to_the_delegation_evidence(self, client, archive):
        html = client.get(reverse("rounds:delegation-grid")).content.decode()
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row(html, "party-iran"), re.S)
        cell = cells[12]  # round 13
        assert 'href="/rounds/13/delegations/iran/"' in cell
        assert '<span aria-hidden="true">Khaji</span>' in cell
        # The full name, title and state: the tooltip and the link text for screen readers.
        hidden = re.search(r'<span class="visually-hidden">([^<]*)</span>', cell).group(1)
        assert "Iran at round 13: Ali Asghar Khaji, senior assistant" in hidden
        assert 'title="Iran at round 13: Ali Asghar Khaji' in cell

    def test_the_evidence_page_the_cell_links_to_exists(self, client, archive):
        response = client.get("/rounds/13/delegations/iran/")
        assert response.status_code == 200
        assert "Ali Asghar Khaji" in response.content.decode()

    def test_a_delegation_without_a_named_head_still_links_its_evidence(self, client, build):
        build.delegation(5, "turkey")
        html = client.get(reverse("rounds:delegation-grid")).content.decode()
        cell = re.findall(r"<td[^>]*>(.*?)</td>", row(html, "party-turkey"), re.S)[4]
        assert 'href="/rounds/5/delegations/turkey/"' in cell
        assert "head not named" in cell


@pytest.mark.parametrize(
    ("name", "compact"),
    [
        ("Alexander Lavrentiev", "Lavrentiev"),
        ("Ali Asghar Khaji", "Khaji"),
        ("Bashar al-Jaafari", "al-Jaafari"),
        ("Onal", "Onal"),
        ("Ceasefire-monitoring-mechanism Participant", "Participant"),
        ("Jean Ceasefire-monitoring-mechanism", "J. C."),
    ],
)
def test_compact_names(name, compact):
    assert compact_name(name) == compact
