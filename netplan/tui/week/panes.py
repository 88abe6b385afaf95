"""The Week tab (days, the 12-week trend, the agenda) and the Month tab (weeks, the month's
events) on the shared routine grid of netplan.tui.week.period_pane."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Sparkline, Static

from netplan.domain.periods import (
    month_label,
    month_record_day,
    month_weeks,
    period_range,
    week_days,
    week_title,
)
from netplan.domain.routines import average_rate, recent_weeks
from netplan.models import Period
from netplan.tui.week.agenda import Agenda
from netplan.tui.week.events import EventKeys, EventList
from netplan.tui.week.evidence import EvidenceLine
from netplan.tui.week.grid import GridColumn, RoutineGrid
from netplan.tui.week.period_pane import PeriodPane
from netplan.workspace import Data

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_ABBRS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class WeekPane(PeriodPane):
    period = Period.week

    def compose(self) -> ComposeResult:
        with Horizontal(classes="pane-body"):
            with Vertical(classes="pane-main"):
                yield Label("", classes="period-title")
                yield RoutineGrid(classes="routine-grid")
                yield EvidenceLine(classes="caption evidence-line")
                yield Static("", classes="caption trend-caption")
                yield Sparkline([], summary_function=max, classes="trend")
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

    def refresh_view(self) -> None:
        super().refresh_view()
        data = self.current
        if data is not None:
            weeks = recent_weeks(data.plan, self.netplan.today, 12, data.activity)
            rates = [week.rate for week in weeks]
            values = [round(rate * 100) for rate in rates]
            sparkline = self.query_one(Sparkline)
            if list(sparkline.data or []) != values:
                sparkline.data = values
            average = average_rate(weeks)  # weeks where nothing counted are left out
            caption = (
                f"Weekly routines done, last 12 weeks · this week {rates[-1]:.0%} · "
                f"average {average:.0%}"
            )
            widget = self.query_one(".trend-caption", Static)
            if str(widget.content) != caption:
                widget.update(caption, layout=False)


class MonthPane(EventKeys, PeriodPane):
    """The month's routines by week, and the month's events beside them (EventKeys)."""

    period = Period.month

    def compose(self) -> ComposeResult:
        with Horizontal(classes="pane-body"):
            with Vertical(classes="pane-main month-main"):
                yield Label("", classes="period-title")
                yield RoutineGrid(title_width=34, classes="routine-grid")
                yield EvidenceLine(classes="caption evidence-line")
            yield EventList(classes="month-events")

    def refresh_view(self) -> None:
        super().refresh_view()
        self.show_events()

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
