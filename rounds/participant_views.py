"""A participant's page: the rounds they headed a delegation at, every article naming them
(paginated, CSV/JSON), their spellings with how many articles use each; the URL of a
participant merged into another leads to the survivor."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import Count, QuerySet
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse

from astana_site.views import ArchiveListView, day_label, url_maker
from rounds.models import (
    Delegation,
    DelegationMention,
    MergedParticipantSlug,
    Participant,
)
from rounds.provenance import EditorialState


def merged_into(slug: str) -> Participant | None:
    """The participant a merged one's URL leads to now, as its merge recorded it."""
    redirect = MergedParticipantSlug.objects.filter(slug=slug).select_related("participant").first()
    return redirect.participant if redirect else None


class ParticipantDetailView(ArchiveListView):
    """Rows are the mentions naming the participant as head: one per article and delegation."""

    template_name = "rounds/participant_detail.html"
    nav_section = "participants"
    parent_pages = (("Participants", "rounds:participant-list"),)
    export_name = "participant-articles"
    export_columns: ClassVar[list[str]] = [
        "participant",
        "article_id",
        "article_title",
        "publisher",
        "published",
        "round",
        "party",
        "as_written",
        "head_title",
        "sentence",
        "confidence",
        "article_url",
    ]

    def get(self, request, *args, **kwargs):
        try:
            self.participant = Participant.objects.prefetch_related("aliases").get(
                slug=kwargs["slug"]
            )
        except Participant.DoesNotExist:
            survivor = merged_into(kwargs["slug"])
            if survivor is None:
                raise Http404("No such participant.") from None
            query = request.META.get("QUERY_STRING", "")
            url = survivor.get_absolute_url() + (f"?{query}" if query else "")
            return HttpResponsePermanentRedirect(url)
        return super().get(request, *args, **kwargs)

    unrecorded = 0  # articles naming the person whose spelling was not recorded

    @property
    def spelling(self) -> str:
        return self.request.GET.get("spelling", "").strip()

    def naming(self) -> QuerySet:
        return DelegationMention.objects.filter(head=self.participant).exclude(
            delegation__state=EditorialState.REJECTED
        )

    def get_base_queryset(self) -> QuerySet:
        mentions = (
            self.naming()
            .select_related("article", "article__round", "delegation__party", "delegation__round")
            .defer(
                "article__text",
                "article__search_document",
                "article__published_sentence",
                "article__round_sentence",
                "article__round_candidates",
            )
            .order_by("-article__published", "-article__pk", "pk")
        )
        if self.spelling:
            mentions = mentions.filter(head_as_written__iexact=self.spelling)
        return mentions

    @property
    def filters_active(self) -> bool:
        return bool(self.spelling)

    def get_title(self) -> str:
        return self.participant.name

    def spellings(self) -> list[dict[str, Any]]:
        """Every spelling, with how many articles write it; known aliases no article uses
        yet at 0. One grouped query."""
        counts: dict[str, tuple[str, int]] = {}
        rows = (
            self.naming()
            .values("head_as_written")
            .annotate(n=Count("article", distinct=True))
            .values_list("head_as_written", "n")
        )
        self.unrecorded = 0
        for written, n in rows:
            written = " ".join(written.split())
            if not written:  # ingested before spellings were kept, or added by an editor
                self.unrecorded = n
                continue
            key = written.casefold()
            shown, total = counts.get(key, (written, 0))
            counts[key] = (shown, total + n)
        for name in self.participant.all_names():
            counts.setdefault(name.casefold(), (name, 0))
        base = self.request.path
        return sorted(
            (
                {
                    "name": shown,
                    "articles": n,
                    "url": f"{base}?spelling={shown}" if n else "",
                    "canonical": shown.casefold() == self.participant.name.casefold(),
                    "active": shown.casefold() == self.spelling.casefold(),
                }
                for shown, n in counts.values()
            ),
            key=lambda s: (-s["articles"], s["name"].casefold()),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        participant = self.participant
        delegations = list(
            Delegation.objects.public()
            .filter(head=participant)
            .select_related("round", "party")
            .order_by("round__number")
        )
        context = super().get_context_data(**kwargs)
        article_url = url_maker("articles:article-detail", pk=0)
        round_url = url_maker("rounds:round-detail", number=0)
        for mention in context["object_list"]:
            article = mention.article
            article.url = article_url(pk=article.pk)
            article.round_url = round_url(number=article.round.number) if article.round else ""
            article.published_label = day_label(article.published)
        context.update(
            participant=participant,
            delegations=delegations,
            parties=list(dict.fromkeys(d.party.name for d in delegations)),
            spellings=self.spellings(),
            unrecorded_spelling=self.unrecorded,
            editor_aliases=[a.name for a in participant.aliases.all() if a.added_by_editor],
            spelling=self.spelling,
            delegations_url=reverse("rounds:delegation-list") + f"?participant={participant.slug}",
        )
        return context

    def export_row(self, obj: DelegationMention) -> dict[str, Any]:
        article = obj.article
        return {
            "participant": self.participant.name,
            "article_id": article.pk,
            "article_title": str(article),
            "publisher": article.publisher,
            "published": article.published,
            "round": obj.delegation.round.number,
            "party": obj.delegation.party.name,
            "as_written": obj.head_as_written,
            "head_title": obj.head_title,
            "sentence": obj.head_sentence or obj.sentence,
            "confidence": obj.confidence,
            "article_url": self.request.build_absolute_uri(article.get_absolute_url()),
        }
