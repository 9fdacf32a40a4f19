"""No public page scrolls sideways on a wide screen (1440 px) or a phone (390 px).

Every public page type is opened in Chromium at both widths, on the sample articles plus one
article written to stress the layout (an unbroken link, a long quote, a long name), and must
satisfy `document.documentElement.scrollWidth <= innerWidth`. Wide tables may scroll inside
their own box; the page itself must not. Screenshots go to build/screenshots/ for review.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Article
from rounds.models import RoundTopic
from tests.browser.conftest import screenshot
from tests.web.conftest import Build

SAMPLES = Path(__file__).resolve().parents[2] / "articles" / "samples"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = {"wide": (1440, 900), "phone": (390, 844)}

LONG_LINK = "https://example.org/" + "/".join(f"section-{n}-of-a-very-long-path" for n in range(8))
# A name at the longest a participant's name may be (120 characters, with " Participant").
LONG_WORD = "Ceasefire" + "-monitoring" * 9
STRESS_TEXT = (
    "ASTANA, 20 July 2021. The 16th round of the Astana talks on Syria ended today.\n\n"
    f"The full statement is at {LONG_LINK}?utm_source=archive&utm_medium=reference.\n"
    f"The Russian delegation was headed by {LONG_WORD} Participant, the special envoy, who "
    f"said the {LONG_WORD} mechanism at {LONG_LINK} had to be extended.\n"
)

# Elements that stick out past the viewport's right edge, for the failure message (a table's
# contents may, inside the box that scrolls it).
OVERFLOWING = """() => {
  const width = window.innerWidth;
  return Array.from(document.querySelectorAll('body *'))
    .filter((el) => el.getBoundingClientRect().right > width + 1)
    .filter((el) => !(el.parentElement && el.parentElement.closest('.table-scroll')))
    .slice(0, 5)
    .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + (typeof el.className === 'string' && el.className
        ? '.' + el.className.split(' ').join('.') : ''));
}"""


@pytest.fixture
def pages() -> dict[str, str]:
    """The sample articles ingested, one stress article added; every public page type."""
    call_command("ingest", str(SAMPLES), stdout=io.StringIO(), stderr=io.StringIO())
    build = Build()
    person = build.participant(f"{LONG_WORD} Participant")
    stress = build.article(
        STRESS_TEXT,
        title=f"{LONG_WORD}: what the guarantors said at {LONG_LINK}",
        round=16,
        publisher="Example Wire",
        published=date(2021, 7, 20),
        round_sentence="The 16th round of the Astana talks on Syria ended today.",
    )
    sentence = STRESS_TEXT.splitlines()[3]
    build.delegation(16, "russia", person, title=LONG_WORD, article=stress, sentence=sentence)
    build.round_topic(16, "ceasefire", articles=[(stress, sentence)])
    sample = Article.objects.exclude(pk=stress.pk).filter(round__isnull=False).first()
    topic = RoundTopic.objects.public().select_related("round", "topic").first()
    return {
        "home": "/",
        "rounds": "/rounds/",
        "round": "/rounds/16/",
        "round-sample": f"/rounds/{sample.round.number}/",
        "round-topic": f"/rounds/{topic.round.number}/topics/{topic.topic.slug}/",
        "delegation-evidence": "/rounds/16/delegations/russia/",
        "articles-search": "/articles/?q=guarantors&year=2021&party=russia",
        "delegations-grid": "/delegations/",
        "delegations-list": "/delegations/list/",
        "observers-grid": "/observers/",
        "observers-list": "/observers/list/",
        "topics-grid": "/topics/",
        "topics-list": "/topics/list/",
        "participants": "/participants/",
        "participant": person.get_absolute_url(),
        "parties": "/parties/",
        "party": "/parties/russia/",
        "articles": "/articles/",
        "articles-invalid": "/articles/?published_from=2024-01-01&published_to=2017-01-01",
        "article": stress.get_absolute_url(),
        "article-sample": sample.get_absolute_url(),
        "rounds-sorted": "/rounds/?sort=-articles",
        "export": "/export/",
        "not-found": "/no-such-page/",
    }


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_no_page_scrolls_sideways(browser, live_server, pages, width_name):
    width, height = WIDTHS[width_name]
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": height}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    too_wide = {}
    try:
        for name, url in pages.items():
            response = page.goto(url)
            assert response is not None and response.status < 500, url
            scroll_width, inner_width = page.evaluate(
                "() => [document.documentElement.scrollWidth, window.innerWidth]"
            )
            if scroll_width > inner_width:
                too_wide[url] = (scroll_width, page.evaluate(OVERFLOWING))
            screenshot(page, f"width-{width}-{name}")
    finally:
        context.close()
    assert not too_wide, f"pages wider than {width} px (scrollWidth, elements): {too_wide}"


def test_delegation_grid_scrolls_in_its_box_with_the_party_column_sticky(
    browser, live_server, pages
):
    width, height = WIDTHS["phone"]
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": height}
    )
    page = context.new_page()
    try:
        page.goto("/delegations/")
        box = page.locator(".grid-scroll")
        assert box.evaluate("(el) => el.scrollWidth > el.clientWidth")  # the grid is wider
        party = page.locator("#party-russia th")
        before = party.bounding_box()["x"]
        box.evaluate("(el) => { el.scrollLeft = 400; }")
        assert box.evaluate("(el) => el.scrollLeft") > 0
        assert abs(party.bounding_box()["x"] - before) < 1  # the party column stays put
    finally:
        context.close()
