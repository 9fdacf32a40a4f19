"""The editors' admin: rounds, parties, people and the facts of each round.

Facts (delegations, observers, topics of a round) follow the editorial state rules written
at the top of rounds/services.py: an editor's change makes a machine fact `changed`, a fact
created here is `added`, confirm and reject are buttons on the change page and list actions.
Their evidence (mention rows: article, sentence, offsets, rule) is extracted provenance and is
shown read-only (rounds/evidence_admin.py), each sentence linked to the article's admin page
where it is highlighted. Shared bases and helpers are in rounds/admin_base.py; people
(participants, aliases, merges) in rounds/people_admin.py.
Every action writes the admin history (LogEntry), so each object's History shows who did
what and when, and a django-reversion version (rounds/history.py), so that it also shows the
values before and after each change. Reject and add take a reason or source (`editor_note`).
"""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.admin.models import ADDITION, CHANGE
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from rounds import history, review, services
from rounds.admin_base import (
    EMPTY,
    ArchiveAdmin,
    HistoryAdmin,
    count_of,
    log_and_record,
    log_entries,
    plural,
    state_badge,
)
from rounds.evidence_admin import (
    DelegationMentionInline,
    ObserverMentionInline,
    TopicMentionInline,
)
from rounds.models import (
    Delegation,
    Observer,
    Party,
    PartyAlias,
    Round,
    RoundTopic,
    Topic,
)
from rounds.provenance import EditorialFact, EditorialState

admin.site.site_header = "Astana talks archive — editors"
admin.site.site_title = "Astana talks archive"
admin.site.index_title = "Editorial workspace"


# --- Facts ------------------------------------------------------------------------------


class EvidenceFilter(admin.SimpleListFilter):
    title = "evidence"
    parameter_name = "evidence"

    def lookups(self, request, model_admin):
        return [("yes", "Supported by an article"), ("no", "No article (added by an editor)")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(mention_count__gt=0)
        if self.value() == "no":
            return queryset.filter(mention_count=0)
        return queryset


class NoteActionForm(ActionForm):
    """The list's action bar, with the reason a reject (or confirm) gives to every fact."""

    note = forms.CharField(
        required=False,
        max_length=500,
        label="Reason or source",
        widget=forms.TextInput(attrs={"size": 40, "placeholder": "why (kept in the history)"}),
    )


def note_of(request: HttpRequest) -> str:
    return (request.POST.get("note") or "").strip()


def with_note(message: str, label: str, note: str) -> str:
    return f"{message} {label}: {note}" if note else message


class ReviewFilter(admin.SimpleListFilter):
    """The review queue's kinds of delegation (rounds/review.py), linked from the index."""

    title = "needs review"
    parameter_name = "review"
    QUERIES = {
        "competing": ("Articles name different heads", review.competing_heads),
        "single-article": ("Head named by one article only", review.single_article_heads),
    }

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _) in self.QUERIES.items()]

    def queryset(self, request, queryset):
        if self.value() in self.QUERIES:
            return queryset.filter(pk__in=self.QUERIES[self.value()][1]().values("pk"))
        return queryset


# The second box of every fact's change form: who says what about the fact, and when.
EDITORIAL_STATE_FIELDSET = (
    "Editorial state",
    {"fields": ("editor_note", "state_display", "confidence", "created_at", "updated_at")},
)


class EditorialFactAdmin(HistoryAdmin, ArchiveAdmin):
    """Facts of a round, under the editorial state rules of rounds.services."""

    change_form_template = "admin/editorial_change_form.html"
    action_form = NoteActionForm
    actions = ("confirm_selected", "reject_selected", "return_to_ingest")
    list_filter: Sequence = ("state", "round", EvidenceFilter)
    readonly_fields = ("state_display", "confidence", "created_at", "updated_at")
    editorial_buttons = (("_confirm", "Save and confirm"), ("_reject", "Reject"))

    def annotate_list(self, queryset: models.QuerySet) -> models.QuerySet:
        return queryset.with_mention_count()

    def view_on_site(self, fact: EditorialFact) -> str:
        # The fact's round page; through the admin's redirect so that this page renders even
        # where the public URLs are not installed.
        return reverse(
            "admin:view_on_site",
            kwargs={
                "content_type_id": ContentType.objects.get_for_model(Round).pk,
                "object_id": fact.round_id,
            },
        )

    @admin.display(description="state", ordering="state")
    def state_display(self, fact: EditorialFact) -> str:
        return state_badge(fact.state) if fact.pk else EMPTY

    @admin.display(description="evidence", ordering="mention_count")
    def evidence(self, fact: EditorialFact) -> str:
        count = getattr(fact, "mention_count", None)
        return plural(count, "article") if count else EMPTY

    # Editorial state on save: computed in save_form, before the change message is written.

    def target_state(self, request: HttpRequest, fact: EditorialFact, form, change: bool) -> str:
        if not change:
            return EditorialState.ADDED
        if self.is_revert(request):
            # Restoring earlier values is an editor's correction: ingest must keep it (a
            # restored rejection stays a tombstone).
            return services.state_after_edit(fact.state)
        if "_reject" in request.POST:
            return EditorialState.REJECTED
        state = fact.state
        if "_confirm" in request.POST:
            state = services.state_after_confirm(state)
        if form.has_changed():
            state = services.state_after_edit(state)
        return state

    def save_form(self, request: HttpRequest, form, change: bool):
        fact = super().save_form(request, form, change)
        fact._state_before_edit = fact.state
        fact.state = self.target_state(request, fact, form, change)
        return fact

    def construct_change_message(self, request, form, formsets, add=False):
        note = form.instance.editor_note
        if add:
            return with_note("Added by an editor.", "Source", note)
        message = super().construct_change_message(request, form, formsets, add)
        if isinstance(message, str):  # a restored version (HistoryAdmin)
            return message
        before = getattr(form.instance, "_state_before_edit", None)
        if "_reject" in request.POST:
            # A reject is a verdict, not an edit: say so in the history, with its reason.
            fields = [f for f in form.changed_data if f != "editor_note"]
            also = f" Also changed: {', '.join(fields)}." if fields else ""
            return with_note(f"Rejected (was {before}).{also}", "Reason", note)
        if before and before != form.instance.state:
            message.append({"changed": {"fields": [f"state ({before} → {form.instance.state})"]}})
        return message

    def response_change(self, request: HttpRequest, obj: EditorialFact) -> HttpResponse:
        if "_reject" in request.POST:
            self.message_user(
                request,
                format_html("The {} “{}” was rejected.", self.opts.verbose_name, obj),
                messages.SUCCESS,
            )
            return self.response_post_save_change(request, obj)
        return super().response_change(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["editorial_buttons"] = (
            self.editorial_buttons if change and self.has_change_permission(request, obj) else ()
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Deleting: only a fact an editor added (a mistake). Anything an article gave is rejected
    # instead, so that the tombstone keeps ingest from bringing it back.

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        if obj is not None and obj.state != EditorialState.ADDED and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request: HttpRequest):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    # List actions.

    @admin.action(description="Confirm selected facts", permissions=["change"])
    def confirm_selected(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        selected = queryset.count()
        history.record_baseline(list(queryset), request.user)
        confirmed = services.confirm_facts(queryset)
        message = with_note("Confirmed (list action).", "Note", note_of(request))
        log_and_record(request, confirmed, CHANGE, message)
        self.message_user(
            request,
            f"Confirmed {plural(len(confirmed), 'fact')}; "
            f"{selected - len(confirmed)} already held by an editor were left as they were.",
            messages.SUCCESS,
        )

    @admin.action(
        description="Reject selected facts (hide them; ingest never brings them back)",
        permissions=["change"],
    )
    def reject_selected(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        history.record_baseline(list(queryset), request.user)
        note = note_of(request)
        rejected = services.reject_facts(queryset)
        if note:
            for fact in rejected:
                fact.editor_note = note
            queryset.model.objects.filter(pk__in=[f.pk for f in rejected]).update(editor_note=note)
        log_and_record(
            request, rejected, CHANGE, with_note("Rejected (list action).", "Reason", note)
        )
        self.message_user(request, f"Rejected {plural(len(rejected), 'fact')}.", messages.SUCCESS)

    @admin.action(
        description="Return selected facts to ingest (state: extracted)", permissions=["change"]
    )
    def return_to_ingest(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        history.record_baseline(list(queryset), request.user)
        returned, refused = services.return_facts_to_ingest(queryset)
        message = "Returned to ingest: state extracted (list action)."
        log_and_record(request, returned, CHANGE, with_note(message, "Note", note_of(request)))
        self.message_user(
            request, f"Returned {plural(len(returned), 'fact')} to ingest.", messages.SUCCESS
        )
        if refused:
            self.message_user(
                request,
                f"Kept {plural(len(refused), 'fact')} with no article behind it "
                f"({', '.join(map(str, refused))}): ingest would delete it; reject it instead.",
                messages.WARNING,
            )


@admin.register(Delegation)
class DelegationAdmin(EditorialFactAdmin):
    list_display = ("__str__", "role", "head", "head_title_excerpt", "state_display", "evidence")
    list_select_related = ("round", "party", "head")
    list_filter = ("state", "round", "party", "role", EvidenceFilter, ReviewFilter)
    search_fields = (
        "party__name",
        "head__name",
        "head__aliases__name",
        "head_title",
        "round__number__exact",
    )
    autocomplete_fields = ("round", "party", "head")
    fieldsets = (
        (None, {"fields": ("round", "party", "role", "head", "head_title")}),
        EDITORIAL_STATE_FIELDSET,
    )
    inlines = (DelegationMentionInline,)

    @admin.display(description="head's title", ordering="head_title")
    def head_title_excerpt(self, delegation: Delegation) -> str:
        return Truncator(delegation.head_title).chars(60) or EMPTY


@admin.register(Observer)
class ObserverAdmin(EditorialFactAdmin):
    list_display = ("__str__", "state_display", "evidence", "confidence")
    list_select_related = ("round", "party")
    list_filter = ("state", "round", "party", EvidenceFilter)
    search_fields = ("party__name", "round__number__exact")
    autocomplete_fields = ("round", "party")
    fieldsets = (
        (None, {"fields": ("round", "party")}),
        EDITORIAL_STATE_FIELDSET,
    )
    inlines = (ObserverMentionInline,)


@admin.register(RoundTopic)
class RoundTopicAdmin(EditorialFactAdmin):
    list_display = ("__str__", "state_display", "evidence", "confidence")
    list_select_related = ("round", "topic")
    list_filter = ("state", "round", "topic", EvidenceFilter)
    search_fields = ("topic__name", "topic__slug", "round__number__exact")
    autocomplete_fields = ("round", "topic")
    fieldsets = (
        (None, {"fields": ("round", "topic")}),
        EDITORIAL_STATE_FIELDSET,
    )
    inlines = (TopicMentionInline,)


# --- Rounds -----------------------------------------------------------------------------


class FactInline(admin.TabularInline):
    """A round's facts on its page: editable, with the same state rules as their own pages.

    Rows are not deleted here: a fact is rejected on its own page or with a list action.
    """

    extra = 0
    can_delete = False
    show_change_link = True
    readonly_fields = ("state_display", "evidence")

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return (
            super()
            .get_queryset(request)
            .select_related(*self.autocomplete_fields)
            .with_mention_count()
        )

    @admin.display(description="state")
    def state_display(self, fact: EditorialFact) -> str:
        return state_badge(fact.state) if fact.pk else "(added on save)"

    @admin.display(description="evidence")
    def evidence(self, fact: EditorialFact) -> str:
        count = getattr(fact, "mention_count", 0)
        return plural(count, "article") if count else EMPTY


class DelegationInline(FactInline):
    model = Delegation
    fields = ("party", "role", "head", "head_title", "editor_note", "state_display", "evidence")
    autocomplete_fields = ("party", "head")


class ObserverInline(FactInline):
    model = Observer
    fields = ("party", "editor_note", "state_display", "evidence")
    autocomplete_fields = ("party",)


class RoundTopicInline(FactInline):
    model = RoundTopic
    fields = ("topic", "editor_note", "state_display", "evidence")
    autocomplete_fields = ("topic",)


@admin.register(Round)
class RoundAdmin(HistoryAdmin, ArchiveAdmin):
    list_display = (
        "__str__",
        "start",
        "end",
        "city",
        "confirmed",
        "article_count",
        "delegation_count",
        "observer_count",
        "topic_count",
    )
    list_filter = ("confirmed", "city")
    search_fields = ("number__exact", "city")
    date_hierarchy = "start"
    fields = ("number", ("start", "end"), "city", "confirmed")
    inlines = (DelegationInline, ObserverInline, RoundTopicInline)
    actions = ("confirm_rounds",)
    offers_revert = False  # its versions follow its facts; facts are restored one by one

    def annotate_list(self, queryset: models.QuerySet) -> models.QuerySet:
        public = {"state__in": [s for s in EditorialState if s != EditorialState.REJECTED]}
        return queryset.with_article_count().annotate(
            delegation_count=count_of(Delegation, "round", **public),
            observer_count=count_of(Observer, "round", **public),
            topic_count=count_of(RoundTopic, "round", **public),
        )

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        # A round an editor enters comes from an official source.
        return {"confirmed": True, **super().get_changeform_initial_data(request)}

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, round: Round) -> int:
        return round.article_count

    @admin.display(description="delegations", ordering="delegation_count")
    def delegation_count(self, round: Round) -> int:
        return round.delegation_count

    @admin.display(description="observers", ordering="observer_count")
    def observer_count(self, round: Round) -> int:
        return round.observer_count

    @admin.display(description="topics", ordering="topic_count")
    def topic_count(self, round: Round) -> int:
        return round.topic_count

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        if not issubclass(formset.model, EditorialFact):
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        for fact in formset.new_objects:
            fact.state = EditorialState.ADDED
        for fact, _fields in formset.changed_objects:
            fact.state = services.state_after_edit(fact.state)
        for fact in [*formset.new_objects, *(fact for fact, _ in formset.changed_objects)]:
            fact.save()
        formset.save_m2m()
        # Each fact's own history too, not only the round's.
        where = f"on the page of {form.instance}"
        for fact in formset.new_objects:
            log_entries(
                request, [fact], ADDITION, with_note(f"Added {where}.", "Source", fact.editor_note)
            )
        for fact, fields in formset.changed_objects:
            log_entries(
                request, [fact], CHANGE, f"Changed {', '.join(fields)} {where}; state {fact.state}."
            )

    @admin.action(description="Confirm selected rounds", permissions=["change"])
    def confirm_rounds(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        rounds = list(queryset.filter(confirmed=False))
        history.record_baseline(rounds, request.user)
        Round.objects.filter(pk__in=[r.pk for r in rounds]).update(confirmed=True)
        for round in rounds:
            round.confirmed = True
        log_and_record(request, rounds, CHANGE, "Confirmed the round (list action).")
        self.message_user(request, f"Confirmed {plural(len(rounds), 'round')}.", messages.SUCCESS)


# --- Parties and topics (the vocabulary) ------------------------------------------------


class PartyAliasInline(admin.TabularInline):
    model = PartyAlias
    extra = 1


@admin.register(Party)
class PartyAdmin(ArchiveAdmin):
    list_display = ("name", "slug", "default_role", "alias_list", "delegation_count", "sort_order")
    list_filter = ("default_role",)
    search_fields = ("name", "slug", "aliases__name")
    prepopulated_fields = {"slug": ("name",)}
    list_prefetch = ("aliases",)
    inlines = (PartyAliasInline,)

    def annotate_list(self, queryset: models.QuerySet) -> models.QuerySet:
        return queryset.annotate(
            delegation_count=count_of(Delegation, "party", state__in=_public_states())
        )

    @admin.display(description="aliases")
    def alias_list(self, party: Party) -> str:
        return ", ".join(alias.name for alias in party.aliases.all()) or EMPTY

    @admin.display(description="delegations", ordering="delegation_count")
    def delegation_count(self, party: Party) -> int:
        return party.delegation_count


@admin.register(PartyAlias)
class PartyAliasAdmin(ArchiveAdmin):
    list_display = ("name", "party")
    list_select_related = ("party",)
    list_filter = ("party",)
    search_fields = ("name", "party__name")
    autocomplete_fields = ("party",)


@admin.register(Topic)
class TopicAdmin(ArchiveAdmin):
    list_display = ("name", "slug", "description", "round_count", "sort_order")
    search_fields = ("slug", "name", "description")

    def annotate_list(self, queryset: models.QuerySet) -> models.QuerySet:
        return queryset.annotate(
            round_count=count_of(RoundTopic, "topic", state__in=_public_states())
        )

    @admin.display(description="rounds", ordering="round_count")
    def round_count(self, topic: Topic) -> int:
        return topic.round_count


def _public_states() -> list[str]:
    return [state for state in EditorialState if state != EditorialState.REJECTED]


# The people's admin (participants, aliases, merges and their undo) registers itself here.
from rounds import people_admin  # noqa: E402, F401
