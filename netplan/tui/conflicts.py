"""Sync conflicts: the app offers `netplan resolve`'s merge when it sees a conflict copy.

The workspace points out conflict copies: each look at the disk lists them, and a save may set
another version aside as one. The app notes the copies each job's result lists; once one it
had not seen is among them and the workspace is settled (people loaded, nothing unsaved, no
job running) with no dialog open, it prepares the merge in a worker and shows its report
("Sync conflict"): once per set of copies, not at every poll. The palette's "Merge sync
conflicts" opens it again. Merge applies it in a worker, then asks the workspace to look at
the disk, which re-reads the merged files and adopts them.

The merge is netplan.workspace.resolving's (the same as `netplan resolve`); nothing here
merges. prepare and apply get a Store of their own on the folder: the workspace's store keeps
the fingerprints of the versions the app holds, so its next look finds the merged files
changed and reads them (and a save racing the merge is refused as any other conflict, then
replayed on top), and no Store object is shared by two worker threads.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Static

from netplan.store import Store, StoreError
from netplan.text import for_screen
from netplan.tui.common.text import plain
from netplan.workspace import PeopleState, SyncState

if TYPE_CHECKING:
    from netplan.tui.app import NetplanApp
    from netplan.workspace.resolving import Resolution

COMMAND = "Merge sync conflicts"
COMMAND_HELP = (
    "Merge the conflicting copies a sync tool left beside netplan's files into them, "
    "record by record"
)
BACKUPS = ".backups/"


def _copies(n: int) -> str:
    return f"{n} conflicting {'copy' if n == 1 else 'copies'}"


def _summary(resolution: Resolution) -> Text:
    movable = resolution.movable
    left = len(resolution.copies) - len(movable)
    text = Text(f"A sync tool left {_copies(len(resolution.copies))} beside netplan's files. ")
    if movable:
        one = len(movable) == 1
        text.append(
            f"Merge brings what {'it holds' if one else 'they hold'} into the files, record by "
            "record (a field changed on both sides keeps netplan's value), and moves "
            f"{'it' if one else 'them'} into {BACKUPS} afterwards."
        )
        if left:
            stays = "stays where it is" if left == 1 else "stay where they are"
            text.append(f" {left} cannot be merged (the report says why) and {stays}.")
    else:
        text.append("Nothing can be merged: the report says why.")
    return text


class SyncConflictScreen(ModalScreen[bool]):
    """The prepared merge's report; dismisses True for Merge, False for Not now."""

    BINDINGS = [
        Binding(
            "enter",
            "merge",
            "Merge",
            id="merge",
            tooltip=f"Merge the copies into netplan's files; they move into {BACKUPS}",
        ),
        Binding(
            "escape",
            "close",
            "Not now",
            id="not-now",
            tooltip=f"Close; the copies stay (ctrl+p, {COMMAND} opens this again)",
        ),
    ]

    def __init__(self, resolution: Resolution) -> None:
        super().__init__()
        self.resolution = resolution

    def compose(self) -> ComposeResult:
        # What Merge would do: nothing is written until it is chosen.
        report = self.resolution.render(dry_run=True, offer=True)
        with Vertical(classes="dialog conflict-dialog"):
            yield Label("Sync conflict", classes="dialog-title")
            yield Static(_summary(self.resolution), classes="hint", id="conflict-summary")
            with VerticalScroll(classes="conflict-report", id="conflict-report"):
                yield Static(plain(report, multiline=True), id="conflict-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#conflict-report", VerticalScroll).focus()  # arrows scroll the report

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Nothing that Merge would change: no Merge in the footer.
        return action != "merge" or self.resolution.changed

    def action_merge(self) -> None:
        self.dismiss(True)

    def action_close(self) -> None:
        self.dismiss(False)


class OffersMerge:
    """The app's part: a mixin of NetplanApp."""

    _copies_seen: frozenset[str] = frozenset()  # the conflict copies listed last
    _merge_due = False  # a copy not seen before was listed: offer once the time is right
    _merge_busy = False  # a merge is being prepared, waits to be applied or is applied
    _merge_wanted: tuple[Store, Resolution] | None = None  # Merge chosen during a poll

    def note_copies(self: NetplanApp, result: object) -> None:  # type: ignore[misc]
        """A job's result came back (on the app's thread): note the conflict copies it
        lists, and whether one is new."""
        from netplan.workspace.jobs import Checked, Saved

        if isinstance(result, Checked):
            listed = frozenset(result.copies)
            new = listed - self._copies_seen
            self._copies_seen = listed
        elif isinstance(result, Saved) and result.set_aside:
            new = frozenset(result.set_aside) - self._copies_seen
            self._copies_seen |= new
        else:
            return
        if new:
            self._merge_due = True

    def offer_merge(self: NetplanApp) -> None:  # type: ignore[misc]
        """After each job: a merge chosen while the workspace looked at the disk goes on now;
        a new copy seen is offered once the time is right: people loaded, nothing unsaved,
        no job running, no dialog open (never over a form)."""
        if self._merge_wanted is not None:
            self._merge_when_settled()
            return
        workspace = self.workspace
        if not self._merge_due or self._merge_busy or workspace is None:
            return
        if workspace.quitting or not workspace.settled:
            return
        if workspace.people_state == PeopleState.loading or len(self.screen_stack) > 1:
            return
        self._merge_due = False
        self._prepare_merge(asked=False)

    def action_merge_conflicts(self: NetplanApp) -> None:  # type: ignore[misc]
        """The palette's command: prepare the merge and show it (or say there is none)."""
        if self._merge_busy or isinstance(self.screen, SyncConflictScreen):
            return
        self._merge_due = False
        self._prepare_merge(asked=True)

    # preparing: in a worker, then the dialog

    def _prepare_merge(self: NetplanApp, asked: bool) -> None:  # type: ignore[misc]
        self._merge_busy = True
        self.run_worker(
            partial(self._preparing_merge, asked),
            thread=True,
            group="resolve",
            description="prepare merge",
            exit_on_error=False,
        )

    def _preparing_merge(self: NetplanApp, asked: bool) -> None:  # type: ignore[misc]
        """In a worker thread: read the store's files and the copies, merge them in memory."""
        from netplan.workspace.resolving import prepare

        store = Store(self.store.folder)
        try:
            resolution = prepare(store)
        except StoreError as error:
            self.call_from_thread(self._merge_failed, str(error))
            return
        except Exception as error:  # a bug: say so, keep the app
            self.call_from_thread(self._merge_failed, _unexpected(error, "nothing was merged"))
            return
        self.call_from_thread(self._merge_prepared, store, resolution, asked)

    def _merge_prepared(  # type: ignore[misc]
        self: NetplanApp, store: Store, resolution: Resolution, asked: bool
    ) -> None:
        self._merge_busy = False
        if not resolution.copies:
            if asked:
                self.notify("No conflicting copies beside netplan's files: nothing to merge.")
            return
        if not asked and len(self.screen_stack) > 1:
            self._merge_due = True  # a dialog opened meanwhile: once it is closed
            return
        self.push_screen(
            SyncConflictScreen(resolution), partial(self._merge_answered, store, resolution)
        )

    # merging: in a worker, then the workspace looks at the disk

    def _merge_answered(  # type: ignore[misc]
        self: NetplanApp, store: Store, resolution: Resolution, merge: bool | None
    ) -> None:
        if not merge:
            return  # not now: the copies stay, and so does the notice
        self._merge_busy = True
        self._merge_wanted = (store, resolution)
        self._merge_when_settled()

    def _merge_when_settled(self: NetplanApp) -> None:  # type: ignore[misc]
        """Merge now if nothing is unsaved and no save runs; a look at the disk (a poll) is
        waited for (offer_merge calls again after it), anything else refuses it."""
        workspace = self.workspace
        assert self._merge_wanted is not None
        if workspace is not None and workspace.state == SyncState.checking and not workspace.dirty:
            return
        (store, resolution), self._merge_wanted = self._merge_wanted, None
        if workspace is None or not workspace.settled:
            self._merge_busy = False
            self.notify(
                "Nothing was merged: netplan has changes of its own to save first. Try again "
                f"once they are saved (ctrl+p, {COMMAND}).",
                title="Sync conflict",
                severity="warning",
            )
            return
        self.run_worker(
            partial(self._merging, store, resolution),
            thread=True,
            group="resolve",
            description="merge",
            exit_on_error=False,
        )

    def _merging(self: NetplanApp, store: Store, resolution: Resolution) -> None:  # type: ignore[misc]
        """In a worker thread: write the merged files, move the merged copies away."""
        from netplan.workspace.resolving import apply

        try:
            moved = apply(store, resolution)
        except StoreError as error:  # ConflictError too: a file changed since it was prepared
            self.call_from_thread(self._merge_failed, str(error))
            return
        except Exception as error:  # a bug: say so, keep the app
            self.call_from_thread(
                self._merge_failed,
                _unexpected(error, "netplan resolve --dry-run shows what is left to merge"),
            )
            return
        self.call_from_thread(self._merged, resolution, moved)

    def _merged(self: NetplanApp, resolution: Resolution, moved: list[Path]) -> None:  # type: ignore[misc]
        self._merge_busy = False
        if self.workspace is not None:
            self.workspace.request_check()  # re-read what was merged, adopt it
            self._pump()
        self.notify(
            for_screen(merged_message(resolution, moved), multiline=True),
            title="Merged",
            markup=False,
        )

    def _merge_failed(self: NetplanApp, message: str) -> None:  # type: ignore[misc]
        self._merge_busy = False
        self.notify(
            for_screen(message, multiline=True),
            title="Could not merge",
            severity="error",
            timeout=20,
            markup=False,
        )


def merged_message(resolution: Resolution, moved: list[Path]) -> str:
    """What Merge did, in words: "Merged 2 conflicting copies; the copies are in .backups/"."""
    one = len(moved) == 1
    said = f"Merged {_copies(len(moved))}; the {'copy is' if one else 'copies are'} in {BACKUPS}"
    conflicts = sum(len(c.conflicts) for c in resolution.movable)
    if conflicts:
        fields = f"{conflicts} field{'' if conflicts == 1 else 's'}"
        said += (
            f". {fields} changed on both sides kept netplan's value; the other is in the "
            f"{'copy' if one else 'copies'}"
        )
    left = [c.copy.name for c in resolution.copies if c not in resolution.movable]
    if left:
        said += f". Not merged, left beside the files: {', '.join(left)}"
    return said + ". `netplan restore` undoes the merge."


def _unexpected(error: BaseException, then: str) -> str:
    return f"netplan hit an unexpected error ({type(error).__name__}: {error}); {then}"
