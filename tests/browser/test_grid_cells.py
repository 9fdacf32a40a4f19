"""The delegations grid on a wide screen: every round at once, compact names, cells that lead
to the evidence of that delegation."""

from __future__ import annotations

import pytest

from rounds.models import Party, Round
from tests.browser.conftest import screenshot
from tests.web.conftest import Build

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Names as long as heads' names get: every round of the calendar gets a delegation of each.
HEADS = {
    "russia": "Alexander Lavrentiev",
    "iran": "Ali Asghar Khaji",
    "turkey": "Sedat Önal",
    "syrian-government": "Bashar al-Jaafari",
    "syrian-opposition": "Ahmad Tohme",
}


@pytest.fixture
def full_grid() -> int:
    """A delegation of every party above at every round; returns the number of rounds."""
    build = Build()
    people = {slug: build.participant(name) for slug, name in HEADS.items()}
    known = set(Party.objects.filter(slug__in=HEADS).values_list("slug", flat=True))
    rounds = list(Round.objects.values_list("number", flat=True))
    for number in rounds:
        for slug in known:
            build.delegation(number, slug, people[slug], title="special envoy")
    return len(rounds)


def test_every_round_fits_a_wide_screen_and_cells_lead_to_their_evidence(
    browser, live_server, full_grid
):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1440, "height": 900})
    page = context.new_page()
    try:
        page.goto("/delegations/")
        screenshot(page, "delegation-grid-1440")
        columns = page.locator("#delegation-grid thead th.round-col").count()
        assert columns == full_grid
        box = page.locator(".grid-scroll")
        # All rounds visible: the grid's box has nothing to scroll sideways.
        assert box.evaluate("(el) => el.scrollWidth <= el.clientWidth"), box.evaluate(
            "(el) => [el.scrollWidth, el.clientWidth]"
        )
        cell = page.locator("#party-russia td.cell a").first
        # Compact on screen, the full name in the tooltip and in the link's accessible text.
        assert cell.locator("[aria-hidden=true]").inner_text() == "Lavrentiev"
        assert "Alexander Lavrentiev" in cell.get_attribute("title")
        assert "Alexander Lavrentiev" in cell.locator(".visually-hidden").inner_text()
        cell.focus()
        cell.press("Enter")
        page.wait_for_url("**/rounds/*/delegations/russia/")
        assert page.locator("h1").inner_text()
        assert "Russia" in page.locator("h1").inner_text()
    finally:
        context.close()
