"""Shared pieces of the editors' admin: the list and inline bases, links, badges, history.

Used by the rounds admin (rounds/admin.py), the evidence admin (rounds/evidence_admin.py) and
the articles admin (articles/admin.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from rounds import history
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


def log_and_record(
    request: HttpRequest, objects: Iterable[models.Model], flag: int, message: str
) -> None:
    """The admin history row of each object and one version of all of them (their values
    after the act; `history.record_baseline` beforehand keeps the values before)."""
    objects = list(objects)
    log_entries(request, objects, flag, message)
    history.record(objects, request.user, message)


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


class HistoryAdmin(VersionAdmin):
    """An admin whose History page shows each change's values before and after
    (django-reversion versions, see rounds/history.py) under the admin's own log.

    The change list opens no revision of its own: each action records its objects before
    (a baseline for the ones without history) and after, with the action's message.
    """

    object_history_template = "admin/history_with_versions.html"
    change_list_template = None  # the admin's own list: no "recover deleted" link
    # Whether the History page offers "revert to this version". A round's versions follow its
    # facts (reverting would delete facts ingest added since); an article's hold only its
    # editorial fields (reverting would blank the rest): neither offers it.
    offers_revert = True

    def changelist_view(self, request: HttpRequest, extra_context=None):
        return super(VersionAdmin, self).changelist_view(request, extra_context)

    @staticmethod
    def is_revert(request: HttpRequest) -> bool:
        """Whether the request saves an earlier version (History, "values of this version")."""
        match = request.resolver_match
        return bool(match and (match.url_name or "").endswith(("_revision", "_recover")))

    def construct_change_message(self, request, form, formsets, add=False):
        if self.is_revert(request):
            return "Restored the values of an earlier version (from its History)."
        return super().construct_change_message(request, form, formsets, add)

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and self.has_change_permission(request, obj):
                history.record_baseline([obj], request.user)
        return super().change_view(request, object_id, form_url, extra_context)

    def revision_view(self, request: HttpRequest, object_id, version_id, extra_context=None):
        if not self.offers_revert:
            raise PermissionDenied
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request: HttpRequest, version_id, extra_context=None):
        if not self.offers_revert:
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    def recoverlist_view(self, request: HttpRequest, extra_context=None):
        if not self.offers_revert:
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def history_view(self, request: HttpRequest, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        steps = list(reversed(history.history_steps(obj))) if obj is not None else []
        context = {
            "history_steps": steps,
            "offers_revert": self.offers_revert,
            "revision_url": f"{self.admin_site.name}:{self.opts.app_label}_"
            f"{self.opts.model_name}_revision",
        }
        # The admin's own history view (its log, paged) rather than reversion's list.
        return super(VersionAdmin, self).history_view(
            request, object_id, {**context, **(extra_context or {})}
        )


class ReadOnlyInline(admin.TabularInline):
    """An inline that shows related rows and never edits them (provenance, back-references)."""

    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
