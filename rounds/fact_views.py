"""The round-by-round fact pages: for delegations, observers and topics, a grid (rows by
rounds) and the same facts as a list, each also exported as CSV/JSON.

`FactPagesMixin`, `FactGridView` and `FactListView` hold what every kind of fact shares;
`DelegationPages`, `ObserverPages` and `TopicPages` say what is particular to each. Views are
thin: a base queryset from a QuerySet method, a FilterSet from rounds/filters.py, the grid
arranged by rounds/facets.py. Every fact queryset starts from `.public()`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from html import escape as esc
from typing import Any, ClassVar

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView

from astana_site.views import ArchiveListView, ArchiveMixin, url_maker
from rounds.evidence_views import EVIDENCE_COLUMNS, evidence_columns, with_best_evidence
from rounds.facets import Grid, GridCell, GridColumn, build_grid, heat_legend, heat_level
from rounds.filters import DelegationFilter, ObserverFilter, TopicFilter
from rounds.models import (
    TOPIC_SHARE_THRESHOLD,
    Delegation,
    Observer,
    Participant,
    Party,
    Round,
    RoundTopic,
)
from rounds.provenance import EditorialState
from rounds.round_page import NO_VALUE, ROLE_NAMES
from rounds.round_views import round_calendar
from rounds.templatetags.archive import FACT_MARK_HTML, INFERRED_MARK, fact_state_words, percent
from rounds.templatetags.editor_tools import edit_links

# The longest surname a grid cell shows; longer names are shown as initials.
COMPACT_NAME_MAX = 11


def compact_name(name: str) -> str:
    """A person's name as short as a grid cell wants it: the surname, or the initials when
    even that is long ("Alexander Lavrentiev" -> "Lavrentiev"; a 20-letter word -> "A. B.")."""
    words = name.split()
    if not words:
        return name
    surname = words[-1]
    if len(surname) <= COMPACT_NAME_MAX:
        return surname
    return " ".join(f"{word[0]}." for word in words[:3])


class FactPagesMixin(ArchiveMixin):
    """What a fact's grid and list share: the filtered public facts and their export.

    A fact (`fact_model`) belongs to a round and to the grid row named by `row_field`."""

    fact_model: Any = None
    row_field = "party"
    # What a grid's cells read through a fact beside its row: the grid's columns are the
    # rounds (get_rounds()), so it does not read a round with every fact.
    cell_related: tuple[str, ...] = ()
    fact_nouns: tuple[str, str] = ("fact", "facts")
    row_noun = "rows"
    grid_url_name = ""
    list_url_name = ""

    def get_base_queryset(self) -> QuerySet:
        return (
            self.fact_model.objects.public()
            .select_related("round", self.row_field)
            .with_mention_count()
            .order_by("round__number", f"{self.row_field}__sort_order")
        )

    def row_of(self, fact: Any) -> Any:
        return getattr(fact, self.row_field)

    def export_fact(self, obj: Any) -> dict[str, Any]:
        """The export columns of `obj` between its round's and its editorial state."""
        raise NotImplementedError

    def export_row(self, obj: Any) -> dict[str, Any]:
        row = {
            "round": obj.round.number,
            "round_start": obj.round.start,
            **self.export_fact(obj),
            "state": obj.state,
        }
        return {column: row.get(column) for column in self.export_columns}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if self.filter_is_valid:
            self.filterset.show_facet_counts()
        query = self.query_string(page=None, format=None)
        context.update(
            grid_url=reverse(self.grid_url_name) + query,
            list_url=reverse(self.list_url_name) + query,
        )
        return context


class FactGridView(FactPagesMixin, TemplateView):
    """Rows (parties or topics) by rounds; every fact fetched in one query, each cell written
    here by `present()` so the template prints one string a row (see GridCell). Cells are
    assembled with f-strings; every value from the database goes through `esc()`; classes
    and counts are the view's own."""

    empty_cell = mark_safe('<td class="cell-empty"><span class="visually-hidden">none</span></td>')

    def present(self, fact: Any, column: GridColumn) -> GridCell:
        raise NotImplementedError

    @staticmethod
    def cell_css(fact: Any) -> str:
        """A cell's classes: an extracted fact's cell is outlined, an editor's is filled."""
        if fact.state == EditorialState.EXTRACTED:
            return "cell cell-extracted"
        return "cell cell-confirmed"

    def row_sort(self, header: Any) -> Any:
        return (header.sort_order, str(header))

    def get_rounds(self) -> list[Round]:
        data = self.filterset.form.cleaned_data if self.filter_is_valid else {}
        first, last = data.get("round_from"), data.get("round_to")
        return [
            round_
            for round_ in round_calendar()
            if (first is None or round_.number >= first) and (last is None or round_.number <= last)
        ]

    def get_grid(self) -> Grid:
        rounds = self.get_rounds()
        grid = build_grid(
            self.get_filtered_queryset()
            .select_related(None)
            .select_related(self.row_field, *self.cell_related),
            rounds,
            row_of=self.row_of,
            row_sort=self.row_sort,
            column_key=lambda round_: round_.pk,
            fact_column_key=lambda fact: fact.round_id,
        )
        round_url = url_maker("rounds:round-detail", number=0)
        grid.columns = [
            GridColumn(
                number=str(r.number),
                year=str(r.start.year) if r.start else "",
                url=round_url(number=r.number),
                title=", ".join(
                    part
                    for part in (
                        f"Round {r.number}",
                        r.start and f"{r.start:%B %Y}",
                        r.city,
                        not r.confirmed and "inferred from articles, not on the calendar",
                    )
                    if part
                ),
                inferred=not r.confirmed,
            )
            for r in rounds
        ]
        for row in grid.rows:
            row.cells = [
                None if fact is None else self.present(fact, column)
                for fact, column in zip(row.cells, grid.columns, strict=True)
            ]
            row.cells_html = mark_safe(
                "".join(self.empty_cell if cell is None else cell.html for cell in row.cells)
            )
        return grid

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        grid = self.get_grid()
        facts = sum(row.filled for row in grid.rows)
        context.update(
            grid=grid,
            result_text=(
                f"{facts} {self.fact_nouns[facts != 1]} · "
                f"{len(grid.rows)} {self.row_noun} by {len(grid.columns)} rounds"
            ),
        )
        return context


def with_compact_link(cell: GridCell) -> GridCell:
    """`cell` written as a link showing its short text, its `note` the link's text for screen
    readers and its `title` the tooltip."""
    cell.html = (
        f'<td class="{cell.css}"><a href="{esc(cell.url)}" title="{esc(cell.title)}">'
        f'<span aria-hidden="true">{esc(cell.text)}</span>'
        f'<span class="visually-hidden">{esc(cell.note)}</span></a></td>'
    )
    return cell


class FactListView(FactPagesMixin, ArchiveListView):
    """A page of facts, one table row each. Each row is written here by `row_html()` and the
    template prints them as one string: through the template language, fifty rows of links,
    marks and an editor's link cost more than everything else on the page. Every value from
    the database goes through `esc()`; marks and classes are the code's own."""

    def get_title(self) -> str:
        return f"{self.title}: list"

    def row_html(self, fact: Any, edit_link: Callable[[Any], str]) -> str:
        raise NotImplementedError

    @cached_property
    def round_cells(self) -> Callable[[Round, str], str]:
        """The first cell's content: the round linked at `anchor` on its page, its inferred
        mark and its month ("Jan 2017"), as templates/rounds/includes/ wrote them."""
        round_url = url_maker("rounds:round-detail", number=0)
        months: dict[Any, str] = {}

        def cell(round_: Round, anchor: str) -> str:
            start = round_.start
            if start not in months:
                months[start] = esc(date_format(start, "M Y")) if start else ""
            inferred = "" if round_.confirmed else INFERRED_MARK
            return (
                f'<a href="{round_url(number=round_.number)}#{esc(anchor)}">Round '
                f'{round_.number}</a>{inferred} <span class="muted">{months[start]}</span>'
            )

        return cell

    def sources_link(self, fact: Any) -> str:
        """A party's fact's number of sources, linked to its evidence page."""
        url = self.evidence_url(number=fact.round.number, slug=fact.party.slug)
        return f'<a href="{url}">{fact.mention_count}</a>'

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        edit_link = edit_links(self.request, self.fact_model)
        context["rows_html"] = mark_safe(
            "".join(self.row_html(fact, edit_link) for fact in context["object_list"])
        )
        return context


# What the pages of facts by round (grid, list, export) read of each fact's round and party:
# the rest (a party's or topic's description, the facts' timestamps) was read into a model
# for every cell.
ROUND_FIELDS = ("round__number", "round__start", "round__confirmed")
# A topic's description is the tooltip of its row in the grid.
TOPIC_FIELDS = ("name", "slug", "sort_order", "description")
PARTY_FACT_FIELDS = ("state", *ROUND_FIELDS, "party__name", "party__slug", "party__sort_order")


def party_link(party: Party) -> str:
    return f'<a href="{esc(party.get_absolute_url())}">{esc(party.name)}</a>'


def person_link(person: Participant | None, missing: str) -> str:
    """A person's name linked to their page, or `missing` (muted) when there is none."""
    if person is None:
        return f'<span class="muted">{missing}</span>'
    return f'<a href="{esc(person.get_absolute_url())}">{esc(person.name)}</a>'


class DelegationPages:
    fact_model = Delegation
    cell_related = ("head",)
    nav_section = "delegations"
    title = "Delegations round by round"
    fact_nouns = ("delegation", "delegations")
    row_noun = "parties"
    filterset_class = DelegationFilter
    grid_url_name = "rounds:delegation-grid"
    list_url_name = "rounds:delegation-list"
    export_name = "delegations"
    export_columns: ClassVar[list[str]] = [
        "round",
        "round_start",
        "party",
        "role",
        "head",
        "head_title",
        "state",
        *EVIDENCE_COLUMNS,
    ]

    def get_export_queryset(self) -> QuerySet:
        return with_best_evidence(self.get_filtered_queryset(), prefer_head=True)

    def get_base_queryset(self) -> QuerySet:
        return (
            Delegation.objects.for_grid()
            .with_mention_count()
            .only(*PARTY_FACT_FIELDS, "role", "head_title", "head__name", "head__slug")
        )

    @cached_property
    def evidence_url(self) -> Callable[..., str]:
        return url_maker("rounds:delegation-evidence", number=0, slug="x")

    def present(self, fact: Delegation, column: GridColumn) -> GridCell:
        """A compact cell (the head's surname) linking to the delegation's evidence; the
        full name, title and role are its tooltip and, for screen readers, its link text."""
        mark = fact_state_words(fact.state) or fact.state
        head = fact.head
        described = head.name if head else "head not named"
        if fact.head_title:
            described += f", {fact.head_title}"
        role = ROLE_NAMES.get(fact.role, fact.role).lower()
        cell = GridCell(
            fact=fact,
            text=compact_name(head.name) if head else "\u2013",
            url=self.evidence_url(number=column.number, slug=fact.party.slug),
            title=f"{fact.party.name} at round {column.number}: {described}, {role} ({mark})",
            css=FactGridView.cell_css(fact),
        )
        cell.note = cell.title
        return with_compact_link(cell)

    def export_fact(self, obj: Delegation) -> dict[str, Any]:
        return {
            "party": obj.party.name,
            "role": obj.role,
            "head": obj.head.name if obj.head else None,
            "head_title": obj.head_title,
            **evidence_columns(self, obj, "rounds:delegation-evidence", obj.party.slug),
        }


class DelegationGridView(DelegationPages, FactGridView):
    template_name = "rounds/delegation_grid.html"


class DelegationListView(DelegationPages, FactListView):
    template_name = "rounds/delegation_list.html"
    sort_options: ClassVar[dict[str, tuple[Any, ...]]] = {
        "round": ("round__number", "party__sort_order", "party__name"),
        "party": ("party__name", "round__number"),
        "role": ("role", "round__number", "party__sort_order"),
        "head": ("head__name", "round__number", "party__sort_order"),
        "title": ("head_title", "round__number", "party__sort_order"),
        "sources": ("mention_count", "round__number", "party__sort_order"),
    }
    default_sort = "round"

    def row_html(self, fact: Delegation, edit_link: Callable[[Any], str]) -> str:
        party = fact.party
        return (
            f'<tr><td data-label="Round">{self.round_cells(fact.round, f"delegation-{party.slug}")}'
            f'</td><th scope="row">{party_link(party)}</th>'
            f'<td data-label="Role">{esc(ROLE_NAMES.get(fact.role, fact.role))}</td>'
            f'<td data-label="Head">{person_link(fact.head, "not named")}'
            f"{FACT_MARK_HTML.get(fact.state, '')}</td>"
            f'<td data-label="Title">{esc(fact.head_title) or NO_VALUE}{edit_link(fact)}</td>'
            f'<td data-label="Sources" class="num">{self.sources_link(fact)}</td></tr>\n'
        )


class ObserverPages:
    nav_section = "observers"
    title = "Observers round by round"
    fact_nouns = ("observer attendance", "observer attendances")
    row_noun = "parties"
    filterset_class = ObserverFilter
    grid_url_name = "rounds:observer-grid"
    list_url_name = "rounds:observer-list"
    export_name = "observers"
    export_columns: ClassVar[list[str]] = [
        "round",
        "round_start",
        "party",
        "mentions",
        "state",
        *EVIDENCE_COLUMNS,
    ]
    fact_model = Observer

    def get_base_queryset(self) -> QuerySet:
        return (
            super().get_base_queryset().only(*PARTY_FACT_FIELDS)  # type: ignore[misc]
        )

    def get_export_queryset(self) -> QuerySet:
        return with_best_evidence(self.get_filtered_queryset())

    @cached_property
    def evidence_url(self) -> Callable[..., str]:
        return url_maker("rounds:observer-evidence", number=0, slug="x")

    def present(self, fact: Observer, column: GridColumn) -> GridCell:
        mark = fact_state_words(fact.state) or fact.state
        sources = f"{fact.mention_count} source{'' if fact.mention_count == 1 else 's'}"
        cell = GridCell(
            fact=fact,
            text="\u2713",
            url=self.evidence_url(number=column.number, slug=fact.party.slug),
            title=f"{fact.party.name} observed round {column.number} ({sources}, {mark})",
            css=FactGridView.cell_css(fact),
            note=f"{fact.party.name}, observer at round {column.number} ({mark})",
        )
        return with_compact_link(cell)

    def export_fact(self, obj: Observer) -> dict[str, Any]:
        return {
            "party": obj.party.name,
            "mentions": obj.mention_count,
            **evidence_columns(self, obj, "rounds:observer-evidence", obj.party.slug),
        }


class ObserverGridView(ObserverPages, FactGridView):
    template_name = "rounds/observer_grid.html"
    empty_cell = mark_safe('<td class="cell-empty"><span class="visually-hidden">no</span></td>')


class ObserverListView(ObserverPages, FactListView):
    template_name = "rounds/observer_list.html"

    def row_html(self, fact: Observer, edit_link: Callable[[Any], str]) -> str:
        anchor = f"observer-{fact.party.slug}"
        mark = FACT_MARK_HTML.get(fact.state, "")
        sources = self.sources_link(fact)
        round_cell = self.round_cells(fact.round, anchor)
        party_cell = f'<th scope="row">{party_link(fact.party)}{mark}</th>'
        return f'<tr><td>{round_cell}</td>{party_cell}<td class="num">{sources}</td></tr>\n'

    sort_options: ClassVar[dict[str, tuple[Any, ...]]] = {
        "round": ("round__number", "party__sort_order", "party__name"),
        "observer": ("party__name", "round__number"),
        "sources": ("mention_count", "round__number", "party__sort_order"),
    }
    default_sort = "round"


class TopicPages:
    nav_section = "topics"
    title = "Topics round by round"
    fact_nouns = ("agenda item", "agenda items")
    row_noun = "topics"
    filterset_class = TopicFilter
    grid_url_name = "rounds:topic-grid"
    list_url_name = "rounds:topic-list"
    export_name = "topics"
    export_columns: ClassVar[list[str]] = [
        "round",
        "round_start",
        "topic",
        "topic_name",
        "mentions",
        "round_articles",
        "share",
        "on_agenda",
        "state",
    ]
    fact_model = RoundTopic
    row_field = "topic"

    def get_base_queryset(self) -> QuerySet:
        return (
            RoundTopic.objects.public()
            .select_related("round", "topic")
            .with_share()
            .only(*ROUND_FIELDS, "state", *(f"topic__{name}" for name in TOPIC_FIELDS))
            .order_by("round__number", "topic__sort_order")
        )

    def export_fact(self, obj: RoundTopic) -> dict[str, Any]:
        return {
            "topic": obj.topic.slug,
            "topic_name": obj.topic.name,
            "mentions": obj.mention_count,
            "round_articles": obj.round_article_count,
            "share": round(obj.share, 3),
            "on_agenda": obj.is_significant,
        }


class TopicGridView(TopicPages, FactGridView):
    template_name = "rounds/topic_grid.html"

    @cached_property
    def sentences_url(self) -> Callable[..., str]:
        return url_maker("rounds:round-topic", number=0, slug="x")

    def present(self, fact: RoundTopic, column: GridColumn) -> GridCell:
        extracted = fact.state == EditorialState.EXTRACTED
        count, total = fact.mention_count, fact.round_article_count
        share = f"{fact.share:.0%}"
        articles = f"{count} of {total} article{'' if total == 1 else 's'}"
        cell = GridCell(
            fact=fact,
            text=share,
            url=self.sentences_url(number=column.number, slug=fact.topic.slug),
            title=f"{fact.topic.name} at round {column.number}: {share} of its articles "
            f"({articles})" + (" (extracted)" if extracted else ""),
            # An editor's topic is on the agenda whatever its share; it keeps its shade.
            css=f"cell heat-{max(heat_level(fact.share), 0 if extracted else 1)}"
            + (" cell-extracted" if extracted else ""),
            note=f" of the articles on round {column.number} ({articles})"
            + (", extracted" if extracted else ""),
        )
        cell.html = (
            f'<td class="{cell.css}"><a href="{esc(cell.url)}" title="{esc(cell.title)}">'
            f'{cell.text}<span class="visually-hidden">{esc(cell.note)}</span>'
            f'<span class="cell-count" aria-hidden="true">{count}</span></a></td>'
        )
        return cell

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["heat_legend"] = heat_legend()
        context["topic_threshold"] = TOPIC_SHARE_THRESHOLD
        return context


class TopicListView(TopicPages, FactListView):
    template_name = "rounds/topic_list.html"

    @cached_property
    def sentences_url(self) -> Callable[..., str]:
        return url_maker("rounds:round-topic", number=0, slug="x")

    def row_html(self, fact: RoundTopic, edit_link: Callable[[Any], str]) -> str:
        topic, number = fact.topic, fact.round.number
        sentences = self.sentences_url(number=number, slug=topic.slug)
        return (
            f"<tr><td>{self.round_cells(fact.round, f'topic-{topic.slug}')}</td>"
            f'<th scope="row">{esc(topic.name)}{FACT_MARK_HTML.get(fact.state, "")}</th>'
            f'<td class="num">{percent(fact.share)}</td>'
            f'<td class="num"><a href="{sentences}">{fact.mention_count}</a> '
            f'<span class="muted">of {fact.round_article_count}</span></td></tr>\n'
        )

    sort_options: ClassVar[dict[str, tuple[Any, ...]]] = {
        "round": ("round__number", "topic__sort_order"),
        "topic": ("topic__name", "round__number"),
        "share": ("share", "round__number", "topic__sort_order"),
        "articles": ("mention_count", "round__number", "topic__sort_order"),
    }
    default_sort = "round"
