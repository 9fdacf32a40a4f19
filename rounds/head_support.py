"""Whose name the articles put at the head of a delegation, counted and quoted per person.

A delegation's mentions say that the party was there; some of them also name a head, and not
always the same one. `attach_head_support()` counts, for each delegation of a page, the articles
naming each person as head and keeps the best sentences for each, so the page can show the
support of the head it shows ("named as head in 2 of 44 articles") and every competing claim
("also named as head: X in 3 articles") with its sentences. After an editor changes a head,
the quotes shown are those naming the new head; with none, the page says an editor set it.

Two queries whatever the number of delegations: the counts with the best quotes (a window
ranks the mentions of each delegation and head), and the articles quoted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from articles.models import Article
from astana_site.views import day_label, url_maker
from rounds.models import Delegation, DelegationMention, Participant

ARTICLE_CARD_FIELDS = ("id", "title", "source_name", "publisher", "published")


@dataclass
class HeadClaim:
    """One person named as head of a delegation, by `articles` articles."""

    head: Participant | None
    articles: int
    quotes: list[DelegationMention] = field(default_factory=list)
    evidence_url: str = ""  # the delegation's evidence page narrowed to this head


@dataclass
class HeadSupport:
    """The claims about a delegation's head: the one shown and the others."""

    shown: HeadClaim  # the delegation's head (articles=0 when no article names them)
    competing: list[HeadClaim]
    unnamed: int  # articles that mention the delegation without naming a head
    set_by_editor: bool  # the head shown is an editor's, and no article names them
    editor_note: str = ""


def label_mentions(mentions: Iterable[Any]) -> None:
    """Give each mention its article (one query for all), the article's `url` and a `source`
    line ("Publisher, 2 Aug 2019")."""
    mentions = list(mentions)
    articles = Article.objects.only(*ARTICLE_CARD_FIELDS).in_bulk(
        {mention.article_id for mention in mentions}
    )
    article_url = url_maker("articles:article-detail", pk=0)
    for mention in mentions:
        article = mention.article = articles[mention.article_id]
        mention.url = article_url(pk=article.pk)
        mention.source = ", ".join(
            part
            for part in (article.publisher or str(article), day_label(article.published, "%b"))
            if part
        )


def head_quote(mention: DelegationMention) -> str:
    """The sentence that names the head: its own when it is not the mention's sentence."""
    return mention.head_sentence or mention.sentence


def editor_note(fact: Any) -> str:
    """The note an editor left on a fact, when the model keeps one."""
    for name in ("note", "editor_note", "reason"):
        value = getattr(fact, name, "")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def attach_head_support(
    delegations: list[Delegation],
    quotes: int = 3,
    evidence_url: Callable[[Delegation], str] | None = None,
    label: bool = True,
) -> list[DelegationMention]:
    """Set `delegation.head_support` (a HeadSupport) on each of `delegations`; return the
    quotes, which the caller labels with `label_mentions()` when `label` is False (to label
    them with its other mentions in one query)."""
    ids = [delegation.pk for delegation in delegations]
    if not ids:
        return []
    counts, ranked = read_head_claims(ids, quotes)
    best: dict[tuple[int, int], list[DelegationMention]] = {}
    heads: dict[int, Participant] = {}
    if label:
        label_mentions(ranked)
    for mention in ranked:
        mention.quote = head_quote(mention)
        best.setdefault((mention.delegation_id, mention.head_id), []).append(mention)
        heads[mention.head_id] = mention.head
    named = {person for by_head in counts.values() for person in by_head if person is not None}
    missing = named - heads.keys() - {d.head_id for d in delegations}
    if missing:  # only when no quote was asked for
        heads.update(Participant.objects.only("name", "slug").in_bulk(missing))
    for delegation in delegations:
        by_head = counts.get(delegation.pk, {})
        base_url = evidence_url(delegation) if evidence_url else ""
        head_id = delegation.head_id

        def claim(
            person_id: int | None,
            n: int,
            delegation: Delegation = delegation,
            base_url: str = base_url,
        ) -> HeadClaim:
            person = delegation.head if person_id == delegation.head_id else heads.get(person_id)
            return HeadClaim(
                head=person,
                articles=n,
                quotes=best.get((delegation.pk, person_id), []) if person_id else [],
                evidence_url=f"{base_url}?head={person.slug}" if base_url and person else "",
            )

        shown = claim(head_id, by_head.get(head_id, 0) if head_id else 0)
        competing = sorted(
            (
                claim(person_id, n)
                for person_id, n in by_head.items()
                if person_id is not None and person_id != head_id
            ),
            key=lambda c: (-c.articles, c.head.name if c.head else ""),
        )
        delegation.head_support = HeadSupport(
            shown=shown,
            competing=competing,
            unnamed=by_head.get(None, 0),
            set_by_editor=bool(head_id) and shown.articles == 0 and delegation.is_editorial,
            editor_note=editor_note(delegation),
        )
    return ranked


def read_head_claims(
    ids: list[int], quotes: int
) -> tuple[dict[int, dict[int | None, int]], list[DelegationMention]]:
    """For the delegations `ids`: the number of articles naming each head (None: naming
    nobody) by delegation, and the `quotes` most confident mentions naming each head (most
    confident first, then the oldest), their heads' names read with them.

    One statement: the counts grouped and the quotes ranked by a window, joined by UNION
    ALL. Written as SQL because Django rebuilt the two querysets (a windowed one wrapped in a
    subquery) on every request, which cost more than running them."""
    quote = connection.ops.quote_name
    mentions = quote(DelegationMention._meta.db_table)
    people = quote(Participant._meta.db_table)
    keys = ", ".join(["%s"] * len(ids))
    sql = (
        "SELECT 0 AS part, delegation_id, head_id, COUNT(DISTINCT article_id) AS n, "
        "NULL AS id, NULL AS article_id, NULL AS sentence, NULL AS head_sentence, "
        "NULL AS confidence, NULL AS head_as_written, NULL AS head_title, NULL AS name, "
        f"NULL AS slug FROM {mentions} WHERE delegation_id IN ({keys}) "
        "GROUP BY delegation_id, head_id"
    )
    params: list[Any] = list(ids)
    if quotes > 0:
        sql += (
            " UNION ALL SELECT 1, m.delegation_id, m.head_id, NULL, m.id, m.article_id, "
            "m.sentence, m.head_sentence, m.confidence, m.head_as_written, m.head_title, "
            "p.name, p.slug FROM (SELECT id, article_id, sentence, head_sentence, confidence, "
            "delegation_id, head_id, head_as_written, head_title, ROW_NUMBER() OVER "
            "(PARTITION BY delegation_id, head_id ORDER BY confidence DESC, id) AS position "
            f"FROM {mentions} WHERE delegation_id IN ({keys}) AND head_id IS NOT NULL) m "
            f"JOIN {people} p ON p.id = m.head_id WHERE m.position <= %s"
        )
        params += [*ids, quotes]
    sql += " ORDER BY part, delegation_id, confidence DESC, id"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    counts: dict[int, dict[int | None, int]] = {}
    ranked: list[DelegationMention] = []
    people_read: dict[int, Participant] = {}
    for part, delegation_id, head_id, n, *mention, name, slug in rows:
        if part == 0:
            counts.setdefault(delegation_id, {})[head_id] = n
            continue
        pk, article_id, sentence, head_sentence, confidence, as_written, title = mention
        head = people_read.get(head_id)
        if head is None:
            head = people_read[head_id] = Participant(pk=head_id, name=name, slug=slug)
        ranked.append(
            DelegationMention(
                pk=pk,
                article_id=article_id,
                sentence=sentence,
                head_sentence=head_sentence,
                confidence=confidence,
                delegation_id=delegation_id,
                head=head,
                head_as_written=as_written,
                head_title=title,
            )
        )
    return counts, ranked
