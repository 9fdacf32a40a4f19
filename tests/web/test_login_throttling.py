"""Admin sign-in: repeated wrong passwords lock the user name out from that address (even the
right password is refused for a while), and a refused `next=` lands on the admin."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "right-pass-4821"


@pytest.fixture
def editor(django_user_model, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return django_user_model.objects.create_user(
        username="editor", password=PASSWORD, is_staff=True
    )


def sign_in(client, password: str, *, address: str = "203.0.113.7", **extra):
    return client.post(
        reverse("admin:login") + extra.pop("query", ""),
        {"username": "editor", "password": password, **extra},
        REMOTE_ADDR=address,
    )


def test_wrong_passwords_lock_the_user_out(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "guess").status_code == 200  # the form again, with an error
    assert sign_in(client, "guess").status_code == 429  # the last allowed failure locks
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another address is not locked out by this one's guesses.
    other = sign_in(client, PASSWORD, address="198.51.100.20")
    assert other.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_a_success_before_the_limit_resets_the_count(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "guess")
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "guess")
    assert sign_in(client, PASSWORD).status_code == 302


def test_a_refused_next_lands_on_the_admin(client, editor):
    response = sign_in(client, PASSWORD, query="?next=https://attacker.example/")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert client.get(response["Location"]).status_code == 200
