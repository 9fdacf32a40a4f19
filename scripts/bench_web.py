#!/usr/bin/env python
"""Latency and throughput of the archive's heaviest pages on PostgreSQL under gunicorn.

    .venv/bin/python scripts/bench_web.py            # or: make bench

Creates its own database (astana_bench by default; dropped and refilled every run) with the
22 rounds of the calendar and 20,000 synthetic articles linked to them, with delegations,
observers, topics and their mentions; starts scripts/start-web.sh (migrate, collectstatic,
gunicorn with 2 sync workers) on a loopback port; then sends a bounded number of requests
from 8 concurrent clients to each page and prints p50/p95 latency and requests per second.
The bare Django view (/healthz) is measured the same way in the same run, as the floor: the
cost of Django, gunicorn and the client without any page work.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))  # this checkout's code, not an installed copy

# (label, path): the bare view first, then every public page type. Placeholders are filled
# from the filled database: a round, a participant, a party, an article.
ENDPOINTS = [
    ("bare Django view", "/healthz"),
    ("home", "/"),
    ("rounds list", "/rounds/"),
    ("round detail", "/rounds/{round}/"),
    ("delegations grid", "/delegations/"),
    ("delegations list", "/delegations/list/"),
    ("topics grid", "/topics/"),
    ("topics list", "/topics/list/"),
    ("observers grid", "/observers/"),
    ("observers list", "/observers/list/"),
    ("participant", "/participants/{participant}/"),
    ("party", "/parties/{party}/"),
    ("articles, page 1", "/articles/"),
    ("articles, page 300", "/articles/?page=300"),
    ("article search", "/articles/?q=ceasefire"),
    # Every request a search nobody made since the last change: what a search costs before
    # the facet counts it reads are kept for the archive version (articles/search.py).
    ("search, new words each time", "/articles/?q={{words}}"),
    ("search in a round", "/articles/?round={round}&q=ceasefire"),
    ("article detail", "/articles/{article}/"),
    # Without filters: the file written once per archive version (astana_site/export_files.py).
    ("CSV of all articles", "/articles/?format=csv"),
    # A sort is a filter: the same rows streamed from the database, what a change costs.
    ("CSV of all articles, streamed", "/articles/?format=csv&sort=newest"),
]
# Fewer requests for the pages that send every row: each is megabytes.
HEAVY = {"CSV of all articles", "CSV of all articles, streamed"}

WORDS = [
    "delegation",
    "talks",
    "ceasefire",
    "guarantors",
    "opposition",
    "government",
    "de-escalation",
    "zones",
    "Idlib",
    "humanitarian",
    "detainees",
    "constitutional",
    "committee",
    "statement",
    "plenary",
    "session",
    "consultations",
    "Astana",
    "Syria",
    "settlement",
    "trilateral",
    "meeting",
    "envoy",
    "agreement",
    "prisoners",
    "exchange",
    "sides",
    "progress",
    "ministry",
    "foreign",
    "reported",
    "announced",
]
PUBLISHERS = ["TASS", "Anadolu", "IRNA", "SANA", "Reuters", "AFP", "Kazinform", "Al Jazeera"]
HEADS = [
    "Alexander Lavrentiev",
    "Ali Asghar Khaji",
    "Sedat Onal",
    "Bashar al-Jaafari",
    "Ayman Sousan",
    "Mohammed Alloush",
    "Ahmad Touma",
    "Staffan de Mistura",
    "Geir Pedersen",
    "Ahmad Berri",
]


@dataclass
class Result:
    label: str
    path: str
    latencies: list[float]
    errors: int
    seconds: float

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) * 1000

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.latencies, n=20)[-1] * 1000

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--server",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="PostgreSQL server (any database on it; a new one is created beside it)",
    )
    parser.add_argument("--database", default="astana_bench")
    parser.add_argument("--articles", type=int, default=20_000, help="e.g. 20000 or 100000")
    parser.add_argument("--requests", type=int, default=400, help="per page, after warm-up")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--alone", type=int, default=30, help="requests per page, one at a time")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--cache",
        choices=("off", "on", "both"),
        default="off",
        help="the public page cache: off (PAGE_CACHE_SECONDS=0, what a page costs the first "
        "time after a change), on, or both runs",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also serve each page in this process and print where one request's time goes "
        "(SQL, template, Python) and its costliest functions",
    )
    parser.add_argument(
        "--datasette",
        choices=("auto", "off"),
        default="auto",
        help="auto: compare with Datasette over an SQLite copy of the articles when the "
        "`datasette` command is installed (dependency group `bench`)",
    )
    parser.add_argument(
        "--only",
        default="",
        help="measure only pages whose label has this text (several: comma-separated)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--profile-only",
        action="store_true",
        help="with --profile: print the in-process split and stop (no server, no load)",
    )
    parser.add_argument(
        "--reuse", action="store_true", help="measure the kept database without refilling it"
    )
    return parser.parse_args()


def database_url(server: str, name: str) -> str:
    return urlunsplit(urlsplit(server)._replace(path=f"/{name}"))


def recreate_database(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(database_url(server, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(database_url(server, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def fill(article_count: int) -> dict[str, int]:
    """Synthetic articles and facts, written with bulk_create (seconds, not minutes)."""
    import django

    django.setup()
    from django.core.management import call_command

    from articles.models import Article, RoundLinkMethod
    from rounds.models import (
        Delegation,
        DelegationMention,
        Observer,
        ObserverMention,
        Participant,
        Party,
        Role,
        Round,
        RoundTopic,
        Topic,
        TopicMention,
    )

    call_command("migrate", verbosity=0)
    rng = random.Random(2017)
    rounds = list(Round.objects.order_by("number"))
    parties = list(Party.objects.all())
    topics = list(Topic.objects.all())
    sides = [p for p in parties if p.default_role != Role.OBSERVER]
    observers = [p for p in parties if p.default_role == Role.OBSERVER]
    heads = [Participant.objects.create(name=name) for name in HEADS]

    articles = []
    for i in range(article_count):
        rnd = rounds[i % len(rounds)]
        words = rng.choices(WORDS, k=400)
        text = f"The {rnd.ordinal} round of the Astana talks on Syria. " + " ".join(words) + "."
        articles.append(
            Article(
                source_path=f"/bench/{i:05d}.txt",
                source_name=f"{i:05d}.txt",
                content_hash=hashlib.sha256(f"bench-{i}".encode()).hexdigest(),
                title=f"{rnd.ordinal} round: " + " ".join(rng.choices(WORDS, k=6)),
                publisher=rng.choice(PUBLISHERS),
                published=(rnd.start or rounds[0].start) + timedelta(days=rng.randint(-5, 5)),
                text=text,
                round=rnd,
                round_method=RoundLinkMethod.ORDINAL,
                round_sentence=text[:60],
                round_confidence=0.9,
            )
        )
    articles = Article.objects.bulk_create(articles, batch_size=1000)
    Article.objects.refresh_search_documents()
    by_round: dict[int, list[Article]] = {}
    for article in articles:
        by_round.setdefault(article.round_id, []).append(article)

    delegations, observed, round_topics = [], [], []
    for rnd in rounds:
        for party in sides:
            delegations.append(
                Delegation(round=rnd, party=party, role=party.default_role, head=rng.choice(heads))
            )
        observed += [Observer(round=rnd, party=party) for party in observers]
        round_topics += [RoundTopic(round=rnd, topic=t) for t in rng.sample(topics, k=3)]
    delegations = Delegation.objects.bulk_create(delegations)
    observed = Observer.objects.bulk_create(observed)
    round_topics = RoundTopic.objects.bulk_create(round_topics)

    # Every fact is supported by a handful of its round's articles.
    def mentions(facts: list, make: Callable) -> list:
        rows = []
        for fact in facts:
            for article in rng.sample(by_round[fact.round_id], k=8):
                rows.append(make(fact, article, f"Sentence about {fact} in {article.title}."))
        return rows

    for model, facts, field in [
        (DelegationMention, delegations, "delegation"),
        (ObserverMention, observed, "observer"),
        (TopicMention, round_topics, "round_topic"),
    ]:
        rows = mentions(facts, lambda f, a, s, m=model, k=field: m(article=a, sentence=s, **{k: f}))
        model.objects.bulk_create(rows, batch_size=2000)
    from django.db import connection

    with connection.cursor() as cursor:
        # What autovacuum would do soon after a bulk load: statistics and the visibility map
        # (index-only scans), so the first minutes after the fill are not what is measured.
        cursor.execute("VACUUM ANALYZE")
    return {
        "rounds": len(rounds),
        "articles": len(articles),
        "delegations": len(delegations),
        "observers": len(observed),
        "topics": len(round_topics),
    }


def placeholders() -> dict[str, str]:
    """Values for the paths of ENDPOINTS: a round in the middle of the calendar, the head of
    most delegations, a party with a delegation at every round, an article in the middle."""
    from django.db.models import Count

    from articles.models import Article
    from rounds.models import Participant

    head = Participant.objects.annotate(n=Count("delegations_headed")).order_by("-n").first()
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    return {
        "round": "11",
        "participant": head.slug,
        "party": "russia",
        "article": str(ids[len(ids) // 2]),
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


_WORD_PAIRS = [f"{a}+{b}" for a in WORDS for b in WORDS if a != b]  # 992, more than a run asks
_FRESH_QUERIES = iter(random.Random(7).sample(_WORD_PAIRS, k=len(_WORD_PAIRS)))
_FRESH_LOCK = threading.Lock()


def concrete(path: str) -> str:
    """`path` with its `{words}` placeholder, if any, filled with two words of the synthetic
    articles that no earlier request of this run searched for."""
    if "{words}" not in path:
        return path
    with _FRESH_LOCK:
        return path.replace("{words}", next(_FRESH_QUERIES))


def fetch(port: int, path: str) -> int:
    # One connection per request: gunicorn's sync workers close it after each response anyway.
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", concrete(path))
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def start_server(
    env: dict[str, str],
    port: int,
    log: Path,
    command: list[str] | None = None,
    ready_path: str = "/healthz",
) -> subprocess.Popen:
    command = command or [str(BASE_DIR / "scripts" / "start-web.sh")]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"{command[0]} exited with {process.returncode}; see {log}")
        try:
            if fetch(port, ready_path) == 200:
                return process
        except OSError:
            time.sleep(0.3)
    stop_server(process)
    sys.exit(f"{command[0]} did not answer {ready_path} within 90 s; see {log}")


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def measure(
    port: int, label: str, path: str, requests: int, clients: int, warmup: int | None = None
) -> Result:
    for _ in range(clients * 2 if warmup is None else warmup):  # connections, caches, imports
        status = fetch(port, path)
        if status != 200:
            sys.exit(f"{path} answered {status}; the benchmark needs every page to answer 200")
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    remaining = iter(range(requests))

    def client() -> None:
        nonlocal errors
        while True:
            with lock:
                if next(remaining, None) is None:
                    return
            started = time.perf_counter()
            try:
                ok = fetch(port, path) == 200
            except OSError:
                ok = False
            elapsed = time.perf_counter() - started
            with lock:
                if ok:
                    latencies.append(elapsed)
                else:
                    errors += 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Result(label, path, latencies, errors, time.perf_counter() - started)


def single_client_p50(port: int, path: str, requests: int) -> float:
    """Median latency with no queue: what one request costs the server, in ms."""
    latencies = []
    for _ in range(requests):
        started = time.perf_counter()
        fetch(port, path)
        latencies.append(time.perf_counter() - started)
    return statistics.median(latencies) * 1000


def measure_all(
    port: int, endpoints: list[tuple[str, str]], args: argparse.Namespace
) -> tuple[list[Result], list[float]]:
    """Every endpoint under load, then each one request at a time. Pages that send every row
    (HEAVY) get a twentieth of the requests and a short warm-up."""
    results, alone = [], []
    for label, path in endpoints:
        heavy = label in HEAVY
        requests = max(args.clients * 2, args.requests // 20) if heavy else args.requests
        results.append(
            measure(port, label, path, requests, args.clients, warmup=2 if heavy else None)
        )
    for result in results:
        requests = max(3, args.alone // 6) if result.label in HEAVY else args.alone
        alone.append(single_client_p50(port, result.path, requests))
    return results, alone


def main() -> None:
    args = parse_args()
    # A SIGTERM runs the `finally` blocks too: the servers stopped, the database dropped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(f"{Path(__file__).name}: terminated"))
    url = database_url(args.server, args.database)
    env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "astana_site.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": url,
        "STATIC_ROOT": str(BASE_DIR / "build" / "bench-static"),
        "EXPORT_CACHE_DIR": str(BASE_DIR / "build" / "bench-exports"),
        "SECURE_SSL_REDIRECT": "0",
        "WEB_WORKERS": str(args.workers),
        "LOG_LEVEL": "ERROR",
        "PAGE_CACHE_SECONDS": "0",
    }
    os.environ.update(env)
    if args.reuse:
        import django

        django.setup()
    else:
        print(f"Database {args.database}: filling with {args.articles:,} articles ...", flush=True)
        recreate_database(args.server, args.database)
        started = time.perf_counter()
        counts = fill(args.articles)
        print(
            "  " + ", ".join(f"{n:,} {what}" for what, n in counts.items()),
            f"in {time.perf_counter() - started:.1f}s",
        )
    values = placeholders()
    wanted = [part.strip().casefold() for part in args.only.split(",")]
    endpoints = [
        (label, path.format(**values))
        for label, path in ENDPOINTS
        if any(part in label.casefold() for part in wanted) or label == "bare Django view"
    ]
    try:
        if args.profile or args.profile_only:
            report_profile(profile_pages(endpoints))
        if args.profile_only:
            return
        modes = {"off": ["0"], "on": ["600"], "both": ["0", "600"]}[args.cache]
        ours: list[Result] = []
        for cache_seconds in modes:
            mode = "page cache off" if cache_seconds == "0" else "page cache on"
            results, alone = serve_and_measure(
                {**env, "PAGE_CACHE_SECONDS": cache_seconds}, endpoints, args
            )
            report(mode, results, alone, args)
            ours = ours or results
        if args.datasette == "auto":
            compare_with_datasette(args, ours)
    finally:
        if not args.keep:
            drop_database(args.server, args.database)


def serve_and_measure(
    env: dict[str, str], endpoints: list[tuple[str, str]], args: argparse.Namespace
) -> tuple[list[Result], list[float]]:
    """Start gunicorn with `env`, measure every endpoint, stop it."""
    port = free_port()
    log = BASE_DIR / "build" / "bench-web.log"
    log.parent.mkdir(exist_ok=True)
    env = {**env, "WEB_BIND": f"127.0.0.1:{port}"}
    process = start_server(env, port, log)
    try:
        return measure_all(port, endpoints, args)
    finally:
        stop_server(process)


def report(mode: str, results: list, alone: list, args: argparse.Namespace) -> None:
    print(
        f"\n{mode}: {args.articles:,} articles; {args.workers} server processes; "
        f"{args.clients} concurrent clients; {args.requests} requests per page after warm-up "
        f"({max(args.clients * 2, args.requests // 20)} for full exports); loopback\n"
    )
    header = (
        f"{'page':<34}{'path':<44}{'p50 ms':>8}{'p95 ms':>8}{'req/s':>8}{'errors':>7}"
        f"{'1-client p50':>14}"
    )
    print(header)
    print("-" * len(header))
    for r, one in zip(results, alone, strict=True):
        path = r.path if len(r.path) <= 42 else r.path[:39] + "..."
        print(
            f"{r.label:<34}{path:<44}{r.p50:>8.1f}{r.p95:>8.1f}{r.rate:>8.1f}{r.errors:>7}"
            f"{one:>14.1f}"
        )
    print(
        f"\np50/p95/req/s: {args.clients} clients at once, so requests queue for the "
        f"{args.workers} workers;\n1-client p50: requests one at a time "
        "(the cost of one request, without the queue)."
    )


# Where one request's time goes, measured in this process (the same settings as the server).


@dataclass
class Profile:
    label: str
    path: str
    total: float  # ms, median of the requests
    sql: float
    template: float
    queries: int
    cpu: float  # ms of this process's CPU (Python, templates, the driver): load barely moves it
    top: list[tuple[str, float]]  # (function, own ms per request), costliest first

    @property
    def python(self) -> float:
        return max(self.total - self.sql - self.template, 0.0)


def profile_pages(endpoints: list[tuple[str, str]], repeat: int = 15) -> list[Profile]:
    """Serve each page with Django's test client: SQL time (every query, timed at the
    driver's execute), template time (rendering, less the queries it ran), and Python (the
    rest: middleware, views, forms, writing an export), and this process's CPU time per
    request (thread_time, which a busy machine moves least). A second pass under cProfile
    names the functions with the most time of their own."""
    import cProfile
    import pstats

    import django.template.backends.django as django_backend
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("collectstatic", interactive=False, verbosity=0)  # hashed names, as served
    client = Client(HTTP_HOST="127.0.0.1")
    state = {"sql": 0.0, "template": 0.0, "queries": 0, "depth": 0}
    render = django_backend.Template.render

    def timed_render(self, context=None, request=None):
        if state["depth"]:
            return render(self, context, request)
        started, sql_before = time.perf_counter(), state["sql"]
        state["depth"] += 1
        try:
            return render(self, context, request)
        finally:
            state["depth"] -= 1
            state["template"] += time.perf_counter() - started - (state["sql"] - sql_before)

    def timed_sql(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            state["sql"] += time.perf_counter() - started
            state["queries"] += 1

    def get(path: str) -> None:
        response = client.get(concrete(path))
        if response.streaming:
            b"".join(response.streaming_content)
        else:
            response.content  # noqa: B018 (rendered)
        response.close()
        if response.status_code != 200:
            sys.exit(f"{path} answered {response.status_code} in the profile")

    profiles = []
    django_backend.Template.render = timed_render
    try:
        with connection.execute_wrapper(timed_sql):
            for label, path in endpoints:
                count = max(3, repeat // 5) if label in HEAVY else repeat
                get(path)
                get(path)
                samples = []
                for _ in range(count):
                    state.update(sql=0.0, template=0.0, queries=0)
                    started, cpu_started = time.perf_counter(), time.thread_time()
                    get(path)
                    total = time.perf_counter() - started
                    cpu = time.thread_time() - cpu_started
                    samples.append((total, state["sql"], state["template"], state["queries"], cpu))
                profiler = cProfile.Profile()
                profiler.enable()
                for _ in range(count):
                    get(path)
                profiler.disable()
                stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
                own = sorted(
                    (
                        (f"{Path(f).name}:{line} {name}", v[2])
                        for (f, line, name), v in stats.items()
                    ),
                    key=lambda item: -item[1],
                )[:5]
                profiles.append(
                    Profile(
                        label,
                        path,
                        total=statistics.median(s[0] for s in samples) * 1000,
                        sql=statistics.median(s[1] for s in samples) * 1000,
                        template=statistics.median(s[2] for s in samples) * 1000,
                        queries=samples[0][3],
                        cpu=statistics.median(s[4] for s in samples) * 1000,
                        top=[(name, seconds * 1000 / count) for name, seconds in own],
                    )
                )
    finally:
        django_backend.Template.render = render
    return profiles


def report_profile(profiles: list[Profile]) -> None:
    print("\nOne request alone, in this process (Django's test client, page cache off):\n")
    header = (
        f"{'page':<34}{'total ms':>9}{'SQL':>8}{'queries':>8}{'template':>9}{'Python':>8}"
        f"{'CPU ms':>8}"
    )
    print(header)
    print("-" * len(header))
    for p in profiles:
        print(
            f"{p.label:<34}{p.total:>9.1f}{p.sql:>8.1f}{p.queries:>8}{p.template:>9.1f}"
            f"{p.python:>8.1f}{p.cpu:>8.1f}"
        )
    print(
        "\nCPU ms: this process's own CPU time per request (without the database server's\n"
        "work and without waiting for a core): the figure to compare on a busy machine."
    )
    print("\nCostliest functions (own time per request, under cProfile, which slows Python):")
    for p in profiles:
        print(f"  {p.label}: " + "; ".join(f"{name} {ms:.1f} ms" for name, ms in p.top[:3]))


# Datasette over the same articles, as a yardstick (optional: `pip install --group bench`).

# Our pages that Datasette's rows are compared with: (ours, Datasette's label).
DATASETTE_PAIRS = [
    ("articles, page 1", "Datasette: 50-row page"),
    ("articles, page 300", "Datasette: 50-row page 300 (keyset)"),
    ("article search", "Datasette: text search"),
    ("CSV of all articles", "Datasette: CSV of all articles"),
    ("CSV of all articles, streamed", "Datasette: CSV of all articles"),
]


def datasette_command() -> str | None:
    beside = Path(sys.executable).parent / "datasette"
    return str(beside) if beside.exists() else shutil.which("datasette")


def sqlite_copy(path: Path) -> str:
    """The articles, with the columns of our CSV and their text, in an SQLite file with a
    full-text index Datasette finds by itself. Returns the keyset position (published, id)
    just before the first row of our page 300, for Datasette's `_next`."""
    import sqlite3

    from articles.models import Article

    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.execute(
        "CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT, publisher TEXT, "
        "published TEXT, language TEXT, round INTEGER, round_method TEXT, round_state TEXT, "
        "source_name TEXT, text TEXT)"
    )
    rows = Article.objects.order_by("pk").values_list(
        "pk", "title", "publisher", "published", "language", "round__number", "round_method",
        "round_state", "source_name", "text",
    )  # fmt: skip
    db.executemany(
        "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (*row[:3], row[3].isoformat() if row[3] else None, *row[4:])
            for row in rows.iterator(chunk_size=2000)
        ),
    )
    db.execute("CREATE INDEX articles_published ON articles (published, id)")
    db.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', "
        "content_rowid='id')"
    )
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    db.commit()
    published, rowid = db.execute(
        "SELECT published, id FROM articles ORDER BY published DESC, id DESC LIMIT 1 OFFSET ?",
        (299 * 50 - 1,),
    ).fetchone()
    db.execute("VACUUM")
    db.close()
    return f"{published},{rowid}"


def compare_with_datasette(args: argparse.Namespace, ours: list[Result]) -> None:
    command = datasette_command()
    if command is None:
        print("\nDatasette is not installed (`pip install --group bench`): no comparison.")
        return
    path = BASE_DIR / "build" / "bench.sqlite3"  # Datasette names the database "bench"
    position = sqlite_copy(path)
    from articles.views import ArticleListView

    # The columns of our CSV (Datasette adds its row id; our `url` is made from the id).
    exported = [c for c in ArticleListView.export_columns if c not in ("id", "url")]
    columns = "&".join(f"_col={c}" for c in exported)
    endpoints = [
        ("Datasette: 50-row page", f"/bench/articles?_sort_desc=published&_size=50&{columns}"),
        (
            "Datasette: 50-row page 300 (keyset)",
            f"/bench/articles?_sort_desc=published&_size=50&{columns}&_next={position}",
        ),
        ("Datasette: text search", f"/bench/articles?_search=ceasefire&_size=50&{columns}"),
        (
            "Datasette: CSV of all articles",
            f"/bench/articles.csv?_stream=on&_size=max&{columns}",
        ),
    ]
    port = free_port()
    settings = {"suggest_facets": "off", "sql_time_limit_ms": "20000"}
    HEAVY.update(label for label, _ in endpoints if "CSV" in label)
    process = start_server(
        {**os.environ},
        port,
        BASE_DIR / "build" / "bench-datasette.log",
        command=[
            command,
            "serve",
            "--immutable",
            str(path),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            *(arg for name, value in settings.items() for arg in ("--setting", name, value)),
        ],
        ready_path="/-/versions.json",
    )
    try:
        results, alone = measure_all(port, endpoints, args)
    finally:
        stop_server(process)
    report("Datasette (one process, immutable SQLite copy)", results, alone, args)
    theirs = {r.label: r for r in results}
    print("\nOurs against Datasette in this run (req/s, higher is better):")
    for our_label, their_label in DATASETTE_PAIRS:
        mine = next((r for r in ours if r.label == our_label), None)
        other = theirs.get(their_label)
        if mine and other and other.rate:
            print(
                f"  {our_label:<34} {mine.rate:>8.1f} vs {other.rate:>8.1f}: "
                f"{mine.rate / other.rate:.1f}x"
            )


if __name__ == "__main__":
    main()
