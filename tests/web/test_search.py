"""Article search that understands the archive: spellings of a person's name, phrases,
snippets, filters by round, year, language, party, participant and topic, sorting, publishers
by letter case, facet counts and the active filters. Runs on SQLite (the fallback) and on
PostgreSQL (full-text search) alike."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from rounds.models import DelegationMention

pytestmark = pytest.mark.django_db

ARTICLES = reverse("articles:article-list")


def titles(client, query: str) -> list[str]:
    html = client.get(f"{ARTICLES}?{query}").content.decode()
    body = html.split('id="article-list"')[1] if 'id="article-list"' in html else ""
    return re.findall(r'class="article-title" href="[^"]+">([^<]+)</a>', body)


@pytest.fixture
def library(build) -> dict:
    envoy = build.participant("Alexander Lavrentiev", "Alexander Lavrentyev", "Lavrentev")
    spelled = {}
    for n, spelling in enumerate(("Lavrentiev", "Lavrentyev", "Lavrentev")):
        text = f"The Russian delegation was led by Alexander {spelling} at the ceasefire talks."
        article = build.article(
            text,
            title=f"Spelling {spelling}",
            round=12 + n,
            publisher=("Caspian News Desk", "CASPIAN NEWS DESK", "Steppe Post")[n],
            published=date(2018 + n, 5, 1),
        )
        build.delegation(12 + n, "russia", envoy, article=article, sentence=text)
        spelled[spelling] = article
    # An article in another script names him too: found through the head it names.
    russian = build.article(
        "Делегацию возглавил Александр Лаврентьев.",
        title="Russian text",
        language="ru",
        round=14,
        published=date(2020, 3, 1),
    )
    DelegationMention.objects.create(
        delegation=spelled["Lavrentev"].delegationmentions.first().delegation,
        article=russian,
        sentence="Делегацию возглавил Александр Лаврентьев.",
        head=envoy,
    )
    humanitarian = build.article(
        "Aid convoys and the humanitarian situation were discussed; the situation in Idlib too.",
        title="Humanitarian situation",
        round=13,
        published=date(2019, 8, 2),
    )
    build.round_topic(13, "idlib", articles=[(humanitarian, "the situation in Idlib too.")])
    build.observer(13, "jordan", article=humanitarian, sentence="Aid convoys")
    return {"envoy": envoy, **spelled, "russian": russian, "humanitarian": humanitarian}


@pytest.mark.parametrize("spelling", ["Lavrentev", "Lavrentyev", "Lavrentiev", "lavrentiev"])
def test_every_spelling_finds_the_same_articles(client, library, spelling):
    found = set(titles(client, f"q={spelling}"))
    assert found == {
        "Spelling Lavrentiev",
        "Spelling Lavrentyev",
        "Spelling Lavrentev",
        "Russian text",
    }


def test_the_page_says_which_spellings_it_searched(client, library):
    html = client.get(f"{ARTICLES}?q=Lavrentev").content.decode()
    note = html.split('id="search-spellings"')[1].split("</p>")[0]
    assert "Lavrentiev" in note and "Lavrentyev" in note


def test_phrase_search_keeps_words_together(client, library):
    assert titles(client, 'q="humanitarian situation"') == ["Humanitarian situation"]
    assert titles(client, 'q="situation humanitarian"') == []


def test_excluded_words(client, library):
    assert "Humanitarian situation" not in titles(client, "q=situation+-convoys")


def test_results_carry_a_highlighted_snippet(client, library):
    html = client.get(f"{ARTICLES}?q=convoys").content.decode()
    snippet = html.split('class="snippet"')[1].split("</p>")[0]
    assert re.search(r"<mark>[Cc]onvoys</mark>", snippet)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year=2019", {"Spelling Lavrentyev", "Humanitarian situation"}),
        ("language=ru", {"Russian text"}),
        ("party=jordan", {"Humanitarian situation"}),
        ("topic=idlib", {"Humanitarian situation"}),
        (
            "participant=Lavrentyev",
            {"Spelling Lavrentiev", "Spelling Lavrentyev", "Spelling Lavrentev", "Russian text"},
        ),
        ("round=13&q=Lavrentyev", {"Spelling Lavrentyev"}),
    ],
)
def test_filters(client, library, query, expected):
    assert set(titles(client, query)) == expected


def test_sort_by_date_either_way(client, library):
    newest = titles(client, "q=Lavrentiev&sort=newest")
    assert newest == [
        "Spelling Lavrentev",  # May 2020
        "Russian text",  # March 2020
        "Spelling Lavrentyev",
        "Spelling Lavrentiev",
    ]
    assert titles(client, "q=Lavrentiev&sort=oldest") == newest[::-1]


def test_publishers_are_one_choice_whatever_the_letter_case(client, library):
    html = client.get(ARTICLES).content.decode()
    select = html.split('name="publisher"')[1].split("</select>")[0]
    options = re.findall(r"<option[^>]*>([^<]*)</option>", select)
    caspian = [option for option in options if option.lower().startswith("caspian")]
    assert len(caspian) == 1
    assert caspian[0].endswith("(2)")  # both spellings counted
    found = set(titles(client, "publisher=Caspian+News+Desk"))
    assert found == {"Spelling Lavrentiev", "Spelling Lavrentyev"}


def test_choices_show_facet_counts_and_active_filters_can_be_removed(client, library):
    html = client.get(f"{ARTICLES}?year=2019").content.decode()
    language = html.split('name="language"')[1].split("</select>")[0]
    assert "English (en) (2)" in language  # of the articles of 2019
    years = html.split('name="year"')[1].split("</select>")[0]
    assert ">2018 (1)<" in years  # what choosing 2018 instead would leave
    active = html.split('id="active-filters"')[1].split("</div>")[0]
    assert "Year: <strong>2019</strong>" in active
    assert f'href="{ARTICLES}"' in active


def test_a_snippet_from_the_middle_is_cut_at_whole_words(client, build):
    words = " ".join(f"word{k}" for k in range(200))
    build.article(f"{words} the envoys agreed on demining {words}", title="Long text")
    html = client.get(f"{ARTICLES}?q=demining").content.decode()
    snippet = html.split('class="snippet"')[1].split("</p>")[0]
    assert "<mark>demining</mark>" in snippet
    # Starts and ends on a whole word (an ellipsis may mark the cut).
    plain = re.sub(r"<[^>]+>", "", snippet.split(">", 1)[1]).strip("\u2026 ")
    whole = re.compile(r"word\d+|the|envoys|agreed|on|demining")
    assert whole.fullmatch(plain.split()[0]) and whole.fullmatch(plain.split()[-1]), plain


def test_the_snippet_marks_the_spelling_the_article_uses(client, build):
    build.participant("Alexander Lavrentiev", "Lavrentev")
    words = " ".join(f"word{k}" for k in range(100))
    build.article(f"{words} Alexander Lavrentiev spoke. {words}", title="Envoy spoke")
    html = client.get(f"{ARTICLES}?q=Lavrentev").content.decode()
    assert "<mark>Lavrentiev</mark>" in html.split('class="snippet"')[1].split("</p>")[0]
