"""`M` in the Contacts tab: the selected contact's likely duplicates; enter merges one into it.

The selected contact is the one kept. The merge is the same Edit `netplan merge` applies, so
`u` undoes it (the other contact and its journal entries come back).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from netplan.domain.duplicates import Duplicate, duplicates_of
from netplan.domain.people_index import PeopleIndex
from netplan.models import Contact
from netplan.runtime.gc_pause import gc_paused
from netplan.text import for_screen
from netplan.tui.common.messages import ApplyEdit
from netplan.tui.common.text import plain
from netplan.workspace.people_edits import merge_contacts


def _prompt(found: Duplicate, entries: int) -> Group:
    other = found.other
    first = Text.assemble(plain(other.name, "bold"))
    if other.company:
        first.append_text(Text.assemble(" · ", plain(other.company)))
    details = [plain(other.email or "no email", "dim"), Text(found.reason, style="italic")]
    if entries:
        details.append(Text(f"{entries} journal entr{'y' if entries == 1 else 'ies'}", "dim"))
    return Group(first, Text("  ").join(details))


class DuplicatesScreen(ModalScreen[str | None]):
    """Dismisses with the chosen contact's id, or None (escape)."""

    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, keep: Contact, found: Sequence[Duplicate], entries: dict[str, int]):
        super().__init__()
        self.keep = keep
        self.found = list(found)
        self.entries = entries

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog duplicates-dialog"):
            yield Label(
                Text.assemble("Likely duplicates of ", plain(self.keep.name, "bold")),
                classes="dialog-title",
            )
            yield OptionList(
                *(
                    Option(_prompt(d, self.entries.get(d.other.id, 0)), id=d.other.id)
                    for d in self.found
                ),
                id="duplicates",
                markup=False,
            )
            yield Static(
                Text.assemble(
                    ("enter", "bold"),
                    " merges the highlighted one into ",
                    plain(self.keep.name),
                    " (its fields stay; empty ones are filled, the journal moves over; "
                    "u undoes it)  ",
                    ("escape", "bold"),
                    " closes",
                ),
                classes="hint",
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)


def offer_merge(pane: Widget, keep: Contact, people: PeopleIndex) -> None:
    """Show `keep`'s likely duplicates (or say there are none); the one chosen is merged
    into `keep` through an ApplyEdit the pane posts."""
    if people.book is None:
        return
    with gc_paused():  # one pass over every contact's keys: many small objects, no cycles
        found = duplicates_of(keep, people.book.contacts)
    if not found:
        pane.app.notify(for_screen(f"No likely duplicates of {keep.name}"), markup=False)
        return
    entries = {d.other.id: len(people.interactions(d.other.id)) for d in found}

    def chosen(other_id: str | None) -> None:
        other = next((d.other for d in found if d.other.id == other_id), None)
        if other is None:
            return
        moved = entries.get(other.id, 0)
        journal = f", {moved} journal entr{'y' if moved == 1 else 'ies'} moved" if moved else ""
        edit = merge_contacts(keep.id, other.id, f"Merge {other.name} into {keep.name}")
        notice = f"Merged {other.name} into {keep.name}{journal}. u undoes it."
        pane.post_message(ApplyEdit(edit, for_screen(notice)))

    pane.app.push_screen(DuplicatesScreen(keep, found, entries), chosen)
