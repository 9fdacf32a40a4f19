"""{% cite_this obj %}: the “Cite this” box of a round's or an article's page."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from articles.models import Article
from astana_site.citations import citation_for
from rounds.models import Round

register = template.Library()


@register.inclusion_tag("includes/cite_this.html", takes_context=True)
def cite_this(context: dict[str, Any], obj: Round | Article) -> dict[str, Any]:
    citation = citation_for(context["request"], obj)
    if isinstance(obj, Round):
        kind, kwargs = "round", {"number": obj.number}
    else:
        kind, kwargs = "article", {"pk": obj.pk}
    return {
        "citation": citation,
        "bibtex_url": reverse(f"cite-{kind}-bib", kwargs=kwargs),
        "csl_url": reverse(f"cite-{kind}-csl", kwargs=kwargs),
    }
