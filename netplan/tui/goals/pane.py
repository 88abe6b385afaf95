"""The Goals tab: measurable goals with progress and pace, the strategy, and the trends.

Active goals come first with a progress bar as wide as the list, due date and pace; done and
dropped goals follow under their own heading, the strategy (platforms, time budget, week
start, cadences, theme) under them. Beside them: the trends of the last 26 weeks, which `t`
spreads over the whole tab. Every change is an Edit posted to the app.
"""

from __future__ import annotations

from datetime import date

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, Static
from textual.widgets.option_list import Option

from netplan.models import Goal, GoalStatus
from netplan.text import for_screen
from netplan.tui.common.follow import FollowsData
from netplan.tui.common.messages import ApplyEdit
from netplan.tui.goals.form import GoalForm, count_now, needs_people
from netplan.tui.goals.goal_list import (
    DONE_HEADING,
    GoalList,
    active_prompt,
    closed_prompt,
    source_text,
    strategy_line,
    strategy_table,
)
from netplan.tui.goals.strategy_form import StrategyForm
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
        Binding(
            "t",
            "toggle_trends",
            "Trends",
            id="goal-trends",
            tooltip="The trends over the whole tab (arrows scroll them), or the goals again",
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
        # Goals and the strategy on the left, the trends on the right; `t` gives the trends
        # the whole tab (the only way to them on a narrow terminal, where they hide).
        with Horizontal(classes="pane-body"):
            with Vertical(classes="pane-main"):
                yield Label("Goals", classes="period-title goals-title")
                yield GoalList(id="goal-list", classes="goal-list")
                yield Static("", classes="strategy-line", markup=False)
                with Vertical(classes="goals-strategy"):
                    yield Label("Strategy", classes="side-title")
                    yield Static("", classes="strategy", markup=False)
            with VerticalScroll(classes="goals-side", can_focus=False):
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
        if self.has_class("-trends"):
            self.query_one(".goals-side", VerticalScroll).focus()
        else:
            self.goal_list.focus()

    def action_toggle_trends(self) -> None:
        side = self.query_one(".goals-side", VerticalScroll)
        shown = not self.has_class("-trends")
        self.set_class(shown, "-trends")
        side.can_focus = shown  # so that arrows and page keys scroll it
        self.focus_main()

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
        self.query_one(".strategy", Static).update(strategy_table(data.plan.settings))
        self.query_one(".strategy-line", Static).update(strategy_line(data.plan.settings))
        self.query_one(TrendsPanel).show(data, today)

    def _count(self, goal: Goal, data: Data) -> int | None:
        """The goal's progress now; None while the files it counts are still loading."""
        if not needs_people(goal.source):
            return count_now(goal, data, self.netplan.today)
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
        variables = self.netplan.theme_colors()
        return {
            "good": Style(color=variables["success"]),
            "bad": Style(color=variables["error"]),
            "warn": Style(color=variables["warning"]),
            "accent": Style(color=variables["accent"]),
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
                Option(
                    active_prompt(goal, self._count(goal, data), today, titles, palette), goal.id
                ),
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
                Option(closed_prompt(goal, self._count(goal, data), palette), goal.id)
                for goal in closed
            ]
        elif options:
            options.pop()  # no divider after the last goal
        goal_list.set_options(options)
        ids = [o.id for o in goal_list.options if not o.disabled]
        if keep in ids:
            goal_list.highlighted = goal_list.get_option_index(keep)
        elif ids:
            goal_list.highlighted = goal_list.get_option_index(ids[0])

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
                for_screen(
                    f"“{goal.title}” is counted automatically "
                    f"({source_text(goal.source, titles).removeprefix('counted: ')}). "
                    "Press e to make it manual."
                ),
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
            ApplyEdit(
                set_goal_status(goal, new), for_screen(f"{verb} “{goal.title}”. Press u to undo.")
            )
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
