"""The JSON API over the articles: the filtered list (the article page's FilterSet, search
included) and each article with its text and the public facts it supports, sentence by
sentence. Facts an editor rejected are left out, as on the article's page."""

import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from articles.filters import ArticleFilter
from articles.models import Article
from astana_site.api_support import (
    ArchivePagination,
    ParticipantRef,
    PartyRef,
    TopicRef,
    filter_params,
    filtered,
)
from rounds.models import DelegationMention, ObserverMention, TopicMention
from rounds.provenance import EditorialState

router = Router(tags=["articles"])

ArticleParams = filter_params(ArticleFilter, "ArticleFilters")


class ArticleOut(Schema):
    id: int
    title: str
    publisher: str
    published: datetime.date | None
    language: str
    round: int | None
    round_method: str
    round_state: str
    source_name: str
    url: str

    @staticmethod
    def resolve_round(obj: Article) -> int | None:
        # A link an editor rejected is not shown, as on the article's page.
        if obj.round_id is None or obj.round_state == EditorialState.REJECTED:
            return None
        return obj.round.number

    @staticmethod
    def resolve_url(obj: Article, context: dict[str, Any]) -> str:
        return context["request"].build_absolute_uri(obj.get_absolute_url())


class EvidenceOut(Schema):
    """A fact of a round as this article states it, with the sentence that says so."""

    round: int
    sentence: str
    confidence: float
    rule: str


class DelegationEvidenceOut(EvidenceOut):
    party: PartyRef
    head: ParticipantRef | None
    head_as_written: str
    head_title: str


class ObserverEvidenceOut(EvidenceOut):
    party: PartyRef


class TopicEvidenceOut(EvidenceOut):
    topic: TopicRef


class ArticleDetailOut(ArticleOut):
    text: str
    round_sentence: str
    round_candidates: list[str]
    delegations: list[DelegationEvidenceOut]
    observers: list[ObserverEvidenceOut]
    topics: list[TopicEvidenceOut]

    @staticmethod
    def resolve_round_candidates(obj: Article) -> list[str]:
        return obj.round_candidate_lines

    @staticmethod
    def resolve_delegations(obj: Article) -> list[dict[str, Any]]:
        return obj.delegation_evidence

    @staticmethod
    def resolve_observers(obj: Article) -> list[dict[str, Any]]:
        return obj.observer_evidence

    @staticmethod
    def resolve_topics(obj: Article) -> list[dict[str, Any]]:
        return obj.topic_evidence


@router.get("/articles/", response=list[ArticleOut], summary="Articles")
@paginate(ArchivePagination)
def list_articles(request: HttpRequest, filters: Query[ArticleParams]):  # type: ignore[valid-type]
    """Articles, newest first (by relevance when searching on PostgreSQL), filtered as on
    the articles page."""
    return filtered(ArticleFilter, filters, Article.objects.for_listing(), request)


@router.get("/articles/{article_id}/", response=ArticleDetailOut, summary="One article")
def get_article(request: HttpRequest, article_id: int):
    """An article's text and the public facts it supports, with their sentences."""
    article = get_object_or_404(
        Article.objects.select_related("round").defer("search_document"), pk=article_id
    )
    not_rejected = EditorialState.REJECTED
    delegations = (
        DelegationMention.objects.filter(article=article)
        .exclude(delegation__state=not_rejected)
        .select_related("delegation__round", "delegation__party", "head")
        .order_by("delegation__round__number", "delegation__party__sort_order", "pk")
    )
    observers = (
        ObserverMention.objects.filter(article=article)
        .exclude(observer__state=not_rejected)
        .select_related("observer__round", "observer__party")
        .order_by("observer__round__number", "observer__party__sort_order", "pk")
    )
    topics = (
        TopicMention.objects.filter(article=article)
        .exclude(round_topic__state=not_rejected)
        .select_related("round_topic__round", "round_topic__topic")
        .order_by("round_topic__round__number", "round_topic__topic__sort_order", "pk")
    )
    # The evidence lists are set on the article, so that its schema's resolvers read it.
    article.delegation_evidence = [
        {
            "round": m.delegation.round.number,
            "sentence": m.sentence,
            "confidence": m.confidence,
            "rule": m.rule,
            "party": m.delegation.party,
            "head": m.head,
            "head_as_written": m.head_as_written,
            "head_title": m.head_title,
        }
        for m in delegations
    ]
    article.observer_evidence = [
        {
            "round": m.observer.round.number,
            "sentence": m.sentence,
            "confidence": m.confidence,
            "rule": m.rule,
            "party": m.observer.party,
        }
        for m in observers
    ]
    article.topic_evidence = [
        {
            "round": m.round_topic.round.number,
            "sentence": m.sentence,
            "confidence": m.confidence,
            "rule": m.rule,
            "topic": m.round_topic.topic,
        }
        for m in topics
    ]
    return article
