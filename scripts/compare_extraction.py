"""Dump the full extraction output of our article sets, to check that a speed change leaves
it byte for byte the same.

    python scripts/compare_extraction.py before.txt      # on the old code
    python scripts/compare_extraction.py after.txt       # on the new code
    diff before.txt after.txt                            # nothing: the change is speed only

The sets: the seeds and the dev corpus of ../shared, our fixtures (tests/fixtures), the real
development pages of ../shared/corpus/real that may be read (the tuning part and the other
languages, never the English third set aside) and `--generated` articles written by
scripts/generate_articles.py with a fixed seed. For each file: what the reader made of it
(title, language, a digest of the text, warnings), the publication date and the whole
extraction (round and its candidates, delegations, heads, observers, topics, with every
rule and piece of evidence), as the dataclasses' repr.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles.extraction.dates import find_publication_date  # noqa: E402
from articles.extraction.evaluation import development_split, readable_entries  # noqa: E402
from articles.extraction.pipeline import Extractor  # noqa: E402
from articles.extraction.reader import UnreadableArticle, read_article  # noqa: E402

SHARED = Path(os.environ.get("ASTANA_SHARED_DIR") or ROOT.parent / "shared")
SUFFIXES = (".txt", ".html", ".htm")


def article_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in SUFFIXES)


def real_pages() -> list[Path]:
    """The real pages we may read: the tuning part and the other languages."""
    real = SHARED / "corpus" / "real"
    entries = json.loads((real / "gold.json").read_text(encoding="utf-8"))["articles"]
    parts = development_split(entries)
    return sorted(real / e["source"] for e in parts["tune"] + parts["other"])


def readable_fixture_files(folder: Path) -> list[Path]:
    """A fixture set's files, less the half a crawled-style set keeps set aside (its gold's
    `set_aside`, see `evaluation.readable_entries`): its extraction is not ours to read."""
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    if not gold.get("set_aside"):
        return article_files(folder)
    return sorted(folder / e["source"] for e in readable_entries(gold))


def files(generated_folder: Path) -> list[Path]:
    found = [
        p for folder in (SHARED / "seeds", SHARED / "corpus" / "dev") for p in article_files(folder)
    ]
    for folder in sorted(p for p in (ROOT / "tests" / "fixtures").iterdir() if p.is_dir()):
        found += readable_fixture_files(folder)
    return found + real_pages() + article_files(generated_folder)


def dump(paths: list[Path], out) -> None:
    extractor = Extractor()
    for path in paths:
        name = path.relative_to(ROOT.parent) if path.is_relative_to(ROOT.parent) else path.name
        out.write(f"=== {name}\n")
        try:
            text = read_article(path.read_bytes(), path.name)
        except UnreadableArticle as error:
            out.write(f"unreadable: {error}\n")
            continue
        digest = hashlib.sha256(text.text.encode()).hexdigest()[:16]
        out.write(f"text: {dataclasses.replace(text, text=digest)!r}\n")
        published = find_publication_date(text)
        out.write(f"published: {published!r}\n")
        out.write(f"extraction: {extractor.extract(text, published)!r}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--generated", type=int, default=400, help="generated articles")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="astana-compare-") as tmp:
        folder = Path(tmp) / "generated"
        script = ROOT / "scripts" / "generate_articles.py"
        command = [sys.executable, str(script), str(folder), "--count", str(args.generated)]
        subprocess.run([*command, "--seed", "7"], check=True, capture_output=True)
        # Generated files have temporary paths: name them by their place in the folder.
        paths = files(folder)
        with args.output.open("w", encoding="utf-8") as out:
            dump(paths, out)
    print(f"{len(paths)} files written to {args.output}")


if __name__ == "__main__":
    main()
