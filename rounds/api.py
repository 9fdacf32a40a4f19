"""The JSON API over rounds, their facts (delegations, observers, topics), people and parties.

Each list takes the same filters as its page (the FilterSets of rounds/filters.py) and is
paginated; facts an editor rejected are left out, as on the pages. Every query set is read
with its related rows joined or prefetched, so a page of rows costs a fixed number of queries.
"""

import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from astana_site.api_support import (
    ArchivePagination,
    ParticipantRef,
    PartyRef,
    TopicRef,
    filter_params,
    filtered,
)
from rounds.filters import (
    DelegationFilter,
    ObserverFilter,
    ParticipantFilter,
    RoundFilter,
    TopicFilter,
)
from rounds.models import Delegation, Observer, Participant, Party, Round, RoundTopic

router = Router(tags=["rounds"])

RoundParams = filter_params(RoundFilter, "RoundFilters")
DelegationParams = filter_params(DelegationFilter, "DelegationFilters")
ObserverParams = filter_params(ObserverFilter, "ObserverFilters")
TopicParams = filter_params(TopicFilter, "TopicFilters")
ParticipantParams = filter_params(ParticipantFilter, "ParticipantFilters")


def page_url(context: dict[str, Any], path: str) -> str:
    return context["request"].build_absolute_uri(path)


# Schemas


class RoundOut(Schema):
    number: int
    start: datetime.date | None
    end: datetime.date | None
    city: str
    confirmed: bool
    article_count: int
    url: str

    @staticmethod
    def resolve_url(obj: Round, context: dict[str, Any]) -> str:
        return page_url(context, obj.get_absolute_url())


class FactOut(Schema):
    """What every round-by-round fact carries: its round, editorial state and support."""

    round: int
    state: str
    confidence: float
    sources: int

    @staticmethod
    def resolve_round(obj: Any) -> int:
        return obj.round.number

    @staticmethod
    def resolve_sources(obj: Any) -> int:
        return obj.mention_count


class DelegationOut(FactOut):
    party: PartyRef
    role: str
    head: ParticipantRef | None
    head_title: str


class ObserverOut(FactOut):
    party: PartyRef


class RoundTopicOut(FactOut):
    topic: TopicRef
    url: str

    @staticmethod
    def resolve_url(obj: RoundTopic, context: dict[str, Any]) -> str:
        path = reverse(
            "rounds:round-topic", kwargs={"number": obj.round.number, "slug": obj.topic.slug}
        )
        return page_url(context, path)


class RoundDetailOut(RoundOut):
    delegations: list[DelegationOut]
    observers: list[ObserverOut]
    topics: list[RoundTopicOut]


class ParticipantOut(Schema):
    slug: str
    name: str
    aliases: list[str]
    url: str

    @staticmethod
    def resolve_aliases(obj: Participant) -> list[str]:
        return [alias.name for alias in obj.aliases.all()]

    @staticmethod
    def resolve_url(obj: Participant, context: dict[str, Any]) -> str:
        return page_url(context, obj.get_absolute_url())


class ParticipantDetailOut(ParticipantOut):
    delegations: list[DelegationOut]

    @staticmethod
    def resolve_delegations(obj: Participant) -> list[Delegation]:
        return obj.public_delegations


class PartyOut(Schema):
    slug: str
    name: str
    default_role: str
    description: str
    aliases: list[str]
    url: str

    @staticmethod
    def resolve_aliases(obj: Party) -> list[str]:
        return [alias.name for alias in obj.aliases.all()]

    @staticmethod
    def resolve_url(obj: Party, context: dict[str, Any]) -> str:
        return page_url(context, obj.get_absolute_url())


# Query sets: public facts with what their schema reads joined in.


def public_delegations() -> QuerySet[Delegation]:
    return (
        Delegation.objects.public()
        .select_related("round", "party", "head")
        .with_mention_count()
        .order_by("round__number", "party__sort_order", "party__name", "pk")
    )


def public_observers() -> QuerySet[Observer]:
    return (
        Observer.objects.public()
        .select_related("round", "party")
        .with_mention_count()
        .order_by("round__number", "party__sort_order", "party__name", "pk")
    )


def public_round_topics() -> QuerySet[RoundTopic]:
    return (
        RoundTopic.objects.public()
        .select_related("round", "topic")
        .with_mention_count()
        .order_by("round__number", "topic__sort_order", "topic__slug", "pk")
    )


# Endpoints


@router.get("/rounds/", response=list[RoundOut], summary="Rounds")
@paginate(ArchivePagination)
def list_rounds(request: HttpRequest, filters: Query[RoundParams]):  # type: ignore[valid-type]
    """The rounds in order, filtered as on the rounds page."""
    rounds = Round.objects.with_article_count().order_by("number")
    return filtered(RoundFilter, filters, rounds, request)


@router.get("/rounds/{number}/", response=RoundDetailOut, summary="One round and its facts")
def get_round(request: HttpRequest, number: int):
    """A round with its public delegations, observers and topics."""
    rounds = Round.objects.with_article_count().prefetch_related(
        Prefetch("delegations", queryset=public_delegations()),
        Prefetch("observers", queryset=public_observers()),
        Prefetch("topics", queryset=public_round_topics()),
    )
    return get_object_or_404(rounds, number=number)


@router.get("/delegations/", response=list[DelegationOut], summary="Delegations")
@paginate(ArchivePagination)
def list_delegations(request: HttpRequest, filters: Query[DelegationParams]):  # type: ignore[valid-type]
    """Each party at each round, with its role and head; filtered as on the delegations page."""
    return filtered(DelegationFilter, filters, public_delegations(), request)


@router.get("/observers/", response=list[ObserverOut], summary="Observers")
@paginate(ArchivePagination)
def list_observers(request: HttpRequest, filters: Query[ObserverParams]):  # type: ignore[valid-type]
    """Observers at each round, filtered as on the observers page."""
    return filtered(ObserverFilter, filters, public_observers(), request)


@router.get("/topics/", response=list[RoundTopicOut], summary="Topics of the rounds")
@paginate(ArchivePagination)
def list_round_topics(request: HttpRequest, filters: Query[TopicParams]):  # type: ignore[valid-type]
    """The topics on each round's agenda, filtered as on the topics page."""
    return filtered(TopicFilter, filters, public_round_topics(), request)


@router.get("/participants/", response=list[ParticipantOut], summary="Participants")
@paginate(ArchivePagination)
def list_participants(request: HttpRequest, filters: Query[ParticipantParams]):  # type: ignore[valid-type]
    """People under their canonical names with every spelling, filtered as on their page."""
    people = Participant.objects.prefetch_related("aliases").order_by("name", "pk")
    return filtered(ParticipantFilter, filters, people, request)


@router.get("/participants/{slug}/", response=ParticipantDetailOut, summary="One participant")
def get_participant(request: HttpRequest, slug: str):
    """A person with the public delegations they headed."""
    people = Participant.objects.prefetch_related(
        "aliases",
        Prefetch("delegations_headed", queryset=public_delegations(), to_attr="public_delegations"),
    )
    return get_object_or_404(people, slug=slug)


@router.get("/parties/", response=list[PartyOut], summary="Parties")
@paginate(ArchivePagination)
def list_parties(request: HttpRequest):
    """States, organisations and Syrian sides under their canonical names."""
    return Party.objects.prefetch_related("aliases").order_by("sort_order", "name", "pk")
