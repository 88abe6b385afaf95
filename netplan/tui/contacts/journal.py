"""The detail pane's journal: the contact's entries newest first, with a cursor to pick one.

`tab` (or `J` from the table) focuses it; `j`/`k` or the arrows move; `e` or enter edits the
entry in the log form, prefilled; `d` deletes it after asking; escape goes back to the
table. Both are edits of the workspace, so `u` undoes them. The cursor shows only while the
list has focus, and stays on its entry when the journal changes.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.widget import Widget

from netplan.domain.contact_list import newest_first
from netplan.domain.people_index import ContactRow
from netplan.domain.promises import promise_due
from netplan.models import Interaction
from netplan.tui.common.text import plain

JOURNAL_SHOWN = 40  # newest entries listed; the rest are counted
MARK = "▌ "


def entry_text(interaction: Interaction) -> Text:
    """One entry: day, kind and exchange; where; the note; the follow-up and the promise."""
    exchange = interaction.exchange.value
    style = {"gave": "green", "asked": "yellow"}.get(exchange, "dim")
    lines = [
        Text.assemble(
            Text(interaction.on.isoformat(), style="bold"),
            Text(f" {interaction.kind.value} · "),
            Text(exchange, style=style),
        )
    ]
    if interaction.minutes:
        lines[0].append(f" · {interaction.minutes} min", style="dim")
    if interaction.venue:
        lines.append(Text.assemble(Text("  at ", style="dim"), plain(interaction.venue)))
    if interaction.note:
        lines.append(Text.assemble(Text("  "), plain(interaction.note)))
    if interaction.follow_up is not None and not interaction.promise:
        lines.append(Text(f"  → follow up {interaction.follow_up.isoformat()}", style="dim"))
    due = promise_due(interaction)
    if due is not None:
        promise = Text.assemble(Text("  → promised: ", style="dim"), plain(interaction.promise))
        if interaction.kept is not None:
            late = (interaction.kept - due).days
            when = "in time" if late <= 0 else f"{late}d late"
            promise.append(f" · kept {interaction.kept.isoformat()} ({when})", style="green")
        else:
            promise.append(f" · by {due.isoformat()}", style="yellow")
        lines.append(promise)
    return Text("\n").join(lines)


class JournalList(Widget, can_focus=True):
    """The entries of one contact; the pane's `e`/`d` act on the contact, these on an entry."""

    BINDINGS = [
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("home", "move(-9999)", "First", show=False),
        Binding("end", "move(9999)", "Last", show=False),
        Binding("e,enter", "edit_entry", "Edit entry", tooltip="Edit the journal entry"),
        Binding(
            "d",
            "delete_entry",
            "Delete entry",
            tooltip="Delete the journal entry (asks first)",
        ),
        Binding("escape", "leave", "To the table", show=False),
    ]
    COMPONENT_CLASSES = {"journal-list--cursor"}
    DEFAULT_CSS = """
    JournalList {
        height: auto;
        & > .journal-list--cursor { background: $boost; }
        &:focus > .journal-list--cursor { background: $block-cursor-background 30%; }
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.row: ContactRow | None = None
        self.entries: list[Interaction] = []
        self.total = 0
        self.cursor = 0

    class Picked(Message):
        """`e` or `d` on an entry: the pane opens the form or asks, then applies the edit."""

        def __init__(self, row: ContactRow, entry: Interaction) -> None:
            super().__init__()
            self.row = row
            self.entry = entry

    class EditEntry(Picked):
        pass

    class DeleteEntry(Picked):
        pass

    @property
    def current(self) -> Interaction | None:
        return self.entries[self.cursor] if self.entries else None

    def show(self, row: ContactRow | None, interactions: Sequence[Interaction]) -> None:
        """The contact's journal; the cursor stays on its entry, else on the newest."""
        keep = self.current.id if self.current is not None and self.row is not None else None
        same_contact = row is not None and self.row is not None and row.id == self.row.id
        self.row = row
        ordered = newest_first(interactions)
        self.total = len(ordered)
        self.entries = ordered[:JOURNAL_SHOWN]
        ids = [i.id for i in self.entries]
        if same_contact and keep in ids:
            self.cursor = ids.index(keep)
        elif same_contact:
            self.cursor = min(self.cursor, max(len(ids) - 1, 0))  # the entry was deleted
        else:
            self.cursor = 0
        self.refresh(layout=True)

    def render(self) -> Group:
        parts: list[Text] = [Text(), Text(f"Journal · {self.total}", style="bold underline")]
        if not self.entries:
            parts.append(Text("Nothing logged yet: press l to log an interaction", style="dim"))
            return Group(*parts)
        cursor_style = self.get_component_rich_style("journal-list--cursor")
        focused = self.has_focus
        for number, interaction in enumerate(self.entries):
            text = entry_text(interaction)
            if number == self.cursor and focused:
                text = Text(MARK, style="bold") + text
                text.stylize(cursor_style)
            else:
                text = Text("  ") + text
            parts.append(text)
        if self.total > len(self.entries):
            parts.append(Text(f"… {self.total - len(self.entries)} older entries", style="dim"))
        elif not focused:
            parts.append(Text("tab: pick an entry to edit (e) or delete (d)", style="dim"))
        return Group(*parts)

    def _entry_lines(self) -> tuple[int, int]:
        """Where the cursor's entry starts (lines below the list's top) and its height."""
        width = max(self.content_size.width, 1)
        console = self.app.console
        top = 2  # the blank line and the heading
        for number, interaction in enumerate(self.entries):
            height = len((Text("  ") + entry_text(interaction)).wrap(console, width))
            if number == self.cursor:
                return top, height
            top += height
        return top, 1

    def _scroll_to_cursor(self) -> None:
        parent = self.parent
        if not isinstance(parent, Widget) or not self.entries:
            return
        top, height = self._entry_lines()
        region = self.virtual_region
        target = Region(region.x, region.y + top, region.width, height)
        parent.scroll_to_region(target, animate=False, immediate=True)

    def on_focus(self) -> None:
        self.refresh()
        self.call_after_refresh(self._scroll_to_cursor)

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, by: int) -> None:
        if not self.entries:
            return
        self.cursor = max(0, min(self.cursor + by, len(self.entries) - 1))
        self.refresh()
        self._scroll_to_cursor()

    def _picked(self, message: type[Picked]) -> None:
        entry = self.current
        if self.row is None or entry is None:
            self.app.notify("No journal entry here: press l to log one", severity="warning")
            return
        self.post_message(message(self.row, entry))

    def action_edit_entry(self) -> None:
        self._picked(self.EditEntry)

    def action_delete_entry(self) -> None:
        self._picked(self.DeleteEntry)

    def action_leave(self) -> None:
        from netplan.tui.contacts.table import ContactTable

        self.screen.query_one(ContactTable).focus()


def entry_summary(interaction: Interaction) -> str:
    """ "coffee on 2026-11-20" for confirmations and notices."""
    return f"{interaction.kind.value} on {interaction.on.isoformat()}"
