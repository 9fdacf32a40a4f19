"""Editors' history (django-reversion): values before and after each change, reasons for
rejects and additions, merges that can be undone, and no delete beside merge."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import CHANGE
from reversion.models import Version

from rounds import history as versions
from rounds.models import (
    Delegation,
    DelegationMention,
    Participant,
    ParticipantAlias,
    Party,
    Round,
)
from rounds.provenance import EditorialState

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


@pytest.fixture
def delegation(round14_article) -> Delegation:
    return Delegation.objects.get(round__number=14, party__slug="russia")


def test_ingest_writes_record_no_version(delegation):
    # Facts written outside the admin (as ingest writes them) cost no history rows.
    assert Version.objects.count() == 0


def test_history_shows_the_head_before_and_after_an_edit(editor_client, delegation):
    other = Participant.objects.create(name="Sergei Vershinin")
    post_change_form(editor_client, delegation, {"head": other.pk})
    steps = versions.history_steps(delegation)
    # The value ingest left (baseline) and the editor's value, in that order.
    assert steps[0].version.revision.get_comment() == versions.BASELINE_COMMENT
    head_change = next(c for c in steps[-1].changes if c.field == "head")
    assert (head_change.before, head_change.after) == ("Alexander Lavrentiev", "Sergei Vershinin")
    page = editor_client.get(admin_url(delegation, "history"))
    assert "Values before and after each change" in page.text
    assert "Alexander Lavrentiev" in page.text and "Sergei Vershinin" in page.text


def test_a_second_edit_records_no_second_baseline(editor_client, delegation):
    post_change_form(editor_client, delegation, {"head_title": "envoy"})
    post_change_form(editor_client, delegation, {"head_title": "special envoy"})
    comments = [s.version.revision.get_comment() for s in versions.history_steps(delegation)]
    assert comments.count(versions.BASELINE_COMMENT) == 1
    assert len(comments) == 3


def test_reject_button_says_rejected_with_its_reason(editor_client, delegation):
    response = post_change_form(
        editor_client, delegation, {"editor_note": "The article confused two rounds."},
        _reject="Reject",
    )  # fmt: skip
    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("was rejected" in m for m in messages)
    assert not any("changed successfully" in m for m in messages)
    delegation.refresh_from_db()
    assert delegation.state == EditorialState.REJECTED
    entry = history(delegation)[-1]
    assert entry.get_change_message().startswith("Rejected")
    assert "Reason: The article confused two rounds." in entry.get_change_message()
    state_change = next(
        c for c in versions.history_steps(delegation)[-1].changes if c.field == "state"
    )
    assert state_change.after == "Rejected by an editor"


def test_reject_action_takes_a_reason_for_every_fact(editor_client, delegation):
    post_action(
        editor_client, Delegation, "reject_selected", [delegation], note="Duplicate report."
    )
    delegation.refresh_from_db()
    assert delegation.state == EditorialState.REJECTED
    assert delegation.editor_note == "Duplicate report."
    assert "Reason: Duplicate report." in history(delegation)[-1].change_message
    steps = versions.history_steps(delegation)
    assert steps[0].version.field_dict["state"] == EditorialState.EXTRACTED
    assert steps[-1].version.field_dict["state"] == EditorialState.REJECTED


def test_an_added_fact_keeps_its_source(editor_client, round14_article):
    url = admin_url(Delegation, "add")
    data = change_form_data(editor_client.get(url))
    turkey = Party.objects.get(slug="turkey")
    data.update(
        round=Round.objects.get(number=14).pk,
        party=turkey.pk,
        role="guarantor",
        editor_note="Ministry statement of 10 December 2019",
    )
    assert editor_client.post(url, data).status_code == 302
    added = Delegation.objects.get(round__number=14, party=turkey)
    assert added.state == EditorialState.ADDED
    assert added.editor_note == "Ministry statement of 10 December 2019"
    assert "Source: Ministry statement" in history(added)[-1].get_change_message()


# --- Merges ---------------------------------------------------------------------------


@pytest.fixture
def two_records():
    sousan = Participant.objects.create(name="Ayman Sousan")
    ParticipantAlias.objects.create(participant=sousan, name="Deputy FM Sousan")
    susan = Participant.objects.create(name="Ayman Susan")
    ParticipantAlias.objects.create(participant=susan, name="A. Susan")
    text_a = "The Syrian government delegation was headed by Ayman Sousan."
    text_b = "Damascus sent a delegation led by Ayman Susan."
    make_delegation(19, "syrian-government", sousan, article=make_article(text_a), sentence=text_a)
    make_delegation(20, "syrian-government", susan, article=make_article(text_b), sentence=text_b)
    return sousan, susan


def merge(client, survivor, other):
    return post_action(
        client, Participant, "merge_selected", [survivor, other], post="yes",
        survivor=str(survivor.pk),
    )  # fmt: skip


def test_a_merge_can_be_undone(editor_client, two_records):
    sousan, susan = two_records
    response = merge(editor_client, sousan, susan)
    assert response.status_code == 302
    assert not Participant.objects.filter(pk=susan.pk).exists()
    [message] = [str(m) for m in response.wsgi_request._messages]
    assert "Undo this merge" in message and "/undo-merge/" in message
    page = editor_client.get(admin_url(sousan))
    assert "Undo this merge" in page.text
    [revision] = versions.merge_revisions(sousan)
    undo_url = f"/admin/rounds/participant/undo-merge/{revision.pk}/"
    assert "Ayman Susan" in editor_client.get(undo_url).text

    assert editor_client.post(undo_url).status_code == 302
    restored = Participant.objects.get(pk=susan.pk)
    assert restored.name == "Ayman Susan" and restored.slug == susan.slug
    assert set(restored.aliases.values_list("name", flat=True)) == {"A. Susan"}
    assert set(sousan.aliases.values_list("name", flat=True)) == {"Deputy FM Sousan"}
    assert Delegation.objects.get(round__number=20).head == restored
    assert Delegation.objects.get(round__number=19).head == sousan
    assert DelegationMention.objects.get(delegation__round__number=20).head == restored
    assert history(restored)[-1].change_message == "Restored by undoing a merge."
    # Undone once: a second undo changes nothing.
    assert "undone already" in editor_client.get(undo_url).text
    editor_client.post(undo_url)
    assert Participant.objects.count() == 2


def test_undo_keeps_later_edits_of_the_moved_delegation(editor_client, two_records):
    sousan, susan = two_records
    merge(editor_client, sousan, susan)
    moved = Delegation.objects.get(round__number=20)
    post_change_form(editor_client, moved, {"head_title": "deputy foreign minister"})
    [revision] = versions.merge_revisions(sousan)
    versions.undo_merge(revision)
    moved.refresh_from_db()
    assert moved.head_id == susan.pk
    assert moved.head_title == "deputy foreign minister"
    assert moved.state == EditorialState.CHANGED


# --- Delete beside merge ----------------------------------------------------------------


def test_a_participant_with_facts_cannot_be_deleted_only_merged(editor_client, two_records):
    sousan, _ = two_records
    page = editor_client.get(admin_url(sousan))
    assert admin_url(sousan, "delete") not in page.text
    assert editor_client.get(admin_url(sousan, "delete")).status_code == 403
    changelist = editor_client.get(admin_url(Participant, "changelist"))
    assert "merge_selected" in changelist.text
    assert "delete_selected" not in changelist.text


def test_a_participant_without_facts_can_be_deleted(editor_client):
    nobody = Participant.objects.create(name="A Typo Person")
    page = editor_client.get(admin_url(nobody))
    assert admin_url(nobody, "delete") in page.text
    editor_client.post(admin_url(nobody, "delete"), {"post": "yes"})
    assert not Participant.objects.filter(pk=nobody.pk).exists()


def test_list_action_versions_have_the_editor(editor_client, editor, delegation):
    post_action(editor_client, Delegation, "confirm_selected", [delegation])
    last = versions.history_steps(delegation)[-1]
    assert last.version.revision.user == editor
    assert history(delegation)[-1].action_flag == CHANGE


def test_restoring_an_earlier_version_keeps_it_an_editors_fact(editor_client, delegation):
    other = Participant.objects.create(name="Sergei Vershinin")
    post_change_form(editor_client, delegation, {"head": other.pk})
    baseline = versions.history_steps(delegation)[0].version
    url = f"/admin/rounds/delegation/{delegation.pk}/history/{baseline.pk}/"
    form = editor_client.get(url)
    assert form.status_code == 200
    delegation.refresh_from_db()
    assert delegation.head == other  # looking at a version changes nothing
    assert editor_client.post(url, change_form_data(form)).status_code == 302
    delegation.refresh_from_db()
    assert delegation.head.name == "Alexander Lavrentiev"
    # Ingest may not overwrite what an editor restored.
    assert delegation.state == EditorialState.CHANGED
    assert "Restored the values of an earlier version" in history(delegation)[-1].change_message


def test_undo_is_refused_while_the_kept_person_is_merged_away(editor_client, two_records):
    sousan, susan = two_records
    merge(editor_client, sousan, susan)
    third = Participant.objects.create(name="Aiman Sousan")
    merge(editor_client, third, sousan)
    first_merge = versions.merge_revisions(susan).last()
    with pytest.raises(ValueError):
        versions.undo_merge(first_merge)
    # Undoing the later merge first, then the earlier one, restores all three.
    versions.undo_merge(versions.merge_revisions(third).first())
    versions.undo_merge(first_merge)
    assert Participant.objects.count() == 3
    assert Delegation.objects.get(round__number=20).head_id == susan.pk
    assert Delegation.objects.get(round__number=19).head_id == sousan.pk


def test_article_history_shows_the_round_link_change_and_offers_no_revert(
    editor_client, round14_article
):
    post_change_form(editor_client, round14_article, {"round": Round.objects.get(number=13).pk})
    steps = versions.history_steps(round14_article)
    change = next(c for c in steps[-1].changes if c.field == "round")
    assert (change.before, change.after) == ("Round 14", "Round 13")
    page = editor_client.get(admin_url(round14_article, "history"))
    assert "values of this version" not in page.text
    url = f"/admin/articles/article/{round14_article.pk}/history/{steps[0].version.pk}/"
    assert editor_client.get(url).status_code == 403


def test_a_fact_added_on_the_round_page_keeps_its_source_and_history(
    editor_client, round14_article
):
    round14 = Round.objects.get(number=14)
    url = admin_url(round14)
    data = change_form_data(editor_client.get(url))
    total = int(data["observers-TOTAL_FORMS"])
    data["observers-TOTAL_FORMS"] = str(total + 1)
    data.update(
        {
            f"observers-{total}-party": str(Party.objects.get(slug="iraq").pk),
            f"observers-{total}-editor_note": "UN press release",
            f"observers-{total}-round": str(round14.pk),
            f"observers-{total}-id": "",
        }
    )
    assert editor_client.post(url, data).status_code == 302
    observer = round14.observers.get(party__slug="iraq")
    assert (observer.state, observer.editor_note) == (EditorialState.ADDED, "UN press release")
    assert history(observer)[-1].get_change_message().endswith("Source: UN press release")
    # The round's revision holds the new fact: its history has a version.
    assert versions.history_steps(observer)
