"""Editors' tools on the public pages: the admin page of a fact, for a signed-in editor.

Public pages are cached for anonymous visitors only (astana_site/middleware.py), so what a
signed-in editor sees here never reaches another visitor.
"""

from __future__ import annotations

from django import template
from django.db import models
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def fact_edit_url(context, fact: models.Model) -> str:
    """The fact's admin change page, when the signed-in user may change it; else ""."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if fact is None or user is None or not user.is_authenticated or not user.is_staff:
        return ""
    opts = fact._meta
    if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return ""
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[fact.pk])
    except NoReverseMatch:
        return ""
