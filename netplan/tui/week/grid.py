"""The routine grid: routines × the days of a week (or the weeks of a month).

A DataTable whose row labels are the routine titles, then one column per day (or week), then
done/target, a progress bar and the streak. The cursor stays on the day columns. A cell
shows its total (check-offs plus evidence: attended events, imported activity); a cell
holding evidence carries `EVIDENCE_MARK` in its own colour, and the pane names the items.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

from netplan.tui.common.follow import netplan_app
from netplan.tui.common.text import plain, shorten

BAR_WIDTH = 6
TITLE_WIDTH = 23
DAY_WIDTH = 4
EVIDENCE_MARK = "*"  # a cell whose count holds events or imported activity


@dataclass(frozen=True)
class GridColumn:
    key: str
    label: str
    is_today: bool = False


@dataclass(frozen=True)
class GridRow:
    key: str
    title: str
    counts: tuple[int, ...]
    done: int
    target: int
    met: bool
    streak: int
    best: int
    skipped: bool = False  # the period is paused (spec 7.1): neither met nor missed
    evidence: tuple[int, ...] = ()  # of each cell's count, what came from events or activity


class RoutineGrid(DataTable):
    """Shows rows; the pane around it decides what a key does to which day."""

    BINDINGS = [
        Binding("h", "cursor_left", "Left", show=False),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("l", "cursor_right", "Right", show=False),
    ]

    def __init__(self, title_width: int = TITLE_WIDTH, **kwargs) -> None:
        self.title_width = title_width
        super().__init__(
            cursor_type="cell", zebra_stripes=False, cell_padding=0, header_height=2, **kwargs
        )
        self.period_columns = 0
        self.row_keys: list[str] = []
        self._shown: tuple | None = None

    def validate_cursor_coordinate(self, value: Coordinate) -> Coordinate:
        value = super().validate_cursor_coordinate(value)
        if self.period_columns and value.column >= self.period_columns:
            return Coordinate(value.row, self.period_columns - 1)
        return value

    @property
    def current_row_key(self) -> str | None:
        row = self.cursor_coordinate.row
        return self.row_keys[row] if 0 <= row < len(self.row_keys) else None

    def _palette(self) -> dict[str, Style]:
        variables = netplan_app(self).theme_colors()
        return {
            "met": Style(color=variables.get("success", "green")),
            "today": Style(color=variables.get("accent", "magenta"), bold=True),
            "dim": Style(dim=True),
            "count": Style(bold=True),
            "evidence": Style(color=variables.get("secondary", "cyan"), bold=True),
        }

    def show(self, columns: list[GridColumn], rows: list[GridRow]) -> None:
        """Render columns and rows, keeping the cursor where it was."""
        shown = (tuple(columns), tuple(rows), self.app.theme)
        if shown == self._shown:
            return
        previous, self._shown = self._shown, shown
        palette = self._palette()
        if (
            previous is not None
            and previous[0] == shown[0]
            and previous[2] == shown[2]
            and [r.key for r in previous[1]] == [r.key for r in rows]
        ):
            # Same columns and rows: update only what changed (a rebuild re-measures all).
            for before, row in zip(previous[1], rows, strict=True):
                if before == row:
                    continue
                cells = self._cells(row, columns, palette)
                keys = [c.key for c in columns] + ["done", "progress", "streak"]
                old_cells = self._cells(before, columns, palette)
                for key, cell, old in zip(keys, cells, old_cells, strict=True):
                    if cell != old:
                        self.update_cell(row.key, key, cell)
                if (before.met, before.skipped, before.title) != (row.met, row.skipped, row.title):
                    self.rows[RowKey(row.key)].label = self._label(row)
                    self._clear_caches()
                    self.refresh()
            return
        cursor = self.cursor_coordinate
        self.clear(columns=True)
        self.period_columns = len(columns)
        self.row_keys = [row.key for row in rows]
        width = max(
            [DAY_WIDTH, *(cell_len(line) + 1 for c in columns for line in c.label.split("\n"))]
        )
        for column in columns:
            style = palette["today"] if column.is_today else Style()
            self.add_column(
                Text(column.label, style=style, justify="center"), key=column.key, width=width
            )
        self.add_column(Text("Done", justify="right"), key="done", width=6)
        self.add_column(Text(" Bar"), key="progress", width=BAR_WIDTH + 2)
        self.add_column(Text("Streak"), key="streak", width=7)
        for row in rows:
            self.add_row(*self._cells(row, columns, palette), key=row.key, label=self._label(row))
        if rows:
            self.cursor_coordinate = Coordinate(
                min(cursor.row, len(rows) - 1), min(cursor.column, len(columns) - 1)
            )

    def _label(self, row: GridRow) -> Text:
        mark = " ✓ " if row.met else " – " if row.skipped else " ○ "
        label = plain(shorten(row.title, self.title_width), style="dim" if row.skipped else "")
        label.pad_right(self.title_width + 1 - label.cell_len)
        return Text.assemble(Text(mark, style="green" if row.met else "dim"), label)

    def _cells(self, row: GridRow, columns: list[GridColumn], palette: dict[str, Style]) -> list:
        cells: list[Text] = []
        evidence = row.evidence or (0,) * len(row.counts)
        for count, found, column in zip(row.counts, evidence, columns, strict=True):
            text = str(count) if count else "·"
            style = palette["count"] if count else palette["dim"]
            if column.is_today:
                style = style + palette["today"]
            cell = Text(text, style=style, justify="center")
            if found:
                cell.append(EVIDENCE_MARK, style=palette["evidence"])
            cells.append(cell)
        ratio = min(row.done / row.target, 1.0) if row.target else 0.0
        filled = round(ratio * BAR_WIDTH)
        bar_style = palette["met"] if row.met else palette["today"]
        bar = Text.assemble(
            Text(" "),
            Text("█" * filled, style=bar_style),
            Text("░" * (BAR_WIDTH - filled), style="dim"),
        )
        if row.skipped and not row.met:
            bar = Text(" skip", style="dim italic")
        done = Text(
            f"{row.done}/{row.target}", style=palette["met"] if row.met else "", justify="right"
        )
        streak = Text.assemble(
            Text(f"{row.streak:>2}", style="bold" if row.streak else "dim"),
            Text(f" ↑{row.best}", style="dim"),
        )
        return [*cells, done, bar, streak]
