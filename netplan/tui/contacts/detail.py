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
from netplan.models import Interaction
from netplan.text import for_screen
from netplan.tui.common.text import plain
from netplan.tui.contacts.journal import JournalList
from netplan.tui.contacts.table import GIVE_FIRST_MARK

LABEL_WIDTH = 11
DUE_STYLES = {"overdue": "red", "soon": "yellow", "later": "", "none": "dim"}


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


def hooks(row: ContactRow, interactions: Sequence[Interaction], today: date) -> Fields:
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
                _value(plain(label), Text(f" · {_day(on)} ({in_words(on, today)})", style="cyan")),
            )
        )
    fields += promise_fields(interactions, today)
    return fields


def promise_fields(interactions: Sequence[Interaction], today: date) -> Fields:
    """The open promises, oldest first (K marks the first kept), with their due days."""
    fields: Fields = []
    for number, interaction in enumerate(open_promises(interactions)[:3]):
        due = promise_due(interaction)
        assert due is not None
        style = "red" if due < today else "yellow" if due == today else "dim"
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
) -> Group:
    contact = row.contact
    parts: list[RenderableType] = [plain(contact.name, style="bold")]
    position = " · ".join(p for p in (contact.role, contact.company) if p)
    if position:
        parts.append(plain(position))
    if contact.tags:
        parts.append(plain(" ".join(f"#{t}" for t in contact.tags), style="cyan"))
    parts.append(Text())

    fields: Fields = []
    if row.due is not None:
        state = due_state(row.due, today)
        when = f"{_day(row.due)} · {overdue_words(row.due, today)}"
        fields.append(("Follow-up", Text(when, DUE_STYLES[state])))
    else:
        fields.append(("Follow-up", Text("none (no date, no cadence)", style="dim")))
    fields += promise_fields(interactions, today)
    cadence = cadence_source(contact, cadences)
    fields.append(("Cadence", plain(cadence) if cadence else Text("none", "dim")))
    if row.last is None:
        fields.append(("Last", Text("never", style="dim")))
    else:
        fields.append(("Last", Text(f"{_day(row.last)} · {in_words(row.last, today)}")))
    balance = row.balance
    tally = _value(
        Text(f"gave {balance.gave}", style="green" if balance.gave else ""),
        f" · asked {balance.asked} · neutral {balance.neutral}",
    )
    if balance.give_first:
        tally.append(f"  {GIVE_FIRST_MARK} give first", style="yellow")
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
        parts += [Text(), _heading("Milestones")]
        for milestone in sorted(contact.milestones, key=lambda m: (m.date.month, m.date.day)):
            on = next_occurrence(milestone, today)
            line = Text.assemble(
                plain(milestone.label, style="bold"),
                Text(f" {_day(milestone.date)}"),
                Text(" yearly" if milestone.yearly else " once", style="dim"),
            )
            if on is not None:
                line.append(f" · next {_day(on)} ({in_words(on, today)})", style="cyan")
            else:
                line.append(" · passed", style="dim")
            parts.append(line)

    return Group(*parts)


class ContactDetail(VerticalScroll):
    """Scrolls when the journal is long; shows a hint when no contact is selected."""

    can_focus = False

    def compose(self):
        yield Static("", classes="contact-detail-body")
        yield JournalList(classes="contact-journal")

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
        body = self.query_one(".contact-detail-body", Static)
        journal = self.journal
        shown = journal.row.id if journal.row is not None else None
        if row is None:
            body.update(Text(empty, style="dim"))
        else:
            body.update(detail(row, interactions, today or date.today(), cadences or Cadences()))
        journal.display = row is not None
        journal.show(row, interactions if row is not None else ())
        if row is None or row.id != shown:  # another contact: from the top
            self.scroll_home(animate=False)
