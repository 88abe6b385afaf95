"""The agenda you can act on: tab to it, a cursor over its person lines, enter / l / K, the
reach-out list without repeats, sections as tall as the terminal, colours of the theme."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from app_helpers import TODAY, make_app, notified, on_disk, settle, wait_for
from factories import book, contact, journal
from rich.style import Style
from textual.color import Color
from textual.widgets import TabbedContent

from netplan.defaults import default_plan
from netplan.demo import demo_files
from netplan.store import Store
from netplan.tui import app as app_module
from netplan.tui.app import NetplanApp
from netplan.tui.common.messages import OpenContact
from netplan.tui.contacts.log_form import LogForm
from netplan.tui.contacts.pane import ContactsPane
from netplan.tui.week.agenda import Agenda
from netplan.tui.week.agenda_items import ItemKind
from netplan.tui.week.grid import RoutineGrid
from netplan.tui.week.panes import WeekPane


class RecordingApp(NetplanApp):
    """The app, noting each OpenContact the agenda posts."""

    CSS_PATH = [str(Path(app_module.__file__).parent / path) for path in NetplanApp.CSS_PATH]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.opened: list[tuple[str, bool]] = []

    def on_open_contact(self, message: OpenContact) -> None:
        # Textual then runs NetplanApp's handler too, unless the default is prevented.
        self.opened.append((message.contact_id, message.log))
        if not hasattr(ContactsPane, "show_contact"):
            message.prevent_default()  # the Contacts pane's half is not there yet
            self.action_show_tab("contacts")


def recording_app(store: Store) -> RecordingApp:
    app = RecordingApp(store=store, today=TODAY)
    app.animation_level = "none"
    return app


def agenda_of(app) -> Agenda:
    return app.query_one(WeekPane).query_one(Agenda)


def items(agenda: Agenda, kind: ItemKind | None = None) -> list:
    return [item for _s, _n, item in agenda._laid.spans if kind is None or item.kind is kind]


def highlighted(agenda: Agenda) -> list[str]:
    """The names on the lines the cursor colours."""
    cursor = agenda.query_one(".agenda-people").content.renderables
    return [
        line.plain.split("  ")[0]
        for line in cursor
        if any(
            span.style.bgcolor is not None for span in line.spans if isinstance(span.style, Style)
        )
    ]


def screen_text(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def to_agenda(pilot, app) -> Agenda:
    await settle(pilot, app)
    await pilot.pause(0.05)
    assert isinstance(app.focused, RoutineGrid)
    await pilot.press("tab")
    await pilot.pause()
    agenda = agenda_of(app)
    assert app.focused is agenda
    return agenda


async def to_item(pilot, agenda: Agenda, kind: ItemKind) -> None:
    index = next(i for i, (_s, _n, item) in enumerate(agenda._laid.spans) if item.kind is kind)
    for _ in range(index):
        await pilot.press("j")
    await pilot.pause()
    assert agenda.current_item is not None and agenda.current_item.kind is kind


def many_due(folder: Path, count: int = 50) -> Store:
    store = Store(folder)
    store.ensure()
    store.load()
    people = book(
        *(contact(f"person-{n:02d}", follow_up=TODAY - timedelta(days=n + 1)) for n in range(count))
    )
    store.save(plan=default_plan(), contacts=people, journal=journal())
    return Store(folder)


# --- getting there and back --------------------------------------------------------------


async def test_tab_reaches_the_agenda_its_cursor_moves_and_escape_goes_back(
    demo_store: Store,
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        agenda = await to_agenda(pilot, app)
        first = agenda.current_item
        assert first is not None and first.name == "Nadia Haddad"
        await pilot.press("j", "down")
        assert agenda.current_item.name == items(agenda)[2].name
        await pilot.press("k")
        assert agenda.current_item.name == items(agenda)[1].name
        assert highlighted(agenda) == [items(agenda)[1].name]
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is app.query_one(WeekPane).grid
        assert highlighted(agenda) == []  # the cursor shows while the agenda has focus


async def test_a_click_puts_the_cursor_on_a_person(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        agenda = agenda_of(app)
        start, _count, item = agenda._laid.spans[3]
        await pilot.click(agenda.query_one(".agenda-people"), offset=(3, start))
        await pilot.pause()
        assert app.focused is agenda
        assert agenda.current_item == item
        assert highlighted(agenda) == [item.name]


# --- enter, l, K -------------------------------------------------------------------------


async def test_enter_on_a_follow_up_opens_the_person_in_the_contacts_tab(
    demo_store: Store,
) -> None:
    app = recording_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await to_agenda(pilot, app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.query_one(TabbedContent).active == "contacts")
        assert app.opened == [("nadia-haddad", False)]


async def test_l_asks_the_contacts_tab_to_log_with_the_person(demo_store: Store) -> None:
    app = recording_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        agenda = await to_agenda(pilot, app)
        await pilot.press("j")
        person = agenda.current_item
        await pilot.press("l")
        await wait_for(pilot, lambda: app.query_one(TabbedContent).active == "contacts")
        assert app.opened == [(person.contact_id, True)]
        if hasattr(ContactsPane, "show_contact"):  # the Contacts pane opens the log form
            await wait_for(pilot, lambda: isinstance(app.screen, LogForm), what="LogForm")


async def test_K_keeps_the_promise_on_the_cursor(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        agenda = await to_agenda(pilot, app)
        await to_item(pilot, agenda, ItemKind.promise)
        promise = agenda.current_item
        assert promise.name == "Jonas Lindqvist"
        await pilot.press("K")
        await settle(pilot, app)
        await notified(pilot, app, "Kept “Send the proposal” for Jonas Lindqvist", "12 days late")
        kept = {i.id: i.kept for i in on_disk(demo_store).journal.interactions}
        assert kept[promise.interaction_id] == TODAY
        assert promise.interaction_id not in [i.interaction_id for i in items(agenda)]


async def test_K_on_a_line_without_a_promise_says_so(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await to_agenda(pilot, app)
        before = (demo_store.folder / "journal.toml").read_bytes()
        await pilot.press("K")
        await notified(pilot, app, "No promise on this line")
        await settle(pilot, app)
        assert (demo_store.folder / "journal.toml").read_bytes() == before


# --- what it lists ---------------------------------------------------------------------


async def test_reach_out_lists_nobody_listed_above(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot, app)
        agenda = agenda_of(app)
        sections = agenda._sections
        above = {
            i.contact_id for s in sections if s.title != "Reach out this week" for i in s.items
        }
        (reach_out,) = [s for s in sections if s.title == "Reach out this week"]
        assert [(i.name, i.detail) for i in reach_out.items] == [("Henrik Dahl", "give first")]
        assert not above & {i.contact_id for i in reach_out.items}


async def test_reasons_show_in_full_at_120_wide(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    store.ensure()
    store.load()
    store.save(**demo_files(TODAY))
    app = make_app(Store(store.folder))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.pause(0.1)
        agenda = agenda_of(app)
        (reach_out,) = [s for s in agenda._sections if s.title == "Reach out this week"]
        lines = [line.split("▏", 1)[-1].strip() for line in screen_text(app)]
        start = lines.index("Reach out this week")
        shown = " ".join(lines[start : start + 12])
        for item in reach_out.items:
            assert item.name in shown
            assert item.detail in shown, (item.detail, lines[start : start + 12])
            assert "…" not in shown.split(item.name, 1)[1].split(item.detail, 1)[0]
        assert any(i.detail.startswith("thank them: endorsed you") for i in reach_out.items)


async def test_sections_grow_with_the_height(tmp_path: Path) -> None:
    store = many_due(tmp_path / "store")
    for size, shown in (((120, 36), range(7, 30)), ((200, 50), range(30, 50))):
        app = make_app(store)
        async with app.run_test(size=size) as pilot:
            await settle(pilot, app)
            await pilot.pause(0.05)
            agenda = agenda_of(app)
            follow_ups = items(agenda, ItemKind.follow_up)
            assert len(follow_ups) in shown, (size, len(follow_ups))
            text = [line.plain for line in agenda._people_parts]
            assert f"… {50 - len(follow_ups)} more" in text
            # The column is filled, not overfilled: no scrolling needed.
            assert agenda.max_scroll_y == 0
            assert len(text) + 4 >= agenda.scrollable_content_region.height - 1


async def test_the_demo_fills_the_column_at_200x50(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot, app)
        agenda = agenda_of(app)
        assert len(items(agenda, ItemKind.follow_up)) == 10  # all of them, more than 6
        assert not any(line.plain.startswith("… ") for line in agenda._people_parts)


async def test_a_first_run_points_to_the_import(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.pause(0.05)
        text = "\n".join(line.plain for line in agenda_of(app)._people_parts)
        assert "No contacts yet" in text and "i: import" in text
        assert "Nothing due" not in text and "Everyone is up to date" not in text


# --- colours and cost ------------------------------------------------------------------


def _color_of(agenda: Agenda, needle: str):
    line = next(line for line in agenda._people_parts if needle in line.plain)
    start = line.plain.index(needle)
    (span,) = [s for s in line.spans if s.start <= start < s.end and s.style.color]
    return span.style.color.triplet


async def test_colours_follow_the_theme(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        agenda = agenda_of(app)
        for theme in ("textual-dark", "textual-light"):
            app.theme = theme
            await pilot.pause(0.05)
            error = Color.parse(app.theme_colors()["error"]).rich_color.triplet
            assert _color_of(agenda, "14d overdue") == error


async def test_a_check_off_repaints_the_time_alone(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        agenda = agenda_of(app)
        sections, laid = agenda._sections, agenda._laid
        people = agenda.query_one(".agenda-people")
        shown = people._netplan_shown
        time = agenda.query_one(".agenda-time")._netplan_shown
        await pilot.press("space")
        await settle(pilot, app)
        assert agenda._sections is sections and agenda._laid is laid
        assert people._netplan_shown is shown
        assert agenda.query_one(".agenda-time")._netplan_shown != time
