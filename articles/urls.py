"""Public pages of the articles; the list also answers `?format=csv` and `?format=json`."""

from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="article-list"),
    path("<int:pk>/", views.ArticleDetailView.as_view(), name="article-detail"),
]
