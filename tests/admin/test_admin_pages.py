"""Every admin page of the archive loads, for a superuser and for an editor, in few queries."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from rounds.models import (
    Delegation,
    DelegationMention,
    Observer,
    ObserverMention,
    Participant,
    ParticipantAlias,
    Party,
    PartyAlias,
    Round,
    RoundTopic,
    Topic,
    TopicMention,
)

from .conftest import admin_url, make_article, make_delegation

pytestmark = pytest.mark.django_db

ARCHIVE_MODELS = [
    Round,
    Party,
    PartyAlias,
    Topic,
    Participant,
    ParticipantAlias,
    Delegation,
    Observer,
    RoundTopic,
    DelegationMention,
    ObserverMention,
    TopicMention,
    Article,
]


def test_every_archive_model_is_registered():
    registered = {model for model in admin.site._registry if model._meta.app_label != "auth"}
    assert registered == set(ARCHIVE_MODELS)


def test_site_header(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "Astana talks archive — editors" in response.text


@pytest.mark.parametrize("model", ARCHIVE_MODELS, ids=lambda m: m._meta.model_name)
@pytest.mark.parametrize("who", ["superuser", "editor"])
def test_changelist_and_change_page_load(request, round14_article, model, who):
    client = request.getfixturevalue("admin_client" if who == "superuser" else "editor_client")
    if model is ParticipantAlias:
        ParticipantAlias.objects.create(participant=Participant.objects.get(), name="A. Lavrentiev")
    response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    obj = model.objects.first()
    assert obj is not None, f"no {model.__name__} row to open"
    response = client.get(admin_url(obj))
    assert response.status_code == 200
    assert response.context["original"] == obj
    assert client.get(admin_url(obj, "history")).status_code == 200


@pytest.mark.parametrize(
    "model", [Round, Participant, ParticipantAlias, PartyAlias, Delegation, Observer, RoundTopic]
)
@pytest.mark.parametrize("who", ["superuser", "editor"])
def test_add_page_loads_where_editors_add(request, model, who):
    client = request.getfixturevalue("admin_client" if who == "superuser" else "editor_client")
    assert client.get(admin_url(model, "add")).status_code == 200


def test_changelist_search_and_filters_work(admin_client, round14_article):
    cases = [
        (Delegation, {"q": "Lavrentiev"}, 1),
        (Delegation, {"q": "14"}, 1),
        (Delegation, {"q": "Iran"}, 0),
        (Delegation, {"state__exact": "extracted", "party__id__exact": "1"}, 1),
        (Delegation, {"evidence": "no"}, 0),
        (Round, {"q": "Sochi"}, 2),
        (Round, {"q": "14"}, 1),
        (Article, {"q": "Lavrentiev"}, 1),
        (Article, {"linked": "no"}, 0),
        (Participant, {"q": "lavrentiev"}, 1),
        (DelegationMention, {"q": "presidential envoy"}, 1),
        (Topic, {"q": "idlib"}, 1),
    ]
    for model, params, expected in cases:
        response = admin_client.get(admin_url(model, "changelist"), params)
        assert response.status_code == 200, (model, params)
        assert response.context["cl"].result_count == expected, (model, params)


def test_autocomplete_serves_editors(editor_client, round14_article):
    response = editor_client.get(
        "/admin/autocomplete/",
        {"term": "lavr", "app_label": "rounds", "model_name": "delegation", "field_name": "head"},
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Alexander Lavrentiev"]


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _add_rows(n: int, offset: int) -> None:
    """n more rows in every list: articles, participants, delegations with mentions."""
    parties = ["russia", "iran", "turkey", "syrian-government", "syrian-opposition", "jordan"]
    for i in range(n):
        text = f"Delegation number {offset + i} arrived in Astana for the round."
        round_number = 1 + (offset + i) % 22
        article = make_article(text)
        head = Participant.objects.create(name=f"Envoy {offset + i}")
        ParticipantAlias.objects.create(participant=head, name=f"E. {offset + i}")
        party = parties[(offset + i) // 22 % len(parties)]
        make_delegation(round_number, party, head, article=article, sentence=text)


@pytest.mark.parametrize(
    "model", [Article, Delegation, Participant, Round, Party, DelegationMention, Observer]
)
def test_changelist_query_count_does_not_grow_with_rows(admin_client, model):
    url = admin_url(model, "changelist")
    _add_rows(5, 0)
    few = _queries(admin_client, url)
    _add_rows(20, 5)
    many = _queries(admin_client, url)
    assert many == few, f"{model.__name__}: {few} queries for 5 rows, {many} for 25"
    assert few <= 12


def test_round_page_query_count_is_bounded(admin_client, round14_article):
    # Each inline autocomplete widget fetches its selected option: a query per row is
    # Django's, so this budget is per fact shown, checked to stay small.
    url = admin_url(Round.objects.get(number=14))
    assert _queries(admin_client, url) <= 30


def test_fact_lists_show_state_badges_and_pages_link_to_the_public_round(
    editor_client, round14_article
):
    response = editor_client.get(admin_url(Delegation, "changelist"))
    assert 'class="state-badge state-extracted" title="Extracted">Extracted<' in response.text
    delegation = Delegation.objects.get()
    response = editor_client.get(admin_url(delegation))
    round_type = ContentType.objects.get_for_model(Round)
    assert response.context["absolute_url"] == f"/admin/r/{round_type.pk}/{delegation.round_id}/"
