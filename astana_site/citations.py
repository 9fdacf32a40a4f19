"""“Cite this” for rounds and articles: a plain citation, BibTeX and CSL-JSON.

A citation names the archive page (its URL), the archive's version (which changes with every
ingest or editor's save, so a reader can tell which state of the facts was cited) and the
date of access. CSL-JSON follows the Citation Style Language's schema (csl-data.json), which
Zotero, Pandoc and citeproc read; BibTeX uses biblatex's `@online` fields.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from articles.models import Article
from rounds.models import Round
from rounds.templatetags.archive import date_range
from rounds.versioning import archive_version

ARCHIVE_NAME = "Astana talks archive"


@dataclass(frozen=True)
class Citation:
    key: str  # BibTeX key and CSL id, also the download's file name
    csl_type: str
    title: str
    url: str
    version: int
    accessed: datetime.date
    issued: datetime.date | None = None
    container: str = ""  # where the cited thing appeared (an article's publisher)
    note: str = ""  # when and where, as a reader says it (a round's dates and city)

    def plain(self) -> str:
        """One line a reader can paste: what, where and when, which version, accessed."""
        parts = [f"“{self.title}.”"]
        issued = f"{self.issued.day} {self.issued:%B %Y}" if self.issued else ""
        # The note, when there is one, already says when (a round's range of days).
        when = self.note or ", ".join(part for part in (self.container, issued) if part)
        if when:
            parts.append(f"{when}.")
        parts.append(f"In: {ARCHIVE_NAME}, version {self.version}.")
        parts.append(f"{self.url}.")
        parts.append(f"Accessed {self.accessed.day} {self.accessed:%B %Y}.")
        return " ".join(part for part in parts if part)

    def csl(self) -> dict[str, Any]:
        item: dict[str, Any] = {
            "id": self.key,
            "type": self.csl_type,
            "title": self.title,
            "URL": self.url,
            "version": str(self.version),
            "publisher": ARCHIVE_NAME,
            "accessed": {"date-parts": [[*_parts(self.accessed)]]},
        }
        if self.issued:
            item["issued"] = {"date-parts": [[*_parts(self.issued)]]}
        if self.container:
            item["container-title"] = self.container
        if self.note:
            item["note"] = self.note
        return item

    def bibtex(self) -> str:
        # Title in double braces: BibTeX styles must not change its capitals.
        fields = [("title", "{" + _braced(self.title) + "}")]
        if self.issued:
            fields.append(("date", self.issued.isoformat()))
        if self.container:
            fields.append(("organization", _braced(self.container)))
        fields += [
            ("url", self.url),
            ("urldate", self.accessed.isoformat()),
            ("version", str(self.version)),
            ("publisher", ARCHIVE_NAME),
        ]
        if self.note:
            fields.append(("note", _braced(self.note)))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        return f"@online{{{self.key},\n{body}\n}}\n"


def _parts(day: datetime.date) -> tuple[int, int, int]:
    return (day.year, day.month, day.day)


BIBTEX_SPECIALS = re.compile(r"([\\{}&%$#_^~])")
BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"}


def _braced(text: str) -> str:
    """Text safe inside a BibTeX value: LaTeX's special characters escaped, capitals kept."""
    return BIBTEX_SPECIALS.sub(lambda m: BIBTEX_ESCAPES.get(m[1], "\\" + m[1]), text)


def round_citation(request: HttpRequest, round_: Round, version: int) -> Citation:
    where = [date_range(round_.start, round_.end) if round_.start else "", round_.city]
    return Citation(
        key=f"astana-round-{round_.number}",
        csl_type="webpage",
        title=f"Round {round_.number} of the Astana talks on Syria",
        url=request.build_absolute_uri(round_.get_absolute_url()),
        version=version,
        accessed=timezone.localdate(),
        issued=round_.start,
        note=", ".join(part for part in where if part),
    )


def article_citation(request: HttpRequest, article: Article, version: int) -> Citation:
    return Citation(
        key=f"astana-article-{article.pk}",
        csl_type="article-newspaper",
        title=str(article),
        url=request.build_absolute_uri(article.get_absolute_url()),
        version=version,
        accessed=timezone.localdate(),
        issued=article.published,
        container=article.publisher,
    )


def citation_for(request: HttpRequest, obj: Round | Article) -> Citation:
    version = getattr(request, "archive_version", None)
    if version is None:
        version = archive_version()
    if isinstance(obj, Round):
        return round_citation(request, obj, version)
    return article_citation(request, obj, version)


def download(citation: Citation, style: str) -> HttpResponse:
    if style == "bib":
        response = HttpResponse(citation.bibtex(), content_type="application/x-bibtex")
    else:
        content = json.dumps([citation.csl()], ensure_ascii=False, indent=2) + "\n"
        response = HttpResponse(content, content_type="application/vnd.citationstyles.csl+json")
    response["Content-Disposition"] = f'attachment; filename="{citation.key}.{style}"'
    return response


def round_citation_view(request: HttpRequest, number: int, style: str) -> HttpResponse:
    round_ = get_object_or_404(Round, number=number)
    return download(citation_for(request, round_), style)


def article_citation_view(request: HttpRequest, pk: int, style: str) -> HttpResponse:
    article = get_object_or_404(
        Article.objects.only("title", "source_name", "publisher", "published"), pk=pk
    )
    return download(citation_for(request, article), style)
