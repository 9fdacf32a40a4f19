"""Every public URL answers 200 with its key content, on one small archive."""

from __future__ import annotations

import pytest
from django.urls import reverse


def public_urls(archive: dict) -> list[tuple[str, str]]:
    """(url, text the page must contain) for every public page and export."""
    report = archive["report"]
    lavrentiev = archive["lavrentiev"]
    pages = [
        (reverse("rounds:home"), "Rounds by year"),
        (reverse("rounds:round-list"), "Alexander Lavrentiev"),
        (reverse("rounds:round-detail", kwargs={"number": 13}), "Ali Asghar Khaji"),
        (
            reverse("rounds:round-topic", kwargs={"number": 13, "slug": "idlib"}),
            "situation in Idlib",
        ),
        (reverse("rounds:delegation-grid"), "Alexander Lavrentiev"),
        (reverse("rounds:delegation-list"), "Russian presidential envoy for Syria"),
        (reverse("rounds:observer-grid"), "Lebanon"),
        (reverse("rounds:observer-list"), "Lebanon"),
        (reverse("rounds:topic-grid"), "Idlib"),
        (reverse("rounds:topic-list"), "Constitutional Committee"),
        (reverse("rounds:participant-list"), "Ali Asgahr Khaji"),
        (lavrentiev.get_absolute_url(), "Alexander Lavrentyev"),
        (reverse("rounds:party-list"), "Syrian government"),
        (reverse("rounds:party-detail", kwargs={"slug": "russia"}), "Alexander Lavrentiev"),
        (reverse("articles:article-list"), "Ankara summit on Syria"),
        (report.get_absolute_url(), "Lebanon and Iraq attended"),
    ]
    exports = []
    for url, _ in pages:
        if url in (report.get_absolute_url(), lavrentiev.get_absolute_url()):
            continue
        if "/parties/russia/" in url or url == reverse("rounds:home"):
            continue
        if url.rstrip("/").split("/")[-1].isdigit():  # round detail
            continue
        exports.append((f"{url}?format=csv", ""))
        exports.append((f"{url}?format=json", ""))
    return pages + exports


@pytest.mark.django_db
def test_every_public_url_answers(client, archive):
    for url, text in public_urls(archive):
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert text.encode() in body, (url, text)


@pytest.mark.django_db
def test_every_html_page_has_one_base_layout(client, archive):
    for url, _ in public_urls(archive):
        if "format=" in url:
            continue
        html = client.get(url).content.decode()
        assert html.count('<main id="main"') == 1, url
        assert 'href="#main"' in html, url  # skip link
        assert 'aria-label="Main"' in html, url
        assert "<footer" in html, url
        assert "· Astana talks archive</title>" in html, url
        if url != reverse("rounds:home"):
            assert 'aria-label="Breadcrumb"' in html, url
