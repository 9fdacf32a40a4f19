"""On the public pages: an added fact shows its source; a signed-in editor sees an "edit"
link beside each fact, which anonymous visitors (served from the page cache) never see."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rounds.models import Delegation, Party, Round
from rounds.provenance import EditorialState

from .conftest import admin_url

pytestmark = pytest.mark.django_db


def round_page(client) -> str:
    return client.get(reverse("rounds:round-detail", kwargs={"number": 14})).text


def test_editor_sees_an_edit_link_beside_each_fact(client, editor, round14_article):
    delegation = Delegation.objects.get(round__number=14, party__slug="russia")
    assert 'class="edit-fact"' not in round_page(client)  # anonymous, then cached
    client.force_login(editor)
    page = round_page(client)
    assert f'href="{admin_url(delegation)}"' in page
    # The delegation, the observer and the topic each have one.
    assert page.count('class="edit-fact"') == 3


@pytest.mark.parametrize(
    "url_of",
    [
        lambda d: reverse("rounds:delegation-list"),
        lambda d: d.party.get_absolute_url(),
        lambda d: d.head.get_absolute_url(),
    ],
    ids=["delegation-list", "party", "participant"],
)
def test_editor_sees_the_edit_link_on_every_delegation_page(
    client, editor, round14_article, url_of
):
    delegation = Delegation.objects.get(round__number=14, party__slug="russia")
    url = url_of(delegation)
    assert 'class="edit-fact"' not in client.get(url).text
    client.force_login(editor)
    assert f'class="edit-fact" href="{admin_url(delegation)}"' in client.get(url).text


def test_added_fact_shows_its_source(client, round14_article):
    Delegation.objects.create(
        round=Round.objects.get(number=14),
        party=Party.objects.get(slug="turkey"),
        role="guarantor",
        state=EditorialState.ADDED,
        editor_note="Ministry statement, 10 December 2019",
    )
    page = round_page(client)
    assert "added by an editor" in page
    assert "Source: Ministry statement, 10 December 2019" in page


def test_a_rejection_reason_is_not_public(client, round14_article):
    Delegation.objects.filter(round__number=14).update(
        state=EditorialState.REJECTED, editor_note="Private reasoning"
    )
    assert "Private reasoning" not in round_page(client)
