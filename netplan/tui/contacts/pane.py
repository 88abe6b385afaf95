"""The Contacts tab: a live-filtered table of contacts, the selected one's details, and the keys
that add, edit, delete, log, review and merge (`A`, the archived ones: netplan.tui.contacts.
archived; showing a contact asked for elsewhere: netplan.tui.contacts.opening).

Rows come from the workspace's people index (derived once, for every view). The tab's title
counts follow it even while the tab is hidden; sorting, filtering and drawing the table wait
until the tab is shown, and happen again only when the index's rows changed.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static, TabbedContent, TabPane

from netplan.domain.circles import circle_label
from netplan.domain.contact_list import Filter, Sort, filter_circle, sort_rows
from netplan.domain.people_index import ContactRow, PeopleIndex
from netplan.models import Contact
from netplan.runtime.gc_pause import gc_paused
from netplan.text import for_screen
from netplan.tui.common.follow import FollowsData
from netplan.tui.common.messages import ApplyEdit
from netplan.tui.contacts.archived import ArchivedView
from netplan.tui.contacts.circles import CircleFilter, CircleNote
from netplan.tui.contacts.detail import ContactDetail
from netplan.tui.contacts.filter_input import FilterInput
from netplan.tui.contacts.opening import OpensContact
from netplan.tui.contacts.promises import PromiseKeys
from netplan.tui.contacts.table import GIVE_FIRST_MARK, ContactTable
from netplan.workspace.edits import changed_fields
from netplan.workspace.people_edits import (
    add_contact,
    delete_contact,
    patch_contact,
)

TAB_TITLE = "Contacts"


class ContactsPane(FollowsData, OpensContact, ArchivedView, PromiseKeys, CircleFilter, Vertical):
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
            "M",
            "merge",
            "Merge",
            id="contacts-merge",
            tooltip="Likely duplicates of the contact: merge one into it",
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
        self.sort = Sort.due
        self._filter: Filter | None = None
        self._shown_version: int | None = None  # the people index version the table shows
        self._keep: str | None = None  # contact the cursor goes to on the next fill
        self._applied: str | None = None  # the filter text the table shows
        self._label = ""

    def compose(self) -> ComposeResult:
        with Horizontal(classes="pane-body"):
            with Vertical(classes="contacts-main"):
                yield FilterInput(
                    placeholder="/ filter: name, company, role, tags, notes, topics",
                    id="contact-filter",
                    compact=True,
                )
                yield ContactTable(id="contact-table")
                yield CircleNote(id="circle-note")
                yield Static("", id="contacts-status", markup=False)
            yield ContactDetail(classes="contact-detail")

    def on_mount(self) -> None:
        self.table.today = self.netplan.today
        self.data_changed()
        self.follow_data()

    def day_changed(self, old: date, new: date) -> None:
        self.table.today = new  # "3d ago" and overdue colours; the index rebuilt its rows

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
    def people(self) -> PeopleIndex | None:
        return self.netplan.people

    # following the data

    def data_changed(self) -> None:
        """Even while hidden: the tab's title counts follow the people index."""
        people = self.people
        if people is None:
            self._set_tab_label(TAB_TITLE)
            return
        if self.archived_view:
            self._set_tab_label(f"Archived contacts · {len(people.archived):,}")
        else:
            overdue = f" · {people.overdue:,} overdue" if people.overdue else ""
            self._set_tab_label(f"{TAB_TITLE} {len(people):,}{overdue}")
        self.open_pending()

    def refresh_view(self) -> None:
        people = self.people
        if people is None:
            self._filter = None
            self._shown_version = None
            self.table.show(None, message=self.netplan.contacts_status)
            self.detail.show(None)
            self._status()
            return
        if people.version != self._shown_version:
            self.fill()

    def _set_tab_label(self, label: str) -> None:
        if label == self._label:
            return
        tabbed = next((a for a in self.ancestors if isinstance(a, TabbedContent)), None)
        pane = next((a for a in self.ancestors if isinstance(a, TabPane)), None)
        if tabbed is not None and pane is not None:
            tabbed.get_tab(pane).label = label
            self._label = label

    def fill(self) -> None:
        """Sort the rows, apply the filter and show them, the cursor staying on its contact."""
        people = self.people
        if people is None:
            return
        current = self.table.current
        keep = self._keep or (current.id if current is not None else None)
        self._keep = None
        with gc_paused():
            listed = people.archived_rows if self.archived_view else people.rows
            self._filter = Filter(filter_circle(sort_rows(listed, self.sort), self.circle))
            query = self.filter_input.value
            rows = self._filter(query)
        self._applied = query
        self._shown_version = people.version
        self.query_one(CircleNote).show_for(() if self.archived_view else people.by_id.values())
        self.table.sort = self.sort
        self.table.show(rows, keep=keep, message=self._empty_message())
        self._status()

    def _listed_total(self) -> int:
        people = self.people
        if people is None:
            return 0
        return len(people.archived) if self.archived_view else len(people)

    def _empty_message(self) -> str:
        if self.archived_view:
            if not self._listed_total():
                return "No archived contacts: A shows the others"
            return "No archived contact matches the filter: escape clears it"
        if not self._listed_total():
            return "No contacts yet: press a to add one"
        return "No contact matches the filter: escape clears it"

    def _status(self, note: str = "") -> None:
        """The count, the circle and the order; `note` first (what just happened)."""
        text = ""
        if self.people is not None:
            shown, total = len(self.table.rows or ()), self._listed_total()
            narrowed = self.filter_input.value.strip() or self.circle is not None
            count = f"{shown:,} of {total:,}" if narrowed else f"{total:,}"
            circle = f" · {circle_label(self.circle)}" if self.circle is not None else ""
            order = f"by {self.sort.label}"
            if self.archived_view:
                text = f"Archived contacts · {count}{circle} · r restores · {order}"
            else:
                text = f"{count} contacts{circle} · {order} · {GIVE_FIRST_MARK} give first"
            text = f"{note} · {text}" if note else text
        self.query_one("#contacts-status", Static).update(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is not self.filter_input or self._filter is None:
            return
        event.stop()
        # The field as it is now: a change set from code (show_contact clears the filter) has
        # been drawn already, with the cursor where it was wanted.
        query = self.filter_input.value
        if query == self._applied:
            return
        with gc_paused():
            rows = self._filter(query)
        self._applied = query
        self.table.show(rows, message=self._empty_message())
        self._status()

    def on_contact_table_highlighted(self, event: ContactTable.Highlighted) -> None:
        event.stop()
        row = event.row
        people = self.people
        if row is None or people is None:
            self.detail.show(None, empty="" if people is None else "No contact here.")
            return
        self.detail.show(row, people.interactions(row.id), self.netplan.today, people.cadences)

    def on_contact_table_header_clicked(self, event: ContactTable.HeaderClicked) -> None:
        event.stop()
        self.sort = event.sort
        self.fill()

    def focus_main(self) -> None:
        """Focus the widget the keys of this tab act on."""
        self.catch_up()
        self.table.focus()

    # actions

    def _loaded(self) -> PeopleIndex | None:
        people = self.people
        if people is None:
            self.app.notify("Contacts are still loading…", severity="warning")
        return people

    def _current(self) -> ContactRow | None:
        if self._loaded() is None:
            return None
        row = self.table.current
        if row is None:
            self.app.notify("No contact selected: press a to add one", severity="warning")
        return row

    def _neighbour(self) -> ContactRow | None:
        """The row the cursor goes to when the current one leaves the list."""
        rows, index = self.table.rows or [], self.table.cursor
        return rows[index + 1] if index + 1 < len(rows) else rows[index - 1] if index else None

    def _taken(self) -> set[str]:
        people = self.people
        return {c.id for c in people.book.contacts} if people and people.book else set()

    def action_filter(self) -> None:
        self.filter_input.focus()

    def action_clear_filter(self) -> None:
        if self.filter_input.value:
            self.filter_input.value = ""
        if self.circle is not None:  # escape clears the circle filter too
            self.circle = None
            self.fill()
        self.table.focus()

    def action_sort(self) -> None:
        self.sort = self.sort.next()
        self.fill()
        self.app.notify(f"Sorted by {self.sort.label}")

    def action_add(self) -> None:
        from netplan.tui.contacts.form import ContactForm  # the form loads when first opened

        if self._loaded() is None:
            return

        def saved(contact: Contact | None) -> None:
            if contact is not None:
                self._keep = contact.id
                edit = add_contact(contact)
                self.post_message(
                    ApplyEdit(edit, for_screen(f"Added {contact.name}. u undoes it."))
                )

        self.app.push_screen(ContactForm(None, self._taken(), self.netplan.today), saved)

    def action_edit(self) -> None:
        from netplan.tui.contacts.form import ContactForm  # the form loads when first opened

        row = self._current()
        if row is None:
            return
        before = row.contact  # what the form shows: only what the user changes is applied

        def saved(contact: Contact | None) -> None:
            if contact is not None and (changes := changed_fields(before, contact)):
                edit = patch_contact(before.id, changes, contact.name)
                self.post_message(ApplyEdit(edit, for_screen(f"Saved {contact.name}.")))

        self.app.push_screen(ContactForm(before, self._taken(), self.netplan.today), saved)

    def action_delete(self) -> None:
        from netplan.tui.contacts.dialogs import ConfirmDelete  # the form loads when first opened

        people = self.people
        row = self.table.current if people is not None else None
        if row is None or people is None:
            self._current()
            return
        entries = len(people.interactions(row.id))
        neighbour = self._neighbour()

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            self._keep = neighbour.id if neighbour is not None else None
            gone = f" and {entries} journal entries" if entries else ""
            self.post_message(
                ApplyEdit(
                    delete_contact(row.contact),
                    for_screen(f"Deleted {row.contact.name}{gone}. u undoes it."),
                )
            )

        self.app.push_screen(ConfirmDelete(row.contact.name, entries), answered)

    def action_merge(self) -> None:
        from netplan.tui.contacts.duplicates import offer_merge  # loads when first used

        row = self._current()
        if row is not None and self.people is not None:
            offer_merge(self, row.contact, self.people)

    def action_review(self) -> None:
        from netplan.tui.contacts.review import open_review  # the form loads when first opened

        open_review(self)
