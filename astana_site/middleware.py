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
from datetime import UTC, date, datetime
from datetime import time as clock

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from astana_site.release import code_release
from rounds.aggregates import use_request_version
from rounds.versioning import archive_state

UNCACHED_PREFIXES = ("/admin", "/static", "/healthz")
# How long a browser or proxy may show a public page before asking again; the answer to
# that question is a 304 without a body while the archive has not changed.
PUBLIC_MAX_AGE = 60
PUBLIC_CACHE_CONTROL = f"public, max-age={PUBLIC_MAX_AGE}, must-revalidate"
PRIVATE_CACHE_CONTROL = "private, no-store"


class PublicPageCacheMiddleware:
    """The page cache, and HTTP caching of the public pages: an ETag and Last-Modified from
    the archive's version, 304 to a conditional request while it has not changed, and
    Cache-Control (public and short for visitors; private, never stored, for editors)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._state: tuple[int, datetime | None] = (0, None)
        self._version_read_at = float("-inf")

    def current_state(self) -> tuple[int, datetime | None]:
        """The archive's version and when it changed, read at most once per
        PAGE_CACHE_VERSION_SECONDS per worker: a reader may see a change that much later;
        editors, signed in, see it at once."""
        now = time.monotonic()
        if now - self._version_read_at >= settings.PAGE_CACHE_VERSION_SECONDS:
            self._state, self._version_read_at = archive_state(), now
        return self._state

    def current_version(self) -> int:
        return self.current_state()[0]

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not public_request(request):
            return private_response(request, self.get_response(request))
        version, changed_at = self.current_state()
        # Kept on the request for the pages that show it ("Cite this") and for the counts
        # kept per version (rounds/aggregates.py): read once.
        request.archive_version = version
        use_request_version(version)
        validators = Validators.of(version, changed_at, timezone.localdate())
        not_modified = get_conditional_response(
            request, etag=validators.etag, last_modified=validators.last_modified
        )
        if not_modified is not None:
            return validators.apply(not_modified)
        if settings.PAGE_CACHE_SECONDS > 0 and known_query_params_only(request):
            response = self.cached_response(request, version)
        else:
            response = self.get_response(request)
        if response.status_code == 200 and not response.cookies:
            validators.apply(response)
        return response

    def cached_response(self, request: HttpRequest, version: int) -> HttpResponse:
        key = f"page:{code_release()[0]}:{version}:{request.get_full_path()}"
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


def public_request(request: HttpRequest) -> bool:
    """Anonymous GETs of public pages; staff (with a session) always see fresh pages."""
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(UNCACHED_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def private_response(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A signed-in editor's page or the admin: never kept by a browser or a proxy (an editor's
    page carries edit links, and the admin what only editors may see)."""
    signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES
    if (signed_in or request.path.startswith("/admin")) and not response.has_header(
        "Cache-Control"
    ):
        response["Cache-Control"] = PRIVATE_CACHE_CONTROL
    return response


class Validators:
    """The validators of a public page: the code's release, the archive's version and the day.

    A page's content depends on its URL, the code that renders it, the archive's version and,
    through "Cite this" (the access date), the day; so the ETag names all three, and
    Last-Modified is the latest of the release's files, the archive's last change and the
    start of the day."""

    def __init__(self, etag: str, last_modified: int) -> None:
        self.etag = etag
        self.last_modified = last_modified

    @classmethod
    def of(cls, version: int, changed_at: datetime | None, today: date) -> Validators:
        day_start = datetime.combine(today, clock.min, tzinfo=timezone.get_current_timezone())
        release, released_at = code_release()
        changed = max(filter(None, (changed_at, day_start, released_at)))
        return cls(
            etag=f'W/"archive-{version}-{today:%Y%m%d}-{release}"',
            last_modified=int(changed.astimezone(UTC).timestamp()),
        )

    def apply(self, response: HttpResponse) -> HttpResponse:
        response["ETag"] = self.etag
        response["Last-Modified"] = http_date(self.last_modified)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = PUBLIC_CACHE_CONTROL
        # A signed-in editor's copy differs (edit links): shared caches keep them apart.
        patch_vary_headers(response, ("Cookie",))
        return response


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
