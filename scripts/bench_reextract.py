"""Re-extraction and update benchmark: per-article cost as the archive grows.

    python scripts/bench_reextract.py [--sizes 2000 10000] [--big] [--sample 400]
                                      [--database-url postgres://user@host:5432/NAME]

For each archive size, in a fresh database (SQLite in a temporary folder, or the PostgreSQL
database named by `--database-url`, dropped and created again: give it a name of its own),
one process (settings as in production, worker processes as by default):
1. ingests that many generated articles (scripts/generate_articles.py): the archive;
2. re-extracts a sample of the stored articles (`reextract_articles`, what
   `manage.py ingest --reextract` runs over every article): ms per article;
3. rewrites the sample's files (a line added) and ingests them again: the "updated" path,
   ms per article.
A sample rather than the whole archive, so that a run at 50k articles ends in minutes: what
must stay flat is the cost of one article as the archive grows, and each article of a full
`--reextract` takes the same path as the sample's. `--big` adds a run at 50,000 articles.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_ingest import environment, generate  # this folder's: settings, generated articles

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

MEASURE = r"""
import json, random, sys, time
from pathlib import Path
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from articles.models import Article
from articles.services.facts import FactWriter
from articles.services.ingest import build_extractor, ingest_paths, reextract_articles
# The part of the writer that used to grow with the archive: replacing an article's facts.
spent = [0.0]
replace_facts = FactWriter.replace_facts
def timed(self, *args, **kwargs):
    start = time.perf_counter()
    try:
        return replace_facts(self, *args, **kwargs)
    finally:
        spent[0] += time.perf_counter() - start
FactWriter.replace_facts = timed
folder, sample_size = Path(sys.argv[1]), int(sys.argv[2])
build_extractor()
start = time.perf_counter()
first = ingest_paths([folder])
first_s = time.perf_counter() - start
stored = first.count("new")
ids = sorted(Article.objects.values_list("pk", flat=True))
sample = sorted(random.Random(1).sample(ids, min(sample_size, len(ids))))
start, spent[0] = time.perf_counter(), 0.0
again = reextract_articles(Article.objects.filter(pk__in=sample).order_by("pk"))
reextract_s, reextract_facts = time.perf_counter() - start, spent[0]
stored_paths = Article.objects.filter(pk__in=sample).values_list("source_path", flat=True)
paths = [Path(p) for p in stored_paths]
for path in paths:  # a changed file: its text gains a line
    path.write_bytes(path.read_bytes() + b"\n\nThis article was updated.\n")
start, spent[0] = time.perf_counter(), 0.0
updated = ingest_paths(paths)
update_s, update_facts = time.perf_counter() - start, spent[0]
print(json.dumps({
    "articles": stored, "first_ms": 1000 * first_s / max(stored, 1),
    "sample": len(sample), "reextracted": again.count("updated"),
    "reextract_ms": 1000 * reextract_s / max(len(sample), 1),
    "reextract_facts_ms": 1000 * reextract_facts / max(len(sample), 1),
    "updated": updated.count("updated"), "update_ms": 1000 * update_s / max(len(paths), 1),
    "update_facts_ms": 1000 * update_facts / max(len(paths), 1),
}))
"""


def measure(folder: Path, sample: int, data_dir: Path, database_url: str | None) -> dict:
    """One archive of the articles in `folder`, and its costs (a fresh process, database)."""
    env = environment(data_dir, database_url)
    result = subprocess.run(
        [PYTHON, "-c", MEASURE, str(folder), str(sample)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(f"benchmark step failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--big", action="store_true", help="add a run at 50,000 articles")
    parser.add_argument("--sample", type=int, default=400, help="articles re-extracted/updated")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", help="a PostgreSQL database of its own (recreated)")
    args = parser.parse_args()
    sizes = sorted(set(args.sizes) | ({50000} if args.big else set()))
    rows = []
    with tempfile.TemporaryDirectory(prefix="astana-bench-reextract-") as tmp:
        generated = Path(tmp) / "generated"
        generate(generated, max(sizes), args.seed)
        files = sorted(p for p in generated.rglob("*") if p.is_file())
        for size in sizes:
            # Each size its own copies: the update step rewrites the sample's files.
            folder = Path(tmp) / f"archive-{size}"
            folder.mkdir()
            for path in files[:size]:
                (folder / path.name).write_bytes(path.read_bytes())
            row = measure(folder, args.sample, Path(tmp) / f"data-{size}", args.database_url)
            rows.append(row)
            print(json.dumps(row), file=sys.stderr)
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(f"{database}: ms per article (sample of {args.sample} for re-extraction and updates)")
    print("(in brackets: of which replacing the article's facts, the part that grew)")
    print(f"{'archive':>8} {'first ingest':>12} {'--reextract':>16} {'update file':>16}")
    for row in rows:
        print(
            f"{row['articles']:>8} {row['first_ms']:>12.1f} "
            f"{row['reextract_ms']:>9.1f} ({row['reextract_facts_ms']:>4.1f}) "
            f"{row['update_ms']:>9.1f} ({row['update_facts_ms']:>4.1f})"
        )
        if row["reextracted"] + row["updated"] < 2 * row["sample"]:
            print(f"  warning: {row['reextracted']} re-extracted, {row['updated']} updated")


if __name__ == "__main__":
    main()
