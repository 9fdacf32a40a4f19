"""Pattern data files (`patterns/*.json`) loaded once and frozen.

Rules read their word lists from here. Everything returned is immutable (tuples, frozensets,
read-only mappings), so no caller can change the patterns another caller sees.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

PATTERNS_DIR = Path(__file__).resolve().parent / "patterns"


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({key: _freeze(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(item) for item in value)
    return value


@cache
def load(name: str) -> Any:
    """The frozen content of `patterns/<name>.json` (keys starting with '_' are notes)."""
    raw = json.loads((PATTERNS_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return _freeze({key: value for key, value in raw.items() if not key.startswith("_")})


@cache
def word_set(name: str, key: str) -> frozenset[str]:
    """A list from a pattern file as a frozenset of lower-case strings."""
    return frozenset(str(item).lower() for item in load(name)[key])


_EMPTY: Any = MappingProxyType({})


@cache
def for_language(name: str, lang: str) -> Any:
    """The word data of `patterns/<name>.json` for one language: the top level for English,
    the block under "languages" for any other (empty when the file has none for `lang`).

    Each language's block has the same keys as the English top level, so a rule reads
    `for_language("rounds", nlp.lang)["ordinal_words"]` whatever the language; a key a
    block leaves out means the rule has no words for that language.
    """
    data = load(name)
    if lang == "en":
        return data
    return data.get("languages", {}).get(lang, _EMPTY)
