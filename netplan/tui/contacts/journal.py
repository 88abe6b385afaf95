"""The detail pane's journal: the contact's entries newest first, with a cursor to pick one.

`tab` (or `J` from the table) focuses it; `j`/`k` or the arrows move; `e` or enter edits the
entry in the log form, prefilled; `d` deletes it after asking; escape goes back to the
table. Both are edits of the workspace, so `u` undoes them. The cursor shows only while the
list has focus, and stays on its entry when the journal changes.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
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
from netplan.tui.contacts.tones import Tones

NO_TONES = Tones()

JOURNAL_SHOWN = 40  # newest entries listed; the rest are counted
MARK = "▌ "


def entry_lines(interaction: Interaction, tones: Tones = NO_TONES) -> tuple[Text, list[Text]]:
    """One entry: day, kind and exchange; then where, the note, the follow-up and the
    promise, each a paragraph of its own."""
    exchange = interaction.exchange.value
    style = {"gave": tones.success, "asked": tones.warning}.get(exchange, "dim")
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
        lines.append(Text.assemble(Text("at ", style="dim"), plain(interaction.venue)))
    if interaction.note:
        lines.append(plain(interaction.note))
    if interaction.follow_up is not None and not interaction.promise:
        lines.append(Text(f"→ follow up {interaction.follow_up.isoformat()}", style="dim"))
    due = promise_due(interaction)
    if due is not None:
        promise = Text.assemble(Text("→ promised: ", style="dim"), plain(interaction.promise))
        if interaction.kept is not None:
            late = (interaction.kept - due).days
            when = "in time" if late <= 0 else f"{late}d late"
            promise.append(f" · kept {interaction.kept.isoformat()} ({when})", style=tones.success)
        else:
            promise.append(f" · by {due.isoformat()}", style=tones.warning)
        lines.append(promise)
    return lines[0], lines[1:]


class HangingText(Text):
    """Text whose wrapped lines go on under the first letter of their line (rich would start
    them at the margin), so an entry's note reads as one block under its day."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        for line in self.split("\n", allow_blank=True):
            text = line.plain
            indent = len(text) - len(text.lstrip(MARK))  # the mark counts as indent too
            if not 0 < indent < width // 2:
                indent = 0
            lead, rest = line.divide([indent]) if indent else (Text(), line)
            pad = Text(" " * indent, style=line.get_style_at_offset(console, max(indent - 1, 0)))
            for number, piece in enumerate(rest.wrap(console, width - indent, overflow="fold")):
                yield from ((lead if number == 0 else pad) + piece).render(console)
                yield Segment.line()


def entry_view(interaction: Interaction, tones: Tones = NO_TONES, mark: str = "  ") -> Text:
    """The entry as the list shows it: the mark, the day; the rest indented under it."""
    head, details = entry_lines(interaction, tones)
    lines = [Text.assemble(Text(mark, style="bold"), head)]
    lines += [Text.assemble(" " * (len(mark) + 2), detail) for detail in details]
    return HangingText.assemble(Text("\n").join(lines))


class JournalList(Widget, can_focus=True):
    """The entries of one contact; the pane's `e`/`d` act on the contact, these on an entry."""

    BINDINGS = [
        Binding("down,j", "move(1)", "Down", show=False, id="journal-down", tooltip="Older entry"),
        Binding("up,k", "move(-1)", "Up", show=False, id="journal-up", tooltip="Newer entry"),
        Binding(
            "home", "move(-9999)", "First", show=False, id="journal-first", tooltip="Newest entry"
        ),
        Binding("end", "move(9999)", "Last", show=False, id="journal-last", tooltip="Oldest entry"),
        Binding(
            "e,enter",
            "edit_entry",
            "Edit entry",
            id="journal-edit-entry",
            tooltip="Edit the journal entry",
        ),
        Binding(
            "d",
            "delete_entry",
            "Delete entry",
            id="journal-delete-entry",
            tooltip="Delete the journal entry (asks first)",
        ),
        Binding(
            "escape",
            "leave",
            "To the table",
            show=False,
            id="journal-leave",
            tooltip="Back to the contacts table",
        ),
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
        self.tones = NO_TONES  # the theme's colours, set by the detail pane
        self.spaced = True  # a blank line above the heading (not beside the details)

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
        parts: list[RenderableType] = [Text()] if self.spaced else []
        parts.append(Text(f"Journal · {self.total}", style="bold underline"))
        if not self.entries:
            parts.append(Text("Nothing logged yet: press l to log an interaction", style="dim"))
            return Group(*parts)
        cursor_style = self.get_component_rich_style("journal-list--cursor")
        focused = self.has_focus
        for number, interaction in enumerate(self.entries):
            if number == self.cursor and focused:
                text = entry_view(interaction, self.tones, MARK)
                text.stylize(cursor_style)
                parts.append(text)
            else:
                parts.append(entry_view(interaction, self.tones))
        if self.total > len(self.entries):
            parts.append(Text(f"… {self.total - len(self.entries)} older entries", style="dim"))
        elif not focused:
            parts.append(Text("tab: pick an entry to edit (e) or delete (d)", style="dim"))
        return Group(*parts)

    def _entry_lines(self) -> tuple[int, int]:
        """Where the cursor's entry starts (lines below the list's top) and its height."""
        console = self.app.console
        options = console.options.update_width(max(self.content_size.width, 1))
        top = 2 if self.spaced else 1  # the blank line and the heading
        for number, interaction in enumerate(self.entries):
            height = len(console.render_lines(entry_view(interaction), options, pad=False))
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
        parent = self.parent
        if self.cursor == 0 and isinstance(parent, Widget):  # the details above: in view again
            parent.scroll_home(animate=False, immediate=True)
        else:
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
