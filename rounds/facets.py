"""Round-by-round grids and small summaries, built in Python from rows already fetched.

The views fetch every fact of a grid in one query; these functions only arrange them, so a
grid costs the same number of queries whatever its size.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from rounds.models import TOPIC_SHARE_THRESHOLD

# Lower bounds of the heat-map shades: the share of a round's articles that put a topic on
# its agenda. A share, not a count, so that a round many articles report on does not look
# darker by volume alone; fixed so that a shade means the same on every page. The first
# bound is the threshold of significance (rounds.models.TOPIC_SHARE_THRESHOLD).
HEAT_LEVELS: tuple[float, ...] = (TOPIC_SHARE_THRESHOLD, 0.4, 0.55, 0.7, 0.85)


def heat_level(share: float) -> int:
    """Shade 0 (below the threshold of significance) to 5 for a topic's share of a round."""
    return sum(share >= low for low in HEAT_LEVELS)


def heat_legend() -> list[tuple[int, str]]:
    legend = []
    for level, (low, high) in enumerate(pairwise([*HEAT_LEVELS, None]), start=1):
        percent = round(low * 100)
        label = f"{percent}% or more" if high is None else f"{percent}\u2013{round(high * 100)}%"
        legend.append((level, label))
    return legend


@dataclass
class GridColumn:
    """A round heading a grid column, its link and tooltip already worked out."""

    number: str
    year: str
    url: str
    title: str
    inferred: bool = False  # not on the calendar: only inferred from articles


@dataclass
class GridCell:
    """One filled cell and its <td>, ready to print.

    A grid has hundreds of cells; working out each link, label and number in the template
    costs more than all the queries of the page, so the view writes them (see `html`).
    """

    fact: Any
    text: str
    url: str
    title: str
    css: str
    note: str = ""  # read to screen readers only
    html: str = ""


@dataclass
class GridRow:
    header: Any
    cells: list[Any]
    cells_html: str = ""  # every <td> of the row, once the view has written them

    @property
    def filled(self) -> int:
        return sum(cell is not None for cell in self.cells)


@dataclass
class Grid:
    """Rows by columns with a fact (or None) in each cell."""

    columns: list[Any]
    rows: list[GridRow] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.rows)


def build_grid(
    facts: Iterable[Any],
    columns: Sequence[Any],
    *,
    row_of: Callable[[Any], Any],
    column_key: Callable[[Any], Hashable],
    row_sort: Callable[[Any], Any],
    fact_column_key: Callable[[Any], Hashable],
) -> Grid:
    """Arrange `facts` into a grid with one row per distinct `row_of(fact)`.

    `columns` fixes the columns and their order (every round of the range, even empty ones);
    a fact whose column is not among them is left out. Rows are sorted by `row_sort`.
    """
    index = {column_key(column): position for position, column in enumerate(columns)}
    rows: dict[Hashable, GridRow] = {}
    for fact in facts:
        position = index.get(fact_column_key(fact))
        if position is None:
            continue
        header = row_of(fact)
        row = rows.get(header.pk)
        if row is None:
            row = rows[header.pk] = GridRow(header=header, cells=[None] * len(columns))
        row.cells[position] = fact
    return Grid(columns=list(columns), rows=sorted(rows.values(), key=lambda r: row_sort(r.header)))


@dataclass
class Tenure:
    """One head of a party's delegation over consecutive attended rounds."""

    head: Any  # a Participant, or None when the articles named no head
    title: str
    first_round: int
    last_round: int
    rounds: int = 1


def head_tenures(delegations: Iterable[Any]) -> list[Tenure]:
    """Group a party's delegations (in round order) into runs under the same head."""
    tenures: list[Tenure] = []
    for delegation in delegations:
        number = delegation.round.number
        current = tenures[-1] if tenures else None
        if current is not None and current.head == delegation.head:
            current.last_round = number
            current.rounds += 1
            current.title = delegation.head_title or current.title
        else:
            tenures.append(Tenure(delegation.head, delegation.head_title, number, number))
    return tenures
