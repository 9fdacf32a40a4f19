"""spaCy languages the archive reads that spaCy ships no class for.

Kazakh ("kk"): spaCy has no `spacy.lang.kk`, so `spacy.blank("kk")` would fail. The class
registered here has spaCy's language-neutral defaults, whose tokenizer keeps Kazakh digit
ordinals ("17-ші") in one token, as the rules expect; the words live in the pattern files'
"kk" blocks like every other language's.
"""

from __future__ import annotations

from spacy.language import BaseDefaults, Language
from spacy.util import registry

__all__ = ["Kazakh"]


class KazakhDefaults(BaseDefaults):
    writing_system = {"direction": "ltr", "has_case": True, "has_letters": True}


class Kazakh(Language):
    lang = "kk"
    Defaults = KazakhDefaults


if "kk" not in registry.languages:
    registry.languages.register("kk", func=Kazakh)
