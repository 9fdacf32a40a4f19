"""The people and parties pages: the list of participants (with the parties and rounds
whose delegations they headed), the list of parties and each party's page.

(A participant's own page is rounds/participant_views.py.) Views are thin: a base queryset,
a FilterSet from rounds/filters.py, rows for CSV/JSON exports; rejected facts are not counted.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any, ClassVar

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from astana_site.views import ArchiveDetailView, ArchiveListView, url_maker
from rounds.facets import head_tenures
from rounds.filters import ParticipantFilter
from rounds.models import Delegation, Observer, Participant, Party
from rounds.provenance import EditorialState
from rounds.templatetags.editor_tools import attach_edit_links

# How many rounds a participant headed a public delegation at, for sorting: a correlated
# subquery, so that the list's own query needs no GROUP BY.
ROUNDS_HEADED = Coalesce(
    Subquery(
        Delegation.objects.public()
        .filter(head=OuterRef("pk"))
        .order_by()
        .values("head")
        .annotate(n=Count("round", distinct=True))
        .values("n")
    ),
    0,
)


class ParticipantListView(ArchiveListView):
    template_name = "rounds/participant_list.html"
    title = "Participants"
    nav_section = "participants"
    filterset_class = ParticipantFilter
    export_name = "participants"
    sort_options: ClassVar[dict[str, tuple[Any, ...]]] = {
        "name": ("name", "pk"),
        "rounds": (ROUNDS_HEADED, "name", "pk"),
    }
    default_sort = "name"
    export_columns: ClassVar[list[str]] = [
        "name",
        "slug",
        "aliases",
        "parties",
        "rounds",
        "url",
        "articles",
        "best_article_url",
        "best_sentence",
        "best_confidence",
        "evidence_url",
    ]

    def get_export_queryset(self) -> QuerySet:
        return self.get_filtered_queryset().with_head_evidence()

    def get_base_queryset(self) -> QuerySet:
        headed = (
            Delegation.objects.public().select_related("party", "round").order_by("round__number")
        )
        return Participant.objects.prefetch_related(
            "aliases", Prefetch("delegations_headed", queryset=headed, to_attr="headed")
        ).order_by("name", "pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        for participant in context["object_list"]:
            participant.party_names = parties_of(participant.headed)
        if self.filter_is_valid:
            self.filterset.show_facet_counts()
        return context

    def export_row(self, obj: Participant) -> dict[str, Any]:
        return {
            "name": obj.name,
            "slug": obj.slug,
            "aliases": [alias.name for alias in obj.aliases.all()],
            "parties": parties_of(obj.headed),
            "rounds": [d.round.number for d in obj.headed],
            "url": self.request.build_absolute_uri(obj.get_absolute_url()),
            "articles": obj.article_count,
            "best_article_url": (
                self.request.build_absolute_uri(self.article_url(pk=obj.best_article_id))
                if obj.best_article_id
                else None
            ),
            "best_sentence": obj.best_sentence,
            "best_confidence": obj.best_confidence,
            # The participant's page lists (and exports) every article naming them.
            "evidence_url": self.request.build_absolute_uri(obj.get_absolute_url()) + "?format=csv",
        }

    @cached_property
    def article_url(self) -> Callable[..., str]:
        return url_maker("articles:article-detail", pk=0)


def parties_of(delegations: list[Delegation]) -> list[str]:
    """Names of the parties in `delegations`, each once, in order of first appearance."""
    return list(dict.fromkeys(d.party.name for d in delegations))


class PartyListView(ArchiveListView):
    template_name = "rounds/party_list.html"
    title = "Parties"
    nav_section = "parties"
    export_name = "parties"
    # No default: parties keep their own order (the guarantors first) until a column is chosen.
    sort_options: ClassVar[dict[str, tuple[Any, ...]]] = {
        "name": ("name",),
        "role": ("default_role", "sort_order", "name"),
        "delegations": ("delegation_rounds", "sort_order", "name"),
        "observers": ("observer_rounds", "sort_order", "name"),
    }
    export_columns: ClassVar[list[str]] = [
        "name",
        "slug",
        "default_role",
        "description",
        "aliases",
        "delegation_rounds",
        "observer_rounds",
        "url",
    ]

    def get_base_queryset(self) -> QuerySet:
        not_rejected = ~Q(delegations__state=EditorialState.REJECTED)
        observing = ~Q(observed__state=EditorialState.REJECTED)
        # Explicit order: a query with aggregates does not take the model's default ordering.
        return (
            Party.objects.prefetch_related("aliases")
            .annotate(
                delegation_rounds=Count("delegations", filter=not_rejected, distinct=True),
                observer_rounds=Count("observed", filter=observing, distinct=True),
            )
            .order_by("sort_order", "name")
        )

    def export_row(self, obj: Party) -> dict[str, Any]:
        return {
            "name": obj.name,
            "slug": obj.slug,
            "default_role": obj.default_role,
            "description": obj.description,
            "aliases": [alias.name for alias in obj.aliases.all()],
            "delegation_rounds": obj.delegation_rounds,
            "observer_rounds": obj.observer_rounds,
            "url": self.request.build_absolute_uri(obj.get_absolute_url()),
        }


class PartyDetailView(ArchiveDetailView):
    template_name = "rounds/party_detail.html"
    nav_section = "parties"
    parent_pages = (("Parties", "rounds:party-list"),)
    queryset = Party.objects.prefetch_related("aliases")
    context_object_name = "party"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        party = self.object
        delegations = list(
            Delegation.objects.public()
            .filter(party=party)
            .select_related("round", "head")
            .order_by("round__number")
        )
        observed = list(
            Observer.objects.public()
            .filter(party=party)
            .select_related("round")
            .order_by("round__number")
        )
        attach_edit_links(self.request, delegations)
        context = super().get_context_data(**kwargs)
        context.update(
            delegations=delegations,
            observed=observed,
            tenures=head_tenures(delegations),
            delegations_url=reverse("rounds:delegation-list") + f"?party={party.slug}",
        )
        return context
