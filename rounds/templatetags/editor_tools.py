"""Editors' tools on the public pages: the admin page of a fact, for a signed-in editor.

Public pages are cached for anonymous visitors only (astana_site/middleware.py), so what a
signed-in editor sees here never reaches another visitor.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import template
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

register = template.Library()


def may_edit(request: Any, model: type[models.Model]) -> bool:
    """Whether the request's user is an editor allowed to change facts of `model`."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff:
        return False
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


@register.simple_tag(takes_context=True)
def fact_edit_url(context, fact: models.Model) -> str:
    """The fact's admin change page, when the signed-in user may change it; else ""."""
    if fact is None or not may_edit(context.get("request"), type(fact)):
        return ""
    opts = fact._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[fact.pk])
    except NoReverseMatch:
        return ""


def edit_links(request: Any, model: type[models.Model]) -> Callable[[models.Model], str]:
    """For lists written in Python: a function giving a fact's " edit" link (as
    templates/includes/fact_edit_link.html writes it) for an editor, "" for anyone else.
    The permission is checked once, not once a row."""
    if not may_edit(request, model):
        return lambda fact: ""
    opts = model._meta
    try:
        sample = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[987654321])
    except NoReverseMatch:
        return lambda fact: ""
    head, tail = sample.split("987654321")
    return lambda fact: format_html(
        ' <a class="edit-fact" href="{}{}{}" aria-label="Edit {} in the admin">edit</a>',
        head,
        fact.pk,
        tail,
        fact,
    )


def attach_edit_links(request: Any, facts: list[models.Model]) -> None:
    """Set `edit_link` on each of `facts` (all of one model): its " edit" link for an editor,
    "" for anyone else; for pages that show a few facts through templates."""
    if facts:
        link = edit_links(request, type(facts[0]))
        for fact in facts:
            fact.edit_link = link(fact)
