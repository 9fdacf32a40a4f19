"""The editors' admin: rounds, parties, people and the facts of each round.

Facts (delegations, observers, topics of a round) follow the editorial state rules written
at the top of rounds/services.py: an editor's change makes a machine fact `changed`, a fact
created here is `added`, confirm and reject are buttons on the change page and list actions.
Their evidence (mention rows: article, sentence, offsets, rule) is extracted provenance and is
shown read-only (rounds/evidence_admin.py), each sentence linked to the article's admin page
where it is highlighted. Shared bases and helpers are in rounds/admin_base.py.
Every action writes the admin history (LogEntry), so each object's History shows who did
what and when.
"""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.admin.models import ADDITION, CHANGE, DELETION
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from reversion.models import Revision

from rounds import history, review, services
from rounds.admin_base import (
    EMPTY,
    ArchiveAdmin,
    HistoryAdmin,
    ReadOnlyInline,
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
    DelegationMention,
    Observer,
    Participant,
    ParticipantAlias,
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
        (
            "Editorial state",
            {
                "fields": (
                    "editor_note",
                    "state_display",
                    "confidence",
                    "created_at",
                    "updated_at",
                )
            },
        ),
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
        (
            "Editorial state",
            {
                "fields": (
                    "editor_note",
                    "state_display",
                    "confidence",
                    "created_at",
                    "updated_at",
                )
            },
        ),
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
        (
            "Editorial state",
            {
                "fields": (
                    "editor_note",
                    "state_display",
                    "confidence",
                    "created_at",
                    "updated_at",
                )
            },
        ),
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


# --- People -----------------------------------------------------------------------------


class ParticipantAliasFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        seen: set[str] = set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            name = (form.cleaned_data.get("name") or "").strip().casefold()
            if name in seen:
                raise forms.ValidationError(f"The alias {form.cleaned_data['name']!r} is twice.")
            seen.add(name)


class ParticipantAliasInline(admin.TabularInline):
    """Every spelling of the person; ingest resolves names through these rows."""

    model = ParticipantAlias
    formset = ParticipantAliasFormSet
    fields = ("name", "added_by_editor")
    readonly_fields = ("added_by_editor",)
    extra = 1


@admin.register(ParticipantAlias)
class ParticipantAliasAdmin(HistoryAdmin, ArchiveAdmin):
    list_display = ("name", "participant", "added_by_editor")
    list_select_related = ("participant",)
    list_filter = ("added_by_editor",)
    search_fields = ("name", "participant__name")
    autocomplete_fields = ("participant",)
    readonly_fields = ("added_by_editor",)

    def save_model(self, request: HttpRequest, alias: ParticipantAlias, form, change: bool) -> None:
        alias.added_by_editor = True
        super().save_model(request, alias, form, change)


class HeadedDelegationInline(ReadOnlyInline):
    model = Delegation
    fk_name = "head"
    fields = ("round", "party", "role", "head_title", "state_display")
    readonly_fields = fields
    verbose_name = "delegation headed"
    verbose_name_plural = "delegations headed"

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).select_related("round", "party")

    @admin.display(description="state")
    def state_display(self, delegation: Delegation) -> str:
        return state_badge(delegation.state)


class HeadsDelegationFilter(admin.SimpleListFilter):
    title = "heads a delegation"
    parameter_name = "heads"

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No")]

    def queryset(self, request, queryset):
        heads = Exists(Delegation.objects.filter(head=OuterRef("pk")))
        if self.value() == "yes":
            return queryset.filter(heads)
        if self.value() == "no":
            return queryset.filter(~heads)
        return queryset


class MergeForm(forms.Form):
    survivor = forms.TypedChoiceField(
        coerce=int,
        widget=forms.RadioSelect,
        label="Keep",
        help_text="The others are deleted; their names become this person's aliases.",
    )

    def __init__(self, *args, participants: Sequence[Participant], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["survivor"].choices = [(p.pk, p.name) for p in participants]


def carries_facts(participant: Participant) -> bool:
    """Whether a delegation names the person as head, or evidence names them."""
    return (
        Delegation.objects.filter(head=participant).exists()
        or DelegationMention.objects.filter(head=participant).exists()
    )


@admin.register(Participant)
class ParticipantAdmin(HistoryAdmin, ArchiveAdmin):
    list_display = ("name", "alias_list", "headed_count", "mention_count", "created_at")
    list_filter = (HeadsDelegationFilter, "aliases__added_by_editor", "created_at")
    search_fields = ("name", "aliases__name", "slug")
    list_prefetch = ("aliases",)
    fields = ("name", "name_locked", "slug", "created_at")
    readonly_fields = ("slug", "created_at")  # the slug is the public URL: kept when renamed
    inlines = (ParticipantAliasInline, HeadedDelegationInline)
    actions = ("merge_selected",)
    change_form_template = "admin/rounds/participant/change_form.html"

    # Deleting a person who heads a delegation or is named in evidence would lose those
    # facts' heads: such a person is merged into the right one instead (and that can be
    # undone). Only a person nothing points at may be deleted.

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        if obj is not None and carries_facts(obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request: HttpRequest):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def get_urls(self):
        undo = path(
            "undo-merge/<int:revision_id>/",
            self.admin_site.admin_view(self.undo_merge_view),
            name="rounds_participant_undo_merge",
        )
        return [undo, *super().get_urls()]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["merges"] = [
                (revision, history.merged_away(revision))
                for revision in history.merge_revisions(obj)[:20]
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def undo_merge_view(self, request: HttpRequest, revision_id: int) -> HttpResponse:
        """Confirm (GET) and undo (POST) a merge: the merged people come back."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        revision = get_object_or_404(
            Revision, pk=revision_id, comment__startswith=history.MERGE_COMMENT_PREFIX
        )
        gone = history.merged_away(revision)
        if request.method == "POST" and gone:
            try:
                restored = history.undo_merge(revision, request.user)
            except ValueError as error:
                self.message_user(request, str(error), messages.ERROR)
                return HttpResponseRedirect(request.path)
            survivor_ids = {
                int(v.object_id)
                for v in revision.version_set.filter(
                    content_type=ContentType.objects.get_for_model(Participant)
                )
            } - {p.pk for p in restored}
            names = ", ".join(p.name for p in restored)
            log_entries(request, restored, ADDITION, "Restored by undoing a merge.")
            log_entries(
                request,
                Participant.objects.filter(pk__in=survivor_ids),
                CHANGE,
                f"Undid the merge of {names} into this participant.",
            )
            self.message_user(request, f"Undid the merge: {names} restored.", messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:rounds_participant_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": "Undo a merge",
            "opts": self.opts,
            "revision": revision,
            "gone": gone,
        }
        return TemplateResponse(request, "admin/rounds/participant/undo_merge.html", context)

    def save_model(self, request: HttpRequest, obj: Participant, form, change: bool) -> None:
        # A name an editor typed is a correction: ingest must not rename the person again.
        if not change or "name" in form.changed_data:
            obj.name_locked = True
        super().save_model(request, obj, form, change)

    def annotate_list(self, queryset: models.QuerySet) -> models.QuerySet:
        return queryset.annotate(
            headed_count=count_of(Delegation, "head"),
            mention_count=count_of(DelegationMention, "head"),
        )

    @admin.display(description="aliases")
    def alias_list(self, participant: Participant) -> str:
        return ", ".join(alias.name for alias in participant.aliases.all()) or EMPTY

    @admin.display(description="delegations headed", ordering="headed_count")
    def headed_count(self, participant: Participant) -> int:
        return participant.headed_count

    @admin.display(description="mentions", ordering="mention_count")
    def mention_count(self, participant: Participant) -> int:
        return participant.mention_count

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        if formset.model is ParticipantAlias:
            for alias in formset.save(commit=False):
                alias.added_by_editor = True
                alias.save()
            for alias in formset.deleted_objects:
                alias.delete()
            return None
        return super().save_formset(request, form, formset, change)

    @admin.action(
        description="Merge selected participants into one…", permissions=["change", "delete"]
    )
    def merge_selected(
        self, request: HttpRequest, queryset: models.QuerySet
    ) -> HttpResponse | None:
        participants = list(queryset.order_by("-headed_count", "name"))
        if len(participants) < 2:
            self.message_user(request, "Select two or more participants to merge.", messages.ERROR)
            return None
        form = MergeForm(
            request.POST if request.POST.get("post") == "yes" else None,
            participants=participants,
            initial={"survivor": participants[0].pk},
        )
        if form.is_valid():
            survivor_id = form.cleaned_data["survivor"]
            survivor = next(p for p in participants if p.pk == survivor_id)
            others = [p for p in participants if p.pk != survivor_id]
            revision = self.merge(request, survivor, others)
            self.message_user(
                request,
                format_html(
                    'Merged {} into {}. <a href="{}">Undo this merge</a>',
                    ", ".join(p.name for p in others),
                    survivor.name,
                    reverse("admin:rounds_participant_undo_merge", args=[revision.pk]),
                ),
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge participants",
            "opts": self.opts,
            "participants": participants,
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "media": self.media + form.media,
        }
        return TemplateResponse(
            request, "admin/rounds/participant/merge_confirmation.html", context
        )

    def merge(
        self, request: HttpRequest, survivor: Participant, others: list[Participant]
    ) -> Revision:
        """Merge and write the history of every object it touched, all in one transaction;
        returns the revision that undoing the merge reverts."""
        with transaction.atomic():
            revision = history.record_before_merge(survivor, others, request.user)
            moved = {
                other.pk: list(
                    Delegation.objects.filter(head=other).select_related("round", "party")
                )
                for other in others
            }
            names = [
                f"{other.name} (#{other.pk}; aliases: "
                f"{', '.join(a.name for a in other.aliases.all()) or 'none'})"
                for other in others
            ]
            services.merge_participants(survivor, others)
            for other in others:
                log_entries(
                    request, [other], DELETION, f"Merged into {survivor.name} (#{survivor.pk})."
                )
                log_entries(
                    request,
                    moved[other.pk],
                    CHANGE,
                    f"Head {other.name} (#{other.pk}) merged into "
                    f"{survivor.name} (#{survivor.pk}).",
                )
            log_entries(
                request,
                [survivor],
                CHANGE,
                f"Merged {'; '.join(names)} into this participant; "
                f"{plural(sum(map(len, moved.values())), 'delegation')} moved.",
            )
            history.record(
                [survivor, *survivor.aliases.all()],
                request.user,
                f"Merged {'; '.join(names)} into this participant (undo: revision {revision.pk}).",
            )
        return revision
