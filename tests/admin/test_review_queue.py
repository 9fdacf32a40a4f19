"""The review queue on the admin index: what needs an editor, each with a link to it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rounds import review
from rounds.models import Delegation, DelegationMention, Participant, Round
from rounds.provenance import EditorialState

from .conftest import make_article, make_delegation

pytestmark = pytest.mark.django_db


@pytest.fixture
def contested():
    """Round 19's Russian delegation: two articles, two different heads."""
    envoy = Participant.objects.create(name="Ivan Envoyov")
    deputy = Participant.objects.create(name="Pyotr Deputov")
    text_a = "Russia's delegation was led by Ivan Envoyov."
    text_b = "The Russian delegation was headed by Pyotr Deputov."
    delegation = make_delegation(19, "russia", envoy, article=make_article(text_a), sentence=text_a)
    article_b = make_article(text_b)
    start = article_b.text.index(text_b)
    DelegationMention.objects.create(
        delegation=delegation, article=article_b, sentence=text_b, start=start,
        end=start + len(text_b), head=deputy, head_as_written=deputy.name,
    )  # fmt: skip
    return delegation


def test_competing_heads_and_single_article_heads(contested):
    assert list(review.competing_heads()) == [contested]
    # Its head is named by one of the two articles only.
    assert list(review.single_article_heads()) == [contested]
    Delegation.objects.filter(pk=contested.pk).update(state=EditorialState.CONFIRMED)
    assert not review.competing_heads().exists()  # an editor's word settles it


def test_a_head_two_articles_name_is_not_queued():
    head = Participant.objects.create(name="Ivan Envoyov")
    text_a = "Russia's delegation was led by Ivan Envoyov."
    delegation = make_delegation(19, "russia", head, article=make_article(text_a), sentence=text_a)
    other = make_article(text_a)
    DelegationMention.objects.create(
        delegation=delegation, article=other, sentence=text_a, start=other.text.index(text_a),
        end=other.text.index(text_a) + len(text_a), head=head,
    )  # fmt: skip
    assert not review.single_article_heads().exists()
    assert not review.competing_heads().exists()


def test_possible_duplicates_are_people_of_one_party_with_close_names():
    lavrentiev = Participant.objects.create(name="Alexander Lavrentiev")
    lavrentyev = Participant.objects.create(name="Alexander Lavrentyev")
    unrelated = Participant.objects.create(name="Sergei Vershinin")
    make_delegation(19, "russia", lavrentiev)
    make_delegation(20, "russia", lavrentyev)
    make_delegation(21, "russia", unrelated)
    [pair] = review.possible_duplicates()
    assert {pair.first, pair.second} == {lavrentiev, lavrentyev}
    assert pair.party == "Russia"


def test_index_shows_the_queue_with_links(editor_client, contested):
    Round.objects.filter(number=19).update(confirmed=False)
    Participant.objects.create(name="Nobody Heads")
    page = editor_client.get(reverse("admin:index"))
    assert "Review queue" in page.text
    assert "?review=competing" in page.text
    assert "?confirmed__exact=0" in page.text
    assert "?heads=no" in page.text
    listed = editor_client.get(reverse("admin:rounds_delegation_changelist") + "?review=competing")
    assert list(listed.context["cl"].result_list) == [contested]


def test_duplicate_link_lists_the_pair(editor_client):
    a = Participant.objects.create(name="Alexander Lavrentiev")
    b = Participant.objects.create(name="Alexander Lavrentyev")
    make_delegation(19, "russia", a)
    make_delegation(20, "russia", b)
    page = editor_client.get(reverse("admin:index"))
    url = reverse("admin:rounds_participant_changelist") + f"?id__in={a.pk},{b.pk}"
    assert url in page.text
    listed = editor_client.get(url)
    assert set(listed.context["cl"].result_list) == {a, b}
