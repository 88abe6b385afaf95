"""The netplan app: tabs, the one place where changes are applied, saved and reloaded.

Widgets post messages (check off, edit a routine); the app turns them into Edits on the Session,
publishes the new Data through the reactive `data` (views watch it, hidden tabs included) and
saves in a worker thread. Every two seconds it looks at the files' fingerprints and reloads what
changed on disk, replaying its own unsaved edits on top.
"""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Iterable
from datetime import date
from functools import partial

from textual import events
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, TabbedContent, TabPane

from netplan.models import Plan, check_references
from netplan.runtime.gc_pause import gc_paused, start_done
from netplan.runtime.input_quiet import InputQuiet
from netplan.store import FILES, ConflictError, Store, StoreError
from netplan.tui.common.messages import ApplyEdit, ArchiveRoutine, CheckOff, EditRoutine
from netplan.tui.week.period_pane import MonthPane, WeekPane
from netplan.workspace.history import SaveJob, Session
from netplan.workspace.plan_edits import (
    Data,
    Edit,
    archive_routine,
    change_settings,
    check_off,
    put_routine,
)

POLL_SECONDS = 2.0
PEOPLE_FILES = ("contacts", "journal")
RETRY_SECONDS = (2, 5, 10, 30, 60)
SWITCH_INTERVAL = 0.001
TABS = ("week", "month", "contacts", "goals")
ARROWS = {"left": "←", "down": "↓", "up": "↑", "right": "→"}


class NetplanApp(App[int]):
    CSS_PATH = ["app.tcss", "contacts/contacts.tcss", "goals/goals.tcss"]
    TITLE = "netplan"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide"), (150, "-very-wide")]
    BINDINGS = [
        Binding("u", "undo", "Undo", id="undo", tooltip="Undo the last change"),
        Binding("U", "redo", "Redo", id="redo", tooltip="Redo what was undone"),
        Binding("question_mark", "help", "Keys", id="help", tooltip="The keys that work here"),
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit once everything is saved"),
        Binding("1", "show_tab('week')", "Week", id="tab-week", show=False, tooltip="Week tab"),
        Binding("2", "show_tab('month')", "Month", id="tab-month", show=False, tooltip="Month tab"),
        Binding(
            "3",
            "show_tab('contacts')",
            "Contacts",
            id="tab-contacts",
            show=False,
            tooltip="Contacts tab",
        ),
        Binding("4", "show_tab('goals')", "Goals", id="tab-goals", show=False, tooltip="Goals tab"),
    ]

    data: var[Data | None] = var(None, init=False)

    def __init__(self, store: Store, today: date, plan: Plan | None = None) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self._initial_plan = plan
        self.session: Session | None = None
        self.contacts_status = "Loading contacts…"
        self._saving = False
        self._save_error: str | None = None
        self._retry = 0
        self._quitting = False
        self._reloading = False
        self._reported_disk_problem: str | None = None
        self._people_broken: tuple | None = None  # how the files looked when their load failed
        self._switch_interval = sys.getswitchinterval()
        self._theme_colors: tuple[object, dict[str, str]] | None = None
        self.input_quiet = InputQuiet()
        self.sub_title = str(store.folder)

    # building

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(initial="week"):
            with TabPane("Week", id="week"):
                yield WeekPane(id="week-pane")
            # The other tabs get their content once the week grid is on screen
            # (_first_frame_shown): importing and mounting them took a quarter of start-up.
            yield TabPane("Month", id="month")
            yield TabPane("Contacts", id="contacts")
            yield TabPane("Goals", id="goals")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # Threads load, derive and save beside the app's thread. Each time that thread waits
        # for the GIL (after every read and write) a busy thread keeps it for up to the
        # switch interval: 1 ms instead of Python's 5 roughly halves the time a key takes to
        # show while 30,000 contacts load.
        sys.setswitchinterval(SWITCH_INTERVAL)
        plan = self._initial_plan or self.store.read_plan()
        self.session = Session(Data(plan=plan))
        if plan.settings.theme in self.available_themes:
            self.theme = plan.settings.theme
        self.data = self.session.data
        self.query_one(WeekPane).focus_today()
        self.call_after_refresh(self._first_frame_shown)
        self.set_interval(POLL_SECONDS, self._poll_disk)

    def _first_frame_shown(self) -> None:
        from netplan.tui.contacts.pane import ContactsPane
        from netplan.tui.goals.pane import GoalsPane

        self.query_one("#month", TabPane).mount(MonthPane(id="month-pane"))
        self.query_one("#contacts", TabPane).mount(ContactsPane(id="contacts-pane"))
        self.query_one("#goals", TabPane).mount(GoalsPane(id="goals-pane"))
        start_done()
        # Contacts and journal load once the week grid is on screen: rtoml holds the GIL for
        # the whole parse (0.6 s at 30,000 contacts), which would hold back the first frame.
        self.set_timer(0.05, self._start_loading_people)

    def _start_loading_people(self) -> None:
        self.run_worker(self._load_people, thread=True, group="load", exit_on_error=False)

    async def on_event(self, event: events.Event) -> None:
        # Keys, clicks and scrolls; a mouse merely moving over the app needs no answer soon.
        if isinstance(event, events.InputEvent) and not isinstance(event, events.MouseMove):
            self.input_quiet.input_arrived()
        await super().on_event(event)

    def _load_people(self) -> None:
        # Many small objects: the cyclic collector would run dozens of times during the load.
        look = self.store.look(PEOPLE_FILES)
        assert self.session is not None
        try:
            with gc_paused():
                contacts = self.store.read_contacts(self.input_quiet.pause)
                journal = self.store.read_journal(self.input_quiet.pause)
                # Here, not on the app's thread: 30 ms at 30,000 contacts. A plan edited
                # meanwhile changes nothing that refers to contacts or the journal.
                plan = self.session.data.plan
                problems = check_references(plan, contacts, journal, self.store.folder)
                if problems:
                    raise StoreError(problems[0], problems)
                # Before the collector runs again: its first pass would otherwise walk the
                # million objects just made, 0.2 s holding the GIL.
                gc.freeze()
        except StoreError as error:
            self.call_from_thread(self._people_failed, error, look)
            return
        self.call_from_thread(self._people_loaded, contacts, journal)

    def _people_loaded(self, contacts, journal) -> None:
        assert self.session is not None
        self.session.loaded(contacts=contacts, journal=journal)
        self.data = self.session.data
        if self._people_broken is not None:
            self._people_broken = None
            self.notify("Contacts and journal are valid again and loaded.", title="Loaded")

    def _people_failed(self, error: StoreError, look: tuple) -> None:
        # The poll tries again once either file changes (the user fixed it, or a sync did).
        self._people_broken = look
        self.contacts_status = "Contacts not loaded: " + str(error)
        self.notify(
            "\n".join(error.problems[:5]) + "\nFix the file; netplan will not write it.",
            title="Cannot load contacts",
            severity="error",
            timeout=30,
        )
        self.data = Data(plan=self.data.plan) if self.data else None

    # changes

    def apply(self, edit: Edit) -> bool:
        assert self.session is not None
        try:
            changed = self.session.apply(edit)
        except (KeyError, ValueError) as error:
            self.notify(f"{edit.label}: {error}", severity="error")
            return False
        if changed:
            self._published()
        return changed

    def _published(self) -> None:
        assert self.session is not None
        self.data = self.session.data
        # After the repaint: the save thread would otherwise compete with it for the GIL.
        self.call_after_refresh(self.request_save)

    def on_apply_edit(self, message: ApplyEdit) -> None:
        if self.apply(message.edit) and message.notice:
            self.notify(message.notice, markup=False)

    def on_check_off(self, message: CheckOff) -> None:
        plan = self.data.plan
        routine = next((r for r in plan.routines if r.id == message.routine_id), None)
        if routine is None:
            return
        if not self.apply(check_off(routine, message.day, message.delta)):
            self.bell()

    def on_edit_routine(self, message: EditRoutine) -> None:
        plan = self.data.plan
        routine = next((r for r in plan.routines if r.id == message.routine_id), None)

        def done(result) -> None:
            if result is not None:
                self.apply(put_routine(self.data.plan, result))

        from netplan.tui.week.routine_form import RoutineForm  # loads when first opened

        self.push_screen(RoutineForm(plan, routine, message.period), done)

    def on_archive_routine(self, message: ArchiveRoutine) -> None:
        routine = next((r for r in self.data.plan.routines if r.id == message.routine_id), None)
        if routine is not None and self.apply(archive_routine(routine)):
            self.notify(f"Archived “{routine.title}”. Press u to undo.", markup=False)

    def theme_colors(self) -> dict[str, str]:
        """The theme's CSS variables, computed once per theme: about 1 ms a time, and every
        check-off asked twice (the grid's and the goals' colours)."""
        theme = self.current_theme
        if self._theme_colors is None or self._theme_colors[0] is not theme:
            self._theme_colors = (theme, self.get_css_variables())
        return self._theme_colors[1]

    def watch_theme(self, theme: str) -> None:
        if self.session is None or self.data is None:
            return
        settings = self.data.plan.settings
        if settings.theme != theme:
            self.apply(change_settings(settings, f"Theme {theme}", theme=theme))

    def action_undo(self) -> None:
        assert self.session is not None
        edit = self.session.undo()
        if edit is None:
            self.notify("Nothing to undo")
            return
        self._published()
        self.notify(f"Undid: {edit.label}", markup=False)

    def action_redo(self) -> None:
        assert self.session is not None
        edit = self.session.redo()
        if edit is None:
            self.notify("Nothing to redo")
            return
        self._published()
        self.notify(f"Redid: {edit.label}", markup=False)

    # navigation and help

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        self._focus_tab(tab)

    def _focus_tab(self, tab: str, tries: int = 40) -> None:
        """Focus the tab's main widget; right after start it may need a moment to arrive."""
        if self.query_one(TabbedContent).active != tab:
            return
        try:
            self.query_one(f"#{tab}-pane").focus_main()
        except NoMatches:  # not composed yet, right after start
            if tries:
                self.set_timer(0.05, lambda: self._focus_tab(tab, tries - 1))

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id in TABS:
            self._focus_tab(event.pane.id)

    def _key_rows(self) -> list[tuple[str, str]]:
        """The keys that work where the user is, product keys only, in footer order."""
        ours = {b.action for b in self.BINDINGS if isinstance(b, Binding)}
        builtin = {
            b.action if isinstance(b, Binding) else b[1]
            for cls in (DataTable, Screen, App)
            for b in cls.BINDINGS
        } - ours
        builtin.add("command_palette")
        rows: dict[str, list[str]] = {}
        moves: list[str] = []
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if binding.action.startswith(("cursor_", "page_", "scroll_")):
                if binding.action in ("cursor_left", "cursor_down", "cursor_up", "cursor_right"):
                    moves.append(ARROWS.get(key, key))
                continue
            if not binding.description or binding.action in builtin:
                continue
            described = (
                f"{binding.description}: {binding.tooltip}"
                if binding.tooltip and binding.tooltip != binding.description
                else binding.description
            )
            rows.setdefault(described, []).append(
                self.get_key_display(binding) if key == binding.key else key
            )
        listed = [(" ".join(dict.fromkeys(keys)), desc) for desc, keys in rows.items()]
        order = ["←", "↓", "↑", "→", "h", "j", "k", "l"]
        keys = sorted(set(moves), key=lambda k: order.index(k) if k in order else len(order))
        nav = [(" ".join(keys), "Move the cursor")] if keys else []
        return [*nav, *listed, ("ctrl+p", "Command palette: every action")]

    def action_help(self) -> None:
        from netplan.tui.common.help import HelpScreen  # loads when first opened

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self._key_rows()))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        seen = set()
        for active in screen.active_bindings.values():
            binding, node = active.binding, active.node
            if not binding.description or binding.action in seen or binding.action == "quit":
                continue
            seen.add(binding.action)
            yield SystemCommand(
                binding.description,
                f"{binding.tooltip or binding.description} (key {self.get_key_display(binding)})",
                lambda node=node, action=binding.action: self.call_later(node.run_action, action),
            )

    # saving

    def request_save(self) -> None:
        if self._saving or self._reloading:
            return  # the running save loop (or the reload) picks the change up
        self._saving = True
        self.run_worker(self._save_loop, thread=True, group="save", exit_on_error=False)

    def _save_loop(self) -> None:
        """Save until nothing is left; runs in a thread so keys never wait for the disk."""
        assert self.session is not None
        try:
            while True:
                job = self.session.save_job()
                if job is None:
                    return
                try:
                    self.store.save(**job.files)
                except ConflictError as error:
                    self.call_from_thread(self._on_conflict, error)
                    return
                except StoreError as error:
                    self.call_from_thread(self._on_save_failed, str(error))
                    return
                self.call_from_thread(self._on_saved, job)
        finally:
            self.call_from_thread(self._save_loop_ended)

    def _on_saved(self, job: SaveJob) -> None:
        assert self.session is not None
        self.session.mark_saved(job)
        if self._save_error is not None:
            self._save_error = None
            self._retry = 0
            self.notify("Saved. Everything is on disk again.")

    def _save_loop_ended(self) -> None:
        self._saving = False
        assert self.session is not None
        if self._save_error is None and self.session.dirty:
            self.request_save()
        elif self._quitting and not self.session.dirty:
            self.exit(0)

    def _on_save_failed(self, message: str) -> None:
        first = self._save_error is None
        self._save_error = message
        delay = RETRY_SECONDS[min(self._retry, len(RETRY_SECONDS) - 1)]
        self._retry += 1
        if first or self._quitting:
            hint = " Press q again to quit anyway." if self._quitting else ""
            self.notify(
                f"{message}\nYour changes are kept here; retrying every few seconds.{hint}",
                title="Could not save",
                severity="error",
                timeout=15,
                markup=False,
            )
        self.set_timer(delay, self._retry_save)

    def _retry_save(self) -> None:
        if self.session is not None and self.session.dirty:
            self.request_save()

    def _on_conflict(self, error: ConflictError) -> None:
        """A file changed on disk under unsaved edits: take the disk's, replay ours on top."""
        self._reloading = True
        self.run_worker(
            lambda: self._reload(error.names), thread=True, group="reload", exit_on_error=False
        )

    # the disk changed

    def _poll_disk(self) -> None:
        if self.session is None or self._saving or self._reloading:
            return
        # Reading a changed file moves the store's fingerprint to the new version: a save
        # started before that version is adopted would pass the store's check and write the
        # old version (plus the new key press) over it. So no save starts until it is adopted.
        self._reloading = True
        self.run_worker(
            partial(self._check_disk, self._people_broken),
            thread=True,
            group="poll",
            exclusive=True,
            exit_on_error=False,
        )

    def _check_disk(self, people_broken: tuple | None) -> None:
        try:
            if people_broken and self.store.look(PEOPLE_FILES) != people_broken:
                self.call_from_thread(self._load_people_again)
            changed = self.store.changed_on_disk()
        except BaseException:
            self.call_from_thread(self._reload_done)
            raise
        if changed:
            self._reload(changed)
        else:
            self.call_from_thread(self._reload_done)

    def _load_people_again(self) -> None:
        """The files whose load failed have changed: perhaps fixed."""
        self._people_broken = ()  # not None (loaded), not a look (failed): loading again
        self.contacts_status = "Loading contacts…"
        self._start_loading_people()

    def _reload(self, names: list[str]) -> None:
        """Read changed files (in a thread) and hand them to the app."""
        loaded = {}
        try:
            for name in names:
                try:
                    loaded[name] = self.store.read(name)
                except StoreError as error:
                    self.call_from_thread(self._disk_invalid, name, error)
                    return
        except BaseException:
            self.call_from_thread(self._reload_done)
            raise
        self.call_from_thread(self._adopt, loaded)

    def _reload_done(self) -> None:
        """The look at the disk found nothing to adopt: saves may go again."""
        self._reloading = False
        if self.session is not None and self.session.dirty and self._save_error is None:
            self.request_save()

    def _disk_invalid(self, name: str, error: StoreError) -> None:
        self._reloading = False
        message = "\n".join(error.problems[:3])
        if message != self._reported_disk_problem:
            self._reported_disk_problem = message
            self.notify(
                f"{message}\nnetplan keeps what it shows and will not write {FILES[name]} "
                "until the file is valid again.",
                title=f"{FILES[name]} changed on disk and is invalid",
                severity="error",
                timeout=20,
                markup=False,
            )
        if self.session is not None and self.session.dirty:
            # Try again later: the save is refused (and reloaded) until the file is valid.
            self._save_error = f"{FILES[name]} is invalid on disk"
            self.set_timer(RETRY_SECONDS[-2], self._retry_save)

    def _adopt(self, loaded: dict) -> None:
        assert self.session is not None
        self._reloading = False
        self._reported_disk_problem = None
        # Contacts and journal that the app has not loaded yet arrive through their own load.
        loaded = {n: m for n, m in loaded.items() if getattr(self.session.saved, n) is not None}
        if not loaded:
            self._reload_done()
            return
        ours = len(self.session.unsaved)
        files = ", ".join(FILES[n] for n in loaded)
        try:
            self.session.loaded(**loaded)
        except (KeyError, ValueError) as error:
            try:
                kept = [self.store.write_recovery(n, getattr(self.session.data, n)) for n in loaded]
            except StoreError as failure:
                self._cannot_keep(list(loaded), str(error), str(failure))
                return
            self.session.discard_unsaved()
            self.session.loaded(**loaded)
            self.notify(
                f"{files} changed on disk and your unsaved changes no longer fit it ({error}). "
                f"They were kept in {', '.join(p.name for p in kept)}.",
                title="Changed on disk",
                severity="warning",
                timeout=20,
                markup=False,
            )
        else:
            if ours:
                self.notify(
                    f"{files} changed on disk; your unsaved changes were applied on top of it.",
                    title="Merged",
                    markup=False,
                )
            else:
                self.notify(f"{files} changed on disk and was reloaded.", markup=False)
        if self._save_error is not None and "invalid on disk" in self._save_error:
            self._save_error = None
        self.data = self.session.data
        if self.session.dirty:
            self.request_save()

    def _cannot_keep(self, names: list[str], why: str, failure: str) -> None:
        """Unsaved edits no longer fit the files on disk, and no recovery file can be written:
        keep them here, write nothing (the store's fingerprint is now the disk's version, so a
        save would go over it) and try again later; q twice quits, trying once more."""
        self._reloading = True  # no save and no poll until the edits are kept somewhere
        self._save_error = failure
        self.notify(
            f"{', '.join(FILES[n] for n in names)} changed on disk and your unsaved changes no "
            f"longer fit it ({why}); keeping them in a recovery file failed too: {failure}. "
            "They stay here and netplan writes nothing until it can keep them; press q twice "
            "to quit anyway.",
            title="Cannot keep your changes",
            severity="error",
            timeout=30,
            markup=False,
        )
        self.set_timer(
            RETRY_SECONDS[-2],
            lambda: self.run_worker(
                lambda: self._reload(names), thread=True, group="reload", exit_on_error=False
            ),
        )

    # quitting

    def on_unmount(self) -> None:
        sys.setswitchinterval(self._switch_interval)

    async def action_quit(self) -> None:
        if self.session is None or (not self.session.dirty and not self._saving):
            self.exit(0)
            return
        if self._quitting and self._save_error is not None:
            # The second q while saves fail: keep this side's version beside the files.
            kept = []
            for name in self.session.dirty_files():
                with contextlib.suppress(StoreError):
                    kept.append(str(self.store.write_recovery(name, getattr(self.data, name))))
            message = (
                ("Unsaved changes were written to: " + ", ".join(kept))
                if kept
                else ("Unsaved changes could not be written anywhere in the store folder.")
            )
            self.exit(1, return_code=1, message=message)
            return
        self._quitting = True
        self.notify("Saving before quitting…")
        if not self._saving:
            self.request_save()
