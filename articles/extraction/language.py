"""The language an article is written in: an ISO 639-1 code, or "und" when undecidable.

py3langid (a maintained fork of langid.py, its naive Bayes model shipped inside the package,
no download) names the language. Its model is loaded once per process, the first time an
article is not plainly English. Plain English - the bulk of the archive - is recognised by
its share of English function words first, which costs a twentieth of the model and, on the
real development pages, gives the same answer on every page: non-English news, even with
English names and loanwords in it, stays far below the share English prose reaches.
"""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

from .plaintext import count_words

__all__ = ["UNDETERMINED", "detect_language", "load_model"]

UNDETERMINED = "und"  # ISO 639-2 "undetermined"
# How much of the text is read: the top of a page decides, and the cost stays flat. The
# model needs less (on the development pages 400 characters already named every language
# right; it costs about a millisecond per thousand).
_SAMPLE_CHARS = 3000
_MODEL_SAMPLE_CHARS = 1000
# English news runs at 25-40% function words; other languages' pages stay under 5%.
_EN_FUNCTION_SHARE = 0.12
_FAST_MIN_WORDS = 30
# Below this many words no language is named, unless the page declares one.
_MIN_WORDS = 3
# The model's normalised probability that a named language needs.
_MIN_PROBABILITY = 0.5


@cache
def load_model() -> LanguageIdentifier:
    """The language model (loaded once a process, half a second)."""
    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def _declared_code(declared: str | None) -> str | None:
    if not declared:
        return None
    primary = declared.replace("_", "-").split("-")[0].strip().lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


def detect_language(text: str, declared: str | None = None) -> str:
    """The ISO 639-1 code of the language `text` is written in; `declared` (an HTML lang
    attribute such as "de-AT") is the answer only when the text itself cannot tell."""
    sample = text[:_SAMPLE_CHARS]
    words, function_words = count_words(sample)
    if words >= _FAST_MIN_WORDS and function_words / words >= _EN_FUNCTION_SHARE:
        return "en"
    fallback = _declared_code(declared) or UNDETERMINED
    if words < _MIN_WORDS:
        return fallback
    code, probability = load_model().classify(sample[:_MODEL_SAMPLE_CHARS])
    return code if probability >= _MIN_PROBABILITY else fallback
