"""Extraction layer: article text in, round, delegations, observers and topics out.

Plain Python and spaCy, no Django. See articles/README.md for the layers and how to add or
fix a rule. The ingest service uses `pipeline.Extractor`, `people.NameIndex` and
`evaluation.score`.
"""

from . import spacy_languages  # noqa: F401  (registers spaCy classes for languages it lacks)
