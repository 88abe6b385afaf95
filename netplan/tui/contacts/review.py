"""The monthly review: one contact at a time, one key per decision.

The queue holds the non-archived contacts not reviewed for 30 days nor this month. Each decision
is its own Edit (keep marks the contact reviewed today; edit, cadence and archive do too). The
decision that finishes the queue, or the tenth of the batch, is combined with one completion of
the review-contacts routine on today, so undoing it takes both back. A paused review goes on
where it stopped: the reviewed are not asked again, and the batch counts them (batch_done).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from netplan.domain.people_index import ContactRow
from netplan.domain.review import REVIEW_BATCH, REVIEW_ROUTINE, batch_done, review_queue
from netplan.models import Contact, Interaction
from netplan.text import for_screen
from netplan.tui.common.follow import netplan_app
from netplan.tui.common.messages import ApplyEdit
from netplan.tui.contacts.detail import detail
from netplan.tui.contacts.dialogs import CadenceForm
from netplan.tui.contacts.form import ContactForm
from netplan.tui.contacts.tones import Tones, tones_of
from netplan.workspace.edits import Edit, changed_fields, combine
from netplan.workspace.people_edits import (
    archive_contact,
    count_review,
    mark_reviewed,
    patch_contact,
    set_cadence,
)

Source = Callable[[str], tuple[ContactRow, Sequence[Interaction]] | None]


class ReviewScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("k", "keep", "Keep", id="review-keep", tooltip="Keep the contact as it is"),
        Binding("e", "edit", "Edit", id="review-edit", tooltip="Edit the contact, then go on"),
        Binding(
            "c", "cadence", "Cadence", id="review-cadence", tooltip="Set how often to check in"
        ),
        Binding("a", "archive", "Archive", id="review-archive", tooltip="Archive the contact"),
        Binding("s", "skip", "Skip", id="review-skip", tooltip="On to the next without a change"),
        Binding("escape", "stop", "Stop", id="review-stop", tooltip="Stop here; R goes on later"),
    ]

    def __init__(
        self, queue: Sequence[str], source: Source, today: date, cadences, done: int = 0
    ) -> None:
        """`queue`: contact ids to review in order; `source(id)`: the contact's current row
        and journal, or None once it is gone; `done`: reviewed earlier toward this batch."""
        super().__init__()
        self.queue = list(queue)
        self.source = source
        self.today = today
        self.cadences = cadences
        self.done = done % REVIEW_BATCH  # a batch counted without the routine: a fresh one
        self.position = 0
        self.handled = 0
        self.row: ContactRow | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog review-dialog"):
            yield Label("Monthly review", classes="dialog-title")
            yield Label("", id="review-progress", classes="hint")
            with VerticalScroll(classes="review-body"):
                yield Static("", id="review-contact")
            yield Label(
                Text.assemble(
                    ("k", "bold"),
                    " keep  ",
                    ("e", "bold"),
                    " edit  ",
                    ("c", "bold"),
                    " set cadence  ",
                    ("a", "bold"),
                    " archive  ",
                    ("s", "bold"),
                    " skip  ",
                    ("escape", "bold"),
                    " stop",
                ),
                id="review-keys",
            )

    def on_mount(self) -> None:
        self._show()

    @property
    def tones(self) -> Tones:
        return tones_of(netplan_app(self).theme_colors())

    # moving through the queue

    def _show(self) -> None:
        while self.position < len(self.queue):
            found = self.source(self.queue[self.position])
            if found is not None:
                self.row, interactions = found
                break
            self.position += 1  # deleted or archived meanwhile
        else:
            self._finish()
            return
        self.query_one("#review-progress", Label).update(self.progress)
        self.query_one("#review-contact", Static).update(
            detail(self.row, interactions, self.today, self.cadences, self.tones)
        )
        self.query_one(".review-body", VerticalScroll).scroll_home(animate=False)

    @property
    def progress(self) -> str:
        """ "6 left to review · 4 of 10 done": the queue left, and the batch so far."""
        left = len(self.queue) - self.position
        batch = min(REVIEW_BATCH, self.done + len(self.queue))
        return f"{left:,} left to review · {self.done + self.handled} of {batch} done"

    def _decided(self, edit: Edit | None) -> None:
        """One decision made (None: skipped); finish after the last or the batch's tenth."""
        self.position += 1
        if edit is not None:
            self.handled += 1
        if self.done + self.handled >= REVIEW_BATCH or self.position >= len(self.queue):
            self._finish(edit)
            return
        if edit is not None:
            self.app.post_message(ApplyEdit(edit))
        self._show()

    def _finish(self, last: Edit | None = None) -> None:
        notice = None
        if self.handled:
            plan = netplan_app(self).workspace.data.plan  # type: ignore[union-attr]
            routine = next((r for r in plan.routines if r.id == REVIEW_ROUTINE), None)
            counted = count_review(plan, self.today)
            parts = [e for e in (last, counted) if e is not None]
            reviewed = f"{self.handled} contact{'s' if self.handled != 1 else ''}"
            if counted is not None and routine is not None:
                notice = for_screen(
                    f"Review done: {reviewed}. Checked off “{routine.title}”. u undoes it."
                )
                last = combine(f"Review of {reviewed}", parts)
            else:
                notice = f"Review done: {reviewed}."
        elif last is None:
            notice = "Nothing reviewed."
        if last is not None:
            self.app.post_message(ApplyEdit(last, notice))
        elif notice:
            self.app.notify(notice, markup=False)
        self.dismiss(None)

    # the decisions

    @property
    def contact(self) -> Contact | None:
        return self.row.contact if self.row is not None else None

    def action_keep(self) -> None:
        if self.contact is not None:
            self._decided(mark_reviewed(self.contact, self.today))

    def action_skip(self) -> None:
        if self.contact is not None:
            self._decided(None)

    def action_archive(self) -> None:
        contact = self.contact
        if contact is not None:
            self.app.notify(for_screen(f"Archived {contact.name}."), markup=False)
            self._decided(archive_contact(contact, reviewed=self.today))

    def action_cadence(self) -> None:
        contact = self.contact
        if contact is None:
            return

        def chosen(days: int | bool | None) -> None:
            if days is not False:
                self._decided(set_cadence(contact, days, reviewed=self.today))

        self.app.push_screen(CadenceForm(contact.name, contact.cadence_days), chosen)

    def action_edit(self) -> None:
        contact = self.contact
        if contact is None:
            return

        def saved(result: Contact | None) -> None:
            if result is not None:
                changes = {**changed_fields(contact, result), "reviewed": self.today}
                self._decided(patch_contact(contact.id, changes, result.name))

        people = netplan_app(self).people
        taken = {c.id for c in people.book.contacts} if people and people.book else set()
        self.app.push_screen(ContactForm(contact, taken, self.today), saved)

    def action_stop(self) -> None:
        if self.handled:
            self.app.notify(
                f"Review paused after {self.handled}; R continues with the rest.", markup=False
            )
        self.dismiss(None)


def open_review(pane) -> None:
    """`R` in the Contacts pane: the review of who is due one, going on from a pause."""
    people = pane._loaded()
    if people is None or people.book is None:
        return
    today = pane.netplan.today
    queue = [c.id for c in review_queue(people.book, today)]
    if not queue:
        pane.app.notify("Every contact was reviewed this month or in the last 30 days.")
        return
    data = pane.netplan.data
    done = batch_done(people.book, data.plan.completions, today) if data is not None else 0

    def source(contact_id: str):
        index = pane.people
        row = index.by_id.get(contact_id) if index is not None else None
        if row is None or index is None:
            return None
        return row, index.interactions(contact_id)

    pane.app.push_screen(
        ReviewScreen(queue, source, today, people.cadences, done),
        lambda _result: pane.table.focus(),
    )
