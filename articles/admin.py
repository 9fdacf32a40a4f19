"""The editors' admin for articles: an editor corrects the round link and the metadata.

The round link and the title, publisher and date are editors' to correct (ingest keeps their
values afterwards). Everything else is the source or extracted provenance, read-only: the
text with every evidence sentence highlighted (each one an anchor the facts' pages link to),
and the facts each sentence supports. Re-linking an article to another round, or to none,
is an editor's link that every later ingest keeps; the article's facts are re-extracted at
once so that they move with it (rounds.services.relink_article).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE
from django.db import models, transaction
from django.http import HttpRequest
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from articles.models import Article
from rounds import history, services
from rounds.admin_base import (
    EMPTY,
    ArchiveAdmin,
    HistoryAdmin,
    ReadOnlyInline,
    admin_link,
    count_of,
    log_and_record,
    plural,
    sentence_anchor,
    state_badge,
)
from rounds.evidence_admin import rule_display
from rounds.models import DelegationMention, ObserverMention, TopicMention
from rounds.provenance import EditorialState


@dataclass(frozen=True)
class Span:
    """A stretch of the article text to highlight, and what it supports."""

    start: int
    end: int
    label: str
    sentence: str = ""


def locate(text: str, span: Span) -> Span | None:
    """The span where it really is in the text; offsets that do not match are searched for."""
    if 0 <= span.start < span.end <= len(text) and (
        not span.sentence or text[span.start : span.end] == span.sentence
    ):
        return span
    if span.sentence:
        found = text.find(span.sentence)
        if found >= 0:
            return Span(found, found + len(span.sentence), span.label, span.sentence)
    return None


def highlight(text: str, spans: Iterable[Span]) -> SafeString:
    """The text, escaped, with each span in a <mark> whose title lists what it supports.

    Every mark carries the anchor id of its recorded offsets (see rounds.admin_base.sentence_anchor)
    so that a link can jump to it; spans that overlap share one mark and keep their anchors.
    """
    placed: list[tuple[Span, Span]] = []  # (where it is, as recorded)
    for span in spans:
        where = locate(text, span)
        if where is not None:
            placed.append((where, span))
    placed.sort(key=lambda pair: (pair[0].start, -pair[0].end))

    # Group overlapping spans into marks: (start, end, labels, anchors).
    marks: list[tuple[int, int, list[str], list[str]]] = []
    for where, recorded in placed:
        anchor = sentence_anchor(recorded.start, recorded.end)
        if marks and where.start < marks[-1][1]:
            start, end, labels, anchors = marks[-1]
            marks[-1] = (start, max(end, where.end), labels, anchors)
        else:
            marks.append((where.start, where.end, [], []))
        if recorded.label not in marks[-1][2]:
            marks[-1][2].append(recorded.label)
        if anchor not in marks[-1][3]:
            marks[-1][3].append(anchor)

    parts: list[str] = []
    position = 0
    for start, end, labels, anchors in marks:
        parts.append(escape(text[position:start]))
        # The first anchor is the mark's id; others are empty anchors just inside it.
        extra = "".join(f'<span id="{escape(a)}"></span>' for a in anchors[1:])
        parts.append(
            f'<mark id="{escape(anchors[0])}" title="{escape("; ".join(labels))}">'
            f"{extra}{escape(text[start:end])}</mark>"
        )
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # every piece above is escaped


def article_spans(article: Article) -> list[Span]:
    """The round link's sentence and every mention's sentence in one article."""
    spans = []
    if article.round_sentence or article.round_end:
        label = f"Round link: {article.round}" if article.round_id else "Round link"
        label += f" (rule {article.round_method})"
        spans.append(Span(article.round_start, article.round_end, label, article.round_sentence))
    mentions = [
        *DelegationMention.objects.filter(article=article).select_related(
            "delegation__round", "delegation__party"
        ),
        *ObserverMention.objects.filter(article=article).select_related(
            "observer__round", "observer__party"
        ),
        *TopicMention.objects.filter(article=article).select_related(
            "round_topic__round", "round_topic__topic"
        ),
    ]
    for mention in mentions:
        fact = getattr(mention, "delegation", None) or getattr(mention, "observer", None)
        fact = fact or mention.round_topic
        label = f"{fact} (rule {mention.rule})" if mention.rule else str(fact)
        spans.append(Span(mention.start, mention.end, label, mention.sentence))
        if getattr(mention, "head_sentence", ""):
            rule = f" (rule {mention.head_rule})" if mention.head_rule else ""
            label = f"Head of {fact}: {mention.head_as_written}{rule}"
            spans.append(Span(mention.head_start, mention.head_end, label, mention.head_sentence))
    return spans


# --- Facts from this article (read-only provenance) -------------------------------------


class ArticleMentionInline(ReadOnlyInline):
    fact_field = ""
    fields = ("fact_link", "fact_state", "sentence_here", "rule_name", "confidence")
    readonly_fields = fields
    show_change_link = False
    classes = ("evidence",)

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).select_related(*self.related).order_by("start", "pk")

    @admin.display(description="fact")
    def fact_link(self, mention) -> str:
        return admin_link(getattr(mention, self.fact_field))

    @admin.display(description="state")
    def fact_state(self, mention) -> str:
        return state_badge(getattr(mention, self.fact_field).state)

    @admin.display(description="sentence (jumps to it in the text)")
    def sentence_here(self, mention) -> str:
        return format_html(
            '<a href="#{}">{}</a>',
            sentence_anchor(mention.start, mention.end),
            Truncator(mention.sentence).chars(200),
        )

    @admin.display(description="rule")
    def rule_name(self, mention) -> str:
        return rule_display(mention.rule)


class ArticleDelegationMentionInline(ArticleMentionInline):
    model = DelegationMention
    fact_field = "delegation"
    related = ("delegation__round", "delegation__party")
    fields = (
        "fact_link", "fact_state", "sentence_here", "rule_name", "head_as_written",
        "head_rule_name", "head_sentence_here", "confidence",
    )  # fmt: skip
    readonly_fields = fields
    verbose_name_plural = "delegations this article supports"

    @admin.display(description="head's rule")
    def head_rule_name(self, mention) -> str:
        return rule_display(mention.head_rule)

    @admin.display(description="sentence naming the head")
    def head_sentence_here(self, mention) -> str:
        if not mention.head_sentence:
            return "the same sentence" if mention.head_id else EMPTY
        return format_html(
            '<a href="#{}">{}</a>',
            sentence_anchor(mention.head_start, mention.head_end),
            Truncator(mention.head_sentence).chars(200),
        )


class ArticleObserverMentionInline(ArticleMentionInline):
    model = ObserverMention
    fact_field = "observer"
    related = ("observer__round", "observer__party")
    verbose_name_plural = "observers this article supports"


class ArticleTopicMentionInline(ArticleMentionInline):
    model = TopicMention
    fact_field = "round_topic"
    related = ("round_topic__round", "round_topic__topic")
    verbose_name_plural = "topics this article supports"


# --- Articles ---------------------------------------------------------------------------


# What an editor may correct besides the round; saving a correction sets metadata_locked.
METADATA_FIELDS = frozenset({"title", "publisher", "published"})


class LinkedFilter(admin.SimpleListFilter):
    title = "linked to a round"
    parameter_name = "linked"

    def lookups(self, request, model_admin):
        return [("yes", "Linked"), ("no", "Not linked")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(round__isnull=False)
        if self.value() == "no":
            return queryset.unlinked()
        return queryset


@admin.register(Article)
class ArticleAdmin(HistoryAdmin, ArchiveAdmin):
    change_form_template = "admin/editorial_change_form.html"
    offers_revert = False  # versions hold the editorial fields only (rounds/history.py)
    list_display = (
        "title_display",
        "published",
        "publisher",
        "round",
        "round_method",
        "round_state_display",
        "fact_count",
    )
    list_select_related = ("round",)
    list_filter = ("round_state", "round_method", LinkedFilter, "round", "language")
    date_hierarchy = "published"
    # The search box runs ArticleQuerySet.search (full text on PostgreSQL); see below.
    search_fields = ("title",)
    search_help_text = "Words in the title or text (full-text search on PostgreSQL)."
    autocomplete_fields = ("round",)
    actions = ("confirm_round_links", "unlink_from_round")
    fieldsets = (
        (
            "Round",
            {
                "fields": (
                    "round",
                    "round_state_display",
                    "round_method",
                    "round_evidence",
                    "round_decision",
                ),
                "description": "Changing the round is an editor's link that every ingest "
                "keeps; the article's facts are re-extracted into the new round on save.",
            },
        ),
        (
            "Source",
            {
                "fields": (
                    "title",
                    "publisher",
                    "published",
                    "metadata_locked",
                    "published_sentence",
                    "published_rule",
                    "meta_published",
                    "language_display",
                    "source_name",
                    "source_path",
                    "ingested_at",
                    "extracted_at",
                ),
                "description": "A corrected title, publisher or date locks them: ingest keeps "
                "an editor's values (untick the lock to hand them back to ingest).",
            },
        ),
        ("Text, evidence highlighted", {"fields": ("highlighted_text",)}),
    )
    readonly_fields = (
        "round_state_display",
        "round_method",
        "round_evidence",
        "round_decision",
        "published_sentence",
        "published_rule",
        "meta_published",
        "language_display",
        "source_name",
        "source_path",
        "ingested_at",
        "extracted_at",
        "highlighted_text",
    )
    inlines = (
        ArticleDelegationMentionInline,
        ArticleObserverMentionInline,
        ArticleTopicMentionInline,
    )
    editorial_buttons = (("_confirm", "Save and confirm the round link"),)

    def list_queryset(self, queryset: models.QuerySet) -> models.QuerySet:
        return queryset.for_listing()

    def annotate_list(self, queryset: models.QuerySet) -> models.QuerySet:
        return queryset.annotate(
            fact_count=count_of(DelegationMention, "article")
            + count_of(ObserverMention, "article")
            + count_of(TopicMention, "article")
        )

    def get_search_results(self, request: HttpRequest, queryset, search_term: str):
        # The archive's own search (ranked full text on PostgreSQL), not icontains per field.
        return queryset.search(search_term), False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # articles come from ingest

    @admin.display(description="title", ordering="title")
    def title_display(self, article: Article) -> str:
        return Truncator(str(article)).chars(90)

    @admin.display(description="round link", ordering="round_state")
    def round_state_display(self, article: Article) -> str:
        return state_badge(article.round_state)

    @admin.display(description="facts", ordering="fact_count")
    def fact_count(self, article: Article) -> int:
        return article.fact_count

    @admin.display(description="evidence for the round")
    def round_evidence(self, article: Article) -> str:
        if not article.round_sentence:
            return EMPTY
        return format_html(
            '<a href="#{}">{}</a> (confidence {})',
            sentence_anchor(article.round_start, article.round_end),
            article.round_sentence,
            f"{article.round_confidence:.2f}",
        )

    @admin.display(description="how the round was decided")
    def round_decision(self, article: Article) -> str:
        """The candidates the extraction weighed, one line each, and why one won."""
        lines = article.round_candidate_lines
        if not lines:
            return EMPTY
        return format_html(
            '<ol class="round-candidates">{}</ol>',
            format_html_join("", "<li>{}</li>", ((line,) for line in lines)),
        )

    @admin.display(description="language")
    def language_display(self, article: Article) -> str:
        rules = "" if article.has_extraction_rules else " — no extraction rules: date only"
        return f"{article.language_name} ({article.language}){rules}"

    @admin.display(description="text")
    def highlighted_text(self, article: Article) -> str:
        return format_html(
            '<div class="article-text" lang="{}" dir="{}">{}</div>',
            article.language,
            article.text_direction,
            highlight(article.text, article_spans(article)),
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["editorial_buttons"] = (
            self.editorial_buttons if change and self.has_change_permission(request, obj) else ()
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_form(self, request: HttpRequest, form, change: bool):
        article = super().save_form(request, form, change)
        if METADATA_FIELDS & set(form.changed_data):
            article.metadata_locked = True
        if "round" in form.changed_data:
            article.round_state = EditorialState.CHANGED
        elif "_confirm" in request.POST and article.round_state == EditorialState.EXTRACTED:
            article.round_state = EditorialState.CONFIRMED
        return article

    def save_model(self, request: HttpRequest, article: Article, form, change: bool) -> None:
        if "round" not in form.changed_data:
            super().save_model(request, article, form, change)
            if "title" in form.changed_data:
                Article.objects.filter(pk=article.pk).refresh_search_documents()
            return None
        if services.relink_article(article, article.round):
            self.message_user(request, "The article's facts were re-extracted into its new round.")
        else:
            self.message_user(
                request,
                "The round link is saved; the article's facts move at the next re-extraction "
                "(the ingest service is not installed here).",
                messages.WARNING,
            )
        return None

    @admin.action(description="Confirm the round link of selected articles", permissions=["change"])
    def confirm_round_links(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        history.record_baseline(list(queryset), request.user)
        confirmed = services.confirm_round_links(queryset)
        for article in confirmed:
            article.round_state = EditorialState.CONFIRMED
        log_and_record(request, confirmed, CHANGE, "Confirmed the round link (list action).")
        self.message_user(
            request,
            f"Confirmed the round of {plural(len(confirmed), 'article')}.",
            messages.SUCCESS,
        )

    @admin.action(description="Unlink selected articles from their round", permissions=["change"])
    def unlink_from_round(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        # Whole rows (the list's queryset defers the text, which re-extraction reads).
        articles = list(
            Article.objects.filter(pk__in=queryset.values("pk"))
            .exclude(round=None, round_state=EditorialState.CHANGED)
            .select_related("round")
        )
        history.record_baseline(articles, request.user)
        with transaction.atomic():
            for article in articles:
                previous = article.round
                services.relink_article(article, None)
                log_and_record(
                    request, [article], CHANGE, f"Unlinked from {previous} (list action)."
                )
        self.message_user(
            request,
            f"Unlinked {plural(len(articles), 'article')} from their round.",
            messages.SUCCESS,
        )
