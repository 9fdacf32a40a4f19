"""The rounds' pages: the list of rounds and each round's page (its delegations, observers and
topics with their best evidence, its articles, its neighbours on the calendar).

Views are thin: a base queryset from a QuerySet method, a FilterSet from rounds/filters.py,
rows for CSV/JSON exports. Rejected facts never appear: every fact queryset starts from
`.public()`. `round_calendar()` is also the grids' columns (rounds/fact_views.py).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from html import escape as esc
from typing import Any, ClassVar

from django.db import connection
from django.db.models import Count, Prefetch, QuerySet
from django.urls import reverse
from django.utils.safestring import mark_safe

from articles.models import Article, RoundLinkMethod
from astana_site.views import ArchiveDetailView, ArchiveListView, label_articles, url_maker
from rounds.aggregates import per_version
from rounds.evidence_views import ROUND_PAGES
from rounds.filters import RoundFilter
from rounds.head_support import attach_head_support, label_mentions
from rounds.models import (
    TOPIC_SHARE_THRESHOLD,
    Delegation,
    DelegationMention,
    Observer,
    ObserverMention,
    Role,
    Round,
    RoundTopic,
    TopicMention,
)
from rounds.round_page import NO_VALUE, delegation_rows, observer_rows, topic_items
from rounds.templatetags.archive import FACT_MARK_HTML, INFERRED_MARK, date_range
from rounds.templatetags.editor_tools import attach_edit_links

ARTICLE_FIELDS = ("id", "title", "source_name", "publisher", "published")

# Supporting sentences shown per fact on a round's page; the rest are one link away.
EVIDENCE_SHOWN = 3
ARTICLES_SHOWN = 20
# What a round's page shows of its facts: their marks and editors' notes, and of each the
# party's or topic's name and link (and a topic's description).
SHOWN_FACT_FIELDS = ("state", "editor_note")
SHOWN_PARTY_FIELDS = ("party__name", "party__slug")
SHOWN_TOPIC_FIELDS = ("topic__name", "topic__slug", "topic__description")


def attach_evidence(groups: list[tuple[type, str, list[Any]]], limit: int = EVIDENCE_SHOWN) -> None:
    """Set `fact.evidence` to the `limit` most confident mentions of each fact (most
    confident first, then the oldest) and `fact.mention_count` to the number of its
    mentions, for facts of several kinds in one query.

    `groups` are (mention model, its foreign key to the fact, facts). Mentions only, ranked
    and counted by windows in each table and joined by UNION ALL: one short query where a
    prefetch per kind of fact cost a query each and most of the page's Python (Django builds
    a windowed prefetch anew every time), and a counting subquery cost each fact query half
    its building. `label_mentions()` then fetches the few articles shown."""
    quote = connection.ops.quote_name
    parts, params, kinds = [], [], []
    for model, fact_field, facts in groups:
        for fact in facts:
            fact.evidence = []
            fact.mention_count = 0
        if not facts:
            continue
        table, column = model._meta.db_table, model._meta.get_field(fact_field).column
        keys = ", ".join(["%s"] * len(facts))
        parts.append(
            f"SELECT {len(kinds)} AS kind, {quote(column)} AS fact, id, article_id, sentence, "
            f"ROW_NUMBER() OVER (PARTITION BY {quote(column)} ORDER BY confidence DESC, id) "
            f"AS position, COUNT(*) OVER (PARTITION BY {quote(column)}) AS total "
            f"FROM {quote(table)} WHERE {quote(column)} IN ({keys})"
        )
        params += [fact.pk for fact in facts]
        kinds.append((model, fact_field, {fact.pk: fact for fact in facts}))
    if not parts:
        return
    sql = (
        "SELECT kind, fact, id, article_id, sentence, total FROM ("
        + " UNION ALL ".join(parts)
        + ") ranked WHERE position <= %s ORDER BY kind, fact, position"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        rows = cursor.fetchall()
    for kind, fact_pk, pk, article_id, sentence, total in rows:
        model, fact_field, facts = kinds[kind]
        fact = facts[fact_pk]
        fact.mention_count = total
        # The columns read, the others deferred: building a model from keywords cost as
        # much as the query (every other field looked up for its default).
        mention = model.from_db(
            connection.alias,
            (model._meta.pk.attname, "article_id", "sentence"),
            (pk, article_id, sentence),
        )
        setattr(mention, fact_field, fact)
        fact.evidence.append(mention)


# Rounds


class RoundListView(ArchiveListView):
    template_name = "rounds/round_list.html"
    title = "Rounds"
    nav_section = "rounds"
    filterset_class = RoundFilter
    export_name = "rounds"
    sort_options: ClassVar[dict[str, tuple[Any, ...]]] = {
        "number": ("number",),
        "date": ("start", "number"),
        "city": ("city", "number"),
        "articles": ("article_count", "number"),
    }
    default_sort = "number"
    export_columns: ClassVar[list[str]] = [
        "number",
        "start",
        "end",
        "city",
        "confirmed",
        "guarantor_heads",
        "article_count",
        "url",
    ]

    def get_base_queryset(self) -> QuerySet:
        # The columns the rows and the export show: a delegation's and its head's
        # timestamps were parsed for every row and never shown.
        guarantors = (
            Delegation.objects.public()
            .filter(role=Role.GUARANTOR)
            .select_related("party", "head")
            .only("state", "round", "party__name", "head__name", "head__slug")
            .order_by("party__sort_order", "party__name")
        )
        return Round.objects.with_article_count().prefetch_related(
            Prefetch("delegations", queryset=guarantors, to_attr="guarantor_delegations")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # Rows written here, as the fact lists' are (FactListView): values escaped by esc().
        context["rows_html"] = mark_safe(
            "".join(self.row_html(round_) for round_ in context["object_list"])
        )
        if self.filter_is_valid:
            self.filterset.show_facet_counts()
        return context

    @cached_property
    def urls(self) -> tuple[Callable[..., str], Callable[..., str], str]:
        return (
            url_maker("rounds:round-detail", number=0),
            url_maker("rounds:participant-detail", slug="x"),
            reverse("articles:article-list"),
        )

    def row_html(self, round_: Round) -> str:
        round_url, person_url, articles_url = self.urls
        number, start = round_.number, round_.start
        dates = (
            f'<time datetime="{start.isoformat()}">{esc(date_range(start, round_.end))}</time>'
            if start
            else "date unknown"
        )
        heads = "".join(
            f'<li><span class="party">{esc(d.party.name)}:</span> '
            + (
                f'<a href="{person_url(slug=d.head.slug)}">{esc(d.head.name)}</a>'
                if d.head
                else '<span class="muted">head not named</span>'
            )
            + f"{FACT_MARK_HTML.get(d.state, '')}</li>"
            for d in round_.guarantor_delegations
        )
        count = round_.article_count
        return (
            f'<tr id="round-{number}"><th scope="row"><a href="{round_url(number=number)}">'
            f"Round {number}</a>{'' if round_.confirmed else INFERRED_MARK}</th>"
            f'<td data-label="Dates">{dates}</td>'
            f'<td data-label="City">{esc(round_.city) or NO_VALUE}</td>'
            '<td data-label="Guarantors\' heads">'
            + (
                f'<ul class="inline-list">{heads}</ul>'
                if heads
                else '<span class="muted">not yet known</span>'
            )
            + '</td><td data-label="Articles" class="num">'
            + (f'<a href="{articles_url}?round={number}">{count}</a>' if count else "0")
            + "</td></tr>\n"
        )

    def export_row(self, obj: Round) -> dict[str, Any]:
        return {
            "number": obj.number,
            "start": obj.start,
            "end": obj.end,
            "city": obj.city,
            "confirmed": obj.confirmed,
            "guarantor_heads": [
                f"{d.party.name}: {d.head.name if d.head else ''}".rstrip(": ")
                for d in obj.guarantor_delegations
            ],
            "article_count": obj.article_count,
            "url": self.request.build_absolute_uri(obj.get_absolute_url()),
        }


class RoundDetailView(ArchiveDetailView):
    template_name = "rounds/round_detail.html"
    nav_section = "rounds"
    parent_pages = ROUND_PAGES
    slug_field = "number"
    slug_url_kwarg = "number"
    context_object_name = "round"

    def get_queryset(self) -> QuerySet:
        return Round.objects.with_article_count()

    def round_facts(self, model: type, shown: tuple[str, ...], *order: str) -> list[Any]:
        """This round's public facts of `model`, reading only the fields in `shown` (and the
        rows they name) and ordered by `order`; their evidence and its count come from
        attach_evidence(). The columns the page shows: building a query costs by the column,
        and the facts' timestamps and confidence were read and never shown."""
        related = {field.rpartition("__")[0] for field in shown} - {""}
        facts = model.objects.public().filter(round=self.object).select_related(*related)
        facts = list(facts.only(*SHOWN_FACT_FIELDS, *shown).order_by(*order))
        for fact in facts:
            # The round already read: an editor's links name the fact ("Russia at Round 11").
            fact.round = self.object
        return facts

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        round_ = self.object
        by_party = ("party__sort_order", "party__name")
        delegations = self.round_facts(
            Delegation,
            ("role", "head_title", *SHOWN_PARTY_FIELDS, "head__name", "head__slug"),
            *by_party,
        )
        observers = self.round_facts(Observer, SHOWN_PARTY_FIELDS, *by_party)
        topics = self.round_facts(
            RoundTopic, SHOWN_TOPIC_FIELDS, "topic__sort_order", "topic__slug"
        )
        attach_evidence(
            [
                (DelegationMention, "delegation", delegations),
                (ObserverMention, "observer", observers),
                (TopicMention, "round_topic", topics),
            ]
        )
        # Most supported first, by the counts attach_evidence() read: a stable sort keeps the
        # database's order among equals. Counting in the topics' query cost a subquery to build.
        topics.sort(key=lambda round_topic: -round_topic.mention_count)
        delegation_url = url_maker("rounds:delegation-evidence", number=0, slug="x")
        observer_url = url_maker("rounds:observer-evidence", number=0, slug="x")
        for delegation in delegations:
            delegation.evidence_url = delegation_url(
                number=round_.number, slug=delegation.party.slug
            )
        for observer in observers:
            observer.evidence_url = observer_url(number=round_.number, slug=observer.party.slug)
        head_quotes = attach_head_support(
            delegations,
            EVIDENCE_SHOWN,
            evidence_url=lambda delegation: delegation.evidence_url,
            label=False,
        )
        for facts in (delegations, observers, topics):
            attach_edit_links(self.request, facts)
        label_mentions(
            [
                *head_quotes,
                *(
                    mention
                    for fact in (*delegations, *observers, *topics)
                    for mention in fact.evidence
                ),
            ]
        )
        sentences_url = url_maker("rounds:round-topic", number=0, slug="x")
        for round_topic in topics:
            round_topic.sentences_url = sentences_url(
                number=round_.number, slug=round_topic.topic.slug
            )
            # The same share as RoundTopicQuerySet.with_share(), from counts already read.
            round_topic.round_article_count = round_.article_count
            round_topic.share = (
                round_topic.mention_count / round_.article_count if round_.article_count else 0.0
            )
        calendar = round_calendar()
        earlier = [r for r in calendar if r.number < round_.number]
        later = [r for r in calendar if r.number > round_.number]
        context = super().get_context_data(**kwargs)
        if not round_.confirmed:
            context["inference"] = round_inference(round_)
        significant = [t for t in topics if t.is_significant]
        context.update(
            delegations=delegations,
            delegation_rows=delegation_rows(delegations, EVIDENCE_SHOWN),
            observers=observers,
            observer_rows=observer_rows(observers, EVIDENCE_SHOWN),
            topics=significant,
            topic_items=topic_items(significant, EVIDENCE_SHOWN),
            minor_topics=[t for t in topics if not t.is_significant],
            topic_threshold=TOPIC_SHARE_THRESHOLD,
            articles=label_articles(
                Article.objects.for_round(round_)
                .select_related("round")
                .only(*ARTICLE_FIELDS, "round_state", "round__number")[:ARTICLES_SHOWN]
            ),
            articles_url=reverse("articles:article-list") + f"?round={round_.number}",
            previous_round=earlier[-1] if earlier else None,
            next_round=later[0] if later else None,
            evidence_shown=EVIDENCE_SHOWN,
        )
        return context


CALENDAR_FIELDS = ("pk", "number", "start", "city", "confirmed")


def round_calendar() -> list[Round]:
    """Every round (its number, dates, city and whether it is on the calendar), in order:
    the neighbours of a round's page, the grids' columns. Read once per archive version
    (rounds/aggregates.py), not once a page."""
    rows = per_version("rounds:calendar", lambda: list(Round.objects.values_list(*CALENDAR_FIELDS)))
    return [Round(**dict(zip(CALENDAR_FIELDS, row, strict=True))) for row in rows]


def round_inference(round_: Round, shown: int = EVIDENCE_SHOWN) -> dict[str, Any]:
    """How a round not on the calendar was inferred: the rules that linked articles to it
    (with how many each) and the best sentences naming it. Two queries, for such rounds only."""
    articles = Article.objects.for_round(round_)
    methods = dict(RoundLinkMethod.choices)
    rules = [
        (row["round_method"], methods.get(row["round_method"], row["round_method"]), row["n"])
        for row in articles.order_by().values("round_method").annotate(n=Count("*"))
    ]
    evidence = label_articles(
        articles.exclude(round_sentence="")
        .select_related("round")
        .only(*ARTICLE_FIELDS, "round", "round_sentence", "round_method", "round_confidence")
        .order_by("-round_confidence", "-published", "pk")[:shown]
    )
    return {"rules": sorted(rules, key=lambda rule: -rule[2]), "evidence": evidence}
