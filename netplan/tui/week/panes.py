"""The Week tab (days, the 12-week trend, the agenda) and the Month tab (weeks, the month's
summary, its 12-month trend, the month's events) on the shared routine grid of
netplan.tui.week.period_pane. How the width is shared: app.tcss."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label

from netplan.domain.events import events_in
from netplan.domain.periods import (
    month_label,
    month_record_day,
    month_weeks,
    period_range,
    week_days,
    week_title,
)
from netplan.models import Period
from netplan.tui.common.charts import MonthTrend, WeekTrend
from netplan.tui.week.agenda import Agenda
from netplan.tui.week.events import EventKeys, EventList, event_lines
from netplan.tui.week.evidence import EvidenceLine
from netplan.tui.week.grid import GridColumn, RoutineGrid
from netplan.tui.week.month_summary import MonthSummary, month_summary
from netplan.tui.week.period_pane import PeriodPane
from netplan.tui.week.welcome import Welcome
from netplan.workspace import Data

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_ABBRS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class WeekPane(PeriodPane):
    period = Period.week

    def compose(self) -> ComposeResult:
        with Horizontal(classes="pane-body period-body"):
            with Vertical(classes="pane-main"):
                yield Welcome(classes="welcome")
                yield Label("", classes="period-title")
                yield RoutineGrid(classes="routine-grid")
                yield EvidenceLine(classes="caption evidence-line")
                yield WeekTrend(classes="trend")
            yield Agenda(classes="agenda")

    def _days(self, data: Data) -> list[date]:
        return week_days(self.anchor, data.plan.settings.week_start)

    def columns(self, data: Data) -> list[tuple[GridColumn, date, date]]:
        today = self.netplan.today
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
        return self._days(self.netplan.data)[index]

    def title(self) -> str:
        return week_title(self.anchor, self.netplan.data.plan.settings.week_start)


class MonthPane(EventKeys, PeriodPane):
    """The month's routines by week, and the month's events beside them (EventKeys)."""

    period = Period.month

    def compose(self) -> ComposeResult:
        with Horizontal(classes="pane-body period-body"):
            with Vertical(classes="pane-main month-main"):
                yield Label("", classes="period-title")
                yield RoutineGrid(classes="routine-grid")
                yield EvidenceLine(classes="caption evidence-line")
                yield MonthSummary(classes="month-summary")
                with Vertical(id="month-chart", classes="month-chart"):
                    yield MonthTrend(classes="trend")
            yield EventList(classes="month-events")

    def refresh_view(self) -> None:
        super().refresh_view()
        self.show_events()
        data = self.current
        if data is not None and self.anchor is not None:
            first, last = self._month()
            today = self.netplan.today
            shown = event_lines(events_in(data.plan.events, first, last), today)
            summary = month_summary(self.statuses, shown, first, last, today)
            self.query_one(MonthSummary).show(summary)

    def _month(self) -> tuple[date, date]:
        return period_range(Period.month, self.anchor, self.netplan.data.plan.settings.week_start)

    def _weeks(self, data: Data):
        return month_weeks(self.anchor, data.plan.settings.week_start)

    def columns(self, data: Data) -> list[tuple[GridColumn, date, date]]:
        today = self.netplan.today
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
        return month_record_day(self._weeks(self.netplan.data)[index], self.netplan.today)

    def title(self) -> str:
        return month_label(self._month()[0])
