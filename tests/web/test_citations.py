"""“Cite this” on round and article pages: the plain citation, BibTeX and CSL-JSON."""

from __future__ import annotations

import json
import re

import pytest
from django.utils import timezone

from rounds.versioning import archive_version


@pytest.mark.django_db
def test_round_page_shows_a_citation_with_url_version_and_access_date(client, archive):
    body = client.get("/rounds/13/").content.decode()
    text = re.search(r'<p class="citation" id="citation-text">(.*?)</p>', body, re.S)[1]
    today = timezone.localdate()
    assert "Round 13 of the Astana talks on Syria" in text
    assert text.count("2019") == 1  # the round's days, said once
    assert "http://testserver/rounds/13/" in text
    assert f"version {archive_version()}" in text
    assert f"Accessed {today.day} {today:%B %Y}" in text
    assert 'href="/rounds/13/cite.bib"' in body and 'href="/rounds/13/cite.json"' in body


@pytest.mark.django_db
def test_article_page_shows_its_citation(client, archive):
    report = archive["report"]
    body = client.get(report.get_absolute_url()).content.decode()
    text = re.search(r'<p class="citation" id="citation-text">(.*?)</p>', body, re.S)[1]
    assert "Kazinform, 2 August 2019" in text
    assert f"http://testserver/articles/{report.pk}/" in text
    assert f'href="/articles/{report.pk}/cite.bib"' in body


@pytest.mark.django_db
def test_bibtex_download(client, archive):
    response = client.get("/rounds/13/cite.bib")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-bibtex")
    assert 'filename="astana-round-13.bib"' in response["Content-Disposition"]
    entry = response.content.decode()
    assert entry.startswith("@online{astana-round-13,\n")
    assert "  url = {http://testserver/rounds/13/}" in entry
    assert f"  urldate = {{{timezone.localdate().isoformat()}}}" in entry
    assert f"  version = {{{archive_version()}}}" in entry
    assert entry.count("{") == entry.count("}")


@pytest.mark.django_db
def test_bibtex_escapes_latex_specials(client, build):
    article = build.article(title="Aid & 100% access_for {all} #Syria", publisher="A&B News")
    entry = client.get(f"/articles/{article.pk}/cite.bib").content.decode()
    assert r"title = {{Aid \& 100\% access\_for \{all\} \#Syria}}" in entry
    assert r"organization = {A\&B News}" in entry


@pytest.mark.django_db
def test_csl_json_download(client, archive):
    report = archive["report"]
    response = client.get(f"/articles/{report.pk}/cite.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.citationstyles.csl+json")
    [item] = json.loads(response.content)
    today = timezone.localdate()
    assert item["id"] == f"astana-article-{report.pk}"
    assert item["type"] == "article-newspaper"
    assert item["title"] == report.title
    assert item["container-title"] == "Kazinform"
    assert item["issued"] == {"date-parts": [[2019, 8, 2]]}
    assert item["accessed"] == {"date-parts": [[today.year, today.month, today.day]]}
    assert item["URL"] == f"http://testserver/articles/{report.pk}/"
    assert item["version"] == str(archive_version())


@pytest.mark.django_db
def test_citation_of_an_unknown_round_or_article_is_404(client, archive):
    assert client.get("/rounds/99/cite.bib").status_code == 404
    assert client.get("/articles/999999/cite.json").status_code == 404
