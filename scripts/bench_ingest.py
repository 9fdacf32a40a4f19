"""Ingest benchmark: articles per second and peak memory, beside spaCy's blank tokenizer.

    python scripts/bench_ingest.py [--count 2000] [--seed 1] [--repeat 3]
    python scripts/bench_ingest.py --real 20 [--real-languages en|other] [--repeat 3]
        [--database-url ...]
    python scripts/bench_ingest.py --memory [--count 20000] [--every 1000]
    python scripts/bench_ingest.py --database-url postgres://user@host:5432/NAME [...]

`--database-url` runs the ingest steps on that PostgreSQL database instead of SQLite (with
`--real`, ingest with workers runs on both, taking turns); it is dropped and created again
before each step, so give it a name of its own.
`--memory` runs one ingest (default settings) over `count` generated articles and prints
the resident memory of the writing process and of each extraction worker every `every`
articles: it stays flat over a long run (spaCy's string store forgets each batch's strings).

With `--real N` the articles are N copies of the real pages in ../shared/corpus/real (each
copy with a unique first line, so none is skipped as unchanged; all languages), and the
steps are the blank tokenizer, ingest with workers and ingest in one process over them.

Generates `count` varied articles (scripts/generate_articles.py), then, `repeat` times over,
each step in a fresh process:
1. spacy.blank("en") tokenizing the same texts with nlp.pipe (the reference figure);
2. the ingest service into an empty SQLite database with the default pipeline and the
   default settings (worker processes: one per core);
3. the same in one process (INGEST_WORKERS=1);
4. the default ingest over a quarter of the files, to show memory stays flat as the corpus
   grows;
5. spacy.blank("en") over the articles we annotated by hand (../shared's seeds and dev
   corpus, tests/fixtures), streamed 20 times: a check that the generated articles are no
   easier for the tokenizer than real news copy (skipped when ../shared is missing).
Each step's timer starts once its pipeline is built (`spacy.blank("en")` for the reference,
the Extractor, which is spacy.blank("en") plus the rule components, for ingest; with
workers also what a run builds before they fork: the language model and every language's
pipeline, as into an empty archive) and stops when the last article is written and the run
has settled; the build time is shown apart ("setup s"), as it is paid once a run, not per
article. Settings are production's (DEBUG off: Django then keeps no log of queries). Peak
memory is the ingest process's; each worker holds about as much again. Prints a table of
medians over the repeats (a shared 2-core machine varies by a fifth from one run to the
next; the range of articles/s is shown too); the figures go into the README.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

TOKENIZE = r"""
import json, os, resource, sys, time
from pathlib import Path
import spacy
from articles.extraction.reader import read_article
paths = sorted(p for folder in sys.argv[1:] for p in Path(folder).rglob("*.*")
               if p.suffix in (".txt", ".html", ".htm"))
texts = []
for p in paths:
    try:
        texts.append(read_article(p.read_bytes(), p.name).text)
    except Exception:  # a page the reader refuses is not tokenized by ingest either
        pass
texts *= int(os.environ.get("BENCH_PASSES", "1"))
setup = time.perf_counter()
nlp = spacy.blank("en")
start = time.perf_counter()
tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"articles": len(texts), "seconds": elapsed, "tokens": tokens, "peak_mb": peak,
                  "worker_peak_mb": 0, "setup_seconds": start - setup}))
"""

# The yardstick's yardstick: the same tokenizer over the articles we annotated by hand (real
# and realistic news copy), streamed several times over so that its cache warms as it does
# over a long run. Generated articles should cost it no less per article than these do.
SHARED = Path(os.environ.get("ASTANA_SHARED_DIR", ROOT.parent / "shared"))
ANNOTATED = (
    SHARED / "seeds",
    SHARED / "corpus" / "dev",
    *sorted(p for p in (ROOT / "tests" / "fixtures").iterdir() if p.is_dir()),
)
ANNOTATED_PASSES = 20

INGEST = r"""
import json, os, resource, sys, time
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from articles.services.extraction_stage import build_before_fork
from articles.services.ingest import build_extractor, ingest_paths, prebuilt_languages, worker_count
setup = time.perf_counter()
extractor = build_extractor()  # the pipeline, built once a run (ingest_paths reuses it)
if worker_count() > 1:  # what a run with workers builds before they fork (reused too)
    build_before_fork(extractor, prebuilt_languages())
start = time.perf_counter()
report = ingest_paths([sys.argv[1]])
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
worker_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # largest worker
print(json.dumps({"articles": report.count("new"), "failed": report.count("failed"),
                  "seconds": elapsed, "peak_mb": peak, "worker_peak_mb": worker_peak,
                  "setup_seconds": start - setup, "workers": worker_count()}))
"""


MEMORY = r"""
import json, os, sys
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from articles.services.ingest import build_extractor, ingest_paths
every = int(os.environ["BENCH_EVERY"])
def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:  # the process ended meanwhile
        return None
def children():
    pids = []
    for task in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{task}/children") as listed:
                pids += listed.read().split()
        except OSError:
            pass
    return pids
seen = 0
def progress(outcome):
    global seen
    seen += 1
    if seen % every == 0:
        workers = sorted(m for m in map(rss_mb, children()) if m and m > 50)  # not helpers
        print(json.dumps({"articles": seen, "writer_mb": rss_mb(os.getpid()),
                          "workers_mb": workers}), flush=True)
build_extractor()
ingest_paths([sys.argv[1]], progress=progress)
print(json.dumps({"done": seen}))
"""


def recreate_database(url: str) -> None:
    """Drop and create the PostgreSQL database `url` names (through the server's `postgres`
    database): each step starts from an empty archive, as with SQLite."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or name == "postgres":
        sys.exit("--database-url must name a database of its own (it is dropped)")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')


def environment(data_dir: Path | None, database_url: str | None, **settings: str) -> dict:
    """The step's environment: production's settings, this checkout, the chosen database."""
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
    if database_url:
        recreate_database(database_url)
        env["DATABASE_URL"] = database_url
    return env


def run(
    code: str,
    folders: list[Path],
    data_dir: Path | None = None,
    database_url: str | None = None,
    **settings: str,
) -> dict:
    env = environment(data_dir, database_url if data_dir is not None else None, **settings)
    result = subprocess.run(
        [PYTHON, "-c", code, *map(str, folders)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"benchmark step failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


STEPS = (
    # (label, code, which files, settings)
    ("spacy.blank('en') tokenizer", TOKENIZE, "full", {}),
    ("ingest, {workers} workers ({database})", INGEST, "full", {}),
    ("ingest, one process", INGEST, "full", {"INGEST_WORKERS": "1"}),
    ("ingest, a quarter of the files", INGEST, "quarter", {}),
    (
        f"tokenizer, annotated articles x{ANNOTATED_PASSES}",
        TOKENIZE,
        "annotated",
        {"BENCH_PASSES": str(ANNOTATED_PASSES)},
    ),
)


def copy_real_pages(folder: Path, copies: int, languages: str = "all") -> None:
    """`copies` copies of every real page, each with a unique first line; `languages` keeps
    all pages, the English ones ("en") or those in other languages ("other"), by their gold."""
    real = SHARED / "corpus" / "real"
    gold = json.loads((real / "gold.json").read_text(encoding="utf-8"))["articles"]
    language = {entry["source"]: entry.get("language", "en") for entry in gold}
    pages = sorted(
        p
        for p in real.iterdir()
        if p.suffix in (".txt", ".html", ".htm")
        and (languages == "all" or (language.get(p.name, "en") == "en") == (languages == "en"))
    )
    if not pages:
        sys.exit(f"no real pages in {real}")
    folder.mkdir(parents=True)
    for copy in range(copies):
        for page in pages:
            data = f"copy {copy} of {page.name}\n\n".encode() + page.read_bytes()
            (folder / f"{copy:03d}_{page.name}").write_bytes(data)


def bench_memory(count: int, seed: int, every: int, database_url: str | None) -> None:
    """One long ingest, the processes' resident memory every `every` articles."""
    with tempfile.TemporaryDirectory(prefix="astana-bench-memory-") as tmp:
        folder = Path(tmp) / "articles"
        generate(folder, count, seed)
        env = environment(Path(tmp) / "data", database_url, BENCH_EVERY=str(every))
        print(f"{'articles':>8} {'writer MB':>9} {'workers MB':>14}")
        command = [PYTHON, "-c", MEMORY, str(folder)]
        output = subprocess.PIPE
        with subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, text=True) as step:
            assert step.stdout is not None
            for line in step.stdout:
                row = json.loads(line)
                if "done" in row:
                    print(f"{row['done']} articles")
                    continue
                workers = " ".join(f"{mb:.0f}" for mb in row["workers_mb"]) or "-"
                print(f"{row['articles']:>8} {row['writer_mb']:>9.0f} {workers:>14}", flush=True)
        if step.returncode != 0:
            sys.exit("benchmark step failed")


def generate(folder: Path, count: int, seed: int) -> None:
    script = ROOT / "scripts" / "generate_articles.py"
    subprocess.run(
        [PYTHON, str(script), str(folder), "--count", str(count), "--seed", str(seed)], check=True
    )


def bench_real(copies: int, repeat: int, database_url: str | None, languages: str = "all") -> None:
    """The tokenizer, ingest with workers and in one process over the real pages; with
    `database_url`, ingest with workers on PostgreSQL too, taking turns with SQLite's."""
    steps = list(STEPS[:3])
    databases: list[str | None] = [None, None, None]
    if database_url:
        steps.insert(2, (STEPS[1][0].replace("{database}", "PostgreSQL"), *STEPS[1][1:]))
        databases.insert(2, database_url)
    runs: list[list[dict]] = [[] for _ in steps]
    with tempfile.TemporaryDirectory(prefix="astana-bench-real-") as tmp:
        folder = Path(tmp) / "real"
        copy_real_pages(folder, copies, languages)
        for attempt in range(repeat):
            for index, (_, code, _, settings) in enumerate(steps):
                data_dir = None if code is TOKENIZE else Path(tmp) / f"db-{index}-{attempt}"
                url = databases[index]
                runs[index].append(run(code, [folder], data_dir, url, **settings))
    rows = _rows(tuple(steps), runs)
    _print_rows(rows)
    print(
        f"\ningest over {copies} copies of the real pages ({languages}) runs at "
        f"{rows[1]['rate'] / rows[0]['rate']:.1%} of the blank tokenizer's throughput "
        f"(medians of {repeat} runs; target: >= 10%)"
    )
    if database_url:
        print(
            f"on PostgreSQL at {rows[2]['rate'] / rows[0]['rate']:.1%}, "
            f"{rows[2]['rate'] / rows[1]['rate']:.0%} of SQLite's rate (target: >= 50%)"
        )


def _rows(steps: tuple, runs: list[list[dict]], database: str = "SQLite") -> list[dict]:
    rows = []
    for (label, *_), results in zip(steps, runs, strict=True):
        rates = [r["articles"] / r["seconds"] for r in results]
        rows.append(
            {
                "label": label.format(workers=results[0].get("workers", 1), database=database),
                "articles": results[0]["articles"],
                "rate": statistics.median(rates),
                "low": min(rates),
                "high": max(rates),
                "peak": max(r["peak_mb"] for r in results),
                "worker_peak": max(r["worker_peak_mb"] for r in results),
                "failed": max(r.get("failed", 0) for r in results),
                "setup": statistics.median(r["setup_seconds"] for r in results),
            }
        )
    return rows


def _print_rows(rows: list[dict]) -> None:
    header = f"{'step':<36} {'articles':>8} {'art/s':>8} {'range':>11} {'peak MB':>8}"
    print(f"{header} {'worker MB':>9} {'setup s':>7}")
    for row in rows:
        worker = f"{row['worker_peak']:>9.0f}" if row["worker_peak"] else f"{'-':>9}"
        spread = f"{row['low']:.0f}-{row['high']:.0f}"
        print(
            f"{row['label']:<36} {row['articles']:>8} {row['rate']:>8.0f} {spread:>11} "
            f"{row['peak']:>8.0f} {worker} {row['setup']:>7.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each step (median)")
    parser.add_argument(
        "--real", type=int, metavar="N", help="N copies of the real pages instead of generated"
    )
    parser.add_argument(
        "--real-languages",
        choices=("all", "en", "other"),
        default="all",
        help="with --real: every page, the English pages, or the pages in other languages",
    )
    parser.add_argument(
        "--database-url", help="a PostgreSQL database of its own for the ingest steps (recreated)"
    )
    parser.add_argument(
        "--memory", action="store_true", help="resident memory over one long ingest"
    )
    parser.add_argument("--every", type=int, default=1000, help="with --memory: articles a line")
    args = parser.parse_args()
    if args.memory:
        bench_memory(args.count, args.seed, args.every, args.database_url)
        return
    if args.real:
        bench_real(args.real, args.repeat, args.database_url, args.real_languages)
        return
    with tempfile.TemporaryDirectory(prefix="astana-bench-") as tmp:
        tmp_path = Path(tmp)
        folders = {
            "full": [tmp_path / "full"],
            "quarter": [tmp_path / "quarter"],
            "annotated": [folder for folder in ANNOTATED if folder.is_dir()],
        }
        steps = STEPS if len(folders["annotated"]) == len(ANNOTATED) else STEPS[:-1]
        runs: list[list[dict]] = [[] for _ in steps]
        generate(folders["full"][0], args.count, args.seed)
        generate(folders["quarter"][0], args.count // 4, args.seed)
        # Steps take turns, so a slow spell of the machine touches all of them alike.
        for attempt in range(args.repeat):
            for index, (_, code, files, settings) in enumerate(steps):
                data_dir = None if code is TOKENIZE else tmp_path / f"db-{index}-{attempt}"
                runs[index].append(
                    run(code, folders[files], data_dir, args.database_url, **settings)
                )

    rows = _rows(steps, runs, "PostgreSQL" if args.database_url else "SQLite")
    _print_rows(rows)
    ratio = rows[1]["rate"] / rows[0]["rate"]
    print(
        f"\ningest runs at {ratio:.1%} of the blank tokenizer's throughput (medians of "
        f"{args.repeat} runs; target: >= 10%)"
    )
    if len(rows) == len(STEPS):
        print(
            f"the blank tokenizer runs at {rows[-1]['rate']:.0f}/s over our "
            f"{rows[-1]['articles'] // ANNOTATED_PASSES} annotated articles (streamed "
            f"{ANNOTATED_PASSES} times), {rows[0]['rate']:.0f}/s over the generated ones"
        )
    else:
        print(f"(no tokenizer figure for the annotated articles: {SHARED} is missing)")
    if rows[1]["failed"]:
        print(f"warning: {rows[1]['failed']} generated files failed to ingest")


if __name__ == "__main__":
    main()
