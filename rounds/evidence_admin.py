"""The evidence behind each fact in the editors' admin: read-only mention rows (article,
sentence, offsets), each with the extraction rule that read the fact there and, for a
delegation, the rule and sentence that named its head. Every sentence links to the article's
admin page, where it is highlighted.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.text import Truncator

from rounds.admin_base import EMPTY, ArchiveAdmin, ReadOnlyInline, admin_link, sentence_link
from rounds.models import DelegationMention, ObserverMention, TopicMention


def rule_display(rule: str) -> str:
    """An extraction rule's name as the admin shows it beside the evidence."""
    return format_html("<code>{}</code>", rule) if rule else EMPTY


def head_sentence_display(mention: DelegationMention) -> str:
    """The sentence that named the head, when it is not the mention's own sentence."""
    if not mention.head_sentence:
        return "the same sentence" if mention.head_id else EMPTY
    return sentence_link(
        mention.article_id, mention.head_start, mention.head_end, mention.head_sentence
    )


class MentionInline(ReadOnlyInline):
    """The articles and sentences behind a fact, each with the rule that read it there."""

    fields = ("article_link", "published", "sentence_in_article", "rule_name", "confidence")
    readonly_fields = fields
    show_change_link = False
    classes = ("evidence",)  # styled in templates/admin/base_site.html
    verbose_name = "evidence"
    verbose_name_plural = "evidence: the sentences that support this fact"

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).select_related("article").order_by("article_id")

    @admin.display(description="article")
    def article_link(self, mention) -> str:
        return admin_link(mention.article)

    @admin.display(description="published")
    def published(self, mention) -> str:
        return mention.article.published or EMPTY

    @admin.display(description="sentence (opens the article, highlighted)")
    def sentence_in_article(self, mention) -> str:
        return sentence_link(mention.article_id, mention.start, mention.end, mention.sentence)

    @admin.display(description="rule")
    def rule_name(self, mention) -> str:
        return rule_display(mention.rule)


class DelegationMentionInline(MentionInline):
    model = DelegationMention
    fk_name = "delegation"
    fields = (
        "article_link",
        "published",
        "sentence_in_article",
        "rule_name",
        "head_as_written",
        "head_title",
        "head_rule_name",
        "head_sentence_in_article",
        "confidence",
    )
    readonly_fields = fields

    @admin.display(description="head's rule")
    def head_rule_name(self, mention) -> str:
        return rule_display(mention.head_rule)

    @admin.display(description="sentence naming the head")
    def head_sentence_in_article(self, mention) -> str:
        return head_sentence_display(mention)


class ObserverMentionInline(MentionInline):
    model = ObserverMention


class TopicMentionInline(MentionInline):
    model = TopicMention


class MentionAdmin(ArchiveAdmin):
    """Read-only evidence browser: search the sentences extraction relied on."""

    fact_field: str = ""
    search_fields = ("sentence", "article__title")
    list_display = ("sentence_excerpt", "rule_name", "fact_link", "article_link", "confidence")
    list_filter: Sequence = ("rule",)
    readonly_fields = (
        "fact_link", "article_link", "sentence_in_article", "rule_name", "start", "end",
    )  # fmt: skip

    def get_fields(self, request: HttpRequest, obj=None) -> list[str]:
        return [*self.readonly_fields, "confidence"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description="sentence")
    def sentence_excerpt(self, mention) -> str:
        return Truncator(mention.sentence).chars(140)

    @admin.display(description="fact")
    def fact_link(self, mention) -> str:
        return admin_link(getattr(mention, self.fact_field))

    @admin.display(description="article")
    def article_link(self, mention) -> str:
        return admin_link(mention.article)

    @admin.display(description="sentence (opens the article, highlighted)")
    def sentence_in_article(self, mention) -> str:
        return sentence_link(mention.article_id, mention.start, mention.end, mention.sentence)

    @admin.display(description="rule", ordering="rule")
    def rule_name(self, mention) -> str:
        return rule_display(mention.rule)


@admin.register(DelegationMention)
class DelegationMentionAdmin(MentionAdmin):
    fact_field = "delegation"
    list_display = (
        "sentence_excerpt", "rule_name", "fact_link", "head_as_written", "head_rule_name",
        "article_link",
    )  # fmt: skip
    list_select_related = ("delegation__round", "delegation__party", "article")
    list_filter = ("delegation__round", "delegation__party", "rule", "head_rule")
    search_fields = ("sentence", "head_as_written", "article__title")
    readonly_fields = (
        *MentionAdmin.readonly_fields, "head_link", "head_as_written", "head_title",
        "head_rule_name", "head_sentence_in_article",
    )  # fmt: skip

    @admin.display(description="head")
    def head_link(self, mention) -> str:
        return admin_link(mention.head)

    @admin.display(description="head's rule", ordering="head_rule")
    def head_rule_name(self, mention) -> str:
        return rule_display(mention.head_rule)

    @admin.display(description="sentence naming the head")
    def head_sentence_in_article(self, mention) -> str:
        return head_sentence_display(mention)


@admin.register(ObserverMention)
class ObserverMentionAdmin(MentionAdmin):
    fact_field = "observer"
    list_select_related = ("observer__round", "observer__party", "article")
    list_filter = ("observer__round", "observer__party", "rule")


@admin.register(TopicMention)
class TopicMentionAdmin(MentionAdmin):
    fact_field = "round_topic"
    list_select_related = ("round_topic__round", "round_topic__topic", "article")
    list_filter = ("round_topic__round", "round_topic__topic", "rule")
