"""Editorial state and evidence shared by every extracted fact.

A fact (a delegation, an observer, a topic of a round) is one row; each article that supports
it adds a mention row with the sentence and a confidence. The fact's `state` tells a machine's
fact from an editor's: ingest may create, update or delete only facts still `extracted`.
A `rejected` fact stays as a tombstone so that no later ingest brings it back.
"""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Coalesce


class EditorialState(models.TextChoices):
    EXTRACTED = "extracted", "Extracted"
    CONFIRMED = "confirmed", "Confirmed by an editor"
    CHANGED = "changed", "Changed by an editor"
    ADDED = "added", "Added by an editor"
    REJECTED = "rejected", "Rejected by an editor"


# States an ingest must never overwrite, delete or recreate.
EDITOR_STATES = frozenset(
    {
        EditorialState.CONFIRMED,
        EditorialState.CHANGED,
        EditorialState.ADDED,
        EditorialState.REJECTED,
    }
)


class FactQuerySet(models.QuerySet):
    def public(self):
        """Facts a visitor sees: everything but rejected ones."""
        return self.exclude(state=EditorialState.REJECTED)

    def machine_owned(self):
        return self.filter(state=EditorialState.EXTRACTED)

    def editor_owned(self):
        return self.exclude(state=EditorialState.EXTRACTED)

    def with_mention_count(self):
        """Facts annotated with `mention_count`, the number of articles supporting each.

        A correlated subquery answered from the mentions' (fact, article) unique index: a join
        and GROUP BY over every mention would read them all.
        """
        mentions = self.model._meta.get_field("mentions")
        fact = mentions.field.name
        counts = (
            mentions.related_model.objects.filter(**{fact: models.OuterRef("pk")})
            .order_by()
            .values(fact)
            .annotate(n=models.Count("*"))
            .values("n")
        )
        return self.annotate(mention_count=Coalesce(models.Subquery(counts), 0))


class EditorialFact(models.Model):
    """Abstract base of every fact that ingest extracts and editors correct."""

    state = models.CharField(
        max_length=10,
        choices=EditorialState.choices,
        default=EditorialState.EXTRACTED,
        db_index=True,
    )
    confidence = models.FloatField(default=1.0, help_text="Highest confidence of its mentions.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Why an editor rejected or added the fact (the source, for an added one): kept with the
    # fact, shown in its history and, for an added fact, on the public page.
    editor_note = models.CharField(
        "reason or source",
        max_length=500,
        blank=True,
        help_text="Why rejected; or the "
        "source of a fact you add (publication, date, URL). Shown in the history.",
    )

    objects = FactQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_editorial(self) -> bool:
        return self.state in EDITOR_STATES

    @property
    def is_confirmed(self) -> bool:
        return self.state in (
            EditorialState.CONFIRMED,
            EditorialState.CHANGED,
            EditorialState.ADDED,
        )


# Rule names are short slugs ("presence:list", "head:passive-led-by"); longer ones are cut.
RULE_LENGTH = 60


class Mention(models.Model):
    """Abstract base of the evidence rows: one article, one supporting sentence."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="%(class)ss"
    )
    sentence = models.TextField()
    start = models.PositiveIntegerField(default=0, help_text="Offset of the sentence in the text.")
    end = models.PositiveIntegerField(default=0)
    confidence = models.FloatField(default=1.0)
    rule = models.CharField(
        max_length=RULE_LENGTH,
        blank=True,
        help_text="The extraction rule that found the fact in this sentence.",
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        excerpt = self.sentence if len(self.sentence) <= 60 else self.sentence[:57] + "..."
        return f"“{excerpt}”"
