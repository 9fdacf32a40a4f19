"""The Editors group: what editors may reach, what they may not, and how one is created."""

from __future__ import annotations

import importlib

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse

from rounds.models import Round
from rounds.services import EDITOR_PERMISSIONS, EDITORS_GROUP, editor_permission_codenames

from .conftest import PASSWORD, admin_url

pytestmark = pytest.mark.django_db


def group_codenames() -> set[tuple[str, str]]:
    group = Group.objects.get(name=EDITORS_GROUP)
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def test_migration_creates_the_group_with_exactly_the_editor_permissions():
    assert group_codenames() == editor_permission_codenames()


def test_migration_copy_of_the_permissions_matches_the_living_one():
    migration = importlib.import_module("rounds.migrations.0003_editors_group")
    assert migration.PERMISSIONS == EDITOR_PERMISSIONS


def test_editors_get_no_user_management_and_no_deleting_rounds_or_articles():
    codenames = {codename for _, codename in group_codenames()}
    assert not {c for c in codenames if c.endswith(("_user", "_group", "_permission"))}
    assert not {c for c in codenames if c.endswith(("_logentry", "_session", "_contenttype"))}
    assert "delete_round" not in codenames
    assert "delete_article" not in codenames
    assert "add_article" not in codenames
    assert "change_party" not in codenames and "change_topic" not in codenames
    assert "change_delegationmention" not in codenames  # provenance is read-only


@pytest.mark.parametrize("model", ["user", "group"])
@pytest.mark.parametrize("view", ["changelist", "add"])
def test_editor_cannot_reach_user_management(editor_client, editor, model, view):
    url = reverse(f"admin:auth_{model}_{view}")
    assert editor_client.get(url).status_code == 403
    if model == "user":
        assert (
            editor_client.get(reverse("admin:auth_user_change", args=[editor.pk])).status_code
            == 403
        )


def test_editor_index_shows_the_archive_and_not_authentication(editor_client):
    response = editor_client.get(reverse("admin:index"))
    assert response.status_code == 200
    app_labels = {app["app_label"] for app in response.context["app_list"]}
    assert app_labels == {"rounds", "articles"}


def test_editor_cannot_delete_a_round(editor_client):
    round = Round.objects.get(number=1)
    assert editor_client.get(admin_url(round, "delete")).status_code == 403
    assert editor_client.post(admin_url(round, "delete"), {"post": "yes"}).status_code == 403
    assert Round.objects.filter(pk=round.pk).exists()


@pytest.mark.parametrize("url", ["/admin/", "/admin/rounds/delegation/", "/admin/auth/user/"])
def test_anonymous_visitor_is_sent_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert f"next={url}" in response["Location"]


def test_editor_logs_in_through_the_login_page(client, editor):
    response = client.post(
        reverse("admin:login"), {"username": "editor", "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302
    assert client.get("/admin/rounds/delegation/").status_code == 200


def test_non_staff_user_cannot_log_in_to_the_admin(client, django_user_model):
    django_user_model.objects.create_user(username="visitor", password=PASSWORD)
    client.post(reverse("admin:login"), {"username": "visitor", "password": PASSWORD})
    assert client.get("/admin/").status_code == 302


def test_create_editor_command_makes_a_staff_non_superuser_in_the_group(
    django_user_model, monkeypatch
):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", PASSWORD)
    call_command("create_editor", "alice", "--email", "alice@example.org", "--no-input")
    alice = django_user_model.objects.get(username="alice")
    assert alice.is_staff and not alice.is_superuser
    assert alice.check_password(PASSWORD)
    assert list(alice.groups.values_list("name", flat=True)) == [EDITORS_GROUP]
    assert alice.has_perm("rounds.change_delegation")
    assert not alice.has_perm("auth.view_user")


def test_create_editor_command_repairs_the_group_and_is_idempotent(django_user_model):
    group = Group.objects.get(name=EDITORS_GROUP)
    group.permissions.add(Permission.objects.get(codename="change_user"))
    group.permissions.remove(Permission.objects.get(codename="change_delegation"))
    call_command("create_editor", "bob", "--no-input")
    call_command("create_editor", "bob", "--no-input")
    assert group_codenames() == editor_permission_codenames()
    bob = django_user_model.objects.get(username="bob")
    assert not bob.has_usable_password()
    assert django_user_model.objects.filter(username="bob").count() == 1


def test_editor_permissions_cover_what_the_admin_needs(editor):
    # Facts and people editable; evidence and vocabulary readable; nothing else.
    assert editor.has_perms(
        [
            "rounds.change_delegation",
            "rounds.add_observer",
            "rounds.change_roundtopic",
            "rounds.change_participant",
            "rounds.delete_participant",
            "rounds.add_participantalias",
            "rounds.change_round",
            "articles.change_article",
            "rounds.view_party",
            "rounds.view_topic",
            "rounds.view_delegationmention",
        ]
    )
    assert not editor.has_perm("auth.change_user")
