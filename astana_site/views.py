"""What every public page shares, the home page and the error pages.

`ArchiveMixin` gives a page its title, breadcrumbs, navigation section, FilterSet and CSV/JSON
export; `ArchiveListView` adds pagination; `ArchiveDetailView` shows one object under its list.
Views in the apps declare a base queryset, a FilterSet and, when they export, `export_columns`
and `export_row()`.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, cached_property
from typing import Any, ClassVar

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Expression, F, QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.template import loader
from django.urls import get_script_prefix, reverse
from django.views.generic import DetailView, ListView, TemplateView
from django_filters import FilterSet

from articles.models import Article
from astana_site.export_files import open_export
from rounds.models import Delegation, Participant, Round
from rounds.versioning import archive_version

logger = logging.getLogger(__name__)

PAGE_SIZE = 50
EXPORT_FORMATS = ("csv", "json")
EXPORT_CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
}
EXPORT_CHUNK = 1000

Crumb = tuple[str, str | None]


def url_maker(name: str, **sample: int | str) -> Callable[..., str]:
    """reverse() once, with placeholders; the function returned fills in real values.

    Lists and grids link hundreds of rows and reverse() costs tens of microseconds a call.
    Values must be numbers or slugs, which appear in a path unquoted. `sample` names the URL's
    arguments: 0 for a number, any text for a slug.
    """
    keys = tuple((key, isinstance(value, int)) for key, value in sample.items())
    return _url_maker(name, keys, get_script_prefix())


@cache
def _url_maker(name: str, keys: tuple[tuple[str, bool], ...], prefix: str) -> Callable[..., str]:
    placeholders = {key: 987654321 if numeric else f"zz-{key}-zz" for key, numeric in keys}
    pattern = reverse(name, kwargs=placeholders)

    def make(**values: int | str) -> str:
        url = pattern
        for key, placeholder in placeholders.items():
            url = url.replace(str(placeholder), str(values[key]), 1)
        return url

    return make


def day_label(day: date | None, month: str = "%B") -> str:
    """'2 August 2019' (or '2 Aug 2019' with month='%b'); '' for no date."""
    return f"{day.day} {day.strftime(month)} {day.year}" if day else ""


def label_articles(articles: Iterable[Article]) -> list[Article]:
    """Articles with `url`, `round_url` and `published_label` set, for the lists that show
    many: computing them in the template costs more than fetching the rows."""
    article_url = url_maker("articles:article-detail", pk=0)
    round_url = url_maker("rounds:round-detail", number=0)
    articles = list(articles)
    for article in articles:
        article.url = article_url(pk=article.pk)
        article.round_url = round_url(number=article.round.number) if article.round else ""
        article.published_label = day_label(article.published)
    return articles


class Echo:
    """A file-like object that hands back what is written, for streaming `csv.writer`."""

    def write(self, value: str) -> str:
        return value


# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(...) in an
# article's title would become a live link); OWASP's advice is a leading apostrophe.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        value = "; ".join(str(item) for item in value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def stream_csv(columns: list[str], rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    writer = csv.writer(Echo())
    yield writer.writerow(columns)
    for row in rows:
        yield writer.writerow([csv_cell(row.get(column)) for column in columns])


def stream_json(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A JSON array written one object per line, so a large export never sits in memory."""
    yield "["
    separator = "\n"
    for row in rows:
        yield separator + json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False)
        separator = ",\n"
    yield "\n]\n"


class ArchiveMixin:
    """Title, breadcrumbs, filtering and exports for a public page.

    Subclasses set `title`, `nav_section`, optionally `parent_pages` and `filterset_class`, and
    implement `get_base_queryset()`. Exports are offered when `export_name` and `export_columns`
    are set.
    """

    request: HttpRequest
    title: str = ""
    nav_section: str = ""
    # (label, URL name) of the pages between Home and this one, e.g. ("Rounds", "rounds:round-list")
    parent_pages: tuple[tuple[str, str], ...] = ()
    filterset_class: type[FilterSet] | None = None
    export_name: str = ""
    export_columns: ClassVar[list[str]] = []

    # Page description

    def get_title(self) -> str:
        return self.title

    def get_parent_crumbs(self) -> list[Crumb]:
        """Crumbs between Home and this page (e.g. Rounds for a round's page)."""
        return [(label, reverse(url_name)) for label, url_name in self.parent_pages]

    def get_breadcrumbs(self) -> list[Crumb]:
        return [
            ("Home", reverse("rounds:home")),
            *self.get_parent_crumbs(),
            (self.get_title(), None),
        ]

    # Filtering

    def get_base_queryset(self) -> QuerySet:
        raise NotImplementedError

    @cached_property
    def filterset(self) -> FilterSet | None:
        if self.filterset_class is None:
            return None
        return self.filterset_class(
            data=self.request.GET, queryset=self.get_base_queryset(), request=self.request
        )

    @property
    def filters_active(self) -> bool:
        """Whether the visitor set any filter (pagination and format do not count)."""
        # The FilterSet's declared filters, not its form: building the form reads the choices
        # from the database, which a full export served from a file does not need.
        if self.filterset_class is None:
            return False
        names = self.filterset_class.base_filters
        return any(self.request.GET.get(name, "").strip() for name in names)

    @property
    def filter_is_valid(self) -> bool:
        return self.filterset is None or self.filterset.is_valid()

    def get_filtered_queryset(self) -> QuerySet:
        """The base queryset narrowed by the filters; empty when the filters are invalid."""
        if self.filterset is None:
            return self.get_base_queryset()
        if not self.filterset.is_valid():
            return self.filterset.queryset.none()
        return self.filterset.qs

    # Exports

    def export_row(self, obj: Any) -> dict[str, Any]:
        raise NotImplementedError

    def get_export_queryset(self) -> QuerySet:
        return self.get_filtered_queryset()

    def query_string(self, **changes: str | None) -> str:
        """The current query string with `changes` applied (None removes a key)."""
        params = self.request.GET.copy()
        for key, value in changes.items():
            params.pop(key, None)
            if value is not None:
                params[key] = value
        encoded = params.urlencode()
        return f"?{encoded}" if encoded else ""

    def get_export_links(self) -> list[tuple[str, str]]:
        if not (self.export_name and self.export_columns):
            return []
        return [
            (fmt.upper(), self.request.path + self.query_string(format=fmt, page=None))
            for fmt in EXPORT_FORMATS
        ]

    def export_response(self, fmt: str) -> HttpResponse:
        content_type = EXPORT_CONTENT_TYPES[fmt]
        if not self.filters_active:
            # The whole list: a file written once per archive version (export_files.py).
            try:
                handle = open_export(self.request.path, fmt, lambda: self.export_chunks(fmt))
            except OSError as error:  # EXPORT_CACHE_DIR not writable: still answer, streamed
                logger.warning("Full export not stored in EXPORT_CACHE_DIR: %s", error)
            else:
                return self.export_headers(FileResponse(handle, content_type=content_type), fmt)
        if not self.filter_is_valid:
            errors = self.filterset.errors.get_json_data() if self.filterset else {}
            return HttpResponse(
                json.dumps({"errors": errors}),
                status=400,
                content_type="application/json",
            )
        # A filtered export: streamed from the database, never held in memory.
        response = StreamingHttpResponse(self.export_chunks(fmt), content_type=content_type)
        return self.export_headers(response, fmt)

    def export_headers(self, response: HttpResponse, fmt: str) -> HttpResponse:
        disposition = "attachment" if fmt == "csv" else "inline"
        response["Content-Disposition"] = f'{disposition}; filename="{self.export_name}.{fmt}"'
        return response

    def export_chunks(self, fmt: str) -> Iterator[str]:
        queryset = self.get_export_queryset()
        rows = (self.export_row(obj) for obj in queryset.iterator(chunk_size=EXPORT_CHUNK))
        if fmt == "csv":
            return stream_csv(self.export_columns, rows)
        return stream_json(rows)

    @classmethod
    def known_query_params(cls) -> frozenset[str]:
        """The query parameters this page reads: its filters, the page number, the export
        format. The page cache keys only URLs made of these (astana_site/middleware.py)."""
        names = set(cls.filterset_class.base_filters) if cls.filterset_class else set()
        if getattr(cls, "sort_options", None):
            names.add(SORT_PARAM)
        if getattr(cls, "paginate_by", None):
            names.add(getattr(cls, "page_kwarg", "page"))
        if cls.export_name:
            names.add("format")
        return frozenset(names)

    # Request handling

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        fmt = request.GET.get("format")
        if fmt is not None and self.export_name:
            if fmt not in EXPORT_FORMATS:
                return HttpResponse(
                    f"Unknown format {fmt!r}; use one of: {', '.join(EXPORT_FORMATS)}.",
                    status=400,
                    content_type="text/plain; charset=utf-8",
                )
            return self.export_response(fmt)
        return super().get(request, *args, **kwargs)  # type: ignore[misc]

    def render_to_response(self, context: dict[str, Any], **response_kwargs: Any) -> HttpResponse:
        # Invalid filters still render the page with the form and its errors, as a 400.
        if not self.filter_is_valid:
            response_kwargs.setdefault("status", 400)
        return super().render_to_response(context, **response_kwargs)  # type: ignore[misc]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        context.update(
            title=self.get_title(),
            breadcrumbs=self.get_breadcrumbs(),
            nav_section=self.nav_section,
            filter=self.filterset,
            export_links=self.get_export_links(),
            filters_active=self.filters_active,
        )
        return context


SORT_PARAM = "sort"
SortField = str | Expression


@dataclass(frozen=True)
class SortLink:
    """A sortable column's header: where a click leads and the order it shows now."""

    url: str
    aria_sort: str  # "ascending", "descending", or "" when the rows are not sorted by it
    next_order: str  # what a click does, in words for screen readers


class ArchiveListView(ArchiveMixin, ListView):
    """A filtered, paginated list (50 rows a page) with CSV and JSON exports.

    Columns named in `sort_options` sort the rows: `?sort=key` ascending, `?sort=-key`
    descending, kept in the query string beside the filters. An unknown sort is no error: the
    list keeps `default_sort` (or, when that is empty, the base queryset's own order)."""

    paginate_by = PAGE_SIZE
    # column key -> the fields (or expressions) that order the rows by it, ascending
    sort_options: ClassVar[dict[str, tuple[SortField, ...]]] = {}
    default_sort = ""

    @cached_property
    def sort(self) -> str:
        """The validated sort: "key" or "-key" of `sort_options`, else `default_sort`."""
        value = self.request.GET.get(SORT_PARAM, "").strip()
        if value.removeprefix("-") in self.sort_options:
            return value
        return self.default_sort

    def sort_queryset(self, queryset: QuerySet) -> QuerySet:
        if not self.sort:
            return queryset
        descending = self.sort.startswith("-")
        first, *ties = (
            F(field) if isinstance(field, str) else field
            for field in self.sort_options[self.sort.removeprefix("-")]
        )
        # Only the chosen column is reversed; ties keep their natural order. Rows without a
        # value (an undated round) come last in either direction.
        order = [
            first.desc(nulls_last=True) if descending else first.asc(nulls_last=True),
            *(tie.asc(nulls_last=True) for tie in ties),
        ]
        return queryset.order_by(*order)

    def get_sort_links(self) -> dict[str, SortLink]:
        links = {}
        for key in self.sort_options:
            current = self.sort.removeprefix("-") == key
            descending = current and self.sort.startswith("-")
            target = key if (not current or descending) else f"-{key}"
            links[key] = SortLink(
                url=self.request.path
                + self.query_string(
                    **{SORT_PARAM: None if target == self.default_sort else target, "page": None}
                ),
                aria_sort=("descending" if descending else "ascending") if current else "",
                next_order="sort descending" if target.startswith("-") else "sort ascending",
            )
        return links

    def get_queryset(self) -> QuerySet:
        return self.sort_queryset(self.get_filtered_queryset())

    def paginate_queryset(self, queryset: QuerySet, page_size: int) -> tuple:
        # A page number out of range or not a number shows the nearest page, never a 404.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if self.sort_options:
            context["sort_links"] = self.get_sort_links()
            # Kept by the filter form, so that applying a filter keeps the chosen order.
            context["sort_param"] = "" if self.sort == self.default_sort else self.sort
        page = context.get("page_obj")
        if page is not None and page.has_other_pages():
            context["page_links"] = {
                "first": self.query_string(page="1") if page.number > 1 else None,
                "previous": (
                    self.query_string(page=str(page.previous_page_number()))
                    if page.has_previous()
                    else None
                ),
                "next": (
                    self.query_string(page=str(page.next_page_number()))
                    if page.has_next()
                    else None
                ),
                "last": (
                    self.query_string(page=str(page.paginator.num_pages))
                    if page.number < page.paginator.num_pages
                    else None
                ),
            }
        return context


class ArchiveDetailView(ArchiveMixin, DetailView):
    """One object's page, titled by the object, below the pages named in `parent_pages`."""

    def get_title(self) -> str:
        return str(self.object)


class HomeView(ArchiveMixin, TemplateView):
    template_name = "home.html"
    title = "Astana talks on Syria"
    latest_count = 10

    def get_breadcrumbs(self) -> list[Crumb]:
        return []

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        rounds = list(Round.objects.with_article_count())
        years: dict[int | None, list[Round]] = {}
        for round_ in rounds:
            years.setdefault(round_.start.year if round_.start else None, []).append(round_)
        context.update(
            timeline=sorted(years.items(), key=lambda item: (item[0] is None, item[0] or 0)),
            round_count=len(rounds),
            article_count=Article.objects.count(),
            delegation_count=Delegation.objects.public().count(),
            participant_count=Participant.objects.count(),
            latest_articles=label_articles(
                Article.objects.for_listing().order_by("-ingested_at", "-pk")[: self.latest_count]
            ),
        )
        return context


ARCHIVE_EXPORT_KEY = "archive-export"


def archive_export_chunks() -> Iterator[str]:
    """The document `manage.py export --format json` writes, byte for byte."""
    from articles.services.export import export_archive  # the export reads every model

    yield json.dumps(export_archive(), ensure_ascii=False, indent=2) + "\n"


class ExportPageView(ArchiveMixin, TemplateView):
    """Where a researcher downloads the whole archive, as `manage.py export` writes it."""

    template_name = "export.html"
    title = "Download the archive"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            archive_version=archive_version_of(self.request),
            download_url=reverse("export-archive"),
            lists=[
                ("Rounds", reverse("rounds:round-list")),
                ("Delegations", reverse("rounds:delegation-list")),
                ("Observers", reverse("rounds:observer-list")),
                ("Topics", reverse("rounds:topic-list")),
                ("Participants", reverse("rounds:participant-list")),
                ("Parties", reverse("rounds:party-list")),
                ("Articles", reverse("articles:article-list")),
            ],
        )
        return context


def archive_export_download(request: HttpRequest) -> HttpResponse:
    """The whole archive as one JSON file: written once per archive version, then served
    from that file (astana_site/export_files.py) with no query but the version."""
    version = archive_version_of(request)
    handle = open_export(ARCHIVE_EXPORT_KEY, "json", archive_export_chunks, version=version)
    response = FileResponse(handle, content_type=EXPORT_CONTENT_TYPES["json"])
    response["Content-Disposition"] = f'attachment; filename="astana-talks-archive-v{version}.json"'
    return response


def archive_version_of(request: HttpRequest) -> int:
    """The version the page cache read for this request, or the archive's own."""
    version = getattr(request, "archive_version", None)
    return archive_version() if version is None else version


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    context = {
        "title": "Page not found",
        "breadcrumbs": [("Home", reverse("rounds:home")), ("Page not found", None)],
        "request_path": request.path,
    }
    return HttpResponse(loader.render_to_string("404.html", context, request), status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context and no database: whatever failed must not fail again here.
    return HttpResponse(
        loader.render_to_string("500.html", {"title": "Something went wrong"}), status=500
    )
