"""A merged participant's old URL leads to the survivor: each merge records it (the admin's
action and `manage.py merge_duplicate_participants`), a later merge of the survivor carries
it along, and undoing the merge gives the URL back to the restored person."""

from __future__ import annotations

import io
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command

from rounds import history as versions
from rounds.models import MergedParticipantSlug, Participant, ParticipantAlias
from rounds.services import merge_participants

from .conftest import make_article, make_delegation
from .test_history import merge

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_records():
    sousan = Participant.objects.create(name="Ayman Sousan")
    susan = Participant.objects.create(name="Ayman Susan")
    ParticipantAlias.objects.create(participant=susan, name="A. Susan")
    text = "Damascus sent a delegation led by Ayman Susan."
    make_delegation(20, "syrian-government", susan, article=make_article(text), sentence=text)
    return sousan, susan


def merge_in_admin(client, survivor, other):
    assert merge(client, survivor, other).status_code == 302


def test_the_admin_merge_records_the_old_url(editor_client, client, two_records):
    sousan, susan = two_records
    old_url = susan.get_absolute_url()
    merge_in_admin(editor_client, sousan, susan)
    assert MergedParticipantSlug.objects.get(slug=susan.slug).participant == sousan
    response = client.get(old_url + "?page=2")
    assert response.status_code == 301
    assert response["Location"] == sousan.get_absolute_url() + "?page=2"


def test_the_url_is_recorded_not_guessed_from_aliases(client, two_records):
    """The survivor drops the merged name from its aliases: the old URL still leads to it."""
    sousan, susan = two_records
    merge_participants(sousan, [susan])
    sousan.aliases.all().delete()
    response = client.get(f"/participants/{susan.slug}/")
    assert response.status_code == 301
    assert response["Location"] == sousan.get_absolute_url()


def test_a_name_alias_without_a_merge_redirects_nowhere(client, db):
    person = Participant.objects.create(name="Sedat Onal")
    ParticipantAlias.objects.create(participant=person, name="Sedat Önal Second")
    assert client.get("/participants/sedat-onal-second/").status_code == 404


def test_the_command_records_the_old_urls(client, db):
    first = Participant.objects.create(name="Ali Asghar Khaji")
    # A second record of the same name, as an older ingest made them (no name key yet).
    second = Participant.objects.create(name="Ali Asghar Khaji Dup")
    Participant.objects.filter(pk=second.pk).update(name="Ali Asghar Khaji", name_key="")
    out = io.StringIO()
    call_command("merge_duplicate_participants", stdout=out)
    assert "1 name(s) with duplicates merged" in out.getvalue()
    survivor = Participant.objects.get()
    gone = second if survivor == first else first
    response = client.get(f"/participants/{gone.slug}/")
    assert response.status_code == 301
    assert response["Location"] == survivor.get_absolute_url()


def test_a_chain_of_merges_leads_to_the_last_survivor(client, db):
    a, b, c = (Participant.objects.create(name=n) for n in ("Ahmad Tohme", "A. Tohme", "Tohme"))
    merge_participants(b, [a])
    merge_participants(c, [b])
    for gone in (a, b):
        response = client.get(f"/participants/{gone.slug}/")
        assert response.status_code == 301
        assert response["Location"] == c.get_absolute_url()


def test_undoing_the_merge_removes_the_redirect(editor_client, client, two_records):
    sousan, susan = two_records
    merge_in_admin(editor_client, sousan, susan)
    [revision] = versions.merge_revisions(sousan)
    assert editor_client.post(f"/admin/rounds/participant/undo-merge/{revision.pk}/").status_code
    assert not MergedParticipantSlug.objects.filter(slug=susan.slug).exists()
    response = client.get(f"/participants/{susan.slug}/")
    assert response.status_code == 200
    assert "Ayman Susan" in response.content.decode()


def test_merges_made_before_the_table_are_read_back_from_history(editor_client, two_records):
    """The migration's backfill: a merge the admin made (its "Before merging" revision) with
    no recorded URL gets one."""
    sousan, susan = two_records
    merge_in_admin(editor_client, sousan, susan)
    MergedParticipantSlug.objects.all().delete()  # as before the table existed
    migration = import_module("rounds.migrations.0011_merged_participant_slug")
    migration.record_past_merges(django_apps, None)
    assert MergedParticipantSlug.objects.get(slug=susan.slug).participant == sousan
