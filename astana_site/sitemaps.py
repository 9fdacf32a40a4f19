"""/sitemap.xml (Django's sitemaps framework) and /robots.txt, which points crawlers at it.

The sitemap lists every public page once, under its canonical URL: the lists, each round and
topic of a round, each participant, party and article. Filtered and paginated variants of the
lists are left to the links on the pages.
"""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from articles.models import Article
from rounds.models import Participant, Party, Round, RoundTopic

LIST_PAGES = (
    "rounds:home",
    "rounds:round-list",
    "rounds:delegation-grid",
    "rounds:topic-grid",
    "rounds:observer-grid",
    "rounds:participant-list",
    "rounds:party-list",
    "articles:article-list",
)


class ListPagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self) -> tuple[str, ...]:
        return LIST_PAGES

    def location(self, item: str) -> str:
        return reverse(item)


class RoundSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self) -> QuerySet[Round]:
        return Round.objects.only("number").order_by("number")


class RoundTopicSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self) -> QuerySet[RoundTopic]:
        return (
            RoundTopic.objects.public()
            .select_related("round", "topic")
            .only("round__number", "topic__slug", "updated_at")
            .order_by("round__number", "topic__sort_order", "pk")
        )

    def location(self, item: RoundTopic) -> str:
        return reverse(
            "rounds:round-topic", kwargs={"number": item.round.number, "slug": item.topic.slug}
        )

    def lastmod(self, item: RoundTopic):
        return item.updated_at


class ParticipantSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self) -> QuerySet[Participant]:
        return Participant.objects.only("slug").order_by("slug")


class PartySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self) -> QuerySet[Party]:
        return Party.objects.only("slug").order_by("slug")


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self) -> QuerySet[Article]:
        return Article.objects.only("updated_at").order_by("pk")

    def lastmod(self, item: Article):
        return item.updated_at


SITEMAPS = {
    "pages": ListPagesSitemap,
    "rounds": RoundSitemap,
    "round-topics": RoundTopicSitemap,
    "participants": ParticipantSitemap,
    "parties": PartySitemap,
    "articles": ArticleSitemap,
}


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read every public page; not the admin, nor the CSV/JSON downloads of the
    lists (the same rows as the pages, in bulk)."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*?*format=",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
