"""HTTP caching of the public pages: validators from the archive's version, 304 answers to
conditional requests while the archive has not changed, and Cache-Control that keeps editors'
pages and the admin out of every cache."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.http import http_date, parse_http_date

from rounds.models import ArchiveState
from rounds.provenance import EditorialState
from rounds.versioning import bump_archive_version

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/rounds/", "/rounds/13/", "/delegations/", "/participants/", "/articles/"]


@pytest.fixture(params=[0, 600], ids=["page-cache-off", "page-cache-on"])
def page_cache(request, settings) -> int:
    """HTTP caching behaves the same whether the server-side page cache answers or not."""
    settings.PAGE_CACHE_SECONDS = request.param
    return request.param


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_carry_validators_and_cache_control(client, archive, page_cache, url):
    response = client.get(url)
    assert response.status_code == 200
    version = ArchiveState.objects.get(pk=1).version
    assert response["ETag"].startswith(f'W/"archive-{version}-')
    assert parse_http_date(response["Last-Modified"]) <= timezone.now().timestamp() + 1
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "must-revalidate" in cache_control
    assert "max-age=60" in cache_control
    assert "Cookie" in response["Vary"]


def test_a_matching_etag_is_answered_304_without_reading_the_archive(
    client, archive, page_cache, django_assert_max_num_queries
):
    etag = client.get("/rounds/13/")["ETag"]
    with django_assert_max_num_queries(1):  # the archive's version, nothing else
        response = client.get("/rounds/13/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_a_change_to_the_archive_changes_the_etag(client, archive, page_cache):
    first = client.get("/rounds/13/")
    archive["iran"].state = EditorialState.CONFIRMED
    archive["iran"].save()  # as an editor's save does, this bumps the archive's version
    response = client.get("/rounds/13/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]
    assert parse_http_date(response["Last-Modified"]) >= parse_http_date(first["Last-Modified"])


def test_if_modified_since(client, archive, page_cache):
    last_modified = client.get("/rounds/")["Last-Modified"]
    assert client.get("/rounds/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    earlier = http_date(parse_http_date(last_modified) - 3600)
    bump_archive_version()
    # A change a few seconds later (Last-Modified counts whole seconds).
    ArchiveState.objects.filter(pk=1).update(changed_at=timezone.now() + timedelta(seconds=5))
    assert client.get("/rounds/", HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200
    assert client.get("/rounds/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 200


def test_a_full_export_is_validated_too(client, archive):
    response = client.get("/delegations/list/?format=csv")
    assert response.status_code == 200
    again = client.get("/delegations/list/?format=csv", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_a_missing_page_gets_no_validators(client, archive):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert not response.has_header("ETag")
    assert "public" not in response.get("Cache-Control", "")


def test_a_signed_in_editor_gets_private_pages_never_stored(client, archive, staff_user):
    client.force_login(staff_user)
    response = client.get("/rounds/13/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert not response.has_header("ETag")
    # Whatever a visitor's cache holds, an editor's page is never a 304.
    assert client.get("/rounds/13/", HTTP_IF_NONE_MATCH="*").status_code == 200


def test_the_admin_is_never_stored(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/admin/")
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control
    login = client.get("/admin/login/")  # also before signing in
    assert "no-store" in login["Cache-Control"] or "no-cache" in login["Cache-Control"]


def test_a_new_release_of_the_code_changes_the_etag(
    client, archive, page_cache, settings, tmp_path
):
    """After a deploy that changes a template, a browser's old ETag gets the new page, and the
    shared page cache does not answer with the old rendering."""
    from astana_site.release import code_release

    first = client.get("/rounds/")
    template_dir = tmp_path / "templates"
    template_dir.mkdir()
    (template_dir / "changed.html").write_text("<p>a changed template</p>")
    settings.BASE_DIR = tmp_path  # a checkout of another release
    code_release.cache_clear()
    try:
        response = client.get("/rounds/", HTTP_IF_NONE_MATCH=first["ETag"])
        assert response.status_code == 200
        assert response["ETag"] != first["ETag"]
        assert response["ETag"].startswith(
            first["ETag"].rsplit("-", 1)[0]
        )  # same archive, same day
    finally:
        code_release.cache_clear()
