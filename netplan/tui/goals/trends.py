"""Trends on the Goals tab: weekly follow-through, promises kept in time per month, and gave vs
asked, as sparklines with numbers.

The sparklines draw from zero on a fixed scale (0–100 % for the weeks, one shared top for gave
and asked), and the captions carry the numbers: this week, the average, this month's counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from textual.app import ComposeResult, RenderResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.renderables.sparkline import Sparkline as SparklineRenderable
from textual.widgets import Label, Sparkline, Static

from netplan.domain.periods import MONTH_ABBRS, MONTH_NAMES
from netplan.domain.trends import (
    MonthExchange,
    follow_through_summary,
    monthly_exchange,
    weekly_follow_through,
)
from netplan.workspace import Data


def _month(exchange: MonthExchange) -> str:
    return MONTH_ABBRS[exchange.month.month - 1]


class _ZeroBased(SparklineRenderable):
    """Draws data[2:]; data[0] (zero) and data[1] (the top) only fix the scale."""

    @classmethod
    def _buckets(cls, data: list[float], num_buckets: int) -> Iterable[Sequence[float]]:
        return super()._buckets(data[2:], num_buckets)


class ScaledSparkline(Sparkline):
    """A Sparkline whose bars grow from zero up to `top` (or the largest value if higher).

    The plain Sparkline stretches its smallest value to an empty bar and its largest to a full
    one, which turns 16 gives against 20 last month into "nothing". On a fixed scale from zero,
    a bar's height means the same in every column and in two sparklines given the same top.
    """

    top: reactive[float] = reactive(0.0)

    def render(self) -> RenderResult:
        values = list(self.data or [])
        if not values:
            return super().render()
        _, base = self.background_colors
        low = base + self.get_component_styles("sparkline--min-color").color
        high = base + self.get_component_styles("sparkline--max-color").color
        return _ZeroBased(
            [0, max(self.top, *values, 1), *values],
            width=self.size.width,
            height=self.size.height,
            min_color=low.rich_color,
            max_color=high.rich_color,
            summary_function=self.summary_function,
        )


def follow_through_texts(data: Data, today: date) -> tuple[list[float], str, str]:
    """Sparkline values (percent per week), a heading and a caption with the numbers."""
    weeks = weekly_follow_through(data.plan, today, activity=data.activity)
    summary = follow_through_summary(weeks)
    current = weeks[-1]
    heading = f"Weekly routines vs targets · last {summary.weeks} week{'s' * (summary.weeks != 1)}"
    if not current.target:
        return [], heading, "No weekly routines to follow through on."
    caption = (
        f"this week {current.done}/{current.target} ({summary.this_week:.0%})\n"
        f"{summary.weeks}-week average {summary.average:.0%} · "
        f"all met in {summary.met_weeks} of {summary.weeks}"
    )
    return [round(w.rate * 100) for w in weeks], heading, caption


def exchange_texts(data: Data, today: date) -> tuple[list[int], list[int], str, str]:
    """Gave and asked per month, a heading and a caption; empty while the journal loads."""
    if data.journal is None:
        return [], [], "Gave vs asked", "Waiting for the journal to load…"
    months = monthly_exchange(data.journal, today)
    span = _month(months[0]) if len(months) == 1 else f"{_month(months[0])}–{_month(months[-1])}"
    heading = f"Gave vs asked per month · {span}"
    now = months[-1]
    caption = f"{MONTH_NAMES[now.month.month - 1]}: gave {now.gave} · asked {now.asked}"
    if now.asked > now.gave:
        caption += "\nmore asks than gives: offer help first"
    return [m.gave for m in months], [m.asked for m in months], heading, caption


def promise_texts(data: Data, today: date) -> tuple[list[float], str, str]:
    """Promises kept by their due day, percent per month (spec 7.2), a heading, a caption."""
    from netplan.domain.promises import monthly_follow_through

    if data.journal is None:
        return [], "Promises kept in time", "Waiting for the journal to load…"
    months = monthly_follow_through(data.journal.interactions, today)
    span = f"{MONTH_ABBRS[months[0].month.month - 1]}–{MONTH_ABBRS[months[-1].month.month - 1]}"
    heading = f"Promises kept in time per month · {span}"
    due = sum(m.due for m in months)
    if not due:
        return [], heading, "No promises due yet: log one with l, mark it kept with K."
    kept = sum(m.kept for m in months)
    now = months[-1]
    this_month = (
        f"{MONTH_NAMES[now.month.month - 1]}: {now.kept} of {now.due} ({now.rate:.0%})"
        if now.rate is not None
        else f"{MONTH_NAMES[now.month.month - 1]}: none due yet"
    )
    caption = f"{this_month}\n{len(months)} months: {kept} of {due} kept in time ({kept / due:.0%})"
    # A month with nothing due draws as empty, not as a broken promise.
    return [round((m.rate or 0) * 100) for m in months], heading, caption


class TrendsPanel(Vertical):
    """Follow-through of the last 26 weeks, promises kept per month, and the give/ask
    balance of the last months."""

    def compose(self) -> ComposeResult:
        yield Label("Trends", classes="side-title")
        yield Label("", id="weeks-heading", classes="trend-heading")
        yield ScaledSparkline([], id="weeks-spark", classes="trend-spark")
        yield Static("", id="weeks-caption", classes="caption", markup=False)
        yield Label("", id="promises-heading", classes="trend-heading")
        yield ScaledSparkline([], id="promises-spark", classes="trend-spark")
        yield Static("", id="promises-caption", classes="caption", markup=False)
        yield Label("", id="exchange-heading", classes="trend-heading")
        with Horizontal(classes="spark-row"):
            yield Label("gave", classes="spark-label")
            yield ScaledSparkline([], id="gave-spark")
            yield Label("", id="gave-total", classes="spark-total")
        with Horizontal(classes="spark-row"):
            yield Label("asked", classes="spark-label")
            yield ScaledSparkline([], id="asked-spark")
            yield Label("", id="asked-total", classes="spark-total")
        yield Static("", id="exchange-caption", classes="caption", markup=False)

    _exchange_for: tuple[object, date] | None = None
    _exchange: tuple[list[int], list[int], str, str] = ([], [], "", "")
    _promises: tuple[list[float], str, str] = ([], "", "")

    def show(self, data: Data, today: date) -> None:
        values, heading, caption = follow_through_texts(data, today)
        self.query_one("#weeks-heading", Label).update(heading)
        weeks = self.query_one("#weeks-spark", ScaledSparkline)
        weeks.top = 100
        weeks.data = values
        self.query_one("#weeks-caption", Static).update(caption)
        cached = self._exchange_for
        if (
            data.journal is None
            or cached is None
            or cached[0] is not data.journal
            or cached[1] != today
        ):
            self._exchange_for = (data.journal, today)
            self._exchange = exchange_texts(data, today)
            self._promises = promise_texts(data, today)
        values, heading, caption = self._promises
        self.query_one("#promises-heading", Label).update(heading)
        promises = self.query_one("#promises-spark", ScaledSparkline)
        promises.top = 100
        promises.data = values
        self.query_one("#promises-caption", Static).update(caption)
        gave, asked, heading, caption = self._exchange
        self.query_one("#exchange-heading", Label).update(heading)
        top = max([*gave, *asked, 1])
        for name, values in (("gave", gave), ("asked", asked)):
            spark = self.query_one(f"#{name}-spark", ScaledSparkline)
            spark.top = top
            spark.data = values
            total = self.query_one(f"#{name}-total", Label)
            total.update(f"{sum(values)}" if values else "")
        self.query_one("#exchange-caption", Static).update(caption)
