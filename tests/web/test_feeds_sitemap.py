"""/sitemap.xml, /robots.txt and the Atom feeds, and their announcement in every page's head."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from rounds.provenance import EditorialState

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def atom_entries(client, url: str) -> tuple[ET.Element, list[ET.Element]]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    return feed, feed.findall(f"{ATOM}entry")


@pytest.mark.django_db
def test_sitemap_lists_every_public_page_type(client, archive):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = {
        loc.text.removeprefix("http://testserver")
        for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")
    }
    assert {"/", "/rounds/", "/delegations/", "/articles/", "/rounds/13/", "/parties/russia/"} <= (
        locations
    )
    assert f"/participants/{archive['lavrentiev'].slug}/" in locations
    assert f"/articles/{archive['report'].pk}/" in locations
    assert "/rounds/13/topics/idlib/" in locations
    assert "/rounds/13/topics/sanctions/" not in locations  # rejected


@pytest.mark.django_db
def test_robots_txt_points_at_the_sitemap_and_keeps_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


@pytest.mark.django_db
def test_new_articles_feed_lists_newest_first(client, archive):
    _feed, entries = atom_entries(client, "/articles/feed/")
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    # The fixture adds the report, then the earlier article, then the unlinked one.
    assert titles == ["Ankara summit on Syria", "Twelfth round opens", archive["report"].title]
    link = entries[-1].find(f"{ATOM}link").get("href")
    assert link == f"http://testserver/articles/{archive['report'].pk}/"


@pytest.mark.django_db
def test_round_changes_feed_shows_the_rounds_public_changes(client, archive):
    _feed, entries = atom_entries(client, "/rounds/13/feed/")
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert "Round 13: Russia delegation, headed by Alexander Lavrentiev" in titles
    assert "Round 13: Lebanon observing" in titles
    assert any("Idlib on the agenda" in title for title in titles)
    assert all(title.startswith("Round 13:") for title in titles)
    assert not any("United States" in t or "Sanctions" in t for t in titles)  # rejected
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids)
    links = {entry.find(f"{ATOM}link").get("href") for entry in entries}
    assert "http://testserver/rounds/13/#delegation-russia" in links

    # An editor's correction comes back as a new entry.
    before = set(ids)
    iran = archive["iran"]
    iran.state = EditorialState.CONFIRMED
    iran.save()
    _feed, entries = atom_entries(client, "/rounds/13/feed/")
    newest = entries[0]
    assert newest.findtext(f"{ATOM}title").startswith("Round 13: Iran delegation")
    assert "confirmed by an editor" in newest.findtext(f"{ATOM}summary")
    assert newest.findtext(f"{ATOM}id") not in before


@pytest.mark.django_db
def test_changes_feed_covers_every_round_and_unknown_round_is_404(client, archive):
    _feed, entries = atom_entries(client, "/rounds/feed/")
    rounds = {entry.findtext(f"{ATOM}title").split(":")[0] for entry in entries}
    assert {"Round 12", "Round 13"} <= rounds
    assert client.get("/rounds/99/feed/").status_code == 404


@pytest.mark.django_db
def test_every_page_announces_the_feeds_in_its_head(client, archive):
    for url in (
        "/",
        "/rounds/",
        "/delegations/",
        "/articles/",
        f"/articles/{archive['report'].pk}/",
    ):
        head = client.get(url).content.decode().split("</head>")[0]
        assert 'rel="alternate" type="application/atom+xml"' in head, url
        assert 'href="/articles/feed/"' in head and 'href="/rounds/feed/"' in head, url
    head = client.get("/rounds/13/").content.decode().split("</head>")[0]
    assert 'href="/rounds/13/feed/"' in head


@pytest.mark.django_db
def test_feeds_and_sitemap_queries_do_not_grow_with_rows(
    client, many_rows, django_assert_max_num_queries
):
    for url, budget in (
        ("/articles/feed/", 1),
        ("/rounds/feed/", 4),
        ("/rounds/5/feed/", 5),
        # A count and a page of rows per section of the sitemap (the list pages need none).
        ("/sitemap.xml", 10),
    ):
        with django_assert_max_num_queries(budget + 1):  # + the page cache's version read
            assert client.get(url).status_code == 200
