"""Print how the reader and the layout pass saw a page, sentence by sentence.

    python scripts/show_layout.py FILE...            # every sentence with its kind
    python scripts/show_layout.py --chrome FILE...   # only the sentences taken for chrome
    python scripts/show_layout.py --facts FILE...    # only the sentences facts came from
    python scripts/show_layout.py --chrome --facts FILE...   # both of these

For each file: the title the reader found, the language, the publication date and its rule,
then one line per sentence: its kind (headline, lead, body, chrome; "bg" for a
"Background:" section), its line and paragraph numbers, the facts taken from it (round,
date, party presence and heads, observers, topics) and its text on one line. Useful when a
page loses body text as chrome, reads a menu as body, or merges a stamp into a headline.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles.extraction.dates import find_publication_date  # noqa: E402
from articles.extraction.pipeline import Extractor  # noqa: E402
from articles.extraction.reader import UnreadableArticle, read_article  # noqa: E402
from articles.extraction.sentences import CHROME, analyse_layout, use_source_text  # noqa: E402
from articles.extraction.types import Evidence, Extraction  # noqa: E402

_KIND_LABELS = {"headline": "HEAD", "lead": "LEAD", "body": "body", "chrome": "----"}


def fact_labels(extraction: Extraction) -> list[tuple[Evidence, str]]:
    """Every fact of `extraction` with the evidence it cites, as (evidence, short label)."""
    labels: list[tuple[Evidence, str]] = []
    if extraction.published is not None:
        published = extraction.published
        labels.append((published.evidence, f"date {published.value} ({published.rule})"))
    if extraction.round is not None and extraction.round.evidence is not None:
        link = extraction.round
        labels.append((link.evidence, f"round {link.number} ({link.method})"))
    for fact in extraction.delegations:
        labels.append((fact.evidence, f"{fact.party} [{fact.rule}]"))
        if fact.head:
            labels.append(
                (
                    fact.head_evidence or fact.evidence,
                    f"head {fact.party}={fact.head} [{fact.head_rule}]",
                )
            )
    for observer in extraction.observers:
        labels.append((observer.evidence, f"observer {observer.party} [{observer.rule}]"))
    for topic in extraction.topics:
        labels.append((topic.evidence, f"topic {topic.slug} [{topic.rule}]"))
    return labels


def show(path: Path, extractor: Extractor, only: set[str]) -> None:
    try:
        article = read_article(path.read_bytes(), path.name)
    except UnreadableArticle as error:
        print(f"== {path.name}: refused: {error}")
        return
    finding = find_publication_date(article)
    extraction = extractor.extract(article, finding)
    doc = extractor.pipeline(article.language)(article.text)
    use_source_text(doc, article.text)
    layout = analyse_layout(doc, article.title)
    facts: dict[int, list[str]] = defaultdict(list)
    for evidence, label in fact_labels(extraction):
        if evidence.end <= evidence.start:
            continue
        for sent in layout.sents:
            if sent.start_char < evidence.end and evidence.start < sent.end_char:
                facts[sent.index].append(label)
                break
        else:
            facts[-1].append(label)  # cited outside every sentence (a title from markup)
    print(f"== {path.name}  lang={article.language}  title={article.title!r}")
    if extraction.round is None:
        print("   no round:", "; ".join(extraction.round_candidates[:3]))
    for label in facts.get(-1, []):
        print(f"   (outside the text) {label}")
    for sent in layout.sents:
        chrome_shown = CHROME in only and sent.kind == CHROME
        if only and not (chrome_shown or ("facts" in only and sent.index in facts)):
            continue
        kind = _KIND_LABELS.get(sent.kind, sent.kind) + ("/bg" if sent.background else "")
        text = " ".join(layout.text_of(doc, sent).split())
        print(f"{kind:8} L{sent.line:<3} P{sent.paragraph:<3} {text[:160]}")
        for label in facts.get(sent.index, []):
            print(f"{'':18}=> {label}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--chrome", action="store_true", help="only sentences read as chrome")
    parser.add_argument("--facts", action="store_true", help="only sentences facts came from")
    args = parser.parse_args()
    # Both flags: the chrome and the sentences facts came from (what a page lost, what it gave).
    only = {name for name, wanted in ((CHROME, args.chrome), ("facts", args.facts)) if wanted}
    extractor = Extractor()
    for path in args.files:
        show(path, extractor, only)


if __name__ == "__main__":
    main()
