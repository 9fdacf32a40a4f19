"""One person, one participant: a name several participants share never makes another one,
the database refuses a second person under a canonical name, and old duplicates are merged."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction

from rounds.checks import check_duplicate_participants
from rounds.models import Delegation, DelegationMention, Participant, participant_name_key
from tests.ingest.conftest import ROUND_14, ROUND_23, write

pytestmark = pytest.mark.django_db

LAVRENTIEV = "Alexander Lavrentiev"


def duplicate_of(name: str, *, locked: bool = False) -> Participant:
    """A participant under `name` as a database from before the unique name key holds it
    (a queryset update skips `save`, which would refuse it)."""
    person = Participant.objects.create(name=f"placeholder {Participant.objects.count()}")
    Participant.objects.filter(pk=person.pk).update(name=name, name_key=None, name_locked=locked)
    person.refresh_from_db()
    return person


def lavrentievs() -> list[int]:
    return sorted(
        Participant.objects.filter(name__icontains="Lavrenti").values_list("pk", flat=True)
    )


def test_a_shared_name_resolves_to_the_oldest_and_creates_nobody(tmp_path, ingest):
    first = Participant.objects.create(name=LAVRENTIEV)
    second = duplicate_of(LAVRENTIEV)
    write(tmp_path, "a.txt", ROUND_14)
    write(tmp_path, "b.txt", ROUND_23)
    write(tmp_path, "c.txt", ROUND_23.replace("Tuesday", "Tuesday morning"))
    code, _, err = ingest(tmp_path)
    assert code == 0, err
    assert lavrentievs() == [first.pk, second.pk]
    heads = Delegation.objects.filter(party__name="Russia").values_list("head", flat=True)
    assert set(heads) == {first.pk}
    mentions = DelegationMention.objects.filter(delegation__party__name="Russia")
    assert set(mentions.values_list("head", flat=True)) == {first.pk}
    # The operator hears of the duplicate at the end of the run.
    assert f"2 participants are named '{LAVRENTIEV}'" in err
    assert "merge_duplicate_participants" in err


def test_an_editors_locked_name_wins_over_an_older_duplicate(tmp_path, ingest):
    Participant.objects.create(name=LAVRENTIEV)
    chosen = duplicate_of(LAVRENTIEV, locked=True)
    code, _, err = ingest(write(tmp_path, "a.txt", ROUND_14))
    assert code == 0, err
    assert Delegation.objects.get(party__name="Russia").head_id == chosen.pk
    assert len(lavrentievs()) == 2


def test_a_second_person_under_one_canonical_name_is_refused():
    Participant.objects.create(name="Bashar al-Ja'afari")
    with pytest.raises(ValidationError) as refused:
        Participant(name="bashar al jaafari").full_clean()
    assert "already has this name" in str(refused.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.create(name="BASHAR AL-JAAFARI")
    # Renaming the one person keeps its own key.
    person = Participant.objects.get()
    person.name = "Bashar Jaafari al"
    person.full_clean()
    person.save(update_fields=["name"])
    assert Participant.objects.get().name_key == participant_name_key("Bashar Jaafari al")


def test_existing_duplicates_are_reported_and_merged(tmp_path, ingest):
    first = Participant.objects.create(name=LAVRENTIEV)
    second = duplicate_of("alexander lavrentiev")
    code, _, err = ingest(write(tmp_path, "a.txt", ROUND_14))
    assert code == 0, err
    Delegation.objects.filter(party__name="Russia").update(head=second)

    warnings = check_duplicate_participants(None, databases=["default"])
    assert [w.id for w in warnings] == ["rounds.W001"]
    assert f"#{first.pk}, #{second.pk}" in warnings[0].msg

    call_command("merge_duplicate_participants")
    assert lavrentievs() == [first.pk]
    assert Delegation.objects.get(party__name="Russia").head_id == first.pk
    assert "alexander lavrentiev" in {a.lower() for a in first.all_names()}
    assert check_duplicate_participants(None, databases=["default"]) == []


def test_merging_into_a_keyless_duplicate_gives_it_the_name():
    first = Participant.objects.create(name=LAVRENTIEV)
    second = duplicate_of(LAVRENTIEV)
    from rounds.services import merge_participants

    merge_participants(second, [first])
    second.refresh_from_db()
    assert second.name_key == participant_name_key(LAVRENTIEV)


def test_the_migration_keys_the_first_of_each_name_and_leaves_the_rest():
    from importlib import import_module

    migration = import_module("rounds.migrations.0008_participant_identity")
    first = Participant.objects.create(name=LAVRENTIEV)
    locked = duplicate_of(LAVRENTIEV, locked=True)
    Participant.objects.update(name_key=None)
    migration.fill_name_keys(apps, None)
    keys = dict(Participant.objects.values_list("pk", "name_key"))
    assert keys == {locked.pk: participant_name_key(LAVRENTIEV), first.pk: None}


def test_the_admin_refuses_a_second_person_by_name_with_advice(client, django_user_model):
    from tests.admin.conftest import admin_url, change_form_data

    admin = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw-123456")
    client.force_login(admin)
    Participant.objects.create(name="Staffan de Mistura")
    url = admin_url(Participant, "add")
    data = {**change_form_data(client.get(url)), "name": "Staffan De Mistura"}
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the error: no 500, no save
    assert "already has this name" in response.text
    assert Participant.objects.count() == 1
