"""The netplan app: tabs, keys, notifications, and the scheduling of the workspace's jobs.

Everything about the data lives in the workspace (netplan.workspace): edits, undo, saving,
noticing and adopting changes on disk. The app applies the edits that widgets post
(`ApplyEdit`), publishes the new Data through the reactive `data` (views watch it), runs the
workspace's jobs in worker threads and shows what the workspace has to say; where that is a
conflict copy a sync tool left, it offers the merge (netplan.tui.conflicts).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.reactive import var
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import Header, TabbedContent, TabPane

from netplan.domain.clock import Clock
from netplan.models import Plan
from netplan.runtime.gc_pause import start_done
from netplan.runtime.input_quiet import InputQuiet
from netplan.store import Store
from netplan.text import for_screen
from netplan.tui.common.footer import KeysFirstFooter
from netplan.tui.common.messages import ApplyEdit, OpenContact
from netplan.tui.conflicts import COMMAND, COMMAND_HELP, OffersMerge
from netplan.tui.importing import IMPORT_HELP, ImportsFiles
from netplan.tui.quitting import QuitsSafely
from netplan.tui.week.panes import MonthPane, WeekPane
from netplan.tui.week.welcome import StartsFresh
from netplan.workspace import Data, Edit, Workspace
from netplan.workspace.plan_edits import change_settings

if TYPE_CHECKING:
    from netplan.domain.people_index import PeopleIndex
    from netplan.workspace.jobs import Job

POLL_SECONDS = 2.0
DAY_CHECK_SECONDS = 30.0  # how soon after midnight the app's today follows the clock
TABS = ("week", "month", "contacts", "goals")


class NetplanApp(QuitsSafely, OffersMerge, ImportsFiles, StartsFresh, App[int]):
    CSS_PATH = [
        "app.tcss",
        "week/agenda.tcss",
        "contacts/contacts.tcss",
        "goals/goals.tcss",
    ]
    TITLE = "netplan"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide"), (150, "-very-wide")]
    BINDINGS = [
        Binding("u", "undo", "Undo", id="undo", tooltip="Undo the last change"),
        Binding("U", "redo", "Redo", id="redo", tooltip="Redo what was undone"),
        Binding("question_mark", "help", "Keys", id="help", tooltip="The keys that work here"),
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit once everything is saved"),
        Binding("i", "import_file", "Import", id="import", tooltip=IMPORT_HELP),
        Binding(
            "s",
            "starter_routines",
            "Starter routines",
            id="starter-routines",
            show=False,
            tooltip="Add the six starter routines of the strategy (u undoes it)",
        ),
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
    # What views take as today; it follows `day_clock` (check_day), and views watch it.
    today: var[date] = var(date.min, init=False)

    def __init__(
        self,
        store: Store,
        today: date | None = None,
        plan: Plan | None = None,
        clock: Clock | None = None,
    ) -> None:
        """A `today` without a `clock` is that day for good (the tests); the command line
        passes the clock that follows the wall clock unless NETPLAN_TODAY fixes the day."""
        super().__init__()
        self.store = store
        self.day_clock = clock if clock is not None else Clock(fixed=today)
        self.today = today if today is not None else self.day_clock.today()
        self._initial_plan = plan
        self.workspace: Workspace | None = None
        self.input_quiet = InputQuiet()
        self._wake: tuple[float, Timer] | None = None
        self._theme_colors: tuple[object, dict[str, str]] | None = None
        self._keymap_applied: dict[str, str] = {}
        self.sub_title = str(store.folder)

    # what views read

    @property
    def people(self) -> PeopleIndex | None:
        """The people index, once contacts and journal are loaded (None before)."""
        return self.workspace.people if self.workspace is not None else None

    @property
    def contacts_status(self) -> str:
        return self.workspace.people_status if self.workspace is not None else "Loading…"

    def theme_colors(self) -> dict[str, str]:
        """The theme's CSS variables, computed once per theme: about 1 ms a time, and every
        check-off asked twice (the grid's and the goals' colours)."""
        theme = self.current_theme
        if self._theme_colors is None or self._theme_colors[0] is not theme:
            self._theme_colors = (theme, self.get_css_variables())
        return self._theme_colors[1]

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
        yield KeysFirstFooter(compact=True)

    def on_mount(self) -> None:
        plan = self._initial_plan or self.store.read_plan()
        self.workspace = Workspace(self.store, self.today, Data(plan=plan))
        self.data = self.workspace.data
        self.query_one(WeekPane).focus_today()
        self.call_after_refresh(self._first_frame_shown)
        self.set_interval(POLL_SECONDS, self._poll)
        self.set_interval(DAY_CHECK_SECONDS, self.check_day)
        self.install_signal_handlers()

    def _first_frame_shown(self) -> None:
        from netplan.tui.contacts.pane import ContactsPane
        from netplan.tui.goals.pane import GoalsPane

        self.query_one("#month", TabPane).mount(MonthPane(id="month-pane"))
        self.query_one("#contacts", TabPane).mount(ContactsPane(id="contacts-pane"))
        self.query_one("#goals", TabPane).mount(GoalsPane(id="goals-pane"))
        if self._keymap_applied:  # now the ids of every tab are there to check it against
            self.call_after_refresh(self._apply_keymap, self._keymap_applied)
        start_done()
        # The first look at the folder with it: a conflict copy a sync tool left is said now.
        if self.workspace is not None:
            self.workspace.request_check()
        # Contacts and journal load once the week grid is on screen: rtoml holds the GIL for
        # the whole parse (0.6 s at 30,000 contacts), which would hold back the first frame.
        self.set_timer(0.05, self._pump)

    async def on_event(self, event: events.Event) -> None:
        # Keys, clicks and scrolls; a mouse merely moving over the app needs no answer soon.
        if isinstance(event, events.InputEvent) and not isinstance(event, events.MouseMove):
            self.input_quiet.input_arrived()
        await super().on_event(event)

    # the data follows the workspace

    def watch_data(self, data: Data | None) -> None:
        # The theme follows the settings, so undoing a strategy change restores it too.
        if data is not None:
            theme = data.plan.settings.theme
            if theme != self.theme and theme in self.available_themes:
                self.theme = theme
            if data.plan.settings.keymap != self._keymap_applied:
                self._apply_keymap(data.plan.settings.keymap)

    def _apply_keymap(self, keymap: dict[str, str]) -> None:
        """The keys of `[settings.keymap]`, by binding id; an id no key has is said once the
        tabs are there (right after the first frame)."""
        self._keymap_applied = dict(keymap)
        self.set_keymap(keymap)
        if keymap and self.query("#goals-pane"):
            from netplan.tui.palette import unknown_in_keymap

            if warning := unknown_in_keymap(keymap):
                self.notify(for_screen(warning), severity="warning", markup=False)

    def watch_theme(self, theme: str) -> None:
        # A theme chosen in the command palette is a change of the settings like any other.
        if self.data is not None and self.data.plan.settings.theme != theme:
            self.apply(change_settings(f"Theme {theme}", {"theme": theme}))

    def _after_workspace(self) -> None:
        """Publish what changed, say what the workspace has to say, run what is due."""
        workspace = self.workspace
        assert workspace is not None
        if workspace.data is not self.data:
            self.data = workspace.data
        for notice in workspace.take_notices():
            self.notify(
                for_screen(notice.message, multiline=True),
                title=for_screen(notice.title),
                severity=notice.severity,  # type: ignore[arg-type]
                timeout=notice.timeout,
                markup=False,
            )
        if workspace.quitting and workspace.settled:
            self.exit(0)
            return
        self.after_signal()
        self._pump()
        self.offer_merge()  # a conflict copy seen, now settled: the Sync conflict dialog

    # the day turns

    def check_day(self) -> date:
        """Ask the clock what day it is; when the day turned, the workspace (the people
        index) and every view that shows today follow (views watch `today`). Returns today."""
        day = self.day_clock.today()
        if day != self.today:
            if self.workspace is not None:
                self.workspace.new_day(day)
            self.today = day
        return self.today

    def on_app_focus(self, _event: events.AppFocus) -> None:
        self.check_day()  # back at the terminal in the morning: before the next 30 s tick

    # changes

    def apply(self, edit: Edit) -> bool:
        assert self.workspace is not None
        try:
            changed = self.workspace.apply(edit)
        except (KeyError, ValueError) as error:
            self.notify(for_screen(f"{edit.label}: {error}"), severity="error", markup=False)
            return False
        if changed:
            self.data = self.workspace.data
            # After the repaint: the save thread would otherwise compete with it for the GIL.
            self.call_after_refresh(self._pump)
        return changed

    def on_apply_edit(self, message: ApplyEdit) -> None:
        if self.apply(message.edit):
            if message.notice:
                self.notify(for_screen(message.notice, multiline=True), markup=False)
        elif message.bell:
            self.bell()

    def on_open_contact(self, message: OpenContact) -> None:
        self.action_show_tab("contacts")
        self._open_contact(message.contact_id, message.log)

    def _open_contact(self, contact_id: str, log: bool, tries: int = 40) -> None:
        """The Contacts pane selects the contact (and opens the log form); right after start
        it may not be mounted yet."""
        try:
            pane = self.query_one("#contacts-pane")
        except NoMatches:
            if tries:
                self.set_timer(0.05, lambda: self._open_contact(contact_id, log, tries - 1))
            return
        pane.show_contact(contact_id, log=log)

    def action_undo(self) -> None:
        self._history("undo")

    def action_redo(self) -> None:
        self._history("redo")

    def _history(self, which: str) -> None:
        assert self.workspace is not None
        edit = self.workspace.undo() if which == "undo" else self.workspace.redo()
        if edit is None:
            self.notify(f"Nothing to {which}")
            return
        self.data = self.workspace.data
        self.call_after_refresh(self._pump)
        done = "Undid" if which == "undo" else "Redid"
        self.notify(for_screen(f"{done}: {edit.label}"), markup=False)

    # running the workspace's jobs

    def _poll(self) -> None:
        if self.workspace is not None:
            self.workspace.request_check()
            self._pump()

    def _pump(self) -> None:
        """Start the jobs the workspace wants now, and wake up when it wants more."""
        workspace = self.workspace
        if workspace is None:
            return
        from netplan.workspace.jobs import PeopleJob  # with the first job, after the first frame

        for job in (workspace.people_job(), workspace.next_job()):
            if job is not None:
                self.run_worker(
                    partial(self._run, job),
                    thread=True,
                    group="people" if isinstance(job, PeopleJob) else "sync",
                    # Without a description Textual makes one from repr(job): all the data.
                    description=type(job).__name__,
                    exit_on_error=False,
                )
        self._wake_at(workspace.wake_at)

    def _wake_at(self, when: float | None) -> None:
        if self._wake is not None and self._wake[0] == when:
            return
        if self._wake is not None:
            self._wake[1].stop()
            self._wake = None
        if when is not None and self.workspace is not None:
            # Never 0: a zero-interval Textual timer that starts late divides by zero.
            delay = max(0.01, when - self.workspace.clock())
            self._wake = (when, self.set_timer(delay, self._woken))

    def _woken(self) -> None:
        self._wake = None
        self._pump()

    def _run(self, job: Job) -> None:
        """In a worker thread: the job's I/O, then its result back on the app's thread."""
        from netplan.workspace.jobs import failure_of, run

        try:
            result = run(self.store, job, self.input_quiet.pause)
        except Exception as error:  # a bug: fail this job, keep the app and the edits
            result = failure_of(job, error)
        self.call_from_thread(self._finished, job, result)

    def _finished(self, job: Job, result) -> None:
        assert self.workspace is not None
        self.workspace.finish(job, result)
        self.note_copies(result)
        self._after_workspace()

    # navigation and help

    @property
    def active_tab(self) -> str:
        return self.query_one(TabbedContent).active

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

    def action_help(self) -> None:
        from netplan.tui.common.help import HelpScreen, key_rows  # loads when first opened

        if isinstance(self.screen, HelpScreen):
            return
        own = [b for b in self.BINDINGS if isinstance(b, Binding)]
        self.push_screen(HelpScreen(key_rows(self, own)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action from every tab with its key (netplan.tui.palette), the theme, and
        the merge of a conflict copy; Textual's own Quit and Keys are netplan's q and ?."""
        from netplan.tui.palette import commands  # loads when the palette first opens

        yield SystemCommand(
            "Theme", "Change the colours: every built-in theme", self.action_change_theme
        )
        if not isinstance(screen, ModalScreen):
            yield SystemCommand(COMMAND, COMMAND_HELP, self.action_merge_conflicts)
        yield from commands(self, screen)
