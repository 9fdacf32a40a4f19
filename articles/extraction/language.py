"""The language an article is written in."""

from __future__ import annotations

from .plaintext import count_words


def detect_language(text: str, declared: str | None = None) -> str:
    """'en' when the text reads as English, else the page's declared language or 'und'.

    A function-word count is enough to tell English news from anything else; it does not
    try to name other languages.
    """
    words, function_words = count_words(text[:3000])
    if words and function_words / words >= 0.12:
        return "en"
    if declared:
        primary = declared.split("-")[0].strip().lower()
        if primary and primary != "en":
            return primary
    return "und" if words else "en"
