"""The editors' admin of people: participants, their aliases, merges and undoing a merge.

Imported by rounds/admin.py (which Django's admin discovers). A merge records what it touches
(rounds/history.py) so that it can be undone from the survivor's page; a person who heads a
delegation or is named in evidence is merged, never deleted.
"""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.contrib import admin, messages
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
from reversion.models import Revision

from rounds import history, services
from rounds.admin_base import (
    EMPTY,
    ArchiveAdmin,
    HistoryAdmin,
    ReadOnlyInline,
    count_of,
    log_entries,
    plural,
    state_badge,
)
from rounds.models import (
    Delegation,
    DelegationMention,
    MergedParticipantSlug,
    Participant,
    ParticipantAlias,
)


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
            # The URLs the merge led to the survivor belong to the restored people again.
            merged_slugs = [version.field_dict["slug"] for version in gone]
            try:
                with transaction.atomic():
                    restored = history.undo_merge(revision, request.user)
                    MergedParticipantSlug.objects.filter(
                        slug__in=[*merged_slugs, *(p.slug for p in restored)]
                    ).delete()
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
