"""The editors' review queue: facts and people that most need an editor's eye.

Each kind of item is a queryset (so that the admin lists can filter by it, see
`ReviewFilter` in rounds/admin.py) or, for possible duplicate people, pairs found with the
name matcher ingest itself uses (`articles.extraction.people.same_person`). Facts an editor
already holds (confirmed, changed, added, rejected) are settled and leave the queue.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from django.db import models
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from articles.extraction.people import same_person
from rounds.models import Delegation, DelegationMention, Participant, Round


def _per_delegation(count: Count, **filters) -> Coalesce:
    """A count over the delegation's mentions, as a subquery (no join multiplies rows)."""
    rows = (
        DelegationMention.objects.filter(delegation=OuterRef("pk"), **filters)
        .order_by()
        .values("delegation")
        .annotate(n=count)
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def competing_heads() -> models.QuerySet[Delegation]:
    """Machine delegations whose articles name more than one person as head."""
    return (
        Delegation.objects.machine_owned()
        .annotate(head_claims=_per_delegation(Count("head", distinct=True)))
        .filter(head_claims__gt=1)
    )


def single_article_heads() -> models.QuerySet[Delegation]:
    """Machine delegations whose head only one article names."""
    return (
        Delegation.objects.machine_owned()
        .filter(head__isnull=False)
        .annotate(head_support=_per_delegation(Count("pk"), head=OuterRef("head")))
        .filter(head_support__lte=1)
    )


def inferred_rounds() -> models.QuerySet[Round]:
    return Round.objects.filter(confirmed=False)


def participants_without_delegation() -> models.QuerySet[Participant]:
    return Participant.objects.filter(~Exists(Delegation.objects.filter(head=OuterRef("pk"))))


@dataclass(frozen=True)
class DuplicatePair:
    party: str
    first: Participant
    second: Participant


def possible_duplicates(limit: int = 50) -> list[DuplicatePair]:
    """Two people of one party (heads of its delegations, or named as its head in evidence)
    whose names the ingest matcher reads as the same person."""
    people_of_party: dict[str, set[int]] = defaultdict(set)
    for party, head in Delegation.objects.filter(head__isnull=False).values_list(
        "party__name", "head"
    ):
        people_of_party[party].add(head)
    for party, head in (
        DelegationMention.objects.filter(head__isnull=False)
        .values_list("delegation__party__name", "head")
        .distinct()
    ):
        people_of_party[party].add(head)
    people = Participant.objects.in_bulk({pk for pks in people_of_party.values() for pk in pks})
    pairs: list[DuplicatePair] = []
    seen: set[tuple[int, int]] = set()
    for party in sorted(people_of_party):
        members = sorted((people[pk] for pk in people_of_party[party]), key=lambda p: p.pk)
        for first, second in combinations(members, 2):
            if (first.pk, second.pk) in seen:
                continue
            if same_person(first.name, second.name):
                seen.add((first.pk, second.pk))
                pairs.append(DuplicatePair(party, first, second))
                if len(pairs) >= limit:
                    return pairs
    return pairs
