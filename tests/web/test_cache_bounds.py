"""The public page cache cannot be inflated from outside, is bounded by bytes, and can be
shared between machines through Redis (CACHE_URL)."""

from __future__ import annotations

import os
import uuid

import pytest
from django.core.cache import cache
from django.urls import reverse

from astana_site.cache import BoundedLocMemCache
from tests.conftest import unavailable
from tests.test_settings import run_python

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def page_keys() -> list[str]:
    return [key for key in cache._cache if ":page:" in key]


def test_invented_query_parameters_add_nothing_to_the_cache(client):
    url = reverse("rounds:round-list")
    client.get(url)
    before = len(page_keys())
    for n in range(40):
        response = client.get(f"{url}?x={n}")
        assert response.status_code == 200
    assert len(page_keys()) == before


def test_parameters_the_page_reads_are_still_cached(client, django_assert_num_queries):
    url = reverse("rounds:round-list") + "?year=2017&page=1"
    first = client.get(url)
    with django_assert_num_queries(1):  # the archive's version only
        second = client.get(url)
    assert second.content == first.content


def test_the_cache_is_bounded_by_bytes(client, settings):
    page = client.get(reverse("rounds:round-detail", kwargs={"number": 1})).content
    limit = len(page) * 4
    settings.CACHES = {
        "default": {
            "BACKEND": "astana_site.cache.BoundedLocMemCache",
            "LOCATION": f"bounded-{uuid.uuid4()}",
            "OPTIONS": {"MAX_ENTRIES": 10_000, "MAX_BYTES": limit},
        }
    }
    for number in range(1, 23):
        assert client.get(reverse("rounds:round-detail", kwargs={"number": number})).status_code
    from django.core.cache import caches

    bounded = caches["default"]
    assert isinstance(bounded, BoundedLocMemCache)
    assert 0 < bounded.total_bytes <= limit
    assert 1 <= len(bounded._cache) < 22
    # The most recent page stays; the oldest went first.
    assert any(key.endswith("/rounds/22/") for key in bounded._cache)
    assert not any(key.endswith("/rounds/1/") for key in bounded._cache)
    bounded.clear()


def test_cache_url_selects_djangos_redis_backend():
    result = run_python(
        "-c",
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION'])",
        DEBUG="1",
        CACHE_URL="redis://cache.internal:6379/2",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "redis://cache.internal:6379/2",
    ]
    result = run_python("manage.py", "check", DEBUG="1", CACHE_URL="memcache://x")
    assert result.returncode != 0
    assert "CACHE_URL" in result.stderr


@pytest.fixture
def redis_cache(settings):
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as error:
        unavailable(f"Redis is unreachable at {REDIS_URL}: {error}")
    prefix = f"astana-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    try:
        yield client, prefix
    finally:
        # Never FLUSHDB: the server may be shared; remove only this test's keys.
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)


def test_pages_are_shared_through_redis(client, redis_cache, django_assert_num_queries):
    redis_client, prefix = redis_cache
    url = reverse("rounds:round-detail", kwargs={"number": 12})
    first = client.get(url)
    assert any(b"/rounds/12/" in key for key in redis_client.scan_iter(f"{prefix}:*"))
    with django_assert_num_queries(1):
        second = client.get(url)
    assert second.content == first.content
    client.get(url + "?x=1")
    assert not any(b"x=1" in key for key in redis_client.scan_iter(f"{prefix}:*"))
