"""Friendly 404 and 500 pages in the site's layout."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from astana_site.views import server_error


@pytest.mark.django_db
def test_unknown_address_gets_a_friendly_404(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<title>Page not found · Astana talks archive</title>" in html
    assert "<code>/no/such/page/</code>" in html
    assert 'href="/rounds/"' in html
    assert '<main id="main"' in html


@pytest.mark.django_db
def test_missing_object_gets_the_same_404(client):
    response = client.get("/rounds/404/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_server_error_page_needs_no_database():
    # No django_db mark: any query here would fail the test.
    response = server_error(RequestFactory().get("/rounds/13/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>Something went wrong</h1>" in html
    assert 'href="/"' in html
    assert '<main id="main"' in html
