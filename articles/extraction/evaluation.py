"""Scoring exported extractions against a gold file (the format of shared/seeds/gold.json).

`score(predicted, gold)` takes export items

    {"source", "title", "published" (YYYY-MM-DD | None), "round" (int | None),
     "delegations": [{"party", "role", "head", "head_as_written"}],
     "observers": [party names], "topics": [slugs]}

and a gold file (`{"articles": [...]}`), and returns a `Report`.

How each field is counted (micro-averaged over the articles of the gold file):

* round, published, city: accuracy (city only when the items carry a "city" key).
* delegations: party presence, precision/recall/F1 over (article, party) pairs. Parties in
  `delegations_optional` are neither rewarded nor penalised.
* heads: (article, party) pairs for gold delegations with a non-empty head list. A predicted
  head is right when its canonical name or the name as written normalises
  (`people.normalize_name`) to one of the accepted spellings. A wrong head counts as a false
  positive and a false negative; a missing head as a false negative. A head predicted for a
  party whose gold head list is empty, or for a party not in the gold delegations, is a
  false positive, unless the party is optional.
* observers, topics: precision/recall/F1 over (article, name) pairs, `*_optional` ignored.

Each field's `score` is its accuracy or its F1 (1.0 when there was nothing to find and
nothing was found). `misses` lists every disagreement as (source, field, expected, got).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .dates import find_publication_date
from .people import normalize_name
from .reader import read_article

if TYPE_CHECKING:
    from .pipeline import Extractor

ACCURACY_FIELDS = ("round", "published", "city")
SET_FIELDS = ("delegations", "heads", "observers", "topics")
FIELD_ORDER = ("round", "published", "city", "delegations", "heads", "observers", "topics")


@dataclass
class FieldScore:
    name: str
    kind: str  # "accuracy" or "prf"
    tp: int = 0
    fp: int = 0
    fn: int = 0
    correct: int = 0
    total: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 1.0

    @property
    def score(self) -> float:
        return self.accuracy if self.kind == "accuracy" else self.f1

    def as_dict(self) -> dict[str, Any]:
        if self.kind == "accuracy":
            return {
                "kind": "accuracy",
                "correct": self.correct,
                "total": self.total,
                "accuracy": round(self.accuracy, 4),
                "score": round(self.score, 4),
            }
        return {
            "kind": "prf",
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "score": round(self.score, 4),
        }


@dataclass(frozen=True)
class Miss:
    source: str
    field: str
    expected: Any
    got: Any

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "field": self.field,
            "expected": self.expected,
            "got": self.got,
        }

    def __str__(self) -> str:
        return f"{self.source} {self.field}: expected {self.expected!r}, got {self.got!r}"


@dataclass
class Report:
    fields: dict[str, FieldScore]
    misses: list[Miss] = field(default_factory=list)
    articles: int = 0
    missing: list[str] = field(default_factory=list)  # gold articles nobody predicted

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "missing": list(self.missing),
            "fields": {name: score.as_dict() for name, score in self.fields.items()},
            "misses": [m.as_dict() for m in self.misses],
        }

    def as_text(self) -> str:
        lines = [f"{self.articles} articles scored"]
        if self.missing:
            lines.append(
                f"{len(self.missing)} gold articles not in the archive: {', '.join(self.missing)}"
            )
        lines.append("")
        lines.append(f"{'field':<12} {'precision':>9} {'recall':>7} {'F1':>7}   accuracy")
        for name in FIELD_ORDER:
            s = self.fields.get(name)
            if s is None:
                continue
            if s.kind == "accuracy":
                lines.append(
                    f"{name:<12} {'':>9} {'':>7} {'':>7}   {s.accuracy:.3f} ({s.correct}/{s.total})"
                )
            else:
                lines.append(
                    f"{name:<12} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>7.3f}"
                    f"   (tp {s.tp}, fp {s.fp}, fn {s.fn})"
                )
        if self.misses:
            lines.append("")
            lines.append(f"Misses ({len(self.misses)}):")
            lines.extend(f"  {m}" for m in self.misses)
        return "\n".join(lines)


def _gold_entries(gold: Mapping[str, Any] | Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    if isinstance(gold, Mapping):
        if "articles" in gold:
            return list(gold["articles"])
        return [dict(entry, source=entry.get("source", key)) for key, entry in gold.items()]
    return list(gold)


def _head_matches(pred: Mapping[str, Any], accepted: Iterable[str]) -> bool:
    wanted = {normalize_name(a) for a in accepted}
    return any(
        normalize_name(value) in wanted
        for value in (pred.get("head"), pred.get("head_as_written"))
        if value
    )


def _score_set(
    scores: FieldScore,
    misses: list[Miss],
    source: str,
    name: str,
    expected: set[str],
    optional: set[str],
    got: set[str],
) -> None:
    scores.tp += len(got & expected)
    for item in sorted(got - expected - optional):
        scores.fp += 1
        misses.append(Miss(source, name, None, item))
    for item in sorted(expected - got):
        scores.fn += 1
        misses.append(Miss(source, name, item, None))


def score(
    predicted: list[dict[str, Any]], gold: Mapping[str, Any] | Iterable[Mapping[str, Any]]
) -> Report:
    """Score export items against gold entries (see the module docstring)."""
    entries = _gold_entries(gold)
    by_source: dict[str, Mapping[str, Any]] = {}
    for item in predicted:
        by_source.setdefault(item["source"], item)
    with_city = any("city" in item for item in predicted)
    fields = {
        name: FieldScore(name, "accuracy")
        for name in ACCURACY_FIELDS
        if name != "city" or with_city
    }
    fields.update({name: FieldScore(name, "prf") for name in SET_FIELDS})
    report = Report(fields=fields)
    misses = report.misses

    for entry in entries:
        source = entry["source"]
        pred = by_source.get(source)
        if pred is None:
            report.missing.append(source)
            pred = {
                "source": source,
                "round": None,
                "published": None,
                "delegations": [],
                "observers": [],
                "topics": [],
            }
        report.articles += 1
        for name in fields:
            if fields[name].kind != "accuracy":
                continue
            expected, got = entry.get(name), pred.get(name)
            fields[name].total += 1
            if expected == got:
                fields[name].correct += 1
            else:
                misses.append(Miss(source, name, expected, got))

        gold_dels = {d["party"]: d for d in entry.get("delegations", [])}
        optional_dels = {d["party"]: d for d in entry.get("delegations_optional", [])}
        pred_dels: dict[str, Mapping[str, Any]] = {}
        for d in pred.get("delegations", []):
            current = pred_dels.get(d["party"])
            if current is None or (
                not (current.get("head") or current.get("head_as_written"))
                and (d.get("head") or d.get("head_as_written"))
            ):
                pred_dels[d["party"]] = d
        _score_set(
            fields["delegations"],
            misses,
            source,
            "delegations",
            set(gold_dels),
            set(optional_dels),
            set(pred_dels),
        )

        heads = fields["heads"]
        for party, g in gold_dels.items():
            accepted = g.get("head") or []
            p = pred_dels.get(party)
            got_head = (p.get("head") or p.get("head_as_written")) if p else None
            if accepted:
                if got_head and _head_matches(p, accepted):
                    heads.tp += 1
                elif got_head:
                    heads.fp += 1
                    heads.fn += 1
                    misses.append(
                        Miss(source, "heads", f"{party}: {accepted[0]}", f"{party}: {got_head}")
                    )
                else:
                    heads.fn += 1
                    misses.append(Miss(source, "heads", f"{party}: {accepted[0]}", None))
            elif got_head:
                heads.fp += 1
                misses.append(
                    Miss(source, "heads", f"{party}: (none named)", f"{party}: {got_head}")
                )
        for party, p in pred_dels.items():
            if party in gold_dels or party in optional_dels:
                continue
            got_head = p.get("head") or p.get("head_as_written")
            if got_head:
                heads.fp += 1
                misses.append(Miss(source, "heads", None, f"{party}: {got_head}"))

        _score_set(
            fields["observers"],
            misses,
            source,
            "observers",
            set(entry.get("observers", [])),
            set(entry.get("observers_optional", [])),
            set(pred.get("observers", [])),
        )
        _score_set(
            fields["topics"],
            misses,
            source,
            "topics",
            set(entry.get("topics", [])),
            set(entry.get("topics_optional", [])),
            set(pred.get("topics", [])),
        )
    return report


def extraction_to_item(
    source: str, extraction: Any, title: str | None = None, canonical: Any = None
) -> dict[str, Any]:
    """An `Extraction` as an export item (for scoring without a database).

    `canonical(name_as_written) -> canonical name | None` maps heads to people (e.g. a
    `NameIndex` lookup); by default the head is reported as written.
    """
    delegations = []
    for fact in extraction.delegations:
        head = fact.head
        if head and canonical is not None:
            head = canonical(head) or head
        delegations.append(
            {"party": fact.party, "role": fact.role, "head": head, "head_as_written": fact.head}
        )
    link = extraction.round
    return {
        "source": source,
        "title": title,
        "published": extraction.published.value.isoformat() if extraction.published else None,
        "round": link.number if link else None,
        "city": link.city if link else None,
        "delegations": delegations,
        "observers": [fact.party for fact in extraction.observers],
        "topics": [fact.slug for fact in extraction.topics],
    }


def development_split(entries: Iterable[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    """The real development pages in three parts, fixed before any tuning: "tune" (two
    English pages in three, by file name), "heldout" (every third English page: set aside,
    scored only at the end of a round of work as the estimate for unseen pages) and "other"
    (the pages in other languages)."""
    entries = list(entries)
    english = sorted(
        (e for e in entries if e.get("language", "en") == "en"), key=lambda e: e["source"]
    )
    return {
        "tune": [e for i, e in enumerate(english) if i % 3 != 2],
        "heldout": [e for i, e in enumerate(english) if i % 3 == 2],
        "other": [e for e in entries if e.get("language", "en") != "en"],
    }


def numbered_split(entries: Iterable[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    """Our own crawled-style sets, split when they were written: pages whose file number is
    even to tune on ("tune"), odd ones set aside ("heldout"); "other" holds the pages not in
    English, whichever half they are in."""
    entries = sorted(entries, key=lambda e: e["source"])

    def number(entry: Mapping[str, Any]) -> int:
        return int(re.match(r"\d+", entry["source"]).group())

    return {
        "tune": [e for e in entries if number(e) % 2 == 0],
        "heldout": [e for e in entries if number(e) % 2 == 1],
        "other": [e for e in entries if e.get("language", "en") != "en"],
    }


def readable_entries(gold: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The entries of a fixture set's gold that may be read and tuned on: all of them, unless
    the set keeps a half aside for a later estimate (`"set_aside": "odd file numbers"`, fixed
    when the set was written; its README says why), then the tuning half only."""
    entries = gold["articles"]
    if not gold.get("set_aside"):
        return list(entries)
    if gold["set_aside"] != "odd file numbers":
        raise ValueError(f"unknown set_aside {gold['set_aside']!r}: expected 'odd file numbers'")
    return numbered_split(entries)["tune"]


def score_pages(extractor: Extractor, folder: Path, entries: list[Mapping[str, Any]]) -> Report:
    """The gold `entries` of the pages in `folder` scored against what the extractor finds,
    each page read through the reader and the date finder as ingest reads it."""
    items = []
    for entry in entries:
        path = Path(folder) / entry["source"]
        article = read_article(path.read_bytes(), path.name)
        items.append((article, find_publication_date(article), entry["source"]))
    predicted = [extraction_to_item(s, x) for x, s in extractor.extract_many(items)]
    return score(predicted, {"articles": list(entries)})
