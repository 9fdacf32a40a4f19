"""Data builders for the public pages' tests.

The vocabulary migration already holds the 22 rounds, the parties and the topics; these
helpers add articles, people and facts (with the mentions that support them) on top.
"""

from __future__ import annotations

import hashlib
import itertools
from datetime import date, timedelta

import pytest

from articles.models import Article, RoundLinkMethod
from rounds.models import (
    Delegation,
    DelegationMention,
    Observer,
    ObserverMention,
    Participant,
    ParticipantAlias,
    Party,
    Role,
    Round,
    RoundTopic,
    Topic,
    TopicMention,
)
from rounds.provenance import EditorialState

_serial = itertools.count(1)


def offsets(article: Article | None, sentence: str) -> dict:
    """start/end of `sentence` in the article text (0, 0 when absent)."""
    if article is None:
        return {"start": 0, "end": 0}
    start = article.text.find(sentence)
    if start < 0:
        return {"start": 0, "end": 0}
    return {"start": start, "end": start + len(sentence)}


class Build:
    """Creates rows the way ingest and editors would, one call per fact."""

    def round(self, number: int) -> Round:
        return Round.objects.get(number=number)

    def party(self, slug: str) -> Party:
        return Party.objects.get(slug=slug)

    def topic(self, slug: str) -> Topic:
        return Topic.objects.get(slug=slug)

    def participant(self, name: str, *aliases: str) -> Participant:
        person = Participant.objects.create(name=name)
        for alias in aliases:
            ParticipantAlias.objects.create(participant=person, name=alias)
        return person

    def article(
        self,
        text: str = "The talks went on.",
        *,
        title: str = "",
        round: int | None = None,
        publisher: str = "Example News",
        published: date | None = date(2019, 8, 2),
        language: str = "en",
        round_sentence: str = "",
        round_state: str = EditorialState.EXTRACTED,
        published_sentence: str = "",
    ) -> Article:
        n = next(_serial)
        article = Article(
            source_path=f"/corpus/test-{n}.txt",
            source_name=f"test-{n}.txt",
            content_hash=hashlib.sha256(f"{n}:{text}".encode()).hexdigest(),
            title=title or f"Article {n}",
            publisher=publisher,
            published=published,
            published_sentence=published_sentence,
            language=language,
            text=text,
            round=self.round(round) if round else None,
            round_method=RoundLinkMethod.ORDINAL if round else RoundLinkMethod.NONE,
            round_state=round_state,
            round_sentence=round_sentence,
        )
        if round_sentence and round_sentence in text:
            article.round_start = text.index(round_sentence)
            article.round_end = article.round_start + len(round_sentence)
        article.save()
        Article.objects.filter(pk=article.pk).refresh_search_documents()
        return article

    def delegation(
        self,
        round: int,
        party: str,
        head: Participant | None = None,
        *,
        title: str = "",
        role: str | None = None,
        state: str = EditorialState.EXTRACTED,
        article: Article | None = None,
        sentence: str = "",
    ) -> Delegation:
        party_row = self.party(party)
        delegation = Delegation.objects.create(
            round=self.round(round),
            party=party_row,
            role=role or party_row.default_role,
            head=head,
            head_title=title,
            state=state,
        )
        if article is not None:
            DelegationMention.objects.create(
                delegation=delegation,
                article=article,
                sentence=sentence,
                head=head,
                head_title=title,
                **offsets(article, sentence),
            )
        return delegation

    def observer(
        self,
        round: int,
        party: str,
        *,
        state: str = EditorialState.EXTRACTED,
        article: Article | None = None,
        sentence: str = "",
    ) -> Observer:
        observer = Observer.objects.create(
            round=self.round(round), party=self.party(party), state=state
        )
        if article is not None:
            ObserverMention.objects.create(
                observer=observer, article=article, sentence=sentence, **offsets(article, sentence)
            )
        return observer

    def round_topic(
        self,
        round: int,
        topic: str,
        *,
        state: str = EditorialState.EXTRACTED,
        articles: list[tuple[Article, str]] = (),
    ) -> RoundTopic:
        round_topic = RoundTopic.objects.create(
            round=self.round(round), topic=self.topic(topic), state=state
        )
        for article, sentence in articles:
            TopicMention.objects.create(
                round_topic=round_topic,
                article=article,
                sentence=sentence,
                **offsets(article, sentence),
            )
        return round_topic


@pytest.fixture
def build(db) -> Build:
    return Build()


ROUND_13_TEXT = (
    "NUR-SULTAN, 2 August 2019. The 13th round of the Astana talks on Syria ended today.\n\n"
    "The Russian delegation was headed by Alexander Lavrentiev, the Russian presidential "
    "envoy for Syria.\n"
    "Iran's delegation was led by Ali Asghar Khaji, senior assistant to the foreign minister.\n"
    "Lebanon and Iraq attended the talks as observers for the first time.\n"
    "The parties discussed the situation in Idlib and the <Constitutional Committee> & more.\n"
)


@pytest.fixture
def archive(build: Build) -> dict:
    """A small archive around round 13: two guarantors, observers, topics, one rejected fact
    of each kind, an article with every fact marked in its text, and an unlinked article."""
    lavrentiev = build.participant("Alexander Lavrentiev", "Alexander Lavrentyev")
    khaji = build.participant("Ali Asghar Khaji", "Ali Asghar Haji", "Ali Asgahr Khaji")
    jaafari = build.participant("Bashar al-Jaafari", "Bashar Jaafari")
    report = build.article(
        ROUND_13_TEXT,
        title="Astana talks: 13th round ends in Nur-Sultan",
        round=13,
        publisher="Kazinform",
        published=date(2019, 8, 2),
        round_sentence="The 13th round of the Astana talks on Syria ended today.",
        published_sentence="NUR-SULTAN, 2 August 2019.",
    )
    earlier = build.article(
        "The 12th round opened in Nur-Sultan with the guarantors and Jordan.",
        title="Twelfth round opens",
        round=12,
        publisher="TASS",
        published=date(2019, 4, 25),
    )
    unlinked = build.article(
        "Presidents of Russia, Iran and Turkey met in Ankara to discuss Syria.",
        title="Ankara summit on Syria",
        publisher="Anadolu",
        published=date(2019, 9, 16),
        language="en",
    )
    russia = build.delegation(
        13,
        "russia",
        lavrentiev,
        title="Russian presidential envoy for Syria",
        state=EditorialState.CONFIRMED,
        article=report,
        sentence="The Russian delegation was headed by Alexander Lavrentiev, the Russian "
        "presidential envoy for Syria.",
    )
    iran = build.delegation(
        13,
        "iran",
        khaji,
        title="senior assistant to the foreign minister",
        article=report,
        sentence="Iran's delegation was led by Ali Asghar Khaji, senior assistant to the "
        "foreign minister.",
    )
    build.delegation(12, "russia", lavrentiev, title="envoy", state=EditorialState.CONFIRMED)
    build.delegation(12, "iran", khaji, article=earlier, sentence="with the guarantors")
    rejected_delegation = build.delegation(
        13, "united-states", jaafari, role=Role.OBSERVER, state=EditorialState.REJECTED
    )
    lebanon = build.observer(
        13,
        "lebanon",
        article=report,
        sentence="Lebanon and Iraq attended the talks as observers for the first time.",
    )
    build.observer(
        13,
        "iraq",
        state=EditorialState.CONFIRMED,
        article=report,
        sentence="Lebanon and Iraq attended the talks as observers for the first time.",
    )
    build.observer(12, "jordan", article=earlier, sentence="with the guarantors and Jordan")
    rejected_observer = build.observer(13, "united-states", state=EditorialState.REJECTED)
    idlib = build.round_topic(
        13,
        "idlib",
        articles=[
            (
                report,
                "The parties discussed the situation in Idlib and the <Constitutional "
                "Committee> & more.",
            )
        ],
    )
    build.round_topic(
        13,
        "constitutional-committee",
        state=EditorialState.CONFIRMED,
        articles=[
            (
                report,
                "The parties discussed the situation in Idlib and the <Constitutional "
                "Committee> & more.",
            )
        ],
    )
    rejected_topic = build.round_topic(13, "sanctions", state=EditorialState.REJECTED)
    return {
        "lavrentiev": lavrentiev,
        "khaji": khaji,
        "jaafari": jaafari,
        "report": report,
        "earlier": earlier,
        "unlinked": unlinked,
        "russia": russia,
        "iran": iran,
        "lebanon": lebanon,
        "idlib": idlib,
        "rejected_delegation": rejected_delegation,
        "rejected_observer": rejected_observer,
        "rejected_topic": rejected_topic,
    }


GRID_PARTIES = ("russia", "iran", "turkey", "syrian-government", "syrian-opposition")
GRID_TOPICS = ("idlib", "ceasefire", "constitutional-committee", "humanitarian-aid")


@pytest.fixture
def many_rows(db) -> dict:
    """Enough rows that a per-row query would show: every round with five delegations, two
    observers and four topics, 130 articles (three pages) each supporting facts, 120 people."""
    rounds = list(Round.objects.order_by("number"))
    parties = {p.slug: p for p in Party.objects.all()}
    topics = {t.slug: t for t in Topic.objects.all()}
    people = Participant.objects.bulk_create(
        Participant(name=f"Person {n:03d}", slug=f"person-{n:03d}") for n in range(120)
    )
    ParticipantAlias.objects.bulk_create(
        ParticipantAlias(participant=person, name=f"P. {person.name}") for person in people
    )
    articles = Article.objects.bulk_create(
        Article(
            source_path=f"/bulk/{n}.txt",
            source_name=f"{n}.txt",
            content_hash=f"{n:064x}",
            title=f"Bulk report {n} on the Syria talks",
            publisher=f"Publisher {n % 7}",
            published=date(2017, 1, 20) + timedelta(days=20 * n),
            language="en" if n % 5 else "ru",
            text=f"Report {n}. The delegation was headed by Person {n % 120:03d}. Idlib.",
            round=rounds[n % len(rounds)] if n % 9 else None,
        )
        for n in range(130)
    )
    Article.objects.all().refresh_search_documents()
    delegations, observers, round_topics = [], [], []
    for i, round_ in enumerate(rounds):
        for j, slug in enumerate(GRID_PARTIES):
            delegations.append(
                Delegation(
                    round=round_,
                    party=parties[slug],
                    role=parties[slug].default_role,
                    head=people[(i * 5 + j) % len(people)],
                    head_title="Head",
                    state=EditorialState.EXTRACTED if j % 2 else EditorialState.CONFIRMED,
                )
            )
        for slug in ("jordan", "unhcr"):
            observers.append(Observer(round=round_, party=parties[slug]))
        for slug in GRID_TOPICS:
            round_topics.append(RoundTopic(round=round_, topic=topics[slug]))
    Delegation.objects.bulk_create(delegations)
    Observer.objects.bulk_create(observers)
    RoundTopic.objects.bulk_create(round_topics)
    DelegationMention.objects.bulk_create(
        DelegationMention(
            delegation=delegation,
            article=articles[(k * 3 + m) % len(articles)],
            sentence="The delegation was headed by someone.",
            head=delegation.head,
        )
        for k, delegation in enumerate(delegations)
        for m in range(3)
    )
    ObserverMention.objects.bulk_create(
        ObserverMention(observer=o, article=articles[k % len(articles)], sentence="Observers.")
        for k, o in enumerate(observers)
    )
    TopicMention.objects.bulk_create(
        TopicMention(round_topic=rt, article=articles[(k + m) % len(articles)], sentence="Idlib.")
        for k, rt in enumerate(round_topics)
        for m in range(k % 6)
    )
    return {"articles": articles, "people": people}
