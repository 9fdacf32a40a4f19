"""How many of the (round, party) heads that a set of pages names the round pages show.

    python scripts/round_page_heads.py                       # ../shared/corpus/real
    python scripts/round_page_heads.py tests/fixtures/crawled tests/fixtures/crawled_intl

Ingests every page of the folders into a new, empty SQLite archive (migrate, `ingest`,
`export`, as an operator would) and compares the heads of the archive's rounds, the names a
round page shows, with the heads the gold annotations give for each (round, party): shown
(one of the accepted spellings), missing (the round page names no head, or the delegation is
not there) or wrong (another person). A folder whose gold keeps a half aside is read whole
here only with --all.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles.extraction.evaluation import readable_entries  # noqa: E402
from articles.extraction.people import same_person  # noqa: E402

SHARED = Path(os.environ.get("ASTANA_SHARED_DIR") or ROOT.parent / "shared")


def named_heads(folders: list[Path], read_all: bool) -> tuple[dict, list[Path]]:
    """{(round, party): accepted spellings} over the gold of every folder, and the page files."""
    heads: dict[tuple[int, str], set[str]] = defaultdict(set)
    files = []
    for folder in folders:
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        entries = gold["articles"] if read_all else readable_entries(gold)
        for entry in entries:
            files.append(folder / entry["source"])
            if entry.get("round") is None:
                continue
            for delegation in entry.get("delegations", []):
                if delegation.get("head"):
                    heads[(entry["round"], delegation["party"])].update(delegation["head"])
    return heads, files


def shown_heads(files: list[Path]) -> dict[tuple[int, str], str]:
    """{(round, party): head's name} as the round pages of a new archive of `files` show them."""
    with tempfile.TemporaryDirectory() as work:
        env = {
            **os.environ,
            "DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{work}/archive.sqlite3",
            "EXPORT_CACHE_DIR": f"{work}/exports",
        }
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "-v", "0"], env=env, check=True)
        pages = Path(work) / "pages"
        pages.mkdir()
        for path in files:
            (pages / path.name).symlink_to(path.resolve())
        subprocess.run(
            [*manage, "ingest", "--no-progress", str(pages)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        exported = subprocess.run(
            [*manage, "export"], env=env, check=True, capture_output=True, text=True
        ).stdout
    return {
        (r["number"], d["party"]): d["head"]
        for r in json.loads(exported)["rounds"]
        for d in r["delegations"]
        if d["head"]
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[SHARED / "corpus" / "real"])
    parser.add_argument("--all", action="store_true", help="read set-aside halves too")
    parser.add_argument("--misses", action="store_true", help="print each missing or wrong head")
    args = parser.parse_args()
    named, files = named_heads(args.folders, args.all)
    shown = shown_heads(files)
    counts = {"shown": 0, "missing": 0, "wrong": 0}
    for key in sorted(named):
        head = shown.get(key)
        outcome = (
            "missing"
            if head is None
            else "shown"
            if any(same_person(head, spelling) for spelling in named[key])
            else "wrong"
        )
        counts[outcome] += 1
        if args.misses and outcome != "shown":
            print(
                f"  round {key[0]} {key[1]}: {outcome} (shown {head!r}, named {sorted(named[key])})"
            )
    total = sum(counts.values())
    print(
        f"{len(files)} pages, {total} (round, party) heads named: "
        f"{counts['shown']} shown ({counts['shown'] / max(total, 1):.1%}), "
        f"{counts['missing']} missing, {counts['wrong']} wrong"
    )


if __name__ == "__main__":
    main()
