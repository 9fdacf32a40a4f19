"""The service's promise to editors: re-ingest and --reextract never undo a correction.

(The admin tests prove the same through the admin's pages; these pin the service itself.)
"""

from __future__ import annotations

import pytest

from articles.models import Article, RoundLinkMethod
from articles.services.ingest import reextract_articles
from rounds.models import Delegation, Observer, Participant, ParticipantAlias, Party, Round
from rounds.provenance import EditorialState
from tests.ingest.conftest import ROUND_14, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def ingested(tmp_path, ingest):
    path = write(tmp_path, "a.txt", ROUND_14)
    code, _, err = ingest(path)
    assert code == 0, err
    return path


def test_changed_fact_survives_reextract(ingested, ingest):
    delegation = Delegation.objects.get(party__name="Russia")
    other = Participant.objects.create(name="Mikhail Bogdanov")
    delegation.head, delegation.head_title = other, "Deputy Foreign Minister"
    delegation.state = EditorialState.CHANGED
    delegation.save()
    code, _out, _ = ingest("--reextract")
    assert code == 0
    delegation.refresh_from_db()
    assert delegation.head == other
    assert delegation.head_title == "Deputy Foreign Minister"
    assert delegation.state == EditorialState.CHANGED
    assert Delegation.objects.filter(party__name="Russia").count() == 1


def test_rejected_fact_is_never_brought_back(ingested, tmp_path, ingest):
    observer = Observer.objects.get(party__name="Iraq")
    observer.state = EditorialState.REJECTED
    observer.save()
    reextract_articles()
    write(tmp_path, "again.txt", ROUND_14.replace("Wednesday", "Wednesday evening"))
    code, _, _ = ingest(tmp_path / "again.txt")
    assert code == 0
    iraq = Observer.objects.filter(party__name="Iraq", round__number=14)
    assert list(iraq.values_list("state", flat=True)) == [EditorialState.REJECTED]
    assert Observer.objects.public().filter(party__name="Iraq").count() == 0


def test_added_fact_without_evidence_is_kept(ingested, ingest):
    Observer.objects.create(
        round=Round.objects.get(number=14),
        party=Party.objects.get(name="UNHCR"),
        state=EditorialState.ADDED,
    )
    ingest("--reextract")
    assert Observer.objects.filter(party__name="UNHCR", state=EditorialState.ADDED).exists()


def test_editor_round_link_is_kept_and_facts_follow_it(ingested, ingest):
    article = Article.objects.get()
    article.round = Round.objects.get(number=13)
    article.round_state = EditorialState.CHANGED
    article.round_method = RoundLinkMethod.EDITOR
    article.save()
    ingest("--reextract")
    article.refresh_from_db()
    assert article.round.number == 13
    assert Delegation.objects.filter(round__number=13, party__name="Russia").exists()
    # The machine's facts at round 14 had only this article as evidence: they are gone.
    assert not Delegation.objects.filter(round__number=14).exists()


def test_editor_alias_resolves_a_new_spelling(ingested, tmp_path, ingest):
    khaji = Participant.objects.get(name="Ali Asghar Khaji")
    people_before = Participant.objects.count()
    ParticipantAlias.objects.create(participant=khaji, name="Asgar Hajji", added_by_editor=True)
    write(
        tmp_path,
        "b.txt",
        ROUND_14.replace("Ali Asghar Khaji", "Asgar Hajji").replace("2019-12-11", "2019-12-12"),
    )
    code, _, _ = ingest(tmp_path / "b.txt")
    assert code == 0
    iran = Delegation.objects.get(round__number=14, party__name="Iran")
    assert set(iran.mentions.values_list("head__name", flat=True)) == {"Ali Asghar Khaji"}
    assert Participant.objects.count() == people_before


def test_participant_is_named_by_the_spelling_most_articles_use(tmp_path, ingest):
    for n, spelling in enumerate(
        ["Alexander Lavrentyev", "Alexander Lavrentiev", "Alexander Lavrentiev"]
    ):
        write(
            tmp_path,
            f"{n}.txt",
            ROUND_14.replace("Alexander Lavrentiev", spelling).replace(
                "2019-12-11", f"2019-12-1{n}"
            ),
        )
        ingest(tmp_path / f"{n}.txt")
    person = Participant.objects.get(delegations_headed__party__name="Russia")
    assert person.name == "Alexander Lavrentiev"
    assert "Alexander Lavrentyev" in person.all_names()
    assert Participant.objects.filter(name__startswith="Alexander").count() == 1


def test_name_chosen_by_an_editor_is_kept(ingested, tmp_path, ingest):
    person = Participant.objects.get(name="Alexander Lavrentiev")
    person.name, person.name_locked = "Aleksandr Lavrentyev", True
    person.save()
    for n in range(2):
        write(tmp_path, f"x{n}.txt", ROUND_14.replace("2019-12-11", f"2019-12-2{n}"))
    ingest(tmp_path)
    person.refresh_from_db()
    assert person.name == "Aleksandr Lavrentyev"
