"""Ingest benchmark: articles per second and peak memory, beside spaCy's blank tokenizer.

    python scripts/bench_ingest.py [--count 2000] [--seed 1]

Generates `count` varied articles (scripts/generate_articles.py), then in fresh processes:
1. spacy.blank("en") tokenizing the same texts with nlp.pipe (the reference figure);
2. the ingest service into an empty SQLite database with the default pipeline and the
   default settings (worker processes: one per core);
3. the same in one process (INGEST_WORKERS=1);
4. the default ingest over a quarter of the files, to show memory stays flat as the corpus
   grows.
Settings are production's (DEBUG off: Django then keeps no log of queries). Peak memory is the
ingest process's; each worker holds about as much again. Prints a table; the figures go into
the README.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

TOKENIZE = r"""
import json, resource, sys, time
from pathlib import Path
import spacy
from articles.extraction.reader import read_article
paths = sorted(Path(sys.argv[1]).rglob("*.*"))
texts = [read_article(p.read_bytes(), p.name).text for p in paths]
nlp = spacy.blank("en")
start = time.perf_counter()
tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"articles": len(texts), "seconds": elapsed, "tokens": tokens, "peak_mb": peak,
                  "worker_peak_mb": 0}))
"""

INGEST = r"""
import json, os, resource, sys, time
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from articles.services.ingest import ingest_paths
start = time.perf_counter()
report = ingest_paths([sys.argv[1]])
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
worker_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # largest worker
from articles.services.ingest import worker_count
print(json.dumps({"articles": report.count("new"), "failed": report.count("failed"),
                  "seconds": elapsed, "peak_mb": peak, "worker_peak_mb": worker_peak,
                  "workers": worker_count()}))
"""


def run(code: str, folder: Path, data_dir: Path | None = None, **settings: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "astana_site.settings"}
    for name in ("DATABASE_URL", "INGEST_WORKERS", "INGEST_BATCH_SIZE"):
        env.pop(name, None)
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": "benchmark-only-" + os.urandom(16).hex(),
            "ALLOWED_HOSTS": "localhost",
            "SPACY_MODEL": "",
            **settings,
        }
    )
    if data_dir is not None:
        env["DATA_DIR"] = str(data_dir)
    result = subprocess.run(
        [PYTHON, "-c", code, str(folder)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"benchmark step failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="astana-bench-") as tmp:
        tmp_path = Path(tmp)
        full, quarter = tmp_path / "full", tmp_path / "quarter"
        for folder, count in ((full, args.count), (quarter, args.count // 4)):
            subprocess.run(
                [
                    PYTHON,
                    str(ROOT / "scripts" / "generate_articles.py"),
                    str(folder),
                    "--count",
                    str(count),
                    "--seed",
                    str(args.seed),
                ],
                check=True,
            )
        tokenize = run(TOKENIZE, full)
        ingest_full = run(INGEST, full, tmp_path / "db-full")
        ingest_single = run(INGEST, full, tmp_path / "db-single", INGEST_WORKERS="1")
        ingest_quarter = run(INGEST, quarter, tmp_path / "db-quarter")

    blank_rate = tokenize["articles"] / tokenize["seconds"]
    rows = [
        (
            "spacy.blank('en') tokenizer",
            tokenize["articles"],
            tokenize["seconds"],
            tokenize["peak_mb"],
            tokenize["worker_peak_mb"],
        ),
        (
            f"ingest, {ingest_full['workers']} workers (SQLite)",
            ingest_full["articles"],
            ingest_full["seconds"],
            ingest_full["peak_mb"],
            ingest_full["worker_peak_mb"],
        ),
        (
            "ingest, one process",
            ingest_single["articles"],
            ingest_single["seconds"],
            ingest_single["peak_mb"],
            ingest_single["worker_peak_mb"],
        ),
        (
            "ingest, a quarter of the files",
            ingest_quarter["articles"],
            ingest_quarter["seconds"],
            ingest_quarter["peak_mb"],
            ingest_quarter["worker_peak_mb"],
        ),
    ]
    header = f"{'step':<36} {'articles':>8} {'seconds':>8} {'art/s':>8} {'peak MB':>8}"
    print(f"{header} {'worker MB':>9}")
    for name, count, seconds, peak, worker_peak in rows:
        worker = f"{worker_peak:>9.0f}" if worker_peak else f"{'-':>9}"
        print(
            f"{name:<36} {count:>8} {seconds:>8.2f} {count / seconds:>8.0f} {peak:>8.0f} {worker}"
        )
    ratio = (ingest_full["articles"] / ingest_full["seconds"]) / blank_rate
    print(f"\ningest runs at {ratio:.1%} of the blank tokenizer's throughput (target: >= 10%)")
    if ingest_full["failed"]:
        print(f"warning: {ingest_full['failed']} generated files failed to ingest")


if __name__ == "__main__":
    main()
