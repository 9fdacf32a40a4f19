"""URLs of what researchers' tools expect of an archive: the JSON API, the sitemap and
robots.txt, Atom feeds and citation downloads. Included at the site's root, before the pages,
without a namespace (names: api, sitemap, robots, feed-*, cite-*)."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path
from django.views.generic import RedirectView

from articles.feeds import NewArticlesFeed
from astana_site.api import api
from astana_site.citations import article_citation_view, round_citation_view
from astana_site.sitemaps import SITEMAPS, robots_txt
from rounds.feeds import RoundChangesFeed

urlpatterns = [
    path("api/", RedirectView.as_view(pattern_name="api-v1:openapi-view"), name="api"),
    path("api/v1/", api.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("articles/feed/", NewArticlesFeed(), name="feed-articles"),
    path("rounds/feed/", RoundChangesFeed(), name="feed-changes"),
    path("rounds/<int:number>/feed/", RoundChangesFeed(), name="feed-round-changes"),
    path(
        "rounds/<int:number>/cite.bib", round_citation_view, {"style": "bib"}, name="cite-round-bib"
    ),
    path(
        "rounds/<int:number>/cite.json",
        round_citation_view,
        {"style": "json"},
        name="cite-round-csl",
    ),
    path(
        "articles/<int:pk>/cite.bib",
        article_citation_view,
        {"style": "bib"},
        name="cite-article-bib",
    ),
    path(
        "articles/<int:pk>/cite.json",
        article_citation_view,
        {"style": "json"},
        name="cite-article-csl",
    ),
]
