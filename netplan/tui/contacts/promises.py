"""The Contacts tab's keys for promises and journal entries, mixed into the pane.

`l` logs an interaction with the selected contact (the log form); `K` marks its oldest open
promise kept, today; `J` focuses the detail pane's journal, where `e` edits and `d` deletes an
entry (see netplan.tui.contacts.journal). Each is a workspace edit: `u` undoes it.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widget import Widget

from netplan.domain.journal import LogRequest, interaction_for
from netplan.domain.promises import oldest_open_promise
from netplan.models import Journal
from netplan.text import for_screen
from netplan.tui.common.messages import ApplyEdit
from netplan.tui.common.promise_keeping import keeping
from netplan.tui.contacts.journal import JournalList, entry_summary
from netplan.workspace.edits import changed_fields
from netplan.workspace.people_edits import (
    delete_interaction,
    log_interaction,
    patch_interaction,
)


class PromiseKeys(Widget):
    """Mixed into ContactsPane before its container base; uses the pane's `_current`,
    `people`, `netplan` and `detail`."""

    BINDINGS = [
        Binding(
            "K",
            "keep_promise",
            "Kept",
            id="contacts-kept",
            tooltip="Mark the contact's oldest open promise kept, today",
        ),
        Binding(
            "J",
            "focus_journal",
            "Journal",
            show=False,
            id="contacts-journal",
            tooltip="Pick a journal entry to edit (e) or delete (d); tab works too",
        ),
    ]

    def action_keep_promise(self) -> None:
        self.netplan.check_day()  # type: ignore[attr-defined]
        row = self._current()  # type: ignore[attr-defined]
        people = self.people  # type: ignore[attr-defined]
        if row is None or people is None:
            return
        promise = oldest_open_promise(people.interactions(row.id))
        name = for_screen(row.contact.name)
        if promise is None:
            self.app.notify(f"{name} has no open promise.", markup=False)
            return
        today = self.netplan.today  # type: ignore[attr-defined]
        kept = keeping(promise, name, today, "oldest open promise")
        if isinstance(kept, str):
            self.app.notify(kept, markup=False)
        else:
            self.post_message(kept)

    def action_log(self) -> None:
        from netplan.tui.contacts.log_form import LogForm  # the form loads when first opened

        self.netplan.check_day()  # type: ignore[attr-defined]  # after midnight: the new day
        row = self._current()  # type: ignore[attr-defined]
        people = self.people  # type: ignore[attr-defined]
        if row is None or people is None:
            return

        def logged(request: LogRequest | None) -> None:
            if request is None:
                return
            kind, name = request.kind.value, for_screen(row.contact.name)
            self.post_message(
                ApplyEdit(
                    log_interaction(request, f"Log {kind} with {name}"),
                    f"Logged {kind} with {name}.",
                )
            )

        self.app.push_screen(
            LogForm(
                row,
                people.interactions(row.id),
                self.netplan.today,  # type: ignore[attr-defined]
                people.cadences,
                now=self.netplan.check_day,  # type: ignore[attr-defined]
            ),
            logged,
        )

    def action_focus_journal(self) -> None:
        if self._current() is not None:  # type: ignore[attr-defined]
            self.query_one(JournalList).focus()

    def on_journal_list_edit_entry(self, message: JournalList.EditEntry) -> None:
        from netplan.tui.contacts.log_form import LogForm  # the form loads when first opened

        message.stop()
        people = self.people  # type: ignore[attr-defined]
        if people is None:
            return
        row, before = message.row, message.entry
        name = for_screen(row.contact.name)

        def saved(request: LogRequest | None) -> None:
            if request is None:
                return
            after = interaction_for(request, Journal.model_construct(interactions=[]))
            changes = changed_fields(before, after.model_copy(update={"id": before.id}))
            if not changes:
                return
            label = f"Edit the {entry_summary(before)} with {name}"
            self.post_message(ApplyEdit(patch_interaction(before, changes, label), "Saved."))

        self.app.push_screen(
            LogForm(
                row,
                people.interactions(row.id),
                self.netplan.today,  # type: ignore[attr-defined]
                people.cadences,
                entry=before,
            ),
            saved,
        )

    def on_journal_list_delete_entry(self, message: JournalList.DeleteEntry) -> None:
        from netplan.tui.contacts.dialogs import ConfirmDeleteEntry

        message.stop()
        row, entry = message.row, message.entry
        name = for_screen(row.contact.name)
        what = entry_summary(entry)

        def answered(yes: bool | None) -> None:
            if yes:
                edit = delete_interaction(entry, f"Delete the {what} with {name}")
                notice = f"Deleted the {what} with {name}. u undoes it."
                self.post_message(ApplyEdit(edit, notice))

        self.app.push_screen(ConfirmDeleteEntry(row.contact.name, what, entry.promise), answered)
