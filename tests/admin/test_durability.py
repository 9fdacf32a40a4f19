"""Editors' corrections survive the next ingest: proved end to end.

Articles are real files ingested with `manage.py ingest`; every correction is made through the
admin's own pages (the test client posting its forms and actions); then more articles are
ingested and everything is re-extracted, and the correction must still stand.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Article
from rounds.models import Delegation, Observer, Participant, ParticipantAlias, RoundTopic
from rounds.provenance import EditorialState

from .conftest import admin_url, change_form_data, post_action, post_change_form

pytestmark = pytest.mark.django_db

ROUND_14 = """\
Astana talks on Syria open in Nur-Sultan

NUR-SULTAN, December 10, 2019 - The 14th round of Astana talks on Syria opened in Nur-Sultan \
on Tuesday. Russia's delegation was led by presidential envoy Alexander Lavrentiev. \
Iran's delegation was headed by Ali Asghar Khaji, senior adviser to the Iranian foreign \
minister. Jordan attended the talks as an observer. The participants discussed the situation \
in Idlib.
"""

ROUND_14_AGAIN = """\
Guarantors meet for second day of Astana talks

NUR-SULTAN, December 11, 2019 - The 14th round of Astana talks on Syria ended in Nur-Sultan \
on Wednesday. Russia's delegation was led by presidential envoy Alexander Lavrentiev. \
Jordan attended the talks as an observer. The delegations discussed the situation in Idlib.
"""


def ingest(tmp_path: Path, name: str, text: str) -> Article:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    call_command("ingest", str(path), "--no-progress")
    return Article.objects.get(source_path=str(path))


def reextract_everything() -> None:
    call_command("ingest", "--reextract", "--no-progress")


@pytest.fixture
def round14(tmp_path) -> Article:
    article = ingest(tmp_path, "round14.txt", ROUND_14)
    assert article.round is not None and article.round.number == 14, "round not extracted"
    return article


def russia_at_14() -> Delegation:
    return Delegation.objects.select_related("head").get(round__number=14, party__slug="russia")


def test_an_edit_survives_more_articles_and_reextraction(editor_client, round14, tmp_path):
    delegation = russia_at_14()
    assert delegation.head.name == "Alexander Lavrentiev"
    response = post_change_form(
        editor_client, delegation, {"head_title": "Special Presidential Envoy for Syria"}
    )
    assert response.status_code == 302

    ingest(tmp_path, "round14-again.txt", ROUND_14_AGAIN)
    reextract_everything()

    delegation = russia_at_14()
    assert delegation.state == EditorialState.CHANGED
    assert delegation.head_title == "Special Presidential Envoy for Syria"
    assert delegation.mentions.count() == 2  # new evidence is still recorded beside the edit


def test_a_changed_head_survives_reextraction(editor_client, round14, tmp_path):
    vershinin = Participant.objects.create(name="Sergei Vershinin")
    post_change_form(editor_client, russia_at_14(), {"head": vershinin.pk})
    ingest(tmp_path, "round14-again.txt", ROUND_14_AGAIN)
    reextract_everything()
    assert russia_at_14().head == vershinin


def test_a_rejected_fact_never_comes_back(editor_client, round14, tmp_path):
    jordan = Observer.objects.get(round__number=14, party__slug="jordan")
    post_action(editor_client, Observer, "reject_selected", [jordan])

    ingest(tmp_path, "round14-again.txt", ROUND_14_AGAIN)  # says Jordan observed, again
    reextract_everything()

    observers = Observer.objects.filter(round__number=14, party__slug="jordan")
    assert [o.state for o in observers] == [EditorialState.REJECTED]
    assert not Observer.objects.public().filter(round__number=14, party__slug="jordan").exists()


def test_a_fact_added_by_an_editor_stays(editor_client, round14):
    data = {
        "round": round14.round.pk,
        "topic": RoundTopic._meta.get_field("topic").related_model.objects.get(slug="sanctions").pk,
        "mentions-TOTAL_FORMS": "0",
        "mentions-INITIAL_FORMS": "0",
    }
    assert editor_client.post(admin_url(RoundTopic, "add"), data).status_code == 302
    reextract_everything()
    added = RoundTopic.objects.get(round__number=14, topic__slug="sanctions")
    assert added.state == EditorialState.ADDED


def test_corrected_metadata_survives_reextraction(editor_client, round14):
    post_change_form(
        editor_client, round14, {"title": "Astana talks resume", "published": "2019-12-10"}
    )
    reextract_everything()
    article = Article.objects.get(pk=round14.pk)
    assert (article.title, str(article.published)) == ("Astana talks resume", "2019-12-10")
    assert article.metadata_locked


def test_a_relinked_article_takes_its_facts_to_the_new_round(editor_client, round14):
    round13 = round14.round.__class__.objects.get(number=13)
    response = post_change_form(editor_client, round14, {"round": round13.pk})
    assert response.status_code == 302
    assert Delegation.objects.filter(round=round13, party__slug="russia").exists()
    assert not Delegation.objects.filter(round__number=14, party__slug="russia").exists()

    reextract_everything()  # the editor's link holds
    article = Article.objects.get(pk=round14.pk)
    assert (article.round, article.round_state) == (round13, EditorialState.CHANGED)
    assert Delegation.objects.filter(round=round13, party__slug="russia").exists()


def test_a_merged_spelling_resolves_to_the_survivor(editor_client, round14, tmp_path):
    """Ingest made two people of one; after the merge, the other spelling means the survivor."""
    ingest(
        tmp_path,
        "round15.txt",
        "Sochi hosts Astana-format talks\n\nSOCHI, February 16, 2021 - The 15th round of "
        "Astana talks on Syria opened in Sochi on Tuesday. Iran's delegation was headed by "
        "Asgar Haji, senior assistant to the Iranian foreign minister.\n",
    )
    khaji = Participant.objects.get(name="Ali Asghar Khaji")
    haji = Delegation.objects.get(round__number=15, party__slug="iran").head
    assert haji is not None and haji != khaji, "the two spellings were resolved as one already"

    response = post_action(
        editor_client, Participant, "merge_selected", [khaji, haji], post="yes", survivor=khaji.pk
    )
    assert response.status_code == 302
    people = Participant.objects.count()

    ingest(
        tmp_path,
        "round16.txt",
        "Astana talks resume in Nur-Sultan\n\nNUR-SULTAN, July 7, 2021 - The 16th round of "
        "Astana talks on Syria opened in Nur-Sultan on Wednesday. Iran's delegation was headed "
        "by Asgar Haji, senior assistant to the Iranian foreign minister.\n",
    )
    reextract_everything()
    assert Participant.objects.count() == people
    assert Delegation.objects.get(round__number=16, party__slug="iran").head == khaji
    assert Delegation.objects.get(round__number=15, party__slug="iran").head == khaji


def test_an_alias_added_in_the_admin_attaches_a_new_spelling(editor_client, round14, tmp_path):
    khaji = Participant.objects.get(name="Ali Asghar Khaji")
    url = admin_url(khaji)
    data = change_form_data(editor_client.get(url))
    empty = int(data["aliases-TOTAL_FORMS"]) - 1  # the inline's blank row
    data[f"aliases-{empty}-name"] = "Asgar Haji"
    assert editor_client.post(url, data).status_code == 302
    people = Participant.objects.count()

    ingest(
        tmp_path,
        "round15.txt",
        "Sochi hosts Astana-format talks\n\nSOCHI, February 16, 2021 - The 15th round of "
        "Astana talks on Syria opened in Sochi on Tuesday. Iran's delegation was headed by "
        "Asgar Haji, senior assistant to the Iranian foreign minister.\n",
    )
    assert Participant.objects.count() == people
    assert Delegation.objects.get(round__number=15, party__slug="iran").head == khaji
    assert ParticipantAlias.objects.get(name="Asgar Haji").added_by_editor
