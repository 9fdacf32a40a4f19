"""Traceable facts: `ingest --explain FILE`, the rules in `--dry-run`, the rules stored with the
evidence, the summary of languages without rules, and the known heads handed to extraction."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from articles.extraction.types import (
    ArticleText,
    DateFinding,
    DelegationFact,
    Evidence,
    Extraction,
    ObserverFact,
    RoundLink,
    TopicFact,
)
from articles.models import Article
from articles.services.explain import NO_RULE, describe, explain
from articles.services.extraction_stage import Job, extract_batch
from articles.services.facts import FactCache, FactWriter
from articles.services.ingest import (
    DRY_RUN,
    NEW,
    FileOutcome,
    IngestReport,
    build_extractor,
    extractor_config,
)
from rounds.models import (
    Delegation,
    DelegationMention,
    ObserverMention,
    Participant,
    ParticipantAlias,
    Party,
    Round,
    TopicMention,
)
from rounds.provenance import EditorialState
from tests.ingest.conftest import ROUND_14, write

pytestmark = pytest.mark.django_db

# A made-up extraction whose every fact carries a rule, the head named in a later sentence.
TEXT = (
    "The 14th round of talks opened on Tuesday. Russia and Iran attended. "
    "Moscow's envoy Alexander Lavrentiev led the Russian side. Jordan observed. "
    "Idlib was discussed."
)


def evidence(sentence: str) -> Evidence:
    start = TEXT.index(sentence)
    return Evidence(sentence, start, start + len(sentence))


ROUND_SENTENCE = evidence("The 14th round of talks opened on Tuesday.")
PRESENCE = evidence("Russia and Iran attended.")
HEAD = evidence("Moscow's envoy Alexander Lavrentiev led the Russian side.")
CANDIDATES = ("14: ordinal in the lead, won", "13: calendar date, lost to the ordinal")


def ruled_extraction() -> Extraction:
    return Extraction(
        published=DateFinding(date(2019, 12, 10), ROUND_SENTENCE, 0.9, rule="date:test-lead"),
        round=RoundLink(14, "ordinal", "Nur-Sultan", ROUND_SENTENCE, 0.95, CANDIDATES),
        delegations=[
            DelegationFact(
                "Russia",
                "guarantor",
                "Alexander Lavrentiev",
                "envoy",
                PRESENCE,
                0.9,
                rule="presence:test-list",
                head_rule="head:test-led",
                head_evidence=HEAD,
            ),
            DelegationFact("Iran", "guarantor", None, "", PRESENCE, 0.8, rule="presence:test-list"),
        ],
        observers=[ObserverFact("Jordan", evidence("Jordan observed."), 0.9, rule="obs:test")],
        topics=[TopicFact("idlib", evidence("Idlib was discussed."), 0.9, rule="topic:test")],
    )


def article_text(language: str = "en") -> ArticleText:
    return ArticleText(text=TEXT, title="Talks open", language=language)


def line_with(output: str, *parts: str) -> str:
    """The one line of `output` holding all `parts` (fails when none does)."""
    found = [line for line in output.splitlines() if all(part in line for part in parts)]
    assert found, f"no line with {parts} in:\n{output}"
    return found[0]


# --- The account of one extraction ------------------------------------------------------


def test_explain_gives_every_decision_with_its_rule_and_sentence():
    output = explain("a.txt", article_text(), ruled_extraction())
    assert line_with(output, "language:", "en")
    line_with(output, "date: 2019-12-10", "rule date:test-lead")
    line_with(output, "round: 14", "method ordinal", "city Nur-Sultan")
    # The round's candidates, in the order the extraction gave them.
    positions = [output.index(f"- {line}") for line in CANDIDATES]
    assert positions == sorted(positions)
    line_with(output, "Russia (guarantor)", "presence rule presence:test-list")
    line_with(output, "head as written: Alexander Lavrentiev — envoy")
    line_with(output, "head rule: head:test-led")
    line_with(output, "head sentence", HEAD.sentence, f"[{HEAD.start}:{HEAD.end}]")
    line_with(output, "Iran (guarantor)", "presence rule presence:test-list")
    line_with(output, "head: not named")
    line_with(output, "- Jordan", "rule obs:test")
    line_with(output, "- idlib", "rule topic:test")
    line_with(output, "Idlib was discussed.")


def test_explain_says_so_when_a_rule_or_the_candidates_were_not_recorded():
    bare = Extraction(
        published=None,
        round=RoundLink(14, "ordinal", None, ROUND_SENTENCE, 0.9),
        observers=[ObserverFact("Jordan", evidence("Jordan observed."), 0.9)],
    )
    output = explain("a.txt", article_text(), bare)
    line_with(output, "date: unknown")
    line_with(output, "candidates: (none recorded)")
    line_with(output, "- Jordan", f"rule {NO_RULE}")


def test_explain_names_a_language_without_rules():
    output = explain("a.txt", article_text("uz"), Extraction())
    line_with(output, "language: uz", "no rules")
    line_with(output, "round: none", "no rules for this language")


def test_dry_run_lines_carry_each_rule():
    output = describe("a.txt", article_text(), ruled_extraction())
    line_with(output, "published: 2019-12-10 [date:test-lead]")
    line_with(output, "round: 14 [ordinal]")
    line_with(output, "delegation: Russia", "[presence:test-list]", "[head:test-led]")
    line_with(output, "delegation: Iran", "[presence:test-list]", "head not named")
    line_with(output, "observer: Jordan [obs:test]")
    line_with(output, "topic: idlib [topic:test]")


# --- The command ------------------------------------------------------------------------


def extracted(path: Path) -> Extraction:
    """What ingest extracts from `path`, the way ingest does it."""
    (done,) = extract_batch(
        build_extractor(), [Job(path, path.read_bytes())], settings.INGEST_MAX_BYTES
    )
    assert done.extraction is not None
    return done.extraction


def test_explain_command_prints_the_file_and_writes_nothing(tmp_path, ingest):
    path = write(tmp_path, "r14.txt", ROUND_14)
    code, out, _ = ingest("--explain", path)
    assert code == 0
    assert Article.objects.count() == 0 and DelegationMention.objects.count() == 0
    result = extracted(path)
    assert result.round is not None and result.published is not None
    line_with(out, "language: en")
    line_with(
        out,
        f"date: {result.published.value.isoformat()}",
        f"rule {result.published.rule or NO_RULE}",
    )
    line_with(out, f"round: {result.round.number}", f"method {result.round.method}")
    assert result.delegations
    for fact in result.delegations:
        line_with(out, f"{fact.party} ({fact.role})", f"presence rule {fact.rule or NO_RULE}")
        if fact.head:
            line_with(out, f"head as written: {fact.head}")
    for fact in result.observers:
        line_with(out, f"- {fact.party}", f"rule {fact.rule or NO_RULE}")
    for fact in result.topics:
        line_with(out, f"- {fact.slug}", f"rule {fact.rule or NO_RULE}")


def test_explain_command_refuses_a_missing_file_and_extra_paths(tmp_path, ingest):
    code, _, err = ingest("--explain", tmp_path / "missing.txt")
    assert code != 0 and "cannot read" in err
    path = write(tmp_path, "r14.txt", ROUND_14)
    code, _, err = ingest("--explain", path, path)
    assert code != 0 and "--explain takes one FILE" in err


def test_dry_run_command_prints_the_rule_of_each_fact(tmp_path, ingest):
    path = write(tmp_path, "r14.txt", ROUND_14)
    code, out, _ = ingest("--dry-run", path)
    assert code == 0
    for fact in extracted(path).delegations:
        line_with(out, f"delegation: {fact.party}", f"[{fact.rule or NO_RULE}]")


# --- Rules stored with the evidence -----------------------------------------------------


def test_rules_are_stored_with_the_evidence():
    article = Article.objects.create(
        source_path="/in/a.txt", source_name="a.txt", content_hash="a" * 64, text=TEXT
    )
    extraction = ruled_extraction()
    writer = FactWriter(FactCache.load())
    writer.link_round(article, extraction.round)
    article.save()
    writer.replace_facts(article, extraction, is_new=True)

    article.refresh_from_db()
    assert article.round_candidate_lines == list(CANDIDATES)
    russia = DelegationMention.objects.get(article=article, delegation__party__name="Russia")
    assert (russia.rule, russia.head_rule) == ("presence:test-list", "head:test-led")
    assert (russia.head_sentence, russia.head_start, russia.head_end) == (
        HEAD.sentence,
        HEAD.start,
        HEAD.end,
    )
    iran = DelegationMention.objects.get(article=article, delegation__party__name="Iran")
    assert (iran.rule, iran.head_rule, iran.head_sentence) == ("presence:test-list", "", "")
    assert ObserverMention.objects.get(article=article).rule == "obs:test"
    assert TopicMention.objects.get(article=article).rule == "topic:test"


def test_ingest_stores_the_rules_extraction_gave(tmp_path, ingest):
    path = write(tmp_path, "r14.txt", ROUND_14)
    result = extracted(path)
    assert ingest(path)[0] == 0
    article = Article.objects.get()
    assert article.published_rule == (result.published.rule if result.published else "")
    assert article.round_candidate_lines == list(result.round.candidates)
    stored = dict(DelegationMention.objects.values_list("delegation__party__name", "rule"))
    assert stored == {fact.party: fact.rule for fact in result.delegations}


# --- The run summary --------------------------------------------------------------------


def test_summary_counts_articles_in_languages_without_rules():
    report = IngestReport()
    for name, language in [("a", "en"), ("b", "uz"), ("c", "uz"), ("d", "und"), ("e", "ru")]:
        report.record(FileOutcome(name, NEW, language=language))
    report.record(FileOutcome("f", DRY_RUN, language="pl"))
    assert report.summary().endswith(
        "; 4 articles in languages without rules: uz (2), und (1), pl (1)"
    )


def test_summary_is_silent_when_every_language_has_rules():
    report = IngestReport()
    report.record(FileOutcome("a", NEW, language="en"))
    assert "without rules" not in report.summary()


KAZAKH_PAGE = """<html lang="kk"><head><title>Келіссөздер</title></head><body><article>
<p>Астанада Сирия бойынша келіссөздердің кезекті раунды өтті. Қазақстан Сыртқы істер
министрлігі кездесудің қорытындысы туралы мәлімдеме жасады.</p>
<p>Кездесуге кепілгер елдердің делегациялары мен бақылаушылар қатысты. Тараптар гуманитарлық
көмек пен тұтқындарды босату мәселелерін талқылады.</p>
<p>Келесі кездесу күзде өтеді деп күтілуде. Министрлік барлық тараптарға алғыс білдірді.</p>
</article></body></html>"""


def test_ingest_summary_line_counts_the_run(tmp_path, ingest):
    write(tmp_path, "r14.txt", ROUND_14)
    write(tmp_path, "kk.html", KAZAKH_PAGE)
    code, out, _ = ingest(tmp_path)
    assert code == 0
    # Whatever language detection makes of the page, the summary counts what was stored.
    unsupported = [a.language for a in Article.objects.all() if not a.has_extraction_rules]
    if unsupported:
        (language,) = unsupported
        assert f"; 1 article in languages without rules: {language} (1)" in out
    else:
        assert "without rules" not in out


# --- Known heads into extraction --------------------------------------------------------


def test_heads_editors_vouched_for_reach_the_extractor_with_every_spelling_and_round():
    russia, iran = Party.objects.get(name="Russia"), Party.objects.get(name="Iran")
    envoy = Participant.objects.create(name="Alexander Lavrentiev")
    ParticipantAlias.objects.create(participant=envoy, name="Александр Лаврентьев")
    ParticipantAlias.objects.create(
        participant=envoy, name="ألكسندر لافرنتييف", added_by_editor=True
    )
    for number, state in ((14, EditorialState.CONFIRMED), (12, EditorialState.CHANGED)):
        Delegation.objects.create(
            round=Round.objects.get(number=number),
            party=russia,
            role="guarantor",
            head=envoy,
            state=state,
        )
    # A head only extraction found is not handed on: facts must not depend on ingest order.
    found = Participant.objects.create(name="Found By Extraction")
    Delegation.objects.create(
        round=Round.objects.get(number=15), party=iran, role="guarantor", head=found
    )
    rejected = Participant.objects.create(name="Someone Rejected")
    Delegation.objects.create(
        round=Round.objects.get(number=14),
        party=iran,
        role="guarantor",
        head=rejected,
        state=EditorialState.REJECTED,
    )
    Delegation.objects.create(round=Round.objects.get(number=13), party=iran, role="guarantor")

    config = extractor_config()
    (person,) = config.people
    assert (person.name, person.party, person.rounds) == (
        "Alexander Lavrentiev",
        "Russia",
        (12, 14),
    )
    assert set(person.aliases) == {"Александр Лаврентьев", "ألكسندر لافرنتييف"}
    assert config.build().people == config.people


def test_explain_lists_the_candidates_that_fell_short_when_no_round_wins(tmp_path):
    # A month in the text makes every round held that month a candidate; a summit in the
    # headline weighs them all down: none is chosen, and the explanation says which were
    # considered and why they lost.
    path = write(
        tmp_path,
        "summit.txt",
        "Presidents of Russia, Iran and Turkey meet at a summit in Ankara\n\n"
        "The leaders of the three guarantor countries of the Astana process met in Ankara "
        "in July and spoke about the situation in Syria.\n",
    )
    (done,) = extract_batch(build_extractor(), [Job(path, path.read_bytes())], 10**6)
    assert done.extraction.round is None
    assert done.extraction.round_candidates, "the rejected candidates are kept"
    output = explain(path.name, done.text, done.extraction)
    line_with(output, "round: none")
    line_with(output, "- round 5:", "month", "below")
