"""People: aliases added in the admin, and merging two records of one person."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import CHANGE, DELETION

from articles.services.facts import refresh_participant_names
from rounds.models import Delegation, DelegationMention, Participant, ParticipantAlias
from rounds.services import merge_participants

from .conftest import (
    admin_url,
    change_form_data,
    history,
    make_article,
    make_delegation,
    post_action,
    post_change_form,
)

pytestmark = pytest.mark.django_db


def aliases(participant: Participant) -> set[str]:
    return set(participant.aliases.values_list("name", flat=True))


@pytest.fixture
def two_records_of_one_man():
    """Ingest made two people of Ayman Sousan: one under a transliteration of the other."""
    sousan = Participant.objects.create(name="Ayman Sousan")
    ParticipantAlias.objects.create(participant=sousan, name="Deputy FM Sousan")
    susan = Participant.objects.create(name="Ayman Susan")
    ParticipantAlias.objects.create(participant=susan, name="A. Susan")
    ParticipantAlias.objects.create(participant=susan, name="deputy fm sousan")  # same, any case
    text_a = "The Syrian government delegation was headed by Ayman Sousan."
    text_b = "Damascus sent a delegation led by Ayman Susan."
    make_delegation(19, "syrian-government", sousan, article=make_article(text_a), sentence=text_a)
    make_delegation(20, "syrian-government", susan, article=make_article(text_b), sentence=text_b)
    return sousan, susan


# --- merge_participants(): the service ------------------------------------------------


def test_merge_moves_heads_mentions_and_aliases_to_the_survivor(two_records_of_one_man):
    sousan, susan = two_records_of_one_man
    merge_participants(sousan, [susan])
    assert not Participant.objects.filter(pk=susan.pk).exists()
    assert set(Delegation.objects.values_list("head", flat=True)) == {sousan.pk}
    assert set(DelegationMention.objects.values_list("head", flat=True)) == {sousan.pk}
    # The merged name becomes an alias; a spelling already known (any case) is not repeated.
    assert aliases(sousan) == {"Deputy FM Sousan", "Ayman Susan", "A. Susan"}


def test_merge_refuses_nonsense(two_records_of_one_man):
    sousan, susan = two_records_of_one_man
    with pytest.raises(ValueError):
        merge_participants(sousan, [])
    with pytest.raises(ValueError):
        merge_participants(sousan, [sousan, susan])
    with pytest.raises(ValueError):
        merge_participants(sousan, [susan, susan])
    assert Participant.objects.count() == 2


def test_merge_is_one_transaction(two_records_of_one_man, monkeypatch):
    sousan, susan = two_records_of_one_man

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ParticipantAlias.objects, "create", fail)
    with pytest.raises(RuntimeError):
        merge_participants(sousan, [susan])
    assert Participant.objects.filter(pk=susan.pk).exists()
    assert Delegation.objects.get(round__number=20).head == susan
    assert aliases(susan) == {"A. Susan", "deputy fm sousan"}


def test_merge_several_at_once(two_records_of_one_man):
    sousan, susan = two_records_of_one_man
    third = Participant.objects.create(name="Aiman Sousan")
    merge_participants(sousan, [susan, third])
    assert Participant.objects.get() == sousan
    assert "Aiman Sousan" in aliases(sousan)


# --- The merge action and its confirmation page ---------------------------------------


def test_merge_action_asks_which_record_to_keep(editor_client, two_records_of_one_man):
    sousan, susan = two_records_of_one_man
    response = post_action(editor_client, Participant, "merge_selected", [sousan, susan])
    assert response.status_code == 200
    assert response.templates[0].name == "admin/rounds/participant/merge_confirmation.html"
    assert "Ayman Susan" in response.text and "A. Susan" in response.text
    assert Participant.objects.count() == 2  # nothing merged yet


def test_merge_action_merges_into_the_chosen_record_and_writes_history(
    editor_client, editor, two_records_of_one_man
):
    sousan, susan = two_records_of_one_man
    response = post_action(
        editor_client,
        Participant,
        "merge_selected",
        [sousan, susan],
        post="yes",
        survivor=str(sousan.pk),
    )
    assert response.status_code == 302
    assert list(Participant.objects.all()) == [sousan]
    assert "Ayman Susan" in aliases(sousan)
    [survivor_entry] = history(sousan)
    assert (survivor_entry.user, survivor_entry.action_flag) == (editor, CHANGE)
    assert "Merged Ayman Susan" in survivor_entry.change_message
    [deleted_entry] = history(susan)
    assert deleted_entry.action_flag == DELETION
    assert deleted_entry.change_message == f"Merged into Ayman Sousan (#{sousan.pk})."
    [moved_entry] = history(Delegation.objects.get(round__number=20))
    assert "merged into Ayman Sousan" in moved_entry.change_message


def test_merge_action_needs_two_participants(editor_client, two_records_of_one_man):
    response = post_action(
        editor_client, Participant, "merge_selected", two_records_of_one_man[:1], post="yes"
    )
    assert response.status_code == 302
    assert Participant.objects.count() == 2


def test_merge_action_refuses_a_survivor_outside_the_selection(
    editor_client, two_records_of_one_man
):
    stranger = Participant.objects.create(name="Staffan de Mistura")
    response = post_action(
        editor_client,
        Participant,
        "merge_selected",
        two_records_of_one_man,
        post="yes",
        survivor=str(stranger.pk),
    )
    assert response.status_code == 200  # the confirmation page again, with the error
    assert response.context["form"].errors
    assert Participant.objects.count() == 3


# --- Aliases in the admin -----------------------------------------------------------


def test_alias_added_on_the_participant_page_is_marked_as_the_editors(editor_client):
    haji = Participant.objects.create(name="Asghar Hajji")
    url = admin_url(haji)
    data = change_form_data(editor_client.get(url))
    data["aliases-0-name"] = "Asgar Haji"
    response = editor_client.post(url, data)
    assert response.status_code == 302
    alias = ParticipantAlias.objects.get(participant=haji)
    assert (alias.name, alias.added_by_editor) == ("Asgar Haji", True)
    assert "Asgar Haji" in history(haji)[-1].get_change_message()


def test_alias_removed_on_the_participant_page(editor_client):
    haji = Participant.objects.create(name="Asghar Hajji")
    ParticipantAlias.objects.create(participant=haji, name="Asgar Haji")
    url = admin_url(haji)
    data = change_form_data(editor_client.get(url))
    data["aliases-0-DELETE"] = "on"
    assert editor_client.post(url, data).status_code == 302
    assert not ParticipantAlias.objects.exists()


def test_the_same_alias_twice_is_a_form_error(editor_client):
    haji = Participant.objects.create(name="Asghar Hajji")
    ParticipantAlias.objects.create(participant=haji, name="Asgar Haji")
    url = admin_url(haji)
    data = change_form_data(editor_client.get(url))
    data["aliases-1-name"] = "ASGAR HAJI"
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert ParticipantAlias.objects.count() == 1


def test_new_participant_with_aliases(editor_client):
    data = {
        "name": "Geir Pedersen",
        "aliases-TOTAL_FORMS": "2",
        "aliases-INITIAL_FORMS": "0",
        "aliases-0-name": "Geir O. Pedersen",
        "aliases-1-name": "UN envoy Pedersen",
        "delegations_headed-TOTAL_FORMS": "0",
        "delegations_headed-INITIAL_FORMS": "0",
    }
    response = editor_client.post(admin_url(Participant, "add"), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    pedersen = Participant.objects.get(name="Geir Pedersen")
    assert pedersen.slug == "geir-pedersen"
    assert aliases(pedersen) == {"Geir O. Pedersen", "UN envoy Pedersen"}


def test_participant_page_lists_the_delegations_headed_read_only(
    editor_client, two_records_of_one_man
):
    sousan, _ = two_records_of_one_man
    response = editor_client.get(admin_url(sousan))
    html = response.text
    assert "Syrian government at Round 19" in html or "Round 19" in html
    headed = [f for f in response.context["inline_admin_formsets"] if f.opts.fk_name == "head"]
    assert headed and not headed[0].has_change_permission


def test_renaming_keeps_the_public_slug(editor_client):
    haji = Participant.objects.create(name="Asghar Hajji")
    post_change_form(editor_client, haji, {"name": "Ali Asghar Khaji"})
    haji.refresh_from_db()
    assert (haji.name, haji.slug) == ("Ali Asghar Khaji", "asghar-hajji")


def test_renaming_in_the_admin_locks_the_name_against_ingest(editor_client):
    person = Participant.objects.create(name="Hussein Gabri Ansari")
    response = post_change_form(editor_client, person, {"name": "Hossein Jaberi Ansari"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.name, person.name_locked) == ("Hossein Jaberi Ansari", True)
    assert refresh_participant_names([person.pk]) == 0
