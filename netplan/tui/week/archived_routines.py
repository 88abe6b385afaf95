"""`A` in a grid: the archived routines of the grid's kind (week or month), and a way back.

Each line names the routine, its target, how many completions it holds and the last day one
was recorded (the plan does not record when a routine was archived). `enter` or `r`
dismisses with the chosen routine's id, and the pane restores it as an undoable edit;
`escape` closes without a change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from netplan.domain.periods import MONTH_ABBRS
from netplan.models import Period, Plan
from netplan.tui.common.text import plain, shorten

EMPTY = "No archived routines"
TITLE_WIDTH = 56


@dataclass(frozen=True)
class ArchivedLine:
    """One archived routine as the list shows it."""

    id: str
    title: str
    target: int
    completions: int
    last_done: date | None


def archived_lines(plan: Plan, period: Period) -> list[ArchivedLine]:
    """The archived routines of `period`, in plan order, with their completions."""
    lines = []
    for routine in plan.routines:
        if not routine.archived or routine.period != period:
            continue
        days = [day for day, counts in plan.completions.items() if counts.get(routine.id)]
        total = sum(plan.completions[day][routine.id] for day in days)
        lines.append(
            ArchivedLine(routine.id, routine.title, routine.target, total, max(days, default=None))
        )
    return lines


def _details(line: ArchivedLine, period: Period) -> str:
    words = [f"target {line.target} a {period.value}"]
    words.append(
        "no completions"
        if not line.completions
        else f"{line.completions} completion" + ("s" if line.completions != 1 else "")
    )
    if line.last_done is not None:
        day = line.last_done
        words.append(f"last done {MONTH_ABBRS[day.month - 1]} {day.day}, {day.year}")
    return " · ".join(words)


def _prompt(line: ArchivedLine, period: Period) -> Text:
    title = plain(shorten(line.title, TITLE_WIDTH), style="bold")
    return Text.assemble(title, "\n  ", Text(_details(line, period), style="dim"))


class ArchivedRoutines(ModalScreen[str | None]):
    """Dismisses with the id of the routine to restore, or None."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="close-archived", tooltip="Close the list"),
        Binding(
            "r",
            "restore",
            "Restore",
            id="restore-routine",
            tooltip="Restore the selected routine to the grid (u undoes it)",
        ),
    ]

    def __init__(self, plan: Plan, period: Period) -> None:
        super().__init__()
        self.period = period
        self.lines = archived_lines(plan, period)

    def compose(self) -> ComposeResult:
        kind = "weekly" if self.period == Period.week else "monthly"
        with Vertical(classes="dialog archived-routines"):
            yield Label(f"Archived {kind} routines", classes="dialog-title")
            if self.lines:
                yield OptionList(
                    *(Option(_prompt(line, self.period), id=line.id) for line in self.lines),
                    id="archived-list",
                    markup=False,
                )
                hint = "enter or r restores the routine · escape closes"
            else:
                yield Static(EMPTY, classes="caption archived-empty", markup=False)
                hint = "escape closes"
            yield Static(Text(hint, style="dim"), classes="hint")

    def on_mount(self) -> None:
        if self.lines:
            self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_restore(self) -> None:
        if not self.lines:
            return
        option = self.query_one(OptionList).highlighted_option
        if option is not None:
            self.dismiss(option.id)

    def action_close(self) -> None:
        self.dismiss(None)
