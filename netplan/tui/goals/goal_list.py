"""How the Goals tab draws a goal: the list widget, each goal's lines, the strategy."""

from __future__ import annotations

import math
from datetime import date

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.measure import Measurement
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList

from netplan.domain.circles import circle_cadences
from netplan.domain.goals import Pace, goal_pace
from netplan.domain.periods import MONTH_ABBRS
from netplan.models import Goal, GoalSource, GoalStatus, Settings
from netplan.tui.common.text import plain
from netplan.tui.goals.strategy_form import hours_text

BAR_WIDTH = 24  # the bar's width where none is known (the plain text tests read)
MIN_BAR_WIDTH = 10
MAX_BAR_WIDTH = 80  # wider, the count drifts too far from the goal's title
DONE_HEADING = "done-heading"


def short_day(day: date) -> str:
    """ "Mar 31, 2027" in English whatever the locale."""
    return f"{MONTH_ABBRS[day.month - 1]} {day.day}, {day.year}"


def source_text(source: GoalSource | None, routine_titles: dict[str, str]) -> str:
    if source is None:
        return "manual: + and − move it"
    if source.routine is not None:
        return f"counted: {routine_titles.get(source.routine, source.routine)} completions"
    if source.tag is not None:
        return f"counted: contacts added with tag {source.tag}"
    only = f"{source.exchange.value} " if source.exchange is not None else ""
    return f"counted: {only}interactions with {source.interactions_with} contacts"


def days_left_text(days_left: int | None) -> str:
    if days_left is None:
        return "no due date"
    if days_left > 1:
        return f"{days_left} days left"
    if days_left == 1:
        return "1 day left"
    if days_left == 0:
        return "due today"
    return f"{-days_left} day{'s' * (days_left != -1)} overdue"


class GoalList(OptionList, inherit_bindings=False):
    """The goals, one option each; keys that change them live on the pane."""

    BINDINGS = [
        Binding("up,k", "cursor_up", "Previous goal", show=False),
        Binding("down,j", "cursor_down", "Next goal", show=False),
        Binding("home", "first", "First goal", show=False),
        Binding("end", "last", "Last goal", show=False),
        Binding("pageup", "page_up", show=False),
        Binding("pagedown", "page_down", show=False),
    ]

    @property
    def goal_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None and not option.disabled else None


def active_prompt(
    goal: Goal,
    done: int | None,
    today: date,
    titles: dict[str, str],
    palette: dict[str, Style],
) -> Group:
    unit = f" {goal.unit}" if goal.unit else ""
    lines = [plain(goal.title, "bold")]
    if done is None:
        lines.append(Text("counting once contacts are loaded…", style="dim"))
        pace_line = Text()
    else:
        pace = goal_pace(goal, done, today)
        count = Text.assemble(f"  {done}/{goal.target}", plain(unit))
        count.stylize("bold")
        lines.append(ProgressLine(done, goal.target, pace.expected, palette, count))
        pace_line = pace_text(goal, done, pace.pace, pace.expected, today, palette)
    due = f"due {short_day(goal.due)} · " if goal.due else ""
    details = Text.assemble(
        pace_line,
        " · " if pace_line.plain else "",
        (f"{due}{days_left_text((goal.due - today).days if goal.due else None)}", "dim"),
    )
    lines.append(details)
    lines.append(plain(source_text(goal.source, titles), "dim"))
    if goal.why:
        lines.append(plain(f"Why: {goal.why}", "italic dim"))
    return Group(*lines)


def pace_text(
    goal: Goal,
    done: int,
    pace: Pace,
    expected: float,
    today: date,
    palette: dict[str, Style],
) -> Text:
    if pace == Pace.done:
        return Text("✓ target reached · d marks it done", style=palette["good"])
    if pace == Pace.no_due:
        return Text("no pace without a due date", style="dim")
    if goal.start is not None and today < goal.start:
        return Text(f"starts {short_day(goal.start)}", style="dim")
    wanted = math.floor(expected)
    if pace == Pace.on_track:
        return Text.assemble(("on track", palette["good"]), (f" ({wanted} expected by now)", "dim"))
    return Text(f"behind: {wanted} expected by now", style=palette["bad"])


class ProgressLine:
    """A goal's bar and count, the bar as wide as the line allows (the list's width, less the
    count), between MIN_BAR_WIDTH and MAX_BAR_WIDTH cells."""

    def __init__(
        self, done: int, target: int, expected: float, palette: dict[str, Style], count: Text
    ) -> None:
        self.done, self.target, self.expected = done, target, expected
        self.palette, self.count = palette, count

    def line(self, width: int) -> Text:
        bar = progress_bar(self.done, self.target, self.expected, self.palette, width)
        return Text.assemble(bar, self.count, no_wrap=True, overflow="ellipsis")

    @property
    def plain(self) -> str:
        return self.line(BAR_WIDTH).plain

    def bar_width(self, max_width: int) -> int:
        room = max_width - cell_len(self.count.plain)
        return max(MIN_BAR_WIDTH, min(MAX_BAR_WIDTH, room))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.line(self.bar_width(options.max_width))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        count = cell_len(self.count.plain)
        return Measurement(MIN_BAR_WIDTH + count, MAX_BAR_WIDTH + count)


def progress_bar(
    done: int,
    target: int,
    expected: float,
    palette: dict[str, Style],
    width: int = BAR_WIDTH,
) -> Text:
    """The share done, with ┆ where the straight line from start to due stands today."""
    filled = min(width, round(width * done / target))
    mark = min(width - 1, math.floor(width * expected / target))
    bar = Text()
    style = palette["good"] if done >= target else palette["accent"]
    for index in range(width):
        if index < filled:
            bar.append("█", style)
        elif index == mark and expected > 0:
            bar.append("┆", palette["warn"])
        else:
            bar.append("░", "dim")
    return bar


def closed_prompt(goal: Goal, done: int | None, palette: dict[str, Style]) -> Text:
    unit = f" {goal.unit}" if goal.unit else ""
    progress = plain(f" · {done if done is not None else '…'}/{goal.target}{unit}", "dim")
    if goal.status == GoalStatus.done:
        return Text.assemble(
            ("✓ ", palette["good"]), plain(goal.title), progress, (" · done", "dim")
        )
    return Text.assemble(
        ("✗ ", "dim"), plain(goal.title, "dim strike"), progress, (" · dropped", "dim")
    )


def strategy_table(settings: Settings) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(style="dim", no_wrap=True)
    table.add_column()
    low, high = settings.weekly_hours
    platforms = " · ".join(settings.platforms) or "none chosen"
    cadence = " · ".join(f"{tag} {days}d" for tag, days in settings.cadence_by_tag.items())
    table.add_row("Platforms", plain(platforms))
    table.add_row("Time", Text(f"{hours_text(low)}–{hours_text(high)} h a week"))
    table.add_row("Week starts", Text(settings.week_start.value.capitalize()))
    table.add_row("Check-ins", plain(cadence or "no cadence by tag"))
    circles = " · ".join(f"{c} {days}d" for c, days in circle_cadences(settings).items())
    table.add_row("By circle", Text(circles))
    table.add_row("Theme", plain(settings.theme))
    table.add_row("", Text("S edits the strategy", style="dim italic"))
    return table


def strategy_line(settings: Settings) -> Text:
    """The strategy in one line, for terminals too narrow for the side panel."""
    low, high = settings.weekly_hours
    parts = [
        " · ".join(settings.platforms) or "no platforms",
        f"{hours_text(low)}–{hours_text(high)} h a week",
        f"weeks start {settings.week_start.value.capitalize()}",
    ]
    line = Text.assemble(("Strategy ", "bold"), ("(S) ", "dim"), plain(" · ".join(parts)))
    line.no_wrap = True
    line.overflow = "ellipsis"
    return line
