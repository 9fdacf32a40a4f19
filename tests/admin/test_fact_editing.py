"""Editors confirm, change, reject and add facts through the admin's own pages.

The state rules under test are written at the top of rounds/services.py.
"""

from __future__ import annotations

import pytest
from django.contrib.admin.models import ADDITION, CHANGE

from rounds.models import Delegation, Observer, Participant, Party, Round, RoundTopic, Topic
from rounds.provenance import EditorialState

from .conftest import (
    admin_url,
    change_form_data,
    history,
    make_delegation,
    post_action,
    post_change_form,
)

pytestmark = pytest.mark.django_db

EXTRACTED = EditorialState.EXTRACTED
CONFIRMED = EditorialState.CONFIRMED
CHANGED = EditorialState.CHANGED
ADDED = EditorialState.ADDED
REJECTED = EditorialState.REJECTED


@pytest.fixture
def delegation(round14_article) -> Delegation:
    return Delegation.objects.get(round__number=14, party__slug="russia")


def test_changing_a_machine_fact_makes_it_changed_and_logs_it(editor_client, editor, delegation):
    response = post_change_form(editor_client, delegation, {"head_title": "special envoy"})
    assert response.status_code == 302
    delegation.refresh_from_db()
    assert delegation.head_title == "special envoy"
    assert delegation.state == CHANGED
    [entry] = history(delegation)
    assert entry.user == editor and entry.action_flag == CHANGE
    assert (
        "Head" in entry.get_change_message() and "extracted → changed" in entry.get_change_message()
    )


def test_changing_the_head_to_another_participant(editor_client, delegation):
    other = Participant.objects.create(name="Sergei Vershinin")
    post_change_form(editor_client, delegation, {"head": other.pk})
    delegation.refresh_from_db()
    assert (delegation.head, delegation.state) == (other, CHANGED)


def test_changing_party_and_role(editor_client, delegation):
    iran = Party.objects.get(slug="iran")
    post_change_form(editor_client, delegation, {"party": iran.pk, "role": "observer"})
    delegation.refresh_from_db()
    assert (delegation.party, delegation.role, delegation.state) == (iran, "observer", CHANGED)


def test_the_same_party_twice_at_a_round_is_a_form_error_not_a_crash(editor_client, delegation):
    make_delegation(14, "iran")
    response = post_change_form(
        editor_client, delegation, {"party": Party.objects.get(slug="iran").pk}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    delegation.refresh_from_db()
    assert delegation.party.slug == "russia" and delegation.state == EXTRACTED


def test_confirm_button_without_changes_confirms(editor_client, delegation):
    post_change_form(editor_client, delegation, _confirm="Save and confirm")
    delegation.refresh_from_db()
    assert delegation.state == CONFIRMED
    assert "extracted → confirmed" in history(delegation)[-1].get_change_message()


def test_confirm_button_with_a_change_means_changed(editor_client, delegation):
    post_change_form(
        editor_client, delegation, {"head_title": "envoy"}, _confirm="Save and confirm"
    )
    delegation.refresh_from_db()
    assert delegation.state == CHANGED


def test_saving_without_changes_keeps_the_state(editor_client, delegation):
    post_change_form(editor_client, delegation)
    delegation.refresh_from_db()
    assert delegation.state == EXTRACTED


def test_reject_button_makes_a_tombstone(editor_client, delegation, round14_article):
    post_change_form(editor_client, delegation, _reject="Reject")
    delegation.refresh_from_db()
    assert delegation.state == REJECTED
    assert delegation.mentions.count() == 1  # the evidence stays, for the record
    assert not Delegation.objects.public().filter(pk=delegation.pk).exists()


def test_editing_a_rejected_fact_keeps_it_rejected_until_confirmed(editor_client, delegation):
    Delegation.objects.filter(pk=delegation.pk).update(state=REJECTED)
    post_change_form(editor_client, delegation, {"head_title": "envoy"})
    delegation.refresh_from_db()
    assert delegation.state == REJECTED
    post_change_form(editor_client, delegation, _confirm="Save and confirm")
    delegation.refresh_from_db()
    assert delegation.state == CONFIRMED


def test_change_page_shows_evidence_read_only_with_a_link_into_the_article(
    editor_client, delegation, round14_article
):
    response = editor_client.get(admin_url(delegation))
    html = response.text
    sentence = "Russia&#x27;s delegation was led by presidential envoy Alexander Lavrentiev."
    assert sentence in html
    mention = delegation.mentions.get()
    assert f'{admin_url(round14_article)}#m-{mention.start}-{mention.end}"' in html
    # Evidence is not a form: no inputs for the mention rows.
    [evidence] = [f for f in response.context["inline_admin_formsets"]]
    assert not evidence.has_add_permission and not evidence.has_change_permission
    assert 'name="_confirm"' in html and 'name="_reject"' in html


def test_provenance_cannot_be_edited_even_by_posting(editor_client, delegation):
    mention = delegation.mentions.get()
    response = editor_client.post(admin_url(mention), {"sentence": "Forged.", "confidence": "1"})
    assert response.status_code == 403
    mention.refresh_from_db()
    assert mention.sentence.startswith("Russia")


@pytest.mark.parametrize(
    "model, fields",
    [
        (Delegation, {"party": "iran", "role": "guarantor", "head_title": "deputy minister"}),
        (Observer, {"party": "iraq"}),
        (RoundTopic, {"topic": "sanctions"}),
    ],
)
def test_a_fact_added_in_the_admin_is_added(editor_client, editor, model, fields):
    data = {"round": Round.objects.get(number=14).pk}
    for name, value in fields.items():
        if name == "party":
            value = Party.objects.get(slug=value).pk
        elif name == "topic":
            value = Topic.objects.get(slug=value).pk
        data[name] = value
    # The evidence inline is read-only; its (empty) management form still travels.
    prefix = {Delegation: "mentions", Observer: "mentions", RoundTopic: "mentions"}[model]
    data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = editor_client.post(admin_url(model, "add"), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    fact = model.objects.get()
    assert fact.state == ADDED
    assert [e.action_flag for e in history(fact)] == [ADDITION]


def test_round_page_inline_edits_follow_the_same_rules(editor_client, round14_article):
    round14 = Round.objects.get(number=14)
    url = admin_url(round14)
    data = change_form_data(editor_client.get(url))
    # Edit the existing delegation's title and add Iran's in the empty slot of the formset.
    prefix = "delegations"
    data[f"{prefix}-0-head_title"] = "special presidential envoy"
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
    data.update(
        {
            f"{prefix}-{total}-party": str(Party.objects.get(slug="iran").pk),
            f"{prefix}-{total}-role": "guarantor",
            f"{prefix}-{total}-head": "",
            f"{prefix}-{total}-head_title": "",
            f"{prefix}-{total}-round": str(round14.pk),
            f"{prefix}-{total}-id": "",
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302
    russia = Delegation.objects.get(round=round14, party__slug="russia")
    iran = Delegation.objects.get(round=round14, party__slug="iran")
    assert (russia.head_title, russia.state) == ("special presidential envoy", CHANGED)
    assert iran.state == ADDED
    assert "on the page of Round 14" in history(russia)[-1].get_change_message()
    assert history(iran)[-1].action_flag == ADDITION
    assert history(round14), "the round's own history records the inline edit"


def test_confirm_a_round_and_correct_its_dates_and_city(editor_client):
    round23 = Round.objects.create(number=23, city="Astana", confirmed=False)
    response = post_change_form(
        editor_client,
        round23,
        {"start": "2025-06-02", "end": "2025-06-03", "city": "Astana", "confirmed": "on"},
    )
    assert response.status_code == 302
    round23.refresh_from_db()
    assert round23.confirmed and str(round23.start) == "2025-06-02"


def test_round_end_before_start_is_refused(editor_client):
    round14 = Round.objects.get(number=14)
    response = post_change_form(editor_client, round14, {"end": "2019-12-01"})
    assert response.status_code == 200 and response.context["errors"]


def test_confirm_rounds_action(editor_client):
    inferred = [Round.objects.create(number=n, confirmed=False) for n in (23, 24)]
    post_action(editor_client, Round, "confirm_rounds", inferred)
    assert Round.objects.filter(number__in=[23, 24], confirmed=True).count() == 2
    assert "Confirmed the round" in history(inferred[0])[-1].change_message


# --- List actions ---------------------------------------------------------------------


@pytest.fixture
def many_facts(round14_article):
    facts = [
        make_delegation(14, "iran"),
        make_delegation(14, "turkey", state=CHANGED),
        make_delegation(14, "syrian-government", state=REJECTED),
    ]
    return [Delegation.objects.get(party__slug="russia"), *facts]


def test_confirm_action_confirms_many_and_leaves_editors_facts(editor_client, many_facts):
    response = post_action(editor_client, Delegation, "confirm_selected", many_facts)
    assert response.status_code == 302
    states = dict(Delegation.objects.values_list("party__slug", "state"))
    assert states == {
        "russia": CONFIRMED,
        "iran": CONFIRMED,
        "turkey": CHANGED,  # already an editor's word
        "syrian-government": CONFIRMED,  # a rejection undone
    }
    assert history(many_facts[0])[-1].change_message == "Confirmed (list action)."
    assert history(many_facts[2]) == []


def test_reject_action_rejects_many_and_logs_each(editor_client, many_facts):
    post_action(editor_client, Delegation, "reject_selected", many_facts[:3])
    assert set(Delegation.objects.filter(state=REJECTED).values_list("party__slug", flat=True)) == {
        "russia",
        "iran",
        "turkey",
        "syrian-government",
    }
    assert all(history(f)[-1].change_message == "Rejected (list action)." for f in many_facts[:3])


def test_return_to_ingest_only_for_facts_an_article_supports(editor_client, many_facts):
    russia, _, turkey, _ = many_facts
    Delegation.objects.filter(pk=russia.pk).update(state=REJECTED)
    response = post_action(editor_client, Delegation, "return_to_ingest", [russia, turkey])
    assert response.status_code == 302
    russia.refresh_from_db()
    turkey.refresh_from_db()
    assert russia.state == EXTRACTED  # it has a mention: ingest owns it again
    assert turkey.state == CHANGED  # no article behind it: refused
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("no article behind it" in m for m in messages)


def test_filters_by_round_party_role_and_state(editor_client, many_facts):
    url = admin_url(Delegation, "changelist")
    russia = Party.objects.get(slug="russia")
    cases = [
        ({"state__exact": "changed"}, {"turkey"}),
        ({"state__exact": "rejected"}, {"syrian-government"}),
        ({"party__id__exact": russia.pk}, {"russia"}),
        ({"role__exact": "government"}, {"syrian-government"}),
        ({"round__id__exact": Round.objects.get(number=14).pk, "evidence": "yes"}, {"russia"}),
        ({"round__id__exact": Round.objects.get(number=1).pk}, set()),
    ]
    for params, expected in cases:
        response = editor_client.get(url, params)
        shown = {d.party.slug for d in response.context["cl"].result_list}
        assert shown == expected, params


def test_actions_are_on_offer_and_bulk_delete_is_not(editor_client, delegation):
    response = editor_client.get(admin_url(Delegation, "changelist"))
    choices = dict(response.context["action_form"].fields["action"].choices)
    assert {"confirm_selected", "reject_selected", "return_to_ingest"} <= set(choices)
    assert "delete_selected" not in choices


def test_editor_deletes_only_facts_an_editor_added(editor_client, delegation):
    assert editor_client.get(admin_url(delegation, "delete")).status_code == 403
    added = make_delegation(14, "iran", state=ADDED)
    response = editor_client.post(admin_url(added, "delete"), {"post": "yes"})
    assert response.status_code == 302
    assert not Delegation.objects.filter(pk=added.pk).exists()


def test_history_page_shows_who_changed_what(editor_client, delegation):
    post_change_form(editor_client, delegation, {"head_title": "envoy"})
    response = editor_client.get(admin_url(delegation, "history"))
    assert response.status_code == 200
    assert "editor" in response.text and "Changed Head" in response.text
