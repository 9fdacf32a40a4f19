"""axe-core on every public page type, on a wide screen (1440 px) and a phone (390 px): no
violation of moderate impact or above.

axe.min.js comes from the axe-playwright-python wheel (the test dependency group), read from
the installed package: nothing is downloaded when the tests run.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_layout_widths import WIDTHS, pages  # noqa: F401 (a fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FAILING_IMPACTS = {"moderate", "serious", "critical"}
# The WCAG A and AA rules and axe's best practices (landmarks, headings, regions).
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
}


def failing(results: dict) -> list[str]:
    """'rule (impact): targets' of each violation that fails the test."""
    return [
        f"{v['id']} ({v['impact']}): {', '.join(str(n['target']) for n in v['nodes'][:3])}"
        for v in results["violations"]
        if v.get("impact") in FAILING_IMPACTS
    ]


def violations_on(page, urls: dict[str, str]) -> dict[str, list[str]]:
    """{name: failing violations} of the pages named in `urls`, each opened in `page`."""
    axe = Axe()
    found = {}
    for name, url in urls.items():
        response = page.goto(url)
        assert response is not None and "/login/" not in page.url, url
        violations = failing(axe.run(page, options=AXE_OPTIONS).response)
        if violations:
            found[name] = violations
    return found


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_no_page_has_accessibility_violations(browser, live_server, pages, width_name):  # noqa: F811
    width, height = WIDTHS[width_name]
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": height}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        found = violations_on(page, pages)
    finally:
        context.close()
    assert not found, f"axe-core violations at {width} px: {found}"


def test_the_admin_pages_editors_use_have_no_violations(browser, live_server, admin_user):
    """The admin's index (the review queue), a change list and a change form, signed in; the
    breadcrumbs' contrast among them (templates/admin, static/css/admin-archive.css)."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1440, "height": 900})
    page = context.new_page()
    try:
        page.goto("/admin/login/")
        page.fill("#id_username", "admin")
        page.fill("#id_password", "password")
        page.click("input[type=submit]")
        page.wait_for_url("**/admin/")
        admin_pages = ("/admin/", "/admin/rounds/round/", "/admin/rounds/round/13/change/")
        found = violations_on(page, {url: url for url in admin_pages})
        assert page.locator(".breadcrumbs").count() == 1  # the contrast axe checked
    finally:
        context.close()
    assert not found, f"axe-core violations in the admin: {found}"
