"""The Week and Month tabs: a routine grid for the selected period, and the keys that drive it."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Label, Sparkline, Static

from netplan.domain.periods import (
    month_label,
    month_record_day,
    month_weeks,
    period_range,
    shift_period,
    week_days,
    week_title,
)
from netplan.domain.routines import count_between, recent_week_rates, routine_statuses
from netplan.models import Period
from netplan.tui.common.messages import ArchiveRoutine, CheckOff, EditRoutine
from netplan.tui.week.agenda import Agenda
from netplan.tui.week.grid import GridColumn, GridRow, RoutineGrid
from netplan.workspace.plan_edits import Data

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_ABBRS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class PeriodPane(Vertical):
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
        Binding("t", "this_period", "Now", id="now", tooltip="Back to the current period"),
        Binding("a", "add_routine", "Add", id="add-routine", tooltip="Add a routine"),
        Binding("e", "edit_routine", "Edit", id="edit-routine", tooltip="Edit the routine"),
        Binding(
            "D",
            "archive_routine",
            "Archive",
            id="archive-routine",
            tooltip="Archive the routine (its history stays)",
        ),
    ]

    anchor: reactive[date | None] = reactive(None, init=False)
    _cursor_placed = False
    _stale = False

    def compose(self) -> ComposeResult:
        yield Label("", classes="period-title")
        yield RoutineGrid(classes="routine-grid")

    def on_mount(self) -> None:
        self.anchor = self.app.today
        self.watch(self.app, "data", self._data_changed, init=False)
        self.watch(self.app, "theme", lambda _theme: self.refresh_view(), init=False)

    @property
    def grid(self) -> RoutineGrid:
        return self.query_one(RoutineGrid)

    def watch_anchor(self, _anchor: date | None) -> None:
        self.refresh_view()

    def _data_changed(self, _data: Data) -> None:
        # A hidden tab catches up when it is shown (focus_main), not on every keypress.
        if self.parent is not None and not self.parent.display:
            self._stale = True
            return
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
        for index, (column, _first, _last) in enumerate(self.columns(self.app.data)):
            if column.is_today:
                return index
        return None

    # rendering

    def refresh_view(self) -> None:
        data = getattr(self.app, "data", None)
        if data is None or self.anchor is None:
            return
        columns = self.columns(data)
        statuses = routine_statuses(data.plan, self.period, self.anchor, self.app.today)
        rows = [
            GridRow(
                key=s.routine.id,
                title=s.routine.title,
                counts=tuple(
                    count_between(data.plan, s.routine.id, first, last)
                    for _column, first, last in columns
                ),
                done=s.done,
                target=s.target,
                met=s.met,
                streak=s.streak,
                best=s.best,
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

    def place_cursor_today(self) -> None:
        """Put the cursor on the first routine at today's column."""
        if getattr(self.app, "data", None) is None:
            return
        column = self.today_column()
        self.grid.cursor_coordinate = self.grid.cursor_coordinate._replace(
            row=0, column=column if column is not None else 0
        )

    def focus_main(self) -> None:
        if self._stale:
            self._stale = False
            self.refresh_view()
        self.grid.focus()

    def focus_today(self) -> None:
        self.place_cursor_today()
        self.grid.focus()

    # actions

    def action_check(self, delta: int) -> None:
        routine_id = self.grid.current_row_key
        if routine_id is None:
            self.app.notify("No routine here yet: press a to add one", severity="warning")
            return
        day = self.record_day(self.grid.cursor_coordinate.column)
        self.post_message(CheckOff(routine_id, day, delta))

    def action_shift(self, n: int) -> None:
        self.anchor = shift_period(
            self.period, self.anchor, n, self.app.data.plan.settings.week_start
        )

    def action_this_period(self) -> None:
        self.anchor = self.app.today
        self.focus_today()

    def action_add_routine(self) -> None:
        self.post_message(EditRoutine(None, self.period))

    def action_edit_routine(self) -> None:
        if self.grid.current_row_key:
            self.post_message(EditRoutine(self.grid.current_row_key, self.period))

    def action_archive_routine(self) -> None:
        if self.grid.current_row_key:
            self.post_message(ArchiveRoutine(self.grid.current_row_key))


class WeekPane(PeriodPane):
    period = Period.week

    def compose(self) -> ComposeResult:
        with Horizontal(classes="pane-body"):
            with Vertical(classes="pane-main"):
                yield Label("", classes="period-title")
                yield RoutineGrid(classes="routine-grid")
                yield Static("", classes="caption trend-caption")
                yield Sparkline([], summary_function=max, classes="trend")
            yield Agenda(classes="agenda")

    def _days(self, data: Data) -> list[date]:
        return week_days(self.anchor, data.plan.settings.week_start)

    def columns(self, data: Data) -> list[tuple[GridColumn, date, date]]:
        today = self.app.today
        return [
            (
                GridColumn(
                    day.isoformat(), f"{WEEKDAY_NAMES[day.weekday()]}\n{day.day}", day == today
                ),
                day,
                day,
            )
            for day in self._days(data)
        ]

    def record_day(self, index: int) -> date:
        return self._days(self.app.data)[index]

    def title(self) -> str:
        return week_title(self.anchor, self.app.data.plan.settings.week_start)

    def refresh_view(self) -> None:
        super().refresh_view()
        data = getattr(self.app, "data", None)
        if data is not None:
            rates = recent_week_rates(data.plan, self.app.today, weeks=12)
            values = [round(rate * 100) for rate in rates]
            sparkline = self.query_one(Sparkline)
            if list(sparkline.data or []) != values:
                sparkline.data = values
            average = sum(rates) / len(rates) if rates else 0.0
            caption = (
                f"Weekly routines done, last 12 weeks · this week {rates[-1]:.0%} · "
                f"average {average:.0%}"
            )
            widget = self.query_one(".trend-caption", Static)
            if str(widget.content) != caption:
                widget.update(caption, layout=False)


class MonthPane(PeriodPane):
    period = Period.month

    def compose(self) -> ComposeResult:
        yield Label("", classes="period-title")
        yield RoutineGrid(title_width=34, classes="routine-grid")

    def _weeks(self, data: Data):
        return month_weeks(self.anchor, data.plan.settings.week_start)

    def columns(self, data: Data) -> list[tuple[GridColumn, date, date]]:
        today = self.app.today
        columns = []
        for week in self._weeks(data):
            month = MONTH_ABBRS[week.first.month - 1]
            days = (
                f"{week.first.day}"
                if week.first == week.last
                else f"{week.first.day}–{week.last.day}"
            )
            span = f"{month}\n{days}"
            columns.append(
                (
                    GridColumn(week.label, span, week.first <= today <= week.last),
                    week.first,
                    week.last,
                )
            )
        return columns

    def record_day(self, index: int) -> date:
        return month_record_day(self._weeks(self.app.data)[index], self.app.today)

    def title(self) -> str:
        start, _end = period_range(
            Period.month, self.anchor, self.app.data.plan.settings.week_start
        )
        return month_label(start)
