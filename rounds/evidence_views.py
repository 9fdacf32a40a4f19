"""Every piece of evidence for one fact of a round: the page behind its "N sources".

One page per fact (a delegation, an observer seat, a topic on the agenda): every supporting
sentence with its article, confidence and rule, paginated, and the same rows as CSV/JSON.
A delegation's page also says whom each article named as head, and `?head=<slug>` narrows it
to the articles naming one person (the link of each "also named as head" claim).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404

from astana_site.views import ArchiveListView, Crumb, url_maker
from rounds.head_support import attach_head_support, editor_note, head_quote
from rounds.models import (
    Delegation,
    DelegationMention,
    Observer,
    ObserverMention,
    Participant,
    RoundTopic,
    TopicMention,
)

ROUND_PAGES = (("Rounds", "rounds:round-list"),)

MENTION_FIELDS = (
    "sentence",
    "confidence",
    "rule",
    "article__id",
    "article__title",
    "article__source_name",
    "article__publisher",
    "article__published",
)

BASE_COLUMNS = [
    "round",
    "article_id",
    "article_title",
    "publisher",
    "published",
    "sentence",
    "confidence",
    "rule",
    "article_url",
]


class FactEvidenceView(ArchiveListView):
    """Every mention of one public fact, most confident first."""

    template_name = "rounds/fact_evidence.html"
    parent_pages = ROUND_PAGES
    fact_model: Any = None
    mention_field = ""  # the mention's foreign key to the fact
    slug_lookup = ""  # how the URL's slug finds the fact at its round
    fact_noun = ""  # "delegation", "observer", "topic": the template's wording
    related: tuple[str, ...] = ()

    def get(self, request, *args, **kwargs):
        self.fact = get_object_or_404(
            self.fact_model.objects.public().select_related("round", *self.related),
            round__number=kwargs["number"],
            **{self.slug_lookup: kwargs["slug"]},
        )
        return super().get(request, *args, **kwargs)

    def get_base_queryset(self) -> QuerySet:
        mentions = self.fact_model._meta.get_field("mentions").related_model
        return (
            mentions.objects.filter(**{self.mention_field: self.fact})
            .select_related("article")
            .only(self.mention_field, *MENTION_FIELDS)
            .order_by("-confidence", "-article__published", "pk")
        )

    def fact_label(self) -> str:
        raise NotImplementedError

    def get_title(self) -> str:
        return f"{self.fact_label()} at round {self.fact.round.number}"

    def get_parent_crumbs(self) -> list[Crumb]:
        round_ = self.fact.round
        return [*super().get_parent_crumbs(), (str(round_), round_.get_absolute_url())]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            fact=self.fact,
            fact_noun=self.fact_noun,
            fact_label=self.fact_label(),
            editor_note=editor_note(self.fact),
        )
        return context

    def export_row(self, obj: Any) -> dict[str, Any]:
        article = obj.article
        return {
            "round": self.fact.round.number,
            "article_id": article.pk,
            "article_title": str(article),
            "publisher": article.publisher,
            "published": article.published,
            "sentence": obj.sentence,
            "confidence": obj.confidence,
            "rule": obj.rule,
            "article_url": self.request.build_absolute_uri(article.get_absolute_url()),
        }


class RoundTopicView(FactEvidenceView):
    """Every sentence that puts a topic on a round's agenda."""

    template_name = "rounds/round_topic.html"
    nav_section = "topics"
    export_name = "topic-sentences"
    export_columns: ClassVar[list[str]] = [*BASE_COLUMNS[:1], "topic", *BASE_COLUMNS[1:]]
    fact_model = RoundTopic
    mention_field = "round_topic"
    slug_lookup = "topic__slug"
    fact_noun = "topic"
    related = ("topic",)

    def fact_label(self) -> str:
        return self.fact.topic.name

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["round_topic"] = self.fact
        return context

    def export_row(self, obj: TopicMention) -> dict[str, Any]:
        return {**super().export_row(obj), "topic": self.fact.topic.slug}


class ObserverEvidenceView(FactEvidenceView):
    nav_section = "observers"
    export_name = "observer-evidence"
    export_columns: ClassVar[list[str]] = [*BASE_COLUMNS[:1], "party", *BASE_COLUMNS[1:]]
    fact_model = Observer
    mention_field = "observer"
    slug_lookup = "party__slug"
    fact_noun = "observer"
    related = ("party",)

    def fact_label(self) -> str:
        return f"{self.fact.party.name} as observer"

    def export_row(self, obj: ObserverMention) -> dict[str, Any]:
        return {**super().export_row(obj), "party": self.fact.party.name}


class DelegationEvidenceView(FactEvidenceView):
    nav_section = "delegations"
    export_name = "delegation-evidence"
    export_columns: ClassVar[list[str]] = [
        *BASE_COLUMNS[:1],
        "party",
        *BASE_COLUMNS[1:],
        "head_named",
        "head_as_written",
        "head_title",
        "head_sentence",
        "head_rule",
        "supports_head_shown",
    ]
    fact_model = Delegation
    mention_field = "delegation"
    slug_lookup = "party__slug"
    fact_noun = "delegation"
    related = ("party", "head")

    def get_base_queryset(self) -> QuerySet:
        mentions = (
            super()
            .get_base_queryset()
            .select_related("head")
            .only(
                "delegation",
                *MENTION_FIELDS,
                "head__name",
                "head__slug",
                "head_as_written",
                "head_title",
                "head_sentence",
                "head_rule",
            )
        )
        head = self.request.GET.get("head", "").strip()
        if head == "none":
            mentions = mentions.filter(head__isnull=True)
        elif head:
            self.head_filter = Participant.objects.filter(slug=head).first()
            if self.head_filter is None:
                raise Http404("No such participant.")
            mentions = mentions.filter(head=self.head_filter)
        return mentions

    head_filter: Participant | None = None

    @property
    def filters_active(self) -> bool:
        return bool(self.request.GET.get("head", "").strip())

    def fact_label(self) -> str:
        return f"Delegation of {self.fact.party.name}"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        attach_head_support([self.fact], quotes=0, evidence_url=lambda d: self.request.path)
        for mention in context["object_list"]:
            mention.quote = head_quote(mention) if mention.head_sentence else ""
        context.update(
            head_support=self.fact.head_support,
            head_filter=self.head_filter,
            head_filter_none=self.request.GET.get("head") == "none",
            unfiltered_url=self.request.path,
        )
        return context

    def export_row(self, obj: DelegationMention) -> dict[str, Any]:
        return {
            **super().export_row(obj),
            "party": self.fact.party.name,
            "head_named": obj.head.name if obj.head else None,
            "head_as_written": obj.head_as_written,
            "head_title": obj.head_title,
            "head_sentence": obj.head_sentence,
            "head_rule": obj.head_rule,
            "supports_head_shown": obj.head_id is not None and obj.head_id == self.fact.head_id,
        }


# Evidence columns of the round-by-round exports: one row per fact, its best sentence inline
# and every other one a link away.

EVIDENCE_COLUMNS = [
    "sources",
    "best_article_url",
    "best_sentence",
    "best_confidence",
    "evidence_url",
]


def with_best_evidence(facts: QuerySet, *, prefer_head: bool = False) -> QuerySet:
    """Facts annotated with their number of supporting articles (`source_count`) and their
    most confident mention (`best_article_id`, `best_sentence`, `best_confidence`).

    Correlated subqueries, answered from the mentions' (fact, article) index: an export reads
    them with its rows, never one query per row. With `prefer_head`, a delegation's best
    mention is the most confident one naming the head shown, when any does.
    """
    relation = facts.model._meta.get_field("mentions")
    mentions = relation.related_model.objects.filter(**{relation.field.name: OuterRef("pk")})
    order = ("-confidence", "pk")
    count = mentions.order_by().values(relation.field.name).annotate(n=Count("*")).values("n")
    choices = [mentions.order_by(*order)]
    if prefer_head:
        choices.insert(0, mentions.filter(head=OuterRef("head")).order_by(*order))

    def best(column: str) -> Any:
        values = [Subquery(choice.values(column)[:1]) for choice in choices]
        return Coalesce(*values) if len(values) > 1 else values[0]

    return facts.annotate(
        source_count=Coalesce(Subquery(count), 0),
        best_article_id=best("article"),
        best_sentence=best("sentence"),
        best_confidence=best("confidence"),
    )


def evidence_columns(view: Any, fact: Any, url_name: str, slug: str) -> dict[str, Any]:
    """The EVIDENCE_COLUMNS of one exported fact annotated by `with_best_evidence()`."""
    build = view.request.build_absolute_uri
    article = fact.best_article_id
    article_url = url_maker("articles:article-detail", pk=0)
    fact_url = url_maker(url_name, number=0, slug="x")
    return {
        "sources": fact.source_count,
        "best_article_url": build(article_url(pk=article)) if article else None,
        "best_sentence": fact.best_sentence,
        "best_confidence": fact.best_confidence,
        "evidence_url": build(fact_url(number=fact.round.number, slug=slug)),
    }
