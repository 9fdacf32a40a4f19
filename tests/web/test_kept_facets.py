"""The unfiltered lists and grids, and searches, keep their facet counts per archive version
(rounds/aggregates.py `per_version`): an editor's change shows in them on the next request."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from rounds.models import Delegation


def option_label(html: str, value: str) -> str:
    match = re.search(rf'<option value="{value}"[^>]*>([^<]*)</option>', html)
    assert match, f"no option {value!r}"
    return match.group(1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["rounds:round-list", "rounds:delegation-grid", "rounds:delegation-list"]
)
def test_the_party_facet_counts_a_deleted_delegation_at_once(client, many_rows, settings, name):
    settings.PAGE_CACHE_SECONDS = 0  # what a visitor sees when the page itself is made again
    url = reverse(name)
    assert option_label(client.get(url).content.decode(), "russia") == "Russia (22)"
    assert option_label(client.get(url).content.decode(), "russia") == "Russia (22)"  # kept

    Delegation.objects.get(round__number=5, party__slug="russia").delete()  # as the admin does

    assert option_label(client.get(url).content.decode(), "russia") == "Russia (21)"


@pytest.mark.django_db
def test_a_filtered_page_counts_its_own_rows(client, many_rows):
    """Kept counts are the unfiltered page's only: a filter counts the rows it leaves."""
    html = client.get(reverse("rounds:delegation-list") + "?round_to=10").content.decode()
    assert option_label(html, "russia") == "Russia (10)"


@pytest.mark.django_db
def test_a_search_keeps_its_counts_until_the_archive_changes(
    client, build, settings, django_assert_max_num_queries
):
    """A search's facet counts are kept per archive version: the same search again reads
    none of them, and a new matching article counts on the next request."""
    settings.PAGE_CACHE_SECONDS = 0
    for n in range(2):
        build.article(f"The ceasefire held on day {n}.", title=f"Truce {n}", round=5)
    build.article("Talks on the constitution went on.", title="Other", round=5)
    url = reverse("articles:article-list") + "?q=ceasefire"
    first = client.get(url).content.decode()
    assert option_label(first, "5") == "Round 5 (2)"
    with django_assert_max_num_queries(4):  # the version, the page's rows and their rounds
        again = client.get(url).content.decode()
    assert option_label(again, "5") == "Round 5 (2)"

    build.article("A new ceasefire was agreed.", title="Truce 3", round=5)  # as ingest does

    assert option_label(client.get(url).content.decode(), "5") == "Round 5 (3)"


@pytest.mark.django_db
def test_a_spelling_added_by_an_editor_is_searched_at_once(client, build, settings):
    """The people's names a search looks its words up in are kept per archive version too:
    an alias added in the admin finds, on the next search, the articles naming that person."""
    settings.PAGE_CACHE_SECONDS = 0
    person = build.participant("Ali Asghar Khaji")
    text = "Khaji led the delegation of Iran."
    article = build.article(text, title="Khaji leads", round=5)
    build.delegation(5, "iran", person, article=article, sentence=text)
    url = reverse("articles:article-list") + "?q=Gadzhi"
    assert "Khaji leads" not in client.get(url).content.decode()

    person.aliases.create(name="Ali Asghar Gadzhi")

    assert "Khaji leads" in client.get(url).content.decode()
