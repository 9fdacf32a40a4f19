"""The spaCy pipeline and the `Extractor` the ingest service calls.

`build_nlp()` is `spacy.blank("en")` with, in order:

==================  ===========================================================================
component           sets
==================  ===========================================================================
astana_sentences    `Token.is_sent_start`: sentences and paragraph/line breaks (sentences.py)
astana_parties      `doc.spans["astana_parties"]`, `doc.spans["astana_parties_weak"]`
astana_topics       `doc.spans["astana_topics"]`
astana_rounds       `doc.spans["astana_rounds"]`
==================  ===========================================================================

With `model="en_core_web_sm"` (or another installed pipeline) the statistical pipeline is
loaded with everything but its NER removed, and PERSON entities add recall to the rule-based
name finder (a token inside a PERSON entity may be part of a name even if the rules would
not take it). The rules come first; the model only helps.

`Extractor` is built once per process (matchers compile once) and turns `ArticleText`
values into `Extraction` values; `extract_many` streams through `nlp.pipe(as_tuples=True)`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .data import load
from .known_people import KnownHeads, load_known_people
from .language_presence import add_language_presence
from .parties import PARTIES_COMPONENT, PartyExtractor, party_table, table_config
from .parties.heads_language import add_language_heads
from .ranks import refuse_senior_heads
from .rounds import ROUNDS_COMPONENT, attribute_sentences, decide_round, find_round_mentions
from .sentences import SENTENCES_COMPONENT, analyse_layout, tokens_of, use_source_text
from .titles import NameFinder
from .topics import TOPICS_COMPONENT, find_topics
from .types import (
    ArticleText,
    DateFinding,
    Evidence,
    Extraction,
    PartyInfo,
    PersonInfo,
    RoundInfo,
)

K = TypeVar("K")
T = TypeVar("T")

# A date read from an update stamp alone (or a top of page that disagrees with itself).
WEAK_DATE_CONFIDENCE = 0.7
_MODEL_KEEP = frozenset({"tok2vec", "transformer", "ner"})


def default_calendar() -> tuple[RoundInfo, ...]:
    """The rounds of the reference vocabulary (used when no calendar is passed)."""
    return tuple(
        RoundInfo(
            number=r["number"],
            start=date.fromisoformat(r["start"]),
            end=date.fromisoformat(r["end"]),
            city=r["city"],
        )
        for r in load("calendar")["rounds"]
    )


def build_nlp(
    model: str | None = None, parties: Sequence[PartyInfo] = (), lang: str = "en"
) -> Language:
    """The extraction pipeline: `spacy.blank(lang)` plus the rule components, or (English only)
    an installed statistical pipeline (`model`) reduced to its NER, plus the same components.

    Each component reads its word data for `nlp.lang` from the pattern files. `parties`
    (canonical names, roles and aliases from the database) are merged into the package's
    alias data for the party matcher.
    """
    if model and lang == "en":
        nlp = spacy.load(model)
        for name in list(nlp.pipe_names):
            if name not in _MODEL_KEEP:
                nlp.remove_pipe(name)
        nlp.add_pipe(SENTENCES_COMPONENT, first=True)
    else:
        nlp = spacy.blank(lang)
        nlp.add_pipe(SENTENCES_COMPONENT)
    nlp.add_pipe(PARTIES_COMPONENT, config={"parties": table_config(party_table(parties))})
    nlp.add_pipe(TOPICS_COMPONENT)
    nlp.add_pipe(ROUNDS_COMPONENT)
    return nlp


def supported_languages() -> frozenset[str]:
    """ISO 639-1 codes the rules have word data for (the `languages` of the pattern files)."""
    return frozenset(load("languages")["supported"])


def _person_tokens(doc: Doc) -> frozenset[int]:
    # Without entity annotation doc.ents is empty (and cheaper to ask than has_annotation).
    return frozenset(
        i for ent in doc.ents if ent.label_ == "PERSON" for i in range(ent.start, ent.end)
    )


class Extractor:
    """Extracts round, delegations, observers and topics from articles.

    Build it once per process: `Extractor(calendar=..., parties=..., model=None)`. One spaCy
    pipeline per language, each built the first time an article in that language comes;
    an article in a language without word data gets its date and no facts.
    """

    def __init__(
        self,
        calendar: Sequence[RoundInfo] | None = None,
        parties: Sequence[PartyInfo] = (),
        model: str | None = None,
        people: Sequence[PersonInfo] = (),
    ) -> None:
        rounds = tuple(calendar) if calendar else default_calendar()
        self.calendar: dict[int, RoundInfo] = {r.number: r for r in rounds}
        self.table = party_table(parties)
        self.people = tuple(people)
        self.languages = supported_languages()
        self._party_infos = tuple(parties)
        self._model = model
        self._pipelines: dict[str, Language] = {}
        self.parties = PartyExtractor(self.table)
        # The heads the archive knows (patterns/heads.json and the database's people).
        self.known_heads = KnownHeads(
            load_known_people(self.people), {name: p.role for name, p in self.table.items()}
        )
        self.nlp = self.pipeline("en")

    def pipeline(self, lang: str) -> Language:
        """The pipeline for `lang` (built once); English for languages without word data."""
        lang = lang if lang in self.languages else "en"
        nlp = self._pipelines.get(lang)
        if nlp is None:
            nlp = self._pipelines[lang] = build_nlp(self._model, self._party_infos, lang)
        return nlp

    def build_all(self, languages: Iterable[str] | None = None) -> None:
        """Build now what extraction builds the first time an article in a language comes:
        the pipeline and the matcher of known heads of English and of `languages` (None:
        every supported language; languages without word data use English's).

        Worker processes forked after this share them (copy-on-write) instead of each
        building its own: spaCy's French tokenizer alone takes over 2 s to build.
        """
        wanted = self.languages if languages is None else self.languages.intersection(languages)
        for lang in sorted(wanted | {"en"}):
            self.known_heads.matcher(self.pipeline(lang))

    def extract(self, article: ArticleText, published: date | DateFinding | None) -> Extraction:
        """Everything extracted from one article; `published` is its publication date (a
        `DateFinding` from dates.py, or a plain date, or None when unknown)."""
        return self._extract(self.pipeline(article.language)(article.text), article, published)

    def extract_many(
        self,
        items: Iterable[tuple[ArticleText, date | DateFinding | None, K]],
        batch_size: int = 64,
    ) -> Iterator[tuple[Extraction, K]]:
        """Stream (article, published, key) through `nlp.pipe`, one pipeline per language,
        in batches of `batch_size`; yields (extraction, key) in the order of `items`."""
        for batch in _batched(items, batch_size):
            by_lang: dict[str, list[int]] = {}
            for index, (article, _, _) in enumerate(batch):
                lang = article.language if article.language in self.languages else "en"
                by_lang.setdefault(lang, []).append(index)
            results: list[Extraction | None] = [None] * len(batch)
            for lang, indexes in by_lang.items():
                texts = (batch[i][0].text for i in indexes)
                docs = self.pipeline(lang).pipe(texts, batch_size=batch_size)
                for i, doc in zip(indexes, docs, strict=True):
                    article, published, _ = batch[i]
                    results[i] = self._extract(doc, article, published)
            for (_, _, key), extraction in zip(batch, results, strict=True):
                assert extraction is not None
                yield extraction, key

    def _extract(
        self, doc: Doc, article: ArticleText, published: date | DateFinding | None
    ) -> Extraction:
        if isinstance(published, DateFinding):
            finding: DateFinding | None = published
            when: date | None = published.value
        elif published is not None:
            finding = DateFinding(published, Evidence("", 0, 0), 1.0, rule="given")
            when = published
        else:
            finding, when = None, None
        if article.language not in self.languages:
            return Extraction(published=finding)  # no word data: the date alone
        use_source_text(doc, article.text)
        layout = analyse_layout(doc, article.title)
        mentions = find_round_mentions(doc, layout)
        weak = finding is not None and finding.confidence < WEAK_DATE_CONFIDENCE
        rejected: list[str] = []
        link = decide_round(doc, layout, mentions, when, self.calendar, weak, rejected)
        extraction = Extraction(published=finding, round=link)
        if link is None:
            extraction.round_candidates = tuple(rejected)
            return extraction
        roles = attribute_sentences(doc, layout, mentions, link, when, self.calendar)
        finder = NameFinder(tokens_of(doc), self.parties.party_tokens, _person_tokens(doc))
        # Published before its round opened: outcomes it reports in the past are earlier ones.
        info = self.calendar.get(link.number)
        upcoming = (
            when is not None and info is not None and info.start is not None and when < info.start
        )
        extraction.delegations, extraction.observers = self.parties.extract(
            doc, layout, roles, finder, upcoming
        )
        extraction.delegations, extraction.observers = add_language_presence(
            doc, doc.lang_, layout, roles, self.table, extraction.delegations, extraction.observers
        )
        # A minister or president the page does not say led a delegation heads none; the
        # check runs again after the known heads (the database may know a minister too).
        delegations = refuse_senior_heads(doc, layout, doc.lang_, extraction.delegations)
        delegations = self.known_heads.add_heads(
            doc, self.pipeline(doc.lang_), layout, roles, finder, link.number, delegations
        )
        # Other languages: a head named by structure where the archive knows nobody.
        delegations = add_language_heads(
            doc, doc.lang_, layout, roles, self.table, finder, delegations
        )
        extraction.delegations = refuse_senior_heads(doc, layout, doc.lang_, delegations)
        extraction.topics = find_topics(doc, roles, upcoming, info.city if info else link.city)
        return extraction


def _batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
