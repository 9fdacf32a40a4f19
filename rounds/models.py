"""The calendar of rounds, the parties and people, and the facts of each round."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils.text import slugify

from articles.extraction.people import normalize_name
from rounds.aggregates import CountOf, articles_per_round
from rounds.provenance import RULE_LENGTH, EditorialFact, EditorialState, FactQuerySet, Mention


class Role(models.TextChoices):
    GUARANTOR = "guarantor", "Guarantor"
    GOVERNMENT = "government", "Government"
    OPPOSITION = "opposition", "Opposition"
    MEDIATOR = "mediator", "Mediator"
    HOST = "host", "Host"
    OBSERVER = "observer", "Observer"


class RoundQuerySet(models.QuerySet):
    def with_counts(self):
        """Rounds annotated with how many articles, delegations and observers they have."""
        public = ~Q(delegations__state=EditorialState.REJECTED)
        return self.annotate(
            article_count=Count("articles", distinct=True),
            delegation_count=Count("delegations", filter=public, distinct=True),
        )

    def with_delegations(self):
        """Rounds with their public delegations, parties and heads prefetched."""
        return self.prefetch_related(
            Prefetch(
                "delegations",
                queryset=Delegation.objects.public()
                .select_related("party", "head")
                .order_by("party__sort_order", "party__name"),
            )
        )

    def in_year(self, year: int):
        return self.filter(start__year=year)

    def with_article_count(self):
        """Rounds annotated with `article_count`, from the counts kept per archive version
        (rounds/aggregates.py): a constant of the query, where a correlated count walked the
        articles' index once per round (most of the cost of the rounds list at 100k)."""
        return self.annotate(article_count=CountOf(F("pk"), articles_per_round()))

    def with_party(self, party: Party):
        """Rounds where `party` had a public (not rejected) delegation."""
        return self.filter(
            Exists(Delegation.objects.public().filter(round=OuterRef("pk"), party=party))
        )

    def observed_by(self, party: Party):
        """Rounds that `party` attended as a public (not rejected) observer."""
        return self.filter(
            Exists(Observer.objects.public().filter(round=OuterRef("pk"), party=party))
        )

    def with_topic(self, topic: Topic):
        """Rounds with `topic` on their agenda: significant there (see RoundTopicQuerySet)."""
        return self.filter(
            Exists(RoundTopic.objects.significant().filter(round=OuterRef("pk"), topic=topic))
        )

    def attended_by(self, participants: models.QuerySet[Participant]):
        """Rounds where one of `participants` headed a public delegation."""
        return self.filter(
            Exists(Delegation.objects.public().filter(round=OuterRef("pk"), head__in=participants))
        )


class Round(models.Model):
    number = models.PositiveSmallIntegerField(unique=True)
    start = models.DateField(null=True, blank=True, db_index=True)
    end = models.DateField(null=True, blank=True)
    city = models.CharField(max_length=60, blank=True, db_index=True)
    confirmed = models.BooleanField(
        default=False,
        help_text="On the calendar or confirmed by an editor; unconfirmed rounds were only "
        "inferred from articles.",
    )

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True)
                | Q(start__isnull=True)
                | Q(end__gte=models.F("start")),
                name="round_end_not_before_start",
            )
        ]

    def __str__(self) -> str:
        return f"Round {self.number}"

    def get_absolute_url(self) -> str:
        from astana_site.views import url_maker  # reverse() once: lists link every row

        return url_maker("rounds:round-detail", number=0)(number=self.number)

    @property
    def ordinal(self) -> str:
        n = self.number
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"


class Party(models.Model):
    """A state, organisation or Syrian side, under its canonical vocabulary name."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    default_role = models.CharField(max_length=12, choices=Role.choices)
    description = models.CharField(max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name_plural = "parties"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from astana_site.views import url_maker  # reverse() once: lists link every row

        return url_maker("rounds:party-detail", slug="x")(slug=self.slug)


class PartyAlias(models.Model):
    """Another name for a party (Türkiye, Ankara; the regime, Damascus ...)."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "party aliases"
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("name"), name="party_alias_name_unique_ci"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ParticipantQuerySet(models.QuerySet):
    def matching(self, text: str):
        """People whose slug is `text`, or whose name or an alias contains it (any case)."""
        text = text.strip()
        if not text:
            return self
        alias = ParticipantAlias.objects.filter(participant=OuterRef("pk"), name__icontains=text)
        return self.filter(Q(slug=text) | Q(name__icontains=text) | Exists(alias))

    def with_head_evidence(self):
        """People annotated with the number of articles naming them as head of a public
        delegation (`article_count`) and the most confident such mention (`best_article_id`,
        `best_sentence`, `best_confidence`): correlated subqueries, no query per person."""
        naming = DelegationMention.objects.filter(head=OuterRef("pk")).exclude(
            delegation__state=EditorialState.REJECTED
        )
        best = naming.order_by("-confidence", "pk")
        count = naming.order_by().values("head").annotate(n=Count("article", distinct=True))
        return self.annotate(
            article_count=Coalesce(Subquery(count.values("n")), 0),
            best_article_id=Subquery(best.values("article")[:1]),
            best_sentence=Subquery(best.values("sentence")[:1]),
            best_confidence=Subquery(best.values("confidence")[:1]),
        )


def participant_name_key(name: str) -> str | None:
    """The form under which two canonical names are the same person's: transliterated,
    lower-case, without punctuation ("Bashar al-Ja'afari" and "bashar al jaafari" alike).
    None for a name with no letters or digits, which no constraint can compare."""
    return normalize_name(name)[:120] or None


class Participant(models.Model):
    """A person, under one canonical name, with every spelling seen or given as aliases."""

    name = models.CharField(max_length=120)
    # `participant_name_key(name)`, unique: two people under one canonical name are one
    # person recorded twice. NULL for the duplicates a database held before the constraint
    # existed, until they are merged (`manage.py merge_duplicate_participants`).
    # NULL, not "": a unique constraint lets many NULLs through, never two "".
    name_key = models.CharField(  # noqa: DJ001
        max_length=120, null=True, blank=True, editable=False
    )
    slug = models.SlugField(max_length=140, unique=True)
    name_locked = models.BooleanField(
        default=False,
        help_text="An editor chose this name: ingest keeps it. Otherwise the name is the "
        "spelling most articles use.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name_key"], name="participant_name_key_unique")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_slug(Participant, self.name)
        self.name_key = participant_name_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from astana_site.views import url_maker  # reverse() once: lists link every row

        return url_maker("rounds:participant-detail", slug="x")(slug=self.slug)

    def clean(self) -> None:
        """Refuse a name another participant already has (an editor's new person or rename):
        the same person twice splits their delegations; merging is the way to join them."""
        super().clean()
        key = participant_name_key(self.name)
        taken = Participant.objects.filter(name_key=key).exclude(pk=self.pk).first()
        if key is not None and taken is not None:
            raise ValidationError(
                {
                    "name": f"{taken.name} (#{taken.pk}) already has this name: edit that "
                    "participant, or merge the two with the list's merge action."
                }
            )

    def all_names(self) -> list[str]:
        return [self.name, *(alias.name for alias in self.aliases.all())]


class MergedParticipantSlug(models.Model):
    """The URL of a participant merged into another, and whom it leads to now.

    Written by every merge (rounds/services.py: the admin's and `merge_duplicate_participants`),
    moved along when the survivor is merged in turn, removed when the merge is undone; the
    participant page answers a slug no participant has with a 301 to `participant`."""

    slug = models.SlugField(max_length=140, unique=True)
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="merged_slugs"
    )
    merged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "merged participant's URL"

    def __str__(self) -> str:
        return f"{self.slug} \u2192 {self.participant_id}"

    @classmethod
    def record(cls, survivor: Participant, merged: Iterable[Participant]) -> None:
        """Lead the URL of each of `merged` to `survivor`."""
        for person in merged:
            cls.objects.update_or_create(slug=person.slug, defaults={"participant": survivor})


class ParticipantAlias(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=120)
    added_by_editor = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "participant aliases"
        constraints = [
            models.UniqueConstraint(
                "participant", models.functions.Lower("name"), name="participant_alias_unique_ci"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Topic(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=80)
    description = models.CharField(max_length=300)
    sort_order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["sort_order", "slug"]

    def __str__(self) -> str:
        return self.name


class DelegationQuerySet(FactQuerySet):
    def for_grid(self):
        return self.public().select_related("round", "party", "head")


class Delegation(EditorialFact):
    """A party at a round: its role there and who headed it."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="delegations")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="delegations")
    role = models.CharField(max_length=12, choices=Role.choices)
    head = models.ForeignKey(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegations_headed",
    )
    head_title = models.CharField(max_length=250, blank=True, help_text="As the source wrote it.")

    objects = DelegationQuerySet.as_manager()

    class Meta:
        ordering = ["round__number", "party__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "party"], name="one_delegation_per_party_round"
            )
        ]
        indexes = [models.Index(fields=["party", "round"]), models.Index(fields=["role"])]

    def __str__(self) -> str:
        return f"{self.party} at {self.round}"


class DelegationMention(Mention):
    # No index of its own: the (delegation, article) unique index serves lookups by delegation.
    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="mentions", db_index=False
    )
    head = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="mentions"
    )
    head_as_written = models.CharField(max_length=160, blank=True)
    head_title = models.CharField(max_length=250, blank=True)
    head_rule = models.CharField(
        max_length=RULE_LENGTH, blank=True, help_text="The extraction rule that named the head."
    )
    # The sentence naming the head when it is not the mention's own sentence (empty otherwise).
    head_sentence = models.TextField(blank=True)
    head_start = models.PositiveIntegerField(default=0)
    head_end = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["delegation", "article"], name="delegation_mention_once"
            )
        ]


class Observer(EditorialFact):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="observers")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="observed")

    class Meta:
        ordering = ["round__number", "party__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["round", "party"], name="one_observer_per_party_round")
        ]
        indexes = [models.Index(fields=["party", "round"])]

    def __str__(self) -> str:
        return f"{self.party} observing {self.round}"


class ObserverMention(Mention):
    observer = models.ForeignKey(
        Observer, on_delete=models.CASCADE, related_name="mentions", db_index=False
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["observer", "article"], name="observer_mention_once")
        ]


# A topic is on a round's agenda when at least this share of the round's articles put it
# there. Measured on the development pages (scripts/measure_topic_share.py: each extracted
# round topic's share against the gold topics of the round's articles; 1-4 articles a round):
# 30% gave the best F1 (0.65; P 0.50, R 0.89), 34% to 50% gave 0.64, 60% or more 0.58 or
# below as agenda items named by a minority of articles were lost. A share, not a count, so
# that a round many articles report on does not collect every topic one of them touched.
TOPIC_SHARE_THRESHOLD = 0.3


class RoundTopicQuerySet(FactQuerySet):
    def with_share(self):
        """Round topics annotated with `mention_count` (articles putting the topic on the
        round's agenda), `round_article_count` and `share`, the first over the second.

        The mentions by a correlated subquery on an indexed key; each round's article count
        as a constant of the query (rounds/aggregates.py): a subquery counting them was
        run up to three times for every round topic, the most costly part of the topic pages."""
        round_articles = CountOf(F("round_id"), articles_per_round())
        counted = "mention_count" in self.query.annotations
        return (
            (self if counted else self.with_mention_count())
            .annotate(round_article_count=round_articles)
            .annotate(
                share=Case(
                    When(round_article_count=0, then=Value(0.0)),
                    default=Cast(F("mention_count"), FloatField())
                    / Cast(F("round_article_count"), FloatField()),
                    output_field=FloatField(),
                )
            )
        )

    def significant(self, threshold: float = TOPIC_SHARE_THRESHOLD):
        """Public round topics on the agenda: put there by at least `threshold` of the round's
        articles, or by an editor (confirmed, changed or added)."""
        return self.public().with_share().on_agenda(threshold)

    def on_agenda(self, threshold: float = TOPIC_SHARE_THRESHOLD):
        """Of round topics already annotated by `with_share()`, those significant at their
        round (see `significant()`)."""
        return self.filter(Q(share__gte=threshold) | ~Q(state=EditorialState.EXTRACTED))


class RoundTopic(EditorialFact):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="topics")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="rounds")

    objects = RoundTopicQuerySet.as_manager()

    class Meta:
        ordering = ["round__number", "topic__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["round", "topic"], name="one_topic_per_round")
        ]
        indexes = [models.Index(fields=["topic", "round"])]

    def __str__(self) -> str:
        return f"{self.topic} at {self.round}"

    @property
    def is_significant(self) -> bool:
        """Whether the topic is on the round's agenda (needs `with_share()`)."""
        return self.is_editorial or self.share >= TOPIC_SHARE_THRESHOLD


class TopicMention(Mention):
    round_topic = models.ForeignKey(
        RoundTopic, on_delete=models.CASCADE, related_name="mentions", db_index=False
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round_topic", "article"], name="topic_mention_once")
        ]


def unique_slug(model: type[models.Model], text: str, max_length: int = 130) -> str:
    base = slugify(text)[:max_length] or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class ArchiveState(models.Model):
    """One row whose `version` changes whenever the archive does (ingest, an editor's save).

    Public pages are cached under the current version, so a change shows at once on every
    worker without anyone having to know which pages it touched.
    """

    version = models.BigIntegerField(default=0)
    # When the version last changed: the public pages' Last-Modified (astana_site/middleware.py).
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "archive state"

    def __str__(self) -> str:
        return f"Archive version {self.version}"
