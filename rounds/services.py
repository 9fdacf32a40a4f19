"""Editorial operations on the archive's facts, articles and people, as plain functions.

The admin calls these; so can a shell or a management command. They change data only: the
caller knows who acted and writes the admin history (LogEntry) itself.

Editorial state rules (see rounds/provenance.py for the states):

- an editor saves a change to a fact: extracted, confirmed or changed -> ``changed``; a fact
  the editor added stays ``added`` and a rejected one stays ``rejected`` (a tombstone is
  brought back with "confirm", not by editing it);
- confirm: extracted or rejected -> ``confirmed``; changed and added facts are already an
  editor's word and keep their state;
- reject: any state -> ``rejected``, a tombstone that public pages hide and ingest never
  recreates;
- return to ingest: an editor's fact -> ``extracted`` again, allowed only for a fact that an
  article supports (it has mentions). It undoes a confirmation, rejection or change made by
  mistake: the next ingest owns the fact again and may update it or, when no article supports
  it any more, delete it. A fact an editor added with no article behind it is refused: handing
  it to ingest would delete it at the next re-extraction, and rejecting it says that better.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from typing import TypeVar

from django.contrib.auth.models import Group, Permission
from django.db import models, transaction
from django.utils import timezone

from articles.models import Article, RoundLinkMethod
from rounds.models import (
    MergedParticipantSlug,
    Participant,
    ParticipantAlias,
    Round,
    participant_name_key,
)
from rounds.provenance import EditorialFact, EditorialState

Fact = TypeVar("Fact", bound=EditorialFact)

EDITORS_GROUP = "Editors"

# What an editor may do, model by model: correct facts and people, never manage users.
# Parties and topics are the exported vocabulary (canonical names and slugs that other tools
# rely on), so editors read them and add party aliases but do not rename them. Mentions are
# extracted provenance: read-only. Rounds and articles are never deleted by editors (a round
# takes its facts with it; a deleted article comes back at the next ingest).
# rounds/migrations/0003_editors_group.py keeps a frozen copy of this table; a test checks
# that they agree, and `manage.py create_editor` re-applies this one.
EDITOR_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "rounds.round": ("view", "add", "change"),
    "rounds.party": ("view",),
    "rounds.partyalias": ("view", "add", "change", "delete"),
    "rounds.topic": ("view",),
    "rounds.participant": ("view", "add", "change", "delete"),
    "rounds.participantalias": ("view", "add", "change", "delete"),
    "rounds.delegation": ("view", "add", "change", "delete"),
    "rounds.observer": ("view", "add", "change", "delete"),
    "rounds.roundtopic": ("view", "add", "change", "delete"),
    "rounds.delegationmention": ("view",),
    "rounds.observermention": ("view",),
    "rounds.topicmention": ("view",),
    "articles.article": ("view", "change"),
}


def editor_permission_codenames() -> set[tuple[str, str]]:
    """(app_label, codename) of every permission the Editors group holds."""
    codenames = set()
    for label, actions in EDITOR_PERMISSIONS.items():
        app_label, model_name = label.split(".")
        codenames |= {(app_label, f"{action}_{model_name}") for action in actions}
    return codenames


def sync_editors_group() -> Group:
    """Create the Editors group if needed and give it exactly EDITOR_PERMISSIONS."""
    wanted = editor_permission_codenames()
    permissions = [
        permission
        for permission in Permission.objects.select_related("content_type")
        if (permission.content_type.app_label, permission.codename) in wanted
    ]
    missing = wanted - {(p.content_type.app_label, p.codename) for p in permissions}
    if missing:
        raise LookupError(f"Permissions not in the database (run migrate): {sorted(missing)}")
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.set(permissions)
    return group


# --- Editorial state --------------------------------------------------------------------


def state_after_edit(state: str) -> str:
    """The state of a fact once an editor has changed one of its fields and saved it."""
    if state in (EditorialState.ADDED, EditorialState.REJECTED):
        return state
    return EditorialState.CHANGED


def state_after_confirm(state: str) -> str:
    if state in (EditorialState.EXTRACTED, EditorialState.REJECTED):
        return EditorialState.CONFIRMED
    return state


def confirm_facts(facts: models.QuerySet[Fact]) -> list[Fact]:
    """Confirm the facts that need it; returns the ones whose state changed."""
    targets = list(facts.filter(state__in=(EditorialState.EXTRACTED, EditorialState.REJECTED)))
    _set_state(targets, EditorialState.CONFIRMED)
    return targets


def reject_facts(facts: models.QuerySet[Fact]) -> list[Fact]:
    """Reject the facts (tombstones hidden from visitors); returns the ones newly rejected."""
    targets = list(facts.exclude(state=EditorialState.REJECTED))
    _set_state(targets, EditorialState.REJECTED)
    return targets


def return_facts_to_ingest(facts: models.QuerySet[Fact]) -> tuple[list[Fact], list[Fact]]:
    """Hand editors' facts back to ingest; returns (returned, refused for want of evidence)."""
    candidates = list(
        facts.exclude(state=EditorialState.EXTRACTED).annotate(evidence=models.Count("mentions"))
    )
    returned = [fact for fact in candidates if fact.evidence]
    refused = [fact for fact in candidates if not fact.evidence]
    _set_state(returned, EditorialState.EXTRACTED)
    return returned, refused


def _set_state(facts: list[Fact], state: str) -> None:
    if not facts:
        return
    now = timezone.now()
    for fact in facts:
        fact.state = state
        fact.updated_at = now
    # One query for a 500-row action; bulk_update skips auto_now, hence updated_at by hand.
    type(facts[0]).objects.bulk_update(facts, ["state", "updated_at"])


# --- Articles ---------------------------------------------------------------------------


def reextract_available() -> bool:
    """Whether the ingest service (articles.services.ingest) is installed in this tree."""
    try:
        return importlib.util.find_spec("articles.services.ingest") is not None
    except ModuleNotFoundError:  # no articles.services package at all
        return False


def reextract(article: Article) -> bool:
    """Re-run extraction on one article so its facts follow its round.

    Returns False, doing nothing, while the ingest service is not installed; errors inside
    the service propagate so that the caller's transaction rolls the edit back with them.
    """
    if not reextract_available():
        return False
    from articles.services.ingest import reextract_article

    reextract_article(article)
    return True


def relink_article(article: Article, round: Round | None) -> bool:
    """An editor's link of an article to a round (or to none), which every ingest keeps.

    The machine's evidence for the old link is cleared; the article's facts are re-extracted
    so that they move to the new round. Returns whether re-extraction ran.
    """
    with transaction.atomic():
        article.round = round
        article.round_state = EditorialState.CHANGED
        article.round_method = RoundLinkMethod.EDITOR
        article.round_sentence = ""
        article.round_start = article.round_end = 0
        article.round_confidence = 1.0
        article.save()
        return reextract(article)


def confirm_round_links(articles: models.QuerySet[Article]) -> list[Article]:
    """Confirm machine links (a round, or no round) as they stand; returns those confirmed."""
    targets = list(articles.filter(round_state=EditorialState.EXTRACTED))
    Article.objects.filter(pk__in=[a.pk for a in targets]).update(
        round_state=EditorialState.CONFIRMED
    )
    return targets


# --- People -----------------------------------------------------------------------------


def merge_participants(survivor: Participant, others: Iterable[Participant]) -> None:
    """Merge `others` into `survivor`, in one transaction.

    Everything that points at one of the others (delegation heads, mentions, any later
    relation) points at the survivor afterwards; the others' canonical names and aliases
    become the survivor's aliases (spellings it already has are not repeated), so that the
    next ingest resolves every one of those spellings to the survivor. The others are deleted.
    """
    others = list(others)
    other_ids = {other.pk for other in others}
    if not others:
        raise ValueError("Nothing to merge: no other participants given.")
    if survivor.pk in other_ids:
        raise ValueError("A participant cannot be merged into itself.")
    if len(other_ids) != len(others):
        raise ValueError("A participant is listed twice.")

    with transaction.atomic():
        # Lock the rows (PostgreSQL) so an ingest cannot attach a mention to a participant
        # that is being deleted.
        locked = list(
            Participant.objects.select_for_update().filter(pk__in=[survivor.pk, *other_ids])
        )
        if len(locked) != len(other_ids) + 1:
            raise Participant.DoesNotExist("A participant to merge no longer exists.")

        # Every relation but the aliases, found from the model so that a relation added later
        # moves too; a kind of relation this code does not know fails loudly.
        for relation in Participant._meta.related_objects:
            if relation.related_model is ParticipantAlias:
                continue
            if not relation.one_to_many:
                raise TypeError(f"merge_participants does not handle {relation!r}")
            field = relation.field.name
            relation.related_model._base_manager.filter(**{f"{field}__in": other_ids}).update(
                **{field: survivor}
            )

        known = {survivor.name.casefold()}
        known |= {name.casefold() for name in survivor.aliases.values_list("name", flat=True)}
        for other in others:
            for alias in ParticipantAlias.objects.filter(participant=other).order_by("pk"):
                if alias.name.casefold() in known:
                    alias.delete()
                else:
                    alias.participant = survivor
                    alias.save(update_fields=["participant"])
                    known.add(alias.name.casefold())
            if other.name.casefold() not in known:
                ParticipantAlias.objects.create(
                    participant=survivor, name=other.name, added_by_editor=True
                )
                known.add(other.name.casefold())
        # Their URLs lead to the survivor (the participant page's 301).
        MergedParticipantSlug.record(survivor, others)
        Participant.objects.filter(pk__in=other_ids).delete()
        # A survivor that was itself a duplicate (no name key yet) now holds the name.
        key = participant_name_key(survivor.name)
        if survivor.name_key != key and not Participant.objects.filter(name_key=key).exists():
            Participant.objects.filter(pk=survivor.pk).update(name_key=key)
            survivor.name_key = key


def duplicate_participants() -> list[list[Participant]]:
    """Groups of participants under one canonical name (transliterated, any case, without
    punctuation): one person recorded several times, as a database could hold before the
    unique name key. Each group starts with the one a merge keeps: an editor's locked name,
    then the oldest (the one ingest already resolves the name to)."""
    groups: dict[str, list[Participant]] = {}
    for person in Participant.objects.order_by("-name_locked", "pk"):
        key = participant_name_key(person.name)
        if key is not None:
            groups.setdefault(key, []).append(person)
    return [group for group in groups.values() if len(group) > 1]


def merge_duplicate_participants() -> list[tuple[Participant, list[Participant]]]:
    """Merge every group of `duplicate_participants()` into its first; returns the merges."""
    merged = []
    for survivor, *others in duplicate_participants():
        merge_participants(survivor, others)
        merged.append((survivor, others))
    return merged
