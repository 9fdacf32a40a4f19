"""Full exports are served from a file written once per archive version; filtered exports
are streamed from the database."""

from __future__ import annotations

import json
import threading
import time

import pytest
from django.db import connection
from django.http import FileResponse, StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from astana_site.export_files import open_export

pytestmark = pytest.mark.django_db


def content(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_repeated_full_export_reads_only_the_version(client, archive, settings):
    url = reverse("articles:article-list") + "?format=json"
    first = client.get(url)
    assert isinstance(first, FileResponse)
    rows = json.loads(content(first))
    assert len(rows) == 3
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    # The archive's version (read by the page cache, then by the export): no rows.
    assert 1 <= len(queries) <= 2
    assert all("archivestate" in q["sql"] for q in queries)
    assert json.loads(content(second)) == rows
    files = sorted(p.name for p in settings.EXPORT_CACHE_DIR.iterdir() if p.suffix == ".json")
    assert len(files) == 1
    assert second["Content-Type"] == "application/json; charset=utf-8"
    assert second["Content-Disposition"] == 'inline; filename="articles.json"'
    assert int(second["Content-Length"]) == len(content(client.get(url)))
    assert "articles" in files[0]


def test_a_change_writes_a_new_file_and_drops_the_old(client, archive, build, settings):
    url = reverse("articles:article-list") + "?format=csv"
    before = content(client.get(url)).decode()
    assert "Late report" not in before
    build.article("The 13th round ended.", title="Late report", round=13)
    after = client.get(url)
    assert after["Content-Disposition"] == 'attachment; filename="articles.csv"'
    assert "Late report" in content(after).decode()
    csv_files = [p for p in settings.EXPORT_CACHE_DIR.iterdir() if p.suffix == ".csv"]
    assert len(csv_files) == 1  # only the current version's file is kept


def test_each_list_and_format_has_its_own_file(client, archive, settings):
    for name in ("articles:article-list", "rounds:round-list", "rounds:delegation-list"):
        for fmt in ("csv", "json"):
            assert client.get(reverse(name) + f"?format={fmt}").status_code == 200
    exports = [p for p in settings.EXPORT_CACHE_DIR.iterdir() if p.suffix in (".csv", ".json")]
    assert len(exports) == 6
    rounds = json.loads(content(client.get(reverse("rounds:round-list") + "?format=json")))
    assert len(rounds) == 22


def test_filtered_exports_are_streamed_not_stored(client, archive, settings):
    response = client.get(reverse("articles:article-list") + "?publisher=TASS&format=json")
    assert isinstance(response, StreamingHttpResponse)
    assert not isinstance(response, FileResponse)
    assert [row["publisher"] for row in json.loads(content(response))] == ["TASS"]
    assert not settings.EXPORT_CACHE_DIR.exists() or not any(
        p.suffix == ".json" for p in settings.EXPORT_CACHE_DIR.iterdir()
    )


def test_concurrent_requests_write_the_file_once(settings, tmp_path, monkeypatch):
    settings.EXPORT_CACHE_DIR = tmp_path / "concurrent"
    monkeypatch.setattr("astana_site.export_files.archive_version", lambda: 7)
    writes = []
    started = threading.Barrier(4)

    def write():
        writes.append(1)
        time.sleep(0.2)  # long enough that the others arrive while it writes
        yield "[1, 2, 3]"

    results = []

    def fetch():
        started.wait()
        with open_export("/articles/", "json", write) as handle:
            results.append(handle.read())

    threads = [threading.Thread(target=fetch) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [b"[1, 2, 3]"] * 4
    assert len(writes) == 1


def test_an_unwritable_export_folder_still_answers(client, archive, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.EXPORT_CACHE_DIR = blocker / "exports"
    response = client.get(reverse("articles:article-list") + "?format=json")
    assert response.status_code == 200
    assert len(json.loads(content(response))) == 3
