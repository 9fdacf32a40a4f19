"""Writing one article's extracted facts to the database, without touching editors' work.

Only facts in state `extracted` belong to the machine: they may be created, updated and
deleted here. Confirmed, changed and added facts are never modified; rejected facts stay
rejected (their row is a tombstone, so the same fact is never created again). Evidence rows
(mentions) of the article are replaced wholesale on every extraction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, Max, OuterRef, QuerySet
from django.utils import timezone

from articles.extraction.people import NameIndex, normalize_name
from articles.extraction.types import DelegationFact, Extraction, RoundLink
from articles.models import Article, RoundLinkMethod
from articles.services.inserts import delete_rows, insert_rows, update_rows
from rounds.models import (
    Delegation,
    DelegationMention,
    Observer,
    ObserverMention,
    Participant,
    ParticipantAlias,
    Party,
    Round,
    RoundTopic,
    Topic,
    TopicMention,
    participant_name_key,
)
from rounds.provenance import RULE_LENGTH, EditorialFact, EditorialState, Mention


@dataclass
class FactCache:
    """What the writer needs to know of the database, loaded once per run.

    Keeps ingest to a handful of queries per article: facts are looked up here and
    created only when missing.

    People: participants sharing a canonical name (duplicates made before the unique name key
    existed) count as one, the first of them (an editor's locked name, then the oldest), so
    an article never finds them ambiguous and never makes yet another one.
    """

    rounds: dict[int, Round] = field(default_factory=dict)
    parties: dict[str, Party] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    delegations: dict[tuple[int, int], Delegation] = field(default_factory=dict)
    observers: dict[tuple[int, int], Observer] = field(default_factory=dict)
    round_topics: dict[tuple[int, int], RoundTopic] = field(default_factory=dict)
    people: NameIndex = field(default_factory=NameIndex)
    names_of: dict[int, set[str]] = field(default_factory=dict)
    # Every normalised spelling (names and aliases) -> the people it is written for.
    spellings: dict[str, set[int]] = field(default_factory=dict)
    # The person each participant resolves to (itself, or the first of its duplicates).
    representative: dict[int, int] = field(default_factory=dict)
    first_by_key: dict[str, int] = field(default_factory=dict)
    key_of: dict[int, str] = field(default_factory=dict)  # canonical name keys
    locked: set[int] = field(default_factory=set)
    last_person_pk: int = 0
    last_alias_pk: int = 0

    @classmethod
    def load(cls) -> FactCache:
        cache = cls(
            rounds={r.number: r for r in Round.objects.all()},
            parties={p.name: p for p in Party.objects.all()},
            topics={t.slug: t for t in Topic.objects.all()},
            delegations={(d.round_id, d.party_id): d for d in Delegation.objects.all()},
            observers={(o.round_id, o.party_id): o for o in Observer.objects.all()},
            round_topics={(t.round_id, t.topic_id): t for t in RoundTopic.objects.all()},
        )
        cache.load_people()
        return cache

    def load_people(self) -> None:
        """Read the participants and aliases added since the last call (all, the first
        time): another ingest or an editor may have added some since the run began."""
        people = Participant.objects.filter(pk__gt=self.last_person_pk).values_list(
            "pk", "name", "name_locked"
        )
        # Locked names first, then the oldest: the first of a name is its representative.
        for person_id, name, locked in sorted(people, key=lambda p: (not p[2], p[0])):
            self.last_person_pk = max(self.last_person_pk, person_id)
            key = participant_name_key(name) or f"#{person_id}"
            self.key_of[person_id] = key
            if locked:
                self.locked.add(person_id)
            self.representative[person_id] = self.first_by_key.setdefault(key, person_id)
            self.remember_name(person_id, name)
        aliases = ParticipantAlias.objects.filter(pk__gt=self.last_alias_pk).values_list(
            "pk", "participant_id", "name"
        )
        for alias_id, person_id, name in aliases.order_by("pk"):
            self.last_alias_pk = alias_id
            self.remember_name(person_id, name)

    def remember_name(self, person_id: int, name: str) -> None:
        person_id = self.representative.get(person_id, person_id)
        self.people.add(person_id, name)
        self.spellings.setdefault(normalize_name(name), set()).add(person_id)
        self.names_of.setdefault(person_id, set()).add(name.casefold())

    def person_for(self, name: str) -> int | None:
        """The one person a spelling names, or None for a new person.

        A spelling that several people have (one's name, another's alias) goes to the one
        whose canonical name it is, then an editor's locked name, then the oldest: the same
        answer every time, where the fuzzy index would call it ambiguous.
        """
        written_for = self.spellings.get(normalize_name(name))
        if written_for:
            key = participant_name_key(name)
            return min(
                written_for,
                key=lambda pk: (self.key_of.get(pk) != key, pk not in self.locked, pk),
            )
        return self.people.resolve(name)


class FactWriter:
    """Applies extractions to articles; call inside the article's transaction."""

    def __init__(self, cache: FactCache) -> None:
        self.cache = cache
        self.touched_delegations: set[int] = set()
        self.touched_people: set[int] = set()

    # -- the article's round -------------------------------------------------------------

    def link_round(
        self, article: Article, link: RoundLink | None, rejected: Sequence[str] = ()
    ) -> None:
        """Set the article's round from the extraction, unless an editor set it. Without a
        round, the candidates the decision weighed and turned down (`rejected`) are kept, so an
        editor sees what almost won and why not."""
        if article.round_is_editorial:
            return
        if link is None:
            article.round = None
            article.round_method = RoundLinkMethod.NONE
            article.round_sentence = ""
            article.round_start = article.round_end = 0
            article.round_confidence = 0.0
            article.round_candidates = "\n".join(rejected)
            return
        article.round = self.round_numbered(link.number, link.city)
        article.round_method = link.method
        article.round_confidence = link.confidence
        article.round_candidates = "\n".join(link.candidates)
        if link.evidence is not None:
            article.round_sentence = link.evidence.sentence
            article.round_start, article.round_end = link.evidence.start, link.evidence.end
        else:
            article.round_sentence = ""
            article.round_start = article.round_end = 0

    def round_numbered(self, number: int, city: str | None) -> Round:
        """The round with this number; a round not on the calendar yet is created unconfirmed."""
        found = self.cache.rounds.get(number)
        if found is None:
            found, _ = Round.objects.get_or_create(
                number=number, defaults={"city": city or "", "confirmed": False}
            )
            self.cache.rounds[number] = found
        return found

    # -- facts ---------------------------------------------------------------------------

    def replace_facts(self, article: Article, extraction: Extraction, *, is_new: bool) -> None:
        """Replace the article's evidence and the machine's facts derived from it.

        Touches only the article's rows and the facts its old evidence supported, so an
        update costs the same in a large archive as in a small one.
        """
        supported = {} if is_new else self._drop_mentions(article)
        round_ = article.round
        if round_ is not None:
            # Facts the article supports again keep their evidence: no need to look at them.
            for model, written in (
                (Delegation, self._write_delegations(article, round_, extraction)),
                (Observer, self._write_observers(article, round_, extraction)),
                (RoundTopic, self._write_topics(article, round_, extraction)),
            ):
                supported[model] = supported.get(model, set()) - written
        self._delete_orphans({model: ids for model, ids in supported.items() if ids})

    def _drop_mentions(self, article: Article) -> dict[type[EditorialFact], set[int]]:
        """Delete the article's evidence rows; return, per kind of fact, the facts they
        supported (those may be left with no evidence).

        One DELETE ... RETURNING a kind, by article (indexed): the archive-version receivers
        on the mention models would make the ORM fetch and delete row by row, and within a
        run the writer bumps the version itself (`bumps_held`), so they have nothing to do.
        """
        supported: dict[type[EditorialFact], set[int]] = {}
        for mention_model, fact_model, fact_field in _MENTION_KINDS:
            ids = delete_rows(mention_model, "article", article.pk, returning=fact_field)
            if ids:
                supported[fact_model] = ids
        self.touched_delegations |= supported.get(Delegation, set())
        return supported

    def _write_delegations(
        self, article: Article, round_: Round, extraction: Extraction
    ) -> set[int]:
        """Write the article's delegation mentions (and new delegations); return their ids."""
        mentions = []
        for fact in best_per_key(extraction.delegations, key=lambda f: f.party):
            party = self.cache.parties.get(fact.party)
            if party is None:
                continue
            delegation = self.cache.delegations.get((round_.pk, party.pk))
            head_id = self._person_id(fact.head) if fact.head else None
            if delegation is None:
                delegation = Delegation.objects.create(
                    round=round_,
                    party=party,
                    role=fact.role,
                    head_id=head_id,
                    head_title=fact.head_title[:250] if head_id else "",
                    confidence=fact.confidence,
                )
                self.cache.delegations[(round_.pk, party.pk)] = delegation
            elif (
                delegation.state == EditorialState.EXTRACTED
                and delegation.head_id is None
                and head_id is not None
            ):
                # A provisional head: `refresh_derived` settles it by majority after the run.
                delegation.head_id, delegation.head_title = head_id, fact.head_title[:250]
                delegation.updated_at = timezone.now()
                # An UPDATE by key, not save(): inside the writer's pipeline (`pipelined`)
                # no row count comes back, which save(update_fields=...) would check.
                Delegation.objects.filter(pk=delegation.pk, state=EditorialState.EXTRACTED).update(
                    head_id=head_id,
                    head_title=delegation.head_title,
                    updated_at=delegation.updated_at,
                )
            self.touched_delegations.add(delegation.pk)
            mentions.append(
                (
                    delegation.pk,
                    article.pk,
                    *evidence_row(fact),
                    head_id,
                    (fact.head or "")[:160],
                    fact.head_title[:250],
                    *head_evidence_row(fact),
                )
            )
        insert_rows(DelegationMention, _DELEGATION_MENTION_FIELDS, mentions)
        return {mention[0] for mention in mentions}

    def _write_observers(self, article: Article, round_: Round, extraction: Extraction) -> set[int]:
        return self._write_simple_facts(
            article, round_, extraction.observers, "party", self.cache.parties,
            self.cache.observers, Observer, "party", ObserverMention, "observer",
        )  # fmt: skip

    def _write_topics(self, article: Article, round_: Round, extraction: Extraction) -> set[int]:
        return self._write_simple_facts(
            article, round_, extraction.topics, "slug", self.cache.topics,
            self.cache.round_topics, RoundTopic, "topic", TopicMention, "round_topic",
        )  # fmt: skip

    def _write_simple_facts(
        self,
        article: Article,
        round_: Round,
        facts: list,
        key: str,
        targets: dict,
        known: dict,
        model: type[EditorialFact],
        target_field: str,
        mention_model: type[Mention],
        fact_field: str,
    ) -> set[int]:
        """Observers and topics: one fact per (round, party or topic), one mention each;
        returns the ids of the facts the article supports.

        `key` is the extracted value (a party name, a topic slug) that `targets` maps to a
        row, which the fact points at through `target_field`; `known` caches the facts.
        """
        mentions = []
        for fact in best_per_key(facts, key=lambda f: getattr(f, key)):
            target = targets.get(getattr(fact, key))
            if target is None:
                continue
            row = known.get((round_.pk, target.pk))
            if row is None:
                row = model.objects.create(
                    round=round_, confidence=fact.confidence, **{target_field: target}
                )
                known[(round_.pk, target.pk)] = row
            mentions.append((row.pk, article.pk, *evidence_row(fact)))
        insert_rows(mention_model, (fact_field, *_MENTION_FIELDS), mentions)
        return {mention[0] for mention in mentions}

    def _delete_orphans(self, candidates: dict[type[EditorialFact], set[int]]) -> None:
        """Machine facts among `candidates` left with no evidence are gone; editors' facts
        always stay. Each fact is looked up by key in its mentions' (fact, article) index:
        no scan of the archive's mentions."""
        for model, ids in candidates.items():
            orphans = orphaned_facts(model, model.objects.filter(pk__in=ids))
            if orphans:
                self._forget(model, orphans)

    def _forget(self, model: type[EditorialFact], orphan_ids: set[int]) -> None:
        """Delete machine facts known to have no evidence, and drop them from the cache.
        The ORM's delete (a few rows): it cascades and keeps the history's receivers."""
        model.objects.filter(pk__in=orphan_ids, state=EditorialState.EXTRACTED).delete()
        cache = {
            Delegation: self.cache.delegations,
            Observer: self.cache.observers,
            RoundTopic: self.cache.round_topics,
        }[model]
        for key in [k for k, fact in cache.items() if fact.pk in orphan_ids]:
            del cache[key]
        if model is Delegation:
            self.touched_delegations -= orphan_ids

    def delete_all_orphans(self) -> int:
        """Every machine fact of the archive with no evidence (an article deleted in the
        admin leaves some): once a run, not per article. One index probe per fact, not a
        scan of the mentions. Returns how many went."""
        deleted = 0
        for model in (Delegation, Observer, RoundTopic):
            orphans = orphaned_facts(model, model.objects.all())
            if orphans:
                self._forget(model, orphans)
                deleted += len(orphans)
        return deleted

    # -- people --------------------------------------------------------------------------

    def _person_id(self, written: str) -> int:
        """The id of the participant a spelling names: a known person (by alias or close
        spelling) or a new one. A new spelling of a known person becomes one of its aliases."""
        name = " ".join(written.split())  # the extractor already stripped titles
        person_id = self.cache.person_for(name)
        if person_id is None:
            # Another run (or an editor) may have added this person since the run began.
            self.cache.load_people()
            person_id = self.cache.person_for(name)
        if person_id is None:
            person_id = self._new_person(name)
        elif name.casefold() not in self.cache.names_of.get(person_id, set()):
            ParticipantAlias.objects.get_or_create(participant_id=person_id, name=name)
            self.cache.remember_name(person_id, name)
        self.touched_people.add(person_id)
        return person_id

    def _new_person(self, name: str) -> int:
        """Create a participant; if a concurrent run created one under this name meanwhile
        (the unique name key refuses a second), that one is the person."""
        try:
            with transaction.atomic():  # a savepoint: the article's transaction goes on
                person = Participant.objects.create(name=name)
        except IntegrityError:
            person = Participant.objects.filter(name_key=participant_name_key(name)).first()
            if person is None:  # not the name's constraint (a slug taken meanwhile?)
                raise
        self.cache.load_people()  # the new row, and any other run's since the last look
        person_id = self.cache.representative.get(person.pk, person.pk)
        if name.casefold() not in self.cache.names_of.get(person_id, set()):
            self.cache.remember_name(person_id, name)
        return person_id


def orphaned_facts(model: type[EditorialFact], facts: QuerySet) -> set[int]:
    """The ids of the machine's facts among `facts` that no mention supports."""
    mentions = model._meta.get_field("mentions")
    evidence = mentions.related_model.objects.filter(**{mentions.field.name: OuterRef("pk")})
    return set(
        facts.filter(state=EditorialState.EXTRACTED)
        .exclude(Exists(evidence))
        .order_by()  # the models' ordering would join the rounds and parties to sort
        .values_list("pk", flat=True)
    )


# Each kind of evidence row, the fact it supports and its column naming that fact.
_MENTION_KINDS = (
    (DelegationMention, Delegation, "delegation"),
    (ObserverMention, Observer, "observer"),
    (TopicMention, RoundTopic, "round_topic"),
)

# Mention columns every kind of fact fills: the article, then its evidence (`evidence_row`).
_MENTION_FIELDS = ("article", "sentence", "start", "end", "confidence", "rule")
_DELEGATION_MENTION_FIELDS = (
    "delegation", *_MENTION_FIELDS, "head", "head_as_written", "head_title",
    "head_rule", "head_sentence", "head_start", "head_end",
)  # fmt: skip


def evidence_row(fact) -> tuple[str, int, int, float, str]:
    """The mention values every kind of fact fills from its evidence, and the rule that
    found the fact there."""
    evidence = fact.evidence
    return (
        evidence.sentence,
        evidence.start,
        evidence.end,
        fact.confidence,
        fact.rule[:RULE_LENGTH],
    )


def head_evidence_row(fact: DelegationFact) -> tuple[str, str, int, int]:
    """The rule that named the head, and the sentence naming it when that is another sentence
    than the delegation's own (empty, offsets 0, otherwise)."""
    rule = fact.head_rule[:RULE_LENGTH] if fact.head else ""
    evidence = fact.head_evidence
    if not fact.head or evidence is None or evidence == fact.evidence:
        return (rule, "", 0, 0)
    return (rule, evidence.sentence, evidence.start, evidence.end)


def best_per_key(facts: Iterable, key) -> list:
    """One fact per party or topic: the most confident (a named head wins a tie)."""

    def rank(fact) -> tuple[bool, float]:
        return (getattr(fact, "head", None) is not None, fact.confidence)

    best: dict = {}
    for fact in facts:
        k = key(fact)
        if k not in best or rank(fact) > rank(best[k]):
            best[k] = fact
    return list(best.values())


def refresh_derived(delegation_ids: Iterable[int]) -> int:
    """Settle each machine delegation's head by majority of its mentions, and its confidence as
    its best mention's. Editors' delegations are left alone. Returns how many changed."""
    ids = list(delegation_ids)
    if not ids:
        return 0
    votes: dict[int, Counter] = {}
    best_title: dict[tuple[int, int], tuple[float, str]] = {}
    rows = (
        DelegationMention.objects.filter(
            delegation_id__in=ids,
            delegation__state=EditorialState.EXTRACTED,
            head__isnull=False,
        )
        .values("delegation_id", "head_id", "head_title")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        votes.setdefault(row["delegation_id"], Counter())[row["head_id"]] += row["n"]
        key = (row["delegation_id"], row["head_id"])
        best_title[key] = max(best_title.get(key, (0, "")), (row["n"], row["head_title"]))
    confidence = dict(
        DelegationMention.objects.filter(delegation_id__in=ids)
        .values("delegation_id")
        .annotate(best=Max("confidence"))
        .values_list("delegation_id", "best")
    )
    changed = []
    for delegation in Delegation.objects.filter(pk__in=ids, state=EditorialState.EXTRACTED):
        head_id, title = delegation.head_id, delegation.head_title
        if delegation.pk in votes:
            # Most mentions; on a tie the person first seen, whatever order the rows came in.
            tally = votes[delegation.pk]
            head_id = max(tally, key=lambda person_id: (tally[person_id], -person_id))
            title = best_title[(delegation.pk, head_id)][1]
        best = confidence.get(delegation.pk, delegation.confidence)
        if (delegation.head_id, delegation.head_title, delegation.confidence) != (
            head_id,
            title,
            best,
        ):
            delegation.head_id, delegation.head_title, delegation.confidence = head_id, title, best
            changed.append(delegation)
    update_rows(
        Delegation,
        ("head", "head_title", "confidence"),
        [(d.head_id, d.head_title, d.confidence, d.pk) for d in changed],
    )
    return len(changed)


def refresh_participant_names(person_ids: Iterable[int]) -> int:
    """Name each participant by the spelling most articles use (on a tie, the one keeping
    diacritics, then the longer), unless an editor chose the name. The former name stays an
    alias, so every spelling keeps resolving to the person. Returns how many were renamed."""
    ids = list(person_ids)
    if not ids:
        return 0
    spellings: dict[int, Counter] = {}
    rows = (
        DelegationMention.objects.filter(head_id__in=ids)
        .exclude(head_as_written="")
        .values("head_id", "head_as_written")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        name = " ".join(row["head_as_written"].split())
        spellings.setdefault(row["head_id"], Counter())[name] += row["n"]
    renamed = 0
    for person in Participant.objects.filter(pk__in=list(spellings), name_locked=False):
        counts = spellings[person.pk]
        # A total order, so the name depends on the articles, not on the order they came in.
        best = max(counts, key=lambda name: (counts[name], not name.isascii(), len(name), name))
        if best == person.name:
            continue
        key = participant_name_key(best)
        if key != person.name_key and Participant.objects.filter(name_key=key).exists():
            continue  # another participant has that name: a possible duplicate, reported
        ParticipantAlias.objects.get_or_create(participant=person, name=person.name)
        person.aliases.filter(name__iexact=best).delete()
        person.name = best
        person.save(update_fields=["name"])
        renamed += 1
    return renamed
