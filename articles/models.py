"""Articles: the source documents, and how each was linked to a round."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connection, models
from django.db.models import Exists, Func, OuterRef, TextField
from django.db.models.functions import Coalesce
from django.utils.translation import get_language_info

from articles.extraction.data import load as load_pattern_data
from rounds.provenance import EditorialState

SEARCH_CONFIG = "english"
# How much of the text the rank vector holds: about the first two paragraphs of a news story,
# which say what it is about. Small enough for the vector to stay in the row (no TOAST).
RANK_LEAD_CHARS = 1000
# The lead in SQL: the text's first RANK_LEAD_CHARS characters cut back to a space, so that
# the lead and the rest of the text are parsed once each and no word is split between them.
LEAD_SQL = (
    f"left({{text}}, {RANK_LEAD_CHARS} - coalesce(length(substring("
    f"left({{text}}, {RANK_LEAD_CHARS}) from '\\S*$')), 0))"
)
UNDETERMINED = "und"  # ISO 639-2's code for a language that could not be determined


class RoundLinkMethod(models.TextChoices):
    ORDINAL = "ordinal", "Round number in the text"
    ANNOUNCEMENT = "announcement", "Announcement of the round"
    COUNT = "count", "Count of earlier rounds"
    CALENDAR_DATE = "calendar-date", "Publication date against the calendar"
    EDITOR = "editor", "Set by an editor"
    NONE = "none", "Reports on no round"


def language_name(code: str) -> str:
    """The English name of an ISO 639-1 code ("Russian"), or the code itself when unknown
    ("und": the language could not be determined)."""
    if code == UNDETERMINED:
        return "undetermined"
    try:
        return get_language_info(code)["name"]
    except KeyError:
        return code


def has_extraction_rules(code: str) -> bool:
    """Whether the extraction rules have word data for this language (patterns/languages.json,
    read here without loading spaCy, which the public pages do not need)."""
    return code in load_pattern_data("languages")["supported"]


def text_direction(code: str) -> str:
    """The HTML `dir` of text in this language: "rtl" for Arabic, Persian ..., "ltr" for the
    other languages Django knows, "auto" (the browser decides from the text) otherwise."""
    try:
        return "rtl" if get_language_info(code)["bidi"] else "ltr"
    except KeyError:
        return "auto"


class Lead(Func):
    """The lead of a text (LEAD_SQL)."""

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra):
        text, params = compiler.compile(self.source_expressions[0])
        return LEAD_SQL.format(text=text), [*params, *params]


def rank_vector() -> SearchVector:
    """What results are ranked by: the title (weight A) and the lead (B). Matching uses the
    whole text (`search_document`, REFRESH_SQL); ranking every match against its whole
    vector read each one out of TOAST, which cost more than everything else a search page
    does."""
    return SearchVector("title", weight="A", config=SEARCH_CONFIG) + SearchVector(
        Lead(Coalesce("text", models.Value(""))), weight="B", config=SEARCH_CONFIG
    )


# Both vectors in one statement, each part of the text parsed once (building them apart
# parsed the title and the lead twice: a seventh of PostgreSQL ingest's time). The whole
# text's vector is the lead's and the rest's joined, as to_tsvector of the whole gives;
# the rank vector is what rank_vector() gives.
REFRESH_SQL = """
UPDATE {table} AS a
SET search_document = v.title || v.lead || v.rest, rank_document = v.title || v.lead
FROM (
    SELECT id,
        setweight(to_tsvector('{config}', coalesce(title, '')), 'A') AS title,
        setweight(to_tsvector('{config}', lead), 'B') AS lead,
        setweight(to_tsvector('{config}', substr(body, length(lead) + 1)), 'B') AS rest
    FROM (
        SELECT id, title, body, {lead} AS lead
        FROM (SELECT id, title, coalesce(text, '') AS body FROM {table} WHERE id IN ({ids})) AS r
    ) AS cut
) AS v
WHERE a.id = v.id
"""


class ArticleQuerySet(models.QuerySet):
    def for_round(self, round_or_number):
        """Articles reporting on a round, given as a Round or by its number.

        Given a Round, the filter is on the key alone, which the (round, published) index
        answers in date order; a number needs a join that can make PostgreSQL scan by date.
        """
        if isinstance(round_or_number, int):
            return self.filter(round__number=round_or_number)
        return self.filter(round=round_or_number)

    def unlinked(self):
        return self.filter(round__isnull=True)

    def for_listing(self):
        """Rows for lists and exports: the round joined, the long text columns left unread."""
        return self.select_related("round").defer(
            "text",
            "search_document",
            "rank_document",
            "published_sentence",
            "round_sentence",
            "round_candidates",
        )

    def search(self, query: str):
        """Full-text search (articles/search.py): PostgreSQL's ranked, indexed search with
        people's other spellings; a plain fallback elsewhere."""
        from articles.search import Search

        return Search.of(query).apply(self)

    def mentioning_party(self, party):
        """Articles supporting a delegation or an observer seat of `party` (not rejected)."""
        from rounds.models import DelegationMention, ObserverMention

        delegation = DelegationMention.objects.filter(
            article=OuterRef("pk"), delegation__party=party
        ).exclude(delegation__state=EditorialState.REJECTED)
        observer = ObserverMention.objects.filter(
            article=OuterRef("pk"), observer__party=party
        ).exclude(observer__state=EditorialState.REJECTED)
        return self.filter(Exists(delegation) | Exists(observer))

    def naming(self, participants):
        """Articles naming one of `participants` as head of a delegation (not rejected)."""
        from rounds.models import DelegationMention

        mentions = DelegationMention.objects.filter(
            article=OuterRef("pk"), head__in=participants
        ).exclude(delegation__state=EditorialState.REJECTED)
        return self.filter(Exists(mentions))

    def on_topic(self, topic):
        """Articles putting `topic` on a round's agenda (the fact not rejected)."""
        from rounds.models import TopicMention

        mentions = TopicMention.objects.filter(
            article=OuterRef("pk"), round_topic__topic=topic
        ).exclude(round_topic__state=EditorialState.REJECTED)
        return self.filter(Exists(mentions))

    def refresh_search_documents(self) -> int:
        """Recompute the stored search and rank vectors (PostgreSQL only; a no-op elsewhere).
        Ingest, re-extraction and an editor's change of title all come through here."""
        if connection.vendor != "postgresql":
            return 0
        ids, params = self.values("pk").query.sql_with_params()
        sql = REFRESH_SQL.format(
            table=connection.ops.quote_name(self.model._meta.db_table),
            lead=LEAD_SQL.format(text="body"),
            ids=ids,
            config=SEARCH_CONFIG,
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.rowcount


class Article(models.Model):
    source_path = models.CharField(
        max_length=1000, unique=True, help_text="Path the article was ingested from."
    )
    source_name = models.CharField(max_length=255, db_index=True, help_text="File name.")
    content_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the file.")
    title = models.CharField(max_length=500, blank=True)
    publisher = models.CharField(max_length=200, blank=True, db_index=True)
    published = models.DateField(null=True, blank=True, db_index=True)
    published_sentence = models.TextField(blank=True)
    published_rule = models.CharField(
        max_length=60, blank=True, help_text="The rule that found the publication date."
    )
    meta_published = models.DateField(
        null=True, blank=True, help_text="Date the page's markup gave, kept for re-extraction."
    )
    metadata_locked = models.BooleanField(
        default=False,
        help_text="An editor corrected the title, publisher or date: ingest keeps them.",
    )
    language = models.CharField(max_length=8, default="en", db_index=True)
    encoding = models.CharField(max_length=40, default="utf-8")
    text = models.TextField()

    # Indexed by the (round, published) index below, which every lookup by round can use.
    round = models.ForeignKey(
        "rounds.Round",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        db_index=False,
    )
    round_method = models.CharField(
        max_length=40, choices=RoundLinkMethod.choices, default=RoundLinkMethod.NONE
    )
    round_state = models.CharField(
        max_length=10,
        choices=EditorialState.choices,
        default=EditorialState.EXTRACTED,
        db_index=True,
        help_text="An editor's link (confirmed, changed) is kept by every later ingest.",
    )
    round_sentence = models.TextField(blank=True)
    round_start = models.PositiveIntegerField(default=0)
    round_end = models.PositiveIntegerField(default=0)
    round_confidence = models.FloatField(default=0.0)
    round_candidates = models.TextField(
        blank=True,
        help_text="How the round was decided: one line per candidate considered, and why it "
        "won or lost.",
    )

    search_document = SearchVectorField(null=True, editable=False)
    # The title and lead only (rank_vector()): search ranks by it, matches by search_document.
    rank_document = SearchVectorField(null=True, editable=False)
    ingested_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    extracted_at = models.DateTimeField(null=True, blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published", "-pk"]
        indexes = [
            models.Index(fields=["round", "published"]),
            # The list's order, keys only: a deep page skips index entries, not rows. With the
            # facets' columns (PostgreSQL), the list's facet counts read it, not the wide rows.
            models.Index(
                fields=["published", "id"],
                include=["round", "publisher", "language"],
                name="article_published_id",
            ),
            models.Index(fields=["-ingested_at"]),
        ]

    def __str__(self) -> str:
        return self.title or self.source_name

    def get_absolute_url(self) -> str:
        from astana_site.views import url_maker  # reverse() once: lists link every row

        return url_maker("articles:article-detail", pk=0)(pk=self.pk)

    @property
    def language_name(self) -> str:
        return language_name(self.language)

    @property
    def has_extraction_rules(self) -> bool:
        return has_extraction_rules(self.language)

    @property
    def text_direction(self) -> str:
        return text_direction(self.language)

    @property
    def round_candidate_lines(self) -> list[str]:
        """How the round was decided, one line per candidate the extraction considered."""
        return [line for line in self.round_candidates.splitlines() if line.strip()]

    @property
    def round_is_editorial(self) -> bool:
        return self.round_state != EditorialState.EXTRACTED
