"""The archive as one JSON-ready document (schema in the README), in a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from articles.models import Article
from rounds.models import (
    Delegation,
    DelegationMention,
    Observer,
    ObserverMention,
    Round,
    RoundTopic,
    TopicMention,
)
from rounds.provenance import EditorialState

NOT_REJECTED = {"state": EditorialState.REJECTED}


def export_rounds() -> list[dict[str, Any]]:
    rounds = Round.objects.prefetch_related(
        Prefetch(
            "delegations",
            queryset=Delegation.objects.public()
            .select_related("party", "head")
            .order_by("party__sort_order"),
        ),
        Prefetch(
            "observers",
            queryset=Observer.objects.public()
            .select_related("party")
            .order_by("party__sort_order"),
        ),
        Prefetch(
            "topics",
            queryset=RoundTopic.objects.public()
            .select_related("topic")
            .order_by("topic__sort_order"),
        ),
    ).order_by("number")
    return [
        {
            "number": r.number,
            "start": r.start.isoformat() if r.start else None,
            "end": r.end.isoformat() if r.end else None,
            "city": r.city or None,
            "confirmed": r.confirmed,
            "delegations": [
                {
                    "party": d.party.name,
                    "role": d.role,
                    "head": d.head.name if d.head else None,
                    "head_title": d.head_title or None,
                }
                for d in r.delegations.all()
            ],
            "observers": [o.party.name for o in r.observers.all()],
            "topics": [t.topic.slug for t in r.topics.all()],
        }
        for r in rounds
    ]


def export_articles(articles=None) -> list[dict[str, Any]]:
    """Each article with the facts extracted from it (rejected facts left out)."""
    queryset = articles if articles is not None else Article.objects.all()
    queryset = (
        queryset.select_related("round")
        .prefetch_related(
            Prefetch(
                "delegationmentions",
                queryset=DelegationMention.objects.exclude(
                    delegation__state=EditorialState.REJECTED
                )
                .select_related("delegation__party", "head")
                .order_by("delegation__party__sort_order"),
            ),
            Prefetch(
                "observermentions",
                queryset=ObserverMention.objects.exclude(observer__state=EditorialState.REJECTED)
                .select_related("observer__party")
                .order_by("observer__party__sort_order"),
            ),
            Prefetch(
                "topicmentions",
                queryset=TopicMention.objects.exclude(round_topic__state=EditorialState.REJECTED)
                .select_related("round_topic__topic")
                .order_by("round_topic__topic__sort_order"),
            ),
        )
        .order_by("source_name", "pk")
    )
    return [
        {
            "source": a.source_name,
            "title": a.title or None,
            "published": a.published.isoformat() if a.published else None,
            "language": a.language,
            "round": a.round.number if a.round else None,
            "delegations": [
                {
                    "party": m.delegation.party.name,
                    "role": m.delegation.role,
                    "head": m.head.name if m.head else None,
                    "head_as_written": m.head_as_written or None,
                }
                for m in a.delegationmentions.all()
            ],
            "observers": [m.observer.party.name for m in a.observermentions.all()],
            "topics": [m.round_topic.topic.slug for m in a.topicmentions.all()],
        }
        for a in queryset.iterator(chunk_size=500)
    ]


def export_archive() -> dict[str, Any]:
    return {"rounds": export_rounds(), "articles": export_articles()}
