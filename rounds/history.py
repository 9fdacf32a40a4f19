"""Editors' history with django-reversion: the values before and after each change.

Only editors' acts are recorded: a version is written inside a revision block (the admin's
change pages, its actions, a merge), never by ingest, which writes outside any block; the
library's save signal then returns after one context-variable read. So that the first change
of a machine fact still shows its value before, the fact's state as ingest left it is
recorded as a baseline revision just before an editor's first change (`record_baseline`).

A participant merge records one revision of everything it is about to touch (the merged
people, their aliases, every row pointing at them); `undo_merge` puts that back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import reversion
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from reversion.models import Revision, Version

from articles.models import Article
from rounds.models import (
    Delegation,
    DelegationMention,
    Observer,
    ObserverMention,
    Participant,
    ParticipantAlias,
    Party,
    PartyAlias,
    Round,
    RoundTopic,
    Topic,
    TopicMention,
    unique_slug,
)

BASELINE_COMMENT = "As ingest left it, before an editor's first change."
MERGE_COMMENT_PREFIX = "Before merging"

# An article's editorial part only: its text is ingest's, large, and never edited here.
ARTICLE_FIELDS = (
    "round",
    "round_state",
    "round_method",
    "round_sentence",
    "round_confidence",
)
# Bookkeeping that changes on every save and says nothing to a reader of the history.
UNSHOWN_FIELDS = frozenset({"updated_at", "created_at", "id"})


def _register(model: type[models.Model], **options) -> None:
    if not reversion.is_registered(model):
        reversion.register(model, **options)


for _model in (Delegation, Observer, RoundTopic):
    _register(_model)
_register(Round, follow=("delegations", "observers", "topics"))
_register(Participant, follow=("aliases",))
for _model in (ParticipantAlias, Party, PartyAlias, Topic):
    _register(_model)
# Evidence is ingest's; registered so that a merge can put its heads back.
for _model in (DelegationMention, ObserverMention, TopicMention):
    _register(_model)
_register(Article, fields=ARTICLE_FIELDS)


def record(
    objects: Iterable[models.Model], user: AbstractBaseUser | None, comment: str
) -> Revision | None:
    """One revision holding the current state of `objects`; None when there are none."""
    objects = list(objects)
    if not objects:
        return None
    with reversion.create_revision():
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        reversion.set_comment(comment)
        for obj in objects:
            reversion.add_to_revision(obj)
    return Version.objects.get_for_object(objects[0]).select_related("revision").first().revision


def unversioned(objects: Iterable[models.Model]) -> list[models.Model]:
    """The objects that have no recorded version yet (one query per model)."""
    by_model: dict[type[models.Model], list[models.Model]] = {}
    for obj in objects:
        by_model.setdefault(type(obj), []).append(obj)
    missing: list[models.Model] = []
    for model, rows in by_model.items():
        known = set(
            Version.objects.get_for_model(model)
            .filter(object_id__in=[str(row.pk) for row in rows])
            .values_list("object_id", flat=True)
        )
        missing += [row for row in rows if str(row.pk) not in known]
    return missing


def record_baseline(objects: Iterable[models.Model], user: AbstractBaseUser | None) -> None:
    """Record, before an editor changes them, the objects that have no history yet, as they
    are in the database: the "before" of the first change."""
    objects = list(objects)
    if not objects:
        return
    model = type(objects[0])
    fresh = {obj.pk: obj for obj in model._default_manager.filter(pk__in=[o.pk for o in objects])}
    # No user: these are the values ingest left, not anyone's act.
    record(unversioned(fresh.values()), None, BASELINE_COMMENT)


# --- Reading the history ---------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryStep:
    version: Version
    changes: list[FieldChange]


def _display(field: models.Field, value) -> str:
    if value in (None, ""):
        return "—"
    if field.is_relation and field.many_to_one:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value} (deleted)"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def _fields(version: Version) -> dict[str, object]:
    try:
        return version.field_dict
    except Exception:  # a version of a field since removed from the model
        return {}


def history_steps(obj: models.Model) -> list[HistoryStep]:
    """The object's versions, oldest first, each with the fields it changed (before, after)."""
    versions = list(
        Version.objects.get_for_object(obj).select_related("revision__user").order_by("pk")
    )
    steps: list[HistoryStep] = []
    previous: dict[str, object] | None = None
    for version in versions:
        current = _fields(version)
        changes = []
        if previous is not None:
            for field in type(obj)._meta.concrete_fields:
                name = field.attname
                if name in UNSHOWN_FIELDS or name not in current:
                    continue
                before, after = previous.get(name), current.get(name)
                if before != after:
                    changes.append(
                        FieldChange(
                            str(field.verbose_name), _display(field, before), _display(field, after)
                        )
                    )
        steps.append(HistoryStep(version, changes))
        previous = current
    return steps


# --- Participant merges ----------------------------------------------------------------


def _pointing_rows(others: Sequence[Participant]) -> list[models.Model]:
    """Every row (but aliases) that points at one of `others`: what a merge re-points."""
    rows: list[models.Model] = []
    for relation in Participant._meta.related_objects:
        if relation.related_model is ParticipantAlias or not relation.one_to_many:
            continue
        field = relation.field.name
        _register(relation.related_model)
        rows += list(relation.related_model._base_manager.filter(**{f"{field}__in": others}))
    return rows


def record_before_merge(
    survivor: Participant, others: Sequence[Participant], user: AbstractBaseUser | None
) -> Revision:
    """The revision that `undo_merge` reverts: the people, their aliases and every row that
    points at the merged ones, as they are before the merge."""
    objects: list[models.Model] = [survivor, *survivor.aliases.all()]
    for other in others:
        objects += [other, *other.aliases.all()]
    objects += _pointing_rows(others)
    names = ", ".join(f"{other.name} (#{other.pk})" for other in others)
    return record(
        objects, user, f"{MERGE_COMMENT_PREFIX} {names} into {survivor.name} (#{survivor.pk})."
    )


def merge_revisions(participant: Participant) -> models.QuerySet[Revision]:
    """Merges into `participant` that can be undone, newest first."""
    participant_type = ContentType.objects.get_for_model(Participant)
    return (
        Revision.objects.filter(
            comment__startswith=MERGE_COMMENT_PREFIX,
            version__content_type=participant_type,
            version__object_id=str(participant.pk),
        )
        .distinct()
        .order_by("-pk")
    )


def _merge_people(revision: Revision) -> tuple[Version, list[Version]]:
    """The survivor's version and the merged people's versions of a merge's revision
    (`record_before_merge` adds the survivor first)."""
    versions = list(
        revision.version_set.filter(
            content_type=ContentType.objects.get_for_model(Participant)
        ).order_by("pk")
    )
    return versions[0], versions[1:]


def merged_away(revision: Revision) -> list[Version]:
    """The versions of the people that a merge deleted and that do not exist now."""
    _, others = _merge_people(revision)
    existing = set(
        Participant.objects.filter(pk__in=[int(v.object_id) for v in others]).values_list(
            "pk", flat=True
        )
    )
    return [v for v in others if int(v.object_id) not in existing]


def undo_merge(revision: Revision, user: AbstractBaseUser | None = None) -> list[Participant]:
    """Bring back the people a merge deleted, with their own aliases, and point back at them
    every row that pointed at them before the merge and still points at the survivor.

    Rows an editor changed since the merge keep their other changes: only the pointer to the
    person is put back. Returns the restored participants.
    """
    with transaction.atomic():
        gone = merged_away(revision)
        if not gone:
            raise ValueError("This merge has been undone already.")
        gone_ids = {int(v.object_id) for v in gone}
        participant_type = ContentType.objects.get_for_model(Participant)
        alias_type = ContentType.objects.get_for_model(ParticipantAlias)
        survivor = Participant.objects.filter(pk=int(_merge_people(revision)[0].object_id)).first()
        if survivor is None:
            raise ValueError(
                "The person this merge kept was merged or deleted since: undo that first."
            )
        alias_versions = list(revision.version_set.filter(content_type=alias_type))
        before_aliases = {int(v.object_id) for v in alias_versions}

        # The names the merge gave the survivor: the merged people's names and aliases.
        moved_names = {v.field_dict["name"].casefold() for v in gone}
        moved_names |= {
            v.field_dict["name"].casefold()
            for v in alias_versions
            if v.field_dict["participant_id"] in gone_ids
        }
        for alias in survivor.aliases.exclude(pk__in=before_aliases):
            if alias.name.casefold() in moved_names:
                alias.delete()

        for version in gone:
            restored_person = version._object_version
            # Its URL, unless a person created since took that slug.
            if Participant.objects.filter(slug=restored_person.object.slug).exists():
                restored_person.object.slug = unique_slug(Participant, restored_person.object.name)
            restored_person.save()
        for version in alias_versions:
            if version.field_dict["participant_id"] in gone_ids:
                ParticipantAlias.objects.filter(pk=int(version.object_id)).delete()
                version.revert()

        for version in revision.version_set.exclude(
            content_type__in=[participant_type, alias_type]
        ):
            model = version._model
            for field in model._meta.concrete_fields:
                if field.is_relation and field.related_model is Participant:
                    before = version.field_dict.get(field.attname)
                    if before in gone_ids:
                        model._base_manager.filter(
                            pk=int(version.object_id), **{field.attname: survivor.pk}
                        ).update(**{field.attname: before})

        restored = list(Participant.objects.filter(pk__in=gone_ids))
        record(
            [survivor, *survivor.aliases.all()],
            user,
            f"Undid the merge of {', '.join(p.name for p in restored)} into {survivor.name}.",
        )
        for person in restored:
            record(
                [person, *person.aliases.all()],
                user,
                f"Restored: the merge into {survivor.name} (#{survivor.pk}) was undone.",
            )
    return restored
