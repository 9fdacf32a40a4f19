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

# (label, path): the bare view first, then the pages this benchmark exists for.
ENDPOINTS = [
    ("bare Django view", "/healthz"),
    ("round detail", "/rounds/{round}/"),
    ("delegations grid", "/delegations/"),
    ("filtered article list", "/articles/?round={round}&q=ceasefire"),
]

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
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=400, help="per page, after warm-up")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--alone", type=int, default=30, help="requests per page, one at a time")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
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
        cursor.execute("ANALYZE")
    return {
        "rounds": len(rounds),
        "articles": len(articles),
        "delegations": len(delegations),
        "observers": len(observed),
        "topics": len(round_topics),
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port: int, path: str) -> int:
    # One connection per request: gunicorn's sync workers close it after each response anyway.
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def start_server(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(BASE_DIR / "scripts" / "start-web.sh")],
            cwd=BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"start-web.sh exited with {process.returncode}; see {log}")
        try:
            if fetch(port, "/healthz") == 200:
                return process
        except OSError:
            time.sleep(0.3)
    stop_server(process)
    sys.exit(f"start-web.sh did not answer /healthz within 90 s; see {log}")


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def measure(port: int, label: str, path: str, requests: int, clients: int) -> Result:
    for _ in range(clients * 2):  # warm-up: connections, caches, each worker's first import
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


def main() -> None:
    args = parse_args()
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
        "SECURE_SSL_REDIRECT": "0",
        "WEB_WORKERS": str(args.workers),
        "LOG_LEVEL": "ERROR",
    }
    print(f"Database {args.database}: filling with {args.articles:,} articles ...", flush=True)
    recreate_database(args.server, args.database)
    started = time.perf_counter()
    os.environ.update(env)
    counts = fill(args.articles)
    print(
        "  " + ", ".join(f"{n:,} {what}" for what, n in counts.items()),
        f"in {time.perf_counter() - started:.1f}s",
    )

    try:
        for mode, cache_seconds in (("page cache on", "600"), ("page cache off", "0")):
            report(mode, *serve_and_measure({**env, "PAGE_CACHE_SECONDS": cache_seconds}, args))
    finally:
        if not args.keep:
            drop_database(args.server, args.database)


def serve_and_measure(
    env: dict[str, str], args: argparse.Namespace
) -> tuple[list, list, argparse.Namespace]:
    """Start gunicorn with `env`, measure every endpoint, stop it."""
    port = free_port()
    log = BASE_DIR / "build" / "bench-web.log"
    log.parent.mkdir(exist_ok=True)
    env = {**env, "WEB_BIND": f"127.0.0.1:{port}"}
    process = start_server(env, port, log)
    try:
        results = [
            measure(port, label, path.format(round=11), args.requests, args.clients)
            for label, path in ENDPOINTS
        ]
        alone = [single_client_p50(port, r.path, args.alone) for r in results]
    finally:
        stop_server(process)
    return results, alone, args


def report(mode: str, results: list, alone: list, args: argparse.Namespace) -> None:
    print(
        f"\n{mode}: gunicorn, {args.workers} sync workers; {args.clients} concurrent clients; "
        f"{args.requests} requests per page after warm-up; PostgreSQL; loopback\n"
    )
    header = (
        f"{'page':<23}{'path':<38}{'p50 ms':>8}{'p95 ms':>8}{'req/s':>8}{'errors':>7}"
        f"{'1-client p50':>14}"
    )
    print(header)
    print("-" * len(header))
    for r, one in zip(results, alone, strict=True):
        print(
            f"{r.label:<23}{r.path:<38}{r.p50:>8.1f}{r.p95:>8.1f}{r.rate:>8.1f}{r.errors:>7}"
            f"{one:>14.1f}"
        )
    print(
        f"\np50/p95/req/s: {args.clients} clients at once, so requests queue for the "
        f"{args.workers} workers;\n1-client p50: {args.alone} requests one at a time "
        "(the cost of one request, without the queue)."
    )


if __name__ == "__main__":
    main()
