"""The JSON API under /api/v1/: the pages' filters, pagination, hidden rejected facts, the
OpenAPI description, and a query count that does not grow with the rows."""

from __future__ import annotations

import pytest

API = "/api/v1"


def get_json(client, path: str, status: int = 200) -> dict:
    response = client.get(API + path)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


@pytest.mark.django_db
def test_round_list_takes_the_pages_filters(client, archive):
    everything = get_json(client, "/rounds/")
    assert everything["count"] == 22
    assert [r["number"] for r in everything["items"]][:3] == [1, 2, 3]

    by_participant = get_json(client, "/rounds/?participant=Lavrentyev")
    assert [r["number"] for r in by_participant["items"]] == [12, 13]
    by_observer = get_json(client, "/rounds/?observer=lebanon")
    assert [r["number"] for r in by_observer["items"]] == [13]
    round_13 = by_observer["items"][0]
    assert round_13["url"] == "http://testserver/rounds/13/"
    assert round_13["article_count"] == 1


@pytest.mark.django_db
def test_an_unknown_filter_value_is_refused_with_the_forms_message(client, archive):
    errors = get_json(client, "/delegations/?party=atlantis", status=422)["detail"]
    assert errors[0]["loc"] == ["query", "party"]
    errors = get_json(client, "/delegations/?round_from=9&round_to=3", status=422)["detail"]
    assert "comes after" in errors[0]["msg"]


@pytest.mark.django_db
def test_round_detail_hides_rejected_facts(client, archive):
    round_13 = get_json(client, "/rounds/13/")
    parties = [d["party"]["slug"] for d in round_13["delegations"]]
    assert "united-states" not in parties
    assert {"russia", "iran"} <= set(parties)
    russia = next(d for d in round_13["delegations"] if d["party"]["slug"] == "russia")
    assert russia["head"] == {"slug": archive["lavrentiev"].slug, "name": "Alexander Lavrentiev"}
    assert russia["state"] == "confirmed" and russia["sources"] == 1
    assert {o["party"]["slug"] for o in round_13["observers"]} == {"lebanon", "iraq"}
    assert {t["topic"]["slug"] for t in round_13["topics"]} == {
        "idlib",
        "constitutional-committee",
    }
    get_json(client, "/rounds/99/", status=404)


@pytest.mark.django_db
def test_fact_lists_filter_and_hide_rejected(client, archive):
    delegations = get_json(client, "/delegations/?round_from=13&round_to=13")
    assert {d["party"]["slug"] for d in delegations["items"]} == {"russia", "iran"}
    confirmed = get_json(client, "/delegations/?confirmed=true")
    assert {(d["round"], d["party"]["slug"]) for d in confirmed["items"]} == {
        (13, "russia"),
        (12, "russia"),
    }
    observers = get_json(client, "/observers/?party=united-states")
    assert observers == {"items": [], "count": 0}
    topics = get_json(client, "/topics/?topic=idlib")
    assert [(t["round"], t["topic"]["slug"]) for t in topics["items"]] == [(13, "idlib")]
    assert topics["items"][0]["url"].endswith("/rounds/13/topics/idlib/")
    assert get_json(client, "/topics/?topic=sanctions")["count"] == 0


@pytest.mark.django_db
def test_participants_by_any_spelling(client, archive):
    found = get_json(client, "/participants/?q=Haji")
    assert [p["name"] for p in found["items"]] == ["Ali Asghar Khaji"]
    assert "Ali Asgahr Khaji" in found["items"][0]["aliases"]
    person = get_json(client, f"/participants/{archive['lavrentiev'].slug}/")
    assert [(d["round"], d["party"]["slug"]) for d in person["delegations"]] == [
        (12, "russia"),
        (13, "russia"),
    ]
    jaafari = get_json(client, f"/participants/{archive['jaafari'].slug}/")
    assert jaafari["delegations"] == []  # his only delegation was rejected


@pytest.mark.django_db
def test_articles_filter_and_detail_carry_evidence(client, archive):
    linked = get_json(client, "/articles/?round=13")
    assert [a["title"] for a in linked["items"]] == [archive["report"].title]
    unlinked = get_json(client, "/articles/?unlinked=true")
    assert [a["id"] for a in unlinked["items"]] == [archive["unlinked"].pk]
    assert get_json(client, "/articles/?q=Ankara")["items"][0]["id"] == archive["unlinked"].pk

    report = get_json(client, f"/articles/{archive['report'].pk}/")
    assert report["round"] == 13 and "13th round" in report["text"]
    heads = {d["party"]["slug"]: d["head"]["name"] for d in report["delegations"]}
    assert heads == {"russia": "Alexander Lavrentiev", "iran": "Ali Asghar Khaji"}
    assert all(d["sentence"] for d in report["delegations"])
    assert {o["party"]["slug"] for o in report["observers"]} == {"lebanon", "iraq"}


@pytest.mark.django_db
def test_article_filters_by_publisher_language_and_dates(client, archive):
    tass = get_json(client, "/articles/?publisher=TASS")
    assert [a["title"] for a in tass["items"]] == ["Twelfth round opens"]
    summer = get_json(client, "/articles/?published_from=2019-08-01&published_to=2019-08-31")
    assert [a["id"] for a in summer["items"]] == [archive["report"].pk]
    assert get_json(client, "/articles/?language=en")["count"] == 3
    errors = get_json(
        client, "/articles/?published_from=2019-09-01&published_to=2019-01-01", status=422
    )["detail"]
    assert "comes after" in errors[0]["msg"]
    get_json(client, "/articles/?publisher=Nobody", status=422)


@pytest.mark.django_db
def test_api_root_leads_to_its_documentation(client):
    response = client.get("/api/")
    assert response.status_code == 302
    assert response["Location"] == "/api/v1/docs"


@pytest.mark.django_db
def test_pagination(client, many_rows):
    first = get_json(client, "/articles/?page_size=20")
    assert first["count"] == 130 and len(first["items"]) == 20
    last = get_json(client, "/articles/?page_size=20&page=7")
    assert len(last["items"]) == 10
    ids = {
        a["id"]
        for page in range(1, 8)
        for a in get_json(client, f"/articles/?page_size=20&page={page}")["items"]
    }
    assert len(ids) == 130


@pytest.mark.django_db
def test_openapi_description_lists_endpoints_and_filters(client):
    schema = get_json(client, "/openapi.json")
    assert schema["info"]["version"] == "1"
    paths = schema["paths"]
    for path in ("rounds/", "delegations/", "observers/", "topics/", "participants/", "articles/"):
        assert f"/api/v1/{path}" in paths
    delegation_params = {p["name"] for p in paths["/api/v1/delegations/"]["get"]["parameters"]}
    assert {"party", "role", "participant", "round_from", "round_to", "confirmed", "page"} <= (
        delegation_params
    )
    docs = client.get(API + "/docs")
    assert docs.status_code == 200
    assert b"/static/ninja/" in docs.content  # served by the site, no CDN


@pytest.mark.django_db
def test_every_page_links_the_api_description(client, archive):
    for url in ("/", "/rounds/13/", "/delegations/", f"/articles/{archive['report'].pk}/"):
        body = client.get(url).content.decode()
        assert 'href="/api/v1/docs"' in body, url


API_LISTS = [
    ("/rounds/?page_size=500", 7),  # with the articles per round: version, grouped count
    ("/rounds/?year=2019&party=russia&topic=idlib&participant=person", 8),
    ("/rounds/13/", 7),  # with the articles per round: version, grouped count (cold)
    ("/delegations/?page_size=500", 3),
    ("/delegations/?party=russia&role=guarantor&participant=person", 4),
    ("/observers/?page_size=500", 3),
    ("/topics/?page_size=500&topic=idlib", 6),  # the same, for the shares
    ("/participants/?page_size=500", 3),
    ("/participants/?q=person&party=russia", 4),
    ("/participants/person-001/", 3),
    ("/parties/", 3),
    # The article filters read their publisher and language choices (cold cache): 3 queries.
    ("/articles/?page_size=500", 5),
    # One more with a search: every person's spellings, read once for the words searched;
    # on PostgreSQL two more around reading the results, which set the planner to use the
    # search index and reset it (articles/search.py, index_scans()).
    ("/articles/?q=Syria&round=5&publisher=Publisher+5&language=en", 9),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "budget"), API_LISTS)
def test_api_queries_stay_within_budget(
    client, many_rows, path, budget, django_assert_max_num_queries
):
    with django_assert_max_num_queries(budget + 1):  # + the page cache's version read
        get_json(client, path)


@pytest.mark.django_db
def test_article_detail_queries_stay_within_budget(
    client, many_rows, django_assert_max_num_queries
):
    article = many_rows["articles"][1]
    with django_assert_max_num_queries(5):
        get_json(client, f"/articles/{article.pk}/")
