"""The unfiltered lists and grids keep their facet counts per archive version
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
