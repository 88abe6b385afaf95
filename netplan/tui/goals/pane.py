"""The Goals tab: measurable goals with progress and pace, the strategy, and the trends.

Active goals come first with a progress bar, due date and pace; done and dropped goals follow
under their own heading. Beside them: the strategy (platforms, time budget, week start,
cadences, theme) and the trends of the last 26 weeks. Every change is an Edit posted to the app.
"""

from __future__ import annotations

import math
from datetime import date

from rich.console import Group
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from netplan.domain.goals import Pace, goal_pace
from netplan.domain.periods import MONTH_ABBRS
from netplan.models import Goal, GoalSource, GoalStatus, Settings
from netplan.tui.common.follow import FollowsData
from netplan.tui.common.messages import ApplyEdit
from netplan.tui.common.text import plain
from netplan.tui.goals.form import GoalForm, count_now, needs_people
from netplan.tui.goals.strategy_form import StrategyForm, hours_text
from netplan.tui.goals.trends import TrendsPanel
from netplan.workspace import Data
from netplan.workspace.edits import changed_fields
from netplan.workspace.plan_edits import (
    add_goal,
    change_settings,
    move_goal_progress,
    patch_goal,
    set_goal_status,
)

BAR_WIDTH = 24
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


class GoalsPane(FollowsData, Vertical):
    BINDINGS = [
        Binding("a", "add_goal", "Add", id="add-goal", tooltip="Add a goal"),
        Binding("e,enter", "edit_goal", "Edit", id="edit-goal", tooltip="Edit the goal"),
        Binding(
            "plus",
            "move_goal(1)",
            "More",
            id="goal-more",
            key_display="+",
            tooltip="One more on a manual goal",
        ),
        Binding(
            "minus",
            "move_goal(-1)",
            "Less",
            id="goal-less",
            key_display="-",
            tooltip="One less on a manual goal",
        ),
        Binding("d", "goal_done", "Done", id="goal-done", tooltip="Mark the goal done (or reopen)"),
        Binding("x", "goal_drop", "Drop", id="goal-drop", tooltip="Drop the goal (or reopen)"),
        Binding(
            "S",
            "strategy",
            "Strategy",
            id="strategy",
            tooltip="Edit platforms, time budget, week start, cadences, theme",
        ),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._wanted: str | None = None  # the goal to highlight after the next refresh
        # Counts from contacts and the journal, kept while those files stay the same objects
        # (a check-off or a manual +1 then costs nothing at 30,000 contacts).
        self._people: tuple[object, object] = (None, None)
        self._counts: dict[tuple, int | None] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(classes="pane-body"):
            with Vertical(classes="pane-main"):
                yield Label("Goals", classes="period-title goals-title")
                yield GoalList(id="goal-list", classes="goal-list")
                yield Static("", classes="strategy-line", markup=False)
            with VerticalScroll(classes="goals-side", can_focus=False):
                yield Label("Strategy", classes="side-title")
                yield Static("", classes="strategy", markup=False)
                yield TrendsPanel(classes="trends")

    def on_mount(self) -> None:
        self.watch(self.app, "theme", lambda _theme: self._data_changed(self.current), init=False)
        self.follow_data()

    @property
    def goal_list(self) -> GoalList:
        return self.query_one(GoalList)

    def focus_main(self) -> None:
        """Focus the widget the keys of this tab act on."""
        self.catch_up()
        self.goal_list.focus()

    # rendering

    def refresh_view(self) -> None:
        data = self.current
        if data is None:
            return
        today = self.netplan.today
        goals = data.plan.goals
        active = [g for g in goals if g.status == GoalStatus.active]
        closed = [g for g in goals if g.status != GoalStatus.active]
        title = f"Goals · {len(active)} active"
        if closed:
            title += f" · {len(closed)} done or dropped"
        self.query_one(".goals-title", Label).update(title)
        self._fill_list(data, active, closed, today)
        self.query_one(".strategy", Static).update(self._strategy(data.plan.settings))
        self.query_one(".strategy-line", Static).update(self._strategy_line(data.plan.settings))
        self.query_one(TrendsPanel).show(data, today)

    def _count(self, goal: Goal, data: Data) -> int | None:
        """The goal's progress now; None while the files it counts are still loading."""
        if not needs_people(goal.source):
            return count_now(goal, data)
        if self._people[0] is not data.contacts or self._people[1] is not data.journal:
            self._people = (data.contacts, data.journal)
            self._counts = {}
        source = goal.source
        assert source is not None
        key = (source.tag, source.interactions_with, source.exchange, goal.start)
        if key not in self._counts:
            self._counts[key] = count_now(goal, data)
        return self._counts[key]

    def _palette(self) -> dict[str, Style]:
        variables = self.app.theme_colors()
        return {
            "good": Style(color=variables.get("success", "green")),
            "bad": Style(color=variables.get("error", "red")),
            "warn": Style(color=variables.get("warning", "yellow")),
            "accent": Style(color=variables.get("accent", "magenta")),
        }

    def _fill_list(self, data: Data, active: list[Goal], closed: list[Goal], today: date) -> None:
        goal_list = self.goal_list
        keep = self._wanted or goal_list.goal_id
        self._wanted = None
        palette = self._palette()
        titles = {r.id: r.title for r in data.plan.routines}
        options: list[Option | None] = []
        for goal in active:
            options += [
                Option(self._active_prompt(goal, data, today, titles, palette), goal.id),
                None,
            ]
        if not active:
            empty = Text.assemble(
                ("No active goals. ", "bold"),
                "Press a to set one: a target, a unit and a due date make it measurable.",
            )
            options += [Option(empty, "no-goals", disabled=True), None]
        if closed:
            heading = Text(f"Done and dropped ({len(closed)})", style="bold underline")
            options.append(Option(heading, DONE_HEADING, disabled=True))
            options += [
                Option(self._closed_prompt(goal, data, palette), goal.id) for goal in closed
            ]
        elif options:
            options.pop()  # no divider after the last goal
        goal_list.set_options(options)
        ids = [o.id for o in goal_list.options if not o.disabled]
        if keep in ids:
            goal_list.highlighted = goal_list.get_option_index(keep)
        elif ids:
            goal_list.highlighted = goal_list.get_option_index(ids[0])

    def _active_prompt(
        self,
        goal: Goal,
        data: Data,
        today: date,
        titles: dict[str, str],
        palette: dict[str, Style],
    ) -> Group:
        done = self._count(goal, data)
        unit = f" {goal.unit}" if goal.unit else ""
        lines = [plain(goal.title, "bold")]
        if done is None:
            lines.append(Text("counting once contacts are loaded…", style="dim"))
            pace_line = Text()
        else:
            pace = goal_pace(goal, done, today)
            bar = self._bar(done, goal.target, pace.expected, palette)
            count = Text.assemble(f"  {done}/{goal.target}", plain(unit))
            count.stylize("bold")
            lines.append(Text.assemble(bar, count))
            pace_line = self._pace_text(goal, done, pace.pace, pace.expected, today, palette)
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

    def _pace_text(
        self,
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
            return Text.assemble(
                ("on track", palette["good"]), (f" ({wanted} expected by now)", "dim")
            )
        return Text(f"behind: {wanted} expected by now", style=palette["bad"])

    def _bar(self, done: int, target: int, expected: float, palette: dict[str, Style]) -> Text:
        """The share done, with ┆ where the straight line from start to due stands today."""
        filled = min(BAR_WIDTH, round(BAR_WIDTH * done / target))
        mark = min(BAR_WIDTH - 1, math.floor(BAR_WIDTH * expected / target))
        bar = Text()
        style = palette["good"] if done >= target else palette["accent"]
        for index in range(BAR_WIDTH):
            if index < filled:
                bar.append("█", style)
            elif index == mark and expected > 0:
                bar.append("┆", palette["warn"])
            else:
                bar.append("░", "dim")
        return bar

    def _closed_prompt(self, goal: Goal, data: Data, palette: dict[str, Style]) -> Text:
        done = self._count(goal, data)
        unit = f" {goal.unit}" if goal.unit else ""
        progress = f"{done if done is not None else '…'}/{goal.target}{unit}"
        if goal.status == GoalStatus.done:
            return Text.assemble(
                ("✓ ", palette["good"]), plain(goal.title), (f" · {progress} · done", "dim")
            )
        return Text.assemble(
            ("✗ ", "dim"), plain(goal.title, "dim strike"), (f" · {progress} · dropped", "dim")
        )

    def _strategy(self, settings: Settings) -> Table:
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
        table.add_row("Theme", plain(settings.theme))
        table.add_row("", Text("S edits the strategy", style="dim italic"))
        return table

    def _strategy_line(self, settings: Settings) -> Text:
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

    # actions

    def _selected(self) -> Goal | None:
        goal_id = self.goal_list.goal_id
        data = self.current
        if goal_id is None or data is None:
            return None
        return next((g for g in data.plan.goals if g.id == goal_id), None)

    def _nothing_selected(self) -> None:
        self.app.notify("No goal here yet: press a to add one", severity="warning")

    def action_add_goal(self) -> None:
        self._open_form(None)

    def action_edit_goal(self) -> None:
        goal = self._selected()
        if goal is None:
            self._nothing_selected()
            return
        self._open_form(goal)

    def _open_form(self, goal: Goal | None) -> None:
        data = self.current
        if data is None:
            return

        def done(result: Goal | None) -> None:
            if result is None:
                return
            if goal is None:
                edit = add_goal(result)
            elif changes := changed_fields(goal, result):
                edit = patch_goal(goal.id, changes, result.title)
            else:
                return
            self._wanted = result.id
            self.post_message(ApplyEdit(edit))

        self.app.push_screen(GoalForm(data.plan, goal, self.netplan.today), done)

    def action_move_goal(self, delta: int) -> None:
        goal = self._selected()
        if goal is None:
            self._nothing_selected()
            return
        if goal.source is not None:
            titles = {r.id: r.title for r in self.netplan.data.plan.routines}
            self.app.notify(
                f"“{goal.title}” is counted automatically "
                f"({source_text(goal.source, titles).removeprefix('counted: ')}). "
                "Press e to make it manual.",
                title="Progress is counted",
                markup=False,
            )
            return
        if delta < 0 and goal.progress == 0:
            self.app.bell()
            return
        self.post_message(ApplyEdit(move_goal_progress(goal, delta)))

    def _set_status(self, status: GoalStatus, notice: str) -> None:
        goal = self._selected()
        if goal is None:
            self._nothing_selected()
            return
        new = GoalStatus.active if goal.status == status else status
        self._wanted = goal.id
        if goal.status == GoalStatus.active:
            # Closing a goal: stay among the active ones, on the next (or the previous) one.
            active = [g.id for g in self.netplan.data.plan.goals if g.status == GoalStatus.active]
            index = active.index(goal.id)
            rest = active[index + 1 :] + active[:index][::-1]
            self._wanted = rest[0] if rest else goal.id
        verb = notice if new == status else "Reopened"
        self.post_message(
            ApplyEdit(set_goal_status(goal, new), f"{verb} “{goal.title}”. Press u to undo.")
        )

    def action_goal_done(self) -> None:
        self._set_status(GoalStatus.done, "Marked done:")

    def action_goal_drop(self) -> None:
        self._set_status(GoalStatus.dropped, "Dropped")

    def action_strategy(self) -> None:
        data = self.current
        if data is None:
            return

        def done(changes: dict[str, object] | None) -> None:
            if changes:
                self.post_message(
                    ApplyEdit(
                        change_settings("Change the strategy", changes),
                        "Strategy saved. Press u to undo.",
                    )
                )

        self.app.push_screen(StrategyForm(data.plan.settings, self.app.available_themes), done)
