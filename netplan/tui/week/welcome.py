"""The first-run panel of the Week tab: what to do with an empty store, and its key.

Shown at the top of the Week tab while nothing of the user's is in the store (no contact,
no journal entry, no check-off; hidden while the contacts are still loading), it names the
ways in: `i` imports a LinkedIn export or a vCard/CSV file (netplan.tui.importing); on a
plan without routines `s` adds the starter routines of the strategy in one edit (undone with
u), else space checks one off; `a` adds a routine, `3` then `a` a contact, and `netplan
demo` fills a separate store with sample data.

`StartsFresh` is the app's part (a mixin of NetplanApp): the `starter_routines` action, only
active while the panel is shown.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, RenderResult
from rich.style import Style
from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

from netplan.defaults import default_routines
from netplan.models import Period
from netplan.tui.common.colours import rich_colour
from netplan.tui.common.follow import FollowsData
from netplan.tui.common.text import shorten
from netplan.workspace import Data, Edit

if TYPE_CHECKING:
    from netplan.tui.app import NetplanApp

DEMO_FOLDER = "/tmp/netplan-demo"
STARTER_LABEL = "Add the starter routines"
WEEKLY_NAMED = 3  # starter routines named on the panel; the rest are counted
KEY_WIDTH = 6  # the keys' column: "3, a" and two spaces


def first_run(data: Data | None) -> bool:
    """Nothing of the user's is here yet: no contact, no journal entry, no check-off, and
    the routines none or the starter ones a new store is written with, untouched. Hidden
    while the contacts load: a big store never flashes it."""
    if data is None or data.contacts is None:
        return False
    routines = data.plan.routines
    return (
        not data.contacts.contacts
        and (data.journal is None or not data.journal.interactions)
        and not any(data.plan.completions.values())
        and (not routines or routines == default_routines())
    )


def has_routines(data: Data) -> bool:
    return any(not routine.archived for routine in data.plan.routines)


def starter_routines(data: Data, today: date) -> Edit | None:
    """One edit adding the default routines whose ids are free (None when none is)."""
    from netplan.workspace.edits import combine
    from netplan.workspace.plan_edits import add_routine

    taken = {routine.id for routine in data.plan.routines}
    routines = [r for r in default_routines() if r.id not in taken]
    if not routines:
        return None
    return combine(STARTER_LABEL, [add_routine(routine, today) for routine in routines])


def _starter_summary() -> str:
    """ "Add 6 starter routines: engage with posts 3/week, …, and 3 more (monthly)"."""
    routines = default_routines()
    named = [r for r in routines if r.period == Period.week][:WEEKLY_NAMED]
    rest = [r for r in routines if r not in named]
    listed = ", ".join(f"{r.title.lower()} {r.target}/week" for r in named)
    more = f", and {len(rest)} more" if rest else ""
    if rest and all(r.period == Period.month for r in rest):
        more += " (monthly)"
    return f"Add {len(routines)} starter routines: {listed}{more}"


class Welcome(FollowsData, Static):
    """Shown at the top of the Week tab while the store is empty; hidden otherwise."""

    DEFAULT_CSS = """
    Welcome {
        background: $boost;
        border-left: thick $accent;
        padding: 0 1;
    }
    """

    def on_mount(self) -> None:
        self.display = False
        self.watch(self.app, "theme", lambda _theme: self._redraw(), init=False)
        self.follow_data()

    def on_screen(self) -> bool:
        # Its own display is what refresh_view decides: only the tab around it counts.
        return all(node.display for node in self.ancestors if isinstance(node, Widget))

    def refresh_view(self) -> None:
        shown = first_run(self.current)
        if shown != self.display:
            self.display = shown
            self.app.refresh_bindings()  # the starter routines' key comes and goes with it
        if shown:
            self._redraw()

    def _redraw(self) -> None:
        if self.display:
            accent = rich_colour(self.netplan.theme_colors().get("accent"))
            routines = self.current is not None and has_routines(self.current)
            self.update(WelcomeText(Style(bold=True, color=accent), routines))


class WelcomeText:
    """The panel's text, laid out at the width it is drawn at: one line a key, cut with …
    when narrow, so the panel fits an 80x24 terminal."""

    def __init__(self, key_style: Style, routines: bool) -> None:
        self.key_style = key_style
        self.routines = routines  # the grid has routines already (a new store's starters)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        room = max(options.max_width - KEY_WIDTH, 10)
        yield Text("Welcome to netplan. Nothing is here yet; to begin:", style="bold")
        routines = (
            (
                ("space", "Check off a routine below, on today's column"),
                ("a, e", "Add a routine of your own, or edit one to your targets"),
            )
            if self.routines
            else (("s", _starter_summary()), ("a", "Add a routine of your own"))
        )
        for key, what in (
            ("i", "Import LinkedIn's Connections.csv or export zip, a vCard or a CSV"),
            *routines,
            ("3, a", "Add a first contact (3 opens the Contacts tab)"),
        ):
            line = Text(f"{key:<{KEY_WIDTH}}", style=self.key_style, no_wrap=True)
            line.append(shorten(what, room), style="not bold")
            yield line
        yield Text("Just looking? Sample data, in a separate store:", style=Style(dim=True))
        # The commands on a line of their own (73 cells): whole at 80 columns, to copy.
        yield Text(f"netplan --data {DEMO_FOLDER} demo; netplan --data {DEMO_FOLDER}")


class StartsFresh:
    """The app's part: a mixin of NetplanApp (before App among its bases)."""

    def check_action(  # type: ignore[misc]
        self: NetplanApp, action: str, parameters: tuple[object, ...]
    ) -> bool | None:
        if action == "starter_routines":
            return first_run(self.data) and not has_routines(self.data)
        return super().check_action(action, parameters)  # type: ignore[misc]

    def action_starter_routines(self: NetplanApp) -> None:  # type: ignore[misc]
        from netplan.tui.common.messages import ApplyEdit

        if self.data is None or not first_run(self.data) or has_routines(self.data):
            return
        edit = starter_routines(self.data, self.today)
        if edit is not None:
            notice = "Added the starter routines: e edits one, D archives it; u undoes this."
            self.post_message(ApplyEdit(edit, notice))
