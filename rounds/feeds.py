"""Atom feeds of what changed at the rounds: facts found or corrected, articles linked.

One feed per round (/rounds/<n>/feed/) and one over every round (/rounds/feed/). An entry is
a public fact (rejected ones are hidden, as on the pages) or an article, dated by its last
change; its id carries that date, so a fact changed again comes back as a new entry.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from articles.models import Article
from rounds.models import Delegation, Observer, Round, RoundTopic
from rounds.provenance import EditorialState

FEED_LENGTH = 50


@dataclass(frozen=True)
class Change:
    """One entry of a changes feed."""

    key: str
    title: str
    description: str
    link: str
    updated: datetime.datetime


def state_phrase(state: str, sources: int) -> str:
    if state == EditorialState.EXTRACTED:
        return f"found by the software in {sources} article{'s' if sources != 1 else ''}"
    return EditorialState(state).label.lower()


def newest(queryset: QuerySet, round_: Round | None) -> QuerySet:
    if round_ is not None:
        queryset = queryset.filter(round=round_)
    return queryset.order_by("-updated_at", "-pk")[:FEED_LENGTH]


def round_changes(round_: Round | None) -> list[Change]:
    """The newest changes of each kind (a query per kind), merged newest first."""
    changes: list[Change] = []
    delegations = newest(
        Delegation.objects.public().select_related("round", "party", "head").with_mention_count(),
        round_,
    )
    for d in delegations:
        head = f"headed by {d.head.name}" if d.head else "head not named"
        title = f", {d.head_title}" if d.head_title else ""
        changes.append(
            Change(
                key=f"delegation-{d.pk}",
                title=f"Round {d.round.number}: {d.party.name} delegation, {head}",
                description=f"{d.get_role_display()}{title}; "
                + state_phrase(d.state, d.mention_count),
                link=f"{d.round.get_absolute_url()}#delegation-{d.party.slug}",
                updated=d.updated_at,
            )
        )
    observers = newest(
        Observer.objects.public().select_related("round", "party").with_mention_count(), round_
    )
    for o in observers:
        changes.append(
            Change(
                key=f"observer-{o.pk}",
                title=f"Round {o.round.number}: {o.party.name} observing",
                description=state_phrase(o.state, o.mention_count),
                link=f"{o.round.get_absolute_url()}#observer-{o.party.slug}",
                updated=o.updated_at,
            )
        )
    topics = newest(
        RoundTopic.objects.public().select_related("round", "topic").with_mention_count(), round_
    )
    for t in topics:
        changes.append(
            Change(
                key=f"topic-{t.pk}",
                title=f"Round {t.round.number}: {t.topic.name} on the agenda",
                description=state_phrase(t.state, t.mention_count),
                link=reverse(
                    "rounds:round-topic", kwargs={"number": t.round.number, "slug": t.topic.slug}
                ),
                updated=t.updated_at,
            )
        )
    articles = newest(
        Article.objects.filter(round__isnull=False)
        .exclude(round_state=EditorialState.REJECTED)
        .select_related("round")
        .only("title", "source_name", "publisher", "updated_at", "round__number"),
        round_,
    )
    for a in articles:
        changes.append(
            Change(
                key=f"article-{a.pk}",
                title=f"Round {a.round.number}: article “{a}”",
                description=f"Reported by {a.publisher}" if a.publisher else "New article",
                link=a.get_absolute_url(),
                updated=a.updated_at,
            )
        )
    changes.sort(key=lambda change: (change.updated, change.key), reverse=True)
    return changes[:FEED_LENGTH]


class RoundChangesFeed(Feed):
    """Changes at one round (`number` in the URL) or, without a number, at every round."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, number: int | None = None) -> Round | None:
        if number is None:
            return None
        return get_object_or_404(Round, number=number)

    def title(self, obj: Round | None) -> str:
        where = f"round {obj.number}" if obj else "the rounds"
        return f"Astana talks archive: changes to {where}"

    def subtitle(self, obj: Round | None) -> str:
        return (
            "Delegations, observers and topics found or corrected, and articles linked, "
            "newest first. Facts an editor rejected are not shown."
        )

    def link(self, obj: Round | None) -> str:
        return obj.get_absolute_url() if obj else reverse("rounds:round-list")

    def feed_url(self, obj: Round | None) -> str:
        if obj is None:
            return reverse("feed-changes")
        return reverse("feed-round-changes", kwargs={"number": obj.number})

    def items(self, obj: Round | None) -> list[Change]:
        return round_changes(obj)

    def item_title(self, item: Change) -> str:
        return item.title

    def item_description(self, item: Change) -> str:
        return item.description

    def item_link(self, item: Change) -> str:
        return item.link

    def item_guid(self, item: Change) -> str:
        # An IRI that names this change (not the page, which many changes share).
        return f"urn:astana-archive:{item.key}:{item.updated.isoformat()}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Change) -> datetime.datetime:
        return item.updated

    def item_updateddate(self, item: Change) -> datetime.datetime:
        return item.updated
