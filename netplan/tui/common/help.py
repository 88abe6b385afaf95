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


def key_rows(app: App, own: list[Binding]) -> list[tuple[str, str]]:
    """The keys that work where the user is, product keys only, in footer order
    (`own`: the app's bindings, which are product keys although App declares them)."""
    ours = {b.action for b in own}
    builtin = {
        b.action if isinstance(b, Binding) else b[1]
        for cls in (DataTable, Screen, App)
        for b in cls.BINDINGS
    } - ours
    builtin.add("command_palette")
    rows: dict[str, list[str]] = {}
    moves: list[str] = []
    for key, active in app.screen.active_bindings.items():
        binding = active.binding
        if binding.action.startswith(("cursor_", "page_", "scroll_")):
            if binding.action in ("cursor_left", "cursor_down", "cursor_up", "cursor_right"):
                moves.append(ARROWS.get(key, key))
            continue
        if not binding.description or binding.action in builtin:
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
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for keys, description in self.rows:
            table.add_row(Text(keys), Text(description))
        with VerticalScroll(classes="dialog help"):
            yield Label("Keys", classes="dialog-title")
            yield Static(table)
            yield Label("ctrl+p lists every action · escape closes", classes="caption")

    def action_close(self) -> None:
        self.dismiss(None)
