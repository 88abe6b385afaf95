"""A bare Textual app with the same widgets as netplan's first screen: the baseline.

Header, four tabs, a DataTable of routines × days with a cell cursor, a Sparkline, a text
panel beside it, a footer. No data files, no pydantic: what Textual itself costs.
"""

from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Label, Sparkline, Static, TabbedContent

ROUTINES = ["Engage with posts", "Connect with new people", "Share a useful resource"]


class BareApp(App):
    BINDINGS = [("q", "quit", "Quit"), ("space,backspace", "bump", "Check")]
    CSS = """
    .agenda { width: 40; }
    Sparkline { height: 3; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent("Week", "Month", "Contacts", "Goals"):
            with Horizontal():
                with Vertical():
                    yield Label("2026-W48 · Nov 23–29")
                    yield DataTable(cursor_type="cell")
                    yield Sparkline([1, 3, 2, 5, 4, 6, 2, 3, 5, 6, 7, 4])
                yield Static("Follow-ups\nMilestones\nReach out this week", classes="agenda")
            yield Static("month")
            yield Static("contacts")
            yield Static("goals")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Done")
        for title in ROUTINES:
            table.add_row("·", "·", "·", "·", "·", "·", "·", "0/3", label=title)
        table.focus()

    def action_bump(self) -> None:
        table = self.query_one(DataTable)
        row, column = table.cursor_coordinate
        value = table.get_cell_at(table.cursor_coordinate)
        table.update_cell_at((row, column), "1" if value == "·" else "·")


if __name__ == "__main__":
    BareApp().run()
