"""Rounds not on the calendar are shown as inferred everywhere, with their evidence and rule;
the home page prints no stray separator for a round with no date."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rounds.models import Round

pytestmark = pytest.mark.django_db

SENTENCE = "Delegations gathered for the 31st round of the talks."


@pytest.fixture
def inferred(build) -> Round:
    round_ = Round.objects.create(number=31, confirmed=False)
    build.article(
        f"Nur-Sultan. {SENTENCE}", round=31, round_sentence=SENTENCE, publisher="Example Wire"
    )
    return round_


def test_round_page_shows_how_the_round_was_inferred(client, inferred):
    html = client.get(inferred.get_absolute_url()).content.decode()
    section = html.split('id="inferred"')[1].split("</section>")[0]
    assert "not on the calendar" in section
    assert "<code>round:ordinal</code>" in section  # the rule that linked the article
    assert "1 article" in section
    assert SENTENCE in section
    assert 'href="#inferred"' in html


def test_a_calendar_round_has_no_inference_section(client, build):
    html = client.get(reverse("rounds:round-detail", kwargs={"number": 13})).content.decode()
    assert 'id="inferred"' not in html
    assert "badge-inferred" not in html


@pytest.mark.parametrize(
    "url_name",
    [
        "rounds:home",
        "rounds:round-list",
        "rounds:delegation-grid",
        "rounds:topic-grid",
        "rounds:delegation-list",
        "rounds:topic-list",
        "articles:article-list",
    ],
)
def test_every_list_marks_the_inferred_round(client, build, inferred, url_name):
    person = build.participant("Omar Kaya")
    build.delegation(31, "turkey", person)
    build.round_topic(31, "idlib", articles=[(inferred.articles.first(), SENTENCE)])
    html = client.get(reverse(url_name)).content.decode()
    assert "inferred" in html.split("/rounds/31/")[1][:400]


def test_article_page_marks_its_inferred_round(client, inferred):
    article = inferred.articles.first()
    html = client.get(article.get_absolute_url()).content.decode()
    meta = html.split('id="article-meta"')[1].split("</dl>")[0]
    assert "badge-inferred" in meta


def test_home_has_no_stray_separator_for_an_undated_round(client, inferred):
    html = client.get(reverse("rounds:home")).content.decode()
    chip = html.split('data-round="31"')[1].split("</a>")[0]
    assert "·" not in chip
    assert 'class="round-chip-meta"' not in chip  # neither date nor city known
    inferred.city = "Sochi"
    inferred.save()
    chip = client.get(reverse("rounds:home")).content.decode().split('data-round="31"')[1]
    assert '<span class="round-chip-meta">Sochi</span>' in chip.split("</a>")[0]
