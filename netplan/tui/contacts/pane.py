"""The Contacts tab: a live-filtered table of contacts, the selected one's details, and the keys
that add, edit, delete, log and review.

Rows come from a RowModel that follows app.data: it is brought up to date when the contacts or
the journal objects change (not on plan changes), which also keeps the tab's title counts right
while the tab is hidden. Sorting, filtering and drawing the table wait until the tab is shown.
"""

from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Static, TabbedContent, TabPane

from netplan.domain.people_index import ContactRow, Filter, RowModel, Sort, sort_rows
from netplan.models import Contact, Interaction
from netplan.runtime.gc_pause import gc_paused
from netplan.runtime.input_quiet import pause_for
from netplan.tui.common.messages import ApplyEdit
from netplan.tui.contacts.detail import ContactDetail
from netplan.tui.contacts.table import GIVE_FIRST_MARK, ContactTable
from netplan.workspace.people_edits import (
    delete_contact,
    log_interaction,
    next_interaction_id,
    put_contact,
    review_queue,
)
from netplan.workspace.plan_edits import Data

TAB_TITLE = "Contacts"
# Above this many contacts the first derivation of the rows (~0.3 s at 30,000) runs in a thread,
# so keys pressed on another tab right after the load do not wait for it.
SYNC_LIMIT = 2000


class FilterInput(Input):
    """Typing narrows the table; enter or down goes back to it, escape clears the filter."""

    BINDINGS = [
        Binding("escape", "clear", "Clear filter", show=False),
        Binding("down", "done", "To the table", show=False),
    ]

    def action_clear(self) -> None:
        self.value = ""
        self.action_done()

    def action_done(self) -> None:
        self.screen.query_one(ContactTable).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_done()


class ContactsPane(Vertical):
    BINDINGS = [
        Binding(
            "slash",
            "filter",
            "Filter",
            id="contacts-filter",
            tooltip="Filter as you type: name, company, role, tags, notes, topics",
        ),
        Binding(
            "s",
            "sort",
            "Sort",
            id="contacts-sort",
            tooltip="Sort by follow-up, name or last contact",
        ),
        Binding("a", "add", "Add", id="contacts-add", tooltip="Add a contact"),
        Binding("e,enter", "edit", "Edit", id="contacts-edit", tooltip="Edit the contact"),
        Binding(
            "d",
            "delete",
            "Delete",
            id="contacts-delete",
            tooltip="Delete the contact and its journal (asks first)",
        ),
        Binding(
            "l", "log", "Log", id="contacts-log", tooltip="Log an interaction with the contact"
        ),
        Binding(
            "R",
            "review",
            "Review",
            id="contacts-review",
            tooltip="Monthly review: contacts not reviewed for 30 days",
        ),
        Binding(
            "escape",
            "clear_filter",
            "Clear filter",
            show=False,
            id="contacts-clear-filter",
            tooltip="Clear the filter",
        ),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.model = RowModel()
        self.sort = Sort.due
        self._filter: Filter | None = None
        self._stale = True  # rows changed since the table was last filled
        self._keep: str | None = None  # contact the cursor goes to on the next fill
        self._label = ""
        self._building = False  # the first rows are being derived in a thread
        self._threaded = True  # may derive in a thread (off after a failure there)

    def compose(self) -> ComposeResult:
        with Horizontal(classes="pane-body"):
            with Vertical(classes="contacts-main"):
                yield FilterInput(
                    placeholder="/ filter: name, company, role, tags, notes, topics",
                    id="contact-filter",
                    compact=True,
                )
                yield ContactTable(id="contact-table")
                yield Static("", id="contacts-status", markup=False)
            yield ContactDetail(classes="contact-detail")

    def on_mount(self) -> None:
        self.table.today = self.app.today
        self.watch(self.app, "data", self._data_changed, init=True)

    @property
    def table(self) -> ContactTable:
        return self.query_one(ContactTable)

    @property
    def detail(self) -> ContactDetail:
        return self.query_one(ContactDetail)

    @property
    def filter_input(self) -> FilterInput:
        return self.query_one(FilterInput)

    @property
    def loaded(self) -> bool:
        return self.model.book is not None and self.app.data.contacts is not None

    # following the data

    def _data_changed(self, data: Data | None) -> None:
        if data is None or self._building:
            return  # a build in a thread catches up with app.data when it is done
        if data.contacts is None or data.journal is None:
            self.model = RowModel()
            self._filter = None
            self._stale = True
            self.table.show(None, message=getattr(self.app, "contacts_status", "Loading…"))
            self.detail.show(None)
            self._set_tab_label(TAB_TITLE)
            self._status("")
            return
        if self._threaded and self.model.book is None and len(data.contacts.contacts) > SYNC_LIMIT:
            self._building = True
            self.run_worker(
                partial(self._build, data),
                name="contact-rows",
                group="contact-rows",
                # Without a description Textual makes one from repr(work): all 30,000 contacts.
                description="derive the contact rows",
                thread=True,
                exit_on_error=False,
            )
            return
        with gc_paused():
            changed = self.model.update(
                data.contacts, data.journal, data.plan.settings, self.app.today
            )
        if changed:
            self._rows_changed()

    def _build(self, data: Data) -> None:
        """In a thread: derive every row once, then hand the model to the app's thread."""
        model: RowModel | None = RowModel()
        try:
            pause = pause_for(self.app)
            with gc_paused():
                model.update(data.contacts, data.journal, data.plan.settings, self.app.today, pause)
        except Exception:  # a bug: derive on the app's thread instead, where it is reported
            model = None
        self.app.call_from_thread(self._built, model)

    def _built(self, model: RowModel | None) -> None:
        self._building = False
        data = self.app.data
        if model is None or data is None or data.contacts is None or data.journal is None:
            self._threaded = self._threaded and model is not None
            self._data_changed(data)
            return
        self.model = model
        with gc_paused():  # whatever changed while the thread ran
            model.update(data.contacts, data.journal, data.plan.settings, self.app.today)
        self._rows_changed()

    def _rows_changed(self) -> None:
        overdue = f" · {self.model.overdue:,} overdue" if self.model.overdue else ""
        self._set_tab_label(f"{TAB_TITLE} {len(self.model):,}{overdue}")
        self._stale = True
        if self._shown():
            self.fill()

    def _shown(self) -> bool:
        return all(node.display for node in self.ancestors_with_self if isinstance(node, Widget))

    def _set_tab_label(self, label: str) -> None:
        if label == self._label:
            return
        tabbed = next((a for a in self.ancestors if isinstance(a, TabbedContent)), None)
        pane = next((a for a in self.ancestors if isinstance(a, TabPane)), None)
        if tabbed is not None and pane is not None:
            tabbed.get_tab(pane).label = label
            self._label = label

    def on_show(self) -> None:
        if self._stale:
            self.fill()

    def fill(self) -> None:
        """Sort the rows, apply the filter and show them, the cursor staying on its contact."""
        if self.model.book is None:
            return
        current = self.table.current
        keep = self._keep or (current.id if current is not None else None)
        self._keep = None
        with gc_paused():
            self._filter = Filter(sort_rows(self.model.rows, self.sort))
            rows = self._filter(self.filter_input.value)
        self._stale = False
        self.table.sort = self.sort
        self.table.show(rows, keep=keep, message=self._empty_message())
        self._status()

    def _empty_message(self) -> str:
        if not len(self.model):
            return "No contacts yet: press a to add one"
        return "No contact matches the filter: escape clears it"

    def _status(self, text: str | None = None) -> None:
        if text is None:
            shown = len(self.table.rows or ())
            total = len(self.model)
            count = f"{shown:,} of {total:,}" if self.filter_input.value.strip() else f"{total:,}"
            text = f"{count} contacts · by {self.sort.label} · {GIVE_FIRST_MARK} give first"
        self.query_one("#contacts-status", Static).update(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is not self.filter_input or self._filter is None:
            return
        event.stop()
        with gc_paused():
            rows = self._filter(event.value)
        self.table.show(rows, message=self._empty_message())
        self._status()

    def on_contact_table_highlighted(self, event: ContactTable.Highlighted) -> None:
        event.stop()
        row = event.row
        if row is None:
            self.detail.show(None, empty="" if self.model.book is None else "No contact here.")
            return
        self.detail.show(row, self.model.interactions(row.id), self.app.today, self.model.cadences)

    def on_contact_table_header_clicked(self, event: ContactTable.HeaderClicked) -> None:
        event.stop()
        self.sort = event.sort
        self.fill()

    def focus_main(self) -> None:
        """Focus the widget the keys of this tab act on."""
        if self._stale:
            self.fill()
        self.table.focus()

    # actions

    def _current(self) -> ContactRow | None:
        if not self.loaded:
            self.app.notify("Contacts are still loading…", severity="warning")
            return None
        row = self.table.current
        if row is None:
            self.app.notify("No contact selected: press a to add one", severity="warning")
        return row

    def _taken(self) -> set[str]:
        return {c.id for c in self.app.data.contacts.contacts}

    def action_filter(self) -> None:
        self.filter_input.focus()

    def action_clear_filter(self) -> None:
        if self.filter_input.value:
            self.filter_input.value = ""
        self.table.focus()

    def action_sort(self) -> None:
        self.sort = self.sort.next()
        self.fill()
        self.app.notify(f"Sorted by {self.sort.label}")

    def action_add(self) -> None:
        from netplan.tui.contacts.form import ContactForm  # the form loads when first opened

        if not self.loaded:
            self.app.notify("Contacts are still loading…", severity="warning")
            return

        def saved(contact: Contact | None) -> None:
            if contact is not None and self.app.data.contacts is not None:
                self._keep = contact.id
                edit = put_contact(self.app.data.contacts, contact)
                self.post_message(ApplyEdit(edit, f"Added {contact.name}. u undoes it."))

        self.app.push_screen(ContactForm(None, self._taken(), self.app.today), saved)

    def action_edit(self) -> None:
        from netplan.tui.contacts.form import ContactForm  # the form loads when first opened

        row = self._current()
        if row is None:
            return

        def saved(contact: Contact | None) -> None:
            if contact is not None and self.app.data.contacts is not None:
                edit = put_contact(self.app.data.contacts, contact)
                self.post_message(ApplyEdit(edit, f"Saved {contact.name}."))

        self.app.push_screen(ContactForm(row.contact, self._taken(), self.app.today), saved)

    def action_delete(self) -> None:
        from netplan.tui.contacts.dialogs import ConfirmDelete  # the form loads when first opened

        row = self.table.current if self.loaded else None
        if row is None:
            self._current()
            return
        entries = len(self.model.interactions(row.id))
        rows = self.table.rows or []
        index = self.table.cursor
        neighbour = rows[index + 1] if index + 1 < len(rows) else rows[index - 1] if index else None

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            self._keep = neighbour.id if neighbour is not None else None
            gone = f" and {entries} journal entries" if entries else ""
            self.post_message(
                ApplyEdit(
                    delete_contact(row.contact),
                    f"Deleted {row.contact.name}{gone}. u undoes it.",
                )
            )

        self.app.push_screen(ConfirmDelete(row.contact.name, entries), answered)

    def action_log(self) -> None:
        from netplan.tui.contacts.log_form import LogForm  # the form loads when first opened

        row = self._current()
        if row is None:
            return

        def new_id(day) -> str:
            return next_interaction_id(self.app.data.journal, day)

        def logged(interaction: Interaction | None) -> None:
            if interaction is None:
                return
            self.post_message(
                ApplyEdit(
                    log_interaction(
                        interaction, f"Log {interaction.kind.value} with {row.contact.name}"
                    ),
                    f"Logged {interaction.kind.value} with {row.contact.name}.",
                )
            )

        self.app.push_screen(
            LogForm(
                row,
                self.model.interactions(row.id),
                new_id,
                self.app.today,
                self.model.cadences,
            ),
            logged,
        )

    def action_review(self) -> None:
        from netplan.tui.contacts.review import ReviewScreen  # the form loads when first opened

        if not self.loaded:
            self.app.notify("Contacts are still loading…", severity="warning")
            return
        queue = [c.id for c in review_queue(self.app.data.contacts, self.app.today)]
        if not queue:
            self.app.notify("Every contact was reviewed in the last 30 days.")
            return

        def source(contact_id: str):
            row = self.model.by_id.get(contact_id)
            if row is None:
                return None
            return row, self.model.interactions(contact_id)

        self.app.push_screen(
            ReviewScreen(queue, source, self.app.today, self.model.cadences),
            lambda _result: self.table.focus(),
        )
