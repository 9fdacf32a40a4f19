"""Article search that knows the archive: people's spellings, phrases, snippets.

A query is read as words, "quoted phrases" and -excluded words. A word that names a person
the archive knows (any of their spellings, or one close to it: "Lavrentev") also finds the
other spellings of that name ("Lavrentiev", "Lavrentyev") and the articles that name the
person as head of a delegation, whatever the script. PostgreSQL answers with its full-text
index, ranks by the title and lead (each article's small rank vector, never its whole one)
and writes the snippet (ts_headline) for the rows shown; elsewhere a plain LIKE fallback, with
the snippet cut around the first match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import DatabaseError, connection
from django.db.models import Case, Exists, F, Func, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Greatest, Left, Lower, StrIndex, Substr
from django.db.models.query import ModelIterable
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import RANK_LEAD_CHARS, SEARCH_CONFIG
from rounds.aggregates import per_version

TOKEN = re.compile(r'(-?)"([^"]+)"?|(-?)(\S+)')
# A query word this close to a word of a known name (difflib's ratio), with the same first
# letter, is taken for a spelling of it: transliterations score 0.89-0.95 (Lavrentev and
# Lavrentiev 0.95, Jaafari and Jafari 0.92, Vershinin and Vershynin 0.89), other names of the
# archive far less (Lavrentiev and Lavrov 0.62). A spelling that differs in its first letter
# (Khaji, Haji) is found when the archive holds it as an alias.
SPELLING_SIMILARITY = 0.8
MIN_NAME_WORD = 4  # shorter words ("al", "bin") would match half the archive's names
SNIPPET_CHARS = 240
# Marks ts_headline puts around matches; control characters no article text contains once
# ingested, so the snippet can be escaped whole and the marks turned into <mark> after.
START, STOP = "\x02", "\x03"
# The order of ranked results: relevance, then the newest, then the latest stored.
RANKED_ORDER = ("-rank", "-published", "-pk")


@dataclass
class Term:
    """One part of a query: a word or a phrase, maybe excluded, with its other spellings."""

    text: str
    phrase: bool = False
    excluded: bool = False
    spellings: list[str] = field(default_factory=list)  # other spellings of a person's name
    people: set[int] = field(default_factory=set)  # people the word names

    @property
    def variants(self) -> list[str]:
        return [self.text, *self.spellings]


def parse(query: str) -> list[Term]:
    terms = []
    for quoted_minus, phrase, minus, word in TOKEN.findall(query):
        if phrase.strip():
            terms.append(Term(" ".join(phrase.split()), phrase=True, excluded=bool(quoted_minus)))
        elif word and word.strip("-\"'"):
            terms.append(Term(word.strip("\"'"), excluded=bool(minus)))
    return terms


def name_words(name: str) -> list[str]:
    return [word for word in re.findall(r"\w+", name) if len(word) >= MIN_NAME_WORD]


def similar(a: str, b: str) -> bool:
    a, b = a.casefold(), b.casefold()
    return a == b or (a[0] == b[0] and SequenceMatcher(None, a, b).ratio() >= SPELLING_SIMILARITY)


def add_spellings(terms: list[Term]) -> None:
    """Give each searched word that names a known person the other spellings of that word in
    the person's names, and the person. Every name and alias are read once per archive
    version."""
    words = [t for t in terms if not t.excluded and not t.phrase and len(t.text) >= MIN_NAME_WORD]
    if not words:
        return
    names = per_version("search:people-names", read_people_names)
    for term in words:
        for person, spellings in names.items():
            matches = {w for n in spellings for w in name_words(n) if similar(term.text, w)}
            if matches:
                term.people.add(person)
                term.spellings.extend(
                    w for w in sorted(matches) if w.casefold() != term.text.casefold()
                )
        term.spellings = list(dict.fromkeys(term.spellings))


def read_people_names() -> dict[int, list[str]]:
    """Every person's names (name and aliases) by person: one query, kept per archive
    version by add_spellings()."""
    from rounds.models import Participant, ParticipantAlias

    names: dict[int, list[str]] = {}
    # Both models order by name by default, which a UNION's parts may not.
    every_name = (
        Participant.objects.order_by()
        .values_list("pk", "name")
        .union(ParticipantAlias.objects.order_by().values_list("participant", "name"), all=True)
    )
    for pk, name in every_name:
        names.setdefault(pk, []).append(name)
    return names


def head_mentions(people: set[int]) -> QuerySet:
    """Mentions naming one of `people` as the head of a delegation no editor rejected."""
    from rounds.models import DelegationMention
    from rounds.provenance import EditorialState

    return DelegationMention.objects.filter(head__in=people).exclude(
        delegation__state=EditorialState.REJECTED
    )


def names_people(people: set[int]) -> Exists:
    """Articles naming one of `people` as the head of a delegation no editor rejected."""
    return Exists(head_mentions(people).filter(article=OuterRef("pk")))


def ts_query(term: Term) -> SearchQuery:
    kind = "phrase" if term.phrase else "plain"
    combined = None
    for text in term.variants:
        query = SearchQuery(text, search_type=kind, config=SEARCH_CONFIG)
        combined = query if combined is None else combined | query
    return combined


def headline(text: str | Func, query: SearchQuery) -> SearchHeadline:
    """The snippet: up to two fragments of `text` around the words of `query`, marked."""
    return SearchHeadline(
        text,
        query,
        config=SEARCH_CONFIG,
        start_sel=START,
        stop_sel=STOP,
        max_words=40,
        min_words=20,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


@contextmanager
def index_scans() -> Iterator[None]:
    """PostgreSQL: statements run inside are planned to find matches with the GIN index.

    The planner does not count what testing a search vector costs: each is read out of TOAST.
    For a word in most articles it prefers reading every row and testing its vector (about
    50 ms at 20,000 articles) to the index, which answers a plain word without reading any
    vector (about 7 ms). Scans of every row stay possible where nothing else answers (an
    excluded word alone): they are costed as the last resort, until the block ends.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            yield
        finally:
            with suppress(DatabaseError):  # in an aborted transaction, whose rollback undoes it
                cursor.execute("RESET enable_seqscan")


class IndexScannedIterable(ModelIterable):
    """The search results' rows, read under index_scans()."""

    def __iter__(self):
        with index_scans():
            yield from super().__iter__()


@dataclass
class Search:
    """A parsed query and what it matches; `apply()` filters, ranks and adds snippets."""

    query: str
    terms: list[Term] = field(default_factory=list)

    @classmethod
    def of(cls, query: str) -> Search:
        search = cls(query.strip(), parse(query))
        add_spellings(search.terms)
        return search

    @property
    def highlighted_words(self) -> list[str]:
        return [v for t in self.terms if not t.excluded for v in t.variants]

    def apply(self, articles: QuerySet) -> QuerySet:
        if not self.terms:
            return articles
        if connection.vendor == "postgresql":
            return self._postgresql(articles)
        return self._fallback(articles)

    def _postgresql(self, articles: QuerySet) -> QuerySet:
        condition = Q()
        ranked = None
        for term in self.terms:
            query = ts_query(term)
            if term.excluded:
                condition &= ~Q(search_document=query)
                continue
            matches = Q(search_document=query)
            if term.people:
                # One list of ids: the word's matches (from the GIN index) and the articles
                # naming the people. An OR of the two conditions tested every article's vector.
                words = articles.model.objects.filter(matches).order_by().values("pk")
                named = head_mentions(term.people).order_by().values("article_id")
                matches = Q(pk__in=words.union(named))
            condition &= matches
            ranked = query if ranked is None else ranked & query
        articles = articles.filter(condition)
        articles._iterable_class = IndexScannedIterable
        if ranked is None:
            return articles
        return (
            articles.alias(
                lead_document=Func(
                    F("rank_document"),
                    Value("{b}"),
                    function="ts_filter",
                    output_field=SearchVectorField(),
                )
            )
            .annotate(
                # The title and lead, not the whole text: ranking reads each match's vector, and
                # a small one is read from the row itself.
                rank=SearchRank(F("rank_document"), ranked),
                # Written for the rows shown only. From the lead when it holds the searched words
                # (the rank vector's B part says so): a quarter of the text to parse, or less.
                snippet_text=Case(
                    When(
                        lead_document=ranked, then=headline(Left("text", RANK_LEAD_CHARS), ranked)
                    ),
                    default=headline("text", ranked),
                ),
            )
            .order_by("-rank", "-published", "-pk")
        )

    def _fallback(self, articles: QuerySet) -> QuerySet:
        condition = Q()
        first: list[str] = []
        for term in self.terms:
            matches = Q()
            for text in term.variants:
                matches |= Q(title__icontains=text) | Q(text__icontains=text)
            if term.excluded:
                condition &= ~matches
                continue
            if term.people:
                matches |= Q(names_people(term.people))
            condition &= matches
            first = first or term.variants
        articles = articles.filter(condition)
        if not first:
            return articles
        # Where a spelling of the first term occurs (0 where none does): the snippet is cut
        # around it, so that another spelling than the one typed is shown, marked.
        found = [StrIndex(Lower("text"), Value(text.casefold())) for text in first]
        position = Greatest(*found) if len(found) > 1 else found[0]
        start = Greatest(position - SNIPPET_CHARS // 3, Value(1))
        return articles.annotate(
            snippet_text=Substr("text", start, SNIPPET_CHARS), snippet_from=start
        )

    def snippet(self, text: str | None, start: int | None = None) -> SafeString:
        """The snippet, escaped, with the searched words marked. `start` is where a cut one
        begins in the text (1: at its start): a cut is trimmed to whole words, with "…"."""
        if not text:
            return mark_safe("")
        if start is not None:
            cut_end = len(text) >= SNIPPET_CHARS
            if start > 1 and " " in text:
                text = "\u2026" + text.split(" ", 1)[1]
            if cut_end and " " in text:
                text = text.rsplit(" ", 1)[0] + "\u2026"
        text = " ".join(text.split())
        if START in text:
            html = escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
            return mark_safe(html)
        words = sorted(self.highlighted_words, key=len, reverse=True)
        if not words:
            return mark_safe(escape(text))
        pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
        parts, last = [], 0
        for match in pattern.finditer(text):
            parts += [escape(text[last : match.start()]), f"<mark>{escape(match.group())}</mark>"]
            last = match.end()
        parts.append(escape(text[last:]))
        return mark_safe("".join(parts))
