"""The agenda beside the week grid: what needs doing about people, and the week's time.

The people part (netplan.tui.week.agenda_items: follow-ups, promises, replies owed,
milestones, reach out, give and ask) is laid out to the agenda's size (agenda_layout) and
holds a cursor over its person lines: enter shows the person in the Contacts tab, `l` logs
an interaction with them there, `K` keeps the promise on the line. tab / shift+tab move
between the grid and the agenda, escape goes back to the grid. The time part (the week's
budget) repaints alone on a check-off.
"""

from __future__ import annotations

from datetime import date

from rich.console import Group
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widgets import Static

from netplan.domain.budget import BudgetStatus, budget_status, interaction_minutes, routine_minutes
from netplan.domain.promises import oldest_open_promise
from netplan.text import for_screen
from netplan.tui.common.follow import FollowsData
from netplan.tui.common.messages import OpenContact
from netplan.tui.common.promise_keeping import keeping
from netplan.tui.week.agenda_items import AgendaItem, ItemKind, Section, people_sections
from netplan.tui.week.agenda_layout import Laid, lay_out, palette_of
from netplan.workspace import Data

BAR_WIDTH = 16
TIME_LINES = 4  # the time part: a blank line, its heading, the bar, the note
FIRST_RUN = (  # the agenda of an empty contact book: the ways in, as the Welcome panel says
    "No contacts yet.",
    "i: import LinkedIn, vCard or CSV",
    "3, a: add one by hand",
)


def _hours(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours}h {rest:02d}m" if hours else f"{rest}m"


def _bar(minutes: int, low: float, high: float, palette: dict[str, Style]) -> Text:
    """A bar of the week's minutes on a scale to the budget's top; the low mark shown."""
    scale = max(high * 60, minutes, 1)
    filled = round(BAR_WIDTH * minutes / scale)
    low_at = round(BAR_WIDTH * low * 60 / scale)
    status = budget_status(minutes, (low, high))
    style = palette[{"under": "warning", "within": "success", "over": "error"}[status.value]]
    cells = Text()
    for index in range(BAR_WIDTH):
        char = "█" if index < filled else ("┆" if index == low_at else "░")
        cells.append(char, style=style if index < filled else "dim")
    return cells


class Agenda(FollowsData, VerticalScroll):
    BINDINGS = [
        Binding("down,j", "cursor(1)", "Down", show=False, id="agenda-down", tooltip="Next person"),
        Binding("up,k", "cursor(-1)", "Up", show=False, id="agenda-up", tooltip="Previous person"),
        Binding(
            "home", "cursor_to(0)", "First", show=False, id="agenda-first", tooltip="First person"
        ),
        Binding(
            "end", "cursor_to(-1)", "Last", show=False, id="agenda-last", tooltip="Last person"
        ),
        Binding(
            "enter",
            "open",
            "Open",
            id="agenda-open",
            tooltip="Show the person on the cursor in the Contacts tab",
        ),
        Binding(
            "l",
            "log",
            "Log",
            id="agenda-log",
            tooltip="Log an interaction with the person on the cursor",
        ),
        Binding(
            "K",
            "keep",
            "Kept",
            id="agenda-keep",
            tooltip="Mark the promise on the cursor kept, today",
        ),
        Binding(
            "escape",
            "to_grid",
            "Grid",
            id="agenda-grid",
            tooltip="Back to the routine grid (tab and shift+tab move between the two)",
        ),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._people_inputs: tuple = ()
        self._sections: list[Section] | None = None
        self._people_parts: list[Text] = [Text("Loading contacts…", style="dim")]
        self._laid = Laid(self._people_parts)
        self._laid_for: tuple | None = None
        self._palette_for: tuple[dict[str, str], dict[str, Style]] | None = None
        self._cursor = 0
        self._cursor_key: tuple | None = None
        self._journal_minutes: tuple = (None, None, 0)

    def compose(self):
        yield Static(Text("Loading contacts…", style="dim"), classes="agenda-body agenda-people")
        yield Static("", classes="agenda-body agenda-time")

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)
        self.follow_data()

    def _theme_changed(self, _theme: str) -> None:
        self._laid_for = None
        self.refresh_view()

    def on_resize(self, _event: events.Resize) -> None:
        self.refresh_view()

    def on_focus(self, _event: events.Focus) -> None:
        self.refresh_view()

    def on_blur(self, _event: events.Blur) -> None:
        self.refresh_view()

    # drawing

    def refresh_view(self) -> None:
        data = self.current
        if data is None or not self.is_mounted:
            return
        today = self.netplan.today
        people = self.netplan.people
        # The people sections change only with contacts, journal or settings, not with a
        # check-off; the index's version says when its rows changed.
        objects = (data.contacts, data.journal, data.plan.settings, people, data.activity)
        values = (people.version if people is not None else None, self.netplan.contacts_status)
        seen = self._people_inputs
        if (
            not seen
            or any(a is not b for a, b in zip(objects, seen[0], strict=True))
            or values != seen[1]
        ):
            self._people_inputs = (objects, values)
            if people is None or data.journal is None or data.contacts is None:
                self._sections = None
                self._people_parts = [Text(self.netplan.contacts_status, style="dim")]
            elif not data.contacts.contacts:
                self._sections = None
                self._people_parts = [Text(line, style="dim") for line in FIRST_RUN]
            else:
                self._sections = people_sections(people, data, today)
            self._laid_for = None
        palette = self._palette()
        self._lay_out(palette)
        self._show(".agenda-people", self._highlighted(palette))
        self._show(".agenda-time", self._time(data, today, palette))

    def _palette(self) -> dict[str, Style]:
        colors = self.netplan.theme_colors()  # a new dict for each theme
        if self._palette_for is None or self._palette_for[0] is not colors:
            self._palette_for = (colors, palette_of(colors))
        return self._palette_for[1]

    def _lay_out(self, palette: dict[str, Style]) -> None:
        """Lay the sections out again when they, the agenda's size or the theme changed."""
        region = self.scrollable_content_region
        width = region.width or 36
        height = region.height - TIME_LINES if region.height > 0 else None
        key = (width, height, self.app.theme)
        if self._laid_for == key:
            return
        self._laid_for = key
        if self._sections is None:
            self._laid = Laid(self._people_parts)
        else:
            self._laid = lay_out(self._sections, width, height, palette)
            self._people_parts = self._laid.lines
        self._follow_cursor()

    def _follow_cursor(self) -> None:
        """After a new layout the cursor stays on its item, else at its place."""
        spans = self._laid.spans
        keys = [item.key for _start, _count, item in spans]
        if self._cursor_key in keys:
            self._cursor = keys.index(self._cursor_key)
        else:
            self._cursor = max(min(self._cursor, len(spans) - 1), 0)
        self._cursor_key = keys[self._cursor] if spans else None

    def _highlighted(self, palette: dict[str, Style]) -> list[Text]:
        lines = self._laid.lines
        # Not has_focus: on_focus and on_blur run before Textual's own handlers set it.
        if self.app.focused is not self or not self._laid.spans:
            return lines
        start, count, _item = self._laid.spans[self._cursor]
        width = self._laid_for[0] if self._laid_for else 0
        lines = list(lines)
        for index in range(start, start + count):
            line = lines[index].copy()
            line.rstrip()
            line.pad_right(max(width - line.cell_len, 0))  # the cursor spans the column
            line.stylize(palette["cursor"])
            lines[index] = line
        return lines

    def _show(self, selector: str, parts: list[Text]) -> None:
        # Two parts, so a check-off repaints the time lines only; no layout pass when the
        # number of lines stays the same.
        for part in parts:
            part.no_wrap = True
            part.overflow = "ellipsis"
        plain = "\n".join(part.plain for part in parts)
        widget = self.query_one(selector, Static)
        shown = getattr(widget, "_netplan_shown", None)
        if shown is not None and shown[0] == plain and shown[1] == parts:
            return
        same_height = shown is not None and shown[0].count("\n") == plain.count("\n")
        widget._netplan_shown = (plain, parts)
        widget.update(Group(*parts), layout=not same_height)

    def _time(self, data: Data, today: date, palette: dict[str, Style]) -> list[Text]:
        # The journal's share changes only with the journal (and the week); the plan's with
        # every check-off.
        key = (data.plan.settings.week_start, today)
        if self._journal_minutes[0] is not data.journal or self._journal_minutes[1] != key:
            spent = interaction_minutes(data.plan, data.journal, today) if data.journal else 0
            self._journal_minutes = (data.journal, key, spent)
        minutes = self._journal_minutes[2] + routine_minutes(data.plan, today)
        low, high = data.plan.settings.weekly_hours
        status = budget_status(minutes, (low, high))
        note = {
            BudgetStatus.under: f"{_hours(max(round(low * 60) - minutes, 0))} to the minimum",
            BudgetStatus.within: "within budget",
            BudgetStatus.over: "over budget: protect your time",
        }[status]
        return [
            Text(),
            Text("Time this week", style="bold underline"),
            Text.assemble(
                _bar(minutes, low, high, palette),
                Text(f" {_hours(minutes)} of {low:g}–{high:g} h", style="bold"),
            ),
            Text(note, style="dim"),
        ]

    # the cursor

    @property
    def current_item(self) -> AgendaItem | None:
        spans = self._laid.spans
        return spans[self._cursor][2] if spans else None

    def _move_to(self, index: int) -> None:
        spans = self._laid.spans
        if not spans:
            return
        self._cursor = max(min(index, len(spans) - 1), 0)
        self._cursor_key = spans[self._cursor][2].key
        self.refresh_view()
        start, count, _item = spans[self._cursor]
        top = self.query_one(".agenda-people").virtual_region.y
        self.scroll_to_region(
            Region(0, top + start, 1, count), animate=False, immediate=True, force=True
        )

    def action_cursor(self, step: int) -> None:
        self._move_to(self._cursor + step)

    def action_cursor_to(self, index: int) -> None:
        self._move_to(index if index >= 0 else len(self._laid.spans) - 1)

    def on_click(self, event: events.Click) -> None:
        people = self.query_one(".agenda-people", Static)
        offset = event.get_content_offset(people)
        if offset is None:
            return
        for index, (start, count, _item) in enumerate(self._laid.spans):
            if start <= offset.y < start + count:
                self._move_to(index)
                if event.chain >= 2:  # a double click opens, as enter does
                    self.action_open()
                return

    # what the keys do

    def action_open(self) -> None:
        item = self.current_item
        if item is not None:
            self.post_message(OpenContact(item.contact_id))

    def action_log(self) -> None:
        item = self.current_item
        if item is not None:
            self.post_message(OpenContact(item.contact_id, log=True))

    def action_to_grid(self) -> None:
        from netplan.tui.week.grid import RoutineGrid

        for ancestor in self.ancestors:
            grids = ancestor.query(RoutineGrid)
            if grids:
                grids.first().focus()
                return

    def action_keep(self) -> None:
        self.netplan.check_day()
        item = self.current_item
        people = self.netplan.people
        if item is None or people is None:
            return
        name = for_screen(item.name)
        if item.kind is not ItemKind.promise:
            has_one = oldest_open_promise(people.interactions(item.contact_id)) is not None
            self.app.notify(
                f"No promise on this line: {name}'s open promises are under Promises."
                if has_one
                else f"No promise on this line: {name} has no open promise.",
                markup=False,
            )
            return
        promise = next(
            (i for i in people.interactions(item.contact_id) if i.id == item.interaction_id), None
        )
        if promise is None or promise.kept is not None:
            return  # kept meanwhile: the agenda is about to drop it
        kept = keeping(promise, name, self.netplan.today)
        if isinstance(kept, str):
            self.app.notify(kept, markup=False)
        else:
            self.post_message(kept)
