"""Public pages of the articles: the filtered, searchable list and each article with its facts."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.html import escape as esc
from django.utils.safestring import mark_safe

from articles.filters import ArticleFilter
from articles.models import Article
from articles.search import RANKED_ORDER
from astana_site.views import (
    EXPORT_CHUNK,
    FORMULA_TRIGGERS,
    ArchiveDetailView,
    ArchiveListView,
    label_articles,
    stream_json,
    url_maker,
)
from rounds.models import DelegationMention, ObserverMention, TopicMention
from rounds.provenance import EditorialState
from rounds.templatetags.archive import (
    FACT_MARK_HTML,
    INFERRED_MARK,
    Span,
    highlight,
    locate,
)

# Kinds of highlighted fact, in the order of the legend, with what each means.
FACT_KINDS: tuple[tuple[str, str], ...] = (
    ("round", "Round the article reports on"),
    ("date", "Publication date"),
    ("delegation", "Delegation and its head"),
    ("observer", "Observer"),
    ("topic", "Topic on the agenda"),
)


class KeysFirstPaginator(Paginator):
    """Pages of articles read keys first: a deep page costs about what the first one does.

    `OFFSET n` makes the database build and throw away n whole rows (the round joined, every
    column, a search's rank and snippet). Here the skipped rows are keys only, read from an
    index that holds the list's order (published, id), and the page's own 50 rows are then
    fetched by key, in the same order. One query, as before: the keys are a subquery. Page
    numbers, and so every ?page=N link, mean what they always did.
    """

    # A ranked search's first page, in order, when the facets' statement ranked it.
    first_page_keys: list[int] | None = None

    def page(self, number: int | str) -> Page:
        number = self.validate_number(number)
        keys = self.first_page_keys
        if number == 1 and keys is not None and self.object_list.query.order_by == RANKED_ORDER:
            top = self.count if self.per_page + self.orphans >= self.count else self.per_page
            return self._get_page(self.object_list.filter(pk__in=keys[:top]), number, self)
        bottom = (number - 1) * self.per_page
        if bottom == 0 or not isinstance(self.object_list, QuerySet):
            return super().page(number)
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = self.object_list.values("pk")[bottom:top]
        return self._get_page(self.object_list.filter(pk__in=keys), number, self)


class ArticleListView(ArchiveListView):
    template_name = "articles/article_list.html"
    title = "Articles"
    nav_section = "articles"
    filterset_class = ArticleFilter
    paginator_class = KeysFirstPaginator
    export_name = "articles"
    export_columns: ClassVar[list[str]] = [
        "id",
        "title",
        "publisher",
        "published",
        "language",
        "round",
        "round_method",
        "round_state",
        "source_name",
        "url",
    ]

    def get_base_queryset(self) -> QuerySet:
        return Article.objects.for_listing()

    def get_paginator(self, queryset: QuerySet, per_page: int, **kwargs: Any) -> Paginator:
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        if self.filterset is not None and self.filter_is_valid:
            # The facets' grouped query counts the results too: no separate COUNT(*).
            self.filterset.first_page_size = per_page + paginator.orphans
            self.filterset.facet_counts()
            if self.filterset.matched is not None:
                paginator.count = self.filterset.matched
            paginator.first_page_keys = self.filterset.first_page_keys
        return paginator

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        articles = label_articles(context["object_list"])
        search = self.filterset.search if self.filter_is_valid else None
        if search is not None:
            for article in articles:
                article.snippet = search.snippet(
                    getattr(article, "snippet_text", ""), getattr(article, "snippet_from", None)
                )
        if self.filter_is_valid:
            self.filterset.show_facet_counts()
        context.update(
            object_list=articles,
            search=search,
            rows_html=mark_safe("".join(article_row(article) for article in articles)),
        )
        return context

    # The exported columns as the database gives them (`url` is made from the id).
    export_values = (
        "pk", "title", "publisher", "published", "language", "round__number", "round_method",
        "round_state", "source_name",
    )  # fmt: skip

    def export_chunks(self, fmt: str) -> Iterator[str]:
        """Every filtered article as value tuples of the exported columns only (no model
        objects, no text, no search rank or snippet), each URL made from one prefix, and the
        CSV written a thousand rows to a chunk: the full list is tens of thousands of rows."""
        rows = (
            self.get_export_queryset()
            .values_list(*self.export_values)
            .iterator(chunk_size=EXPORT_CHUNK)
        )
        url_of = self.absolute_article_url()
        if fmt != "csv":
            columns = self.export_columns
            return stream_json(
                dict(zip(columns, (*row, url_of(row[0])), strict=True)) for row in rows
            )
        return self.csv_chunks(rows, url_of)

    def csv_chunks(self, rows: Iterator[tuple], url_of: Callable[[int], str]) -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(self.export_columns)
        for count, row in enumerate(rows, start=1):
            pk, title, publisher, published, language, number, method, state, source = row
            # csv_cell()'s guard against spreadsheet formulas, inline: text columns, never null.
            writer.writerow(
                (
                    pk,
                    "'" + title if title.startswith(FORMULA_TRIGGERS) else title,
                    "'" + publisher if publisher.startswith(FORMULA_TRIGGERS) else publisher,
                    published.isoformat() if published else "",
                    "'" + language if language.startswith(FORMULA_TRIGGERS) else language,
                    "" if number is None else number,
                    method,
                    state,
                    "'" + source if source.startswith(FORMULA_TRIGGERS) else source,
                    url_of(pk),
                )
            )
            if count % EXPORT_CHUNK == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    def absolute_article_url(self) -> Callable[[int], str]:
        """An article's absolute URL from its id: reverse() once, not once a row."""
        placeholder = 987654321
        head, tail = self.request.build_absolute_uri(
            url_maker("articles:article-detail", pk=0)(pk=placeholder)
        ).split(str(placeholder))
        return lambda pk: f"{head}{pk}{tail}"


def article_row(article: Article) -> str:
    """One article of the list as an <li>, written here rather than in the template: fifty
    rows of links, marks and dates cost the template language more than the page's queries.
    Every value from the database is escaped; a search snippet is HTML of its own."""
    language = esc(article.language)
    publisher = f"{esc(article.publisher)} \u00b7 " if article.publisher else ""
    published = article.published
    when = (
        f'<time datetime="{published.isoformat()}">{article.published_label}</time>'
        if published
        else "undated"
    )
    round_ = article.round
    if round_ is None:
        linked = '<span class="muted">no round</span>'
    else:
        linked = (
            f'<a href="{article.round_url}">Round {round_.number}</a>'
            f"{'' if round_.confirmed else INFERRED_MARK}"
            f"{FACT_MARK_HTML.get(article.round_state, '')}"
        )
    if article.language != "en":
        linked += (
            f' \u00b7 <span class="language" title="{esc(article.language_name)}">{language}</span>'
        )
    snippet = getattr(article, "snippet", "")
    if snippet:
        shown = conditional_escape(snippet)
        snippet = f'<p class="snippet" lang="{language}" dir="auto">{shown}</p>'
    return (
        f'<li id="article-{article.pk}"><a lang="{language}" dir="auto" class="article-title" '
        f'href="{article.url}">{esc(str(article))}</a><p class="meta">{publisher}{when} \u00b7 '
        f"{linked}</p>{snippet}</li>\n"
    )


@dataclass
class FactNote:
    """One fact the article supports, as listed under its text."""

    kind: str
    label: str
    url: str
    detail: str
    state: str
    sentence: str
    anchor: str | None = None  # None when the sentence could not be found in the text
    span: tuple[int, int] | None = None
    rule: str = ""  # the extraction rule that found the fact in this sentence
    as_written: str = ""  # the head's name as the article wrote it, when not the canonical one
    # The delegation's head at its round, when this article names someone else (or nobody).
    round_head: str = ""
    round_head_url: str = ""
    # The sentence naming the head, when it is not `sentence`: where it is, and its anchor.
    head_span: tuple[int, int] | None = None
    head_anchor: str | None = None


def fact_note(text: str, key: str, start: int, end: int, **fields: Any) -> FactNote:
    """A FactNote placed in `text`: its sentence located, an anchor id when found."""
    note = FactNote(**fields)
    note.span = locate(text, start, end, note.sentence)
    if note.span is not None:
        note.anchor = f"fact-{note.kind}-{key}"
    return note


def mention_note(text: str, mention: Any, **fields: Any) -> FactNote:
    """The FactNote of a fact's mention in the article `text`, at the mention's sentence."""
    return fact_note(
        text,
        str(mention.pk),
        mention.start,
        mention.end,
        sentence=mention.sentence,
        rule=mention.rule,
        **fields,
    )


def public_mentions(model: type, article: Article, fact: str, *related: str) -> QuerySet:
    """The mentions in `article` of facts not rejected, in text order, with `related` fetched."""
    return (
        model.objects.filter(article=article)
        .exclude(**{f"{fact}__state": EditorialState.REJECTED})
        .select_related(*related)
        .order_by("start", "pk")
    )


class ArticleDetailView(ArchiveDetailView):
    template_name = "articles/article_detail.html"
    nav_section = "articles"
    parent_pages = (("Articles", "articles:article-list"),)
    context_object_name = "article"

    def get_queryset(self) -> QuerySet:
        return Article.objects.select_related("round").defer("search_document")

    def get_facts(self) -> list[FactNote]:
        """Every public fact the article supports, in the order of the legend."""
        article = self.object
        text = article.text
        notes: list[FactNote] = []
        if article.round and article.round_state != EditorialState.REJECTED:
            notes.append(
                fact_note(
                    text,
                    "round",
                    article.round_start,
                    article.round_end,
                    kind="round",
                    label=str(article.round),
                    url=article.round.get_absolute_url(),
                    detail=article.get_round_method_display(),
                    state=article.round_state,
                    sentence=article.round_sentence,
                    rule=article.round_method,
                )
            )
        if article.published and article.published_sentence:
            notes.append(
                fact_note(
                    text,
                    "date",
                    0,
                    0,
                    kind="date",
                    label=f"{article.published.day} {article.published:%B %Y}",
                    url="",
                    detail="Publication date",
                    state="",
                    sentence=article.published_sentence,
                    rule=article.published_rule,
                )
            )
        delegations = public_mentions(
            DelegationMention,
            article,
            "delegation",
            "delegation__party",
            "delegation__head",
            "delegation__round",
            "head",
        )
        for mention in delegations:
            delegation = mention.delegation
            # What this article says: the head it names and the title it gives them; the
            # round's head (by majority or an editor) only beside it when it differs.
            named = mention.head.name if mention.head else ""
            round_head = delegation.head.name if delegation.head else ""
            detail = (delegation.get_role_display(), mention.head_title, str(delegation.round))
            written = " ".join(mention.head_as_written.split())
            notes.append(
                mention_note(
                    text,
                    mention,
                    kind="delegation",
                    label=f"{delegation.party.name}: {named or 'no head named here'}",
                    url=delegation.party.get_absolute_url(),
                    detail=" · ".join(part for part in detail if part),
                    state=delegation.state,
                    as_written=written if named and written and written != named else "",
                    round_head=round_head if round_head != named else "",
                    round_head_url=delegation.head.get_absolute_url()
                    if delegation.head and round_head != named
                    else "",
                )
            )
            if mention.head_sentence:
                note = notes[-1]
                note.head_span = locate(
                    text, mention.head_start, mention.head_end, mention.head_sentence
                )
                if note.head_span is not None:
                    note.head_anchor = f"fact-head-{mention.pk}"
        observers = public_mentions(
            ObserverMention, article, "observer", "observer__party", "observer__round"
        )
        for mention in observers:
            observer = mention.observer
            notes.append(
                mention_note(
                    text,
                    mention,
                    kind="observer",
                    label=observer.party.name,
                    url=observer.party.get_absolute_url(),
                    detail=f"Observer at {observer.round}",
                    state=observer.state,
                )
            )
        topics = public_mentions(
            TopicMention, article, "round_topic", "round_topic__topic", "round_topic__round"
        )
        for mention in topics:
            round_topic = mention.round_topic
            url = reverse(
                "rounds:round-topic",
                kwargs={"number": round_topic.round.number, "slug": round_topic.topic.slug},
            )
            notes.append(
                mention_note(
                    text,
                    mention,
                    kind="topic",
                    label=round_topic.topic.name,
                    url=url,
                    detail=f"On the agenda of {round_topic.round}",
                    state=round_topic.state,
                )
            )
        return notes

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        facts = self.get_facts()
        meaning = dict(FACT_KINDS)
        spans = [
            Span(
                note.span[0],
                note.span[1],
                note.kind,
                f"{meaning[note.kind]}: {note.label}",
                note.anchor,
            )
            for note in facts
            if note.span is not None and note.anchor is not None
        ]
        spans += [
            Span(
                note.head_span[0],
                note.head_span[1],
                note.kind,
                f"Head of the delegation: {note.label}",
                note.head_anchor,
            )
            for note in facts
            if note.head_span is not None and note.head_anchor is not None
        ]
        highlighted = highlight(self.object.text, spans)
        context = super().get_context_data(**kwargs)
        context.update(
            highlighted_text=highlighted,
            has_overlaps="hl-multi" in highlighted,
            fact_count=len(facts),
            facts_by_kind=[
                (kind, description, [note for note in facts if note.kind == kind])
                for kind, description in FACT_KINDS
            ],
        )
        return context
