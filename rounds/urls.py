"""Public pages of the archive: home, rounds, round-by-round grids and lists, people, parties.

Every filtered page also answers `?format=csv` and `?format=json` with all its filtered rows.
"""

from django.urls import path

from astana_site.views import HomeView
from rounds import evidence_views, fact_views, participant_views, people_views, round_views

app_name = "rounds"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("rounds/", round_views.RoundListView.as_view(), name="round-list"),
    path("rounds/<int:number>/", round_views.RoundDetailView.as_view(), name="round-detail"),
    path(
        "rounds/<int:number>/topics/<slug:slug>/",
        evidence_views.RoundTopicView.as_view(),
        name="round-topic",
    ),
    path(
        "rounds/<int:number>/delegations/<slug:slug>/",
        evidence_views.DelegationEvidenceView.as_view(),
        name="delegation-evidence",
    ),
    path(
        "rounds/<int:number>/observers/<slug:slug>/",
        evidence_views.ObserverEvidenceView.as_view(),
        name="observer-evidence",
    ),
    path("delegations/", fact_views.DelegationGridView.as_view(), name="delegation-grid"),
    path("delegations/list/", fact_views.DelegationListView.as_view(), name="delegation-list"),
    path("observers/", fact_views.ObserverGridView.as_view(), name="observer-grid"),
    path("observers/list/", fact_views.ObserverListView.as_view(), name="observer-list"),
    path("topics/", fact_views.TopicGridView.as_view(), name="topic-grid"),
    path("topics/list/", fact_views.TopicListView.as_view(), name="topic-list"),
    path("participants/", people_views.ParticipantListView.as_view(), name="participant-list"),
    path(
        "participants/<slug:slug>/",
        participant_views.ParticipantDetailView.as_view(),
        name="participant-detail",
    ),
    path("parties/", people_views.PartyListView.as_view(), name="party-list"),
    path("parties/<slug:slug>/", people_views.PartyDetailView.as_view(), name="party-detail"),
]
