"""A head's support is counted and quoted for that head, competing claims beside it, and
"N sources" leads to every piece of evidence for the fact, with CSV/JSON."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

from rounds.models import DelegationMention
from rounds.provenance import EditorialState

pytestmark = pytest.mark.django_db


@pytest.fixture
def disputed(build) -> dict:
    """Turkey at round 7: two articles name Ayla Demir as head, three name Omar Kaya,
    one names nobody; the delegation shows Demir."""
    demir = build.participant("Ayla Demir")
    kaya = build.participant("Omar Kaya")
    delegation = build.delegation(7, "turkey", demir, title="deputy minister")
    claims = [(demir, 2), (kaya, 3), (None, 1)]
    for person, count in claims:
        for k in range(count):
            name = person.name if person else "nobody"
            sentence = (
                f"The Turkish side was led by {name} in report {k}."
                if person
                else "Turkey also took part."
            )
            article = build.article(sentence, title=f"{name} report {k}", round=7)
            DelegationMention.objects.create(
                delegation=delegation,
                article=article,
                sentence=sentence,
                head=person,
                head_title="minister" if person is kaya else "deputy minister",
                confidence=0.9 - k / 10,
                rule="head:passive-led-by" if person else "presence:list",
            )
    return {"demir": demir, "kaya": kaya, "delegation": delegation}


def row_of(html: str, party: str) -> str:
    return html.split(f'<tr id="delegation-{party}">')[1].split("</tr>")[0]


class TestHeadSupportOnRoundPage:
    url = reverse("rounds:round-detail", kwargs={"number": 7})

    def test_counts_only_the_articles_naming_the_head_shown(self, client, disputed):
        row = row_of(client.get(self.url).content.decode(), "turkey")
        assert "6 sources" in row  # the articles mentioning the delegation at all
        assert "Named as head in 2 articles" in row
        assert "The Turkish side was led by Ayla Demir in report 0." in row

    def test_competing_claims_are_counted_and_quoted(self, client, disputed):
        row = row_of(client.get(self.url).content.decode(), "turkey")
        assert "Also named as head: Omar Kaya in 3 articles" in row
        assert "The Turkish side was led by Omar Kaya in report 0." in row
        evidence = reverse("rounds:delegation-evidence", kwargs={"number": 7, "slug": "turkey"})
        assert f'href="{evidence}?head={disputed["kaya"].slug}"' in row

    def test_after_an_editor_changes_the_head_the_quotes_support_the_new_head(
        self, client, disputed
    ):
        delegation = disputed["delegation"]
        delegation.head = disputed["kaya"]
        delegation.state = EditorialState.CHANGED
        delegation.save()
        row = row_of(client.get(self.url).content.decode(), "turkey")
        assert "Named as head in 3 articles" in row
        assert "Also named as head: Ayla Demir in 2 articles" in row
        supporting = row.split("Named as head in 3 articles")[1].split("Also named")[0]
        assert "Omar Kaya in report 0" in supporting
        assert "Ayla Demir in report" not in supporting

    def test_a_head_no_article_names_is_said_to_be_set_by_an_editor(self, client, build, disputed):
        delegation = disputed["delegation"]
        delegation.head = build.participant("Nadia Aksoy")
        delegation.state = EditorialState.CHANGED
        delegation.save()
        row = row_of(client.get(self.url).content.decode(), "turkey")
        assert "Head set by an editor" in row
        assert "Named as head in" not in row
        assert "Also named as head: Omar Kaya in 3 articles" in row


class TestFactEvidencePage:
    def url(self, slug: str = "turkey", kind: str = "delegation") -> str:
        return reverse(f"rounds:{kind}-evidence", kwargs={"number": 7, "slug": slug})

    def test_lists_every_supporting_sentence_with_whom_it_names(self, client, disputed):
        response = client.get(self.url())
        assert response.status_code == 200
        html = response.content.decode()
        assert html.count("<blockquote><p>") == 6
        assert "Also named as head:" in html
        assert "head:passive-led-by" in html

    def test_head_filter_narrows_to_the_articles_naming_that_person(self, client, disputed):
        html = client.get(self.url() + f"?head={disputed['kaya'].slug}").content.decode()
        assert html.count("<blockquote><p>") == 3
        assert "Ayla Demir in report" not in html.split('id="sentences"')[1]
        none = client.get(self.url() + "?head=none").content.decode()
        assert none.count("<blockquote><p>") == 1

    def test_unknown_fact_or_head_is_404(self, client, disputed):
        assert client.get(self.url("iran")).status_code == 404
        assert client.get(self.url() + "?head=nobody-at-all").status_code == 404

    def test_csv_and_json_carry_article_sentence_confidence_and_head(self, client, disputed):
        response = client.get(self.url() + "?format=csv")
        rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
        assert len(rows) == 6
        assert {"article_url", "sentence", "confidence", "head_named", "rule"} <= set(rows[0])
        assert sum(row["supports_head_shown"] == "true" for row in rows) == 2
        data = json.loads(b"".join(client.get(self.url() + "?format=json").streaming_content))
        assert sorted({row["head_named"] or "" for row in data}) == ["", "Ayla Demir", "Omar Kaya"]

    def test_pages_through_many_sentences(self, client, build, disputed):
        delegation = disputed["delegation"]
        for k in range(60):
            article = build.article(f"Turkey was there, note {k}.", round=7)
            DelegationMention.objects.create(
                delegation=delegation, article=article, sentence=f"Turkey was there, note {k}."
            )
        html = client.get(self.url()).content.decode()
        assert html.count("<blockquote><p>") == 50
        assert "Page 1 of 2" in html

    def test_observer_evidence_page(self, client, build):
        article = build.article("Jordan attended as an observer.", round=7)
        build.observer(7, "jordan", article=article, sentence="Jordan attended as an observer.")
        response = client.get(self.url("jordan", "observer"))
        assert "Jordan attended as an observer." in response.content.decode()
        round_page = client.get(reverse("rounds:round-detail", kwargs={"number": 7}))
        assert self.url("jordan", "observer") in round_page.content.decode()


def test_fact_lists_link_each_count_of_sources_to_its_evidence(client, disputed, build):
    html = client.get(reverse("rounds:delegation-list") + "?party=turkey").content.decode()
    evidence = reverse("rounds:delegation-evidence", kwargs={"number": 7, "slug": "turkey"})
    assert f'<a href="{evidence}">6</a>' in html
    article = build.article("Jordan attended.", round=7)
    build.observer(7, "jordan", article=article, sentence="Jordan attended.")
    html = client.get(reverse("rounds:observer-list") + "?party=jordan").content.decode()
    assert '<a href="/rounds/7/observers/jordan/">1</a>' in html


def test_fact_grids_show_facet_counts_beside_their_choices(client, disputed, build):
    build.delegation(8, "turkey", disputed["kaya"])
    build.delegation(8, "iran", disputed["kaya"])
    html = client.get(reverse("rounds:delegation-grid") + "?party=turkey").content.decode()
    parties = html.split('name="party"')[1].split("</select>")[0]
    assert "Turkey (2)</option>" in parties and "Iran (1)</option>" in parties
    roles = html.split('name="role"')[1].split("</select>")[0]
    assert "Guarantor (2)</option>" in roles  # Turkey's two, the party filter applied
