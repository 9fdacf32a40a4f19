"""The whole archive downloadable from the site: the same document `manage.py export` writes,
linked from every page's footer, written once per archive version."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from rounds.models import ArchiveState
from rounds.provenance import EditorialState

pytestmark = pytest.mark.django_db

DOWNLOAD = reverse("export-archive")


def exported_by_the_command() -> dict:
    out = io.StringIO()
    call_command("export", "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def downloaded(response) -> dict:
    return json.loads(b"".join(response.streaming_content))


def test_every_page_links_to_the_export_page(client, archive):
    for url in ("/", "/rounds/13/", "/articles/"):
        assert f'href="{reverse("export")}"' in client.get(url).content.decode(), url


def test_the_export_page_offers_the_download(client, archive):
    response = client.get(reverse("export"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{DOWNLOAD}"' in html
    version = ArchiveState.objects.get(pk=1).version
    assert f"version {version}" in html


def test_the_download_is_the_command_s_export(client, archive):
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    version = ArchiveState.objects.get(pk=1).version
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="astana-talks-archive-v{version}.json"'
    )
    document = downloaded(response)
    assert document == exported_by_the_command()
    round_13 = next(r for r in document["rounds"] if r["number"] == 13)
    assert {d["party"] for d in round_13["delegations"]} == {"Russia", "Iran"}  # no rejected


def test_a_change_to_the_archive_is_in_the_next_download(client, archive):
    before = downloaded(client.get(DOWNLOAD))
    archive["iran"].state = EditorialState.REJECTED
    archive["iran"].save()
    after = downloaded(client.get(DOWNLOAD))
    parties = {r["number"]: {d["party"] for d in r["delegations"]} for r in after["rounds"]}
    assert parties[13] == {"Russia"}
    assert before != after


def test_the_download_is_written_once_per_version(client, archive, django_assert_max_num_queries):
    downloaded(client.get(DOWNLOAD))
    with django_assert_max_num_queries(1):  # the version; the rest is the file
        again = downloaded(client.get(DOWNLOAD))
    assert again == exported_by_the_command()
