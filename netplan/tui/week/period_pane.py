"""What the Week and Month tabs share: a routine grid for the selected period, and the keys
that drive it (the tabs themselves: netplan.tui.week.panes)."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import DataTable, Label

from netplan.domain.activity import activity_index
from netplan.domain.history import RoutineHistory, fully_skipped
from netplan.domain.periods import period_range, shift_period, still_to_come
from netplan.domain.routines import RoutineStatus, routine_statuses
from netplan.models import Period, Routine
from netplan.text import for_screen
from netplan.tui.common.follow import FollowsData
from netplan.tui.common.messages import ApplyEdit
from netplan.tui.week.evidence import EvidenceLine
from netplan.tui.week.grid import GridColumn, GridRow, RoutineGrid
from netplan.workspace import Data
from netplan.workspace.edits import changed_fields
from netplan.workspace.plan_edits import (
    add_routine,
    archive_routine,
    check_off,
    patch_routine,
    toggle_skip,
)


class PeriodPane(FollowsData, Vertical):
    """A grid of one period's routines. Subclasses say what the columns are."""

    period: Period
    BINDINGS = [
        Binding(
            "space,x",
            "check(1)",
            "Check",
            id="check",
            tooltip="Add one completion on the cursor's day (week) or week (month)",
        ),
        Binding(
            "backspace,X",
            "check(-1)",
            "Uncheck",
            id="uncheck",
            tooltip="Remove one completion there",
        ),
        Binding(
            "left_square_bracket",
            "shift(-1)",
            "Prev",
            id="previous",
            tooltip="Previous week or month",
        ),
        Binding(
            "right_square_bracket", "shift(1)", "Next", id="next", tooltip="Next week or month"
        ),
        Binding(
            "t",
            "this_period",
            "Now",
            id="now",
            tooltip="Back to the current period: the same routine at today's column",
        ),
        Binding("a", "add_routine", "Add", id="add-routine", tooltip="Add a routine"),
        Binding("e", "edit_routine", "Edit", id="edit-routine", tooltip="Edit the routine"),
        Binding(
            "D",
            "archive_routine",
            "Archive",
            id="archive-routine",
            tooltip="Archive the routine (its history stays)",
        ),
        Binding(
            "z",
            "skip",
            "Skip",
            id="skip",
            tooltip="Skip (again: unskip) the routine for this period: neither met nor missed",
        ),
        Binding(
            "A",
            "archived_routines",
            "Archived",
            id="archived-routines",
            tooltip="The archived routines of this kind: enter restores one",
        ),
    ]

    anchor: reactive[date | None] = reactive(None, init=False)
    _cursor_placed = False
    _histories: dict[str, RoutineHistory] = {}  # of the shown rows, for the evidence line
    statuses: list[RoutineStatus] = []  # of the shown rows (the Month tab's summary)
    _wanted: str | None = None  # a routine for the cursor once the grid shows it

    def compose(self) -> ComposeResult:
        yield Label("", classes="period-title")
        yield RoutineGrid(classes="routine-grid")
        yield EvidenceLine(classes="caption evidence-line")

    def on_mount(self) -> None:
        self.anchor = self.netplan.today
        self.watch(self.app, "theme", lambda _theme: self.refresh_view(), init=False)
        self.follow_data()

    @property
    def grid(self) -> RoutineGrid:
        return self.query_one(RoutineGrid)

    def watch_anchor(self, _anchor: date | None) -> None:
        self.refresh_view()

    # what the columns are (subclasses)

    def columns(self, data: Data) -> list[tuple[GridColumn, date, date]]:
        """Each column with the first and last day it counts."""
        raise NotImplementedError

    def record_day(self, index: int) -> date:
        raise NotImplementedError

    def title(self) -> str:
        raise NotImplementedError

    def today_column(self) -> int | None:
        data = self.current
        if data is None:
            return None
        for index, (column, _first, _last) in enumerate(self.columns(data)):
            if column.is_today:
                return index
        return None

    # rendering

    def refresh_view(self) -> None:
        data = self.current
        if data is None or self.anchor is None:
            return
        columns = self.columns(data)
        histories: dict[str, RoutineHistory] = {}
        statuses = routine_statuses(
            data.plan, self.period, self.anchor, self.netplan.today, data.activity, histories
        )
        self._histories = histories
        self.statuses = statuses
        cells = {
            s.routine.id: [
                histories[s.routine.id].between(first, last) for _c, first, last in columns
            ]
            for s in statuses
        }
        rows = [
            GridRow(
                key=s.routine.id,
                title=s.routine.title,
                counts=tuple(done + found for done, found, _activity in cells[s.routine.id]),
                evidence=tuple(found for _done, found, _activity in cells[s.routine.id]),
                done=s.done,
                target=s.target,
                met=s.met,
                streak=s.streak,
                best=s.best,
                skipped=s.skipped,
            )
            for s in statuses
        ]
        title = self.title()
        label = self.query_one(".period-title", Label)
        if str(label.content) != title:
            label.update(title)
        self.grid.show([column for column, _first, _last in columns], rows)
        if not self._cursor_placed:
            self._cursor_placed = True
            self.place_cursor_today()
        if self._wanted in self.grid.row_keys:
            row = self.grid.row_keys.index(self._wanted)
            self._wanted = None
            self.grid.cursor_coordinate = self.grid.cursor_coordinate._replace(row=row)
        self.show_evidence()

    def on_data_table_cell_highlighted(self, _event: DataTable.CellHighlighted) -> None:
        self.show_evidence()

    def show_evidence(self) -> None:
        """Under the grid: what the cursor's cell counts, check-offs and evidence by name."""
        data, routine = self.current, self._routine()
        lines = self.query(EvidenceLine)
        if lines and data is not None and self.anchor is not None:
            spans = [(first, last) for _column, first, last in self.columns(data)]
            history = self._histories.get(routine.id) if routine is not None else None
            lines.first().show(data, history, spans, self.grid.cursor_coordinate.column)

    def place_cursor_today(self) -> None:
        """Put the cursor on the first routine at today's column."""
        if self.current is None:
            return
        column = self.today_column()
        self.grid.cursor_coordinate = self.grid.cursor_coordinate._replace(
            row=0, column=column if column is not None else 0
        )

    def day_changed(self, old: date, new: date) -> None:
        """Midnight: a view of the old today's period moves to the new one's, and a cursor on
        the old today's column moves to the new today's (its routine stays)."""
        data = self.current
        if data is None or self.anchor is None:
            return
        columns = self.columns(data)
        cursor = self.grid.cursor_coordinate
        on_today = cursor.column < len(columns) and (
            columns[cursor.column][1] <= old <= columns[cursor.column][2]
        )
        first, last = period_range(self.period, self.anchor, data.plan.settings.week_start)
        if first <= old <= last:
            self.anchor = new
        self.refresh_view()  # the new today column, before the cursor goes to it
        column = self.today_column()
        if on_today and column is not None:
            self.grid.cursor_coordinate = cursor._replace(column=column)

    def focus_main(self) -> None:
        self.catch_up()
        self.grid.focus()

    def focus_today(self) -> None:
        self.place_cursor_today()
        self.grid.focus()

    # actions

    def _routine(self) -> Routine | None:
        routine_id = self.grid.current_row_key
        data = self.current
        if routine_id is None or data is None:
            return None
        return next((r for r in data.plan.routines if r.id == routine_id), None)

    def action_check(self, delta: int) -> None:
        routine = self._routine()
        if routine is None:
            self.app.notify("No routine here yet: press a to add one", severity="warning")
            return
        column = self.grid.cursor_coordinate.column
        data = self.current
        if delta > 0 and data is not None:
            _column, first, last = self.columns(data)[column]
            refusal = still_to_come(first, last, self.netplan.today)
            if refusal is not None:
                self.app.notify(refusal, severity="warning", markup=False)
                self.app.bell()
                return
        day = self.record_day(column)
        self.post_message(ApplyEdit(check_off(routine, day, delta), bell=True))

    def action_skip(self) -> None:
        routine = self._routine()
        data = self.current
        if routine is None or data is None or self.anchor is None:
            return
        start, end = period_range(routine.period, self.anchor, data.plan.settings.week_start)
        skipped = fully_skipped(routine.id, start, end, data.plan.skips)
        self.post_message(ApplyEdit(toggle_skip(routine, start, end, skipped)))

    def action_shift(self, n: int) -> None:
        data = self.current
        if data is not None and self.anchor is not None:
            self.anchor = shift_period(self.period, self.anchor, n, data.plan.settings.week_start)

    def action_this_period(self) -> None:
        """The current period, the cursor on the same routine at today's column."""
        routine_id = self.grid.current_row_key
        self.anchor = self.netplan.today
        grid = self.grid
        row = grid.row_keys.index(routine_id) if routine_id in grid.row_keys else 0
        column = self.today_column()
        grid.cursor_coordinate = grid.cursor_coordinate._replace(
            row=row, column=column if column is not None else grid.cursor_coordinate.column
        )
        grid.focus()

    def action_add_routine(self) -> None:
        self._open_form(None)

    def action_edit_routine(self) -> None:
        routine = self._routine()
        if routine is not None:
            self._open_form(routine)

    def _open_form(self, routine: Routine | None) -> None:
        from netplan.tui.week.routine_form import RoutineForm  # loads when first opened

        data = self.current
        if data is None:
            return

        def done(result: Routine | None) -> None:
            if result is None:
                return
            today = self.netplan.today
            if routine is None:
                self.post_message(ApplyEdit(add_routine(result, today)))
            elif changes := changed_fields(routine, result):
                edit = patch_routine(routine.id, changes, result.title, today)
                self.post_message(ApplyEdit(edit))

        keys = index.keys if (index := activity_index(data.activity)) else ()
        self.app.push_screen(RoutineForm(data.plan, routine, self.period, keys), done)

    def action_archive_routine(self) -> None:
        routine = self._routine()
        if routine is not None:
            self.post_message(
                ApplyEdit(
                    archive_routine(routine),
                    for_screen(f"Archived “{routine.title}”. Press u to undo."),
                )
            )

    def action_archived_routines(self) -> None:
        from netplan.tui.week.archived_routines import ArchivedRoutines  # loads when opened

        data = self.current
        if data is None:
            return

        def done(routine_id: str | None) -> None:
            latest = self.current
            if routine_id is None or latest is None:
                return
            routine = next((r for r in latest.plan.routines if r.id == routine_id), None)
            if routine is None or not routine.archived:
                return
            notice = for_screen(f"Restored “{routine.title}”. Press u to undo.")
            self._wanted = routine.id  # the cursor goes to it once the grid shows it
            self.post_message(ApplyEdit(archive_routine(routine, archived=False), notice))

        self.app.push_screen(ArchivedRoutines(data.plan, self.period), done)
