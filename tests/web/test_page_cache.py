"""The public page cache: a repeat visit costs one query, and any change shows at once."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from rounds.models import Delegation, Participant, Party, Round
from rounds.provenance import EditorialState
from tests.ingest.conftest import ROUND_14, write

pytestmark = pytest.mark.django_db


def test_repeat_visit_is_served_from_the_cache(client, django_assert_num_queries):
    url = reverse("rounds:round-detail", kwargs={"number": 12})
    first = client.get(url)
    with django_assert_num_queries(1):  # the archive's version, nothing else
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_an_editors_change_shows_at_once(client):
    url = reverse("rounds:round-detail", kwargs={"number": 12})
    assert "Pavel Korin" not in client.get(url).content.decode()
    Delegation.objects.create(
        round=Round.objects.get(number=12),
        party=Party.objects.get(name="Russia"),
        role="guarantor",
        head=Participant.objects.create(name="Pavel Korin"),
        state=EditorialState.ADDED,
    )
    assert "Pavel Korin" in client.get(url).content.decode()


def test_an_ingest_shows_at_once(client, tmp_path):
    url = reverse("rounds:round-detail", kwargs={"number": 14})
    assert "Lavrentiev" not in client.get(url).content.decode()
    write(tmp_path, "a.txt", ROUND_14)
    call_command("ingest", "--no-progress", str(tmp_path), stdout=io.StringIO())
    assert "Lavrentiev" in client.get(url).content.decode()


def test_signed_in_staff_always_get_a_fresh_page(admin_client, django_assert_max_num_queries):
    url = reverse("rounds:round-detail", kwargs={"number": 12})
    admin_client.get(url)
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response.wsgi_request.user.is_staff  # went through the whole stack again


def test_query_string_is_part_of_the_key(client):
    url = reverse("rounds:round-list")
    all_rounds = client.get(url).content
    filtered = client.get(url + "?year=2017").content
    assert b'href="/rounds/22/"' in all_rounds
    assert b'href="/rounds/22/"' not in filtered
    assert b'href="/rounds/3/"' in filtered


def test_workers_trust_the_version_they_read_for_a_moment(client, settings):
    settings.PAGE_CACHE_VERSION_SECONDS = 3600
    url = reverse("rounds:round-detail", kwargs={"number": 12})
    client.get(url)  # reads the version and caches the page
    Delegation.objects.create(
        round=Round.objects.get(number=12),
        party=Party.objects.get(name="Russia"),
        role="guarantor",
        head=Participant.objects.create(name="Pavel Korin"),
        state=EditorialState.ADDED,
    )
    assert "Pavel Korin" not in client.get(url).content.decode()  # within the moment
    settings.PAGE_CACHE_VERSION_SECONDS = 0
    assert "Pavel Korin" in client.get(url).content.decode()
