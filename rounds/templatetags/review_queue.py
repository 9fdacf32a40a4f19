"""The review queue on the admin index (templates/admin/index.html)."""

from __future__ import annotations

from django import template
from django.http import HttpRequest
from django.urls import reverse

from rounds import review

register = template.Library()


@register.inclusion_tag("admin/review_queue.html", takes_context=True)
def review_queue(context) -> dict:
    request: HttpRequest = context["request"]
    user = request.user
    if not user.has_perm("rounds.change_delegation"):
        return {"items": [], "duplicates": []}
    delegations = reverse("admin:rounds_delegation_changelist")
    items = [
        (
            "Delegations whose articles name different heads",
            review.competing_heads().count(),
            f"{delegations}?review=competing",
        ),
        (
            "Heads named by a single article",
            review.single_article_heads().count(),
            f"{delegations}?review=single-article",
        ),
        (
            "Inferred rounds (not on the calendar) to confirm",
            review.inferred_rounds().count(),
            reverse("admin:rounds_round_changelist") + "?confirmed__exact=0",
        ),
        (
            "Participants who head no delegation",
            review.participants_without_delegation().count(),
            reverse("admin:rounds_participant_changelist") + "?heads=no",
        ),
    ]
    participants = reverse("admin:rounds_participant_changelist")
    duplicates = [
        (pair, f"{participants}?id__in={pair.first.pk},{pair.second.pk}")
        for pair in review.possible_duplicates()
    ]
    return {"items": items, "duplicates": duplicates}
