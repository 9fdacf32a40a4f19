"""The Content-Security-Policy, enforced by a real Chromium: no page of the site or of the
admin has a script, style or other resource the policy blocks."""

from __future__ import annotations

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PUBLIC_PAGES = ["/", "/rounds/", "/rounds/13/", "/delegations/", "/articles/", "/participants/"]
ADMIN_PAGES = ["/admin/", "/admin/rounds/round/", "/admin/rounds/round/13/change/"]


def csp_violations(page) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def test_public_pages_break_no_rule_of_the_policy(page):
    violations = csp_violations(page)
    for path in PUBLIC_PAGES:
        response = page.goto(path)
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
    assert violations == []


def test_admin_pages_break_no_rule_of_the_policy(page, django_user_model):
    django_user_model.objects.create_superuser("boss", "boss@example.org", "boss-pass-9317")
    violations = csp_violations(page)
    page.goto("/admin/login/")
    page.fill("#id_username", "boss")
    page.fill("#id_password", "boss-pass-9317")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    for path in ADMIN_PAGES:
        assert page.goto(path).status == 200, path
    # The archive's own admin styles load from a file, not an inline <style>.
    badge_css = page.evaluate(
        "[...document.styleSheets].some(s => (s.href || '').includes('admin-archive'))"
    )
    assert badge_css
    assert violations == []
