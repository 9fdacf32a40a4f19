"""A page from the page cache answers as the view would (headers, Host check), and every page
carries a Content-Security-Policy that its own markup satisfies (no inline script or style)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = [
    ("rounds:home", {}),
    ("rounds:round-list", {}),
    ("rounds:round-detail", {"number": 13}),
    ("articles:article-list", {}),
]


def headers_of(response) -> dict[str, str]:
    return {name.lower(): value for name, value in response.items()}


def test_a_cached_page_keeps_every_header_of_the_first(client, django_assert_num_queries):
    url = reverse("rounds:round-detail", kwargs={"number": 12})
    first = client.get(url)
    with django_assert_num_queries(1):  # served from the cache
        second = client.get(url)
    assert second["X-Frame-Options"] == "DENY"
    assert headers_of(second) == headers_of(first)


def test_a_cached_page_refuses_a_host_outside_allowed_hosts(client):
    url = reverse("rounds:round-detail", kwargs={"number": 12})
    assert client.get(url).status_code == 200  # now cached
    response = client.get(url, HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert b"Lavrentiev" not in response.content


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_pages_send_a_policy_their_markup_satisfies(client, archive, name, kwargs):
    for attempt in ("fresh", "cached"):
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 200, attempt
        policy = response["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["script-src"] == "'self'"
        assert directives["style-src"] == "'self'"
        assert directives["frame-ancestors"] == "'none'"
        assert directives["object-src"] == "'none'"
    html = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script"
    assert "<style" not in html and " style=" not in html, "inline style"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"


def test_admin_pages_satisfy_the_policy_too(admin_client, client):
    for response in (
        client.get(reverse("admin:login")),
        admin_client.get(reverse("admin:index")),
        admin_client.get(reverse("admin:rounds_round_changelist")),
    ):
        assert response.status_code == 200
        assert "script-src 'self'" in response["Content-Security-Policy"]
        html = response.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script"
        assert "<style" not in html, "inline style element"
