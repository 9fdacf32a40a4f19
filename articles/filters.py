"""The FilterSet of the article list: search, round, year, publisher, language, party,
participant, topic, dates, sort; and the facet counts shown beside the choices."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

import django_filters
from django import forms
from django.db import connection
from django.db.models import Count, F, QuerySet
from django.db.models.functions import ExtractYear, Lower

from articles.models import Article, language_name
from articles.search import RANKED_ORDER, Search, index_scans
from rounds.aggregates import per_version
from rounds.filters import (
    ArchiveFilterSet,
    FastCheckboxInput,
    FastDateInput,
    FastSelect,
    FastTextInput,
    FilterForm,
    KeptModelChoiceFilter,
    participant_filter,
    party_filter,
    topic_filter,
)
from rounds.models import (
    DelegationMention,
    ObserverMention,
    Participant,
    Party,
    Round,
    Topic,
    TopicMention,
)
from rounds.provenance import EditorialState

EMPTY = (None, "", False, [], ())
# Facets counted on the articles' own columns, by these keys.
COLUMN_FACETS = {
    "round": F("round__number"),
    "year": ExtractYear("published"),
    "publisher": Lower("publisher"),
    "language": F("language"),
}


def article_choices() -> dict[str, list[tuple[str, str]]]:
    """The publishers, languages and years the filters offer, read once per archive version
    (every ingest and every editor's change bumps it)."""
    return per_version("articles:filter-choices", read_article_choices)


def read_article_choices() -> dict[str, list[tuple[str, str]]]:
    publishers: dict[str, list[tuple[int, str]]] = {}
    rows = (
        Article.objects.exclude(publisher="")
        .order_by()
        .values("publisher")
        .annotate(n=Count("*"))
        .values_list("publisher", "n")
    )
    for name, count in rows:
        publishers.setdefault(name.casefold(), []).append((count, name))
    # Languages and years in one read: their distinct pairs.
    pairs = set(
        Article.objects.order_by().values_list("language", ExtractYear("published")).distinct()
    )
    languages = {language for language, _year in pairs}
    years = sorted({year for _language, year in pairs if year is not None}, reverse=True)
    return {
        # One choice per publisher whatever the letter case, under its most used spelling.
        "publishers": sorted(
            ((name, name) for name in (max(spellings)[1] for spellings in publishers.values())),
            key=lambda choice: choice[0].casefold(),
        ),
        "languages": sorted(
            ((code, f"{language_name(code)} ({code})") for code in languages),
            key=lambda choice: choice[1].casefold(),
        ),
        "years": [(str(year), str(year)) for year in years],
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


SORTS = [
    ("relevance", "Relevance"),
    ("newest", "Newest first"),
    ("oldest", "Oldest first"),
]


class ArticleFilter(ArchiveFilterSet):
    q = django_filters.CharFilter(
        label="Search",
        method="filter_search",
        max_length=200,
        help_text='Words, "a phrase", -excluded; names find every spelling',
        widget=FastTextInput,
    )
    round = KeptModelChoiceFilter(
        queryset=Round.objects.only("number", "start", "city"),
        to_field_name="number",
        label="Round",
        empty_label="Any",
        method="filter_round",
        widget=FastSelect,
    )
    unlinked = django_filters.BooleanFilter(
        label="Not linked to a round", method="filter_unlinked", widget=FastCheckboxInput
    )
    # Choices are set per request in __init__, from one cached read.
    year = django_filters.ChoiceFilter(
        choices=[], label="Year", empty_label="Any", method="filter_year", widget=FastSelect
    )
    publisher = django_filters.ChoiceFilter(
        choices=[],
        label="Publisher",
        empty_label="Any",
        lookup_expr="iexact",
        widget=FastSelect,
    )
    language = django_filters.ChoiceFilter(
        choices=[], label="Language", empty_label="Any", widget=FastSelect
    )
    party = party_filter("Party mentioned", method="filter_party")
    participant = participant_filter(method="filter_participant")
    topic = topic_filter(method="filter_topic")
    published_from = django_filters.DateFilter(
        field_name="published",
        lookup_expr="gte",
        label="Published from",
        widget=FastDateInput(attrs={"type": "date"}),
    )
    published_to = django_filters.DateFilter(
        field_name="published",
        lookup_expr="lte",
        label="Published to",
        widget=FastDateInput(attrs={"type": "date"}),
    )
    sort = django_filters.ChoiceFilter(
        choices=SORTS, label="Sort", empty_label=None, method="filter_sort", widget=FastSelect
    )

    # Filters whose choices show how many of the current results each would leave.
    FACETS = ("round", "year", "publisher", "language", "party", "topic")

    class Meta:
        model = Article
        form = ArticleFilterForm
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = article_choices()
        self.filters["publisher"].extra["choices"] = choices["publishers"]
        self.filters["language"].extra["choices"] = choices["languages"]
        self.filters["year"].extra["choices"] = choices["years"]
        self.search: Search | None = None
        self._facet_counts: dict[str, dict[str, int]] | None = None
        self.matched: int | None = None  # how many articles the filters leave, once counted
        # A ranked search's first page: its size (set by the view), and its article ids, in
        # order, ranked by the facets' statement, which reads every match anyway.
        self.first_page_size = 0
        self.first_page_keys: list[int] | None = None

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Parsed once a request: the facet counts filter again with the same words.
        if self.search is None or self.search.query != value.strip():
            self.search = Search.of(value)
        return self.search.apply(queryset)

    def filter_round(self, queryset: QuerySet, name: str, value: Round) -> QuerySet:
        return queryset.for_round(value)

    def filter_unlinked(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return queryset.unlinked() if value else queryset

    def filter_year(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(published__year=int(value))

    def filter_party(self, queryset: QuerySet, name: str, value: Party) -> QuerySet:
        return queryset.mentioning_party(value)

    def filter_participant(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.naming(Participant.objects.matching(value))

    def filter_topic(self, queryset: QuerySet, name: str, value: Topic) -> QuerySet:
        return queryset.on_topic(value)

    def filter_sort(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "newest":
            return queryset.order_by("-published", "-pk")
        if value == "oldest":
            return queryset.order_by(F("published").asc(nulls_last=True), "pk")
        return queryset  # relevance: the search's order, or the list's own without one

    def filter_queryset(self, queryset: QuerySet, without: str = "") -> QuerySet:
        # Search, then sort, last: search orders by rank, which a chosen sort replaces.
        data = {k: v for k, v in self.form.cleaned_data.items() if k != without}
        query = data.pop("q", "")
        sort = data.pop("sort", "")
        for name, value in data.items():
            queryset = self.filters[name].filter(queryset, value)
        queryset = self.filters["q"].filter(queryset, query)
        if sort:
            queryset = self.filters["sort"].filter(queryset, sort)
        return queryset

    def facet_counts_of(self, facet: str, rows: QuerySet) -> Iterable[tuple[Any, int]]:
        # No other filter set: count every mention, with no subquery of the articles.
        everything = not (self.filters_set() - {facet})
        if facet == "party":
            return article_party_counts(None if everything else rows)
        if facet == "topic":
            return article_topic_counts(None if everything else rows)
        key = COLUMN_FACETS[facet]
        return rows.values(key=key).annotate(n=Count("*")).values_list("key", "n")

    def filters_set(self) -> set[str]:
        """The filters the visitor set (the sort is an order, not a filter)."""
        data = self.form.cleaned_data
        return {name for name, value in data.items() if value not in EMPTY and name != "sort"}

    def search_key(self) -> str:
        """What a search's counts depend on, as a cache key: the filters set, the sort and
        the size of the first page ranked with them."""
        data = self.form.cleaned_data
        values = sorted(
            (name, str(getattr(value, "pk", value)))
            for name, value in data.items()
            if value not in EMPTY
        )
        text = repr((values, self.first_page_size))
        return hashlib.sha256(text.encode()).hexdigest()

    def facet_counts(self) -> dict[str, dict[str, int]]:
        """Each facet's counts. The facets on the articles' own columns whose filter is not
        set all count the same rows (every filter applied): one grouped query reads them
        together, and its groups add up to the number of results, which the paginator then
        does not count again (`matched`). A search is read once instead of five times."""
        if self._facet_counts is not None:
            return self._facet_counts
        if not self.is_valid():
            return {}
        if not self.filters_set():
            # The whole archive's counts, shown on every page of the unfiltered list: read
            # once per archive version (every write bumps it, so they are never stale).
            def count() -> tuple[dict[str, dict[str, int]], int | None]:
                return self.count_facets(), self.matched

            self._facet_counts, self.matched = per_version("articles:facets", count)
            return self._facet_counts
        if "q" in self.filters_set():
            # A search's counts (and its first page's ranked ids) read every match: the
            # same for every visitor searching the same words until the archive changes, so
            # kept per archive version like the whole archive's.
            def count_search() -> tuple[dict[str, dict[str, int]], int | None, list[int] | None]:
                with index_scans():  # every facet query matches the search's words again
                    counts = self.count_facets()
                return counts, self.matched, self.first_page_keys

            name = f"articles:search-facets:{self.search_key()}"
            self._facet_counts, self.matched, self.first_page_keys = per_version(name, count_search)
        else:
            self._facet_counts = self.count_facets()
        return self._facet_counts

    def count_facets(self) -> dict[str, dict[str, int]]:
        shared = [facet for facet in COLUMN_FACETS if facet not in self.filters_set()]
        counts: dict[str, dict[str, int]] = {facet: {} for facet in shared}
        if shared and "q" in self.filters_set() and connection.vendor == "postgresql":
            mention_facets = [f for f in ("party", "topic") if f not in self.filters_set()]
            counts.update({facet: {} for facet in mention_facets})
            keys = {f"{facet}_key": COLUMN_FACETS[facet] for facet in shared}
            articles = self.filter_queryset(self.queryset.order_by())
            first_page = self.first_page_size if articles.query.order_by == RANKED_ORDER else 0
            self.matched = 0
            page = []
            for facet, *values, slug, n in counts_of_matched(
                articles, keys, mention_facets, first_page
            ):
                if facet == "page":
                    page.append((n, int(slug)))
                    continue
                if facet != "columns":
                    counts[facet][slug.casefold()] = counts[facet].get(slug.casefold(), 0) + n
                    continue
                self.matched += n
                for column, value in zip(shared, values, strict=True):
                    if value is not None:
                        key = str(value).casefold()
                        counts[column][key] = counts[column].get(key, 0) + n
            if first_page:
                self.first_page_keys = [pk for _position, pk in sorted(page)]
        elif shared:
            keys = {f"{facet}_key": COLUMN_FACETS[facet] for facet in shared}
            rows = (
                self.filter_queryset(self.queryset.order_by())
                .order_by()
                .values(**keys)
                .annotate(n=Count("*"))
                .values_list(*keys, "n")
            )
            self.matched = 0
            for *values, n in rows:
                self.matched += n
                for facet, value in zip(shared, values, strict=True):
                    if value is not None:
                        key = str(value).casefold()
                        counts[facet][key] = counts[facet].get(key, 0) + n
        base = self.queryset.order_by()
        for facet in self.FACETS:
            if facet not in counts:
                counts[facet] = {
                    str(key).casefold(): n
                    for key, n in self.facet_counts_of(
                        facet, self.filter_queryset(base, without=facet).order_by()
                    )
                    if key is not None
                }
        return counts


def of_articles(mentions: QuerySet, articles: QuerySet | None) -> QuerySet:
    """The mentions in `articles`; every mention when `articles` is None (the whole archive,
    which needs no subquery: every mention belongs to an article)."""
    return mentions if articles is None else mentions.filter(article__in=articles.values("pk"))


def party_count_queries(articles: QuerySet | None) -> list[QuerySet]:
    """(party slug, number of `articles` mentioning it) rows, delegations and observers. A
    party is a delegation or an observer at a round, not both, and an article reports on one
    round, so the two counts add up without counting an article twice."""
    return [
        of_articles(model.objects.all(), articles)
        .exclude(**{f"{fact}__state": EditorialState.REJECTED})
        .values(slug=F(f"{fact}__party__slug"))
        .annotate(n=Count("article", distinct=True))
        .values_list("slug", "n")
        for model, fact in ((DelegationMention, "delegation"), (ObserverMention, "observer"))
    ]


def topic_count_query(articles: QuerySet | None) -> QuerySet:
    """(topic slug, number of `articles` putting it on a round's agenda) rows."""
    return (
        of_articles(TopicMention.objects.all(), articles)
        .exclude(round_topic__state=EditorialState.REJECTED)
        .values(slug=F("round_topic__topic__slug"))
        .annotate(n=Count("article", distinct=True))
        .values_list("slug", "n")
    )


def article_party_counts(articles: QuerySet | None) -> list[tuple[str, int]]:
    """(party slug, number of `articles` mentioning it): two grouped queries."""
    counts: dict[str, int] = {}
    for rows in party_count_queries(articles):
        for slug, n in rows:
            counts[slug] = counts.get(slug, 0) + n
    return list(counts.items())


def article_topic_counts(articles: QuerySet | None) -> list[tuple[str, int]]:
    """(topic slug, number of `articles` putting it on a round's agenda), one grouped query."""
    return list(topic_count_query(articles))


def public_mentions_of(facet: str) -> list[QuerySet]:
    """(slug, article id) of every mention supporting a party ("party": delegations and
    observers) or a topic ("topic") that no editor rejected."""
    kinds = {
        "party": (
            (DelegationMention, "delegation", "party"),
            (ObserverMention, "observer", "party"),
        ),
        "topic": ((TopicMention, "round_topic", "topic"),),
    }[facet]
    return [
        model.objects.exclude(**{f"{fact}__state": EditorialState.REJECTED})
        .order_by()
        .values_list(F(f"{fact}__{named}__slug"), "article_id")
        for model, fact, named in kinds
    ]


def counts_of_matched(
    articles: QuerySet, columns: dict[str, Any], mention_facets: list[str], first_page: int = 0
) -> list[tuple[Any, ...]]:
    """PostgreSQL: the facets of `articles` in one statement that reads them once (a search
    matching most of the archive costs a scan each time it is run). Rows of (facet, *column
    keys, slug, n): facet "columns" groups the article columns `columns` (name -> expression);
    "party" and "topic" (those of `mention_facets`) count the articles mentioning each slug:
    every kind of mention in one list, checked against the matched articles once (they were
    hashed once a kind, three times, and a search can match every article). With
    `first_page`, rows ("page", ..., article id, position) give the first `first_page`
    articles in RANKED_ORDER, ranked in the same read."""
    ranking = {"rank_key": F("rank"), "published_key": F("published")} if first_page else {}
    matched = articles.order_by().values(matched_id=F("pk"), **columns, **ranking)
    sql, params = matched.query.sql_with_params()
    names = [f'"{name}"' for name in columns]
    nulls = ", ".join(["NULL"] * len(names))
    parts = [
        f"SELECT 'columns', {', '.join(names)}, NULL, COUNT(*) FROM \"matched\" "
        f"GROUP BY {', '.join(names)}"
    ]
    params = list(params)
    mentions = []
    for facet in mention_facets:
        for query in public_mentions_of(facet):
            mention_sql, mention_params = query.query.sql_with_params()
            mentions.append(f"SELECT '{facet}', * FROM ({mention_sql}) AS m")
            params += mention_params
    if mentions:
        parts.append(
            f'SELECT "facet", {nulls}, "slug", COUNT(DISTINCT "article") '
            f'FROM ({" UNION ALL ".join(mentions)}) AS "mention" ("facet", "slug", "article") '
            'WHERE "mention"."article" IN (SELECT "matched_id" FROM "matched") '
            'GROUP BY "facet", "slug"'
        )
    if first_page:
        order = '"rank_key" DESC, "published_key" DESC, "matched_id" DESC'
        parts.append(
            f"SELECT 'page', {nulls}, CAST(\"matched_id\" AS text), ROW_NUMBER() OVER (ORDER BY "
            f'{order}) FROM (SELECT * FROM "matched" ORDER BY {order} '
            f'LIMIT {int(first_page)}) AS "page"'
        )
    statement = f'WITH "matched" AS MATERIALIZED ({sql}) ' + " UNION ALL ".join(parts)
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall()
