"""The FilterSet of the article list: round, publisher, dates, language, unlinked, search."""

from __future__ import annotations

import django_filters
from django import forms
from django.core.cache import cache
from django.db.models import Max, QuerySet

from articles.models import Article, language_name
from rounds.filters import ArchiveFilterSet, FastSelect, FilterForm
from rounds.models import Round

# Reading the publishers and languages scans every article, so they are kept until the next
# article arrives, and never longer than this (a re-ingest may rename a publisher).
CHOICES_TTL = 300


def article_choices() -> dict[str, list[tuple[str, str]]]:
    """The publishers and languages the filters offer, cached per newest ingested article."""
    latest = Article.objects.aggregate(latest=Max("ingested_at"))["latest"]
    key = f"articles:filter-choices:{latest.isoformat() if latest else '-'}"
    return cache.get_or_set(key, read_article_choices, CHOICES_TTL)


def read_article_choices() -> dict[str, list[tuple[str, str]]]:
    publishers = (
        Article.objects.exclude(publisher="")
        .order_by("publisher")
        .values_list("publisher", flat=True)
        .distinct()
    )
    languages = Article.objects.order_by("language").values_list("language", flat=True).distinct()
    return {
        "publishers": [(name, name) for name in publishers],
        "languages": sorted(
            ((code, f"{language_name(code)} ({code})") for code in languages),
            key=lambda choice: choice[1].casefold(),
        ),
    }


class ArticleFilterForm(FilterForm):
    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("published_from"), data.get("published_to")
        if start and end and start > end:
            raise forms.ValidationError(
                "The start date (%(start)s) comes after the end date (%(end)s).",
                code="date_range",
                params={"start": start.isoformat(), "end": end.isoformat()},
            )
        if data.get("round") and data.get("unlinked"):
            raise forms.ValidationError(
                "Choose a round or “not linked to a round”, not both.", code="round_and_unlinked"
            )
        return data


class ArticleFilter(ArchiveFilterSet):
    q = django_filters.CharFilter(
        label="Search", method="filter_search", max_length=200, help_text="Words in title or text"
    )
    round = django_filters.ModelChoiceFilter(
        queryset=Round.objects.only("number", "start", "city"),
        to_field_name="number",
        label="Round",
        empty_label="Any",
        method="filter_round",
        widget=FastSelect,
    )
    unlinked = django_filters.BooleanFilter(
        label="Not linked to a round", method="filter_unlinked", widget=forms.CheckboxInput
    )
    # Choices are set per request in __init__, from one cached read.
    publisher = django_filters.ChoiceFilter(
        choices=[], label="Publisher", empty_label="Any", widget=FastSelect
    )
    language = django_filters.ChoiceFilter(
        choices=[], label="Language", empty_label="Any", widget=FastSelect
    )
    published_from = django_filters.DateFilter(
        field_name="published",
        lookup_expr="gte",
        label="Published from",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    published_to = django_filters.DateFilter(
        field_name="published",
        lookup_expr="lte",
        label="Published to",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Article
        form = ArticleFilterForm
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = article_choices()
        self.filters["publisher"].extra["choices"] = choices["publishers"]
        self.filters["language"].extra["choices"] = choices["languages"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value)

    def filter_round(self, queryset: QuerySet, name: str, value: Round) -> QuerySet:
        return queryset.for_round(value)

    def filter_unlinked(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return queryset.unlinked() if value else queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # Search last: on PostgreSQL it orders by rank, which the other filters must keep.
        data = dict(self.form.cleaned_data)
        query = data.pop("q", "")
        for name, value in data.items():
            queryset = self.filters[name].filter(queryset, value)
        return self.filters["q"].filter(queryset, query)
