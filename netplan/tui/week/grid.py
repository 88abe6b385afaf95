"""The routine grid: routines × the days of a week (or the weeks of a month).

A DataTable whose row labels are the routine titles, then one column per day (or week), then
done/target, a progress bar and the streak. The cursor stays on the day columns. A cell
shows its total (check-offs plus evidence: attended events, imported activity); a cell
holding evidence carries `EVIDENCE_MARK` in its own colour, and the pane names the items.

The columns follow the grid's width (`grid_widths`): titles first, whole up to
`TITLE_MAX` cells (a longer one wraps onto a second line), then wider day columns and a
longer bar. Glyphs: ✓ met, ○ not met yet, – skipped this period, · nothing in the cell,
* evidence in the cell, █/░ the progress bar, ↑N the best streak.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.color import Color
from textual.coordinate import Coordinate
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

from netplan.tui.common.follow import netplan_app
from netplan.tui.common.text import plain, shorten

MARK_WIDTH = 3  # " ✓ " before a title
DONE_MIN = 5  # " Done", "  3/3"; wider for "12/12"
STREAK_WIDTH = 7  # " 12 ↑15"
TITLE_MIN, TITLE_MAX = 16, 44
DAY_MIN, DAY_MAX = 4, 9
BAR_MIN, BAR_MAX = 6, 20
BAR_PADDING = 3  # a cell before the bar, two after it
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


@dataclass(frozen=True)
class GridWidths:
    title: int  # cells for a title (the label column adds the mark before it)
    day: int  # each period column
    bar: int  # the progress bar's cells
    done: int = DONE_MIN  # done/target


def grid_widths(
    room: int, columns: int, day_min: int, longest: int, done: int = DONE_MIN
) -> GridWidths:
    """Share `room` cells among the columns: the titles whole first (up to TITLE_MAX), then
    a cell more for each period column and two for the bar in turn, each up to its most.
    Below the minimums (a very narrow terminal) the grid scrolls sideways."""
    day, bar = max(day_min, DAY_MIN), BAR_MIN
    done = max(done, DONE_MIN)
    fixed = MARK_WIDTH + 1 + done + STREAK_WIDTH + BAR_PADDING
    title = max(room - fixed - columns * day - bar, TITLE_MIN)
    want = min(max(longest, TITLE_MIN), TITLE_MAX)
    spare = title - want
    title = min(title, want)
    while spare > 0:
        grew = False
        if day < DAY_MAX and spare >= columns:
            day, spare = day + 1, spare - columns
            grew = True
        if bar < BAR_MAX and spare >= 2:
            bar, spare = bar + 2, spare - 2
            grew = True
        if not grew:
            break
    return GridWidths(title, day, bar, done)


def title_lines(title: str, width: int) -> list[str]:
    """A title in lines of at most `width` cells: one if it fits, else two, broken at a
    space when one is near enough, the second shortened with an ellipsis if still too long."""
    if cell_len(title) <= width:
        return [title]
    cut, used = 0, 0
    for index, char in enumerate(title):
        used += cell_len(char)
        if used > width:
            break
        cut = index + 1
    space = title.rfind(" ", 0, cut + 1)
    if space > cut // 3:
        cut = space
    return [title[:cut].rstrip(), shorten(title[cut:].strip(), width)]


class RoutineGrid(DataTable):
    """Shows rows; the pane around it decides what a key does to which day."""

    BINDINGS = [
        Binding("h", "cursor_left", "Left", show=False),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("l", "cursor_right", "Right", show=False),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(
            cursor_type="cell", zebra_stripes=False, cell_padding=0, header_height=2, **kwargs
        )
        self.period_columns = 0
        self.row_keys: list[str] = []
        self.widths = GridWidths(TITLE_MIN, DAY_MIN, BAR_MIN)
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

    def on_resize(self, _event: events.Resize) -> None:
        self._fit()

    def watch_show_vertical_scrollbar(self, _shown: bool) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """The columns again for the width there is now."""
        if self._shown is not None:
            columns, rows, _theme, _widths = self._shown
            self.show(list(columns), list(rows))

    def _palette(self) -> dict[str, Style]:
        variables = netplan_app(self).theme_colors()
        today = _readable(variables, "text-primary", "text-accent")
        return {
            "met": Style(color=variables.get("text-success", "green")),
            "met-bar": Style(color=variables.get("success", "green")),
            "bar": Style(color=variables.get("primary", "blue")),
            "today": Style(color=today, bold=True),
            "today-header": Style(color=today, bold=True, underline=True),
            "dim": Style(dim=True),
            "count": Style(bold=True),
            "evidence": Style(color=variables.get("text-secondary", "cyan"), bold=True),
        }

    def _widths(self, columns: list[GridColumn], rows: list[GridRow]) -> GridWidths:
        day_min = max(
            [DAY_MIN, *(cell_len(line) + 1 for c in columns for line in c.label.split("\n"))]
        )
        if not self.size.width:  # not laid out yet: the least, until the first resize
            return GridWidths(TITLE_MIN, day_min, BAR_MIN)
        longest = max((cell_len(row.title) for row in rows), default=0)
        done = max((len(f"{row.done}/{row.target}") + 1 for row in rows), default=0)
        scrollbar = self.styles.scrollbar_size_vertical if self.show_vertical_scrollbar else 0
        return grid_widths(self.size.width - scrollbar, len(columns), day_min, longest, done)

    def show(self, columns: list[GridColumn], rows: list[GridRow]) -> None:
        """Render columns and rows, keeping the cursor where it was."""
        widths = self._widths(columns, rows)
        shown = (tuple(columns), tuple(rows), self.app.theme, widths)
        if shown == self._shown:
            return
        previous, self._shown = self._shown, shown
        self.widths = widths
        palette = self._palette()
        if (
            previous is not None
            and previous[0] == shown[0]
            and previous[2:] == shown[2:]
            and [(r.key, self._height(r)) for r in previous[1]]
            == [(r.key, self._height(r)) for r in rows]
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
                    self.rows[RowKey(row.key)].label = self._label(row, palette)
                    self._clear_caches()
                    self.refresh()
            return
        cursor = self.cursor_coordinate
        self.clear(columns=True)
        self.period_columns = len(columns)
        self.row_keys = [row.key for row in rows]
        for column in columns:
            style = palette["today-header"] if column.is_today else Style()
            self.add_column(
                Text(column.label, style=style, justify="center"), key=column.key, width=widths.day
            )
        self.add_column(Text("Done", justify="right"), key="done", width=widths.done)
        self.add_column(Text(" Progress"), key="progress", width=widths.bar + BAR_PADDING)
        self.add_column(Text(" Streak\n ↑ best"), key="streak", width=STREAK_WIDTH)
        for row in rows:
            self.add_row(
                *self._cells(row, columns, palette),
                key=row.key,
                label=self._label(row, palette),
                height=self._height(row),
            )
        if rows:
            self.cursor_coordinate = Coordinate(
                min(cursor.row, len(rows) - 1), min(cursor.column, len(columns) - 1)
            )

    def _height(self, row: GridRow) -> int:
        return len(title_lines(row.title, self.widths.title))

    def _label(self, row: GridRow, palette: dict[str, Style]) -> Text:
        mark = " ✓ " if row.met else " – " if row.skipped else " ○ "
        style = "dim" if row.skipped else ""
        label = Text(mark, style=palette["met"] if row.met else palette["dim"])
        for index, line in enumerate(title_lines(row.title, self.widths.title)):
            if index:
                label.append("\n" + " " * MARK_WIDTH)
            text = plain(line, style=style)
            text.pad_right(self.widths.title + 1 - text.cell_len)
            label.append_text(text)
        return label

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
        width = self.widths.bar
        ratio = min(row.done / row.target, 1.0) if row.target else 0.0
        filled = round(ratio * width)
        bar = Text.assemble(
            Text(" "),
            Text("█" * filled, style=palette["met-bar"] if row.met else palette["bar"]),
            Text("░" * (width - filled), style="dim"),
        )
        if row.skipped and not row.met:
            bar = Text(" skip", style="dim italic")
        done = Text(
            f"{row.done}/{row.target}", style=palette["met"] if row.met else "", justify="right"
        )
        streak = Text.assemble(
            Text(f"{row.streak:>3}", style="bold" if row.streak else "dim"),
            Text(f" ↑{row.best}", style="dim"),
        )
        return [*cells, done, bar, streak]


def _readable(variables: dict[str, str], *names: str) -> str:
    """Of the theme's colours `names`, the one standing out most from its background (the
    accent is orange in most themes: fine on dark, faint on light)."""
    background = Color.parse(variables.get("background", "#000000"))
    found = [Color.parse(variables[name]) for name in names if name in variables]
    if not found:
        return "default"
    best = max(found, key=lambda color: abs(color.brightness - background.brightness))
    return best.hex
