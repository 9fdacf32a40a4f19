"""Where the shared seeds and dev corpus live, for tests that read them.

    from tests.shared_corpus import shared_dir, load_gold

    shared = shared_dir()  # skips the test when ../shared is missing (fails under CI=true)
    gold = load_gold(shared / "seeds")  # {"000_....txt": {...gold entry...}, ...}

The folder is ../shared beside the repository; ASTANA_SHARED_DIR points elsewhere.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

DEFAULT_SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _in_ci() -> bool:
    # The same spellings tests/conftest.py accepts; CI itself sets CI=true.
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes", "on"}


def shared_dir() -> Path:
    """The shared folder (with seeds/ and corpus/dev/); skip the calling test if it is absent.

    Under CI=true a missing folder fails the test instead: CI always has it beside the clone.
    """
    path = Path(os.environ.get("ASTANA_SHARED_DIR") or DEFAULT_SHARED)
    if (path / "seeds" / "gold.json").is_file():
        return path
    reason = f"shared corpus not found at {path} (expected seeds/gold.json there)"
    if _in_ci():
        pytest.fail(f"{reason}; CI=true requires it", pytrace=False)
    pytest.skip(reason)


def load_gold(path: Path) -> dict[str, dict[str, Any]]:
    """Gold entries by source file name, from a gold.json file or the folder holding one."""
    path = Path(path)
    if path.is_dir():
        path = path / "gold.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {entry["source"]: entry for entry in data["articles"]}
