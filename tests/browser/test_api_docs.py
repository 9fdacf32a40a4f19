"""The API's documentation page (Swagger UI over the generated OpenAPI description) works in
a real browser from the site's own static files, reached from a page's footer."""

from __future__ import annotations

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_footer_leads_to_working_api_documentation(page):
    page.goto("/rounds/")
    page.click("footer >> text=JSON API (v1)")
    page.wait_for_url("**/api/v1/docs")
    operations = page.locator(".opblock-summary-path")
    operations.first.wait_for()
    paths = set(operations.all_inner_texts())
    assert {"/api/v1/rounds/", "/api/v1/delegations/", "/api/v1/articles/"} <= {
        path.replace("\u200b", "") for path in paths
    }
