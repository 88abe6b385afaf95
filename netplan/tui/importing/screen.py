"""The Import screen: a path, its kind, what the import would do, then Import.

The import is netplan.workspace.importing's, the same as `netplan import`: read the input,
plan it against the app's data, show the dry run's report, and only on Import post the plan's
Edit like any other change (the workspace saves it; u undoes it). Nothing is written before.

Reading a big LinkedIn archive takes seconds, and folding it into 30,000 contacts a moment:
both run in thread workers while the screen says what it is doing. The plan is made against
the data as it is (contacts still loading: it waits for them) and made again when the
contacts change before Import is chosen, so the report always says what Import would do.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Select, Static

from netplan.tui.common.follow import netplan_app
from netplan.tui.common.messages import ApplyEdit
from netplan.tui.common.text import plain
from netplan.tui.importing.paths import PathInput, typed_path
from netplan.workspace import Data
from netplan.workspace.importing import (
    KIND_NAMES,
    KINDS,
    ImportFailed,
    ImportKind,
    ImportPlan,
    guess_kind,
    plan_import,
    read_import,
)

if TYPE_CHECKING:
    from netplan.workspace.importing import Read

HINT = (
    "LinkedIn's Connections.csv, or its whole export: the zip or its folder (on LinkedIn: "
    "Settings → Data privacy → Get a copy of your data). Or a vCard (.vcf), or a Google or "
    "Outlook CSV. Nothing is written before you import."
)
PEOPLE_FILES = ("contacts", "journal", "activity")

Source = tuple[ImportKind, Path]


def _same_people(a: Data | None, b: Data | None) -> bool:
    """The files an import reads and changes are the same versions in both."""
    if a is None or b is None:
        return a is b
    return all(getattr(a, name) is getattr(b, name) for name in PEOPLE_FILES)


class ImportScreen(ModalScreen[None]):
    """Dismissed (None) when closed or once the import is posted to the app."""

    CSS_PATH = "importing.tcss"
    AUTO_FOCUS = "#import-path"
    BINDINGS = [
        Binding(
            "ctrl+s",
            "import",
            "Import",
            id="import-confirm",
            tooltip="Import what the report shows (u undoes it); first, read the file and "
            "show the report (enter does the same)",
        ),
        Binding(
            "escape", "close", "Close", id="import-close", tooltip="Close; nothing is imported"
        ),
    ]

    def __init__(self, path: str = "") -> None:
        super().__init__()
        self._initial = path
        self._generation = 0  # each read counts one up: a late worker's answer is dropped
        self._source: Source | None = None  # what is being read, or was read
        self._read: Read | None = None  # what read_import gave for _source
        self._planning = False  # a plan is being made in a worker
        self._plan: tuple[Data, ImportPlan] | None = None  # the plan, and the data it is for

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog import-dialog"):
            yield Label("Import contacts", classes="dialog-title")
            yield Static(HINT, classes="import-hint", markup=False)
            with Horizontal(classes="import-row"):
                yield Label("Path", classes="import-label")
                yield PathInput(
                    value=self._initial,
                    placeholder="~/Downloads/Basic_LinkedInDataExport….zip, Connections.csv, "
                    "contacts.vcf",
                    id="import-path",
                    compact=True,
                )
            with Horizontal(classes="import-row"):
                yield Label("Kind", classes="import-label")
                yield Select(
                    [(KIND_NAMES[kind], kind) for kind in KINDS],
                    value="linkedin",
                    allow_blank=False,
                    id="import-kind",
                    compact=True,
                )
            yield Static("", id="import-status", markup=False)
            with VerticalScroll(id="import-report"):
                yield Static("", id="import-text", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Import", variant="primary", id="import-apply", compact=True)
                yield Button("Close", id="import-cancel", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.watch(self.app, "data", self._data_changed, init=False)
        self._forget()

    # what the user asks for

    @property
    def kind(self) -> ImportKind:
        return cast(ImportKind, self.query_one("#import-kind", Select).value)

    def _wanted(self) -> Source | str:
        """The kind and path to import, or why there is none."""
        path = typed_path(self.query_one("#import-path", Input).value)
        if path is None:
            return "Type the path of a file or folder first."
        if not path.exists():
            return f"{path} does not exist."
        return self.kind, path

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "import-path":
            return
        path = typed_path(event.value)
        kind = guess_kind(path) if path is not None else None
        if kind is not None and kind != self.kind:
            self.query_one("#import-kind", Select).value = kind  # its Changed forgets too
        self._forget()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "import-kind":
            self._forget()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_import()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "import-apply":
            self.action_import()
        else:
            self.action_close()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_import(self) -> None:
        """Import once the report of the same path and kind is shown; before that, read the
        input and show the report (nothing is written then)."""
        wanted = self._wanted()
        if isinstance(wanted, str):
            self._say(wanted, "error")
            return
        if wanted != self._source:
            self._start(wanted)
            return
        if self._plan is None or not _same_people(self._plan[0], self._data):
            return  # reading or planning: the status says so, and the report follows
        plan = self._plan[1]
        if not plan.changed:
            self._say("Nothing to import: everything in it is already there.", "ok")
            return
        assert self._source is not None
        name = self._source[1].name or str(self._source[1])
        notice = f"Imported {name} ({KIND_NAMES[plan.kind]}): {plan.summary}. u undoes it."
        self.app.post_message(ApplyEdit(plan.edit, notice))
        self.dismiss(None)

    # reading and planning, in workers

    @property
    def _data(self) -> Data | None:
        return netplan_app(self).data

    def _forget(self) -> None:
        """The path or the kind changed: what was read is for something else."""
        self._generation += 1
        self._source, self._read, self._plan, self._planning = None, None, None, False
        self.query_one("#import-text", Static).update("")
        self.query_one("#import-apply", Button).disabled = True
        self._say("Enter reads it and shows what the import would do.")

    def _start(self, source: Source) -> None:
        self._forget()
        self._source = source
        kind, path = source
        self._say(f"Reading {path} as a {KIND_NAMES[kind]}…", "busy")
        today = netplan_app(self).today
        generation = self._generation
        self.run_worker(
            lambda: self._reading(generation, kind, path, today),
            thread=True,
            group="import",
            description="read import",
            exit_on_error=False,
        )

    def _reading(self, generation: int, kind: ImportKind, path: Path, today) -> None:
        """In a worker thread: parse the input."""
        try:
            read = read_import(kind, [path], today)
        except ImportFailed as error:
            self.app.call_from_thread(self._failed, generation, str(error))
            return
        except Exception as error:  # a bug: say so, change nothing
            message = f"Could not read {path} ({type(error).__name__}: {error}); nothing changed."
            self.app.call_from_thread(self._failed, generation, message)
            return
        self.app.call_from_thread(self._was_read, generation, read)

    def _was_read(self, generation: int, read: Read) -> None:
        if generation != self._generation or not self.is_attached:
            return
        self._read = read
        self._plan_now()

    def _plan_now(self) -> None:
        """Plan what was read against the data as it is now (once the contacts are in)."""
        data = self._data
        assert self._source is not None and self._read is not None
        if data is None or not data.people_loaded:
            self._say("Read. Waiting for your contacts to load…", "busy")
            return
        kind, read, generation = self._source[0], self._read, self._generation
        today = netplan_app(self).today
        self._planning = True
        self._say("Read. Comparing it with your contacts…", "busy")
        self.run_worker(
            lambda: self._planning_import(generation, kind, read, data, today),
            thread=True,
            group="import",
            description="plan import",
            exit_on_error=False,
        )

    def _planning_import(self, generation: int, kind: ImportKind, read: Read, data: Data, today):
        """In a worker thread: fold what was read into the data, in memory."""
        try:
            plan = plan_import(kind, read, data, today)
        except Exception as error:  # a bug: say so, change nothing
            message = (
                f"Could not plan the import ({type(error).__name__}: {error}); nothing changed."
            )
            self.app.call_from_thread(self._failed, generation, message)
            return
        self.app.call_from_thread(self._planned, generation, data, plan)

    def _planned(self, generation: int, data: Data, plan: ImportPlan) -> None:
        if generation != self._generation or not self.is_attached:
            return
        self._planning = False
        if not _same_people(data, self._data):
            self._plan_now()  # the contacts changed meanwhile: plan on the new ones
            return
        self._plan = (data, plan)
        self.query_one("#import-text", Static).update(plain(plan.dry_run_report, multiline=True))
        self.query_one("#import-report", VerticalScroll).scroll_home(animate=False)
        apply = self.query_one("#import-apply", Button)
        apply.disabled = not plan.changed
        if plan.changed:
            self._say(
                "Nothing is written yet. Enter or ctrl+s imports it; u undoes it after.", "ok"
            )
        else:
            self._say("Nothing to import: everything in it is already there.", "ok")

    def _failed(self, generation: int, message: str) -> None:
        if generation != self._generation or not self.is_attached:
            return
        self._forget()  # so enter reads again (the file may have been fixed meanwhile)
        self._say(message, "error")

    def _data_changed(self, data: Data | None) -> None:
        if not self.is_attached or self._read is None or self._planning:
            return  # nothing read yet, or _planned looks at the data when the plan is in
        if self._plan is None or not _same_people(self._plan[0], data):
            self._plan = None
            self.query_one("#import-apply", Button).disabled = True
            self._plan_now()

    def _say(self, message: str, kind: str = "") -> None:
        status = self.query_one("#import-status", Static)
        status.update(plain(message, multiline=True))
        status.remove_class("-error", "-ok", "-busy")
        if kind:
            status.add_class(f"-{kind}")
