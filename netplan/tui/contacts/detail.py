"""The detail pane beside the contacts table: everything about the selected contact.

Handles, email, phone, where you met, kind, cadence, topics to bring up, notes, milestones with
their next occurrence, the open promises, and the journal newest first (a list of its own,
netplan.tui.contacts.journal, with a cursor to edit or delete an entry). Every
user-written value goes through plain(): text, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from netplan.domain.contact_list import (
    cadence_source,
    due_state,
    in_words,
    newest_first,
    overdue_words,
)
from netplan.domain.followups import Cadences, next_occurrence
from netplan.domain.people_index import ContactRow
from netplan.domain.promises import open_promises, promise_due
from netplan.models import Interaction, Milestone
from netplan.text import for_screen
from netplan.tui.common.follow import netplan_app
from netplan.tui.common.text import plain
from netplan.tui.contacts.journal import JournalList
from netplan.tui.contacts.table import GIVE_FIRST_MARK
from netplan.tui.contacts.tones import Tones, tones_of

LABEL_WIDTH = 11
COLUMNS_WIDTH = 84  # the pane's cells from which the journal goes beside the details
NO_TONES = Tones()


def due_style(state: str, tones: Tones) -> str:
    """The style of a follow-up in this due_state."""
    return {"overdue": tones.error, "soon": tones.warning, "none": "dim"}.get(state, "")


def _heading(title: str) -> Text:
    return Text(title, style="bold underline")


def _value(*parts: Text | str) -> Text:
    line = Text()
    for part in parts:
        line.append(part if isinstance(part, Text) else Text(part))
    return line


def _day(day: date) -> str:
    return day.isoformat()


Fields = list[tuple[str, Text]]

PLATFORM_NAMES = {"linkedin": "LinkedIn", "github": "GitHub", "twitter": "Twitter"}


def field_table(fields: Fields) -> Table:
    """Labels in a column on the left; long values wrap in their own column."""
    table = Table.grid(padding=(0, 1))
    table.add_column(style="dim", no_wrap=True, width=LABEL_WIDTH - 1)
    table.add_column(ratio=1, overflow="fold")
    for label, value in fields:
        table.add_row(Text(label), value)
    return table


def hooks(
    row: ContactRow,
    interactions: Sequence[Interaction],
    today: date,
    tones: Tones = NO_TONES,
) -> Fields:
    """What to mention: topics, the last two notes, the next milestone, an open promise."""
    contact = row.contact
    fields: Fields = []
    if contact.topics:
        fields.append(("Topics", plain(" · ".join(contact.topics), style="bold")))
    notes = [i for i in newest_first(interactions) if i.note][:2]
    for number, interaction in enumerate(notes):
        fields.append(
            (
                "Last notes" if number == 0 else "",
                _value(
                    Text(f"{interaction.on:%b} {interaction.on.day}: ", style="dim"),
                    plain(interaction.note),
                ),
            )
        )
    if contact.notes:
        fields.append(("Notes", plain(contact.notes)))
    upcoming = sorted(
        (on, m.label) for m in contact.milestones if (on := next_occurrence(m, today)) is not None
    )
    if upcoming:
        on, label = upcoming[0]
        fields.append(
            (
                "Milestone",
                _value(
                    plain(label),
                    Text(f" · {_day(on)} ({in_words(on, today)})", style=tones.accent),
                ),
            )
        )
    fields += promise_fields(interactions, today, tones)
    return fields


def promise_fields(
    interactions: Sequence[Interaction], today: date, tones: Tones = NO_TONES
) -> Fields:
    """The open promises, oldest first (K marks the first kept), with their due days."""
    fields: Fields = []
    for number, interaction in enumerate(open_promises(interactions)[:3]):
        due = promise_due(interaction)
        assert due is not None
        style = tones.error if due < today else tones.warning if due == today else "dim"
        fields.append(
            (
                "Promised" if number == 0 else "",
                _value(
                    plain(interaction.promise),
                    Text(f" · by {_day(due)} ({overdue_words(due, today)})", style=style),
                ),
            )
        )
    return fields


def detail(
    row: ContactRow,
    interactions: Sequence[Interaction],
    today: date,
    cadences: Cadences,
    tones: Tones = NO_TONES,
) -> Group:
    contact = row.contact
    parts: list[RenderableType] = [plain(contact.name, style="bold")]
    position = " · ".join(p for p in (contact.role, contact.company) if p)
    if position:
        parts.append(plain(position))
    if contact.tags:
        parts.append(plain(" ".join(f"#{t}" for t in contact.tags), style=tones.accent))
    if contact.archived:
        parts.append(Text("Archived: r restores it to the list", style=tones.warning))
    parts.append(Text())

    fields: Fields = []
    if row.due is not None:
        state = due_state(row.due, today)
        when = f"{_day(row.due)} · {overdue_words(row.due, today)}"
        fields.append(("Follow-up", Text(when, due_style(state, tones))))
    else:
        fields.append(("Follow-up", Text("none (no date, no cadence)", style="dim")))
    fields += promise_fields(interactions, today, tones)
    cadence = cadence_source(contact, cadences)
    fields.append(("Cadence", plain(cadence) if cadence else Text("none", "dim")))
    if row.last is None:
        fields.append(("Last", Text("never", style="dim")))
    else:
        fields.append(("Last", Text(f"{_day(row.last)} · {in_words(row.last, today)}")))
    balance = row.balance
    tally = _value(
        Text(f"gave {balance.gave}", style=tones.success if balance.gave else ""),
        f" · asked {balance.asked} · neutral {balance.neutral}",
    )
    if balance.give_first:
        tally.append(f"  {GIVE_FIRST_MARK} give first", style=tones.warning)
    fields.append(("Gave/asked", tally))
    fields.append(("Kind", Text(contact.kind.value)))
    if contact.met_at:
        fields.append(("Met at", plain(contact.met_at)))
    if contact.email:
        fields.append(("Email", plain(contact.email)))
    if contact.phone:
        fields.append(("Phone", plain(contact.phone)))
    for platform, handle in contact.handles.items():
        label = PLATFORM_NAMES.get(platform.casefold(), for_screen(platform))
        fields.append((label, plain(handle)))
    if contact.created:
        fields.append(("Added", Text(_day(contact.created))))
    fields.append(
        ("Reviewed", Text(_day(contact.reviewed)) if contact.reviewed else Text("never", "dim"))
    )
    parts.append(field_table(fields))

    if contact.topics:
        parts += [Text(), _heading("To bring up")]
        parts.append(plain(" · ".join(contact.topics)))
    if contact.notes:
        parts += [Text(), _heading("Notes")]
        parts.append(plain(contact.notes, multiline=True))
    if contact.milestones:
        parts += [
            Text(),
            _heading("Milestones"),
            *milestone_lines(contact.milestones, today, tones),
        ]

    return Group(*parts)


def milestone_lines(milestones: Sequence[Milestone], today: date, tones: Tones) -> list[Text]:
    """Each milestone in two short lines (a narrow pane cuts nothing): the label and when it
    comes next; its date and whether it repeats."""
    lines: list[Text] = []
    for milestone in sorted(milestones, key=lambda m: (m.date.month, m.date.day)):
        on = next_occurrence(milestone, today)
        head = plain(milestone.label, style="bold")
        if on is not None:
            head.append(f" · {in_words(on, today)}", style=tones.accent)
        else:
            head.append(" · passed", style="dim")
        when = f"{_day(on)} · yearly since {milestone.date.year}" if on and milestone.yearly else ""
        when = when or f"{_day(milestone.date)} · {'yearly' if milestone.yearly else 'once'}"
        lines += [head, Text(f"  {when}", style="dim")]
    return lines


class ContactDetail(VerticalScroll):
    """Scrolls when the journal is long; shows a hint when no contact is selected."""

    can_focus = False

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: tuple = (None,)  # what `show` was given, to draw again in a new theme

    def compose(self):
        yield Static("", classes="contact-detail-body")
        yield JournalList(classes="contact-journal")

    def on_mount(self) -> None:
        self.watch(self.app, "theme", lambda _theme: self.show(*self._shown), init=False)

    def on_resize(self) -> None:
        # Wide enough for two columns: the journal beside the details, not below them.
        columns = self.size.width >= COLUMNS_WIDTH  # not the content: a scrollbar comes and goes
        if columns != self.has_class("-columns"):
            self.set_class(columns, "-columns")
            self.journal.spaced = not columns
            self.journal.refresh(layout=True)

    @property
    def journal(self) -> JournalList:
        return self.query_one(JournalList)

    def show(
        self,
        row: ContactRow | None,
        interactions: Sequence[Interaction] = (),
        today: date | None = None,
        cadences: Cadences | None = None,
        empty: str = "",
    ) -> None:
        self._shown = (row, interactions, today, cadences, empty)
        tones = tones_of(netplan_app(self).theme_colors())
        body = self.query_one(".contact-detail-body", Static)
        journal = self.journal
        shown = journal.row.id if journal.row is not None else None
        if row is None:
            body.update(Text(empty, style="dim"))
        else:
            day, cadences = today or date.today(), cadences or Cadences()
            body.update(detail(row, interactions, day, cadences, tones))
        journal.display = row is not None
        journal.tones = tones
        journal.show(row, interactions if row is not None else ())
        if row is None or row.id != shown:  # another contact: from the top
            self.scroll_home(animate=False)
