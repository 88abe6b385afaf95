"""The agenda beside the week grid: what needs doing about people, and the week's time.

Overdue and due follow-ups, open promises (oldest first), replies owed (spec 7.3),
milestones in the next 14 days, suggestions (thanks for endorsements included), the time
budget and this month's give/ask balance. It renders what the domain
functions compute.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from netplan.domain.budget import BudgetStatus, budget_status, interaction_minutes, routine_minutes
from netplan.domain.periods import month_end, month_start
from netplan.tui.common.follow import FollowsData
from netplan.tui.common.text import plain, shorten
from netplan.workspace import Data

if TYPE_CHECKING:
    from netplan.domain.people_index import PeopleIndex

FOLLOW_UP_DAYS = 7
MILESTONE_DAYS = 14
SHOWN = 6
NAME_WIDTH = 20
BAR_WIDTH = 16


def _hours(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours}h {rest:02d}m" if hours else f"{rest}m"


def _name(name: str) -> Text:
    text = plain(shorten(name, NAME_WIDTH))
    text.pad_right(NAME_WIDTH + 1 - text.cell_len)
    return text


def _heading(title: str) -> Text:
    return Text(title, style="bold underline")


def _bar(minutes: int, low: float, high: float) -> Text:
    """A bar of the week's minutes on a scale to the budget's top; the low mark shown."""
    scale = max(high * 60, minutes, 1)
    filled = round(BAR_WIDTH * minutes / scale)
    low_at = round(BAR_WIDTH * low * 60 / scale)
    status = budget_status(minutes, (low, high))
    style = {"under": "yellow", "within": "green", "over": "red"}[status.value]
    cells = Text()
    for index in range(BAR_WIDTH):
        char = "█" if index < filled else ("┆" if index == low_at else "░")
        cells.append(char, style=style if index < filled else "dim")
    return cells


def _when(overdue_days: int) -> tuple[str, str]:
    if overdue_days > 0:
        return f"{overdue_days}d overdue", "red"
    if overdue_days == 0:
        return "today", "yellow"
    return f"in {-overdue_days}d", "dim"


def _promises(people: PeopleIndex, today: date) -> list[Text]:
    """Every open promise, oldest first; none open, no section (K in Contacts keeps one)."""
    from netplan.domain.promises import promises_of

    found = promises_of(people, today)
    if not found:
        return []
    overdue = sum(1 for p in found if p.overdue_days > 0)
    parts = [Text(), _heading(f"Promises · {len(found)} open · {overdue} overdue")]
    for item in found[:SHOWN]:
        when, style = _when(item.overdue_days)
        parts.append(
            Text.assemble(
                _name(item.contact.name),
                Text(f"{when:<12}", style=style),
                plain(item.interaction.promise or "", style="italic"),
            )
        )
    if len(found) > SHOWN:
        parts.append(Text(f"… {len(found) - SHOWN} more", style="dim"))
    return parts


def _replies(people: PeopleIndex) -> list[Text]:
    """Conversations whose last message was theirs, 2 to 30 days ago; none, no section."""
    found = people.replies_owed()
    if not found:
        return []
    parts = [Text(), _heading(f"Replies owed · {len(found)}")]
    for contact, owed in found[:SHOWN]:
        parts.append(
            Text.assemble(
                _name(contact.name),
                Text(f"{owed.days}d ago", style="red" if owed.days > 7 else "yellow"),
            )
        )
    if len(found) > SHOWN:
        parts.append(Text(f"… {len(found) - SHOWN} more", style="dim"))
    return parts


class Agenda(FollowsData, VerticalScroll):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._people_inputs: tuple = ()
        self._people_parts: list[Text] = [Text("Loading contacts…", style="dim")]
        self._journal_minutes: tuple = (None, None, 0)

    def compose(self):
        yield Static(Text("Loading contacts…", style="dim"), classes="agenda-body agenda-people")
        yield Static("", classes="agenda-body agenda-time")

    def on_mount(self) -> None:
        self.follow_data()

    def refresh_view(self) -> None:
        data = self.current
        if data is None:
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
            if people is None or data.journal is None:
                self._people_parts = [Text(self.netplan.contacts_status, style="dim")]
            else:
                self._people_parts = self._people(people, data, today)
        self._show(data, today)

    def _show(self, data: Data, today: date) -> None:
        # Two parts, so a check-off repaints the time lines only; no layout pass when the
        # number of lines stays the same.
        for selector, parts in (
            (".agenda-people", self._people_parts),
            (".agenda-time", self._time(data, today)),
        ):
            for part in parts:
                part.no_wrap = True
                part.overflow = "ellipsis"
            plain = "\n".join(part.plain for part in parts)
            widget = self.query_one(selector, Static)
            shown = getattr(widget, "_netplan_shown", None)
            if shown is not None and shown[0] == plain and shown[1] == parts:
                continue
            same_height = shown is not None and shown[0].count("\n") == plain.count("\n")
            widget._netplan_shown = (plain, parts)
            widget.update(Group(*parts), layout=not same_height)

    def _people(self, people: PeopleIndex, data: Data, today: date) -> list[Text]:
        from netplan.domain.balance import total_balance  # with the people, after the first frame

        assert data.journal is not None
        parts: list[Text] = []

        due = people.follow_ups(FOLLOW_UP_DAYS)
        overdue = sum(1 for item in due if item.overdue_days > 0)
        parts.append(_heading(f"Follow-ups · {overdue} overdue"))
        for item in due[:SHOWN]:
            if item.overdue_days > 0:
                when, style = f"{item.overdue_days}d overdue", "red"
            elif item.overdue_days == 0:
                when, style = "today", "yellow"
            else:
                when, style = f"in {-item.overdue_days}d", "yellow"
            parts.append(
                Text.assemble(
                    _name(item.contact.name),
                    Text(when, style=style),
                )
            )
        if len(due) > SHOWN:
            parts.append(Text(f"… {len(due) - SHOWN} more", style="dim"))
        if not due:
            parts.append(Text("Nothing due this week", style="dim"))
        parts += _promises(people, today)
        parts += _replies(people)

        parts.append(Text())
        parts.append(_heading(f"Milestones · next {MILESTONE_DAYS} days"))
        milestones = people.milestones(MILESTONE_DAYS)
        for item in milestones[:SHOWN]:
            parts.append(
                Text.assemble(
                    Text(f"{item.on:%b} {item.on.day:<2} ", style="cyan"),
                    plain(shorten(item.contact.name, NAME_WIDTH)),
                    Text(" · ", style="dim"),
                    plain(item.milestone.label),
                )
            )
        if not milestones:
            parts.append(Text("None coming up", style="dim"))

        parts.append(Text())
        parts.append(_heading("Reach out this week"))
        suggestions = people.suggestions(limit=5, activity=data.activity)
        for item in suggestions:
            parts.append(
                Text.assemble(
                    _name(item.contact.name),
                    plain(", ".join(item.reasons), style="italic"),
                )
            )
        if not suggestions:
            parts.append(Text("Everyone is up to date", style="dim"))

        first, last = month_start(today), month_end(today)
        month = total_balance(data.journal, first, last)
        parts.append(Text())
        parts.append(_heading(f"Give and ask · {today:%B}"))
        parts.append(
            Text.assemble(
                Text(f"gave {month.gave}", style="green"),
                Text("  ·  ", style="dim"),
                Text(f"asked {month.asked}", style="yellow" if month.give_first else ""),
                Text(f"  ·  {month.neutral} neutral", style="dim"),
            )
        )
        if month.give_first:
            parts.append(Text("More asks than gives: offer help first", style="yellow"))
        return parts

    def _time(self, data: Data, today: date) -> list[Text]:
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
        low_text = f"{low:g}"
        high_text = f"{high:g}"
        return [
            Text(),
            _heading("Time this week"),
            Text.assemble(
                _bar(minutes, low, high),
                Text(f" {_hours(minutes)} of {low_text}–{high_text} h", style="bold"),
            ),
            Text(note, style="dim"),
        ]
