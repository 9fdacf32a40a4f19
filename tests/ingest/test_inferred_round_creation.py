"""A round not on the calendar is created (unconfirmed) only from a firm mention: ingesting an
article that names it in passing or as a tentative plan creates no round."""

from __future__ import annotations

import pytest

from articles.models import Article
from rounds.models import Round
from tests.ingest.conftest import ROUND_23, write

pytestmark = pytest.mark.django_db

TENTATIVE = """\
 date 2025-05-20 ASTANA - The guarantors of the Astana format discussed the humanitarian \
situation in Syria by video link on Tuesday, the Kazakh foreign ministry said.

The 23rd international meeting on Syria in the Astana format is tentatively planned for the \
autumn and may take place in the Kazakh capital, a ministry spokesman said.
"""

RETROSPECTIVE = """\
 date 2025-05-20 ASTANA - The guarantors of the Astana format exchanged views on Syria, the \
Kazakh foreign ministry said on Tuesday.

The envoys recalled the prisoner exchanges agreed at the 23rd round.
"""


@pytest.mark.parametrize("text", [TENTATIVE, RETROSPECTIVE], ids=["tentative", "retrospective"])
def test_no_round_is_inferred_from_a_tentative_or_passing_mention(tmp_path, ingest, text):
    write(tmp_path, "a.txt", text)
    code, _, _ = ingest(tmp_path)
    assert code == 0
    assert not Round.objects.filter(number=23).exists()
    assert Round.objects.filter(confirmed=False).count() == 0
    article = Article.objects.get()
    assert article.round is None
    # The editor sees the round that was turned down, and why, on the article.
    assert "23" in article.round_candidates


def test_a_firmly_reported_round_is_still_inferred_unconfirmed(tmp_path, ingest):
    write(tmp_path, "a.txt", TENTATIVE)
    write(tmp_path, "b.txt", ROUND_23)
    code, _, _ = ingest(tmp_path)
    assert code == 0
    round_23 = Round.objects.get(number=23)
    assert not round_23.confirmed
    assert list(round_23.articles.values_list("source_name", flat=True)) == ["b.txt"]
