"""Shared pieces of the editors' admin: the list and inline bases, links, badges, history.

Used by the rounds admin (rounds/admin.py), the evidence admin (rounds/evidence_admin.py) and
the articles admin (articles/admin.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.admin.views.main import ChangeList
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from rounds.provenance import EditorialState

EMPTY = "—"


def count_of(model: type[models.Model], field: str, **filters) -> Coalesce:
    """COUNT of `model` rows whose `field` points at the outer row, as a subquery.

    Several Count() joins in one query would multiply each other's rows; subqueries do not.
    """
    rows = (
        model._base_manager.filter(**{field: OuterRef("pk")}, **filters)
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def state_badge(state: str) -> str:
    """A coloured label for an editorial state (styles in templates/admin/base_site.html)."""
    if not state:
        return EMPTY
    # The short word on the badge, the full label ("Changed by an editor") on hover.
    return format_html(
        '<span class="state-badge state-{}" title="{}">{}</span>',
        state,
        EditorialState(state).label,
        state.capitalize(),
    )


def admin_link(obj: models.Model | None, text: str | None = None) -> str:
    if obj is None:
        return EMPTY
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, text if text is not None else str(obj))


def sentence_anchor(start: int, end: int) -> str:
    """The id of a highlighted sentence in the article text (articles/admin.py)."""
    return f"m-{start}-{end}"


def sentence_link(article_id: int, start: int, end: int, sentence: str) -> str:
    """The sentence, linking to the article's admin page scrolled to it, highlighted."""
    url = reverse("admin:articles_article_change", args=[article_id])
    return format_html(
        '<a href="{}#{}" title="Show in the article">{}</a>',
        url,
        sentence_anchor(start, end),
        sentence,
    )


def log_entries(
    request: HttpRequest, objects: Iterable[models.Model], flag: int, message: str
) -> None:
    """One admin-history row per object, as the admin's own pages write them."""
    objects = list(objects)
    if objects:
        LogEntry.objects.log_actions(
            user_id=request.user.pk, queryset=objects, action_flag=flag, change_message=message
        )


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class ArchiveChangeList(ChangeList):
    def get_queryset(self, request: HttpRequest, exclude_parameters=None) -> models.QuerySet:
        queryset = super().get_queryset(request, exclude_parameters)
        return self.model_admin.list_queryset(queryset)


class ArchiveAdmin(admin.ModelAdmin):
    """Base of the archive's admins: paged lists whose related rows are fetched up front.

    Subclasses name `list_select_related` and `list_prefetch` for their list columns, and
    annotate counts in `annotate_list` (subqueries, see `count_of`), so that a changelist costs
    the same few queries whatever the number of rows.
    """

    list_per_page = 50
    list_max_show_all = 500
    # The unfiltered total needs one more COUNT on every filtered page; "N results" suffices.
    show_full_result_count = False
    list_prefetch: Sequence[str] = ()

    def annotate_list(self, queryset: models.QuerySet) -> models.QuerySet:
        """Counts for list columns and their sorting (also on change pages: cheap subqueries)."""
        return queryset

    def list_queryset(self, queryset: models.QuerySet) -> models.QuerySet:
        """The changelist's rows only: e.g. leave long text columns unread."""
        return queryset

    def get_changelist(self, request: HttpRequest, **kwargs):
        return ArchiveChangeList

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        queryset = self.annotate_list(super().get_queryset(request))
        if self.list_prefetch:
            queryset = queryset.prefetch_related(*self.list_prefetch)
        return queryset


class ReadOnlyInline(admin.TabularInline):
    """An inline that shows related rows and never edits them (provenance, back-references)."""

    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
