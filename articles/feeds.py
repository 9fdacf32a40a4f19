"""Atom feed of the articles most recently added to the archive (Django's syndication)."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from articles.models import Article

FEED_LENGTH = 50


class NewArticlesFeed(Feed):
    feed_type = Atom1Feed
    title = "Astana talks archive: new articles"
    subtitle = "Articles most recently added to the archive, newest first."

    def link(self) -> str:
        return reverse("articles:article-list")

    def feed_url(self) -> str:
        return reverse("feed-articles")

    def items(self) -> QuerySet[Article]:
        # The (-ingested_at) index answers this without reading the articles' text.
        return (
            Article.objects.select_related("round")
            .only(
                "title",
                "source_name",
                "publisher",
                "published",
                "language",
                "ingested_at",
                "updated_at",
                "round__number",
            )
            .order_by("-ingested_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item: Article) -> str:
        return str(item)

    def item_description(self, item: Article) -> str:
        parts = [item.publisher, item.published.isoformat() if item.published else ""]
        parts.append(f"reports on round {item.round.number}" if item.round else "no round")
        return " · ".join(part for part in parts if part)

    def item_author_name(self, item: Article) -> str:
        return item.publisher

    def item_pubdate(self, item: Article) -> datetime.datetime:
        return item.ingested_at

    def item_updateddate(self, item: Article) -> datetime.datetime:
        return item.updated_at
