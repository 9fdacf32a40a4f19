"""Fixtures for the admin tests: an editor, clients, small fact builders, form helpers.

Editors' changes are made the way an editor makes them: the Django test client posting the
admin's own forms and actions. `change_form_data` reads a rendered change page and returns
what a browser would submit unchanged, so a test states only the fields it edits.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from articles.models import Article
from rounds.models import (
    Delegation,
    DelegationMention,
    Observer,
    ObserverMention,
    Participant,
    Party,
    Round,
    RoundTopic,
    Topic,
    TopicMention,
)
from rounds.provenance import EditorialState
from rounds.services import EDITORS_GROUP

PASSWORD = "correct-horse-battery-7"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Users are created in nearly every test; the real hasher costs ~0.3 s each time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor(django_user_model):
    """A staff user in the Editors group that the migration created."""
    user = django_user_model.objects.create_user(
        username="editor", password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


# --- Builders -------------------------------------------------------------------------

_counter = iter(range(1, 10**6))


def make_article(text: str = "", round: Round | None = None, **fields: Any) -> Article:
    n = next(_counter)
    defaults = {
        "source_path": f"/corpus/article-{n}.txt",
        "source_name": f"article-{n}.txt",
        "content_hash": f"{n:064x}",
        "title": f"Article {n}",
        "publisher": "Test Wire",
        "published": datetime.date(2019, 12, 10),
        "text": text or f"Article {n} about the Astana talks on Syria.",
        "round": round,
    }
    defaults.update(fields)
    article = Article.objects.create(**defaults)
    Article.objects.filter(pk=article.pk).refresh_search_documents()  # as ingest does
    return article


def sentence_offsets(text: str, sentence: str) -> tuple[int, int]:
    start = text.index(sentence)
    return start, start + len(sentence)


def make_delegation(
    round_number: int,
    party_slug: str,
    head: Participant | None = None,
    *,
    article: Article | None = None,
    sentence: str = "",
    state: str = EditorialState.EXTRACTED,
    head_title: str = "",
) -> Delegation:
    """A delegation as ingest would leave it; with an article, a mention for `sentence`."""
    party = Party.objects.get(slug=party_slug)
    delegation = Delegation.objects.create(
        round=Round.objects.get(number=round_number),
        party=party,
        role=party.default_role,
        head=head,
        head_title=head_title,
        state=state,
    )
    if article is not None:
        start, end = sentence_offsets(article.text, sentence)
        DelegationMention.objects.create(
            delegation=delegation,
            article=article,
            sentence=sentence,
            start=start,
            end=end,
            head=head,
            head_as_written=head.name if head else "",
            head_title=head_title,
        )
    return delegation


def make_observer(round_number: int, party_slug: str, *, article=None, sentence="") -> Observer:
    observer = Observer.objects.create(
        round=Round.objects.get(number=round_number), party=Party.objects.get(slug=party_slug)
    )
    if article is not None:
        start, end = sentence_offsets(article.text, sentence)
        ObserverMention.objects.create(
            observer=observer, article=article, sentence=sentence, start=start, end=end
        )
    return observer


def make_round_topic(round_number: int, slug: str, *, article=None, sentence="") -> RoundTopic:
    round_topic = RoundTopic.objects.create(
        round=Round.objects.get(number=round_number), topic=Topic.objects.get(slug=slug)
    )
    if article is not None:
        start, end = sentence_offsets(article.text, sentence)
        TopicMention.objects.create(
            round_topic=round_topic, article=article, sentence=sentence, start=start, end=end
        )
    return round_topic


ROUND_14_TEXT = (
    "The 14th round of Astana talks on Syria opened in Nur-Sultan on Tuesday. "
    "Russia's delegation was led by presidential envoy Alexander Lavrentiev. "
    "Jordan attended as an observer. "
    "The parties discussed the situation in Idlib."
)


@pytest.fixture
def round14_article() -> Article:
    """An article on round 14 with a delegation, an observer and a topic, each with evidence."""
    article = make_article(ROUND_14_TEXT, round=Round.objects.get(number=14))
    start, end = sentence_offsets(ROUND_14_TEXT, ROUND_14_TEXT.split(". ")[0] + ".")
    Article.objects.filter(pk=article.pk).update(
        round_sentence=ROUND_14_TEXT[start:end],
        round_start=start,
        round_end=end,
        round_method="ordinal",
        round_confidence=0.95,
    )
    article.refresh_from_db()
    lavrentiev = Participant.objects.create(name="Alexander Lavrentiev")
    make_delegation(
        14,
        "russia",
        lavrentiev,
        article=article,
        sentence="Russia's delegation was led by presidential envoy Alexander Lavrentiev.",
        head_title="presidential envoy",
    )
    make_observer(14, "jordan", article=article, sentence="Jordan attended as an observer.")
    make_round_topic(
        14, "idlib", article=article, sentence="The parties discussed the situation in Idlib."
    )
    return article


# --- Admin form helpers ---------------------------------------------------------------


def history(obj) -> list[LogEntry]:
    """The object's admin history, oldest first."""
    return list(
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        ).order_by("pk")
    )


def admin_url(obj_or_model, view: str = "change") -> str:
    opts = obj_or_model._meta
    name = f"admin:{opts.app_label}_{opts.model_name}_{view}"
    if view in ("change", "delete", "history"):
        return reverse(name, args=[obj_or_model.pk])
    return reverse(name)


def _post_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return [_post_value(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _form_fields(form) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for bound in form:
        value = bound.value()
        if isinstance(value, bool) or bound.field.__class__.__name__ == "BooleanField":
            if value:
                data[bound.html_name] = "on"
            continue
        data[bound.html_name] = _post_value(value)
    return data


def change_form_data(response) -> dict[str, Any]:
    """What a browser submits from a rendered admin add/change page when nothing is edited."""
    assert response.status_code == 200, response.status_code
    data = _form_fields(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_form_fields(formset.management_form))
        for form in formset.forms:
            data.update(_form_fields(form))
    return data


def post_change_form(client, obj, changes: dict[str, Any] | None = None, **buttons: str):
    """Open the object's change page, edit `changes`, and submit it as an editor would."""
    url = admin_url(obj)
    data = change_form_data(client.get(url))
    data.update(changes or {})
    data.update(buttons)
    return client.post(url, data)


def post_action(client, model, action: str, objects, **extra: Any):
    data = {"action": action, "_selected_action": [str(o.pk) for o in objects], **extra}
    return client.post(admin_url(model, "changelist"), data)
