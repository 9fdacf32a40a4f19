"""Why a file gives the facts it gives: `ingest --explain FILE` and the lines of `--dry-run`.

`explain_file` runs one file through the same reading, dating and extraction as ingest (the
database's calendar, aliases and known heads included) and writes nothing. Every fact is
printed with the rule that produced it and the sentence it was read from, and the round with
the candidates the decision weighed, so that a reader can tell why a fact was (or was not)
extracted without a debugger.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from articles.extraction.pipeline import supported_languages
from articles.extraction.types import ArticleText, DelegationFact, Evidence, Extraction
from articles.services.extraction_stage import Job, extract_batch
from articles.services.ingest import build_extractor

# Shown where an extraction module left a fact's rule empty: the fact is real, its rule is not
# recorded yet (a gap in the extraction modules, not in this report).
NO_RULE = "unrecorded"
INDENT = "    "


class CannotExplain(Exception):
    """The file cannot be read or holds no article; the message says why."""


def explain_file(path: str | Path, *, max_bytes: int | None = None) -> str:
    """The full account of what ingest would extract from one file, and by which rules."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CannotExplain(f"cannot read {path}: {error.strerror or error}") from None
    limit = max_bytes or settings.INGEST_MAX_BYTES
    (done,) = extract_batch(build_extractor(), [Job(path, data)], limit)
    if done.error:
        raise CannotExplain(f"{path}: {done.error}")
    assert done.text is not None and done.extraction is not None
    return explain(str(path), done.text, done.extraction)


def explain(name: str, article: ArticleText, extraction: Extraction) -> str:
    """The account of one extraction: language, date, round decision and every fact."""
    lines = [f"== {name}"]
    if article.title:
        lines.append(f"title: {article.title}")
    lines.append(f"language: {language_line(article.language)}")

    published = extraction.published
    if published is None:
        lines.append("date: unknown (no rule found a publication date)")
    else:
        lines.append(
            f"date: {published.value.isoformat()}  rule {rule_name(published.rule)}  "
            f"confidence {published.confidence:.2f}"
        )
        lines.append(sentence_line("line", published.evidence))

    link = extraction.round
    if link is None:
        if article.language in supported_languages():
            lines.append("round: none (no candidate was strong enough; facts need a round)")
            if extraction.round_candidates:
                lines.append("    candidates:")
                lines.extend(f"      - {line}" for line in extraction.round_candidates)
            else:
                lines.append("    candidates: none (no ordinal, count or date of a round)")
        else:
            lines.append("round: none (no rules for this language)")
    else:
        city = f"  city {link.city}" if link.city else ""
        lines.append(
            f"round: {link.number}  method {rule_name(link.method)}  "
            f"confidence {link.confidence:.2f}{city}"
        )
        lines.append(sentence_line("sentence", link.evidence))
        if link.candidates:
            lines.append(f"{INDENT}candidates:")
            lines.extend(f"{INDENT}  - {line}" for line in link.candidates)
        else:
            lines.append(f"{INDENT}candidates: (none recorded)")

    lines.append(f"delegations: {len(extraction.delegations) or 'none'}")
    for fact in extraction.delegations:
        lines.extend(delegation_lines(fact))
    lines.append(f"observers: {len(extraction.observers) or 'none'}")
    for fact in extraction.observers:
        lines.append(f"  - {fact.party}  rule {rule_name(fact.rule)}")
        lines.append(sentence_line("sentence", fact.evidence, INDENT * 2))
    lines.append(f"topics: {len(extraction.topics) or 'none'}")
    for fact in extraction.topics:
        lines.append(f"  - {fact.slug}  rule {rule_name(fact.rule)}")
        lines.append(sentence_line("sentence", fact.evidence, INDENT * 2))
    return "\n".join(lines)


def delegation_lines(fact: DelegationFact) -> list[str]:
    """A delegation: party and role, the presence rule and sentence, then the head as written,
    its title, the rule that named it and the sentence naming it."""
    lines = [
        f"  - {fact.party} ({fact.role})  presence rule {rule_name(fact.rule)}  "
        f"confidence {fact.confidence:.2f}",
        sentence_line("sentence", fact.evidence, INDENT * 2),
    ]
    if not fact.head:
        lines.append(f"{INDENT * 2}head: not named")
        return lines
    title = f" — {fact.head_title}" if fact.head_title else ""
    lines.append(f"{INDENT * 2}head as written: {fact.head}{title}")
    lines.append(f"{INDENT * 2}head rule: {rule_name(fact.head_rule)}")
    head_evidence = fact.head_evidence
    if head_evidence is not None and head_evidence != fact.evidence:
        lines.append(sentence_line("head sentence", head_evidence, INDENT * 2))
    else:
        lines.append(f"{INDENT * 2}head sentence: the same sentence")
    return lines


def describe(name: str, article: ArticleText | None, extraction: Extraction) -> str:
    """The short account `ingest --dry-run` prints: each fact with its rule in brackets."""
    lines = [f"== {name}"]
    if article is not None:
        if article.title:
            lines.append(f"   title: {article.title}")
        lines.append(f"   language: {language_line(article.language)}")
    published = extraction.published
    if published is None:
        lines.append("   published: unknown")
    else:
        lines.append(f"   published: {published.value.isoformat()} [{rule_name(published.rule)}]")
    link = extraction.round
    if link is None:
        lines.append("   round: none")
        return "\n".join(lines)
    lines.append(
        f"   round: {link.number} [{rule_name(link.method)}] (confidence {link.confidence:.2f})"
    )
    for fact in extraction.delegations:
        head = (
            f"{fact.head} — {fact.head_title} [{rule_name(fact.head_rule)}]"
            if fact.head
            else "head not named"
        )
        lines.append(f"   delegation: {fact.party} ({fact.role}) [{rule_name(fact.rule)}]: {head}")
    for fact in extraction.observers:
        lines.append(f"   observer: {fact.party} [{rule_name(fact.rule)}]")
    for fact in extraction.topics:
        lines.append(f"   topic: {fact.slug} [{rule_name(fact.rule)}]")
    return "\n".join(lines)


def language_line(code: str) -> str:
    if code in supported_languages():
        return code
    return f"{code} (no rules for this language: the date alone is extracted)"


def rule_name(rule: str) -> str:
    return rule or NO_RULE


def sentence_line(label: str, evidence: Evidence | None, indent: str = INDENT) -> str:
    """The evidence sentence on one line (its own line breaks folded), with its offsets."""
    if evidence is None or not evidence.sentence:
        return f"{indent}{label}: (none)"
    text = " ".join(evidence.sentence.split())
    return f"{indent}{label} [{evidence.start}:{evidence.end}]: “{text}”"
