"""The rows of a round's page, written in Python as the fact lists' are (rounds/fact_views.py).

Through the template language, a round's delegations, observers and topics with their
evidence, heads' support and marks were a loop of nested includes, most of the page's
template time. The strings are those the templates wrote, to the byte. Every value from the
database goes through `esc()`; marks, links to the admin and classes are the code's own.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape as esc
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from rounds.models import Delegation, Observer, Role, RoundTopic
from rounds.templatetags.archive import FACT_MARK_HTML, percent

# A delegation's role as shown ("Guarantor"): get_role_display() looks the choices up anew
# for every one of a grid's cells.
ROLE_NAMES: dict[str, str] = {value: str(label) for value, label in Role.choices}
# What a cell shows for an empty value (a delegation's head without a title).
NO_VALUE = "\u2014"


def plural(n: int) -> str:
    return "" if n == 1 else "s"


def quotes_html(mentions: Iterable[Any], text: str = "sentence") -> str:
    """Sentences (a mention's attribute `text`) with the source each links to."""
    return (
        '<ul class="evidence">'
        + "".join(
            f"<li><q>{esc(getattr(m, text))}</q> "
            f'<a class="source" href="{esc(m.url)}">{esc(m.source)}</a></li>'
            for m in mentions
        )
        + "</ul>"
    )


def evidence_sources_html(fact: Any, shown: int, what: str = "") -> str:
    """A fact's supporting sentences folded under its number of sources, or who added it."""
    if not fact.evidence:
        note = ""
        if fact.state == "added" and fact.editor_note:
            note = f' <span class="editor-note">Source: {esc(fact.editor_note)}</span>'
        return f'<span class="muted">added by an editor</span>{note}\n'
    n = fact.mention_count
    more = ""
    if fact.evidence_url:
        counted = f" ({n} sources)" if n > shown else ""
        more = (
            f'<p class="more"><a href="{esc(fact.evidence_url)}">'
            f"All evidence{counted} \u2192</a></p>"
        )
    return (
        f"<details><summary>{n} source{plural(n)}{' ' + what if what else ''}</summary>\n"
        f"          {quotes_html(fact.evidence)}\n"
        f"          {more}\n"
        "        </details>\n"
    )


def head_support_html(delegation: Delegation) -> str:
    """Who the articles name as the delegation's head: the head shown, with its sentences,
    and every competing claim with its own (rounds/head_support.py)."""
    support = delegation.head_support
    shown = support.shown
    html = '<div class="head-support">\n'
    if shown.head:
        if support.set_by_editor:
            note = f": <q>{esc(support.editor_note)}</q>" if support.editor_note else ""
            html += (
                f'<p class="editor-set">Head set by an editor{note}; no article names them.</p>\n'
            )
        else:
            more = ""
            if shown.articles > len(shown.quotes):
                more = (
                    f'<p class="more"><a href="{esc(shown.evidence_url)}">'
                    f"All {shown.articles} \u2192</a></p>"
                )
            html += (
                f"<details><summary>Named as head in {shown.articles} "
                f"article{plural(shown.articles)}</summary>\n"
                f"  {quotes_html(shown.quotes, 'quote')}\n  {more}\n</details>"
            )
    html += "\n"
    for claim in support.competing:
        name = esc(claim.head.name) if claim.head else ""
        html += (
            f'<details class="competing"><summary>Also named as head: {name} in '
            f"{claim.articles} article{plural(claim.articles)}</summary>\n"
            f"  {quotes_html(claim.quotes, 'quote')}\n"
            f'  <p class="more"><a href="{esc(claim.evidence_url)}">{name}: all '
            f"{claim.articles} \u2192</a></p>\n</details>"
        )
    return html + "\n</div>\n"


def party_header(fact: Delegation | Observer) -> str:
    party = fact.party
    return (
        f'<th scope="row"><a href="{esc(party.get_absolute_url())}">{esc(party.name)}</a>'
        f"{FACT_MARK_HTML.get(fact.state, '')}"
    )


def delegation_rows(delegations: list[Delegation], shown: int) -> SafeString:
    """The delegations' table rows: party, role, head, title, evidence and head's support."""
    rows = []
    for d in delegations:
        head = (
            f'<a href="{esc(d.head.get_absolute_url())}">{esc(d.head.name)}</a>'
            if d.head
            else '<span class="muted">not named</span>'
        )
        rows.append(
            f'\n      <tr id="delegation-{esc(d.party.slug)}">\n'
            f"        {party_header(d)}</th>\n        \n"
            f'          <td data-label="Role">{esc(ROLE_NAMES.get(d.role, d.role))}</td>\n'
            f'          <td data-label="Head">{head}</td>\n'
            f'          <td data-label="Title">{esc(d.head_title) or NO_VALUE}{d.edit_link}</td>\n'
            '\n        <td data-label="Evidence">'
            f"{evidence_sources_html(d, shown, 'mention the delegation')}"
            f"{head_support_html(d)}</td>\n      </tr>\n    "
        )
    return mark_safe("".join(rows))


def observer_rows(observers: list[Observer], shown: int) -> SafeString:
    """The observers' table rows: party (with its mark and an editor's link) and evidence."""
    return mark_safe(
        "".join(
            f'\n      <tr id="observer-{esc(o.party.slug)}">\n'
            f"        {party_header(o)}{o.edit_link}</th>\n"
            f"        <td>{evidence_sources_html(o, shown)}</td>\n      </tr>\n    "
            for o in observers
        )
    )


def topic_items(topics: list[RoundTopic], shown: int) -> SafeString:
    """The topics on the agenda: share, description and best sentences of each."""
    items = []
    for t in topics:
        url = esc(t.sentences_url)
        evidence = ""
        if t.evidence:
            more = ""
            if t.mention_count > shown:
                more = (
                    f'<p class="more"><a href="{url}">All {t.mention_count} supporting '
                    "sentences \u2192</a></p>"
                )
            evidence = f"\n      {quotes_html(t.evidence)}\n      {more}\n      "
        items.append(
            f'\n    <li id="topic-{esc(t.topic.slug)}" class="topic-item">\n'
            f'      <h3><a href="{url}">{esc(t.topic.name)}</a>'
            f"{FACT_MARK_HTML.get(t.state, '')}{t.edit_link} "
            f'<span class="topic-share">{esc(percent(t.share))} of the articles '
            f"({t.mention_count} of {t.round_article_count})</span></h3>\n"
            f'      <p class="muted">{esc(t.topic.description)}</p>\n'
            f"      {evidence}\n    </li>\n  "
        )
    return mark_safe("".join(items))
