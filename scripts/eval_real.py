"""Score the extractor on the real development pages (`../shared/corpus/real`), in process.

    python scripts/eval_real.py                  # the tuning part (English, two files in three)
    python scripts/eval_real.py --part heldout   # the English third set aside (every third file)
    python scripts/eval_real.py --part other     # the pages in other languages
    python scripts/eval_real.py --part all --misses --lang ru
    python scripts/eval_real.py --corpus tests/fixtures/crawled   # our own crawled-style pages

The split is fixed before any tuning: the English pages sorted by file name, and every third
of them (the 3rd, 6th, ...) is set aside. Its scores are our honest estimate for unseen pages,
read once at the end of a round of work, never used to choose a rule. Our own crawled-style
sets (`--corpus DIR`, any folder with a gold.json) are split by file number instead: even
numbers to tune on, odd numbers set aside (`--part heldout`), in every language.
This scores extractions directly (no database): heads as written, not canonical names.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles.extraction.dates import find_publication_date  # noqa: E402
from articles.extraction.evaluation import (  # noqa: E402
    development_split,
    extraction_to_item,
    numbered_split,
    score,
)
from articles.extraction.pipeline import Extractor  # noqa: E402
from articles.extraction.reader import UnreadableArticle, read_article  # noqa: E402

SHARED = Path(os.environ.get("ASTANA_SHARED_DIR") or ROOT.parent / "shared")
REAL = SHARED / "corpus" / "real"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=["tune", "heldout", "other", "all"], default="tune")
    parser.add_argument("--lang", help="only pages in this language (ISO 639-1)")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=REAL,
        help="a folder of pages with its gold.json (default: ../shared/corpus/real)",
    )
    parser.add_argument("--misses", action="store_true", help="print every miss")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--model", help="an installed spaCy pipeline (as SPACY_MODEL)")
    parser.add_argument(
        "--gold-language",
        action="store_true",
        help="take each page's language from gold instead of detecting it",
    )
    args = parser.parse_args()

    corpus = args.corpus
    entries = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))["articles"]
    parts = development_split(entries) if corpus == REAL else numbered_split(entries)
    chosen = entries if args.part == "all" else parts[args.part]
    if args.lang:
        chosen = [e for e in chosen if e.get("language", "en") == args.lang]
    extractor = Extractor(model=args.model)
    items = []
    for entry in chosen:
        path = corpus / entry["source"]
        try:
            article = read_article(path.read_bytes(), path.name)
        except UnreadableArticle as error:
            print(f"refused: {entry['source']}: {error}")
            continue
        if args.gold_language:
            article = dataclasses.replace(article, language=entry.get("language", "en"))
        items.append((article, find_publication_date(article), entry["source"]))
    predicted = [extraction_to_item(s, x) for x, s in extractor.extract_many(items)]
    report = score(predicted, {"articles": chosen})
    if args.json:
        print(json.dumps(report.as_dict(), indent=1))
        return
    for name, field in report.fields.items():
        print(f"{name:12} {field.score:.3f}", end="")
        if field.kind == "prf":
            print(f"  (P {field.precision:.2f} R {field.recall:.2f})", end="")
        print()
    print(f"{report.articles} articles")
    if args.misses:
        for miss in report.misses:
            print(" ", miss)


if __name__ == "__main__":
    main()
