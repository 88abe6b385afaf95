"""`?`: every key that works where the user is, from the live bindings."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label, Static

ARROWS = {"left": "←", "down": "↓", "up": "↑", "right": "→"}

# What the marks on screen mean, wherever they are drawn (the grids, the charts, the table).
LEGEND = (
    ("✓  ○  –", "a routine met · not met yet · skipped this period"),
    ("2/3", "done / target this period (Done); in Contacts' Balance: gave / asked"),
    ("·", "nothing in that cell; in a chart, nothing was due that week or month"),
    ("1*", "the count holds evidence: events attended or LinkedIn activity (named under the grid)"),
    ("█ ░", "progress: done / still to go"),
    ("4 ↑6", "the streak of periods met now, ↑ the best streak"),
    ("┄", "in a chart: the target, 100 %"),
    ("⚑", "asked more than gave lately: give first"),
    ("▲", "the column the contacts are sorted by"),
)


def key_rows(app: App, own: list[Binding]) -> list[tuple[str, str]]:
    """The keys that work where the user is, product keys only, in footer order
    (`own`: the app's bindings, which are product keys although App declares them)."""
    # Textual's own keys (ctrl+q beside netplan's q, a table's paging) by key and action:
    # netplan's q quits too, but is netplan's.
    builtin = {
        (key.strip(), b.action if isinstance(b, Binding) else b[1])
        for cls in (DataTable, Screen, App)
        for b in cls.BINDINGS
        for key in (b.key if isinstance(b, Binding) else b[0]).split(",")
    } - {(key.strip(), b.action) for b in own for key in b.key.split(",")}
    rows: dict[str, list[str]] = {}
    moves: list[str] = []
    for key, active in app.screen.active_bindings.items():
        binding = active.binding
        if binding.action.startswith(("cursor_", "page_", "scroll_")):
            if binding.action in ("cursor_left", "cursor_down", "cursor_up", "cursor_right"):
                moves.append(ARROWS.get(key, key))
            continue
        if (
            not binding.description
            or (key, binding.action) in builtin
            or binding.action == "command_palette"
        ):
            continue
        described = (
            f"{binding.description}: {binding.tooltip}"
            if binding.tooltip and binding.tooltip != binding.description
            else binding.description
        )
        rows.setdefault(described, []).append(
            app.get_key_display(binding) if key == binding.key else key
        )
    listed = [(" ".join(dict.fromkeys(keys)), desc) for desc, keys in rows.items()]
    order = ["←", "↓", "↑", "→", "h", "j", "k", "l"]
    keys = sorted(set(moves), key=lambda k: order.index(k) if k in order else len(order))
    nav = [(" ".join(keys), "Move the cursor")] if keys else []
    return [*nav, *listed, ("ctrl+p", "Command palette: every action")]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for keys, description in self.rows:
            table.add_row(Text(keys), Text(description))
        legend = Table.grid(padding=(0, 2))
        legend.add_column(style="bold", no_wrap=True)
        legend.add_column()
        for marks, meaning in LEGEND:
            legend.add_row(Text(marks), Text(meaning))
        with VerticalScroll(classes="dialog help"):
            yield Label("Keys", classes="dialog-title")
            yield Static(table)
            yield Label("What the marks mean", classes="dialog-title help-legend-title")
            yield Static(legend, classes="help-legend")
            yield Label("ctrl+p lists every action · escape closes", classes="caption")

    def action_close(self) -> None:
        self.dismiss(None)
