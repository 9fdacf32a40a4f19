"""A cache for the public pages, valid while the archive has not changed.

The archive is read far more than it is written, and it changes only through ingest and the
admin, both of which bump the archive's version. A page is cached under that version and its
full URL, so a change is visible on every worker as soon as it reads the version again (at
most PAGE_CACHE_VERSION_SECONDS later); a cached page costs no query otherwise.

Only URLs whose query parameters the view reads are cached (its filters, `page`, `format`):
anyone can invent `?x=1`, `?x=2`, ... and each would otherwise be a new entry. The cache
itself is bounded by bytes per worker (CACHE_MAX_BYTES), or shared (CACHE_URL, e.g. Redis).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from rounds.versioning import archive_version

UNCACHED_PREFIXES = ("/admin", "/static", "/healthz")


class PublicPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._version = 0
        self._version_read_at = float("-inf")

    def current_version(self) -> int:
        """The archive's version, read at most once per PAGE_CACHE_VERSION_SECONDS per worker:
        a reader may see a change that much later; editors, signed in, see it at once."""
        now = time.monotonic()
        if now - self._version_read_at >= settings.PAGE_CACHE_VERSION_SECONDS:
            self._version, self._version_read_at = archive_version(), now
        return self._version

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not (self.cacheable(request) and known_query_params_only(request)):
            return self.get_response(request)
        # Kept on the request for the pages that show it ("Cite this"), read once.
        request.archive_version = self.current_version()
        key = f"page:{request.archive_version}:{request.get_full_path()}"
        cached = cache.get(key)
        if cached is not None:
            # What the view's stack would check first: a Host outside ALLOWED_HOSTS is a 400
            # (DisallowedHost), never a cached page.
            request.get_host()
            content, headers = cached
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            return response
        response = self.get_response(request)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not response.has_header("Vary")
        ):
            # Every header the stack set (X-Frame-Options, Content-Type, ...), so that a hit
            # answers exactly as the view did; cookies are never cached (see above).
            headers = list(response.items())
            cache.set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
        return response

    @staticmethod
    def cacheable(request: HttpRequest) -> bool:
        """Anonymous GETs of public pages; staff (with a session) always see fresh pages."""
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and not request.path.startswith(UNCACHED_PREFIXES)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )


def known_query_params_only(request: HttpRequest) -> bool:
    """Whether every query parameter is one the page's view reads; views say which through
    `known_query_params()` (astana_site.views.ArchiveMixin). Others are cached without any."""
    if not request.GET:
        return True
    try:
        view_class = getattr(resolve(request.path_info).func, "view_class", None)
    except Resolver404:
        return False
    known = getattr(view_class, "known_query_params", None)
    return known is not None and set(request.GET).issubset(known())


class ContentSecurityPolicyMiddleware:
    """Sends CONTENT_SECURITY_POLICY on every response that has none yet.

    The site's pages and the admin load scripts and styles from files only (no inline
    script or style), so the policy needs neither nonces nor 'unsafe-inline', and a page
    served from the page cache carries the same policy as a fresh one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = settings.CONTENT_SECURITY_POLICY
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        return response
