"""The archive as one JSON-ready document (schema in the README), in a fixed number of queries."""

from __future__ import annotations

from itertools import islice
from typing import Any

from django.db.models import Prefetch, QuerySet

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
    """Each article with the facts extracted from it (rejected facts left out).

    Plain value rows, a chunk of articles at a time (one query for the articles, three per
    chunk for their evidence): model instances would carry every column (the text, the
    search vector, the timestamps) that the export never writes, and cost more to build than
    the database takes to send the values.
    """
    queryset = articles if articles is not None else Article.objects.all()
    rows = queryset.order_by("source_name", "pk").values_list(
        "pk", "source_name", "title", "published", "language", "round__number"
    )
    exported = []
    iterator = rows.iterator(chunk_size=_CHUNK)
    while chunk := list(islice(iterator, _CHUNK)):
        ids = [row[0] for row in chunk]
        delegations = _by_article(
            DelegationMention.objects.exclude(delegation__state=EditorialState.REJECTED),
            ids,
            "delegation__party__sort_order",
            "delegation__party__name", "delegation__role", "head__name", "head_as_written",
        )  # fmt: skip
        observers = _by_article(
            ObserverMention.objects.exclude(observer__state=EditorialState.REJECTED),
            ids,
            "observer__party__sort_order",
            "observer__party__name",
        )
        topics = _by_article(
            TopicMention.objects.exclude(round_topic__state=EditorialState.REJECTED),
            ids,
            "round_topic__topic__sort_order",
            "round_topic__topic__slug",
        )
        for pk, source, title, published, language, round_number in chunk:
            exported.append(
                {
                    "source": source,
                    "title": title or None,
                    "published": published.isoformat() if published else None,
                    "language": language,
                    "round": round_number,
                    "delegations": [
                        {
                            "party": party,
                            "role": role,
                            "head": head,
                            "head_as_written": as_written or None,
                        }
                        for party, role, head, as_written in delegations.get(pk, ())
                    ],
                    "observers": [party for (party,) in observers.get(pk, ())],
                    "topics": [slug for (slug,) in topics.get(pk, ())],
                }
            )
    return exported


_CHUNK = 500


def _by_article(
    mentions: QuerySet, article_ids: list[int], order: str, *fields: str
) -> dict[int, list[tuple]]:
    """The mentions of these articles as value tuples of `fields`, per article, in `order`."""
    grouped: dict[int, list[tuple]] = {}
    rows = (
        mentions.filter(article_id__in=article_ids)
        .order_by(order, "pk")
        .values_list("article_id", *fields)
    )
    for article_id, *values in rows:
        grouped.setdefault(article_id, []).append(tuple(values))
    return grouped


def export_archive() -> dict[str, Any]:
    return {"rounds": export_rounds(), "articles": export_articles()}
