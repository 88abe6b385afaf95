"""The command palette holds every action from every tab; keys follow [settings.keymap]."""

from __future__ import annotations

from app_helpers import TODAY, make_app, messages, on_disk, settle, wait_for
from textual.widgets import Static, TabbedContent

from netplan.store import Store
from netplan.tui.common.footer import KeysFirstFooter
from netplan.tui.common.help import LEGEND, HelpScreen
from netplan.tui.contacts.log_form import LogForm


def _commands(app) -> dict[str, str]:
    return {c.title: c.help for c in app.get_system_commands(app.screen)}


def _with_keymap(store: Store, keymap: dict[str, str]) -> Store:
    snapshot = store.load()
    plan = snapshot.plan.model_copy(
        update={"settings": snapshot.plan.settings.model_copy(update={"keymap": keymap})}
    )
    store.save(plan=plan)
    return Store(store.folder)


async def test_the_palette_lists_every_tabs_actions_from_the_week_tab(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        assert app.query_one(TabbedContent).active == "week"
        commands = _commands(app)
        for title in ("Week: Check", "Month: Check", "Contacts: Log", "Goals: Add", "Undo"):
            assert title in commands, title
        assert commands["Contacts: Log"].endswith("(key l)")
        assert commands["Week: Check"].endswith("(key space or x)")
        # Widgets' own keys are not actions of netplan.
        for internal in ("Cursor left", "Bottom", "Copy selected text", "Focus Next", "Maximize"):
            assert not any(title.endswith(internal) for title in commands), internal
        # netplan's ? and q instead of Textual's Keys panel and immediate Quit
        assert commands["Keys"].endswith("(key ?)") and commands["Quit"].endswith("(key q)")


async def test_choosing_an_action_of_another_tab_goes_there_and_does_it(
    demo_store: Store,
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"contacts: log")
        await wait_for(pilot, lambda: "Contacts: Log" in _shown_in_palette(app), what="match")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LogForm), what="the log form")
        assert app.query_one(TabbedContent).active == "contacts"


def _shown_in_palette(app) -> str:
    from textual.command import CommandList

    try:
        options = app.screen.query_one(CommandList)
    except Exception:
        return ""
    return "\n".join(
        str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
    )


async def test_a_keymap_in_the_settings_moves_a_key(store: Store) -> None:
    from netplan.models import Routine

    snapshot = store.load()
    routine = Routine(id="engage", title="Engage", period="week", target=3)
    store.save(plan=snapshot.plan.model_copy(update={"routines": [routine]}))
    store = _with_keymap(Store(store.folder), {"check": "c"})
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("space")  # no longer the check-off key
        await settle(pilot, app)
        assert on_disk(store).plan.completions.get(TODAY, {}) == {}
        await pilot.press("c")
        await settle(pilot, app)
        assert on_disk(store).plan.completions[TODAY]["engage"] == 1
        assert _commands(app)["Week: Check"].endswith("(key c)")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = {desc.split(":")[0]: keys for keys, desc in app.screen.rows}
        assert keys["Check"] == "c"


async def test_an_unknown_id_in_the_keymap_is_said(store: Store) -> None:
    store = _with_keymap(store, {"chekc": "c", "undo": "ctrl+z"})
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await wait_for(pilot, lambda: any("chekc" in m for m in messages(app)), what="warning")
        warning = next(m for m in messages(app) if "chekc" in m)
        assert "undo" not in warning and "[settings.keymap]" in warning
        await pilot.press("ctrl+z")  # the known one works
        await pilot.pause()
        assert any("Nothing to undo" in m for m in messages(app))


async def test_help_lists_netplans_quit_only(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()
        keys = [keys for keys, _desc in app.screen.rows]
        assert "q" in keys and "^q" not in keys and "ctrl+q" not in keys
        # Every mark the screens draw is explained below the keys.
        legend = app.screen.query_one(".help-legend", Static)
        legend.scroll_visible(animate=False)
        await pilot.pause()
        text = "\n".join(strip.text for strip in legend.render_lines(legend.region.reset_offset))
        for marks, meaning in LEGEND:
            assert marks in text and meaning.split(":")[0][:30] in text.replace("\n", " ")
        assert "↑ the best streak" in text and "give first" in text


async def test_at_80_columns_the_footer_starts_with_help_and_quit(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        footer = app.query_one(KeysFirstFooter)
        keys = [key for key in footer.children if hasattr(key, "action")]
        assert [key.action for key in keys[:2]] == ["help", "quit"]
        assert all(key.region.right <= 80 for key in keys[:2])
