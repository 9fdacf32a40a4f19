"""URL configuration: the public archive, the admin and health check."""

from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path

from astana_site.views import ExportPageView, archive_export_download


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("astana_site.conventions_urls")),  # API, sitemap, feeds, citations
    path("export/", ExportPageView.as_view(), name="export"),
    path("export/archive.json", archive_export_download, name="export-archive"),
    path("articles/", include("articles.urls")),
    path("", include("rounds.urls")),
]

handler404 = "astana_site.views.page_not_found"
handler500 = "astana_site.views.server_error"
